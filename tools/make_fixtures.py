#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Regenerate every committed test fixture from real models with random weights.

The main fixtures (tests/data/) come from PyTorch 2.x torch.compile (--torch2, run with the
fixtures venv of `scripts/setup-venv --fixtures`): torchvision models (resnet18, mobilenet_v2,
vit_b_16, lraspp_mobilenet_v3_large) and transformers language models (gpt2, bert, llama;
2 layers), each the aten graph that aot_autograd hands a backend. The torch 1.13 fixtures
(tests/data/torch1.13/) come from make_fx + functionalize under Debian's torch 1.13 and keep the
1.13 path tested.

For each model it writes:
  {model}.original.json              the functional aten graph
  {model}.partitioned.json           torch's CapabilityBasedPartitioner with a support list:
                                     supported regions fused into call_module submodules
  {model}.simulated-ttnn.json        a SIMULATED TT-NN lowering: lowerable aten nodes replaced
                                     by ttnn.* / target_wrapper_* targets, host/device plumbing
                                     inserted as torch_ttnn's data-move pass does
  {fixture}.expected.json            figures computed here, from the live torch.fx graphs,
                                     independently of AtenScope: per-class node counts, per-op
                                     counts of remaining aten ops, input-variation strings

Usage: .venv-fixtures/bin/python tools/make_fixtures.py --torch2 [--models resnet18,gpt2,...]
       /usr/bin/python3 tools/make_fixtures.py [--models resnet18,...]   (torch 1.13, tests/data/torch1.13/)
       .venv/bin/python tools/make_fixtures.py --large N --out FILE     (benchmark graph, not committed)
