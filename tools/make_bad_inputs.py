#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Write tests/data/bad/: malformed files of every format AtenScope reads, made from the real
fixtures by one deliberate damage each, and bad/expected.json: for each file, the place its
error must name and a phrase of the message.

Every file must give exit 2 and one message naming the file and the place, leave no output
behind, and open in the window without a crash (tests/cli, tst_gui).

Usage: python3 tools/make_bad_inputs.py   (any Python 3; reads tests/data, no torch needed)
"""

import io
import json
import os
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(DATA, "bad")

expected = {}


def write(name, data, where, what, alternative=None):
    """`alternative`: (where, what) of another reader version's equally clear message (libzip
    1.11, Debian 13's, refuses some archives as a whole where 1.7 opens them and the reader
    names the entry)."""
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    expected[name] = {"where": where, "what": what}
    if alternative:
        expected[name]["or"] = {"where": alternative[0], "what": alternative[1]}


# ----------------------------------------------------------------------------- graph dumps


def dumps():
    with open(os.path.join(DATA, "resnet18.original.json"), encoding="utf-8") as handle:
        text = handle.read()
    good = json.loads(text)
    write("dump-truncated.json", text[:4000], "line ", "invalid JSON")
    write("dump-not-json.json", "format: graph\n", "line 1, column 2", "invalid JSON")

    def damaged(name, change, where, what):
        doc = json.loads(text)
        change(doc)
        write(name, json.dumps(doc), where, what)

    nodes = lambda d: d["graphs"][0]["nodes"]  # noqa: E731
    # the first two call_function nodes whose first argument is a node, the second using the first
    c = next(i for i, n in enumerate(nodes(good)) if n["op"] == "call_function" and isinstance(n["args"][0], dict)
             and "meta" in n and isinstance(n["meta"].get("stack_trace"), int))
    c2 = next(i for i, n in enumerate(nodes(good)) if i > c and n["op"] == "call_function" and n["args"][0] == {"node": nodes(good)[c]["name"]})
    damaged("dump-dangling-reference.json", lambda d: nodes(d)[c]["args"].__setitem__(0, {"node": "ghost"}),
            f"/graphs/0/nodes/{c}/args/0", 'refers to "ghost"')
    damaged("dump-missing-op.json", lambda d: nodes(d)[3].pop("op"), "/graphs/0/nodes/3", 'missing field "op"')
    damaged("dump-unknown-op-kind.json", lambda d: nodes(d)[3].__setitem__("op", "call_magic"), "/graphs/0/nodes/3",
            'unknown op "call_magic"')
    damaged("dump-name-not-string.json", lambda d: nodes(d)[2].__setitem__("name", 5), "/graphs/0/nodes/2/name",
            "expected a string")
    damaged("dump-duplicate-name.json", lambda d: nodes(d)[4].__setitem__("name", nodes(d)[3]["name"]), "/graphs/0/nodes/4",
            "duplicate node name")
    damaged("dump-unknown-value-kind.json", lambda d: nodes(d)[c]["args"].__setitem__(1, {"blob": 1}), f"/graphs/0/nodes/{c}/args/1",
            'unknown value kind "blob"')
    damaged("dump-bad-shape.json", lambda d: nodes(d)[0]["outputs"][0].__setitem__("shape", [1, True]),
            "/graphs/0/nodes/0/outputs/0/shape/1", "expected an integer or a symbolic size")
    damaged("dump-too-new.json", lambda d: d.__setitem__("version", 99), "/version", "format version 99")
    damaged("dump-other-format.json", lambda d: d.__setitem__("format", "netron"), "/format", "not an AtenScope graph dump")
    damaged("dump-no-graphs.json", lambda d: d.__setitem__("graphs", []), "/graphs", "holds no graph")
    damaged("dump-stack-trace-outside.json", lambda d: nodes(d)[c]["meta"].__setitem__("stack_trace", 10 ** 6),
            f"/graphs/0/nodes/{c}/meta/stack_trace", "is not in \"stack_traces\"")

    def cycle(d):
        # node c2 uses node c, which now uses node c2
        nodes(d)[c]["args"][0] = {"node": nodes(d)[c2]["name"]}

    damaged("dump-cycle.json", cycle, "/graphs/0/nodes/", "cycle")
    write("dump-top-level-array.json", "[1, 2]", "/", "expected a JSON object")
    assert good["graphs"]


# ----------------------------------------------------------------------------- .pt2 archives


def pt2_entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def zip_of(entries, compression=zipfile.ZIP_STORED):
    """A zip of (name, bytes) entries, the same bytes on every run (fixed dates)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, data)
    return buffer.getvalue()


