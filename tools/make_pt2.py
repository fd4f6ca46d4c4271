#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Regenerate the torch.export fixtures (tests/data/pt2/) from real models with random weights.

Every archive is written by torch.export.save of the torch that runs this script (the fixtures
venv of `scripts/setup-venv --fixtures`); its expectations are computed from what
torch.export.load reads back, the same walk as tools/make_fixtures.py uses, independently of
AtenScope:

  mobilenet_v2.pt2                  torchvision MobileNetV2 (width 0.25, 10 classes, 64x64 input),
                                    as torch.export.export leaves it (conv2d, batch_norm, hardtanh_)
  mobilenet_v2.decomposed.pt2       the same after run_decompositions(): core aten ops, ops of
                                    several outputs (_native_batch_norm_legit_no_training)
  llama.pt2                         transformers' Llama (2 layers) with a dynamic sequence length
                                    and its causal mask as an input: sizes are expressions (s54)
  cond.pt2                          a small module whose forward uses torch.cond: a higher-order op
                                    with two subgraphs (and clamp(max=inf): a non-finite float)
  cond.bare-nonfinite-built.pt2     BUILT here: cond.pt2 with its infinite float as the bare token
                                    Infinity, as older writers wrote it
  mobilenet_v2.flat-layout-built.pt2  BUILT here, not written by torch: mobilenet_v2.pt2's program
                                    JSON in the flat layout of torch 2.1-2.7
                                    (serialized_exported_program.json, version, ...)
  {fixture}.expected.json           per profile: node classes, remaining ops, input variations;
                                    weights (parameters, buffers, constants) from the signature

Usage: .venv-fixtures/bin/python tools/make_pt2.py [--out DIR] [--models mobilenet_v2,llama,...]
       .venv/bin/python tools/make_pt2.py --large N --out FILE    (benchmark archive, not committed)
"""

import argparse
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))

import torch  # noqa: E402

import atenscope_dump  # noqa: E402
import make_fixtures  # noqa: E402


class Branches(torch.nn.Module):
    """Two small heads chosen by the sign of the input's mean, through torch.cond."""

    def __init__(self):
        super().__init__()
        self.stem = torch.nn.Linear(16, 32)
        self.positive = torch.nn.Sequential(torch.nn.Linear(32, 32), torch.nn.GELU())
        self.negative = torch.nn.Sequential(torch.nn.Linear(32, 32), torch.nn.Tanh())

    def forward(self, x):
        h = self.stem(x).clamp(max=float("inf"))  # an infinite float argument
        return torch.cond(h.mean() > 0, lambda t: self.positive(t), lambda t: self.negative(t), (h,))


def export(name):
    torch.manual_seed(0)
    if name == "mobilenet_v2":
        import torchvision

        model = torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10).eval()
        return torch.export.export(model, (torch.randn(1, 3, 64, 64),))
    if name == "llama":
        # The causal mask is given, as a 4-D input: the one transformers builds itself goes
        # through vmap, which torch.export cannot save (flat_apply of a TreeSpec).
        model, kwargs = atenscope_dump.build_transformers("llama", layers=2, sequence=16)
        kwargs["attention_mask"] = torch.triu(torch.full((1, 1, 16, 16), float("-inf")), diagonal=1)
        seq = torch.export.Dim("seq", min=2, max=64)
        shapes = {"input_ids": {1: seq}, "use_cache": None, "attention_mask": {2: seq, 3: seq}}
        return torch.export.export(model, (), kwargs, dynamic_shapes=shapes)
    if name == "cond":
        return torch.export.export(Branches().eval(), (torch.randn(4, 16),))
    raise SystemExit(f"no model named {name}")


def weights(ep):
    sig = ep.graph_signature
    return len(sig.parameters) + len(sig.buffers) + len(sig.lifted_tensor_constants)


def node_facts(node):
    """What each node of the loaded graph is: op, target, output shape and dtype (single
    tensors), the innermost module path of its nn_module_stack, a weight or not."""
    facts = {"op": node.op, "target": make_fixtures.target_of(node) if node.op == "call_function" else str(node.target)}
    val = node.meta.get("val")
    if isinstance(val, torch.Tensor):
        facts["shape"] = make_fixtures.shape_of(node)
        facts["dtype"] = str(val.dtype).replace("torch.", "")
    stack = node.meta.get("nn_module_stack") or {}
    paths = [path for path, _ in stack.values() if path]
    if paths:
        facts["module"] = paths[-1]
    return facts


