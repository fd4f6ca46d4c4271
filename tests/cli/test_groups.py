# SPDX-License-Identifier: MIT
"""Module groups in the drawing (`atenscope render --groups ... --out FILE.json`), checked in
Python against the dump itself: each group's node count is the number of the dump's nodes whose
innermost module path lies in it (weights and constants go with their users, so only nodes
that are neither are counted here, as a lower bound, and the total is exact); every shown node
sits inside its group's box; boxes of one level never overlap; with everything collapsed the
bundled edges between top-level items carry every edge of the graph that crosses between them.
"""

import json
import os
import subprocess
import tempfile
import unittest

from test_cli import BIN, data, dump_inputs

FIXTURES = ["llama.simulated-ttnn", "gpt2.simulated-ttnn", "bert.simulated-ttnn"]


def render(fixture, *args):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "drawing.json")
        env = {k: v for k, v in os.environ.items() if k != "ATENSCOPE_LAYOUT"}
        # --weights: every node of the dump drawn, as these tests count them (chips: test_cli)
        r = subprocess.run([BIN, "render", data(fixture + ".json"), "--out", out, "--weights", *args], capture_output=True, text=True,
                           env=env)
        if r.returncode != 0:
            raise AssertionError(r.stderr)
        with open(out, encoding="utf-8") as handle:
            return json.load(handle)


def dump_modules(fixture):
    """Per node of the first graph: its innermost module path ('' for none), its inputs, weight flag."""
    with open(data(fixture + ".json"), encoding="utf-8") as handle:
        g = json.load(handle)["graphs"][0]
    paths, weights = [], []
    for n in g["nodes"]:
        stack = n.get("meta", {}).get("nn_module_stack") or []
        paths.append(stack[-1]["path"] if stack else "")
        weights.append(bool(n.get("weight")))
    inputs = dump_inputs(g)
    return paths, inputs, weights


def inside(path, group):
    return path == group or path.startswith(group + ".")


def overlap(a, b):
    return a["x"] < b["x"] + b["width"] - 0.5 and b["x"] < a["x"] + a["width"] - 0.5 and \
        a["y"] < b["y"] + b["height"] - 0.5 and b["y"] < a["y"] + a["height"] - 0.5


