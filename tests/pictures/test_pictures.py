# SPDX-License-Identifier: MIT
"""Pictures a person can read (docs/pictures.md), measured the way a reader reads: tesseract OCR
(tools/ocr_legibility.py) on `render`'s default PNG and on the report's pictures of every PyTorch
2.x fixture model (original, partitioned, simulated TT-NN) must name at least 90 % of the
model's distinct remaining op types, within 16 megapixels of pictures per model. The op types
come from the fixtures' *.expected.json, computed in Python when the fixtures were made.

Needs ATENSCOPE_BIN and tesseract (scripts/install-deps installs tesseract-ocr).
"""

import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import ocr_legibility  # noqa: E402

BIN = os.path.abspath(os.environ.get("ATENSCOPE_BIN", os.path.join(ROOT, "build", "bin", "atenscope")))
SHARE = 0.9
WINDOW_EACH = 0.85
MAX_PIXELS = 16_000_000
# The profile each kind of fixture is pictured under: every aten op of an original graph
# remains under generic (the hardest case: all of them must be named).
VARIANTS = {"original": "generic", "partitioned": "partitioned", "simulated-ttnn": "ttnn"}


def fixtures():
    for path in sorted(glob.glob(os.path.join(DATA, "*.json"))):
        name = os.path.basename(path)
        for variant, profile in VARIANTS.items():
            if name.endswith(f".{variant}.json"):
                yield name[: -len(f".{variant}.json")], variant, profile, path


def expected_ops(model, variant, profile, graph=None):
    with open(os.path.join(DATA, f"{model}.{variant}.expected.json"), encoding="utf-8") as handle:
        graphs = json.load(handle)["profiles"][profile]["graphs"]
    ops = set()
    for key, g in graphs.items():
        if graph is None or key == graph:
            ops |= set(g["op_frequency"])
    return ops


def png_size(path):
    with open(path, "rb") as handle:
        head = handle.read(24)
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def ocr_all(paths):
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(ocr_legibility.ocr_text, paths))


