#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A graph of a given size from a real one, for the growth benchmarks: the dump of a torch.export
graph (atenscope's graph format, with module paths) cut to its first N nodes (with the inputs they
read), or repeated in sequence until it has N: copy k's modules under `stage{k}.`, its node names
with `__k`, its inputs fed by copy k-1's result. What it writes is derived from a real model's
graph, not traced; the benchmark says so.

    make_large.py SRC.json OUT.json --nodes N
"""
import argparse
import json
import sys


def rename_args(value, rename):
    if isinstance(value, dict):
        if set(value) == {"node"}:
            return {"node": rename(value["node"])}
        return {k: rename_args(v, rename) for k, v in value.items()}
    if isinstance(value, list):
        return [rename_args(v, rename) for v in value]
    return value


def referenced(value, out):
    if isinstance(value, dict):
        if set(value) == {"node"}:
            out.add(value["node"])
        else:
            for v in value.values():
                referenced(v, out)
    elif isinstance(value, list):
        for v in value:
            referenced(v, out)
    return out


def cut(nodes, count):
    by_name = {n["name"]: n for n in nodes}
    keep, taken = [], set()
    for n in nodes:
        if n["op"] in ("placeholder", "output"):
            continue
        needs = [r for r in sorted(referenced(n.get("args", []), set()) | referenced(n.get("kwargs", {}), set())) if r not in taken]
        if len(keep) + len(needs) + 2 > count:
            break
        for r in needs:
            keep.append(by_name[r])
            taken.add(r)
        keep.append(n)
        taken.add(n["name"])
    return keep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--nodes", type=int, required=True)
    a = ap.parse_args()
    with open(a.src) as f:
        doc = json.load(f)
    graph = doc["graphs"][0]
    nodes = [n for n in graph["nodes"] if n["op"] != "output"]
    out_nodes = []
    if a.nodes <= len(nodes):
        out_nodes = cut(nodes, a.nodes)
    else:
        copies = -(-a.nodes // len(nodes))
        previous = None
        for k in range(copies):
            inputs = {n["name"] for n in nodes if n["op"] == "placeholder" and not n.get("weight")}

            def rename(name, k=k, inputs=inputs, previous=previous):
                if previous is not None and name in inputs:
                    return previous
                return name if k == 0 else f"{name}__{k}"

            for n in nodes:
                if previous is not None and n["name"] in inputs:
                    continue
                m = dict(n)
                m["name"] = rename(n["name"])
                if "target" in m and n["op"] == "placeholder":
                    m["target"] = m["name"]
                m["args"] = rename_args(n.get("args", []), rename)
                if "kwargs" in n:
                    m["kwargs"] = rename_args(n["kwargs"], rename)
                meta = n.get("meta")
                if meta and "nn_module_stack" in meta:
                    meta = dict(meta)
                    stack = [{"key": f"stage{k}", "path": f"stage{k}", "type": "Stage"}]
                    for frame in meta["nn_module_stack"]:
                        path = frame.get("path", "")
                        if path:
                            stack.append(dict(frame, key=f"stage{k}.{frame.get('key', path)}", path=f"stage{k}.{path}"))
                    meta["nn_module_stack"] = stack
                    m["meta"] = meta
                out_nodes.append(m)
            previous = out_nodes[-1]["name"]
    last = out_nodes[-1]["name"]
    out_nodes.append({"name": "output", "op": "output", "target": "output", "args": [{"tuple": [{"node": last}]}], "outputs": []})
    graph = dict(graph, nodes=out_nodes)
    doc = dict(doc, graphs=[graph], model=f"{doc.get('model', 'model')}-{len(out_nodes)}")
    with open(a.out, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{a.out}: {len(out_nodes)} nodes", file=sys.stderr)


if __name__ == "__main__":
    main()
