# SPDX-License-Identifier: MIT
"""Tests of atenscope_dump, run under Debian's python3 (torch 1.13, torchvision 0.14) and under
the project's venv (torch 2.13, transformers; no torchvision there)."""

import json
import operator
import os
import subprocess
import sys
import tempfile
import unittest
import warnings

import torch
import torch.fx

try:
    import torchvision  # noqa: F401
    HAS_TORCHVISION = True
except ImportError:
    HAS_TORCHVISION = False
try:
    import transformers  # noqa: F401
    HAS_TRANSFORMERS = True
except ImportError:
    HAS_TRANSFORMERS = False

import atenscope_dump


def small_model():
    return torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 3, padding=1),
        torch.nn.BatchNorm2d(8),
        torch.nn.ReLU(),
        torch.nn.AdaptiveAvgPool2d(1),
        torch.nn.Flatten(),
        torch.nn.Linear(8, 4),
    )


class FastOperation:
    """Looks like ttnn's FastOperation to str(); the real one is not on this machine."""

    def __init__(self, name):
        self.name = name
        self.__name__ = name.split(".")[-1]

    def __call__(self, *args):
        raise RuntimeError("not runnable")

    def __repr__(self):
        return f"FastOperation(python_fully_qualified_name='{self.name}', function=<built-in method>)"


def target_wrapper_conv(*args):
    raise RuntimeError("not runnable")


class FakeSymInt:
    """A symbolic size without a hint: int() fails, str() names it."""

    def __int__(self):
        raise TypeError("symbolic")

    def __index__(self):
        raise TypeError("symbolic")

    def __str__(self):
        return "s0"


class FakeVal:
    """Stands for a FakeTensor whose first size is symbolic (torch 2.x dynamic shapes)."""

    shape = (FakeSymInt(), 16)
    dtype = torch.bfloat16

    def stride(self):
        return (16, 1)


def call(graph, name, target, args, kwargs=None):
    """A call_function node with a name of our choosing (fx's own naming differs by version)."""
    return graph.create_node("call_function", target, args, kwargs or {}, name=name)


def node_named(doc, name, graph=0):
    return next(n for n in doc["graphs"][graph]["nodes"] if n["name"] == name)


class TestDumpRealModel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.manual_seed(0)
        cls.gm = atenscope_dump.trace_aten(small_model(), [torch.randn(1, 3, 16, 16)])
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "small.json")
        assert atenscope_dump.dump_graph(cls.gm, cls.path, model="small", stage="original") == cls.path
        with open(cls.path, encoding="utf-8") as handle:
            cls.doc = json.load(handle)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_header(self):
        self.assertEqual(self.doc["format"], "atenscope.graph")
        self.assertEqual(self.doc["version"], atenscope_dump.FORMAT_VERSION)
        self.assertEqual(self.doc["model"], "small")
        self.assertEqual(self.doc["graphs"][0]["stage"], "original")

    def test_every_node_is_there_in_order(self):
        names = [n.name for n in self.gm.graph.nodes]
        self.assertEqual([n["name"] for n in self.doc["graphs"][0]["nodes"]], names)
        ops = [n.op for n in self.gm.graph.nodes]
        self.assertEqual([n["op"] for n in self.doc["graphs"][0]["nodes"]], ops)

    def test_aten_targets_and_schemas(self):
        for node in self.gm.graph.nodes:
            if node.op != "call_function" or not isinstance(node.target, torch._ops.OpOverload):
                continue
            entry = node_named(self.doc, node.name)
            self.assertEqual(entry["target"], str(node.target))
            schema = self.doc["schemas"][entry["target"]]
            self.assertEqual([a["name"] for a in schema["arguments"]], [a.name for a in node.target._schema.arguments])
            self.assertEqual([a["type"] for a in schema["arguments"]], [str(a.type) for a in node.target._schema.arguments])

    def test_references_and_literals(self):
        conv = next(n for n in self.gm.graph.nodes if str(n.target) == "aten.convolution.default")
        entry = node_named(self.doc, conv.name)
        self.assertEqual(entry["args"][0], {"node": conv.args[0].name})
        self.assertEqual(entry["args"][3], list(conv.args[3]))  # stride
        self.assertIs(entry["args"][6], False)  # transposed

    def test_output_metadata(self):
        for node in self.gm.graph.nodes:
            meta = node.meta.get("tensor_meta")
            if meta is None or not hasattr(meta, "shape"):
                continue
            entry = node_named(self.doc, node.name)
            self.assertEqual(entry["outputs"][0]["shape"], list(meta.shape), node.name)
            self.assertEqual(entry["outputs"][0]["dtype"], str(meta.dtype).replace("torch.", ""))

    def test_multi_output_ops_list_every_output(self):
        bn = next(n for n in self.gm.graph.nodes if "batch_norm" in str(n.target))
        entry = node_named(self.doc, bn.name)
        self.assertTrue(entry["output_is_tuple"])
        self.assertEqual(len(entry["outputs"]), len(bn.meta["tensor_meta"]))

    def test_get_attr_takes_the_module_tensor(self):
        for node in self.gm.graph.nodes:
            if node.op == "get_attr":
                entry = node_named(self.doc, node.name)
                self.assertEqual(entry["outputs"][0]["shape"], list(getattr(self.gm, node.target).shape))


