#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A metrics root of N models for the benchmarks, made from the committed fixture
(tests/data/metrics): its model folders copied in turn as model-0000, model-0001, ...
(the nested hf/llama as hf/model-NNNN). Usage: bench/make_metrics_root.py N DIR"""

import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "tests", "data", "metrics")


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    folders = sorted(d for d, _, files in os.walk(SOURCE) if files)
    if os.path.isdir(out):
        shutil.rmtree(out)
    for i in range(count):
        source = folders[i % len(folders)]
        nested = os.path.relpath(source, SOURCE).count(os.sep) > 0
        target = os.path.join(out, "hf" if nested else "", f"model-{i:04d}")
        shutil.copytree(source, target)
    print(f"{out}: {count} models from {len(folders)} fixture folders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
