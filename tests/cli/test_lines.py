# SPDX-License-Identifier: MIT
"""Source lines: which lines of a model's own code its remaining and converted nodes come from,
in `analyze --json` and in `report` (JSON, Markdown, HTML). Every count is computed again here
from the dumps alone: the stack traces parsed in Python, the innermost frame that is not torch's
taken, each node classified with the profile's own rules (as tools/make_fixtures.py does)."""

import json
import os
import re
import shutil
import tempfile
import unittest
from collections import Counter, defaultdict

from test_cli import BIN, DATA, data, run

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRACEBACK = re.compile(r'^\s*File "([^"]+)", line (\d+)(?:, in (.+))?$')
FX_COMMENT = re.compile(r"^\s*(?:# )?File: (.+):(\d+) in ([^,]+)(?:, code: (.*))?$")
TORCH_PACKAGES = ("torch", "functorch", "torchgen")


def frames(trace):
    out, code_next = [], False
    for line in trace.split("\n"):
        m = TRACEBACK.match(line)
        if m:
            out.append([m.group(1), int(m.group(2)), (m.group(3) or "").strip(), ""])
            code_next = True
            continue
        m = FX_COMMENT.match(line)
        if m:
            out.append([m.group(1), int(m.group(2)), m.group(3).strip(), (m.group(4) or "").strip()])
            code_next = False
            continue
        text = line.strip()
        if code_next and text and set(text) - set("^~ "):
            out[-1][3] = text
            code_next = False
    return out


def is_torch(path):
    if not path or path.startswith("<"):
        return True
    return any(path.startswith(p + "/") or ("/" + p + "/") in path for p in TORCH_PACKAGES)


def model_frame(trace):
    for f in reversed(frames(trace)):
        if not is_torch(f[0]):
            return f
    return None


def profile(name):
    with open(os.path.join(ROOT, "resources", "profiles", name + ".json"), encoding="utf-8") as handle:
        return json.load(handle)


def classify(node, by_name, prof, inside):
    op, target = node["op"], node.get("target", "")
    if op in ("placeholder", "get_attr", "output") or target == "operator.getitem":
        return "structural"
    if inside:
        return "converted"
    if op == "call_module" and prof["converted"]["call_module"]:
        return "structural"
    if op in ("call_function", "call_method"):
        dm = prof["data_movement"]
        if target in dm["targets"]:
            return "data_movement"
        feeders = dm["fed_by"].get(target)
        if feeders and any(by_name[i].get("target") in feeders for i in inputs(node) if by_name[i]["op"] == "call_function"):
            return "data_movement"
        if op == "call_function" and any(target.startswith(p) for p in prof["converted"]["target_prefixes"]):
            return "converted"
        if op == "call_function" and target.startswith("aten."):
            return "remaining"
    return "other"


def inputs(node):
    found = []

    def visit(v):
        if isinstance(v, dict):
            if set(v) == {"node"}:
                found.append(v["node"])
            else:
                for x in v.values():
                    visit(x)
        elif isinstance(v, list):
            for x in v:
                visit(x)

    visit(node.get("args", []))
    visit(node.get("kwargs", {}))
    return found


def expected_lines(path, prof):
    """(file, line) -> [remaining, converted, Counter of remaining ops, function, code]"""
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    traces = doc.get("stack_traces", [])
    lines = defaultdict(lambda: [0, 0, Counter(), "", ""])

    def walk(graph, inside):
        by_name = {n["name"]: n for n in graph["nodes"]}
        for node in graph["nodes"]:
            cls = classify(node, by_name, prof, inside)
            trace = node.get("meta", {}).get("stack_trace")
            if isinstance(trace, int):
                trace = traces[trace]
            f = model_frame(trace) if trace else None
            if f and cls in ("remaining", "converted"):
                entry = lines[(f[0], f[1])]
                entry[3], entry[4] = f[2], f[3]
                if cls == "remaining":
                    entry[0] += 1
                    entry[2][node["target"]] += 1
                else:
                    entry[1] += 1
            if "subgraph" in node:
                walk(node["subgraph"], inside or (node["op"] == "call_module" and prof["converted"]["call_module"]))

    for g in doc["graphs"]:
        walk(g, False)
    return lines


CASES = [(m, stage, p) for m in ("llama", "gpt2", "bert", "vit_b_16", "resnet18")
         for stage, p in (("partitioned", "partitioned"), ("simulated-ttnn", "ttnn"), ("original", "generic"))]


