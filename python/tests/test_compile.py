# SPDX-License-Identifier: MIT
"""The companion inside real torch.compile backends (PyTorch 2.x; skipped under 1.13).

Three backends as users write them: (1) aot_autograd with a compiler that calls
dump_graph exactly as docs/integrating.md says; (2) a partitioning backend on torch's
CapabilityBasedPartitioner with an operator-support list (the OpenVINO / Torch-TensorRT
shape); (3) the torch_ttnn flow: a SIMULATED lowering of the aot graph with a metrics path,
every compiled subgraph dumped, then `atenscope analyze` over metrics/{model}/.
Counts are computed here from the live graphs, independently of AtenScope.
"""

import glob
import json
import operator
import os
import pickle
import subprocess
import tempfile
import unittest
import warnings
from collections import Counter

import torch

import atenscope_dump

HAS_COMPILE = hasattr(torch, "compile")
BIN = os.environ.get("ATENSCOPE_BIN")


def aten_counts(gm):
    """aten call_function targets of a GraphModule, nested graphs included."""
    counts = Counter()
    for node in gm.graph.nodes:
        if node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload):
            counts[str(node.target)] += 1
        if node.op in ("call_module", "get_attr"):
            sub = getattr(gm, node.target, None) if "." not in node.target else None
            if isinstance(sub, torch.fx.GraphModule):
                counts += aten_counts(sub)
    return counts


def dumped_aten_counts(graph):
    counts = Counter()
    for node in graph["nodes"]:
        if node["op"] == "call_function" and node["target"].startswith("aten."):
            counts[node["target"]] += 1
        if "subgraph" in node:
            counts += dumped_aten_counts(node["subgraph"])
    return counts


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(8)
        self.fc = torch.nn.Linear(8, 4)

    def forward(self, x):
        y = torch.relu(self.bn(self.conv(x)))
        return self.fc(y.mean(dim=(2, 3)))


class WithBreak(torch.nn.Module):
    """Two compiled frames: dynamo breaks the graph at the print."""

    def __init__(self):
        super().__init__()
        self.first = Block()
        self.second = torch.nn.Linear(4, 2)

    def forward(self, x):
        y = self.first(x)
        torch._dynamo.graph_break()
        return torch.softmax(self.second(y), dim=-1)