class TestTargets(unittest.TestCase):
    def test_names(self):
        self.assertEqual(atenscope_dump.target_name(torch.ops.aten.add.Tensor), "aten.add.Tensor")
        self.assertEqual(atenscope_dump.target_name(FastOperation("ttnn.add")), "ttnn.add")
        self.assertEqual(atenscope_dump.target_name(target_wrapper_conv), "target_wrapper_conv")
        self.assertEqual(atenscope_dump.target_name(operator.getitem), "operator.getitem")
        self.assertEqual(atenscope_dump.target_name("layer1.0"), "layer1.0")

    def test_raw_target_kept_when_it_differs(self):
        graph = torch.fx.Graph()
        x = graph.placeholder("x")
        y = graph.call_function(FastOperation("ttnn.relu"), (x,))
        graph.output(y)
        doc = atenscope_dump.graph_document(graph, model="m")
        entry = node_named(doc, y.name)
        self.assertEqual(entry["target"], "ttnn.relu")
        self.assertTrue(entry["target_raw"].startswith("FastOperation("))


class TestTorch2Conventions(unittest.TestCase):
    """Hand-built nodes carrying torch 2.x metadata: val, example_value, SymInt, provenance."""

    def build(self):
        from torch._subclasses.fake_tensor import FakeTensorMode

        graph = torch.fx.Graph()
        x = graph.placeholder("x")
        with FakeTensorMode() as mode:
            x.meta["val"] = mode.from_tensor(torch.empty(2, 3, 8))
        relu = call(graph, "relu", torch.ops.aten.relu.default, (x,))
        relu.meta["val"] = FakeVal()
        relu.meta["nn_module_stack"] = {
            "L__self___block": ("block", torch.nn.Sequential),
            "L__self___block_act": ("block.act", "torch.nn.modules.activation.ReLU"),
        }
        relu.meta["stack_trace"] = '  File "model.py", line 12, in forward\n    return self.act(x)\n'
        relu.meta["source_fn_stack"] = [("act", torch.nn.ReLU)]
        split = call(graph, "split", torch.ops.aten.split.Tensor, (relu, 4), {"dim": -1})
        split.meta["example_value"] = (torch.empty(2, 3, 4), torch.empty(2, 3, 4))
        first = call(graph, "getitem", operator.getitem, (split, 0))
        size = call(graph, "sym_size", torch.ops.aten.sym_size, (relu, 0))
        size.meta["val"] = 7
        mean = call(graph, "mean", torch.ops.aten.mean.dim, (first, [-1]), {"dtype": torch.float32, "keepdim": True})
        graph.output((mean, size))
        return graph

    def test_val_fake_tensor_and_symint(self):
        doc = atenscope_dump.graph_document(self.build(), model="m")
        self.assertEqual(node_named(doc, "x")["outputs"], [{"shape": [2, 3, 8], "dtype": "float32", "stride": [24, 8, 1]}])
        self.assertEqual(node_named(doc, "relu")["outputs"][0]["shape"], ["s0", 16])
        self.assertEqual(node_named(doc, "relu")["outputs"][0]["dtype"], "bfloat16")
        self.assertEqual(node_named(doc, "sym_size")["outputs"], [{"scalar": "int"}])

    def test_example_value_tuple(self):
        doc = atenscope_dump.graph_document(self.build(), model="m")
        split = node_named(doc, "split")
        self.assertTrue(split["output_is_tuple"])
        self.assertEqual([o["shape"] for o in split["outputs"]], [[2, 3, 4], [2, 3, 4]])
        self.assertEqual(split["kwargs"], {"dim": -1})

    def test_provenance(self):
        doc = atenscope_dump.graph_document(self.build(), model="m")
        meta = node_named(doc, "relu")["meta"]
        self.assertEqual([f["path"] for f in meta["nn_module_stack"]], ["block", "block.act"])
        self.assertEqual(meta["nn_module_stack"][0]["type"], "Sequential")
        self.assertEqual(meta["nn_module_stack"][1]["type"], "torch.nn.modules.activation.ReLU")
        self.assertIn("model.py", doc["stack_traces"][meta["stack_trace"]])  # written once, named by index
        self.assertEqual(meta["source_fn_stack"][0]["name"], "act")
        # Where relative paths of the traces lie: the working folder, then sys.path's folders.
        roots = doc["source_roots"]
        self.assertEqual(roots[0], os.getcwd())
        self.assertTrue(all(os.path.isabs(r) and os.path.isdir(r) for r in roots))
        self.assertEqual(len(roots), len(set(roots)))

    def test_special_literals(self):
        doc = atenscope_dump.graph_document(self.build(), model="m")
        mean = node_named(doc, "mean")
        self.assertEqual(mean["kwargs"]["dtype"], {"dtype": "torch.float32"})
        self.assertEqual(atenscope_dump._encode_arg(float("inf")), {"float": "inf"})
        self.assertEqual(atenscope_dump._encode_arg(2**70), {"int": str(2**70)})
        self.assertEqual(atenscope_dump._encode_arg((1, 2)), {"tuple": [1, 2]})
        self.assertEqual(atenscope_dump._encode_arg(torch.device("cpu")), {"device": "cpu"})
        self.assertEqual(atenscope_dump._encode_arg(torch.contiguous_format), {"enum": "torch.contiguous_format"})
        json.dumps(doc, allow_nan=False)  # strict JSON throughout


