# SPDX-License-Identifier: MIT
"""`atenscope analyze` end to end: output, metrics files, exit codes, errors.

Needs ATENSCOPE_BIN (the built executable) and ATENSCOPE_TEST_DATA; CTest sets both.
Set ATENSCOPE_UPDATE_GOLDEN=1 to rewrite the golden files (then review the diff).
"""

import difflib
import json
import os
import pickle
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("ATENSCOPE_BIN", "build/bin/atenscope")
DATA = os.environ.get("ATENSCOPE_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
EPOCH = "1790000000"  # fixed SOURCE_DATE_EPOCH: reproducible timestamps


def data(name):
    return os.path.join(DATA, name)


def run(*args, epoch=EPOCH):
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env)


def expected(name):
    with open(data(name), encoding="utf-8") as handle:
        return json.load(handle)


def dump_inputs(graph):
    """Per node of a dump's graph: the indices of the nodes its args and kwargs name."""
    index = {n["name"]: i for i, n in enumerate(graph["nodes"])}
    out = []
    for n in graph["nodes"]:
        found = set()

        def walk(v):
            if isinstance(v, dict):
                if isinstance(v.get("node"), str) and v["node"] in index:
                    found.add(index[v["node"]])
                for x in v.values():
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)

        walk(n.get("args", []))
        walk(n.get("kwargs", {}))
        out.append(found)
    return out