class TestSourceLines(unittest.TestCase):
    def check(self, got, want, where):
        with_remaining = {k: v for k, v in want.items() if v[0]}
        self.assertEqual(len(got), len(with_remaining), where)
        for row in got:
            key = (row["file"], row["line"])
            self.assertIn(key, with_remaining, where)
            w = with_remaining[key]
            self.assertEqual((row["remaining"], row["converted"], row["ops"]), (w[0], w[1], dict(w[2])), f"{where} {key}")
            self.assertEqual((row["function"], row["code"]), (w[3], w[4]), f"{where} {key}")
        ranks = [(-r["remaining"], -r["converted"]) for r in got]
        self.assertEqual(ranks, sorted(ranks), where + ": ranked by remaining, then converted")

    def test_analyze_json_against_python(self):
        seen_lines = 0
        for model, stage, prof in CASES:
            path = data(f"{model}.{stage}.json")
            r = run("analyze", path, "--profile", prof, "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = json.loads(r.stdout)["models"][0]
            want = expected_lines(path, profile(prof))
            self.check(doc["source_lines"], want, f"{model}.{stage}")
            seen_lines += len(doc["source_lines"])
            # every remaining node with a model frame is on exactly one line
            self.assertLessEqual(sum(x["remaining"] for x in doc["source_lines"]), doc["total_remaining_ops"])
        self.assertGreater(seen_lines, 50, "the fixtures' traces name lines")

    def test_llama_lines_are_modeling_llama(self):
        r = run("analyze", data("llama.partitioned.json"), "--json")
        lines = json.loads(r.stdout)["models"][0]["source_lines"]
        top = lines[0]
        self.assertEqual(top["file"], "transformers/models/llama/modeling_llama.py")
        self.assertIn("rsqrt", top["code"])
        self.assertEqual(sum(x["remaining"] for x in lines if x["file"].endswith("modeling_llama.py")),
                         sum(v[0] for k, v in expected_lines(data("llama.partitioned.json"), profile("partitioned")).items()
                             if k[0].endswith("modeling_llama.py")))

    def test_report_lines_across_models(self):
        out = tempfile.mkdtemp(prefix="atenscope-lines-")
        try:
            paths = [data("llama.partitioned.json"), data("gpt2.simulated-ttnn.json"), data("bert.simulated-ttnn.json")]
            r = run("report", *paths, "--out", os.path.join(out, "r"), "--no-images")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "r", "report.json"), encoding="utf-8") as handle:
                doc = json.load(handle)
            total = defaultdict(lambda: [0, 0, Counter(), "", "", Counter()])
            by_model = {os.path.basename(p).split(".")[0]: p for p in paths}
            self.assertEqual(sorted(by_model), [m["model"] for m in doc["models"]])
            for m in doc["models"]:
                path = by_model[m["model"]]
                prof = profile(m["profile"])
                want = expected_lines(path, prof)
                self.check(m["source_lines"], want, m["model"])
                for k, v in want.items():
                    t = total[k]
                    t[0] += v[0]
                    t[1] += v[1]
                    t[2].update(v[2])
                    t[3], t[4] = v[3], v[4]
                    if v[0]:
                        t[5][m["model"]] += v[0]
            self.check(doc["source_lines"], total, "run")
            for row in doc["source_lines"]:
                self.assertEqual(row["models"], dict(total[(row["file"], row["line"])][5]))
            shared = [row for row in doc["source_lines"] if len(row["models"]) > 1]
            self.assertTrue(shared, "a line of transformers' shared code leaves ops in two models")
            with open(os.path.join(out, "r", "report.md"), encoding="utf-8") as handle:
                md = handle.read()
            top = doc["source_lines"][0]
            self.assertIn(f"`{top['file']}:{top['line']}`", md)
            with open(os.path.join(out, "r", "index.html"), encoding="utf-8") as handle:
                page = handle.read()
            self.assertIn('id="lines-table"', page)
            self.assertEqual(page.count("<tr>", page.index('id="lines-table"'), page.index("</table>", page.index('id="lines-table"'))),
                             len(doc["source_lines"]) + 1)
        finally:
            shutil.rmtree(out, ignore_errors=True)

    def test_trace_log_lines(self):
        """TORCH_TRACE graphs carry fx's one-line 'File: path:line in fn, code: ...' comments."""
        r = run("analyze", data("traces/gpt2"), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        models = json.loads(r.stdout)["models"]
        lines = [x for m in models for x in m["source_lines"]]
        self.assertTrue(lines)
        for x in lines:
            self.assertFalse(is_torch(x["file"]), x)
            self.assertGreater(x["line"], 0)
            self.assertTrue(x["code"], x)


if __name__ == "__main__":
    unittest.main()
