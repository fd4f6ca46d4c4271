#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the op schema table that AtenScope carries: every operator of a PyTorch 2.x registry
(aten, prims, quantized, ...) with its arguments, as Python prints them (the types of torch_ttnn's
input-variation strings). AtenScope looks an op up here when a graph carries no schema for it,
before libtorch's registry (Debian's libtorch 1.13 knows no op added since).

Format, one op per line: NAME<TAB>ARG;ARG;...  with NAME normalised (aten.add.Tensor,
aten.relu.default) and ARG = [*]name:type, '*' marking a keyword-only argument.

Usage: .venv/bin/python tools/make_schema_table.py [--out resources/schemas/torch-schemas.txt]
"""

import argparse
import os
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "resources", "schemas", "torch-schemas.txt"))
    args = parser.parse_args()
    rows = {}
    for s in torch._C._jit_get_all_schemas():
        if "::" not in s.name:
            continue
        name = s.name.replace("::", ".") + "." + (s.overload_name or "default")
        fields = []
        for a in s.arguments:
            text = f"{a.name}:{a.type}"
            if ";" in text or "\t" in text or "\n" in text:
                raise SystemExit(f"{name}: argument {text!r} holds a separator")
            fields.append(("*" if a.kwarg_only else "") + text)
        rows.setdefault(name, ";".join(fields))  # the registry's first schema of a name, as lookups take it
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(f"# Op schemas of torch {torch.__version__}'s operator registry, written by tools/make_schema_table.py\n")
        handle.write("# NAME<TAB>[*]arg:type;...   ('*': keyword-only)\n")
        for name in sorted(rows):
            handle.write(f"{name}\t{rows[name]}\n")
    print(f"{args.out}: {len(rows)} ops from torch {torch.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
