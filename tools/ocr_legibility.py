#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Which remaining op types a reader can name in AtenScope's pictures, measured the way a reader
reads: Debian's tesseract OCR (`tesseract IMAGE - --psm 11`, sparse text) on each PNG, then each
op's short label ("add.Tensor" for aten.add.Tensor, "relu" for aten.relu.default, as the
drawings print them) looked for among the words it found.

An op counts as legible when its short label is a whole word of the OCR text of one of the
pictures. Forgiven, as OCR noise a reader would not be misled by: case, the spaces OCR puts
around dots, a dot read as a hyphen ("le-Tensor") and an underscore read as a space ("lift
fresh_copy"). Nothing else is: an op whose label OCR misreads otherwise is not legible, and a
label is never found inside a longer word ("relu" in "leaky_relu").

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


def words(text):
    """The OCR text as lower-case words of letters, digits, dots and underscores, read two ways:
    as it stands, and with the spaces OCR puts around dots taken out ("add. Tensor")."""
    text = text.lower()
    out = []
    for variant in (text, re.sub(r"\s*\.\s*", ".", text)):
        found = []
        for w in re.findall(r"[a-z0-9_.\-]+", variant):
            w = w.replace("-", ".").strip("._")
            if w:
                found.append(w)
        out.append(found)
    return out


def found_in(label, texts, target=None):
    """Whether `label` (or the op's whole `target`, as tables print it) is one word of a text, or
    consecutive words whose underscores OCR read as spaces ("lift fresh_copy")."""
    if target and found_in(target, texts):
        return True
    want = label.lower().strip("._")  # as the words are: "_softmax" is read "softmax" as often as not
    for text in texts:
        for seq in words(text):
            for i in range(len(seq)):
                joined = seq[i]
                if joined == want:
                    return True
                for j in range(i + 1, min(i + 5, len(seq))):
                    joined += "_" + seq[j]
                    if joined == want:
                        return True
                    if len(joined) > len(want):
                        break
    return False


def legible(targets, texts):
    """The targets whose short label is read in one of the texts."""
    return {t for t in targets if found_in(short_label(t), texts, t)}


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