class TestPartitionsAndSeveralGraphs(unittest.TestCase):
    def test_fused_partitions_become_nested_subgraphs(self):
        from torch.fx.passes.infra.partitioner import CapabilityBasedPartitioner
        from torch.fx.passes.operator_support import OperatorSupport

        class Support(OperatorSupport):
            def is_node_supported(self, submodules, node):
                return node.op == "call_function" and str(node.target) in ("aten.convolution.default", "aten.relu.default")

        torch.manual_seed(0)
        gm = atenscope_dump.trace_aten(small_model(), [torch.randn(1, 3, 16, 16)])
        fused = CapabilityBasedPartitioner(gm, Support(), allows_single_node_partition=True).partition_and_fuse()
        doc = atenscope_dump.graph_document(fused, model="m")
        modules = [n for n in doc["graphs"][0]["nodes"] if n["op"] == "call_module"]
        self.assertTrue(modules)
        inner = modules[0]["subgraph"]["nodes"]
        self.assertTrue(any(n["target"] in ("aten.convolution.default", "aten.relu.default") for n in inner))
        # The partition node has no metadata of its own: its outputs come from what its graph returns.
        sub = fused.get_submodule(modules[0]["target"])
        returned = [n for n in sub.graph.nodes if n.op == "output"][0].args[0]
        first = returned if isinstance(returned, torch.fx.Node) else returned[0]
        self.assertEqual(modules[0]["outputs"][0]["shape"], list(first.meta["tensor_meta"].shape))

    def test_a_list_of_graphs_is_one_file(self):
        graphs = []
        for _ in range(3):
            g = torch.fx.Graph()
            x = g.placeholder("x")
            g.output(g.call_function(torch.ops.aten.relu.default, (x,)))
            graphs.append(g)
        doc = atenscope_dump.graph_document(graphs, model="m", subgraph="step")
        self.assertEqual([g["name"] for g in doc["graphs"]], ["step_0", "step_1", "step_2"])


