# SPDX-License-Identifier: MIT
"""The layouts' invariants on real fixtures, checked here in Python from `atenscope render
--out FILE.json` (independently of the C++ measure): no two node boxes overlap, every edge
of the graph is drawn, every edge points down (the fixtures are acyclic), and no edge route
passes through a node other than its ends; for AtenScope's layered layout (forced with
ATENSCOPE_LAYOUT=layered, as it lays out graphs over 3,000 nodes) and for Graphviz dot.
"""

import json
import os
import subprocess
import tempfile
import unittest

from test_cli import BIN, data, dump_inputs, expected

FIXTURES = ["llama.simulated-ttnn", "gpt2.simulated-ttnn", "bert.simulated-ttnn", "resnet18.original", "vit_b_16.simulated-ttnn"]


def render(fixture, engine, out):
    env = dict(os.environ, ATENSCOPE_LAYOUT=engine)
    # --weights: every node of the dump laid out, as these tests count them (chips: test_cli)
    return subprocess.run([BIN, "render", data(fixture + ".json"), "--out", out, "--weights"], capture_output=True, text=True, env=env)


def crosses_box(a, b, box):
    """Liang-Barsky: does segment a-b meet the box (x0, y0, x1, y1)?"""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


class TestLayoutInvariants(unittest.TestCase):
    def check(self, fixture, engine):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "drawing.json")
            r = render(fixture, engine, out)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8") as handle:
                d = json.load(handle)
        self.assertEqual(d["format"], "atenscope-drawing")
        self.assertEqual(d["engine"], "layered" if engine == "layered" else "graphviz-dot")
        nodes, edges = d["nodes"], d["edges"]
        # Every node of the shown subgraph (the first), as Python counted it.
        graphs = expected(fixture + ".expected.json")["profiles"]["generic"]["graphs"]
        first = graphs[sorted(graphs)[0]]
        self.assertEqual(len(nodes), first["nodes"])
        boxes = [(n["x"], n["y"], n["x"] + n["width"], n["y"] + n["height"]) for n in nodes]
        # No overlaps (a grid of 200-point cells).
        cells = {}
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            for cx in range(int(x0 // 200), int(x1 // 200) + 1):
                for cy in range(int(y0 // 200), int(y1 // 200) + 1):
                    cells.setdefault((cx, cy), []).append(i)
        for members in cells.values():
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    a, b = boxes[members[i]], boxes[members[j]]
                    overlap = a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
                    self.assertFalse(overlap, f"{fixture} ({engine}): {nodes[members[i]]['name']} overlaps {nodes[members[j]]['name']}")
        self.assertGreater(len(edges), len(nodes) // 2)
        for e in edges:
            s, t = boxes[e["from"]], boxes[e["to"]]
            # ranks respected: the target below its source
            self.assertGreater(t[1], s[1], f"{fixture} ({engine}): {nodes[e['from']]['name']} -> {nodes[e['to']]['name']} points up")
            pts = e["points"]
            self.assertGreaterEqual(len(pts), 2)
            for a, b in zip(pts, pts[1:]):
                for cx in range(int(min(a[0], b[0]) // 200), int(max(a[0], b[0]) // 200) + 1):
                    for cy in range(int(min(a[1], b[1]) // 200), int(max(a[1], b[1]) // 200) + 1):
                        for v in cells.get((cx, cy), []):
                            if v in (e["from"], e["to"]):
                                continue
                            x0, y0, x1, y1 = boxes[v]
                            if engine == "layered":  # dot's splines may graze a corner; ours never enter a box
                                self.assertFalse(crosses_box(a, b, (x0 + 1, y0 + 1, x1 - 1, y1 - 1)),
                                                 f"{fixture}: {nodes[e['from']]['name']} -> {nodes[e['to']]['name']} "
                                                 f"passes through {nodes[v]['name']}")
        return d

    def test_layered_on_real_graphs(self):
        for fixture in FIXTURES:
            with self.subTest(fixture=fixture):
                self.check(fixture, "layered")

    def test_dot_on_real_graphs(self):
        self.check("llama.simulated-ttnn", "dot")

    def test_every_edge_of_the_graph_is_drawn(self):
        # The dump's own edges (each input of each node), counted in Python.
        with open(data("llama.simulated-ttnn.json"), encoding="utf-8") as handle:
            dump = json.load(handle)
        g = dump["graphs"][0]
        names = [n["name"] for n in g["nodes"]]
        want = {(p, i) for i, ins in enumerate(dump_inputs(g)) for p in ins}
        d = self.check("llama.simulated-ttnn", "layered")
        got = {(e["from"], e["to"]) for e in d["edges"]}
        drawn = {(names.index(d["nodes"][a]["name"]), names.index(d["nodes"][b]["name"])) for a, b in got}
        self.assertEqual(drawn, want)


if __name__ == "__main__":
    unittest.main()