class TestGolden(unittest.TestCase):
    def check_golden(self, name, text):
        path = os.path.join(GOLDEN, name)
        if os.environ.get("ATENSCOPE_UPDATE_GOLDEN"):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        with open(path, encoding="utf-8") as handle:
            want = handle.read()
        if text != want:
            diff = "".join(difflib.unified_diff(want.splitlines(True), text.splitlines(True), path, "actual"))
            self.fail("output differs from the golden file:\n" + diff)

    def test_resnet18_simulated_ttnn_torch113(self):
        r = run("analyze", data("torch1.13/resnet18.simulated-ttnn.json"), "--original", data("torch1.13/resnet18.original.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_golden("torch1.13-resnet18-simulated-ttnn.txt", r.stdout)

    def test_llama_simulated_ttnn(self):
        r = run("analyze", data("llama.simulated-ttnn.json"), "--original", data("llama.original.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_golden("llama-simulated-ttnn.txt", r.stdout)

    def test_vit_partitioned(self):
        r = run("analyze", data("vit_b_16.partitioned.json"), "--profile", "partitioned", "--original",
                data("vit_b_16.original.json"), "--top", "5")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_golden("vit_b_16-partitioned.txt", r.stdout)


class TestJsonAndMetrics(unittest.TestCase):
    def test_json_matches_the_fixture_expectations(self):
        for model in ("resnet18", "mobilenet_v2", "vit_b_16", "lraspp_mobilenet_v3_large", "gpt2", "bert", "llama",
                      "torch1.13/resnet18", "torch1.13/vit_b_16"):
            r = run("analyze", data(f"{model}.simulated-ttnn.json"), "--original", data(f"{model}.original.json"), "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = json.loads(r.stdout)
            self.assertEqual(doc["format"], "atenscope.metrics")
            m = doc["models"][0]
            want = expected(f"{model}.simulated-ttnn.expected.json")
            total = want["profiles"]["ttnn"]["total"]
            self.assertEqual(m["total_remaining_ops"], total["remaining"])
            self.assertEqual(m["unique_op_types"], total["unique_op_types"])
            self.assertEqual(m["op_frequency"], total["op_frequency"])
            self.assertEqual(m["converted_ops_count"], total["converted"])
            self.assertEqual(m["data_movement_ops_count"], total["data_movement"])
            self.assertEqual(m["original_ops_count"], want["original_aten_ops"])
            original = want["original_aten_ops"]
            self.assertAlmostEqual(m["conversion_percentage"], (original - total["remaining"]) / original * 100)
            self.assertEqual(len(m["remaining_ops_details"]), total["remaining"])
            self.assertEqual(m["torch_ops_remain"], f"{total['remaining']} ({total['unique_op_types']})")
            ranked = sorted(total["op_frequency"].items(), key=lambda kv: (-kv[1], kv[0]))[:10]
            self.assertEqual([tuple(x) for x in m["most_frequent_ops"]], ranked)
            self.assertEqual(m["compilation_timestamp"], "2026-09-21T14:13:20Z")
            self.assertEqual(len(m["subgraphs"]), len(want["profiles"]["ttnn"]["graphs"]))

    def test_details_carry_the_op_report_fields(self):
        r = run("analyze", data("resnet18.original.json"), "--profile", "generic", "--json")
        detail = json.loads(r.stdout)["models"][0]["remaining_ops_details"]
        conv = next(d for d in detail if d["op_name"] == "aten.convolution.default")
        for key in ("op_name", "node_name", "args_str", "kwargs_str", "input_shapes", "output_shape"):
            self.assertIn(key, conv)
        self.assertEqual(conv["input_shapes"][0], [1, 3, 224, 224])
        self.assertEqual(conv["output_shape"], [1, 64, 112, 112])
        # The arguments as torch.fx prints them: the input and weight placeholders by name.
        with open(data("resnet18.original.json"), encoding="utf-8") as handle:
            nodes = json.load(handle)["graphs"][0]["nodes"]
        first = next(n for n in nodes if n["target"] == "aten.convolution.default")
        image, weight = (first["args"][i]["node"] for i in (0, 1))
        self.assertTrue(next(n for n in nodes if n["name"] == weight).get("weight"))
        self.assertFalse(next(n for n in nodes if n["name"] == image).get("weight"))
        self.assertTrue(conv["args_str"].startswith(f"({image}, {weight}, None, [2, 2], [3, 3]"), conv["args_str"])

    def test_input_shapes_include_tensors_in_lists(self):
        # aten.cat takes a list of tensors: each has its shape, as the dump says.
        with open(data("vit_b_16.original.json"), encoding="utf-8") as handle:
            nodes = {n["name"]: n for n in json.load(handle)["graphs"][0]["nodes"]}
        cat = next(n for n in nodes.values() if n["target"] == "aten.cat.default")
        want = [nodes[ref["node"]]["outputs"][0]["shape"] for ref in cat["args"][0]]
        self.assertEqual(len(want), 2)
        r = run("analyze", data("vit_b_16.original.json"), "--profile", "generic", "--json")
        detail = json.loads(r.stdout)["models"][0]["remaining_ops_details"]
        got = next(d for d in detail if d["node_name"] == cat["name"])
        self.assertEqual(got["input_shapes"], want)

    def test_metrics_dir_pickle_equals_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run("analyze", data("resnet18.simulated-ttnn.json"), "--original", data("resnet18.original.json"),
                    "--metrics-dir", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            folder = os.path.join(tmp, "resnet18")
            self.assertEqual(sorted(os.listdir(folder)), ["remaining-aten-ops.json", "remaining-aten-ops.pickle"])
            with open(os.path.join(folder, "remaining-aten-ops.json"), encoding="utf-8") as handle:
                from_json = json.load(handle)
            with open(os.path.join(folder, "remaining-aten-ops.pickle"), "rb") as handle:
                from_pickle = pickle.load(handle)
            self.assertEqual(from_pickle, from_json)
            want = expected("resnet18.simulated-ttnn.expected.json")["profiles"]["ttnn"]["total"]
            self.assertEqual(from_pickle["total_remaining_ops"], want["remaining"])
            self.assertEqual(from_pickle["op_frequency"], want["op_frequency"])
            self.assertIsInstance(from_pickle["subgraphs"], list)

    def test_predict_on_an_original_graph(self):
        r = run("analyze", data("vit_b_16.original.json"), "--predict", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        m = json.loads(r.stdout)["models"][0]
        want = expected("vit_b_16.simulated-ttnn.expected.json")
        self.assertTrue(m["predicted"])
        self.assertEqual(m["op_frequency"], want["profiles"]["ttnn"]["total"]["op_frequency"])
        self.assertEqual(m["original_ops_count"], want["original_aten_ops"])


class TestSample(unittest.TestCase):
    def test_the_sample_is_the_checked_fixture(self):
        # resources/sample holds copies of fixtures whose figures tst_fixtures checks.
        root = os.path.join(os.path.dirname(__file__), "..", "..")
        for name in ("resnet18.simulated-ttnn.json", "resnet18.original.json"):
            with open(os.path.join(root, "resources", "sample", name), "rb") as a, open(data("torch1.13/" + name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)


class TestProfileChoice(unittest.TestCase):
    """With no --profile, each model's profile comes from what its graphs hold, and stderr says why."""

    def summary(self, *args):
        r = run("analyze", *args, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)["models"][0], r.stderr

    def test_fused_partitions_choose_partitioned(self):
        m, err = self.summary(data("vit_b_16.partitioned.json"), "--original", data("vit_b_16.original.json"))
        self.assertEqual(m["profile"], "partitioned")
        self.assertIn("profile partitioned: its graphs hold", err)
        self.assertIn("fused partitions", err)
        want = expected("vit_b_16.partitioned.expected.json")["profiles"]["partitioned"]["total"]
        self.assertEqual((m["total_remaining_ops"], m["unique_op_types"]), (want["remaining"], want["unique_op_types"]))
        # --profile overrides the choice, and then nothing is said.
        m, err = self.summary(data("vit_b_16.partitioned.json"), "--profile", "ttnn")
        self.assertEqual(m["profile"], "ttnn")
        self.assertNotIn("profile", err)

    def test_ttnn_nodes_choose_ttnn_and_original_graphs_a_prediction(self):
        m, err = self.summary(data("gpt2.simulated-ttnn.json"))
        self.assertEqual((m["profile"], m["predicted"]), ("ttnn", False))
        self.assertIn("TT-NN nodes", err)
        m, err = self.summary(data("gpt2.original.json"))
        self.assertEqual((m["profile"], m["predicted"]), ("ttnn", True))
        self.assertIn("original", err)
        predicted = expected("gpt2.simulated-ttnn.expected.json")["profiles"]["ttnn"]["total"]["op_frequency"]
        self.assertEqual(m["op_frequency"], predicted)


class TestExitCodes(unittest.TestCase):
    def test_max_remaining(self):
        remaining = expected("llama.simulated-ttnn.expected.json")["profiles"]["ttnn"]["total"]["remaining"]
        self.assertGreater(remaining, 0)
        over = run("analyze", data("llama.simulated-ttnn.json"), "--max-remaining", str(remaining - 1))
        self.assertEqual(over.returncode, 1)
        self.assertIn(f"{remaining} aten ops remain", over.stderr)
        ok = run("analyze", data("llama.simulated-ttnn.json"), "--max-remaining", str(remaining))
        self.assertEqual(ok.returncode, 0, ok.stderr)

    def test_help_and_version(self):
        self.assertEqual(run("--help").returncode, 0)
        self.assertIn("analyze", run("--help").stdout)
        version = run("--version").stdout
        self.assertRegex(version, r"^atenscope \d+\.\d+\.\d+\n")
        for library in ("Qt 6.", "simdjson ", "Graphviz ", "op schema table torch 2."):
            self.assertIn(library, version)
        self.assertIn("--metrics-dir", run("analyze", "--help").stdout)
        # Every help says its exit status; analyze's names every input it reads.
        for args in ((), ("analyze",), ("render",), ("report",), ("diff",)):
            self.assertRegex(run(*args, "--help").stdout, r"\nExit status: 0 [^\n]*, 2 bad input or usage", args)
        for word in (".pt2", "TORCH_TRACE", "TorchScript", "metrics"):
            self.assertIn(word, run("analyze", "--help").stdout)

    def test_gnu_options(self):
        """--name=value is --name value; -- ends the options; help CMD is CMD --help."""
        path = data("llama.simulated-ttnn.json")
        spaced = run("analyze", path, "--top", "1", "--json")
        joined = run("analyze", "--top=1", "--json", "--", path)
        self.assertEqual(spaced.returncode, 0, spaced.stderr)
        self.assertEqual(joined.returncode, 0, joined.stderr)
        self.assertEqual(json.loads(joined.stdout), json.loads(spaced.stdout))
        self.assertEqual(len(json.loads(joined.stdout)["models"][0]["most_frequent_ops"]), 1)  # of 2 kinds
        # After --, an argument that looks like an option is a file.
        dashed = run("analyze", "--", "--top")
        self.assertEqual(dashed.returncode, 2)
        self.assertIn("--top", dashed.stderr)
        self.assertNotIn("unknown option", dashed.stderr)
        for args, words in ((["analyze", path, "--json=yes"], "--json takes no value"),
                            (["analyze", path, "--top="], "--top needs"),
                            (["analyze", path, "--topp=3"], "unknown option '--topp'")):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(words, r.stderr, args)
        for command in ("analyze", "render", "report", "diff"):
            self.assertEqual(run("help", command).stdout, run(command, "--help").stdout, command)
            self.assertEqual(run("help", command).returncode, 0, command)
        r = run("help", "frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("frobnicate", r.stderr)

    def test_one_error_style(self):
        """Usage and input errors alike: one line, "atenscope CMD: error: ...", exit 2."""
        missing = os.path.join(tempfile.gettempdir(), "atenscope-no-such-file.json")
        for command, args in (("analyze", ["--bogus"]), ("analyze", [missing]), ("render", [missing, "--out", missing + ".png"]),
                              ("report", [missing, "--out", missing + ".d"]), ("diff", [missing, missing]),
                              ("render", ["--width=x"])):
            r = run(command, *args)
            self.assertEqual(r.returncode, 2, (command, args))
            lines = r.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, r.stderr)
            self.assertTrue(lines[0].startswith(f"atenscope {command}: error: "), lines[0])
            self.assertLessEqual(lines[0].count(missing), 1, lines[0])  # no path said twice

    def test_usage_errors(self):
        for args in (["analyze"], ["analyze", "x.json", "--top"], ["analyze", "x.json", "--top", "many"],
                     ["analyze", "x.json", "--bogus"], ["frobnicate"]):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertTrue(r.stderr.strip(), args)
            self.assertEqual(r.stdout, "", args)


class TestBadInput(unittest.TestCase):
    """One clear message naming the file and the place, exit 2, and nothing written."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.metrics = os.path.join(self.tmp, "metrics")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path

    def graph(self, nodes):
        return json.dumps({"format": "atenscope.graph", "version": 1, "model": "bad", "graphs": [{"name": "0", "nodes": nodes}]})

    def check(self, args, place, words, alternative=None):
        """`alternative`: another (place, words) an other reader version says as clearly."""
        # A good graph comes first: a bad one later must still leave no output behind.
        r = run("analyze", data("resnet18.original.json"), *args, "--metrics-dir", self.metrics)
        self.assertEqual(r.returncode, 2, r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        if alternative and alternative[0] in lines[0] and alternative[1] in lines[0]:
            place, words = alternative
        self.assertIn(place, lines[0])
        self.assertIn(words, lines[0])
        self.assertEqual(r.stdout, "")
        self.assertFalse(os.path.exists(self.metrics))

    def test_every_committed_bad_file(self):
        """tests/data/bad (tools/make_bad_inputs.py): every format's malformed files, each exit 2
        with one message naming the file and the place, and no output left behind."""
        with open(data("bad/expected.json"), encoding="utf-8") as handle:
            cases = json.load(handle)
        self.assertGreaterEqual(len(cases), 40)
        for name, want in cases.items():
            with self.subTest(name):
                path = data(os.path.join("bad", name))
                other = want.get("or")
                self.check([path], f"{path}: {want['where']}".rstrip(": "), want["what"],
                           (f"{path}: {other['where']}".rstrip(": "), other["what"]) if other else None)

    def test_torchscript_with_a_backends_own_ops(self):
        """A TorchScript archive calling a backend's own ops (the SIMULATED simbackend:: library):
        without its op library, one line saying what to set; with it, read, and its ops converted
        under a profile naming their namespace."""
        path = data("torchscript/simulated-backend.scripted.pt")
        r = run("analyze", path)
        if "no libtorch plugin" in r.stderr:
            self.skipTest("built without libtorch")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertIn("Unknown builtin op: simbackend::fused_linear_relu", r.stderr)
        self.assertIn("ATENSCOPE_TORCH_LIBRARIES", r.stderr)
        library = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(BIN))), "tests",
                               "libatenscope_simulated_backend_ops.so")
        env = dict(os.environ, ATENSCOPE_TORCH_LIBRARIES=library)
        r = subprocess.run([BIN, "analyze", path, "--profile", data("torchscript/simulated-backend.profile.json"), "--json"],
                           capture_output=True, text=True, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.loads(r.stdout)["models"][0]
        want = expected("torchscript/simulated-backend.scripted.expected.json")
        self.assertEqual(report["converted_ops_count"], sum(want["backend_ops"].values()))
        self.assertEqual(report["op_frequency"], want["op_frequency"])

    def test_metrics_folder_runs_in_the_report(self):
        """The run-time pickles of a metrics folder come out in --json's "runs" as Python reads them."""
        folder = data("metrics/resnet18")
        r = run("analyze", folder, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        runs = json.loads(r.stdout)["models"][0]["runs"]
        for which in ("original", "compiled"):
            with open(os.path.join(folder, f"{which}-run_time_metrics.pickle"), "rb") as handle:
                want = pickle.load(handle)
            for key in ("success", "run_time", "avg_run_time", "run_time_first_iter", "accuracy", "batch_size"):
                self.assertEqual(runs[which].get(key), want.get(key), f"{which} {key}")
        text = run("analyze", folder).stdout
        self.assertIn("Runs                 original succeeded (0.42 s); compiled succeeded (1.10 s), accuracy 99.87 %", text)

    def test_large_archive_entry_with_a_bad_crc(self):
        """A program entry of more than 8 MB has its CRC computed beside the parse: a byte changed
        inside a string (still valid JSON) is caught by it, before any graph is built."""
        import zipfile
        with zipfile.ZipFile(data("pt2/cond.pt2")) as z:
            entries = [(i.filename, z.read(i)) for i in z.infolist()]
        name = next(n for n, _ in entries if n.endswith("models/model.json"))
        doc = json.loads(dict(entries)[name])
        doc["graph_module"]["graph"]["nodes"][0]["metadata"]["stack_trace"] = "x" * (9 << 20)
        program = json.dumps(doc).encode()
        path = os.path.join(self.tmp, "large.pt2")

        def write(program):
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as out:
                for n, d in entries:
                    out.writestr(n, program if n == name else d)

        write(program)
        r = run("analyze", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(path, "rb") as handle:
            raw = bytearray(handle.read())
        at = raw.find(b"x" * 1000) + 5000
        for replacement in (b"y", b"\""):  # still valid JSON; then not JSON at all
            raw[at] = replacement[0]
            with open(path, "wb") as handle:
                handle.write(raw)
            r = run("analyze", path, "--metrics-dir", self.metrics)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(f"{path}: {name}: damaged data: CRC error", r.stderr)
            self.assertFalse(os.path.exists(self.metrics))

    def test_a_pickle_that_runs_a_command_leaves_no_trace(self):
        """The committed hostile pickle runs `touch MARKER` under Python's pickle.load; under
        AtenScope it is refused (exit 2) and the marker never appears."""
        path = data("bad/pickle-runs-a-command/compiled-schema_list.pickle")
        marker = "/tmp/atenscope-hostile-pickle-ran"
        if os.path.exists(marker):
            os.remove(marker)
        proof = subprocess.run(["python3", "-c", f"import pickle; pickle.load(open({path!r}, 'rb'))"], capture_output=True)
        self.assertTrue(os.path.exists(marker), "the pickle is not hostile: Python's pickle.load ran nothing")
        os.remove(marker)
        for args in (["analyze", path], ["analyze", os.path.dirname(path)], ["analyze", "--json", os.path.dirname(path)]):
            r = run(*args)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("posix.system", r.stderr)
            self.assertFalse(os.path.exists(marker))
        self.assertEqual(proof.returncode, 0, proof.stderr)

    def test_truncated_json(self):
        with open(data("resnet18.original.json"), encoding="utf-8") as handle:
            text = handle.read()[:3000]
        path = self.write("truncated.json", text)
        self.check([path], f"{path}: line 1, column 3001", "invalid JSON")

    def test_dangling_reference(self):
        path = self.write("dangling.json", self.graph([
            {"name": "relu", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "nowhere"}]}]))
        self.check([path], f"{path}: /graphs/0/nodes/0/args/0", '"nowhere"')

    def test_cycle(self):
        path = self.write("cycle.json", self.graph([
            {"name": "a", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "b"}]},
            {"name": "b", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "a"}]}]))
        self.check([path], f"{path}: /graphs/0/nodes/", "cycle")

    def test_missing_field(self):
        path = self.write("missing.json", self.graph([{"name": "a", "target": "x"}]))
        self.check([path], f"{path}: /graphs/0/nodes/0", 'missing field "op"')

    def test_mistyped_field(self):
        path = self.write("mistyped.json", self.graph([{"name": "a", "op": "placeholder", "target": "a", "outputs": "big"}]))
        self.check([path], f"{path}: /graphs/0/nodes/0/outputs", "expected an array")

    def test_unknown_profile(self):
        self.check(["--profile", "tensorrt-9000"], "tensorrt-9000", "no such profile")

    def test_bad_profile_file(self):
        path = self.write("profile.json", json.dumps({"format": "atenscope.profile", "version": 1, "name": "p", "lowerable": "all"}))
        self.check(["--profile", path], f"{path}: /lowerable", "expected an array")

    def test_missing_file(self):
        path = os.path.join(self.tmp, "nope.json")
        self.check([path], path, "no such file")


if __name__ == "__main__":
    unittest.main()


def png_size(path):
    with open(path, "rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


class TestRender(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_png_of_the_requested_width(self):
        out = os.path.join(self.tmp, "g.png")
        r = run("render", data("resnet18.simulated-ttnn.json"), "--out", out, "--width", "800",
                "--focus", "aten.native_batch_norm.default")
        self.assertEqual(r.returncode, 0, r.stderr)
        width, height = png_size(out)
        self.assertLessEqual(width, 800)
        self.assertGreater(width, 600)
        self.assertGreater(height, 800)  # a tall graph

    def test_svg_holds_the_labels(self):
        out = os.path.join(self.tmp, "g.svg")
        r = run("render", data("vit_b_16.partitioned.json"), "--profile", "partitioned", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as handle:
            text = handle.read()
        self.assertTrue(text.startswith("<?xml") and "<svg" in text, "not an SVG")
        self.assertRegex(text, r">\u25b8 fused_\d+<", "no (collapsed) partition box in the SVG")
        self.assertTrue(">_scaled_dot_product_flash_attention_for_cpu<" in text, "no op label in the SVG")
        self.assertRegex(text, r">arg\d+_1 \[\d+(, \d+)*\]<", "no weight's chip in the SVG")

    def test_weights_are_chips_of_their_users(self):
        with open(data("vit_b_16.partitioned.json"), encoding="utf-8") as handle:
            nodes = json.load(handle)["graphs"][0]["nodes"]

        def weight(n):
            return n["op"] == "get_attr" or bool(n.get("weight"))

        weights = sum(weight(n) for n in nodes)
        self.assertGreater(weights, 100)
        # Every partition open: its nodes are drawn but its placeholders and output (its edges).
        inner = [m for n in nodes if n.get("subgraph") for m in n["subgraph"]["nodes"] if m["op"] not in ("placeholder", "output")]
        inner_weights = sum(weight(m) for m in inner)
        # A weight's label (the last one: partitions' own placeholders reuse the first names).
        last = [n for n in nodes if n.get("weight")][-1]
        label = ">" + last["name"] + "<"
        chip = ">" + last["name"] + " " + json.dumps(last["outputs"][0]["shape"]) + "<"
        out = os.path.join(self.tmp, "g.svg")
        r = run("render", data("vit_b_16.partitioned.json"), "--profile", "partitioned", "--out", out, "--groups", "all")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"{len(nodes) - weights + len(inner) - inner_weights} nodes, {weights + inner_weights} weights and constants as chips",
                      r.stderr)
        with open(out, encoding="utf-8") as handle:
            text = handle.read()
        self.assertFalse(label in text, "a weight drawn as a node by default")
        self.assertTrue(chip in text, f"no chip {chip} on the weight's user")
        r = run("render", data("vit_b_16.partitioned.json"), "--profile", "partitioned", "--out", out, "--groups", "all", "--weights")
        with open(out, encoding="utf-8") as handle:
            shown = handle.read()
        self.assertTrue(label in shown, "the weight is not a node with --weights")
        self.assertFalse(chip in shown, "a chip of a weight drawn apart")
        self.assertRegex(text, r">\u25be fused_\d+ \u00b7 partition<")  # open partitions' title bands
        self.assertTrue(">_scaled_dot_product_flash_attention_for_cpu<" in text)

    def test_weight_chains_to_the_device_are_chips(self):
        """A TT-NN graph's weight -> ttnn.from_torch -> ttnn.to_device chains (found here in Python)
        are drawn as chips of their users: the nodes drawn are the others."""
        with open(data("gpt2.simulated-ttnn.json"), encoding="utf-8") as handle:
            nodes = json.load(handle)["graphs"][0]["nodes"]
        index = {n["name"]: i for i, n in enumerate(nodes)}
        inputs = dump_inputs({"nodes": nodes})
        moves = {"ttnn.from_torch", "ttnn.to_device", "ttnn.to_layout", "ttnn.typecast", "ttnn.as_tensor", "ttnn.to_dtype"}
        folded = [False] * len(nodes)
        for i, n in enumerate(nodes):
            if n["op"] == "get_attr" or n.get("weight"):
                folded[i] = True
            elif n["op"] == "call_function" and n["target"] in moves and inputs[i] and all(folded[p] for p in inputs[i]):
                folded[i] = True
        chains = sum(1 for i, n in enumerate(nodes) if folded[i] and n["op"] == "call_function")
        self.assertGreater(chains, 20)
        out = os.path.join(self.tmp, "g.png")
        r = run("render", data("gpt2.simulated-ttnn.json"), "--out", out, "--groups", "all")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"({len(nodes) - sum(folded)} nodes, {sum(folded)} weights and constants as chips", r.stderr)
        del index

    def test_subgraph_choice(self):
        out = os.path.join(self.tmp, "g.png")
        self.assertEqual(run("render", data("resnet18.simulated-ttnn.json"), "--subgraph", "1", "--out", out).returncode, 0)
        r = run("render", data("resnet18.simulated-ttnn.json"), "--subgraph", "9", "--out", out + "2.png")
        self.assertEqual(r.returncode, 2)
        self.assertIn('no subgraph "9"', r.stderr)

    def test_profile_said_with_verbose_or_after_a_failure(self):
        out = os.path.join(self.tmp, "v.png")
        quiet = run("render", data("llama.partitioned.json"), "--out", out)
        self.assertEqual(quiet.returncode, 0, quiet.stderr)
        self.assertEqual(len(quiet.stderr.strip().splitlines()), 1, quiet.stderr)
        self.assertTrue(quiet.stderr.startswith("wrote "), quiet.stderr)
        said = run("render", data("llama.partitioned.json"), "--out", out, "--verbose")
        self.assertIn("profile partitioned: ", said.stderr.splitlines()[0])
        failed = run("render", data("llama.partitioned.json"), "--around", "no_such_op", "--out", out + ".x.png")
        self.assertEqual(failed.returncode, 2)
        lines = failed.stderr.strip().splitlines()
        self.assertIn("error", lines[0])
        self.assertIn("profile partitioned: ", lines[-1])

    def test_errors_write_nothing(self):
        out = os.path.join(self.tmp, "g.png")
        bad = os.path.join(self.tmp, "bad.json")
        with open(bad, "w", encoding="utf-8") as handle:
            handle.write('{"format": "atenscope.graph", "version": 1, "graphs": [')
        for args in (["render", bad, "--out", out], ["render", data("resnet18.original.json")],
                     ["render", data("resnet18.original.json"), "--out", os.path.join(self.tmp, "g.gif")],
                     ["render", data("resnet18.original.json"), "--out", out, "--width", "0"]):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertTrue(r.stderr.strip(), args)
        self.assertEqual(os.listdir(self.tmp), ["bad.json"])


class TestWindowFromTheCommandLine(unittest.TestCase):
    def test_screenshot_offscreen(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "w.png")
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            r = subprocess.run([BIN, "--profile", "partitioned", "--screenshot", out, data("vit_b_16.partitioned.json")],
                               capture_output=True, text=True, env=env, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            width, height = png_size(out)
            self.assertGreater(width, 800)
            self.assertGreater(height, 500)

    def test_screenshot_of_a_bad_file_fails_cleanly(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "w.png")
            bad = os.path.join(tmp, "bad.json")
            with open(bad, "w", encoding="utf-8") as handle:
                handle.write("{")
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            r = subprocess.run([BIN, "--screenshot", out, bad], capture_output=True, text=True, env=env, timeout=120)
            self.assertEqual(r.returncode, 2)
            self.assertIn(bad, r.stderr)
            self.assertFalse(os.path.exists(out))

    def test_no_display_says_what_to_do(self):
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
        r = subprocess.run([BIN, data("resnet18.original.json")], capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn("atenscope render", r.stderr)

    def test_unknown_word_is_not_taken_for_a_file(self):
        r = run("frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("neither a command nor a file", r.stderr)
