# SPDX-License-Identifier: MIT
"""`atenscope report` and `atenscope diff` end to end, on tests/data/runs (three nightly runs
made by tools/make_runs.py, figures in runs.expected.json computed there): figures against
Python's, golden Markdown and JSON, the CI gate's exit codes, bad input, and the HTML page
opened in Debian's Chromium (headless): tables rendered, sorted and filtered, pictures decoded.

Set ATENSCOPE_UPDATE_GOLDEN=1 to rewrite the golden files (then review the diff).
"""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from test_cli import BIN, DATA, EPOCH, GOLDEN, data, expected, run

RUNS = data("runs")


def runs():
    return expected("runs.expected.json")


def run_version():
    """The version the built atenscope says it is (\"atenscope 0.9.0\" -> \"0.9.0\")."""
    out = subprocess.run([os.path.abspath(BIN), "--version"], capture_output=True, text=True, check=True).stdout
    return out.split("\n")[0].split()[1]


class Report:
    """A report written to a temporary folder."""

    def __init__(self, *paths, extra=(), cwd=None):
        self.dir = tempfile.mkdtemp(prefix="atenscope-report-")
        self.out = os.path.join(self.dir, "report")
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        self.result = subprocess.run([os.path.abspath(BIN), "report", *paths, "--out", self.out, *extra], capture_output=True, text=True,
                                     env=env, cwd=cwd)

    def json(self):
        with open(os.path.join(self.out, "report.json"), encoding="utf-8") as handle:
            return json.load(handle)

    def text(self, name):
        with open(os.path.join(self.out, name), encoding="utf-8") as handle:
            return handle.read()

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def priority(models):
    """The lowering priority, computed again from the expected figures of one run."""
    ops = {}
    for m in models.values():
        if m["status"] == "❌":
            continue
        for op, n in m["op_frequency"].items():
            e = ops.setdefault(op, {"op": op, "nodes": 0, "models": 0, "models_fully_converted": 0})
            e["nodes"] += n
            e["models"] += 1
            if len(m["op_frequency"]) == 1:
                e["models_fully_converted"] += 1
    return sorted(ops.values(), key=lambda e: (-e["models_fully_converted"], -e["nodes"], -e["models"], e["op"]))