class TestNeverBreaksTheCompile(unittest.TestCase):
    def test_bad_object_warns_once_and_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "x.json")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self.assertIsNone(atenscope_dump.dump_graph(object(), path))
            self.assertEqual(len(caught), 1)
            self.assertIn("atenscope_dump", str(caught[0].message))
            self.assertEqual(os.listdir(tmp), [])

    def test_unwritable_path_warns(self):
        graph = torch.fx.Graph()
        graph.output(graph.placeholder("x"))
        with tempfile.TemporaryDirectory() as tmp:
            blocker = os.path.join(tmp, "file")
            open(blocker, "w").close()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self.assertIsNone(atenscope_dump.dump_graph(graph, os.path.join(blocker, "x.json")))
            self.assertEqual(len(caught), 1)

    def test_failure_midway_leaves_no_partial_file(self):
        class Exploding:
            def __repr__(self):
                raise RuntimeError("boom")

        graph = torch.fx.Graph()
        x = graph.placeholder("x")
        graph.output(graph.call_function(torch.ops.aten.relu.default, (x,), {"weird": Exploding()}))
        with tempfile.TemporaryDirectory() as tmp:
            with warnings.catch_warnings(record=True):
                warnings.simplefilter("always")
                self.assertIsNone(atenscope_dump.dump_graph(graph, os.path.join(tmp, "x.json")))
            self.assertEqual(os.listdir(tmp), [])


class TestModuleEntryPoint(unittest.TestCase):
    def run_module(self, *args):
        env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        return subprocess.run([sys.executable, "-m", "atenscope_dump", *args], capture_output=True, text=True, env=env)

    @unittest.skipUnless(HAS_TORCHVISION, "torchvision is not installed in this Python")
    def test_traces_a_torchvision_model(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.json")
            result = self.run_module("torchvision:resnet18", "--out", out, "--input-shape", "1,3,64,64")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(out, encoding="utf-8") as handle:
                doc = json.load(handle)
            self.assertEqual(doc["model"], "resnet18")
            self.assertEqual(doc["graphs"][0]["stage"], "original")
            convs = [n for n in doc["graphs"][0]["nodes"] if n["target"] == "aten.convolution.default"]
            self.assertEqual(len(convs), 20)
            self.assertEqual(convs[0]["outputs"][0]["shape"], [1, 64, 32, 32])

    @unittest.skipUnless(HAS_TRANSFORMERS and hasattr(torch, "compile"), "needs PyTorch 2.x and transformers")
    def test_compiles_a_transformers_model(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "g.json")
            result = self.run_module("transformers:gpt2", "--out", out, "--layers", "1", "--sequence", "8")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(out, encoding="utf-8") as handle:
                doc = json.load(handle)
            self.assertEqual(doc["model"], "gpt2")
            self.assertEqual(doc["producer"]["torch"], torch.__version__)
            nodes = doc["graphs"][0]["nodes"]
            # GPT-2's Conv1D layers are addmm: c_attn, c_proj (attention), c_fc, c_proj (MLP), one layer.
            addmm = [n for n in nodes if n["target"] == "aten.addmm.default"]
            self.assertEqual(len(addmm), 4)
            self.assertEqual({n["meta"]["nn_module_stack"][-1]["path"] for n in addmm},
                             {"transformer.h.0.attn.c_attn", "transformer.h.0.attn.c_proj",
                              "transformer.h.0.mlp.c_fc", "transformer.h.0.mlp.c_proj"})
            self.assertEqual(addmm[0]["outputs"][0]["shape"], [8, 192])

    def test_unknown_model_fails_cleanly(self):
        can_compile = hasattr(torch, "compile")
        cases = {
            "torchvision:no_such_net": "no_such_net" if HAS_TORCHVISION else "torchvision is not installed",
            "transformers:no_such_net": ("no_such_net" if HAS_TRANSFORMERS else "transformers is not installed")
            if can_compile else "PyTorch 2.x",
        }
        for spec, message in cases.items():
            with tempfile.TemporaryDirectory() as tmp:
                result = self.run_module(spec, "--out", os.path.join(tmp, "x.json"))
                self.assertNotEqual(result.returncode, 0)
                self.assertIn(message, result.stderr)
                self.assertNotIn("Traceback", result.stderr)
                self.assertEqual(os.listdir(tmp), [])

if __name__ == "__main__":
    unittest.main()
