#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Which remaining op types a reader can name in AtenScope's pictures, measured the way a reader
reads: Debian's tesseract OCR (`tesseract IMAGE - --psm 11`, sparse text) on each PNG, then each
op's short label ("add.Tensor" for aten.add.Tensor, "relu" for aten.relu.default, as the
drawings print them) looked for among the words it found.

An op counts as legible when its short label appears as whole words in sequence in the OCR text
of one of the pictures. Case, the spaces OCR puts around dots and an underscore read as a space
are forgiven; nothing else is: an op whose label OCR misreads is not legible.

Usage: tools/ocr_legibility.py --ops aten.add.Tensor,aten.relu.default IMAGE.png [IMAGE.png ...]
       tools/ocr_legibility.py --expected tests/data/llama.partitioned.expected.json --profile partitioned IMAGE.png
Prints each op as legible or not, then "legible N of M".
"""

import argparse
import json
import re
import subprocess
import sys


def short_label(target):
    """The label the drawings print: aten. and .default dropped."""
    t = target
    if t.startswith("aten."):
        t = t[5:]
        if t.endswith(".default"):
            t = t[: -len(".default")]
    return t


def ocr_text(path):
    out = subprocess.run(["tesseract", path, "-", "--psm", "11"], capture_output=True, text=True, check=True)
    return out.stdout


def tokens(text):
    """Lower-case words of letters, digits and dots. An underscore counts as a space (OCR drops
    the thin line at 12 px as often as it keeps it: "lift fresh_copy"), and dots with spaces
    around them are read both joined ("add. Tensor" -> "add.tensor") and as they stand."""
    text = text.lower().replace("_", " ")
    out = []
    for variant in (re.sub(r"\s*\.\s*", ".", text), text):
        out.append([w.strip(".") for w in re.findall(r"[a-z0-9.]+", variant) if w.strip(".")])
    return out


def found_in(label, texts):
    want = tokens(label)[0]
    n = len(want)
    for text in texts:
        for words in tokens(text):
            for i in range(len(words) - n + 1):
                if words[i:i + n] == want:
                    return True
    return False


def legible(targets, texts):
    """The targets whose short label is read, as words in sequence, in one of the texts."""
    return {t for t in targets if found_in(short_label(t), texts)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("images", nargs="+")
    parser.add_argument("--ops", help="comma-separated op targets")
    parser.add_argument("--expected", help="a fixture's *.expected.json")
    parser.add_argument("--profile", default="ttnn")
    parser.add_argument("--graph", default="0")
    args = parser.parse_args()
    if args.ops:
        targets = set(args.ops.split(","))
    else:
        with open(args.expected, encoding="utf-8") as handle:
            doc = json.load(handle)
        targets = set(doc["profiles"][args.profile]["graphs"][args.graph]["op_frequency"])
    found = legible(targets, [ocr_text(p) for p in args.images])
    for t in sorted(targets):
        print(("legible    " if t in found else "NOT legible ") + t)
    print(f"legible {len(found)} of {len(targets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