class TestPictures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="atenscope-pictures-")
        cls.measured = []

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("ATENSCOPE_PICTURES_REPORT"):
            with open(os.environ["ATENSCOPE_PICTURES_REPORT"], "w", encoding="utf-8") as handle:
                handle.write("| picture | model | legible op types | pictures | megapixels |\n|---|---|---|---|---|\n")
                for row in cls.measured:
                    handle.write("| " + " | ".join(str(x) for x in row) + " |\n")
        cls.tmp.cleanup()

    def check(self, what, model, targets, pngs):
        pixels = sum(w * h for w, h in (png_size(p) for p in pngs))
        found = ocr_legibility.legible(targets, ocr_all(pngs))
        self.measured.append((what, model, f"{len(found)} of {len(targets)}", len(pngs), f"{pixels / 1e6:.1f}"))
        self.assertLessEqual(pixels, MAX_PIXELS, f"{what} {model}: {pixels / 1e6:.1f} megapixels")
        if targets:
            self.assertGreaterEqual(len(found) / len(targets), SHARE,
                                    f"{what} {model}: {len(found)} of {len(targets)} op types legible; not: {sorted(targets - found)}")

    def test_render_default(self):
        """`atenscope render GRAPH --out x.png` (the profile named): the first subgraph's remaining ops."""
        for model, variant, profile, path in fixtures():
            with self.subTest(model=model, variant=variant):
                out = os.path.join(self.tmp.name, f"render-{model}.{variant}.png")
                result = subprocess.run([BIN, "render", path, "--profile", profile, "--out", out], capture_output=True, text=True)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.check("render", f"{model}.{variant}", expected_ops(model, variant, profile, "0"), [out])

    def test_report(self):
        """`atenscope report` of each kind of fixture (its 7 models): each model's pictures together."""
        for variant, profile in VARIANTS.items():
            with self.subTest(variant=variant):
                paths = [p for m, v, _, p in fixtures() if v == variant]
                out = os.path.join(self.tmp.name, f"report-{variant}")
                result = subprocess.run([BIN, "report", *paths, "--profile", profile, "--out", out], capture_output=True, text=True)
                self.assertEqual(result.returncode, 0, result.stderr)
                with open(os.path.join(out, "report.json"), encoding="utf-8") as handle:
                    doc = json.load(handle)
                for m in doc["models"]:
                    with self.subTest(model=m["model"]):
                        pngs = [os.path.join(out, i["file"]) for i in m["images"]]
                        self.assertTrue(pngs, m["model"])
                        targets = expected_ops(m["model"], variant, profile)
                        self.assertEqual(set(m["remaining_ops"]), targets)  # the report's own figures agree
                        self.check("report", f"{m['model']}.{variant}", targets, pngs)
                        # Each picture lists the ops it names, and each of those remains in the model.
                        for i in m["images"]:
                            self.assertLessEqual(set(i["ops"]), targets, i["file"])

    def test_window_at_fit(self):
        """The window (1400 x 900, offscreen) after Fit (0), grabbed whole: its graph (the overview
        that fits at a readable zoom, each closed module listing its remaining ops) and its tables.
        Each fixture's picture names >= WINDOW_EACH of its op types and all of them together >= 90 %:
        the graph names every op (tst_gui fitFoldsToAReadableOverview checks that exactly); what
        OCR misses are single words misread at 9 pt (docs/pictures.md)."""
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        jobs = []
        for model, variant, profile, path in fixtures():
            out = os.path.join(self.tmp.name, f"window-fit-{model}.{variant}.png")
            result = subprocess.run([BIN, path, "--profile", profile, "--view", "fit", "--screenshot", out],
                                    capture_output=True, text=True, env=env, timeout=300)
            self.assertEqual(result.returncode, 0, result.stderr)
            jobs.append((f"{model}.{variant}", expected_ops(model, variant, profile, "0"), out))
        texts = ocr_all([out for _, _, out in jobs])
        total = found_total = 0
        for (name, targets, out), text in zip(jobs, texts):
            found = ocr_legibility.legible(targets, [text])
            self.measured.append(("window at Fit", name, f"{len(found)} of {len(targets)}", 1, f"{png_size(out)[0] * png_size(out)[1] / 1e6:.1f}"))
            total += len(targets)
            found_total += len(found)
            with self.subTest(model=name):
                if targets:
                    self.assertGreaterEqual(len(found) / len(targets), WINDOW_EACH,
                                            f"window at Fit {name}: {len(found)} of {len(targets)}; not: {sorted(targets - found)}")
        self.assertGreaterEqual(found_total / total, SHARE, f"window at Fit: {found_total} of {total} op types legible")

    def test_around_and_overview(self):
        """--around OP pictures every node of that op; --overview alone stays within the width."""
        path = os.path.join(DATA, "llama.partitioned.json")
        out = os.path.join(self.tmp.name, "around.png")
        result = subprocess.run([BIN, "render", path, "--profile", "partitioned", "--around", "aten.cos.default", "--out", out],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(ocr_legibility.legible({"aten.cos.default"}, [ocr_legibility.ocr_text(out)]))
        # bmm is fused into partitions here: said so, nothing written
        result = subprocess.run([BIN, "render", path, "--profile", "partitioned", "--around", "bmm", "--out", out + ".bmm.png"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("inside fused partitions", result.stderr)
        self.assertFalse(os.path.exists(out + ".bmm.png"))
        out = os.path.join(self.tmp.name, "overview.png")
        result = subprocess.run([BIN, "render", path, "--profile", "partitioned", "--overview", "--width", "1200", "--out", out],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertLessEqual(png_size(out)[0], 1200)
        self.assertIn("LlamaModel", ocr_legibility.ocr_text(out))  # the top module, named
        result = subprocess.run([BIN, "render", path, "--around", "no_such_op", "--out", out + ".x.png"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("no_such_op", result.stderr)
        self.assertFalse(os.path.exists(out + ".x.png"))


if __name__ == "__main__":
    unittest.main()