"""

import argparse
import copy
import json
import math
import operator
import os
import re
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))

import torch  # noqa: E402
import torch.fx  # noqa: E402

import atenscope_dump  # noqa: E402

MODELS = OrderedDict(
    [
        ("resnet18", {"split": 2}),  # the simulated lowering compiles to two subgraphs
        ("mobilenet_v2", {}),
        ("vit_b_16", {}),
        ("lraspp_mobilenet_v3_large", {}),
    ]
)
# Under PyTorch 2.x every model goes through torch.compile: torchvision's, and language models of
# transformers (2 layers, random weights).
TORCH2_MODELS = OrderedDict(
    [
        ("resnet18", {"split": 2}),
        ("mobilenet_v2", {}),
        ("vit_b_16", {}),
        ("lraspp_mobilenet_v3_large", {}),
        ("gpt2", {}),
        ("bert", {}),
        ("llama", {"split": 2}),
    ]
)

# What the (made-up) partitioning backend supports: a typical conv/matmul accelerator.
PARTITION_SUPPORT = {
    "aten.convolution.default",
    "aten.relu.default",
    "aten.add.Tensor",
    "aten.addmm.default",
    "aten.mm.default",
    "aten.bmm.default",
    "aten.t.default",
    "aten.native_batch_norm.default",
    "aten._native_batch_norm_legit_no_training.default",
    "aten.hardtanh.default",
    "aten.hardswish.default",
    "aten.mul.Tensor",
    "aten.gelu.default",
    "aten.native_layer_norm.default",
    "aten.view.default",
    "aten.transpose.int",
}

WRAPPED = {
    "aten.convolution.default": "target_wrapper_conv",
    "aten.clone.default": "target_wrapper_clone",
    "aten.repeat.default": "target_wrapper_repeat",
    "aten.roll.default": "target_wrapper_roll",
    "aten.stack.default": "target_wrapper_stack",
    "aten.all.default": "target_wrapper_all",
    "aten.native_layer_norm.default": "target_wrapper_native_layer_norm",
}
RENAMED = {
    "aten.addmm.default": "ttnn.linear",
    "aten.mm.default": "ttnn.matmul",
    "aten.bmm.default": "ttnn.matmul",
    "aten._softmax.default": "ttnn.softmax",
    "aten.t.default": "ttnn.transpose",
    "aten.view.default": "ttnn.reshape",
    "aten._unsafe_view.default": "ttnn.reshape",
    "aten.mean.dim": "ttnn.mean",
}


class FastOperation:
    """Stands in for a ttnn FastOperation in SIMULATED graphs: same str() as the real one."""

    def __init__(self, name):
        self.python_fully_qualified_name = name
        self.__name__ = name.split(".")[-1]

    def __call__(self, *args, **kwargs):
        raise RuntimeError("simulated ttnn op: not runnable")

    def __repr__(self):
        return f"FastOperation(python_fully_qualified_name='{self.python_fully_qualified_name}', function=<simulated>)"

    __str__ = __repr__


def _wrapper(name):
    def fn(*args, **kwargs):
        raise RuntimeError("simulated wrapper: not runnable")

    fn.__name__ = name
    fn.__qualname__ = name
    return fn


def load_profile(name):
    with open(os.path.join(ROOT, "resources", "profiles", f"{name}.json"), encoding="utf-8") as handle:
        return json.load(handle)


def ttnn_target(aten_name):
    if aten_name in WRAPPED:
        return _wrapper(WRAPPED[aten_name])
    if aten_name in RENAMED:
        return FastOperation(RENAMED[aten_name])
    base = aten_name.split(".")[1].strip("_")
    return FastOperation(f"ttnn.{base}")


# ----------------------------------------------------------------------------- graph making


TORCHVISION = ("resnet18", "mobilenet_v2", "vit_b_16", "lraspp_mobilenet_v3_large")


def trace(name):
    """(graph module, example inputs): under 2.x the graph torch.compile hands a backend;
    under torch 1.13 make_fx of the functionalized model."""
    torch.manual_seed(0)
    if hasattr(torch, "compile"):
        if name in TORCHVISION:
            model, args, kwargs = atenscope_dump._build_torchvision(name), (torch.randn(1, 3, 224, 224),), {}
        else:
            model, kwargs = atenscope_dump.build_transformers(name, layers=2, sequence=32)
            args = ()
        graphs = atenscope_dump.compile_aten(model, args, kwargs)
        if len(graphs) != 1:
            raise SystemExit(f"{name}: torch.compile gave {len(graphs)} graphs, expected 1")
        gm = graphs[0]
        # Example inputs for shape propagation: the placeholders' fake values made real.
        example = []
        for node in gm.graph.nodes:
            if node.op == "placeholder":
                val = node.meta["val"]
                if val.dtype.is_floating_point:
                    example.append(torch.randn(val.shape, dtype=val.dtype))
                else:
                    example.append(torch.zeros(val.shape, dtype=val.dtype))
        return gm, example
    model = atenscope_dump._build_torchvision(name)
    example = torch.randn(1, 3, 224, 224)
    return atenscope_dump.trace_aten(model, [example]), [example]


def partition(gm, example):
    from torch.fx.passes.infra.partitioner import CapabilityBasedPartitioner
    from torch.fx.passes.operator_support import OperatorSupport

    class Support(OperatorSupport):
        def is_node_supported(self, submodules, node):
            if node.op != "call_function":
                return False
            if node.target is operator.getitem:
                return True
            return str(node.target) in PARTITION_SUPPORT

    gm = copy.deepcopy(gm)
    partitioner = CapabilityBasedPartitioner(gm, Support(), allows_single_node_partition=False)
    # partition_and_fuse() hands each partition's node set to the fuser in set order, which
    # follows object addresses; in graph order the fused modules come out the same every run.
    from torch.fx.passes.utils.fuser_utils import fuse_by_partitions

    order = {node: i for i, node in enumerate(gm.graph.nodes)}
    groups = [sorted(p.nodes, key=order.__getitem__) for p in partitioner.propose_partitions()]
    groups.sort(key=lambda nodes: order[nodes[0]])
    fused = fuse_by_partitions(gm, groups)
    # Shape metadata on the partition nodes too, as a pipeline that propagates shapes has.
    from torch.fx.passes.shape_prop import ShapeProp

    with torch.no_grad():
        ShapeProp(fused).propagate(*example)
    return fused


def split(gm, parts):
    """Cut the graph into `parts` consecutive subgraphs, as a compiler's graph breaks do."""
    from torch.fx.passes.split_module import split_module

    compute = [n for n in gm.graph.nodes if n.op not in ("placeholder", "output", "get_attr")]
    owner = {n: min(parts - 1, i * parts // len(compute)) for i, n in enumerate(compute)}
    meta_by_name = {n.name: n.meta for n in gm.graph.nodes}
    top = split_module(gm, gm, lambda n: owner[n])
    subs = [getattr(top, f"submod_{i}") for i in range(parts)]
    for sub in subs:
        for node in sub.graph.nodes:
            if not node.meta and node.name in meta_by_name:
                node.meta = dict(meta_by_name[node.name])
    return subs


def simulate_ttnn(gm, lowerable):
    """SIMULATED lowering in place: lowerable aten nodes become ttnn targets; values
    crossing host/device get from_torch+to_device or from_device+to_torch+_to_copy."""
    graph = gm.graph
    on_device = set()
    for node in list(graph.nodes):
        if node.op == "call_function" and str(node.target) in lowerable:
            node.target = ttnn_target(str(node.target))
            on_device.add(node)
        elif node.op == "call_function" and node.target is operator.getitem and node.args[0] in on_device:
            on_device.add(node)

    def copy_meta(new, src):
        for key in ("val", "tensor_meta"):
            if key in src.meta:
                new.meta[key] = src.meta[key]

    to_device_cache, to_host_cache = {}, {}
    for node in list(graph.nodes):
        if node in on_device and node.target is not operator.getitem:
            for inp in list(node.all_input_nodes):
                if inp in on_device:
                    continue
                if inp not in to_device_cache:
                    with graph.inserting_after(inp):
                        t = graph.call_function(FastOperation("ttnn.from_torch"), (inp,), {"layout": "TILE"})
                    with graph.inserting_after(t):
                        d = graph.call_function(FastOperation("ttnn.to_device"), (t,), {})
                    copy_meta(t, inp)
                    copy_meta(d, inp)
                    to_device_cache[inp] = d
                node.replace_input_with(inp, to_device_cache[inp])
        elif node not in on_device and node.op in ("call_function", "output"):
            for inp in list(node.all_input_nodes):
                if inp not in on_device:
                    continue
                if inp not in to_host_cache:
                    with graph.inserting_after(inp):
                        f = graph.call_function(FastOperation("ttnn.from_device"), (inp,), {})
                    with graph.inserting_after(f):
                        h = graph.call_function(FastOperation("ttnn.to_torch"), (f,), {})
                    with graph.inserting_after(h):
                        c = graph.call_function(torch.ops.aten._to_copy.default, (h,), {"dtype": torch.float32})
                    for n in (f, h, c):
                        copy_meta(n, inp)
                    to_host_cache[inp] = c
                node.replace_input_with(inp, to_host_cache[inp])
    return gm


# ----------------------------------------------------------------------------- expectations
# Written from docs/torch-ttnn.md, not from AtenScope's code: the two must agree.


def py_repr(value, shape_of):
    if isinstance(value, torch.fx.Node):
        shape = shape_of(value)
        return f"<{shape}>" if shape is not None else "?"
    if isinstance(value, list):
        return "[" + ", ".join(py_repr(v, shape_of) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(py_repr(v, shape_of) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def shape_of(node):
    val = node.meta.get("val")  # torch 2.x: a FakeTensor
    if isinstance(val, torch.Tensor):
        return "[" + ", ".join(str(d) for d in val.shape) + "]"  # symbolic sizes by their expression
    meta = node.meta.get("tensor_meta")
    if meta is None or not hasattr(meta, "shape"):  # absent, or one per output of a tuple
        return None
    return str(list(meta.shape))


def variation(node):
    """torch_ttnn's input-variation string (docs/torch-ttnn.md)."""
    return ", ".join(variation_parts(node))


def variation_parts(node):
    """One part per argument passed: `{type}{<shape>} {name} = {value}`."""
    schema = node.target._schema
    positional = [a for a in schema.arguments]
    by_name = {a.name: a for a in schema.arguments}
    parts = []

    def one(arg, value):
        typ = str(arg.type)
        if isinstance(value, torch.fx.Node):
            shape = shape_of(value)
            shape_txt = f"<{shape}>" if shape is not None else ""
            return f"{typ}{shape_txt} {arg.name} = ?"
        if value is None:
            return f"{typ} {arg.name} = ?"
        return f"{typ} {arg.name} = {py_repr(value, shape_of)}"

    for index, value in enumerate(node.args):
        parts.append(one(positional[index], value))
    for key, value in node.kwargs.items():
        parts.append(one(by_name[key], value))
    return parts


def target_of(node):
    return atenscope_dump.target_name(node.target)


def classify(node, profile, parent_converted):
    op = node.op
    target = target_of(node) if op in ("call_function", "call_method") else None
    if op in ("placeholder", "get_attr", "output") or node.target is operator.getitem:
        return "structural"
    if parent_converted:
        return "converted"
    if op == "call_module" and profile["converted"]["call_module"]:
        return "structural"  # the partition node is a container; what it holds is converted
    if target is not None:
        dm = profile["data_movement"]
        if target in dm["targets"]:
            return "data_movement"
        feeders = dm["fed_by"].get(target)
        if feeders and any(target_of(i) in feeders for i in node.all_input_nodes if i.op == "call_function"):
            return "data_movement"
        if op == "call_function" and any(target.startswith(p) for p in profile["converted"]["target_prefixes"]):
            return "converted"
        if op == "call_function" and target.startswith("aten."):
            return "remaining"
    return "other"


def walk(gm, profile, parent_converted, tally):
    for node in gm.graph.nodes:
        cls = classify(node, profile, parent_converted)
        tally["nodes"] += 1
        tally[cls] += 1
        if cls == "remaining":
            name = target_of(node)
            tally["op_frequency"][name] += 1
            tally["variations"].setdefault(name, Counter())[variation(node)] += 1
        if node.op == "call_module":
            sub = gm.get_submodule(node.target)
            if isinstance(sub, torch.fx.GraphModule):
                inner = parent_converted or (profile["converted"]["call_module"])
                walk(sub, profile, inner, tally)
        if node.op == "get_attr":  # a higher-order op's subgraph (torch.export)
            sub = getattr(gm, node.target, None)
            if isinstance(sub, torch.fx.GraphModule):
                walk(sub, profile, parent_converted, tally)


def new_tally():
    return {
        "nodes": 0,
        "remaining": 0,
        "converted": 0,
        "data_movement": 0,
        "structural": 0,
        "other": 0,
        "op_frequency": Counter(),
        "variations": {},
    }


def merge(total, part):
    for key in ("nodes", "remaining", "converted", "data_movement", "structural", "other"):
        total[key] += part[key]
    total["op_frequency"].update(part["op_frequency"])
    for op, counts in part["variations"].items():
        total["variations"].setdefault(op, Counter()).update(counts)


def plain(tally):
    out = {k: tally[k] for k in ("nodes", "remaining", "converted", "data_movement", "structural", "other")}
    out["unique_op_types"] = len(tally["op_frequency"])
    out["op_frequency"] = dict(sorted(tally["op_frequency"].items()))
    out["variations"] = {op: dict(sorted(c.items())) for op, c in sorted(tally["variations"].items())}
    return out


def count_aten(gm):
    n = 0
    for node in gm.graph.nodes:
        if node.op == "call_function" and target_of(node).startswith("aten."):
            n += 1
        if node.op in ("call_module", "get_attr"):
            sub = getattr(gm, node.target, None) if node.op == "get_attr" else gm.get_submodule(node.target)
            if isinstance(sub, torch.fx.GraphModule):
                n += count_aten(sub)
    return n


def expectations(model, fixture, graphs, names, original):
    doc = {
        "model": model,
        "fixture": fixture,
        "generated_by": "tools/make_fixtures.py",
        "torch": torch.__version__,
        "original_aten_ops": count_aten(original),
        "profiles": {},
    }
    for pname in ("generic", "ttnn", "partitioned"):
        profile = load_profile(pname)
        per_graph, total = {}, new_tally()
        for gm, name in zip(graphs, names):
            tally = new_tally()
            walk(gm, profile, False, tally)
            per_graph[name] = plain(tally)
            merge(total, tally)
        doc["profiles"][pname] = {"graphs": per_graph, "total": plain(total)}
    return doc


def write_json(doc, path):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, indent=1, sort_keys=False, ensure_ascii=False)
        handle.write("\n")


def relative_stack_traces(doc):
    """Source paths in stack traces from where the package lies, so that fixtures do not
    depend on the folder they were made in: .../site-packages/transformers/... -> transformers/..."""

    def fix(trace):
        trace = re.sub(r'File "[^"]*/(site-packages|dist-packages)/', 'File "', trace)
        return trace.replace(ROOT + "/", "")

    doc["stack_traces"] = [fix(t) for t in doc.get("stack_traces", [])]
    doc.pop("source_roots", None)  # this machine's folders


def make_model(name, options, out):
    gm, example = trace(name)
    lowerable = set(load_profile("ttnn")["lowerable"])
    variants = []
    variants.append(("original", [gm], "original"))
    variants.append(("partitioned", [partition(gm, example)], "compiled"))
    parts = options.get("split", 1)
    subs = split(copy.deepcopy(gm), parts) if parts > 1 else [copy.deepcopy(gm)]
    variants.append(("simulated-ttnn", [simulate_ttnn(s, lowerable) for s in subs], "compiled"))
    for variant, graphs, stage in variants:
        fixture = f"{name}.{variant}.json"
        names = [str(i) for i in range(len(graphs))]
        doc = atenscope_dump.graph_document(graphs if len(graphs) > 1 else graphs[0], model=name, stage=stage)
        relative_stack_traces(doc)
        atenscope_dump.write_document(doc, os.path.join(out, fixture))
        write_json(expectations(name, fixture, graphs, names, gm), os.path.join(out, fixture.replace(".json", ".expected.json")))
        print(f"{fixture}: {sum(len(g.graph.nodes) for g in graphs)} top-level nodes")


# ----------------------------------------------------------------------------- large graph


def make_large(target_nodes, path):
    """A Llama-style model of transformers with as many layers as make about `target_nodes`
    aten nodes, compiled by torch.compile under PyTorch 2.x (not committed; ~4 min for 100,000)."""
    if not hasattr(torch, "compile"):
        return make_large_113(target_nodes, path)

    def graph(layers):
        torch.manual_seed(0)
        model, kwargs = atenscope_dump.build_transformers("llama", layers=layers, sequence=16)
        return atenscope_dump.compile_aten(model, (), kwargs)[0]

    base, one = len(graph(1).graph.nodes), len(graph(2).graph.nodes)
    per_layer = one - base
    layers = max(1, math.ceil((target_nodes - (base - per_layer)) / per_layer))
    gm = graph(layers)
    doc = atenscope_dump.graph_document(gm, model=f"llama-{layers}-layers", stage="original")
    atenscope_dump.write_document(doc, path)
    print(f"{path}: llama, {layers} layers, {len(gm.graph.nodes)} nodes, torch {torch.__version__}")


def make_large_113(target_nodes, path):
    """make_fx of a deep transformer stack built from torch.nn layers (torch 1.13; not committed)."""

    class Block(torch.nn.Module):
        def __init__(self, d):
            super().__init__()
            self.ln1 = torch.nn.LayerNorm(d)
            self.attn = torch.nn.MultiheadAttention(d, 4, batch_first=True)
            self.ln2 = torch.nn.LayerNorm(d)
            self.mlp = torch.nn.Sequential(torch.nn.Linear(d, 4 * d), torch.nn.GELU(), torch.nn.Linear(4 * d, d))

        def forward(self, x):
            h = self.ln1(x)
            x = x + self.attn(h, h, h, need_weights=False)[0]
            return x + self.mlp(self.ln2(x))

    d = 32
    probe = torch.nn.Sequential(Block(d))
    gm = atenscope_dump.trace_aten(probe, [torch.randn(1, 8, d)])
    per_block = len(gm.graph.nodes)
    blocks = max(1, math.ceil(target_nodes / max(1, per_block - 3)))
    model = torch.nn.Sequential(*[Block(d) for _ in range(blocks)])
    gm = atenscope_dump.trace_aten(model, [torch.randn(1, 8, d)])
    doc = atenscope_dump.graph_document(gm, model=f"transformer-{blocks}-blocks", stage="original")
    atenscope_dump.write_document(doc, path)
    print(f"{path}: {blocks} blocks, {len(gm.graph.nodes)} nodes")


def write_float_reprs(out):
    """Python's repr() of floats that graphs hold (eps, momentum, scales) and edge cases."""
    import random

    rng = random.Random(0)
    values = [0.0, -0.0, 1.0, -1.0, 0.1, 1e-05, 1e-06, 0.0001, 0.00012, 1e-12, 0.5, 2.5, 100.0, 1e15, 1e16, 1.5e16,
              123456789.123, 3.141592653589793, 0.125, 1e300, 5e-324, 1.7976931348623157e308, 0.044715, 0.7978845608028654]
    values += [rng.uniform(-10, 10) for _ in range(50)]
    values += [10 ** rng.uniform(-30, 30) for _ in range(50)]
    rows = [[v, repr(v)] for v in values]
    write_json({"generated_by": "tools/make_fixtures.py", "python": sys.version.split()[0], "float_reprs": rows},
               os.path.join(out, "python-float-repr.json"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=None, help="default: tests/data (2.x), tests/data/torch1.13 (1.13)")
    parser.add_argument("--models", default=None, help="comma-separated (default: all of the chosen torch)")
    parser.add_argument("--torch2", action="store_true", help="the main fixtures (PyTorch 2.x, the fixtures venv)")
    parser.add_argument("--large", type=int, default=0, help="write one large graph of about N nodes to --out")
    args = parser.parse_args()
    if args.large:
        make_large(args.large, args.out)
        return 0
    if args.torch2 and not hasattr(torch, "compile"):
        raise SystemExit("--torch2 needs PyTorch 2.x: run it with .venv-fixtures/bin/python (scripts/setup-venv --fixtures)")
    if not args.torch2 and hasattr(torch, "compile"):
        raise SystemExit("without --torch2 the fixtures are torch 1.13's: run it with /usr/bin/python3")
    data = os.path.join(ROOT, "tests", "data")
    args.out = args.out or (data if args.torch2 else os.path.join(data, "torch1.13"))
    os.makedirs(args.out, exist_ok=True)
    table = TORCH2_MODELS if args.torch2 else MODELS
    if args.torch2:
        write_float_reprs(args.out)
    for name in (args.models.split(",") if args.models else table):
        make_model(name, table[name], args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
