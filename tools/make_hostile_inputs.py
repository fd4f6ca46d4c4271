#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Write a suite of hostile inputs into OUT (made when missing), and OUT/expected.json.

Each file is one attack on a reader of untrusted files: a name that would become a path outside
the output folder, a small file that asks for gigabytes (inflation, shared references, copies),
input that would take quadratic time, numbers and nesting no parser should meet unprepared, and
files that are not files (a FIFO, a device, a socket). tests/cli/test_hostile.py runs every one
through `atenscope analyze --metrics-dir` and the window (`--screenshot`) under a time and memory
cap and checks the outcome recorded here:

  {"file": {"read": true}}                        read and analysed (exit 0), nothing written
                                                  outside the folder asked for
  {"file": {"where": "...", "what": "..."}}       refused (exit 2): one line naming the file, the
                                                  place (`where`, a prefix) and what is wrong

The files are generated, not committed: some are tens of megabytes inflated. The suite is
deterministic (fixed seeds, fixed zip dates). Usage: python3 tools/make_hostile_inputs.py OUT
(any Python 3; reads tests/data, needs no torch).
"""

import io
import json
import os
import random
import socket
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_bad_inputs  # noqa: E402  (the same fixture excerpts)
DATA = os.path.join(os.path.dirname(HERE), "tests", "data")

expected = {}
OUT = ""


def write(name, data, **outcome):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    expected[name] = outcome


def refused(where, what):
    return {"where": where, "what": what}


READ = {"read": True}


# ----------------------------------------------------------------------------- names that become paths


def small_dump():
    with open(os.path.join(DATA, "resnet18.simulated-ttnn.json"), encoding="utf-8") as handle:
        return json.load(handle)


def names():
    """A dump's "model" names the metrics folder and the report's pictures: each of these must
    stay inside the folder the user asked for."""
    good = small_dump()
    hostile = {
        "dotdot": "../../escaped",
        "dotdot-deep": "../" * 30 + "tmp/escaped",
        "absolute": "/tmp/atenscope-escaped",
        "absolute-etc": "/etc/atenscope-escaped",
        "dot": ".",
        "dotdot-alone": "..",
        "empty": "",
        "slash-only": "/",
        "hidden": ".hidden",
        "middle-dotdot": "hf/../../../escaped",
        "backslashes": "..\\..\\escaped",
        "newline": "a\nb/../../c",
        "nul": "a\u0000/../../b",
        "long": "x" * 5000,
        "long-parts": "/".join(["y" * 300] * 20),
        "unicode": "модель/../../逃げる",
        "tilde": "~/escaped",
        "dash-option": "--out=/tmp/escaped",
        "spaces": "   ",
        "many-slashes": "a////b///c",
    }
    for key, model in hostile.items():
        doc = dict(good)
        doc["model"] = model
        write(f"name-{key}.json", json.dumps(doc), **READ, names_output=True)
    # a subgraph name too (the window's export default joins it)
    doc = json.loads(json.dumps(good))
    doc["graphs"][0]["name"] = "../../../escaped-subgraph"
    write("name-subgraph.json", json.dumps(doc), **READ, names_output=True)


# ----------------------------------------------------------------------------- zip archives


def pt2_entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def deflate(chunks, level=9):
    """(crc, inflated size, raw deflate bytes) of `chunks` (an iterable of bytes), streamed: the
    whole inflated text is never held here."""
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    crc, size, body = 0, 0, bytearray()
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        body += comp.compress(chunk)
    body += comp.flush()
    return crc, size, bytes(body)


def raw_zip(entries):
    """A zip of (name, data) entries stored, or (name, (crc, size, deflated)) entries deflated."""
    out, central = bytearray(), bytearray()
    for name, data in entries:
        encoded = name.encode()
        if isinstance(data, tuple):
            crc, size, body = data
            method = 8
        else:
            crc, size, body, method = zlib.crc32(data), len(data), data, 0
        if size >= 0xFFFFFFFF:
            raise ValueError("raw_zip writes no zip64")
        offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(body), size, len(encoded), 0)
        out += encoded + body
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(body), size, len(encoded),
                               0, 0, 0, 0, 0, offset)
        central += encoded
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def program_entries():
    entries = pt2_entries(os.path.join(DATA, "pt2", "cond.pt2"))
    program = next(n for n, _ in entries if n.endswith("models/model.json"))
    return entries, program


def with_program(data):
    entries, program = program_entries()
    return raw_zip([(n, data if n == program else d) for n, d in entries]), program


def lying_size(entries, program):
    """The program deflated, its size claimed smaller than it inflates to: inflating stops at
    the claim."""
    crc, size, body = deflate([dict(entries)[program]])
    return raw_zip([(n, (crc, size // 2, body) if n == program else d) for n, d in entries])


def repeated(unit, total, noise_every=0, seed=1):
    """`total` bytes of `unit` repeated, in 1 MiB chunks; with `noise_every`, a random number
    replaces a unit now and then, so that deflate cannot reach its best ratio."""
    rng = random.Random(seed)
    chunk_units = (1 << 20) // len(unit)
    done = 0
    while done < total:
        if noise_every:
            parts = [unit] * chunk_units
            for i in range(0, chunk_units, noise_every):
                parts[i] = str(rng.randrange(10 ** 8)).encode() + b","
            chunk = b"".join(parts)
        else:
            chunk = unit * chunk_units
        chunk = chunk[: total - done]
        done += len(chunk)
        yield chunk


def archives():
    entries, program = program_entries()
    root = program.split("/")[0]

    def deflated_program(chunks, level=9):
        """The cond.pt2 archive with its program replaced by one deflated entry of `chunks`."""
        return raw_zip([(n, deflate(chunks, level) if n == program else d) for n, d in entries])

    where = program
    # The files: 1.9 MB that inflate to 2e9 bytes of a JSON array, or of spaces. Their
    # claims are checked before anything is inflated.
    write("pt2-inflates-2e9-array.pt2", deflated_program([b"["] + list(repeated(b"0,", 2_000_000_000)) + [b"0]"]),
          **refused(where, "ratio no graph reaches"))
    write("pt2-inflates-2e9-spaces.pt2", deflated_program(repeated(b" ", 2_000_000_000)), **refused(where, "ratio no graph reaches"))
    # Within the ratio limit (noise keeps deflate below 100:1): what the parse would take is
    # counted before the parse.
    write("pt2-dense-array-within-ratio.pt2", deflated_program([b"["] + list(repeated(b"0,", 200 << 20, noise_every=300)) + [b"0]"], 6),
          **refused(where, "would take"))
    write("pt2-empty-arrays-within-ratio.pt2", deflated_program([b"["] + list(repeated(b"[],", 150 << 20, noise_every=200)) + [b"[]]"], 6),
          **refused(where, "would take"))
    write("pt2-nested-objects.pt2", with_program(b'{"a":' * 5000 + b"1" + b"}" * 5000)[0], **refused(where, "nested deeper than 1000"))
    write("pt2-spaces-then-object.pt2", deflated_program(list(repeated(b" ", 40 << 20, noise_every=0)) + [b"{}"]),
          **refused(where, "ratio no graph reaches"))
    write("pt2-lying-size.pt2", lying_size(entries, program), **refused(where, ""))
    # Stored (as torch writes them): its cost is its own size.
    data, _ = with_program(b"[" + b"1," * 2_000_000 + b"1]")
    write("pt2-stored-array.pt2", data, **refused(where, "expected a JSON object"))
    data, _ = with_program(b'{"schema_version": {"major": 1e400}}')
    write("pt2-number-out-of-range.pt2", data, **refused(where + " line 1, column", "out of range"))
    data, _ = with_program(b'{"schema_version": {"major": 18446744073709551616}}')
    write("pt2-integer-past-2-64.pt2", data, **refused(where, ""))
    data, _ = with_program("\ufeff{}".encode())
    write("pt2-byte-order-mark.pt2", data, **refused(where, "missing field"))
    data, _ = with_program(b"[" * 100_000)
    write("pt2-deep-arrays.pt2", data, **refused(where + " line 1, column 1001", "nested deeper than 1000"))
    # Many entries, each small: the directory is read, not the entries.
    many = entries + [(f"{root}/data/weights/w{i}", b"x") for i in range(60_000)]
    write("pt2-sixty-thousand-entries.pt2", raw_zip(many), **READ)
    # Entry names that are paths: never extracted, only read.
    write("pt2-entry-names-escape.pt2",
          raw_zip(entries + [("../../../escaped", b"x"), ("/etc/escaped", b"y"), (root + "/models/../../../x.json", b"{}")]), **READ)
    # Several programs in one archive: each read.
    program_doc = dict(entries)[program]
    write("pt2-many-programs.pt2", raw_zip(entries + [(f"{root}/models/m{i}.json", program_doc) for i in range(3)]), **READ)


# ----------------------------------------------------------------------------- pickles


def pickle_frame(body):
    return b"\x80\x04" + body + b"."


def global_op(module, name):
    return b"\x8c" + bytes([len(module)]) + module.encode() + b"\x8c" + bytes([len(name)]) + name.encode() + b"\x93"


def pickles():
    where = "byte "
    # torch.Size of one large list, many times: copies used to multiply it.
    body = bytearray(b"]q\x00(" + b"K\x01" * 100_000 + b"e0")  # a list of 100,000 ints, memo 0
    body += b"(" + b"".join(global_op("torch", "Size") + b"h\x00\x85R" for _ in range(20_000)) + b"l"
    write("pickle-torch-size-of-a-list/compiled-schema_list.pickle", pickle_frame(bytes(body)), **refused(where, "of memory"))
    body = bytearray(b"(" + b"K\x01" * 100_000 + b"tq\x000")  # a tuple this time: shared, then counted
    body += b"(" + b"".join(global_op("torch", "Size") + b"h\x00\x85R" for _ in range(20_000)) + b"l"
    write("pickle-torch-size-of-a-tuple/compiled-schema_list.pickle", pickle_frame(bytes(body)), **refused(where, "more values than"))
    # One long string encoded to bytes many times.
    text = "x" * (1 << 20)
    body = bytearray(b"\x8d" + struct.pack("<Q", len(text)) + text.encode() + b"q\x000")
    body += b"(" + b"".join(global_op("_codecs", "encode") + b"h\x00\x8c\x07latin-1\x86R" for _ in range(1000)) + b"l"
    write("pickle-codecs-encode-copies/compiled-schema_list.pickle", pickle_frame(bytes(body)), **refused(where, "of memory"))
    # Shared references: a billion laughs of lists, of dicts, of strings.
    body = bytearray(b"]q\x000")
    for i in range(1, 60):
        body += b"(h" + bytes([i - 1]) + b"h" + bytes([i - 1]) + b"lq" + bytes([i]) + b"0"
    body += b"h" + bytes([59])
    write("pickle-billion-laughs/compiled-schema_list.pickle", pickle_frame(bytes(body)), **refused(where, "more values than"))
    body = bytearray(b"\x8d" + struct.pack("<Q", 1 << 20) + b"y" * (1 << 20) + b"q\x000(" + b"h\x00" * 2000 + b"l")
    write("pickle-shared-string/compiled-schema_list.pickle", pickle_frame(bytes(body)), **refused(where, "of text"))
    # Many small objects: each costs the reader memory, charged as it goes.
    write("pickle-none-flood/compiled-schema_list.pickle", pickle_frame(b"(" + b"N" * 12_000_000 + b"l"), **refused(where, "of memory"))
    write("pickle-empty-lists-flood/compiled-schema_list.pickle", pickle_frame(b"(" + b"]" * 9_000_000 + b"l"), **refused(where, "of memory"))
    write("pickle-memoize-flood/compiled-schema_list.pickle", pickle_frame(b"N" + b"\x94" * 12_000_000), **refused(where, "of memory"))
    write("pickle-dup-flood/compiled-schema_list.pickle", pickle_frame(b"(N" + b"2" * 12_000_000 + b"l"), **refused(where, "more values than"))
    # Integers: long ones, in every encoding.
    write("pickle-long4-100kb/original-schema_list.pickle", pickle_frame(b"\x8b" + struct.pack("<I", 100_000) + b"\x7f" * 100_000),
          **refused(where, "4300 decimal digits"))
    write("pickle-long1-255/original-run_time_metrics.pickle",
          pickle_frame(b"}(\x8c\x07success\x88\x8c\x08run_time\x8a\xff" + b"\x7f" * 255 + b"u"), **refused("/run_time", "expected a number"))
    write("pickle-long4-claims-4gb/original-schema_list.pickle", pickle_frame(b"\x8b" + b"\xff\xff\xff\xff"), **refused(where, ""))
    write("pickle-int-text-huge/original-schema_list.pickle", b"I" + b"9" * 100_000 + b"\n.", **refused(where, ""))
    write("pickle-float-text-huge/original-schema_list.pickle", b"\x80\x02F1e400\n.", **refused(where, ""))
    # Dicts with many keys: linear, read.
    body = bytearray(b"}(\x8c\x13total_remaining_ops\x8a\x03\xa0\x86\x01\x8c\x0cop_frequency}(")
    for i in range(100_000):
        key = f"aten.op{i}.default".encode()
        body += b"\x8c" + bytes([len(key)]) + key + b"K\x01"
    body += b"uu"
    write("pickle-dict-100k-keys/remaining-aten-ops.pickle", pickle_frame(bytes(body)), **READ)
    body = bytearray(b"}(")
    for i in range(1_000_000):
        key = f"k{i}".encode()
        body += b"\x8c" + bytes([len(key)]) + key + b"K\x01"
    body += b"u"
    write("pickle-dict-1m-keys/original-run_time_metrics.pickle", pickle_frame(bytes(body)), **READ)
    body = b"}(" + b"\x8c\x01kK\x01" * 1_000_000 + b"u"
    write("pickle-dict-one-key-1m-times/original-run_time_metrics.pickle", pickle_frame(body), **READ)
    # Nesting, cycles, marks.
    write("pickle-deep-lists/original-schema_list.pickle", pickle_frame(b"]" * 200_000 + b"a" * 199_999), **refused(where, "nested deeper"))
    write("pickle-self-holding-list/original-schema_list.pickle", pickle_frame(b"]q\x00h\x00a"), **refused(where, "holds itself"))
    write("pickle-marks-only/original-schema_list.pickle", pickle_frame(b"(" * 1_000_000), **refused(where, ""))
    write("pickle-pops-empty/original-schema_list.pickle", pickle_frame(b"0" * 10), **refused(where, "empty stack"))
    write("pickle-memo-get-missing/original-schema_list.pickle", pickle_frame(b"j\xff\xff\xff\x7f"), **refused(where, "never stored"))
    # Lengths that claim more than the file holds.
    write("pickle-string-claims-8eb/original-schema_list.pickle", pickle_frame(b"\x8d" + b"\xff" * 8), **refused(where, "ends inside"))
    write("pickle-bytes-claims-4gb/original-schema_list.pickle", pickle_frame(b"B" + b"\xff" * 4), **refused(where, ""))
    write("pickle-frame-claims-8eb/original-schema_list.pickle", b"\x80\x04\x95" + b"\xff" * 8 + b"N.", **READ_OR_VALUE)
    write("pickle-not-utf8/original-schema_list.pickle", pickle_frame(b"\x8c\x02\xff\xfe"), **refused(where, "not UTF-8"))
    # Code, in forms not tried by tests/data/bad.
    write("pickle-reduce-os-system/original-schema_list.pickle",
          pickle_frame(global_op("os", "system") + b"\x8c\x04true\x85R"), **refused(where, "refuses global os.system"))
    write("pickle-builtins-eval/original-schema_list.pickle", pickle_frame(global_op("builtins", "eval") + b"\x8c\x011\x85R"),
          **refused(where, "refuses global builtins.eval"))
    write("pickle-torch-size-call-eval/original-schema_list.pickle",
          pickle_frame(global_op("torch", "Size") + global_op("builtins", "eval") + b"\x85R"), **refused(where, "refuses global"))
    write("pickle-getattr/original-schema_list.pickle", pickle_frame(global_op("builtins", "getattr")), **refused(where, "refuses global"))
    write("pickle-protocol-0-global/original-schema_list.pickle", b"cos\nsystem\n(S'true'\ntR.", **refused(where, ""))


READ_OR_VALUE = {"where": "", "what": ""}  # read, or refused with a message: either is fine, never a crash


# ----------------------------------------------------------------------------- metrics JSON


def model_runs():
    where = ""
    write("model-run-1e400/model_run.json", '{"name": "m", "run_time": 1e400}', **refused("line 1, column 27", "the number 1e400 is out of range"))
    write("model-run-2-64/model_run.json", '{"name": "m", "batch_size": 18446744073709551616}', **READ_OR_VALUE)
    write("model-run-deep/model_run.json", "[" * 100_000, **refused("line 1, column 1001", "nested deeper than 1000"))
    write("model-run-bom/model_run.json", "\ufeff{\"name\": \"m\"}", **READ)
    write("model-run-not-utf8/model_run.json", b'{"name": "\xff"}', **refused("line 1, column", ""))
    write("model-run-huge-string/model_run.json", '{"name": "' + "x" * (32 << 20) + '"}', **READ)
    write("model-run-many-keys/model_run.json", "{" + ",".join(f'"k{i}": {i}' for i in range(300_000)) + "}", **READ)
    write("model-run-nan/model_run.json", '{"name": NaN}', **refused("line 1, column", "invalid JSON"))
    write("model-run-truncated-escape/model_run.json", '{"name": "\\u12', **refused("line 1, column", "invalid JSON"))
    del where


# ----------------------------------------------------------------------------- graph dumps


def dumps():
    good = small_dump()
    text = json.dumps(good)
    write("dump-1e400.json", text.replace('"version": 2', '"version": 1e400', 1), **refused("line 1, column", "out of range"))
    write("dump-2-63.json", text.replace('"version": 2', '"version": 9223372036854775808', 1), **refused("/version", "more than 2^63 - 1"))
    write("dump-deep-args.json", text.replace('"args": [', '"args": [' + "[" * 3000, 1), **refused("line 1, column", "nested deeper"))
    write("dump-bom.json", "\ufeff" + text, **READ)
    write("dump-huge-name.json", text.replace('"name": "x"', '"name": "' + "x" * (16 << 20) + '"', 1), **READ)
    doc = json.loads(text)
    nodes = doc["graphs"][0]["nodes"]
    doc["graphs"][0]["nodes"] = nodes + [dict(nodes[-2], name=f"extra_{i}", users=[]) for i in range(0)]
    # every node named alike after the first
    doc = json.loads(text)
    doc["graphs"][0]["nodes"][5]["name"] = doc["graphs"][0]["nodes"][4]["name"]
    write("dump-duplicate-names.json", json.dumps(doc), **refused("/graphs/0/nodes/5", "duplicate node name"))
    # a chain of 200,000 nodes (deep in the graph, not in the JSON): read, linear
    chain = [{"name": "x", "op": "placeholder", "target": "x", "outputs": [{"shape": [1], "dtype": "float32"}]}]
    for i in range(200_000):
        prev = chain[-1]["name"]
        chain.append({"name": f"n{i}", "op": "call_function", "target": "aten.relu.default", "args": [{"node": prev}],
                      "outputs": [{"shape": [1], "dtype": "float32"}]})
    chain.append({"name": "output", "op": "output", "target": "output", "args": [[{"node": chain[-1]["name"]}]]})
    write("dump-chain-200k.json", json.dumps({"format": "atenscope.graph", "version": 2, "model": "chain", "graphs": [{"name": "0", "nodes": chain}]}),
          **READ)
    # one node with 200,000 inputs, and one value used by 200,000 nodes
    wide = [{"name": "x", "op": "placeholder", "target": "x"}]
    wide += [{"name": f"r{i}", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "x"}]} for i in range(200_000)]
    wide.append({"name": "cat", "op": "call_function", "target": "aten.cat.default", "args": [[{"node": f"r{i}"} for i in range(200_000)]]})
    wide.append({"name": "output", "op": "output", "target": "output", "args": [[{"node": "cat"}]]})
    write("dump-wide-200k.json", json.dumps({"format": "atenscope.graph", "version": 2, "model": "wide", "graphs": [{"name": "0", "nodes": wide}]}),
          **READ)
    write("dump-many-graphs.json", json.dumps({"format": "atenscope.graph", "version": 2, "model": "many",
                                               "graphs": [{"name": str(i), "nodes": [{"name": "x", "op": "placeholder", "target": "x"}]}
                                                          for i in range(50_000)]}), **READ)
    write("dump-spaces.json", " " * (64 << 20) + "{}", **refused("/", "missing field"))
    write("dump-not-utf8.json", text.replace('"model": "resnet18"', '"model": "\xff"', 1).encode("latin-1", "replace"),
          **refused("line 1, column", "UTF-8"))
    write("dump-nan.json", text.replace('"version": 2', '"version": NaN', 1), **refused("line 1, column", "invalid JSON"))
    write("dump-control-chars.json", '{"format": "atenscope.graph", "version": 2, "graphs": [{"name": "\x01"}]}', **refused("line 1, column", "invalid JSON"))
    write("dump-null-bytes.json", b"\x00" * 4096, **refused("", ""))


# ----------------------------------------------------------------------------- TORCH_TRACE logs


def trace_record():
    lines, start, end = make_bad_inputs.gpt2_trace()
    return lines[start:end]


TINY_GRAPH = ["\tclass GraphModule(torch.nn.Module):", "\t    def forward(self, arg0_1: \"f32[1]\"):",
              "\t        relu: \"f32[1]\" = torch.ops.aten.relu.default(arg0_1);  arg0_1 = None", "\t        return (relu,)"]
PREFIX = 'V1130 03:25:41.633000 16191 torch/_functorch/_aot_autograd/graph_capture.py:446] '


def traces():
    record = trace_record()
    head = PREFIX + '{"aot_inference_graph": {}, "frame_id": 0, "frame_compile_id": 0, "attempt": 0, "has_payload": "0"}'
    write("trace-20000-records-one-frame.log", "\n".join(([head] + TINY_GRAPH) * 20_000) + "\n", **READ)
    nested = ["\tclass GraphModule(torch.nn.Module):"]
    for depth in range(1, 3000):
        nested.append("\t" + "    " * depth + f"class sub_{depth}(torch.nn.Module):")
    nested += ["\t    def forward(self, arg0_1: \"f32[1]\"):", "\t        return (arg0_1,)"]
    write("trace-3000-nested-classes.log", "\n".join([head] + nested) + "\n", **refused("line ", "nested deeper than 64"))
    write("trace-record-1e400.log", PREFIX + '{"aot_inference_graph": {}, "frame_id": 1e400}\n' + "\n".join(TINY_GRAPH) + "\n",
          **refused("line 1, column", "out of range"))
    write("trace-record-deep.log", PREFIX + '{"x": ' + "[" * 5000 + "\n", **refused("line 1, column", "nested deeper"))
    write("trace-record-2-64.log", PREFIX + '{"aot_inference_graph": {}, "frame_id": 18446744073709551616}\n' + "\n".join(TINY_GRAPH) + "\n",
          **READ)
    write("trace-long-line.log", PREFIX + '{"x": "' + "y" * (64 << 20) + '"}\n', **refused("", "holds no aten-level graph"))
    write("trace-one-line-no-newline.log", PREFIX + "{" + " " * (8 << 20), **refused("line 1, column", "invalid JSON"))
    body = [record[0]] + ["\t        " + f"x{i}: \"f32[1]\" = torch.ops.aten.relu.default(x{i - 1 if i else 'arg0_1'})" for i in range(0)]
    del body
    # A long chain of values in one forward, and one expression nested 10,000 deep.
    chain = ["\tclass GraphModule(torch.nn.Module):", "\t    def forward(self, x0: \"f32[1]\"):"]
    chain += [f"\t        x{i + 1}: \"f32[1]\" = torch.ops.aten.relu.default(x{i})" for i in range(100_000)]
    chain.append("\t        return (x100000,)")
    write("trace-chain-100k.log", "\n".join([head] + chain) + "\n", **READ)
    deep = TINY_GRAPH[:2] + ["\t        y: \"f32[1]\" = torch.ops.aten.cat.default(" + "[" * 10_000 + "arg0_1" + "]" * 10_000 + ")",
                             "\t        return (y,)"]
    write("trace-expression-deep.log", "\n".join([head] + deep) + "\n", **refused("line ", "nested too deeply"))
    write("trace-many-shapes.log", "\n".join([head] + TINY_GRAPH[:1] + ["\t    def forward(self, arg0_1: \"f32[" + ", ".join(["1"] * 200_000) + "]\"):",
                                                                     "\t        return (arg0_1,)"]) + "\n", **READ_OR_VALUE)
    write("trace-tabs-only.log", head + "\n" + "\t\n" * 1_000_000, **refused("line 1", "holds no graph"))


# ----------------------------------------------------------------------------- TorchScript


def torchscript():
    """A TorchScript archive fuzzing found (tests/fuzz/findings): five bytes of its source-range
    pickle changed make libtorch 1.13 allocate 1.9 GB. libtorch reads it in a child process under
    AtenScope's limits: refused (out of memory, or no plugin in a build without libtorch)."""
    with open(os.path.join(DATA, "..", "fuzz", "findings", "torchscript-debug-pkl-1.9GB.pt"), "rb") as handle:
        write("torchscript-debug-pkl-1.9GB.pt", handle.read(), **refused("", "TorchScript archive"))