def expectations(path, model):
    """What torch.export.load reads from the archive, walked as make_fixtures walks fx graphs."""
    ep = torch.export.load(path)
    gm = ep.graph_module
    doc = make_fixtures.expectations(model, os.path.basename(path), [gm], ["model"], gm)
    doc["weights"] = weights(ep)
    doc["placeholders"] = sum(1 for n in gm.graph.nodes if n.op == "placeholder")
    doc["nodes"] = {n.name: node_facts(n) for n in gm.graph.nodes}
    doc["subgraphs"] = sum(1 for n in gm.graph.nodes if n.op == "get_attr" and isinstance(getattr(gm, n.target), torch.fx.GraphModule))
    doc["schema_version"] = None
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.endswith("models/model.json") or info.filename.endswith("serialized_exported_program.json"):
                version = json.loads(z.read(info))["schema_version"]
                doc["schema_version"] = f"{version['major']}.{version['minor']}"
    return doc


def write_flat(ep, path):
    """`ep` in the flat layout of torch 2.1-2.7, as their torch.export.save wrote it: the
    serializer's four artifacts and the schema version, at the top of the zip."""
    from torch._export.serde.schema import SCHEMA_VERSION
    from torch._export.serde.serialize import serialize

    artifact = serialize(ep)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("serialized_exported_program.json", artifact.exported_program)
        z.writestr("serialized_state_dict.pt", artifact.state_dict)
        z.writestr("serialized_constants.pt", artifact.constants)
        z.writestr("serialized_example_inputs.pt", artifact.example_inputs)
        z.writestr("version", ".".join(map(str, SCHEMA_VERSION)))


def write_bare_nonfinite(source, path):
    """`source` with its non-finite floats as bare NaN / Infinity tokens, as Python's json wrote
    them for older torch.export writers (newer ones write the strings "Infinity", "NaN")."""
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename.endswith("models/model.json"):
                doc = json.loads(data)
                text = json.dumps(doc, allow_nan=True)
                for token in ("-Infinity", "Infinity", "NaN"):
                    text = text.replace(f'{{"as_float": "{token}"}}', f'{{"as_float": {token}}}')
                if text == json.dumps(doc):
                    raise SystemExit(f"{source}: no non-finite float to write bare")
                data = text.encode()
            out.writestr(info, data)


def make(name, out):
    ep = export(name)
    path = os.path.join(out, f"{name}.pt2")
    torch.export.save(ep, path)
    archives = [(path, name)]
    if name == "mobilenet_v2":
        decomposed = os.path.join(out, f"{name}.decomposed.pt2")
        torch.export.save(ep.run_decompositions(), decomposed)
        archives.append((decomposed, f"{name}.decomposed"))
        flat = os.path.join(out, f"{name}.flat-layout-built.pt2")
        write_flat(ep, flat)
        archives.append((flat, f"{name}.flat-layout-built"))
    if name == "cond":
        bare = os.path.join(out, f"{name}.bare-nonfinite-built.pt2")
        write_bare_nonfinite(path, bare)
        archives.append((bare, f"{name}.bare-nonfinite-built"))
    for archive, model in archives:
        doc = expectations(archive, model)
        make_fixtures.write_json(doc, archive[: -len(".pt2")] + ".expected.json")
        total = doc["profiles"]["generic"]["total"]
        print(f"{os.path.basename(archive)}: {total['nodes']} nodes, {total['remaining']} aten ops, {doc['weights']} weights")


def make_large(target_nodes, path):
    """A transformers Llama with as many layers as make about `target_nodes` nodes, exported."""
    per_layer = 104  # nodes per Llama layer after run_decompositions (measured: 2 layers, 225 nodes)
    layers = max(1, target_nodes // per_layer)
    model, kwargs = atenscope_dump.build_transformers("llama", layers=layers, sequence=32)
    kwargs["attention_mask"] = torch.triu(torch.full((1, 1, 32, 32), float("-inf")), diagonal=1)
    ep = torch.export.export(model, (), kwargs).run_decompositions()
    torch.export.save(ep, path)
    print(f"{path}: {layers} layers, {len(ep.graph.nodes)} nodes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "pt2"))
    parser.add_argument("--models", default="mobilenet_v2,llama,cond")
    parser.add_argument("--large", type=int, default=0, help="write one archive of about N nodes to --out")
    args = parser.parse_args()
    if args.large:
        make_large(args.large, args.out)
        return 0
    os.makedirs(args.out, exist_ok=True)
    for name in args.models.split(","):
        make(name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
