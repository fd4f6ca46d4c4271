# SPDX-License-Identifier: MIT
"""Graphs of 500 to 5,000 nodes in each format AtenScope reads, for bench_draw (the time to lay
out and picture a graph in the window, `render` and `report`): transformers' Llama with random
weights at 4, 12 and 40 layers, as

  trace-llama-N/   a TORCH_TRACE folder of torch.compile(backend="aot_eager"): the aot graph,
                   flat (its nodes carry no module paths)
  dump-llama-N.json  an AtenScope graph dump (python -m atenscope_dump): grouped by modules
  llama-N.pt2      torch.export.save: grouped by modules

Usage: .venv/bin/python bench/make_draw_inputs.py OUT (torch 2.x and transformers: scripts/setup-venv)
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LAYERS = (4, 12, 40)


def trace(out, layers):
    """In a child process with TORCH_TRACE set: compile and run the model once."""
    folder = os.path.join(out, f"trace-llama-{layers}")
    if os.path.isdir(folder) and os.listdir(folder):
        return
    code = (
        "import sys, torch; sys.path.insert(0, %r); import atenscope_dump\n"
        "model, kwargs = atenscope_dump.build_transformers('llama', layers=%d, sequence=32)\n"
        "with torch.no_grad(): torch.compile(model, backend='aot_eager')(**kwargs)\n"
    ) % (os.path.join(ROOT, "python"), layers)
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, TORCH_TRACE=folder))


def dump(out, layers):
    path = os.path.join(out, f"dump-llama-{layers}.json")
    if not os.path.exists(path):
        subprocess.run([sys.executable, "-m", "atenscope_dump", "transformers:llama", "--layers", str(layers), "--out", path],
                       check=True, env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python")))


def pt2(out, layers):
    """tools/make_pt2.py --large: the causal mask given as an input (the one transformers builds
    goes through vmap, which torch.export cannot save), decomposed to aten."""
    path = os.path.join(out, f"llama-{layers}.pt2")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "make_pt2.py"), "--large", str(layers * 104), "--out", path], check=True)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "bench", "draw")
    os.makedirs(out, exist_ok=True)
    for layers in LAYERS:
        trace(out, layers)
        dump(out, layers)
        pt2(out, layers)
    print(out)


if __name__ == "__main__":
    main()