class WithCond(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(8, 8)

    def forward(self, x):
        y = self.fc(x)
        return torch.cond(y.sum() > 0, lambda a: a.relu() * 2, lambda a: a.sin(), (y,))


# ------------------------------------------------------------------ (1) aot_autograd, as documented


def documented_backend(folder, model_name):
    """The backend of docs/integrating.md: aot_autograd, dump each graph, run it unchanged."""
    from torch._dynamo.backends.common import aot_autograd

    seen = []

    def compiler(gm, example_inputs):
        index = len(seen)
        seen.append(gm)
        atenscope_dump.dump_graph(gm, f"{folder}/{model_name}/compiled-{index}.json",
                                  model=model_name, stage="original", subgraph=index)
        return gm.forward

    return aot_autograd(fw_compiler=compiler), seen


@unittest.skipUnless(HAS_COMPILE, "needs PyTorch 2.x")
class TestAotAutogradBackend(unittest.TestCase):
    def setUp(self):
        torch._dynamo.reset()
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        torch._dynamo.reset()
        self.tmp.cleanup()

    def compile_and_run(self, model, *args, dynamic=False, **kwargs):
        backend, seen = documented_backend(self.tmp.name, "m")
        with torch.no_grad():
            expected = model(*args, **kwargs)
            got = torch.compile(model, backend=backend, dynamic=dynamic)(*args, **kwargs)
        return expected, got, seen

    def load(self, index=0):
        with open(os.path.join(self.tmp.name, "m", f"compiled-{index}.json"), encoding="utf-8") as handle:
            return json.load(handle)

    def test_dump_carries_2x_metadata(self):
        torch.manual_seed(0)
        model = Block().eval()
        expected, got, seen = self.compile_and_run(model, torch.randn(1, 3, 8, 8))
        torch.testing.assert_close(got, expected)
        self.assertEqual(len(seen), 1)
        doc = self.load()
        self.assertEqual(doc["producer"]["torch"], torch.__version__)
        graph = doc["graphs"][0]
        self.assertEqual(len(graph["nodes"]), len(list(seen[0].graph.nodes)))
        self.assertEqual(dumped_aten_counts(graph), aten_counts(seen[0]))
        by_name = {n["name"]: n for n in graph["nodes"]}
        # 2.x inference batch norm, with the module it came from and its class.
        bn = [n for n in graph["nodes"] if n["target"] == "aten._native_batch_norm_legit_no_training.default"]
        self.assertEqual(len(bn), 1)
        self.assertEqual(bn[0]["meta"]["nn_module_stack"][-1]["path"], "bn")
        self.assertEqual(bn[0]["meta"]["nn_module_stack"][-1]["type"], "BatchNorm2d")
        self.assertTrue(bn[0].get("output_is_tuple"))
        self.assertEqual(bn[0]["outputs"][0]["shape"], [1, 8, 8, 8])
        self.assertIn("stack_trace", bn[0]["meta"])
        conv = by_name[[n for n in by_name if by_name[n]["target"] == "aten.convolution.default"][0]]
        self.assertEqual(conv["meta"]["nn_module_stack"][-1]["path"], "conv")
        self.assertEqual(conv["outputs"][0], {"shape": [1, 8, 8, 8], "dtype": "float32", "stride": [512, 64, 8, 1]})
        self.assertIn("aten._native_batch_norm_legit_no_training.default", doc["schemas"])
        names = [a["name"] for a in doc["schemas"]["aten._native_batch_norm_legit_no_training.default"]["arguments"]]
        self.assertEqual(names, ["input", "weight", "bias", "running_mean", "running_var", "momentum", "eps"])
        # The parameters and the batch norm's running statistics, lifted into graph inputs named
        # like the image, are marked as weights; the image is not. (num_batches_tracked is
        # unused in eval mode and dynamo leaves it out.)
        placeholders = [n for n in graph["nodes"] if n["op"] == "placeholder"]
        weights = [n for n in placeholders if n.get("weight")]
        used = len(list(model.parameters())) + 2  # conv, bn, fc weights and biases + running mean, var
        self.assertEqual(len(weights), used)
        self.assertEqual(len(placeholders) - len(weights), 1)
        image = next(n for n in placeholders if not n.get("weight"))
        self.assertEqual(image["outputs"][0]["shape"], [1, 3, 8, 8])
        # Every aten node of a submodule names it.
        for node in graph["nodes"]:
            if node["target"] in ("aten.convolution.default", "aten.addmm.default"):  # mean: the root's own
                self.assertTrue(node["meta"]["nn_module_stack"], node["name"])

    def test_graph_break_gives_two_subgraphs(self):
        torch.manual_seed(0)
        model = WithBreak().eval()
        expected, got, seen = self.compile_and_run(model, torch.randn(2, 3, 8, 8))
        torch.testing.assert_close(got, expected)
        self.assertEqual(len(seen), 2)
        for index, gm in enumerate(seen):
            doc = self.load(index)
            self.assertEqual(doc["graphs"][0]["name"], str(index))
            self.assertEqual(dumped_aten_counts(doc["graphs"][0]), aten_counts(gm))
        self.assertIn("aten._softmax.default", dumped_aten_counts(self.load(1)["graphs"][0]))

    def test_dynamic_shapes_written_as_symbols(self):
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU()).eval()
        expected, got, seen = self.compile_and_run(model, torch.randn(5, 8), dynamic=True)
        torch.testing.assert_close(got, expected)
        graph = self.load()["graphs"][0]
        addmm = [n for n in graph["nodes"] if n["target"] == "aten.addmm.default"][0]
        batch = addmm["outputs"][0]["shape"][0]
        self.assertIsInstance(batch, str)
        self.assertRegex(batch, r"^s\d+$")
        self.assertEqual(addmm["outputs"][0]["shape"][1], 16)
        # Dumping added no guard: another batch size runs without a recompile.
        with torch.no_grad():
            torch.compile(model, backend=documented_backend(self.tmp.name, "n")[0], dynamic=True)(torch.randn(7, 8))

    def test_higher_order_op_branches_are_nested_graphs(self):
        torch.manual_seed(0)
        model = WithCond().eval()
        expected, got, seen = self.compile_and_run(model, torch.randn(3, 8))
        torch.testing.assert_close(got, expected)
        graph = self.load()["graphs"][0]
        cond = [n for n in graph["nodes"] if n["target"] == "higher_order.cond"]
        self.assertEqual(len(cond), 1)
        branches = [n for n in graph["nodes"] if n["op"] == "get_attr" and "subgraph" in n]
        self.assertEqual(sorted(n["name"] for n in branches), ["false_graph_0", "true_graph_0"])
        inner = Counter()
        for branch in branches:
            inner += dumped_aten_counts(branch["subgraph"])
        self.assertEqual(inner["aten.relu.default"], 1)
        self.assertEqual(inner["aten.sin.default"], 1)
        self.assertEqual(dumped_aten_counts(graph), aten_counts(seen[0]))

    def test_failure_inside_a_real_compile_is_one_warning(self):
        torch.manual_seed(0)
        model = Block().eval()
        original = atenscope_dump.graph_document

        def broken(*args, **kwargs):
            raise RuntimeError("made to fail")

        atenscope_dump.graph_document = broken
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                expected, got, seen = self.compile_and_run(model, torch.randn(1, 3, 8, 8))
        finally:
            atenscope_dump.graph_document = original
        torch.testing.assert_close(got, expected)
        ours = [w for w in caught if "atenscope_dump" in str(w.message)]
        self.assertEqual(len(ours), 1, [str(w.message) for w in caught])
        self.assertIn("made to fail", str(ours[0].message))
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "m", "compiled-0.json")))

    def test_transformers_llama_every_aten_node_has_a_module_path(self):
        try:
            model, kwargs = atenscope_dump.build_transformers("llama", layers=2, sequence=16)
        except SystemExit as error:
            self.skipTest(str(error))
        expected, got, seen = self.compile_and_run(model, **kwargs)
        torch.testing.assert_close(got.logits, expected.logits)
        graph = self.load()["graphs"][0]
        aten = [n for n in graph["nodes"] if n["op"] == "call_function" and n["target"].startswith("aten.")]
        with_path = [n for n in aten if n.get("meta", {}).get("nn_module_stack")]
        self.assertGreater(len(aten), 100)
        self.assertGreaterEqual(len(with_path), len(aten) - 2)  # a constant or two sit outside any module
        paths = {n["meta"]["nn_module_stack"][-1]["path"] for n in with_path}
        self.assertIn("model.layers.1.self_attn.q_proj", paths)
        self.assertIn("lm_head", paths)


