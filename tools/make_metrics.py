#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Regenerate tests/data/metrics/: a torch_ttnn metrics root made from real model graphs, in
the layouts torch_ttnn writes (docs/metrics-folders.md), with Python's own pickle at protocols
2, 4 and 5, and tests/data/metrics.expected.json: per model, what torch_ttnn's
collect_metrics.py would make of the folder (ops before and remaining, total and unique,
to/from device ops, status) and the remaining ops' frequencies and input variations, computed
here from the lists, independently of AtenScope.

The graphs are those of tools/make_fixtures.py (torch.compile's aten graphs; the compiled ones
through the SIMULATED TT-NN lowering): the schema lists are what torch_ttnn's metrics code
records of their nodes; run-time figures are invented for the fixture (no device ran).

  resnet18/        both schema lists, both run-time files, model_run.json      (protocol 4)
  hf/llama/        the same, and remaining-aten-ops.pickle, a nested name     (protocol 5)
  mobilenet_v2/    the original list; the compiled run failed: no compiled list (protocol 2)
  bert-train/      only remaining-aten-ops.pickle (the op report alone)       (protocol 4)
  gpt2/            only the original schema list (nothing compiled yet)        (protocol 5)

Usage: .venv-fixtures/bin/python tools/make_metrics.py [--out DIR]
"""

import argparse
import copy
import json
import operator
import os
import pickle
import shutil
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))

import torch  # noqa: E402

import make_fixtures  # noqa: E402

LAYOUT = {
    "resnet18": {"folder": "resnet18", "protocol": 4, "files": ["original", "compiled", "runs", "model_run"]},
    "llama": {"folder": "hf/llama", "protocol": 5, "files": ["original", "compiled", "runs", "model_run", "report"]},
    "mobilenet_v2": {"folder": "mobilenet_v2", "protocol": 2, "files": ["original", "runs"], "failed": True},
    "bert": {"folder": "bert-train", "protocol": 4, "files": ["report"]},
    "gpt2": {"folder": "gpt2", "protocol": 5, "files": ["original"]},
}


def aten_call(node):
    return node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload)


def original_list(gm):
    """original-schema_list: one entry per aten node, as torch_ttnn's metrics code records it."""
    out = []
    for node in gm.graph.nodes:
        if not aten_call(node):
            continue
        infos = []
        for arg in node.all_input_nodes:
            val = arg.meta.get("val")
            if isinstance(val, torch.Tensor):
                infos.append({"shape": [int(d) for d in val.shape], "dtype": str(val.dtype)})
        out.append({"opname": make_fixtures.target_of(node), "inputs": make_fixtures.variation_parts(node), "tensor_infos": infos})
    return out


def compiled_list(gm, lowerable):
    """compiled-schema_list after the simulated lowering: remaining aten nodes with their inputs,
    converted ones with the aten op and inputs they replaced, inserted ones by name."""
    for node in gm.graph.nodes:
        if aten_call(node) and str(node.target) in lowerable:
            node.meta["original_inputs"] = {"opname": make_fixtures.target_of(node), "inputs": make_fixtures.variation_parts(node)}
    make_fixtures.simulate_ttnn(gm, lowerable)
    out = []
    for node in gm.graph.nodes:
        if node.op != "call_function" or node.target is operator.getitem:
            continue
        name = make_fixtures.target_of(node)
        if "original_inputs" in node.meta:
            out.append({"opname": name, "original_inputs": node.meta["original_inputs"]})
        elif aten_call(node):
            out.append({"opname": name, "inputs": make_fixtures.variation_parts(node)})
        else:
            out.append({"opname": name, "inputs": []})
    return out


def remaining_report(compiled, original_count):
    """remaining-aten-ops.pickle in the seed feature's layout (docs/torch-ttnn.md)."""
    remaining = [e for e in compiled if e["opname"].startswith("aten.")]
    freq = Counter(e["opname"] for e in remaining)
    return {
        "total_remaining_ops": len(remaining),
        "unique_op_types": len(freq),
        "op_frequency": dict(sorted(freq.items())),
        "most_frequent_ops": sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:10],
        "remaining_ops_details": [
            {"op_name": e["opname"], "node_name": f"{e['opname'].split('.')[1]}_{i}", "args_str": "", "kwargs_str": "",
             "input_shapes": [], "output_shape": None}
            for i, e in enumerate(remaining)
        ],
        "original_ops_count": original_count,
        "conversion_percentage": (original_count - len(remaining)) / original_count * 100 if original_count else None,
        "compilation_timestamp": "2026-11-30T00:00:00Z",
    }


