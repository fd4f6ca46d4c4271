# SPDX-License-Identifier: MIT
"""The peer of bench_analyze: the same analysis written plainly in Python over the same JSON.

Reads the dump with the json module, links nodes, classifies them under a profile, and builds
what AtenScope builds for each remaining node (variation string, args/kwargs reprs, shapes),
the op frequency, the variation counts and the top ten.
Usage: python3 bench/analyze_plain.py GRAPH [--profile NAME] [--repeat N]
"""

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def value_repr(v, nodes, shape_style):
    if isinstance(v, dict):
        (kind, x), = v.items()
        if kind == "node":
            if not shape_style:
                return x
            shape = single_shape(nodes[x])
            return f"<{shape}>" if shape else "?"
        if kind == "tuple":
            inner = ", ".join(value_repr(i, nodes, shape_style) for i in x)
            return f"({inner},)" if len(x) == 1 else f"({inner})"
        if kind == "dict":
            return "{" + ", ".join(f"{k!r}: {value_repr(i, nodes, shape_style)}" for k, i in x) + "}"
        return str(x)
    if isinstance(v, list):
        return "[" + ", ".join(value_repr(i, nodes, shape_style) for i in v) + "]"
    return repr(v)


def single_shape(node):
    outs = node.get("outputs") or []
    if node.get("output_is_tuple") or len(outs) != 1 or not outs[0] or "shape" not in outs[0]:
        return ""
    return "[" + ", ".join(str(d) for d in outs[0]["shape"]) + "]"


def variation(node, nodes, schema):
    parts = []
    args = schema["arguments"] if schema else []
    for i, v in enumerate(node.get("args", [])):
        typ, name = (args[i]["type"], args[i]["name"]) if i < len(args) else ("Any", f"arg{i}")
        parts.append(one(typ, name, v, nodes))
    for key, v in node.get("kwargs", {}).items():
        typ = next((a["type"] for a in args if a["name"] == key), "Any")
        parts.append(one(typ, key, v, nodes))
    return ", ".join(parts)


def one(typ, name, v, nodes):
    if isinstance(v, dict) and "node" in v:
        shape = single_shape(nodes[v["node"]])
        return f"{typ}{'<' + shape + '>' if shape else ''} {name} = ?"
    if v is None:
        return f"{typ} {name} = ?"
    return f"{typ} {name} = {value_repr(v, nodes, True)}"


def refs(v, out):
    if isinstance(v, dict):
        if "node" in v:
            out.append(v["node"])
        else:
            for x in v.values():
                refs(x, out)
    elif isinstance(v, list):
        for x in v:
            refs(x, out)


def analyze(doc, profile):
    schemas = doc.get("schemas", {})
    summary = {"nodes": 0, "remaining": 0, "converted": 0, "data_movement": 0, "structural": 0, "other": 0,
               "op_frequency": {}, "variations": {}, "details": []}
    for graph in doc["graphs"]:
        walk(graph, schemas, profile, False, summary)
    ranked = sorted(summary["op_frequency"].items(), key=lambda kv: (-kv[1], kv[0]))
    summary["most_frequent_ops"] = ranked[:10]
    return summary


def walk(graph, schemas, profile, inside, summary):
    nodes = {n["name"]: n for n in graph["nodes"]}
    for n in graph["nodes"]:
        inputs = []
        for a in n.get("args", []):
            refs(a, inputs)
        for a in n.get("kwargs", {}).values():
            refs(a, inputs)
        for name in inputs:
            if name not in nodes:
                raise ValueError(f"dangling reference {name}")
        n["_inputs"] = inputs
    for n in graph["nodes"]:
        cls = classify(n, nodes, profile, inside)
        summary["nodes"] += 1
        summary[cls] += 1
        if cls == "remaining":
            target = n["target"]
            v = variation(n, nodes, schemas.get(target))
            summary["op_frequency"][target] = summary["op_frequency"].get(target, 0) + 1
            per_op = summary["variations"].setdefault(target, {})
            per_op[v] = per_op.get(v, 0) + 1
            outs = n.get("outputs") or [{}]
            summary["details"].append({
                "op_name": target, "node_name": n["name"],
                "args_str": "(" + ", ".join(value_repr(a, nodes, False) for a in n.get("args", [])) + ")",
                "kwargs_str": "{" + ", ".join(f"{k!r}: {value_repr(a, nodes, False)}" for k, a in n.get("kwargs", {}).items()) + "}",
                "input_shapes": [single_shape(nodes[x]) for x in n["_inputs"]],
                "output_shape": (outs[0] or {}).get("shape"), "input_variation": v})
        if "subgraph" in n:
            walk(n["subgraph"], schemas, profile, inside or (n["op"] == "call_module" and profile["converted"]["call_module"]), summary)


def classify(n, nodes, profile, inside):
    op, target = n["op"], n["target"]
    if op in ("placeholder", "get_attr", "output") or target == "operator.getitem":
        return "structural"
    if inside:
        return "converted"
    if op == "call_module" and profile["converted"]["call_module"]:
        return "structural"
    if op not in ("call_function", "call_method"):
        return "other"
    dm = profile["data_movement"]
    if target in dm["targets"]:
        return "data_movement"
    feeders = dm["fed_by"].get(target)
    if feeders and any(nodes[i]["op"] == "call_function" and nodes[i]["target"] in feeders for i in n["_inputs"]):
        return "data_movement"
    if op == "call_function":
        if any(target.startswith(p) for p in profile["converted"]["target_prefixes"]):
            return "converted"
        if target.startswith("aten."):
            return "remaining"
    return "other"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("graph")
    parser.add_argument("--profile", default="generic")
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--dump", action="store_true",
                        help="one run, written to stdout as JSON (indent 1), as `atenscope analyze --json` does")
    args = parser.parse_args()
    with open(os.path.join(ROOT, "resources", "profiles", f"{args.profile}.json"), encoding="utf-8") as handle:
        profile = json.load(handle)
    if args.dump:
        with open(args.graph, encoding="utf-8") as handle:
            doc = json.load(handle)
        summary = analyze(doc, profile)
        json.dump(summary, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    times = []
    counts = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        with open(args.graph, encoding="utf-8") as handle:
            doc = json.load(handle)
        summary = analyze(doc, profile)
        times.append((time.perf_counter() - start) * 1000)
        counts = (summary["nodes"], summary["remaining"])
        # Let go of this run's objects before the next, as the C++ side does: otherwise the
        # next run's garbage collections walk them too and "warm" is slower than cold.
        del doc, summary
        gc.collect()
    mb = os.path.getsize(args.graph) / 1e6
    warm = statistics.median(times[1:] or times)  # the first run is the cold process
    print(json.dumps({"impl": "python-plain", "file_mb": round(mb, 1), "nodes": counts[0],
                      "remaining": counts[1], "repeat": args.repeat, "cold_ms": round(times[0], 1),
                      "warm_ms": round(warm, 1), "cold_mb_per_s": round(mb / (times[0] / 1000)),
                      "warm_mb_per_s": round(mb / (warm / 1000)),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


if __name__ == "__main__":
    sys.exit(main())
