#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Write the safe pickle reader's fixtures (tests/data/pickles/): pickles as torch_ttnn's
metrics files hold them, written by Python's pickle at protocols 2 to 5, each with the JSON the
reader must give (computed here from the documented mapping, core/readers/SafePickle.h), and
pickles the reader must refuse, each with the byte offset of the opcode it must name (found
here with pickletools). Run with Debian's /usr/bin/python3 (torch 1.13: torch.Size, dtypes).

Usage: /usr/bin/python3 tools/make_pickles.py [--out tests/data/pickles]
"""

import argparse
import collections
import json
import os
import pickle
import pickletools
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def expected(value):
    """The reader's mapping to JSON (SafePickle.h), written independently."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if -(2 ** 63) <= value < 2 ** 63 else str(value)
    if isinstance(value, float):
        return value
    if isinstance(value, torch.dtype):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, (list, tuple, set, frozenset, torch.Size)):
        return [expected(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            key = k if isinstance(k, str) else repr(k) if isinstance(k, float) else str(k)
            out[key] = expected(v)
        return out
    raise TypeError(type(value))


def samples():
    shared = [1, 2, 3]
    report = {
        "total_remaining_ops": 21,
        "unique_op_types": 2,
        "op_frequency": {"aten.native_batch_norm.default": 20, "aten._reshape_alias.default": 1},
        "most_frequent_ops": [("aten.native_batch_norm.default", 20), ("aten._reshape_alias.default", 1)],
        "remaining_ops_details": [
            {"op_name": "aten.native_batch_norm.default", "node_name": "native_batch_norm", "args_str": "(x, w, b, m, v, False, 0.1, 1e-05)",
             "kwargs_str": "{}", "input_shapes": [[1, 64, 112, 112], [64]], "output_shape": [1, 64, 112, 112]},
        ],
        "original_ops_count": 107,
        "conversion_percentage": 80.37383177570094,
        "compilation_timestamp": "2026-11-30T00:00:00",
    }
    schema_list = [
        {"opname": "aten.convolution.default", "inputs": ["Tensor<[1, 3, 224, 224]> input = ?", "int groups = 1"],
         "tensor_infos": [{"shape": torch.Size([1, 3, 224, 224]), "dtype": torch.float32}, {"shape": torch.Size([64]), "dtype": torch.bfloat16}]},
        {"opname": "aten.add.Tensor", "original_inputs": {"opname": "aten.add.Tensor", "inputs": []}},
    ]
    odd = {
        "big": 2 ** 100, "negative_big": -(2 ** 70) + 3, "small_negative": -5, "max64": 2 ** 63 - 1, "min64": -(2 ** 63),
        "floats": [0.1, -0.0, 1e300, 5e-324], "none": None, "flags": (True, False),
        "bytes": b"\x00\x01\xfeabc", "bytearray": bytearray(b"xy"), "set": {7}, "frozen": frozenset(["a"]),
        "ordered": collections.OrderedDict([("z", 1), ("a", 2)]), "shared": [shared, shared], "nested": [[[["deep"]]]],
        1: "int key", 2.5: "float key", None: "none key", True: "bool key",
        "unicode": "héllo wörld ✓", "long_text": "x" * 300, "empty": [(), [], {}, ""],
    }
    return {"remaining-aten-ops": report, "compiled-schema_list": schema_list, "odd-values": odd}


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


class Plain:
    def __init__(self):
        self.x = 1


def bad_samples():
    return {
        "calls-os-system": pickle.dumps({"ok": 1, "evil": Evil()}, protocol=4),
        "builds-an-object": pickle.dumps([Plain()], protocol=2),
        "protocol-0": pickle.dumps({"a": "b"}, protocol=0),
        "torch-tensor": pickle.dumps({"t": torch.zeros(2)}, protocol=4),
    }


def first_refused(data):
    """The offset of the first opcode the reader refuses, by pickletools' decoding."""
    allowed_globals = {"torch.Size", "collections.OrderedDict", "builtins.set", "builtins.frozenset", "builtins.bytearray",
                       "_codecs.encode", "__builtin__.set"}
    refused_ops = {"INST", "OBJ", "NEWOBJ", "NEWOBJ_EX", "BUILD", "PERSID", "BINPERSID", "EXT1", "EXT2", "EXT4",
                   "NEXT_BUFFER", "READONLY_BUFFER", "STRING", "BINSTRING", "SHORT_BINSTRING", "UNICODE"}
    strings = []
    for op, arg, pos in pickletools.genops(data):
        if op.name == "PROTO" and not 2 <= arg <= 5:
            return pos
        if op.name in refused_ops:
            return pos
        if op.name in ("SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8"):
            strings.append(arg)
        if op.name in ("GLOBAL", "STACK_GLOBAL"):
            name = arg.replace(" ", ".") if op.name == "GLOBAL" else f"{strings[-2]}.{strings[-1]}"
            name = name.replace("__builtin__.", "builtins.")
            dtype = name.startswith("torch.") and isinstance(getattr(torch, name[6:], None), torch.dtype)
            if name not in allowed_globals and not dtype:
                return pos
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "pickles"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, value in samples().items():
        for protocol in (2, 3, 4, 5):
            with open(os.path.join(args.out, f"{name}.p{protocol}.pickle"), "wb") as handle:
                pickle.dump(value, handle, protocol=protocol)
        with open(os.path.join(args.out, f"{name}.expected.json"), "w", encoding="utf-8") as handle:
            json.dump(expected(value), handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    refused = {}
    for name, data in bad_samples().items():
        with open(os.path.join(args.out, f"bad-{name}.pickle"), "wb") as handle:
            handle.write(data)
        refused[f"bad-{name}.pickle"] = first_refused(data)
    with open(os.path.join(args.out, "refused.expected.json"), "w", encoding="utf-8") as handle:
        json.dump({"generated_by": "tools/make_pickles.py", "torch": torch.__version__, "python": sys.version.split()[0],
                   "refused_at_byte": refused}, handle, indent=1)
        handle.write("\n")
    print(f"{args.out}: {len(samples()) * 4} pickles, {len(refused)} refused ones: {refused}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