def expectation(original, compiled, report, failed):
    """What collect_metrics.py computes, and the remaining ops' frequencies and variations."""
    doc = {}
    if original is not None:
        before = [e["opname"] for e in original if e["opname"].startswith("aten.")]
        doc["original_aten_ops"] = len(before)
        doc["original_unique"] = len(set(before))
    if compiled is not None:
        remain = [e for e in compiled if e["opname"].startswith("aten.")]
        doc["remaining"] = len(remain)
        doc["unique_op_types"] = len(set(e["opname"] for e in remain))
        # by the ttnn profile's data-movement targets (collect_metrics.py counts names starting
        # with ttnn.to / ttnn.from, which also takes the simulated ttnn.to_copy)
        moves = set(make_fixtures.load_profile("ttnn")["data_movement"]["targets"])
        doc["to_from_device"] = sum(1 for e in compiled if e["opname"] in moves)
        doc["converted"] = len(compiled) - len(remain) - doc["to_from_device"]
        doc["op_frequency"] = dict(sorted(Counter(e["opname"] for e in remain).items()))
        variations = {}
        for e in remain:
            variations.setdefault(e["opname"], Counter())[", ".join(e["inputs"])] += 1
        doc["variations"] = {op: dict(sorted(c.items())) for op, c in sorted(variations.items())}
        doc["status"] = "✅" if not remain else "🚧"
    elif report is not None:
        doc["remaining"] = report["total_remaining_ops"]
        doc["unique_op_types"] = report["unique_op_types"]
        doc["op_frequency"] = report["op_frequency"]
        if report["original_ops_count"] is not None:
            doc["original_aten_ops"] = report["original_ops_count"]
    if failed:
        doc["status"] = "❌"
    return doc


def make(name, layout, out, lowerable):
    gm, _ = make_fixtures.trace(name)
    folder = os.path.join(out, layout["folder"])
    os.makedirs(folder, exist_ok=True)
    protocol = layout["protocol"]
    files = layout["files"]
    failed = layout.get("failed", False)

    def dump(obj, filename):
        with open(os.path.join(folder, filename), "wb") as handle:
            pickle.dump(obj, handle, protocol=protocol)

    original = original_list(gm)
    compiled = compiled_list(copy.deepcopy(gm), lowerable) if not failed else None
    report = remaining_report(compiled if compiled is not None else compiled_list(copy.deepcopy(gm), lowerable), len(
        [e for e in original if e["opname"].startswith("aten.")]))
    if "original" in files:
        dump(original, "original-schema_list.pickle")
    if "compiled" in files:
        dump(compiled, "compiled-schema_list.pickle")
    if "runs" in files:
        dump({"success": True, "run_time": 0.42, "batch_size": 1}, "original-run_time_metrics.pickle")
        run = {"success": not failed, "batch_size": 1}
        if not failed:
            run.update({"run_time": 1.25, "run_time_first_iter": 9.5, "avg_run_time": 1.1, "accuracy": 0.9987, "has_aten": True})
        dump(run, "compiled-run_time_metrics.pickle")
    if "model_run" in files:
        with open(os.path.join(folder, "model_run.json"), "w", encoding="utf-8") as handle:
            json.dump({"name": layout["folder"], "path_in_repo": f"docs/models/{layout['folder']}", "run_success": not failed,
                       "original_run_time": 0.42, "compiled_run_time": 1.1, "accuracy": 99.87, "batch_size": 1}, handle, indent=2)
    if "report" in files:
        dump(report, "remaining-aten-ops.pickle")
    doc = expectation(original if "original" in files else None, compiled if "compiled" in files else None,
                      report if "report" in files else None, failed)
    doc["files"] = sorted(os.listdir(folder))
    doc["protocol"] = protocol
    print(f"{layout['folder']}: {', '.join(doc['files'])}")
    return layout["folder"], doc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "metrics"))
    args = parser.parse_args()
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    lowerable = set(make_fixtures.load_profile("ttnn")["lowerable"])
    expected = {"generated_by": "tools/make_metrics.py", "torch": torch.__version__, "models": {}}
    for name, layout in LAYOUT.items():
        folder, doc = make(name, layout, args.out, lowerable)
        expected["models"][folder] = doc
    make_fixtures.write_json(expected, args.out.rstrip("/") + ".expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