# ------------------------------------------------------------------ (2) CapabilityBasedPartitioner


@unittest.skipUnless(HAS_COMPILE, "needs PyTorch 2.x")
class TestPartitioningBackend(unittest.TestCase):
    SUPPORTED = {"aten.convolution.default", "aten.relu.default", "aten.addmm.default", "aten.t.default",
                 "aten.mean.dim", "aten.view.default"}

    def test_partitions_dumped_as_nested_graphs(self):
        from torch._dynamo.backends.common import aot_autograd
        from torch.fx.passes.infra.partitioner import CapabilityBasedPartitioner
        from torch.fx.passes.operator_support import OperatorSupport

        supported = self.SUPPORTED

        class Support(OperatorSupport):
            def is_node_supported(self, submodules, node):
                return node.op == "call_function" and str(node.target) in supported

        fused_graphs = []
        with tempfile.TemporaryDirectory() as tmp:
            def compiler(gm, example_inputs):
                partitioner = CapabilityBasedPartitioner(gm, Support(), allows_single_node_partition=True)
                fused = partitioner.partition_and_fuse()
                fused_graphs.append(fused)
                atenscope_dump.dump_graph(fused, f"{tmp}/block/compiled.json", model="block")
                return fused.forward

            torch._dynamo.reset()
            torch.manual_seed(0)
            model = Block().eval()
            x = torch.randn(1, 3, 8, 8)
            with torch.no_grad():
                torch.testing.assert_close(torch.compile(model, backend=aot_autograd(fw_compiler=compiler))(x), model(x))
            torch._dynamo.reset()
            with open(f"{tmp}/block/compiled.json", encoding="utf-8") as handle:
                doc = json.load(handle)
        graph = doc["graphs"][0]
        partitions = [n for n in graph["nodes"] if n["op"] == "call_module"]
        self.assertGreaterEqual(len(partitions), 1)
        for p in partitions:
            self.assertIn("subgraph", p)
            self.assertTrue(p["outputs"], p["name"])
        outside = Counter(n["target"] for n in graph["nodes"] if n["op"] == "call_function" and n["target"].startswith("aten."))
        want = Counter(str(n.target) for n in fused_graphs[0].graph.nodes
                       if n.op == "call_function" and isinstance(n.target, torch._ops.OpOverload))
        self.assertEqual(outside, want)
        self.assertIn("aten._native_batch_norm_legit_no_training.default", outside)
        self.assertEqual(dumped_aten_counts(graph), aten_counts(fused_graphs[0]))


# ------------------------------------------------------------------ (3) the torch_ttnn flow (simulated)