# ----------------------------------------------------------------------------- not files


def special():
    """Made at test time by the runner (tests/cli/test_hostile.py): a FIFO, a character
    device, a socket, a link to a FIFO. Each must be refused at once, not opened."""
    for name, what in (("special-fifo", "FIFO"), ("special-device", "character device"), ("special-socket", "socket"),
                       ("special-link-to-fifo", "FIFO"), ("special-fifo-metrics/model_run.json", "FIFO")):
        expected[name] = {"where": "", "what": what, "special": True}


def make_special(out):
    """Creates the special files listed by special() in `out` (the runner calls it)."""
    os.mkfifo(os.path.join(out, "special-fifo"))
    os.symlink("/dev/zero", os.path.join(out, "special-device"))
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.path.join(out, "special-socket"))
    os.symlink("special-fifo", os.path.join(out, "special-link-to-fifo"))
    os.makedirs(os.path.join(out, "special-fifo-metrics"), exist_ok=True)
    os.mkfifo(os.path.join(out, "special-fifo-metrics", "model_run.json"))
    return s


def main():
    global OUT
    if len(sys.argv) != 2:
        sys.exit("usage: make_hostile_inputs.py OUT")
    OUT = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    names()
    archives()
    pickles()
    model_runs()
    dumps()
    traces()
    torchscript()
    special()
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as handle:
        json.dump(expected, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"make_hostile_inputs: {len(expected)} inputs in {OUT}")


if __name__ == "__main__":
    main()
