# SPDX-License-Identifier: MIT
"""The companion's Python API over the installed program: analyze(), show() (a window under the
offscreen platform, asked what it shows through its socket), capture() inside a real
torch.compile backend (2.x), and the package itself: its version is the project's, a wheel builds
and installs into a fresh venv and works there. Under torch 1.13 and 2.x alike (capture needs 2.x).
Counts are computed here from the live graphs, independently of AtenScope.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
import warnings
from collections import Counter

import torch

import atenscope_dump
import test_dump

BIN = os.environ.get("ATENSCOPE_BIN")
HAS_COMPILE = hasattr(torch, "compile")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def small_model():
    return test_dump.small_model().eval()


def aten_counts(gm):
    counts = Counter()
    for node in gm.graph.nodes:
        if node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload):
            counts[str(node.target)] += 1
    return counts


def traced():
    torch.manual_seed(0)
    return atenscope_dump.trace_aten(small_model(), [torch.randn(1, 3, 16, 16)])


class WithProgram(unittest.TestCase):
    def setUp(self):
        if not BIN:
            self.skipTest("ATENSCOPE_BIN not set (CTest sets it)")
        self.saved = dict(os.environ)
        os.environ["ATENSCOPE"] = BIN
        self.tmp = tempfile.TemporaryDirectory()
        os.environ["XDG_CACHE_HOME"] = self.tmp.name

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved)
        self.tmp.cleanup()


class TestVersion(unittest.TestCase):
    def test_version_is_the_projects(self):
        with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as handle:
            project = re.search(r"project\(AtenScope VERSION (\S+)", handle.read()).group(1)
        self.assertEqual(atenscope_dump.__version__, project)


class TestAnalyze(WithProgram):
    def test_counts_of_a_graph_in_hand(self):
        gm = traced()
        expect = aten_counts(gm)
        # The generic profile keeps every aten op: all of them remain.
        report = atenscope_dump.analyze(gm, profile="generic")
        self.assertEqual(report["total_remaining_ops"], sum(expect.values()))
        self.assertEqual(report["unique_op_types"], len(expect))
        self.assertEqual(report["op_frequency"], dict(expect))

    def test_original_gives_the_conversion(self):
        gm = traced()
        report = atenscope_dump.analyze(gm, profile="generic", original=gm, model="small")
        self.assertEqual(report["model"], "small")
        self.assertEqual(report["original_ops_count"], sum(aten_counts(gm).values()))
        self.assertEqual(report["conversion_percentage"], 0.0)

    def test_a_path(self):
        gm = traced()
        path = os.path.join(self.tmp.name, "g.json")
        atenscope_dump.dump_graph(gm, path, model="g")
        self.assertEqual(atenscope_dump.analyze(path, profile="generic")["total_remaining_ops"], sum(aten_counts(gm).values()))

    def test_errors_are_clear(self):
        bad = os.path.join(self.tmp.name, "bad.json")
        with open(bad, "w", encoding="utf-8") as handle:
            handle.write('{"format": "atenscope.graph", "version": 2, "graphs": 7}')
        with self.assertRaises(RuntimeError) as raised:
            atenscope_dump.analyze(bad)
        self.assertIn("bad.json", str(raised.exception))
        os.environ["ATENSCOPE"] = os.path.join(self.tmp.name, "missing")
        with self.assertRaises(atenscope_dump.AtenScopeNotFound):
            atenscope_dump.analyze(traced())


class TestShow(WithProgram):
    def wait_for(self, predicate, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = atenscope_dump._window_request({"status": True})
            if status and predicate(status):
                return status
            time.sleep(0.2)
        self.fail(f"the window never showed it: {status}")

    def test_one_window_for_every_call(self):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        atenscope_dump._window.update(process=None, socket=None)
        gm = traced()
        first = atenscope_dump.show(gm, model="first")
        self.assertTrue(first and all(os.path.isfile(p) for p in first), first)
        process = atenscope_dump._window["process"]
        self.assertIsNotNone(process)
        try:
            # Called again at once (the window may still be starting): the same window takes it.
            second = atenscope_dump.show([gm, gm], model="second", original=gm)
            self.assertEqual(len(second), 2)  # the graphs and their original
            self.assertIs(atenscope_dump._window["process"], process)
            status = self.wait_for(lambda s: not s["busy"] and sorted(s["models"]) == ["first", "second"])
            self.assertEqual(sorted(status["files"]), sorted(first + second))
            self.assertEqual(status["model"], "second")  # what was added is shown
            self.assertIsNone(process.poll())
        finally:
            atenscope_dump._window_request({"quit": True})
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.assertEqual(process.returncode, 0)
        # The window gone, the next call opens another.
        atenscope_dump._window.update(process=None, socket=None)

    def test_never_raises(self):
        os.environ["ATENSCOPE"] = os.path.join(self.tmp.name, "missing")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.assertIsNone(atenscope_dump.show(traced()))
        self.assertTrue(any("not found" in str(w.message) for w in caught))
        os.environ["ATENSCOPE"] = BIN
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            os.environ.pop(name, None)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.assertIsNone(atenscope_dump.show(traced()))
        self.assertTrue(any("no display" in str(w.message) for w in caught))


def compile_once(compiler, folder):
    """small_model compiled with aot_autograd and `compiler` wrapped by capture(), run once."""
    from torch._dynamo.backends.common import aot_autograd

    torch._dynamo.reset()
    try:
        model = torch.compile(small_model(), backend=aot_autograd(fw_compiler=atenscope_dump.capture(compiler, folder)))
        with torch.no_grad():
            model(torch.randn(1, 3, 16, 16))
    finally:
        torch._dynamo.reset()


@unittest.skipUnless(HAS_COMPILE, "needs PyTorch 2.x")
class TestCapture(WithProgram):
    def test_received_and_returned_graphs(self):
        folder = os.path.join(self.tmp.name, "metrics", "small")
        seen = []

        def lowering(gm, example_inputs):
            """A SIMULATED lowering, in place: relu becomes clone (a stand-in for a backend's op)."""
            seen.append(aten_counts(gm))
            for node in gm.graph.nodes:
                if node.op == "call_function" and node.target is torch.ops.aten.relu.default:
                    node.target = torch.ops.aten.clone.default
            gm.recompile()
            return gm.forward  # as most backends return it

        compile_once(lowering, folder)
        originals = sorted(glob.glob(os.path.join(folder, "original-*.json")))
        compiled = sorted(glob.glob(os.path.join(folder, "compiled-*.json")))
        self.assertEqual(len(originals), len(seen))
        self.assertEqual(len(compiled), len(seen))
        with open(originals[0], encoding="utf-8") as handle:
            doc = json.load(handle)
        self.assertEqual(doc["model"], "small")
        self.assertEqual(doc["graphs"][0]["stage"], "original")
        got = Counter(n["target"] for n in doc["graphs"][0]["nodes"] if n["op"] == "call_function" and n["target"].startswith("aten."))
        self.assertEqual(got, seen[0])  # the graph as the compiler received it, before its edits
        with open(compiled[0], encoding="utf-8") as handle:
            after = json.load(handle)
        targets = [n["target"] for n in after["graphs"][0]["nodes"] if n["op"] == "call_function"]
        self.assertNotIn("aten.relu.default", targets)  # the graph it returned
        self.assertIn("aten.clone.default", targets)
        # AtenScope reads the folder: the compiled graphs, the originals beside them.
        report = atenscope_dump.analyze(folder, profile="generic")
        self.assertEqual(report["total_remaining_ops"], sum(1 for t in targets if t.startswith("aten.")))
        self.assertEqual(report["original_ops_count"], sum(seen[0].values()))


    def test_a_partitioning_compiler(self):
        """A compiler that returns a new GraphModule (CapabilityBasedPartitioner's fused module):
        that one is the compiled graph; what stays outside the partitions remains."""
        from torch.fx.passes.infra.partitioner import CapabilityBasedPartitioner
        from torch.fx.passes.operator_support import OperatorSupport

        class Support(OperatorSupport):
            def is_node_supported(self, submodules, node):
                return node.op == "call_function" and str(node.target) in ("aten.convolution.default", "aten.relu.default")

        folder = os.path.join(self.tmp.name, "part")
        fused_graphs = []

        def compiler(gm, example_inputs):
            fused = CapabilityBasedPartitioner(gm, Support(), allows_single_node_partition=True).partition_and_fuse()
            fused_graphs.append(fused)
            return fused.forward

        compile_once(compiler, folder)
        self.assertEqual(len(fused_graphs), 1)
        outside = aten_counts(fused_graphs[0])  # the parent graph only: partitions are call_module nodes
        with open(os.path.join(folder, "compiled-0.json"), encoding="utf-8") as handle:
            doc = json.load(handle)
        self.assertTrue(any(n["op"] == "call_module" and "subgraph" in n for n in doc["graphs"][0]["nodes"]))
        report = atenscope_dump.analyze(folder, profile="partitioned")
        self.assertEqual(report["total_remaining_ops"], sum(outside.values()))
        self.assertEqual(report["op_frequency"], dict(outside))


class TestPackage(unittest.TestCase):
    def test_wheel_in_a_fresh_venv(self):
        """pip builds a wheel of python/ and installs it into a new venv, where the module imports
        from the venv (not from PYTHONPATH) and dumps a graph."""
        try:
            import setuptools  # noqa: F401
            import venv  # noqa: F401
            import ensurepip  # noqa: F401
        except ImportError as missing:
            self.skipTest(f"{missing.name} is missing from this Python")
        with tempfile.TemporaryDirectory() as tmp:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            wheels = os.path.join(tmp, "wheels")
            subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", wheels,
                            os.path.join(ROOT, "python")], check=True, env=env, cwd=tmp)
            wheel = glob.glob(os.path.join(wheels, "atenscope_dump-*.whl"))
            self.assertEqual(len(wheel), 1, os.listdir(wheels))
            self.assertIn(f"-{atenscope_dump.__version__}-", os.path.basename(wheel[0]))
            fresh = os.path.join(tmp, "venv")
            subprocess.run([sys.executable, "-m", "venv", fresh], check=True, env=env)
            python = os.path.join(fresh, "bin", "python")
            subprocess.run([python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel[0]], check=True, env=env)
            # torch from the Python running this test (the venv has only the wheel).
            site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True,
                                  capture_output=True, text=True, env=env).stdout.strip()
            with open(os.path.join(site, "torch-here.pth"), "w", encoding="utf-8") as handle:
                handle.write(os.path.dirname(os.path.dirname(torch.__file__)) + "\n")
            out = os.path.join(tmp, "g.json")
            script = ("import atenscope_dump, torch, sys; "
                      "gm = atenscope_dump.trace_aten(torch.nn.Linear(4, 2), [torch.randn(1, 4)]); "
                      "print(atenscope_dump.__file__); print(atenscope_dump.dump_graph(gm, sys.argv[1], model='lin'))")
            r = subprocess.run([python, "-c", script, out], capture_output=True, text=True, env=env, cwd=tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            where, written = r.stdout.split()
            self.assertTrue(where.startswith(fresh), where)
            self.assertEqual(written, out)
            with open(out, encoding="utf-8") as handle:
                self.assertEqual(json.load(handle)["model"], "lin")


if __name__ == "__main__":
    unittest.main()
