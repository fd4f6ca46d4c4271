#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Regenerate tests/data/runs/: three nightly runs of one model set, as torch_ttnn metrics roots
(docs/metrics-folders.md), for `atenscope report` and `atenscope diff`, and
tests/data/runs.expected.json: per run and model what remains (computed here from the lists,
as tools/make_metrics.py computes it), and per pair of runs which models got worse or better
and which ops are new or converted, computed here independently of AtenScope.

The graphs are torch.compile's aten graphs of real models (tools/make_fixtures.py); the
compiled lists come from the SIMULATED TT-NN lowering under three lowerable sets:

  baseline/    the ttnn profile's lowerable ops; mobilenet_v2's compiled run failed
  improved/    also aten.alias and aten.lift_fresh_copy; mobilenet_v2 runs
  regressed/   without aten.addmm (a new remaining op in resnet18 and gpt2); mobilenet_v2 fails

resnet18 and gpt2 also hold their compiled graph as an AtenScope dump (compiled-0.json, the graph
the compiled list was made from), so that a diff can say which nodes became remaining.

Usage: .venv-fixtures/bin/python tools/make_runs.py [--out DIR]
"""

import argparse
import copy
import os
import pickle
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))

import torch  # noqa: E402

import atenscope_dump  # noqa: E402
import make_fixtures  # noqa: E402
import make_metrics  # noqa: E402

MODELS = ["resnet18", "mobilenet_v2", "gpt2", "llama"]
WITH_GRAPH = {"resnet18", "gpt2"}


def runs():
    base = set(make_fixtures.load_profile("ttnn")["lowerable"])
    return {
        "baseline": {"lowerable": base, "failed": {"mobilenet_v2"}},
        "improved": {"lowerable": base | {"aten.alias.default", "aten.lift_fresh_copy.default"}, "failed": set()},
        "regressed": {"lowerable": base - {"aten.addmm.default"}, "failed": {"mobilenet_v2"}},
    }


RANK = {"✅": 0, "🚧": 1, "❌": 2}


def compare(before, after):
    """What diff must find between two runs' expectations: per model worse/better, new and
    converted ops (the rules of docs/report-format.md, written again here)."""
    out = {}
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name), after.get(name)
        worse, better, new_ops, converted_ops = [], [], [], []
        if a is None:
            worse.append("missing")
        elif b is not None:
            if RANK[a["status"]] > RANK[b["status"]]:
                worse.append("status")
            elif RANK[a["status"]] < RANK[b["status"]]:
                better.append("status")
            if b["status"] == "❌" and a["status"] != "❌":
                new_ops = sorted(a["op_frequency"])  # running now: what it still leaves, not counted worse
            elif "❌" not in (a["status"], b["status"]):
                if a["remaining"] > b["remaining"]:
                    worse.append("remaining")
                elif a["remaining"] < b["remaining"]:
                    better.append("remaining")
                for op in sorted(set(a["op_frequency"]) | set(b["op_frequency"])):
                    if op not in b["op_frequency"]:
                        new_ops.append(op)
                    elif op not in a["op_frequency"]:
                        converted_ops.append(op)
                    else:
                        if set(a["variations"][op]) - set(b["variations"][op]):
                            worse.append("variation")
        if new_ops and not (b and b["status"] == "❌"):
            worse.append("new op")
        if converted_ops:
            better.append("converted op")
        fresh = sorted(set(a.get("remaining_nodes", [])) - set(b.get("remaining_nodes", []))) if a and b else []
        out[name] = {"newly_remaining_nodes": fresh, "worse": bool(worse), "better": bool(better) and not worse, "new_ops": new_ops, "converted_ops": converted_ops}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "runs"))
    args = parser.parse_args()
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    graphs = {name: make_fixtures.trace(name)[0] for name in MODELS}
    expected = {"generated_by": "tools/make_runs.py", "torch": torch.__version__, "runs": {}, "diffs": {}}
    for run, spec in runs().items():
        models = {}
        for name in MODELS:
            gm = graphs[name]
            folder = os.path.join(args.out, run, name)
            os.makedirs(folder)
            failed = name in spec["failed"]
            original = make_metrics.original_list(gm)
            with open(os.path.join(folder, "original-schema_list.pickle"), "wb") as handle:
                pickle.dump(original, handle, protocol=4)
            compiled = None
            if not failed:
                lowered = copy.deepcopy(gm)
                compiled = make_metrics.compiled_list(lowered, spec["lowerable"])  # lowers `lowered` in place
                if name in WITH_GRAPH:
                    doc = atenscope_dump.graph_document(lowered, model=name, stage="compiled")
                    make_fixtures.relative_stack_traces(doc)
                    atenscope_dump.write_document(doc, os.path.join(folder, "compiled-0.json"))
                with open(os.path.join(folder, "compiled-schema_list.pickle"), "wb") as handle:
                    pickle.dump(compiled, handle, protocol=4)
            with open(os.path.join(folder, "compiled-run_time_metrics.pickle"), "wb") as handle:
                pickle.dump({"success": not failed, "batch_size": 1}, handle, protocol=4)
            doc = make_metrics.expectation(original, compiled, None, failed)
            if compiled is not None and name in WITH_GRAPH:
                # A graph says more than the list (which _to_copy nodes only move data): its op
                # report, computed as tools/make_fixtures.py computes a graph's.
                profile = make_fixtures.load_profile("ttnn")
                tally = make_fixtures.new_tally()
                make_fixtures.walk(lowered, profile, False, tally)
                graph = make_fixtures.plain(tally)
                doc.update({k: graph[k] for k in ("remaining", "unique_op_types", "op_frequency", "variations", "converted")})
                doc["to_from_device"] = graph["data_movement"]
                doc["status"] = "🚧" if graph["remaining"] else "✅"
                # the nodes left as aten ops, by name: what a diff of two graphs compares
                doc["remaining_nodes"] = sorted(n.name for n in lowered.graph.nodes
                                                if make_fixtures.classify(n, profile, False) == "remaining")
            if failed:
                doc.update({"remaining": 0, "unique_op_types": 0, "op_frequency": {}, "variations": {}})
            models[name] = doc
        expected["runs"][run] = models
        print(f"{run}: " + ", ".join(f"{m} {d['status']} {d['remaining']}" for m, d in models.items()))
    for before, after in [("baseline", "improved"), ("baseline", "regressed"), ("baseline", "baseline"), ("improved", "baseline")]:
        expected["diffs"][f"{before}->{after}"] = compare(expected["runs"][before], expected["runs"][after])
    make_fixtures.write_json(expected, args.out.rstrip("/") + ".expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