class TestReport(unittest.TestCase):
    def test_figures_of_every_run(self):
        status = {"✅": "converted", "🚧": "remaining", "❌": "failed"}
        for name, models in runs()["runs"].items():
            with self.subTest(run=name):
                r = Report(os.path.join(RUNS, name))
                try:
                    self.assertEqual(r.result.returncode, 0, r.result.stderr)
                    doc = r.json()
                    got = {m["model"]: m for m in doc["models"]}
                    self.assertEqual(sorted(got), sorted(models))
                    for model, e in models.items():
                        m = got[model]
                        self.assertEqual(m["status"], status[e["status"]], model)
                        self.assertEqual(m["original_ops_count"], e["original_aten_ops"], model)
                        self.assertEqual(m["original_unique_op_types"], e["original_unique"], model)
                        if e["status"] == "❌":
                            continue
                        self.assertEqual(m["total_remaining_ops"], e["remaining"], model)
                        self.assertEqual(m["unique_op_types"], e["unique_op_types"], model)
                        self.assertEqual(m["to_from_device_ops"], e["to_from_device"], model)
                        self.assertEqual(m["remaining_ops"], e["variations"], model)
                    live = [e for e in models.values() if e["status"] != "❌"]
                    self.assertEqual(doc["summary"]["total_remaining_ops"], sum(e["remaining"] for e in live))
                    self.assertEqual(doc["summary"]["failed_models"], sum(1 for e in models.values() if e["status"] == "❌"))
                    before = sum(e["original_aten_ops"] for e in live)
                    self.assertAlmostEqual(doc["summary"]["conversion_percentage"],
                                           (before - sum(e["remaining"] for e in live)) / before * 100)
                    self.assertEqual(doc["lowering_priority"]["ops"], priority(models))
                    counts = {}
                    for e in live:
                        for op, n in e["op_frequency"].items():
                            counts[op] = counts.get(op, 0) + n
                    self.assertEqual({o["op"]: o["count"] for o in doc["ops"]}, counts)
                finally:
                    r.close()

    def test_run_time_columns(self):
        """torch_ttnn's README columns of how the runs went, from the metrics folder's
        *-run_time_metrics.pickle (read here with Python's pickle): batch, compiled first run (ms),
        throughputs (batch over the run's ms), accuracy; a failed model's remaining ops are null."""
        import pickle
        root = data("metrics")
        r = Report(root)
        try:
            self.assertEqual(r.result.returncode, 0, r.result.stderr)
            doc = r.json()
            md = r.text("report.md")
            self.assertIn("| Batch | Compiled First Run (ms) | Original Throughput (Inferences Per Second) | "
                          "Compiled Throughput (Inferences Per Second) | Accuracy (%) |", md)
            models = {m["model"]: m for m in doc["models"]}
            checked = 0
            for name, m in models.items():
                runs = {}
                for side in ("original", "compiled"):
                    path = os.path.join(root, name, f"{side}-run_time_metrics.pickle")
                    if os.path.exists(path):
                        with open(path, "rb") as handle:
                            runs[side] = pickle.load(handle)
                original, compiled = runs.get("original", {}), runs.get("compiled", {})
                batch = compiled.get("batch_size", original.get("batch_size"))
                self.assertEqual(m["batch"], batch, name)
                self.assertEqual(m["compiled_first_run_ms"], compiled.get("run_time_first_iter"), name)
                self.assertEqual(m["accuracy"], compiled.get("accuracy", original.get("accuracy")), name)
                for side, run in (("original", original), ("compiled", compiled)):
                    want = batch * 1000 / run["run_time"] if batch and run.get("run_time") else None
                    if want is None:
                        self.assertIsNone(m[f"{side}_throughput"], name)
                    else:
                        self.assertAlmostEqual(m[f"{side}_throughput"], want, places=6, msg=name)
                if m["status"] == "failed":
                    self.assertIsNone(m["total_remaining_ops"], name)
                    self.assertIsNone(m["unique_op_types"], name)
                checked += bool(runs)
            self.assertGreaterEqual(checked, 2)
            # The row of the model with every figure, as printed.
            row = next(line for line in md.splitlines() if line.startswith("| resnet18 |"))
            self.assertIn("| 1 | 9.5 | 2380.95 | 800 | 99.87 |", row)
        finally:
            r.close()

    def test_counts_agree_with_their_nouns(self):
        """One model, one op of one kind: said in the singular."""
        r = Report(data("bert.simulated-ttnn.json"))
        try:
            self.assertEqual(r.result.returncode, 0, r.result.stderr)
            doc = r.json()
            self.assertEqual((doc["summary"]["total_remaining_ops"], doc["summary"]["unique_op_types"]), (1, 1))
            self.assertIn(": 1 model (0 converted, 1 with aten ops, 0 failed), 1 remaining aten op of 1 kind\n", r.result.stderr)
        finally:
            r.close()
        gate = subprocess.run([os.path.abspath(BIN), "analyze", data("bert.simulated-ttnn.json"), "--max-remaining", "0"],
                              capture_output=True, text=True)
        self.assertEqual(gate.returncode, 1)
        self.assertIn("bert: 1 aten op remains, more than --max-remaining 0", gate.stderr)

    def test_golden_markdown_and_json(self):
        # Paths relative to the test data, as the golden files name them.
        r = Report(os.path.join("runs", "baseline"), "bert.simulated-ttnn.json", "bert.original.json", cwd=DATA)
        try:
            self.assertEqual(r.result.returncode, 0, r.result.stderr)
            # What made the report: this atenscope (its version stands as VERSION in the golden
            # files) and the torch the fixtures were traced with.
            version = run_version()
            self.assertEqual(r.json()["generator"], "atenscope " + version)
            bert_torch = next(m for m in r.json()["models"] if m["model"] == "bert")["torch"]
            with open(os.path.join(DATA, "bert.simulated-ttnn.json"), encoding="utf-8") as handle:
                self.assertEqual(bert_torch, json.load(handle)["producer"]["torch"])
            self.assertIn(f"by atenscope {version} from graphs of torch {bert_torch}", r.text("report.md"))
            for name, golden in (("report.md", "report-baseline.md"), ("report.json", "report-baseline.json")):
                text = r.text(name).replace("atenscope " + version, "atenscope VERSION")
                path = os.path.join(GOLDEN, golden)
                if os.environ.get("ATENSCOPE_UPDATE_GOLDEN"):
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write(text)
                with open(path, encoding="utf-8") as handle:
                    self.assertEqual(text, handle.read(), f"{name} differs from {golden} (ATENSCOPE_UPDATE_GOLDEN=1 rewrites it)")
            doc = r.json()
            bert = next(m for m in doc["models"] if m["model"] == "bert")
            self.assertTrue(bert["has_graph"])
            self.assertEqual(bert["image"], "images/bert-1.png")
            self.assertEqual(bert["image"], bert["images"][0]["file"])
            for picture in bert["images"]:
                with open(os.path.join(r.out, picture["file"]), "rb") as handle:
                    self.assertEqual(handle.read(8), b"\x89PNG\r\n\x1a\n")
                self.assertLessEqual(set(picture["ops"]), set(bert["remaining_ops"]))
            total = expected("bert.simulated-ttnn.expected.json")["profiles"]["ttnn"]["total"]
            self.assertEqual(bert["total_remaining_ops"], total["remaining"])
            html = r.text("index.html")
            self.assertIn("data:image/png;base64,", html)
            # Status drawn (inline SVG) or said, never an emoji a machine may lack the font for.
            for symbol in ("\u2705", "\U0001F6A7", "\u274C"):
                self.assertNotIn(symbol, html)
            self.assertIn('<svg class="st"', html)
            self.assertIn("\U0001F6A7", r.text("report.md"))  # Markdown keeps torch_ttnn's symbols
            self.assertNotIn("http://", html.replace("http://www.w3.org", ""))  # self-contained
            self.assertNotIn("https://", html)
        finally:
            r.close()

    def test_the_folder_holds_a_whole_report(self):
        """DIR is replaced as a whole (a previous report's), never mixed with what else it held;
        leftovers of a killed run (a dead process's temporary folder) are removed."""
        r = Report(data("bert.simulated-ttnn.json"))
        try:
            self.assertEqual(r.result.returncode, 0, r.result.stderr)
            first = set(os.listdir(os.path.join(r.out, "images")))
            dead = subprocess.Popen(["true"])
            dead.wait()
            stale = os.path.join(r.dir, f".report.{dead.pid}.abcdef")
            os.makedirs(stale)
            env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
            again = subprocess.run([BIN, "report", data("llama.simulated-ttnn.json"), "--out", r.out], capture_output=True, text=True, env=env)
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertEqual([m["model"] for m in r.json()["models"]], ["llama"])
            self.assertFalse(set(os.listdir(os.path.join(r.out, "images"))) & first - {f for f in first if f.startswith("llama")},
                             "pictures of the previous report left behind")
            self.assertFalse(os.path.exists(stale), "a dead run's temporary folder left")
            self.assertEqual([n for n in os.listdir(r.dir) if n.startswith(".")], [], "temporaries left beside the report")
            # A folder holding something else is not replaced, and says what is in the way.
            with open(os.path.join(r.out, "notes.txt"), "w", encoding="utf-8") as handle:
                handle.write("mine")
            refused = subprocess.run([BIN, "report", data("bert.simulated-ttnn.json"), "--out", r.out], capture_output=True, text=True,
                                     env=env)
            self.assertEqual(refused.returncode, 2)
            self.assertIn("notes.txt", refused.stderr)
            self.assertEqual([m["model"] for m in r.json()["models"]], ["llama"])
            with open(os.path.join(r.out, "notes.txt"), encoding="utf-8") as handle:
                self.assertEqual(handle.read(), "mine")
        finally:
            r.close()

    def test_bad_input_writes_nothing(self):
        bad = expected("bad/expected.json")
        name = sorted(bad)[0]
        r = Report(os.path.join(RUNS, "baseline"), data(os.path.join("bad", name)))
        try:
            self.assertEqual(r.result.returncode, 2)
            self.assertIn(name, r.result.stderr)
            self.assertFalse(os.path.exists(r.out))
        finally:
            r.close()

    def test_usage(self):
        self.assertEqual(run("report", RUNS).returncode, 2)  # no --out
        self.assertEqual(run("report", "--out", "/tmp/x").returncode, 2)  # no PATH
        self.assertIn("--out DIR", run("report", "--help").stdout)