class FastOperation:
    """Stands for ttnn's FastOperation in str() (no TT-NN library here): a SIMULATED lowering."""

    def __init__(self, name, impl):
        self.python_fully_qualified_name = name
        self.impl = impl
        self.__name__ = name.split(".")[-1]

    def __call__(self, *args, **kwargs):
        return self.impl(*args, **kwargs)

    def __repr__(self):
        return f"FastOperation(python_fully_qualified_name='{self.python_fully_qualified_name}')"


LOWERABLE = {"aten.convolution.default": "ttnn.conv2d", "aten.relu.default": "ttnn.relu",
             "aten.addmm.default": "ttnn.linear", "aten.mean.dim": "ttnn.mean", "aten.t.default": "ttnn.transpose"}


class TtnnLikeOption:
    def __init__(self, metrics_path=None):
        self.metrics_path = metrics_path
        self._out_fx_graphs = []


def ttnn_like_backend(option, root):
    """torch_ttnn's shape: aot_autograd, a lowering pass, and the hook of docs/integrating.md."""
    from torch._dynamo.backends.common import aot_autograd

    def compiler(gm, example_inputs):
        index = len(option._out_fx_graphs)
        if option.metrics_path:
            folder = f"{root}/metrics/{option.metrics_path}"
            atenscope_dump.dump_graph(gm, f"{folder}/original-{index}.json",
                                      model=option.metrics_path, stage="original", subgraph=index)
        for node in gm.graph.nodes:  # the simulated ToTtPass
            if node.op == "call_function" and str(node.target) in LOWERABLE:
                node.target = FastOperation(LOWERABLE[str(node.target)], node.target)
        gm.recompile()
        option._out_fx_graphs.append(gm.graph)
        if option.metrics_path:
            atenscope_dump.dump_graph(gm, f"{folder}/compiled-{index}.json",
                                      model=option.metrics_path, stage="compiled", subgraph=index)
        return gm.forward

    return aot_autograd(fw_compiler=compiler)


@unittest.skipUnless(HAS_COMPILE, "needs PyTorch 2.x")
class TestTtnnFlow(unittest.TestCase):
    def run_model(self, option, root):
        torch._dynamo.reset()
        torch.manual_seed(0)
        model = WithBreak().eval()
        x = torch.randn(2, 3, 8, 8)
        with torch.no_grad():
            torch.testing.assert_close(torch.compile(model, backend=ttnn_like_backend(option, root))(x), model(x))
        torch._dynamo.reset()

    def test_no_metrics_path_writes_nothing(self):
        with tempfile.TemporaryDirectory() as root:
            option = TtnnLikeOption()
            self.run_model(option, root)
            self.assertEqual(len(option._out_fx_graphs), 2)
            self.assertEqual(os.listdir(root), [])

    @unittest.skipUnless(BIN, "ATENSCOPE_BIN not set (CTest sets it)")
    def test_every_subgraph_dumped_and_analyzed(self):
        with tempfile.TemporaryDirectory() as root:
            option = TtnnLikeOption("with_break")
            self.run_model(option, root)
            folder = os.path.join(root, "metrics", "with_break")
            self.assertEqual(sorted(os.listdir(folder)),
                             ["compiled-0.json", "compiled-1.json", "original-0.json", "original-1.json"])
            # Independent figures, from the live graphs that ran.
            remaining = Counter()
            original = 0
            for graph in option._out_fx_graphs:
                for node in graph.nodes:
                    if node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload):
                        remaining[str(node.target)] += 1
            for index in range(2):
                with open(os.path.join(folder, f"original-{index}.json"), encoding="utf-8") as handle:
                    original += sum(dumped_aten_counts(g).total() for g in json.load(handle)["graphs"])
            out = os.path.join(root, "out")
            r = subprocess.run([BIN, "analyze", *sorted(glob.glob(f"{folder}/compiled-*.json")), "--original",
                                *sorted(glob.glob(f"{folder}/original-*.json")), "--metrics-dir", out],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "with_break", "remaining-aten-ops.pickle"), "rb") as handle:
                metrics = pickle.load(handle)
            self.assertEqual(metrics["total_remaining_ops"], sum(remaining.values()))
            self.assertEqual(metrics["unique_op_types"], len(remaining))
            self.assertEqual(metrics["op_frequency"], dict(remaining))
            self.assertEqual(metrics["original_ops_count"], original)
            self.assertAlmostEqual(metrics["conversion_percentage"],
                                   (original - sum(remaining.values())) / original * 100)
            self.assertEqual(len(metrics["subgraphs"]), 2)
            self.assertTrue(os.path.isfile(os.path.join(out, "with_break", "remaining-aten-ops.json")))


if __name__ == "__main__":
    unittest.main()