class TestGroups(unittest.TestCase):
    def test_expanded_groups_hold_their_nodes(self):
        for fixture in FIXTURES:
            with self.subTest(fixture=fixture):
                paths, _, weights = dump_modules(fixture)
                d = render(fixture, "--groups", "all")
                self.assertEqual(d["engine"], "compound layered")
                self.assertEqual(len(d["nodes"]), len(paths))  # everything expanded: every node shown
                self.assertTrue(d["groups"] and all(g["expanded"] for g in d["groups"]))
                by_path = {g["path"]: g for g in d["groups"]}
                for g in d["groups"]:
                    own = sum(1 for p, w in zip(paths, weights) if not w and inside(p, g["path"]))
                    self.assertGreaterEqual(g["nodes"], own, g["path"])
                    self.assertLessEqual(g["nodes"], own + sum(weights), g["path"])
                for n in d["nodes"]:
                    if not n["group"]:
                        continue
                    box = by_path[n["group"]]
                    self.assertTrue(box["x"] <= n["x"] and n["x"] + n["width"] <= box["x"] + box["width"] and
                                    box["y"] <= n["y"] and n["y"] + n["height"] <= box["y"] + box["height"],
                                    f"{fixture}: {n['name']} outside {n['group']}")
                # Groups of one parent never overlap, and each lies inside its parent.
                for g in d["groups"]:
                    parent = g["path"].rsplit(".", 1)[0] if "." in g["path"] else None
                    while parent is not None and parent not in by_path:
                        parent = parent.rsplit(".", 1)[0] if "." in parent else None
                    if parent:
                        p = by_path[parent]
                        self.assertTrue(p["x"] <= g["x"] and g["x"] + g["width"] <= p["x"] + p["width"] + 0.01, g["path"])
                for i, a in enumerate(d["groups"]):
                    for b in d["groups"][i + 1:]:
                        if inside(a["path"], b["path"]) or inside(b["path"], a["path"]):
                            continue
                        self.assertFalse(overlap(a, b), f"{fixture}: {a['path']} overlaps {b['path']}")
                boxes = d["nodes"]
                for i, a in enumerate(boxes):
                    for b in boxes[i + 1:]:
                        self.assertFalse(overlap(a, b), f"{fixture}: {a['name']} overlaps {b['name']}")

    def test_collapsed_groups_bundle_every_crossing_edge(self):
        for fixture in FIXTURES:
            with self.subTest(fixture=fixture):
                paths, inputs, weights = dump_modules(fixture)
                d = render(fixture, "--groups", "collapsed")
                self.assertTrue(all(not g["expanded"] for g in d["groups"]))
                tops = [g["path"] for g in d["groups"]]
                self.assertEqual(sorted(tops), sorted({p.split(".")[0] for p in paths if p}))
                # A weight goes with its users: into a top-level module when all its users are in it.
                users = [set() for _ in paths]
                for i, ins in enumerate(inputs):
                    for p in ins:
                        users[p].add(i)

                def top(i):
                    if weights[i] and not paths[i]:
                        tops_of_users = {paths[u].split(".")[0] if paths[u] else "" for u in users[i]}
                        if len(tops_of_users) == 1:
                            return tops_of_users.pop()
                    return paths[i].split(".")[0] if paths[i] else ""

                item = [("group", top(i)) if top(i) else ("node", i) for i in range(len(paths))]
                want = sum(1 for v, ins in enumerate(inputs) for u in ins if item[u] != item[v])
                self.assertEqual(sum(e["count"] for e in d["edges"]), want, fixture)
                shown = sum(1 for i in range(len(paths)) if item[i][0] == "node")
                self.assertEqual(len(d["nodes"]), shown)
                for g in d["groups"]:
                    self.assertEqual(g["nodes"], sum(1 for i in range(len(paths)) if item[i] == ("group", g["path"])), g["path"])

    def test_expand_one_module(self):
        d = render("llama.simulated-ttnn", "--groups", "collapsed", "--expand", "model.layers.0.self_attn")
        state = {g["path"]: g["expanded"] for g in d["groups"]}
        for p in ("model", "model.layers", "model.layers.0", "model.layers.0.self_attn"):
            self.assertTrue(state[p], p)
        self.assertFalse(state.get("model.layers.0.mlp", False))
        self.assertFalse(state["model.layers.0.self_attn.q_proj"])

    def test_unknown_module_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "d.json")
            r = subprocess.run([BIN, "render", data("llama.simulated-ttnn.json"), "--out", out, "--expand", "model.nope"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 2)
            self.assertIn("model.nope", r.stderr)
            self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()


class TestPartitions(unittest.TestCase):
    """Fused partitions (call_module nodes with a subgraph) as groups, against the dump."""

    FIXTURES = ["llama.partitioned", "vit_b_16.partitioned", "gpt2.partitioned"]

    @staticmethod
    def partitions(fixture):
        """Per partition: its nodes that are drawn (not its placeholders and output)."""
        with open(data(fixture + ".json"), encoding="utf-8") as handle:
            g = json.load(handle)["graphs"][0]
        return {n["name"]: [m["name"] for m in n["subgraph"]["nodes"] if m["op"] not in ("placeholder", "output")]
                for n in g["nodes"] if n.get("subgraph")}

    def test_partitions_open_in_place(self):
        for fixture in self.FIXTURES:
            with self.subTest(fixture=fixture):
                parts = self.partitions(fixture)
                self.assertGreater(len(parts), 0)
                # As the window opens it: every partition a closed box, none of its nodes drawn.
                d = render(fixture)
                boxes = {g["path"]: g for g in d["groups"] if g["type"] == "partition"}
                self.assertEqual(set(boxes), set(parts))
                self.assertFalse(any(g["expanded"] for g in boxes.values()))
                self.assertFalse(any("partition" in n for n in d["nodes"]))
                for name, inner in parts.items():
                    self.assertEqual(boxes[name]["nodes"], len(inner) + 1)  # with its call node
                    self.assertTrue(boxes[name]["holds"])
                # All open: each partition's nodes drawn inside its box, its call node with them.
                d = render(fixture, "--groups", "all")
                boxes = {g["path"]: g for g in d["groups"] if g["type"] == "partition"}
                for name, inner in parts.items():
                    box = boxes[name]
                    self.assertTrue(box["expanded"])
                    drawn = [n for n in d["nodes"] if n.get("partition") == name]
                    self.assertEqual(sorted(n["name"] for n in drawn), sorted(inner))
                    call = [n for n in d["nodes"] if n["name"] == name and "partition" not in n]
                    self.assertEqual(len(call), 1)
                    for n in drawn + call:
                        self.assertEqual(n["group"], name)
                        self.assertTrue(box["x"] - 0.5 <= n["x"] and n["x"] + n["width"] <= box["x"] + box["width"] + 0.5, n["name"])
                        self.assertTrue(box["y"] - 0.5 <= n["y"] and n["y"] + n["height"] <= box["y"] + box["height"] + 0.5, n["name"])
                for a in range(len(d["nodes"])):
                    for b in range(a + 1, len(d["nodes"])):
                        self.assertFalse(overlap(d["nodes"][a], d["nodes"][b]), (d["nodes"][a]["name"], d["nodes"][b]["name"]))
                # One opened by name, the others closed.
                first = sorted(parts)[0]
                d = render(fixture, "--expand", first)
                opened = {g["path"] for g in d["groups"] if g["type"] == "partition" and g["expanded"]}
                self.assertEqual(opened, {first})
                self.assertEqual(sorted(n["name"] for n in d["nodes"] if n.get("partition") == first), sorted(parts[first]))
