#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Regenerate tests/data/torchscript/: TorchScript archives saved by the torch that matches the
libtorch AtenScope's plugin links (Debian's torch 1.13: run with /usr/bin/python3), and for each
the aten ops torch itself finds in the loaded, inlined forward graph, independently of AtenScope.

  mobilenet_v2.traced.pt      torch.jit.trace of torchvision's MobileNetV2 (width 0.25, 64x64)
  branches.scripted.pt        torch.jit.script of a small module with an if and a loop
  simulated-backend.scripted.pt  a SIMULATED backend's TorchScript: its own ops (simbackend::, the
                              library tests/torchscript_ops builds) next to the aten ops it left
  {name}.expected.json        per aten op (name.overload): its count

Usage: /usr/bin/python3 tools/make_torchscript.py [--out DIR] [--ops-library build/tests/libatenscope_simulated_backend_ops.so]
"""

import argparse
import json
import os
import sys
from collections import Counter

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Branches(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = torch.nn.Linear(16, 32)
        self.head = torch.nn.Linear(32, 8)

    def forward(self, x: torch.Tensor, steps: int) -> torch.Tensor:
        h = torch.relu(self.stem(x))
        for _ in range(steps):
            h = h * 0.5 + torch.tanh(h)
        if h.mean() > 0:
            h = torch.nn.functional.gelu(h)
        return self.head(h).softmax(-1)


class SimulatedBackendModule(torch.nn.Module):
    """What a backend's TorchScript front end leaves: its own fused ops (the SIMULATED
    `simbackend::` namespace of tests/torchscript_ops) next to the aten ops it did not take."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(16, 32)
        self.norm = torch.nn.LayerNorm(32)
        self.fc2 = torch.nn.Linear(32, 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.ops.simbackend.fused_linear_relu(x, self.fc1.weight, self.fc1.bias)
        h = self.norm(h)  # left as aten ops
        h = torch.ops.simbackend.fused_gelu(h)
        return self.fc2(h).softmax(-1)


def blocks_nodes(block):
    for node in block.nodes():
        yield node
        for sub in node.blocks():
            yield from blocks_nodes(sub)


def op_name(node):
    """aten::add with its schema's overload -> aten.add.Tensor (default when none)."""
    kind = node.kind()
    schema = node.schema()
    overload = ""
    if schema != "(no schema)":
        head = schema.split("(")[0]
        overload = head.split(".", 1)[1] if "." in head else ""
    return kind.replace("::", ".") + "." + (overload or "default")


def expectations(path):
    module = torch.jit.load(path)
    graph = module.forward.graph.copy()
    torch._C._jit_pass_inline(graph)
    freq, backend = Counter(), Counter()
    for node in blocks_nodes(graph):
        if node.kind().startswith("aten::"):
            freq[op_name(node)] += 1
        elif node.kind().startswith("simbackend::"):
            backend[op_name(node)] += 1
    return {"generated_by": "tools/make_torchscript.py", "torch": torch.__version__, "op_frequency": dict(sorted(freq.items())),
            "aten_nodes": sum(freq.values()), "backend_ops": dict(sorted(backend.items()))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "torchscript"))
    parser.add_argument("--ops-library", default=os.path.join(ROOT, "build", "tests", "libatenscope_simulated_backend_ops.so"),
                        help="the simulated backend's op library (built with the tests)")
    args = parser.parse_args()
    torch.ops.load_library(args.ops_library)
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    import torchvision

    mobile = torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10).eval()
    archives = {
        "mobilenet_v2.traced": torch.jit.trace(mobile, torch.randn(1, 3, 64, 64)),
        "branches.scripted": torch.jit.script(Branches().eval()),
        "simulated-backend.scripted": torch.jit.script(SimulatedBackendModule().eval()),
    }
    for name, module in archives.items():
        path = os.path.join(args.out, f"{name}.pt")
        module.save(path)
        doc = expectations(path)
        with open(os.path.join(args.out, f"{name}.expected.json"), "w", encoding="utf-8") as handle:
            json.dump(doc, handle, indent=1)
            handle.write("\n")
        print(f"{name}.pt: {doc['aten_nodes']} aten nodes, {len(doc['op_frequency'])} ops")
    return 0


if __name__ == "__main__":
    sys.exit(main())