def archives():
    source = os.path.join(DATA, "pt2", "cond.pt2")
    with open(source, "rb") as handle:
        raw = handle.read()
    entries = pt2_entries(source)
    program_name = next(n for n, _ in entries if n.endswith("models/model.json"))
    root = program_name.split("/")[0]
    program = json.loads(next(d for n, d in entries if n == program_name))
    model = f"{root}/models/model.json"

    def with_program(doc_or_text):
        data = doc_or_text if isinstance(doc_or_text, (bytes, str)) else json.dumps(doc_or_text)
        data = data.encode() if isinstance(data, str) else data
        return zip_of([(n, data if n == program_name else d) for n, d in entries])

    def damaged(name, change, where, what):
        doc = json.loads(json.dumps(program))
        change(doc)
        write(name, with_program(doc), model + " " + where, what)

    # the zip itself
    write("pt2-truncated.pt2", raw[: len(raw) // 2], "", "not a readable zip archive")
    write("pt2-empty-zip.pt2", zip_of([]), "", "not a torch.export .pt2")
    write("pt2-missing-program.pt2", zip_of([(n, d) for n, d in entries if not n.endswith(".json") or "models/" not in n]),
          f"{root}/models/", "models/*.json is missing")
    write("pt2-wrong-archive-format.pt2", zip_of([(n, b"pt3" if n.endswith("archive_format") else d) for n, d in entries]),
          f"{root}/archive_format", 'archive format "pt3"')
    write("pt2-not-an-archive.pt2", b"PK\x03\x04" + b"\x00" * 200, "", "not a readable zip archive")
    # the layout of torch.save: <name>/data.pkl, <name>/data/0, ...
    write("pt2-torch-save.pt2", zip_of([("weights/data.pkl", b"\x80\x02}q\x00."), ("weights/version", b"3\n")]), "",
          "a torch.save archive")

    # size claims: the central directory says more than the limit, more than deflate can
    # produce (a zip bomb), or less than the entry holds
    deflated = zip_of([(n, d) for n, d in entries], compression=zipfile.ZIP_DEFLATED)
    write("pt2-claims-4-gib.pt2", claim(deflated, program_name, 8 << 30), program_name, "more than one entry may inflate to")
    write("pt2-zip-bomb.pt2", claim(deflated, program_name, None), program_name, "zip bomb")
    write("pt2-claims-too-little.pt2", claim(zip_of(entries), program_name, 100), program_name, "",
          ("", "not a readable zip archive: zip archive inconsistent"))
    stored = bytearray(zip_of(entries))
    at = stored.find(b'"graph_module"')
    stored[at + 3] ^= 0x20  # one byte of the program changed: its CRC no longer matches
    write("pt2-crc-mismatch.pt2", bytes(stored), program_name, "")

    # the program JSON
    write("pt2-invalid-json.pt2", with_program(json.dumps(program)[:5000]), model + " line 1, column", "invalid JSON")
    write("pt2-top-level-array.pt2", with_program("[]"), model + " /", "expected a JSON object (a torch.export program)")
    damaged("pt2-future-schema.pt2", lambda d: d.__setitem__("schema_version", {"major": 99, "minor": 1}), "/schema_version",
            "schema version 99.1 is newer")
    damaged("pt2-no-graph-module.pt2", lambda d: d.pop("graph_module"), "/", 'missing field "graph_module"')
    graph = lambda d: d["graph_module"]["graph"]  # noqa: E731
    node = lambda d, i: graph(d)["nodes"][i]  # noqa: E731
    damaged("pt2-nodes-not-array.pt2", lambda d: graph(d).__setitem__("nodes", {}), "/graph_module/graph/nodes",
            "expected an array")
    damaged("pt2-no-inputs.pt2", lambda d: graph(d).pop("inputs"), "/graph_module/graph", 'missing field "inputs"')
    damaged("pt2-dangling-reference.pt2",
            lambda d: node(d, 0)["inputs"][0].__setitem__("arg", {"as_tensor": {"name": "ghost"}}),
            "/graph_module/graph/nodes/0/inputs/0/arg/as_tensor", 'refers to "ghost"')
    damaged("pt2-unknown-argument-kind.pt2", lambda d: node(d, 0)["inputs"][0].__setitem__("arg", {"as_blob": 1}),
            "/graph_module/graph/nodes/0/inputs/0/arg/as_blob", 'unknown argument kind "as_blob"')
    damaged("pt2-argument-not-a-union.pt2", lambda d: node(d, 0)["inputs"][0].__setitem__("arg", {}),
            "/graph_module/graph/nodes/0/inputs/0/arg", "expected an object of one key")
    damaged("pt2-target-not-string.pt2", lambda d: node(d, 1).__setitem__("target", 7), "/graph_module/graph/nodes/1/target",
            "expected a string")
    first_value = next(iter(program["graph_module"]["graph"]["tensor_values"]))
    damaged("pt2-dtype-not-int.pt2",
            lambda d: graph(d)["tensor_values"][first_value].__setitem__("dtype", "float"),
            f"/graph_module/graph/tensor_values/{first_value}/dtype", "expected an integer")
    damaged("pt2-unknown-size-kind.pt2",
            lambda d: graph(d)["tensor_values"][first_value].__setitem__("sizes", [{"as_weird": 1}]),
            f"/graph_module/graph/tensor_values/{first_value}/sizes/0", 'unknown size kind "as_weird"')
    damaged("pt2-bad-module-stack.pt2", lambda d: node(d, 0)["metadata"].__setitem__("nn_module_stack", "a,b"),
            "/graph_module/graph/nodes/0/metadata/nn_module_stack", '"key,path,type"')

    def duplicate(d):
        out0 = node(d, 0)["outputs"][0]["as_tensor"]["name"]
        node(d, 1)["outputs"] = [{"as_tensor": {"name": out0}}]
        node(d, 1).pop("name", None)

    damaged("pt2-value-defined-twice.pt2", duplicate, "/graph_module/graph/nodes/1", "")
    damaged("pt2-float-not-a-number.pt2", lambda d: node(d, 0)["inputs"][0].__setitem__("arg", {"as_float": "abc"}),
            "/graph_module/graph/nodes/0/inputs/0/arg/as_float", "expected a number, Infinity")
    damaged("pt2-signature-not-object.pt2", lambda d: d["graph_module"].__setitem__("signature", [1]),
            "/graph_module/signature", "expected an object")

    # the flat layout of torch 2.1-2.7
    flat = [("serialized_exported_program.json", json.dumps(program)[:3000].encode()), ("version", b"8.20")]
    write("pt2-flat-invalid-json.pt2", zip_of(flat), "serialized_exported_program.json line 1", "invalid JSON")


# ----------------------------------------------------------------------------- metrics folders


class Hostile:
    """Under Python's pickle.load this runs a command (it touches MARKER); AtenScope must refuse it."""

    MARKER = "/tmp/atenscope-hostile-pickle-ran"

    def __reduce__(self):
        return (os.system, (f"touch {self.MARKER}",))


def metrics():
    import pickle
    import pickletools

    with open(os.path.join(DATA, "metrics", "resnet18", "compiled-schema_list.pickle"), "rb") as handle:
        raw = handle.read()
    good = pickle.loads(raw)

    def put(folder, filename, data, where, what):
        os.makedirs(os.path.join(OUT, folder), exist_ok=True)
        write(f"{folder}/{filename}", data, where, what)

    def changed(folder, filename, value, where, what, protocol=4):
        put(folder, filename, pickle.dumps(value, protocol=protocol), where, what)

    hostile = pickle.dumps([{"opname": "aten.relu.default", "inputs": [Hostile()]}], protocol=4)
    at = next(pos for op, arg, pos in pickletools.genops(hostile) if op.name == "STACK_GLOBAL")
    put("pickle-runs-a-command", "compiled-schema_list.pickle", hostile, f"byte {at}", "")
    put("pickle-truncated", "compiled-schema_list.pickle", raw[: len(raw) // 2], "byte ", "")
    put("pickle-empty", "original-schema_list.pickle", b"", "", "empty file")
    put("pickle-protocol-9", "original-schema_list.pickle", b"\x80\x09" + raw[2:], "byte 0", "protocol 9")
    changed("pickle-not-a-list", "compiled-schema_list.pickle", {"opname": "aten.relu.default"}, "/", "expected a list, found a dict")
    bad = [dict(e) for e in good[:5]]
    bad[3]["opname"] = 7
    changed("pickle-opname-not-a-string", "compiled-schema_list.pickle", bad, "/3/opname", "expected a string, found an int")
    bad = [dict(e) for e in good[:5]]
    bad[1].pop("opname")
    changed("pickle-missing-opname", "original-schema_list.pickle", bad, "/1", "missing key 'opname'")
    bad = [{"opname": "aten.add.Tensor", "inputs": ["Tensor<[1]> self = ?", None]}]
    changed("pickle-inputs-not-strings", "original-schema_list.pickle", bad, "/0/inputs/1", "expected a string, found None")
    bad = [{"opname": "ttnn.add", "original_inputs": ["aten.add.Tensor"]}]
    changed("pickle-original-inputs-not-a-dict", "compiled-schema_list.pickle", bad, "/0/original_inputs", "expected a dict")
    changed("pickle-run-success-a-list", "compiled-run_time_metrics.pickle", {"success": [1], "run_time": 1.0}, "/success",
            "expected a bool")
    changed("pickle-run-time-a-string", "original-run_time_metrics.pickle", {"success": True, "run_time": "fast"}, "/run_time",
            "expected a number")
    changed("pickle-report-without-total", "remaining-aten-ops.pickle", {"op_frequency": {}}, "/", "missing key 'total_remaining_ops'")
    changed("pickle-report-negative-count", "remaining-aten-ops.pickle",
            {"total_remaining_ops": 1, "op_frequency": {"aten.relu.default": -1}}, "/op_frequency/aten.relu.default",
            "expected a count")
    # shared references that would multiply without bound
    put("pickle-too-many-values", "compiled-schema_list.pickle", bytes(build_bomb()), "byte ", "values")
    put("model-run-invalid-json", "model_run.json", b'{"name": "m", "run_success": tru}', "line 1, column 33", "invalid JSON")
    put("model-run-a-list", "model_run.json", b"[1, 2]", "/", "expected a dict, found a list")


# ----------------------------------------------------------------------------- TORCH_TRACE logs


def gpt2_trace():
    """The GPT-2 trace fixture's lines, and where its aot_inference_graph record starts and ends."""
    with open(os.path.join(DATA, "traces", "gpt2", "dedicated_log_torch_trace_fixture.log"), encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    start = next(i for i, l in enumerate(lines) if '{"aot_inference_graph' in l)
    end = start + 1
    while end < len(lines) and lines[end].startswith("\t"):
        end += 1
    return lines, start, end


def traces():
    lines, start, end = gpt2_trace()
    head = lines[:start][:40]  # records before the graph (no graph among them)
    record = lines[start:end]  # the graph record, an excerpt of the real log
    body = [i for i, l in enumerate(record) if " = torch.ops.aten." in l]

    def text(rows):
        return "\n".join(rows) + "\n"

    def changed(name, at, old, new, where, what):
        rows = list(record)
        assert old in rows[at], (name, rows[at])
        rows[at] = rows[at].replace(old, new, 1)
        write(name, text(rows), where(at + 1), what)

    line = lambda n: f"line {n}"  # noqa: E731
    write("trace-no-graph.log", text(head), "", "holds no aten-level graph")
    write("trace-record-not-json.log", text([record[0][: record[0].index("{") + 12]] + record[1:]), "line 1, column", "invalid JSON")
    write("trace-stray-line.log", text(record + ["this is not a trace line"]), f"line {len(record) + 1}", "not a structured-trace record")
    first = body[0]
    name = record[first].split(":")[0].strip()
    changed("trace-unknown-name.log", body[3], "(", "(ghost_node, ", line, 'refers to "ghost_node"')
    changed("trace-unreadable-expression.log", first, "torch.ops.aten.", "??? torch.ops.aten.", line, "unreadable expression")
    annotation = record[first][record[first].index('"'): record[first].index('"', record[first].index('"') + 1) + 1]
    changed("trace-unreadable-shape.log", first, annotation, '"f32[1, 2"', line, "unreadable shape")
    changed("trace-duplicate-name.log", body[1], record[body[1]].split(":")[0].strip() + ":", name + ":", line, f'two nodes are named "{name}"')
    rows = [l for l in record if "def forward(" not in l]
    write("trace-no-forward.log", text(rows), f"line {2}", "has no forward()")
    ret = next(i for i, l in enumerate(record) if l.strip().startswith("return"))
    write("trace-no-return.log", text(record[:ret]), "line ", "has no return")
    write("trace-graph-without-class.log", text([record[0], "\tnot a graph at all"]), "line 1", "holds no graph")
    write("trace-truncated.log", text(record[: len(record) // 2]), "line ", "has no return")


# ----------------------------------------------------------------------------- TorchScript


def torchscript():
    source = os.path.join(DATA, "torchscript", "branches.scripted.pt")
    entries = pt2_entries(source)
    version = next(n for n, _ in entries if n.endswith("/version"))
    # (a build without the libtorch plugin names it a TorchScript archive too)
    write("torchscript-version-99-built.pt", zip_of([(n, b"99\n" if n == version else d) for n, d in entries]), "",
          "TorchScript archive")
    code = next(n for n, _ in entries if "/code/" in n and n.endswith(".py"))
    write("torchscript-code-broken-built.pt",
          zip_of([(n, d.replace(b"def forward(", b"def forward((", 1) if n == code else d) for n, d in entries]), "",
          "TorchScript archive")


def build_bomb():
    """A pickle whose value doubles with each step by shared references: 2^40 values."""
    out = bytearray(b"\x80\x04")
    out += b"]q\x000"  # EMPTY_LIST, BINPUT 0, POP
    for i in range(1, 41):
        # MARK, BINGET i-1 twice, LIST, BINPUT i, POP: list i holds list i-1 twice
        out += b"(h" + bytes([i - 1]) + b"h" + bytes([i - 1]) + b"lq" + bytes([i]) + b"0"
    out += b"h" + bytes([40]) + b"."  # BINGET 40, STOP
    return out


def claim(data, name, size):
    """`data` with the uncompressed size of entry `name` set to `size` in its local header and
    the central directory (None: 2,000 times its compressed size, more than deflate reaches)."""
    data = bytearray(data)
    encoded = name.encode()
    # (signature, name length at, name at, compressed size at, uncompressed size at): the local
    # file header, then the central directory's entry
    for signature, length_at, name_at, compressed_at, size_at in ((b"PK\x03\x04", 26, 30, 18, 22), (b"PK\x01\x02", 28, 46, 20, 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_length = struct.unpack_from("<H", data, at + length_at)[0]
            if bytes(data[at + name_at: at + name_at + name_length]) == encoded:
                compressed = struct.unpack_from("<I", data, at + compressed_at)[0]
                value = size if size is not None else compressed * 2000
                # 0xFFFFFFFE: the most a 32-bit field says without a zip64 record
                struct.pack_into("<I", data, at + size_at, min(value, 0xFFFFFFFE))
            at += 4
    return bytes(data)


def main():
    import shutil

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    dumps()
    archives()
    metrics()
    traces()
    torchscript()
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as handle:
        json.dump(dict(sorted(expected.items())), handle, indent=1)
        handle.write("\n")
    print(f"{len(expected)} bad inputs in {os.path.relpath(OUT, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