def diff(before, after, *extra):
    return run("diff", before, after, *extra)


class TestDiff(unittest.TestCase):
    def side(self, name):
        return os.path.join(RUNS, name)

    def test_changes_against_python(self):
        for pair, models in runs()["diffs"].items():
            before, after = pair.split("->")
            with self.subTest(pair=pair):
                r = diff(self.side(before), self.side(after), "--json")
                self.assertEqual(r.returncode, 0, r.stderr)
                doc = json.loads(r.stdout)
                got = {m["model"]: m for m in doc["models"]}
                self.assertEqual(sorted(got), sorted(models))
                for model, e in models.items():
                    m = got[model]
                    self.assertEqual(bool(m["worse"]), e["worse"], (model, m["worse"]))
                    self.assertEqual(bool(m["better"]) and not m["worse"], e["better"], (model, m["better"]))
                    self.assertEqual(m["new_ops"], e["new_ops"], model)
                    self.assertEqual(m["converted_ops"], e["converted_ops"], model)
                self.assertEqual(doc["regressed"], any(e["worse"] for e in models.values()))

    def test_gate_exit_codes(self):
        expect = runs()["diffs"]
        for pair, code in (("baseline->improved", 0), ("baseline->regressed", 1), ("baseline->baseline", 0), ("improved->baseline", 1)):
            before, after = pair.split("->")
            self.assertEqual(code, 1 if any(e["worse"] for e in expect[pair].values()) else 0)
            r = diff(self.side(before), self.side(after), "--fail-on-regression")
            self.assertEqual(r.returncode, code, (pair, r.stderr))
            if code:
                # Each reason on stderr in every output mode, and kept in the output.
                reasons = [line for line in r.stderr.splitlines() if line.startswith("atenscope diff: gate: ")]
                self.assertTrue(reasons, r.stderr)
                for mode in ((), ("--json",), ("--markdown",)):
                    m = diff(self.side(before), self.side(after), "--fail-on-regression", *mode)
                    self.assertEqual(m.returncode, 1, mode)
                    self.assertEqual([line for line in m.stderr.splitlines() if line.startswith("atenscope diff: gate: ")], reasons, mode)
                    for line in reasons:
                        self.assertIn(line[len("atenscope diff: gate: "):].split(": ", 1)[-1], m.stdout, mode)
            # Without a gate a regression is reported, not failed.
            self.assertEqual(diff(self.side(before), self.side(after)).returncode, 0, pair)

    def test_limits(self):
        improved = runs()["runs"]["improved"]
        most = max(m["remaining"] for m in improved.values())
        total = sum(m["remaining"] for m in improved.values())
        base, after = self.side("baseline"), self.side("improved")
        self.assertEqual(diff(base, after, "--max-remaining", str(most)).returncode, 0)
        self.assertEqual(diff(base, after, "--max-remaining", str(most - 1)).returncode, 1)
        self.assertEqual(diff(base, after, "--max-total-remaining", str(total)).returncode, 0)
        self.assertEqual(diff(base, after, "--max-total-remaining", str(total - 1)).returncode, 1)
        lowest = min((m["original_aten_ops"] - m["remaining"]) / m["original_aten_ops"] * 100 for m in improved.values())
        self.assertEqual(diff(base, after, "--min-conversion", f"{lowest - 0.01:.2f}").returncode, 0)
        self.assertEqual(diff(base, after, "--min-conversion", f"{lowest + 0.01:.2f}").returncode, 1)
        before_all = sum(m["original_aten_ops"] for m in improved.values())
        overall = (before_all - total) / before_all * 100
        self.assertEqual(diff(base, after, "--min-total-conversion", f"{overall - 0.01:.2f}").returncode, 0)
        r = diff(base, after, "--min-total-conversion", f"{overall + 0.01:.2f}")
        self.assertEqual(r.returncode, 1)
        self.assertIn("--min-total-conversion", r.stdout)  # the text lists why; stderr says the gate failed
        self.assertIn("gate failed", r.stderr)

    def test_report_json_as_a_side(self):
        r = Report(self.side("baseline"), extra=("--no-images",))
        try:
            self.assertEqual(r.result.returncode, 0, r.result.stderr)
            saved = os.path.join(r.out, "report.json")
            from_json = diff(saved, self.side("regressed"), "--json")
            from_run = diff(self.side("baseline"), self.side("regressed"), "--json")
            self.assertEqual(from_json.returncode, 0, from_json.stderr)
            a, b = json.loads(from_json.stdout), json.loads(from_run.stdout)
            self.assertEqual(a["models"], b["models"])
            self.assertEqual(a["ops"], b["ops"])
            self.assertEqual(diff(saved, self.side("regressed"), "--fail-on-regression").returncode, 1)
            self.assertEqual(diff(saved, saved, "--fail-on-regression").returncode, 0)
            # A damaged report.json: exit 2, the file and the place named.
            with open(saved, encoding="utf-8") as handle:
                doc = json.load(handle)
            doc["models"][1]["total_remaining_ops"] = "many"
            broken = os.path.join(r.dir, "broken.json")
            with open(broken, "w", encoding="utf-8") as handle:
                json.dump(doc, handle)
            bad = diff(broken, saved)
            self.assertEqual(bad.returncode, 2)
            self.assertIn("broken.json: /models/1/total_remaining_ops", bad.stderr)
            self.assertEqual(bad.stdout, "")
        finally:
            r.close()

    def test_report_since_a_baseline(self):
        """report --baseline: the page, the Markdown and the JSON carry the changes, per model and per op."""
        expect = runs()
        for pair in ("baseline->regressed", "baseline->improved", "improved->baseline"):
            before, after = pair.split("->")
            models = expect["diffs"][pair]
            with self.subTest(pair=pair):
                r = Report(self.side(after), extra=("--no-images", "--baseline", self.side(before)))
                try:
                    self.assertEqual(r.result.returncode, 0, r.result.stderr)
                    doc = r.json()
                    b = doc["baseline"]
                    self.assertEqual(b["source"], self.side(before))
                    got = {m["model"]: m for m in b["models"]}
                    self.assertEqual(sorted(got), sorted(models))
                    for model, e in models.items():
                        self.assertEqual(bool(got[model]["worse"]), e["worse"], model)
                        self.assertEqual(bool(got[model]["better"]) and not got[model]["worse"], e["better"], model)
                        self.assertEqual(got[model]["new_ops"], e["new_ops"], model)
                        self.assertEqual(got[model]["converted_ops"], e["converted_ops"], model)
                    self.assertEqual(b["regressed"], any(e["worse"] for e in models.values()))
                    # The baseline's totals, counted again from the expected figures of that run.
                    then = expect["runs"][before]
                    self.assertEqual(b["summary"]["total_remaining_ops"], sum(m["remaining"] for m in then.values()))
                    # The same changes `diff --json` reports.
                    d = json.loads(diff(self.side(before), self.side(after), "--json").stdout)
                    self.assertEqual(b["models"], d["models"])
                    self.assertEqual(b["ops"], d["ops"])
                    # Per model, in the Markdown and the page: how it went and by how many remaining ops.
                    markdown, page = r.text("report.md"), r.text("index.html")
                    self.assertIn("## Changes since the baseline", markdown)
                    self.assertIn('id="changes"', page)
                    now = expect["runs"][after]
                    for model, e in models.items():
                        word = "worse" if e["worse"] else "better" if e["better"] else "same"
                        failed = "❌" in (then[model]["status"], now[model]["status"])
                        delta = 0 if failed else now[model]["remaining"] - then[model]["remaining"]
                        text = word + (f" ({delta:+d})" if delta else "")
                        table = markdown.split("\n## Models\n", 1)[1]
                        row = next(line for line in table.splitlines() if line.startswith(f"| {model} | "))
                        self.assertTrue(row.endswith(f"| {text} |"), (model, row))
                        self.assertIn(f'class="n ch-{word}" data-v="{delta}">', page)
                        if e["worse"] or e["better"]:
                            self.assertIn(f'<td><a href="#model-{model}">{model}</a></td><td class="n ch-{word}"', page)
                    # Run-wide op counts then and now, counted again from the expected figures.
                    def counts(run):
                        total = {}
                        for m in run.values():
                            for op, n in m["op_frequency"].items():
                                total[op] = total.get(op, 0) + n
                        return total
                    c0, c1 = counts(then), counts(now)
                    for op in set(c0) | set(c1):
                        if c0.get(op, 0) != c1.get(op, 0):
                            self.assertIn(f"| {op} | {c0.get(op, 0)} | {c1.get(op, 0)} |", markdown)
                    self.assertIn("since the baseline", r.result.stderr)
                finally:
                    r.close()
        # A report.json as the baseline gives the same changes; without one, "baseline" is null.
        saved = Report(self.side("baseline"), extra=("--no-images",))
        try:
            self.assertIsNone(saved.json()["baseline"])
            self.assertNotIn("Changes since the baseline", saved.text("report.md"))
            self.assertNotIn('id="changes"', saved.text("index.html"))
            from_json = Report(self.side("regressed"), extra=("--no-images", "--baseline", os.path.join(saved.out, "report.json")))
            from_run = Report(self.side("regressed"), extra=("--no-images", "--baseline", self.side("baseline")))
            try:
                self.assertEqual(from_json.json()["baseline"]["models"], from_run.json()["baseline"]["models"])
            finally:
                from_json.close()
                from_run.close()
            # A bad baseline: exit 2, the file named, nothing written.
            for bad, says in ((data(os.path.join("bad", sorted(expected("bad/expected.json"))[0])), "bad"), ("/nonexistent", "nonexistent")):
                r = Report(self.side("regressed"), extra=("--no-images", "--baseline", bad))
                try:
                    self.assertEqual(r.result.returncode, 2, r.result.stderr)
                    self.assertIn(says, r.result.stderr)
                    self.assertFalse(os.path.exists(r.out))
                finally:
                    r.close()
        finally:
            saved.close()

    def test_two_models_of_different_names(self):
        with tempfile.TemporaryDirectory() as tmp:
            renamed = os.path.join(tmp, "resnet18-new")
            shutil.copytree(os.path.join(self.side("regressed"), "resnet18"), renamed)
            r = diff(os.path.join(self.side("baseline"), "resnet18"), renamed, "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = json.loads(r.stdout)
            self.assertEqual([m["model"] for m in doc["models"]], ["resnet18-new"])
            self.assertEqual(doc["models"][0]["new_ops"], runs()["diffs"]["baseline->regressed"]["resnet18"]["new_ops"])

    def test_markdown_and_bad_input(self):
        md = diff(self.side("baseline"), self.side("regressed"), "--markdown")
        self.assertEqual(md.returncode, 0)
        self.assertIn("| Remaining aten ops |", md.stdout)
        self.assertIn("aten.addmm.default", md.stdout)
        self.assertEqual(diff(self.side("baseline"), "/nonexistent").returncode, 2)
        self.assertEqual(run("diff", self.side("baseline")).returncode, 2)
        self.assertEqual(diff(self.side("baseline"), self.side("improved"), "--min-conversion", "150").returncode, 2)
        bad = expected("bad/expected.json")
        name = sorted(bad)[0]
        r = diff(self.side("baseline"), data(os.path.join("bad", name)))
        self.assertEqual(r.returncode, 2)
        self.assertIn(name, r.stderr)


HARNESS = """<!DOCTYPE html><html><body><iframe id="f" src="report/index.html" style="width:1200px;height:900px"></iframe>
<pre id="out">pending</pre><script>
document.getElementById('f').addEventListener('load', function () {
  const d = this.contentDocument, r = {};
  try {
    const t = d.getElementById('models-table'), rows = () => Array.from(t.tBodies[0].rows);
    r.models = rows().map(x => x.cells[0].textContent);
    r.height = t.getBoundingClientRect().height;
    r.rowHeights = rows().map(x => x.getBoundingClientRect().height);
    const k = Array.from(t.tHead.rows[0].cells).findIndex(c => c.textContent == 'Torch Ops Remain');
    const th = t.tHead.rows[0].cells[k];
    th.click(); r.desc = rows().map(x => parseFloat(x.cells[k].dataset.v)); r.sort1 = th.getAttribute('aria-sort');
    th.click(); r.asc = rows().map(x => parseFloat(x.cells[k].dataset.v)); r.sort2 = th.getAttribute('aria-sort');
    const name = t.tHead.rows[0].cells[0]; name.click(); name.click(); r.byNameDesc = rows().map(x => x.cells[0].textContent);
    const input = d.querySelector('input[data-table="models-table"]');
    input.value = 'llama'; input.dispatchEvent(new Event('input', {bubbles: true}));
    r.filtered = rows().filter(x => !x.hidden).map(x => x.cells[0].textContent);
    input.value = ''; input.dispatchEvent(new Event('input', {bubbles: true}));
    const select = d.querySelector('select[data-table="models-table"]');
    select.value = 'failed'; select.dispatchEvent(new Event('change', {bubbles: true}));
    r.failed = rows().filter(x => !x.hidden).map(x => x.cells[0].textContent);
    r.ops = Array.from(d.getElementById('ops-table').tBodies[0].rows).map(x => [x.cells[0].textContent, parseInt(x.cells[1].textContent)]);
    r.images = Array.from(d.images).map(i => i.complete ? i.naturalWidth : -1);  // loaded before the frame's load event
  } catch (e) { r.error = String(e); }
  document.getElementById('out').textContent = JSON.stringify(r);
});
</script></body></html>
"""


class TestHtmlInChromium(unittest.TestCase):
    def test_tables_render_sort_and_filter(self):
        chromium = shutil.which("chromium")
        self.assertIsNotNone(chromium, "Debian's chromium is needed (scripts/install-deps installs it)")
        r = Report(os.path.join(RUNS, "regressed"), data("bert.simulated-ttnn.json"), data("bert.original.json"))
        try:
            self.assertEqual(r.result.returncode, 0, r.result.stderr)
            harness = os.path.join(r.dir, "harness.html")
            with open(harness, "w", encoding="utf-8") as handle:
                handle.write(HARNESS)
            profile = os.path.join(r.dir, "chromium-profile")
            page = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                                   f"--user-data-dir={profile}", "--dump-dom", "file://" + harness],
                                  capture_output=True, text=True, timeout=120)
            start = page.stdout.find('<pre id="out">')
            self.assertGreaterEqual(start, 0, page.stderr[-2000:])
            text = page.stdout[start + len('<pre id="out">'):page.stdout.find("</pre>", start)]
            got = json.loads(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))
            self.assertNotIn("error", got)
            doc = r.json()
            names = [m["model"] for m in doc["models"]]
            self.assertEqual(got["models"], names)
            self.assertGreater(got["height"], 20 * len(names))  # laid out, not hidden
            self.assertTrue(all(h > 10 for h in got["rowHeights"]))
            remaining = [-1 if m["status"] == "failed" else m["total_remaining_ops"] for m in doc["models"]]
            self.assertEqual(got["desc"], sorted(remaining, reverse=True))
            self.assertEqual(got["sort1"], "descending")
            self.assertEqual(got["asc"], sorted(remaining))
            self.assertEqual(got["sort2"], "ascending")
            self.assertEqual(got["byNameDesc"], sorted(names, reverse=True))
            self.assertEqual(got["filtered"], ["llama"])
            self.assertEqual(got["failed"], sorted(m["model"] for m in doc["models"] if m["status"] == "failed"))
            self.assertEqual([[o["op"], o["count"]] for o in doc["ops"]], got["ops"])
            self.assertEqual(len(got["images"]), sum(len(m["images"]) for m in doc["models"]))
            self.assertTrue(all(w > 100 for w in got["images"]), got["images"])
        finally:
            r.close()


if __name__ == "__main__":
    unittest.main()
