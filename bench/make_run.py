#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A nightly run of N models for the report and diff benchmarks, made from the committed
fixtures: model-NNNN folders take in turn the model folders of tests/data/runs (real graphs'
schema lists under three SIMULATED lowerings, chosen per model by SEED: varied lowering), and
every 10th model also gets graph dumps (tests/data/*.simulated-ttnn.json and .original.json),
so that the report draws it. Two seeds make two runs to diff.

Usage: bench/make_run.py N SEED DIR"""

import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = os.path.join(ROOT, "tests", "data", "runs")
DUMPS = ["resnet18", "mobilenet_v2", "gpt2", "llama", "bert", "vit_b_16", "lraspp_mobilenet_v3_large"]


def main():
    count, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    lowerings = sorted(os.listdir(RUNS))
    models = sorted(os.listdir(os.path.join(RUNS, lowerings[0])))
    if os.path.isdir(out):
        shutil.rmtree(out)
    graphs = 0
    for i in range(count):
        target = os.path.join(out, f"model-{i:04d}")
        source = os.path.join(RUNS, rng.choice(lowerings), models[i % len(models)])
        shutil.copytree(source, target)
        if i % 10 == 0:
            name = DUMPS[(i // 10) % len(DUMPS)]
            for stage in ("simulated-ttnn", "original"):
                shutil.copy(os.path.join(ROOT, "tests", "data", f"{name}.{stage}.json"), target)
            graphs += 1
    print(f"{out}: {count} models ({graphs} with graph dumps), seed {seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
