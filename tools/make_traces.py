#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Regenerate tests/data/traces/: real torch.compile structured traces (TORCH_TRACE) of real
models with random weights, and for each the figures computed from the very graphs torch.compile
handed the compiler, independently of AtenScope.

Each model runs in its own process with TORCH_TRACE set; its backend is aot_autograd with
compilers that keep the graphs they receive (the ones the trace logs as aot_*_graph) and walk
them as tools/make_fixtures.py does. The log is renamed dedicated_log_torch_trace_fixture.log
(TORCH_TRACE names it at random); nothing in it is changed.

  mobilenet_v2/   torchvision MobileNetV2 (width 0.25, 64x64 input), inference: aot_inference_graph
  gpt2/           transformers' GPT-2 (2 layers), inference
  bert-train/     transformers' BERT (2 layers), a training step: aot_forward_graph and
                  aot_backward_graph

Usage: .venv-fixtures/bin/python tools/make_traces.py [--out DIR] [--models mobilenet_v2,gpt2,bert-train]
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODELS = ("mobilenet_v2", "gpt2", "bert-train")


def child(name, out):
    """In the traced process: compile and run the model, keep what the compilers received."""
    sys.path.insert(0, HERE)
    sys.path.insert(0, os.path.join(ROOT, "python"))
    import torch
    from torch._dynamo.backends.common import aot_autograd

    import atenscope_dump
    import make_fixtures

    graphs = []  # (name, graph module)

    def keeper(kind):
        def compiler(gm, example_inputs):
            from torch._guards import CompileContext

            cid = CompileContext.current_compile_id()
            graphs.append((f"[{cid.frame_id}/{cid.frame_compile_id}] aot_{kind}_graph", gm))
            return gm.forward

        return compiler

    backend = aot_autograd(fw_compiler=keeper("forward"), bw_compiler=keeper("backward"),
                           inference_compiler=keeper("inference"))
    torch.manual_seed(0)
    if name == "mobilenet_v2":
        import torchvision

        model = torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10).eval()
        with torch.no_grad():
            torch.compile(model, backend=backend)(torch.randn(1, 3, 64, 64))
    elif name == "gpt2":
        model, kwargs = atenscope_dump.build_transformers("gpt2", layers=2, sequence=16)
        with torch.no_grad():
            torch.compile(model, backend=backend)(**kwargs)
    elif name == "bert-train":
        model, kwargs = atenscope_dump.build_transformers("bert", layers=2, sequence=16)
        model.train()
        compiled = torch.compile(model, backend=backend)
        compiled(**kwargs).logits.sum().backward()
    names = [n for n, _ in graphs]
    gms = [g for _, g in graphs]
    doc = make_fixtures.expectations(name, name, gms, names, gms[0])
    doc["graphs"] = names
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, indent=1)
        handle.write("\n")


def make(name, out):
    folder = os.path.join(out, name)
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    expected = os.path.join(out, f"{name}.expected.json")
    env = dict(os.environ, TORCH_TRACE=folder)
    subprocess.run([sys.executable, os.path.abspath(__file__), "--child", name, expected], check=True, env=env)
    logs = glob.glob(os.path.join(folder, "*.log"))
    if len(logs) != 1:
        raise SystemExit(f"{folder}: expected one trace log, found {len(logs)}")
    log = os.path.join(folder, "dedicated_log_torch_trace_fixture.log")
    os.rename(logs[0], log)
    os.chmod(log, 0o644)
    with open(expected, encoding="utf-8") as handle:
        doc = json.load(handle)
    total = doc["profiles"]["generic"]["total"]
    print(f"{name}: {', '.join(doc['graphs'])}: {total['nodes']} nodes, {total['remaining']} aten ops")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "traces"))
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--child", nargs=2, metavar=("MODEL", "EXPECTED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    os.makedirs(args.out, exist_ok=True)
    for name in args.models.split(","):
        make(name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
