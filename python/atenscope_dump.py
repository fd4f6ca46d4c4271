# SPDX-License-Identifier: MIT
"""atenscope_dump: write a torch.fx graph as an AtenScope graph dump (JSON).

Call it from inside any torch.compile backend:

    import atenscope_dump
    atenscope_dump.dump_graph(gm, "metrics/resnet18/compiled-0.json",
                              model="resnet18", stage="compiled", subgraph=0)

It needs nothing beyond torch, and it never breaks a compile: any failure logs
one warning and returns None.  The format is documented in docs/graph-format.md.

From Python, with AtenScope installed (the `atenscope` program on PATH, or ATENSCOPE=path):

    atenscope_dump.show(gm, model="llama")          # the window on this graph; later calls add to it
    atenscope_dump.analyze(gm)["total_remaining_ops"]   # the op report as a dict
    backend = aot_autograd(fw_compiler=atenscope_dump.capture(my_compiler, "metrics/llama"))

As a program it traces a model and writes its aten graphs: under PyTorch 2.x through
torch.compile, as a backend receives them; under 1.13 with make_fx:

    python3 -m atenscope_dump transformers:llama --layers 2 --out llama.json
    python3 -m atenscope_dump torchvision:resnet18 --out resnet18.json
"""

import argparse
import inspect
import itertools
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings

__version__ = "0.2.0"  # AtenScope's version (CMakeLists.txt's project(); a test keeps them equal)

FORMAT = "atenscope.graph"
FORMAT_VERSION = 2  # 2: stack traces in a document table, nodes name them by index

_FAST_OP_RE = re.compile(r"python_fully_qualified_name='([^']+)'")
_ADDRESS_RE = re.compile(r" at 0x[0-9a-fA-F]+")  # reprs of functions: not reproducible
_INT64_MAX = 2**63 - 1
_INT64_MIN = -(2**63)


def _torch():
    import torch  # imported lazily so that importing this module never fails

    return torch


# ----------------------------------------------------------------------------- targets


def target_name(target):
    """The target as AtenScope normalises it: `aten.add.Tensor`, `ttnn.add`,
    `target_wrapper_conv`, `operator.getitem`, or the string target itself."""
    if isinstance(target, str):
        return target
    fqn = getattr(target, "python_fully_qualified_name", None)
    if isinstance(fqn, str):
        return fqn
    text = str(target)
    match = _FAST_OP_RE.search(text)
    if match:
        return match.group(1)
    torch = _torch()
    if isinstance(target, (torch._ops.OpOverload, torch._ops.OpOverloadPacket)):
        return text  # 'aten.add.Tensor' (no torch.ops. prefix)
    higher_order = getattr(torch._ops, "HigherOrderOperator", None)
    if higher_order is not None and isinstance(target, higher_order):
        return f"higher_order.{target.name()}"  # torch.ops.higher_order.cond
    name = getattr(target, "__name__", None)
    if isinstance(name, str) and name.startswith("target_wrapper_"):
        return name
    module = getattr(target, "__module__", None)
    qualname = getattr(target, "__qualname__", name)
    if module == "_operator":
        module = "operator"
    if isinstance(qualname, str):
        return f"{module}.{qualname}" if module else qualname
    return text


def _schema_of(target):
    schema = getattr(target, "_schema", None)
    if schema is None:
        return None
    return {
        "name": schema.name,
        "overload": schema.overload_name,
        "arguments": [
            {"name": a.name, "type": str(a.type), "kwarg_only": bool(a.kwarg_only)}
            for a in schema.arguments
        ],
        "returns": [{"name": r.name or "", "type": str(r.type)} for r in schema.returns],
    }


# ----------------------------------------------------------------------------- values


def _encode_float(value):
    if math.isnan(value):
        return {"float": "nan"}
    if math.isinf(value):
        return {"float": "inf" if value > 0 else "-inf"}
    return value


def _encode_arg(value):
    """Literals stay JSON values; graph values become {"node": name}; anything
    JSON cannot say becomes a single-key object (see docs/graph-format.md)."""
    torch = _torch()
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        if _INT64_MIN <= value <= _INT64_MAX:
            return value
        return {"int": str(value)}
    if isinstance(value, float):
        return _encode_float(value)
    if isinstance(value, torch.fx.Node):
        return {"node": value.name}
    if isinstance(value, list):
        return [_encode_arg(v) for v in value]
    if isinstance(value, tuple):
        return {"tuple": [_encode_arg(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[str(k), _encode_arg(v)] for k, v in value.items()]}
    if isinstance(value, torch.dtype):
        return {"dtype": str(value)}
    if isinstance(value, torch.device):
        return {"device": str(value)}
    if isinstance(value, (torch.memory_format, torch.layout)):
        return {"enum": str(value)}
    if isinstance(value, slice):
        return {"slice": [_encode_arg(value.start), _encode_arg(value.stop), _encode_arg(value.step)]}
    return {"repr": repr(value)}


def _dim(d):
    """An int, or a symbolic size as its expression ("s0", "2*s1"). A SymInt is never
    turned into an int: that would add a guard and specialise the graph being compiled."""
    node = getattr(d, "node", None)
    if node is not None and hasattr(node, "expr"):  # torch.SymInt (2.x)
        expr = node.expr
        if getattr(expr, "is_number", False):
            return int(expr)
        return str(d)
    try:
        return int(d)
    except Exception:  # symbolic size without a hint
        return str(d)


def _dtype_name(dtype):
    return str(dtype).replace("torch.", "")


def _tensor_info(value):
    """One output's metadata: tensors and tensor_meta give shape/dtype/stride."""
    torch = _torch()
    if isinstance(value, torch.Tensor):
        info = {"shape": [_dim(d) for d in value.shape], "dtype": _dtype_name(value.dtype)}
        try:
            info["stride"] = [_dim(s) for s in value.stride()]
        except Exception:
            pass
        return info
    shape = getattr(value, "shape", None)
    dtype = getattr(value, "dtype", None)
    if shape is not None and dtype is not None:  # TensorMetadata, or a tensor-like value
        info = {"shape": [_dim(d) for d in shape], "dtype": _dtype_name(dtype)}
        stride = getattr(value, "stride", None)
        try:
            stride = stride() if callable(stride) else stride
            if stride is not None:
                info["stride"] = [_dim(s) for s in stride]
        except Exception:
            pass
        return info
    if isinstance(value, (bool, int, float)) or type(value).__name__ in ("SymInt", "SymFloat", "SymBool"):
        return {"scalar": type(value).__name__.replace("Sym", "").lower()}
    return None


def _outputs_of(node, module):
    """(outputs, is_tuple): one entry per output; None where one is not a tensor."""
    meta = node.meta
    for key in ("val", "example_value", "tensor_meta"):
        if key in meta and meta[key] is not None:
            value = meta[key]
            if isinstance(value, (list, tuple)) and not hasattr(value, "shape"):
                return [_tensor_info(v) for v in value], True
            info = _tensor_info(value)
            if info is not None:
                return [info], False
    if node.op == "get_attr" and module is not None:
        try:
            obj = module
            for part in node.target.split("."):
                obj = getattr(obj, part)
            info = _tensor_info(obj)
            if info is not None:
                return [info], False
        except Exception:
            pass
    return [], False


def _partition_outputs(sub):
    """(outputs, is_tuple) of a fused submodule, from the nodes its output node returns."""
    torch = _torch()
    for node in sub.graph.nodes:
        if node.op != "output" or not node.args:
            continue
        result = node.args[0]
        if isinstance(result, torch.fx.Node):
            return _outputs_of(result, sub)
        if isinstance(result, (list, tuple)):
            infos = []
            for item in result:
                found = _outputs_of(item, sub)[0] if isinstance(item, torch.fx.Node) else []
                infos.append(found[0] if len(found) == 1 else None)
            return infos, True
    return [], False


_SOURCE_ROOT_RE = re.compile(r"^L\[['\"][^'\"]+['\"]\]")
_SOURCE_ITEM_RE = re.compile(r"\[['\"]?([^'\"\]]+)['\"]?\]")
_SOURCE_GETATTR_RE = re.compile(r"getattr\(([^,()]+), ['\"]([^'\"]+)['\"]\)")


def module_path(path):
    """A module path as the model names it (`model.layers.0.mlp`). Dynamo writes the
    source it found the module by: `L['self'].model.layers[0].mlp`, `L['self']._modules['fc']`,
    `getattr(L['self'].layers, '0')`; make_fx and export write the plain path already."""
    path = str(path)
    while True:
        unwrapped = _SOURCE_GETATTR_RE.sub(r"\1.\2", path)
        if unwrapped == path:
            break
        path = unwrapped
    path = _SOURCE_ROOT_RE.sub("", path)
    path = _SOURCE_ITEM_RE.sub(r".\1", path)
    parts = [p for p in path.split(".") if p and p != "_modules"]
    return ".".join(parts)


def _provenance(meta):
    out = {}
    stack = meta.get("nn_module_stack")
    if stack:
        entries = []
        for key, value in stack.items():
            if isinstance(value, (tuple, list)) and len(value) == 2:
                path, typ = value
            else:
                path, typ = str(value), ""
            if not isinstance(typ, str):
                typ = getattr(typ, "__qualname__", None) or str(typ)
            path = module_path(path)
            key = str(key)
            if re.fullmatch(r"\d+(@\d+)?", key):  # dynamo keys some entries by object id (id@call): not reproducible
                key = path
            entries.append({"key": key, "path": path, "type": typ})
        out["nn_module_stack"] = entries
    if meta.get("stack_trace"):
        out["stack_trace"] = str(meta["stack_trace"])
    sources = meta.get("source_fn_stack") or meta.get("source_fn")
    if sources:
        if isinstance(sources, tuple):
            sources = [sources]
        out["source_fn_stack"] = [
            {"name": str(s[0]), "target": target_name(s[1])} if isinstance(s, (tuple, list)) and len(s) == 2
            else {"name": str(s), "target": ""}
            for s in sources
        ]
    return out


# ----------------------------------------------------------------------------- graphs


def _graph_and_module(gm_or_graph):
    torch = _torch()
    if isinstance(gm_or_graph, torch.fx.GraphModule):
        return gm_or_graph.graph, gm_or_graph
    if isinstance(gm_or_graph, torch.fx.Graph):
        return gm_or_graph, getattr(gm_or_graph, "owning_module", None)
    raise TypeError(f"expected a torch.fx.GraphModule or torch.fx.Graph, got {type(gm_or_graph).__name__}")


def mark_weights(gm_or_graph):
    """Marks the placeholders that hold parameters and buffers. Inside a torch.compile backend,
    dynamo lifts a module's parameters into graph inputs that aot_autograd names arg0_1, ...,
    like the real inputs; its metadata says which inputs are static (parameters, buffers).
    Called by graph_document() and compile_aten(); outside a compile it does nothing."""
    torch = _torch()
    graph, _ = _graph_and_module(gm_or_graph)
    try:
        context = torch._guards.TracingContext.try_get()
        metadata = getattr(context, "fw_metadata", None) if context is not None else None
        static = list(getattr(metadata, "static_input_indices", None) or [])
        count = len(metadata.input_info) if metadata is not None else -1
    except Exception:  # torch 1.13, or a torch whose internals differ: leave the names to tell
        return
    placeholders = [n for n in graph.nodes if n.op == "placeholder"]
    if not static or count != len(placeholders):
        return
    for index in static:
        if 0 <= index < len(placeholders):
            placeholders[index].meta["atenscope_weight"] = True


def _encode_graph(gm_or_graph, name, stage, schemas, traces):
    torch = _torch()
    graph, module = _graph_and_module(gm_or_graph)
    nodes = []
    for node in graph.nodes:
        target = node.target
        entry = {"name": node.name, "op": node.op, "target": target_name(target)}
        raw = target if isinstance(target, str) else _ADDRESS_RE.sub("", str(target))
        if raw != entry["target"]:
            entry["target_raw"] = raw
        if node.op == "call_function":
            schema = _schema_of(target)
            if schema is not None:
                schemas.setdefault(entry["target"], schema)
        entry["args"] = [_encode_arg(a) for a in node.args]
        if node.kwargs:
            entry["kwargs"] = {k: _encode_arg(v) for k, v in node.kwargs.items()}
        outputs, is_tuple = _outputs_of(node, module)
        if outputs:
            entry["outputs"] = outputs
        if is_tuple:
            entry["output_is_tuple"] = True
        if node.op == "placeholder" and node.meta.get("atenscope_weight"):
            entry["weight"] = True
        provenance = _provenance(node.meta)
        if "stack_trace" in provenance:
            # A layer's code gives every layer the same traces: each is written once.
            provenance["stack_trace"] = traces.setdefault(provenance["stack_trace"], len(traces))
        if provenance:
            entry["meta"] = provenance
        if node.op in ("call_module", "get_attr") and module is not None:
            # Fused partitions (call_module) and the branches and bodies of higher-order
            # ops (get_attr of a GraphModule) are nested graphs.
            try:
                sub = module.get_submodule(node.target)
            except Exception:
                sub = None
            if isinstance(sub, torch.fx.GraphModule):
                entry["subgraph"] = _encode_graph(sub, node.target, stage, schemas, traces)
                if not outputs:
                    # A partition without metadata: what its graph returns has it.
                    outputs, is_tuple = _partition_outputs(sub)
                    if outputs:
                        entry["outputs"] = outputs
                    if is_tuple:
                        entry["output_is_tuple"] = True
        nodes.append(entry)
    return {"name": name, "stage": stage, "nodes": nodes}


def graph_document(gm_or_graphs, *, model=None, stage="compiled", subgraph=None):
    """The dump as a Python dict. A list of graphs becomes several subgraphs of one model."""
    torch = _torch()
    many = isinstance(gm_or_graphs, (list, tuple))
    items = list(gm_or_graphs) if many else [gm_or_graphs]
    schemas = {}
    traces = {}
    graphs = []
    for index, item in enumerate(items):
        if many:
            name = f"{subgraph}_{index}" if subgraph is not None else str(index)
        else:
            name = str(subgraph) if subgraph is not None else "0"
        mark_weights(item)
        graphs.append(_encode_graph(item, name, stage, schemas, traces))
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "producer": {"tool": "atenscope_dump", "torch": torch.__version__},
        "model": model or "",
        "graphs": graphs,
        "schemas": schemas,
        "stack_traces": list(traces),
        # Where the traces' files are: the window finds relative ones under these.
        "source_roots": _source_roots() if traces else [],
    }


def _source_roots():
    """The folders Python imported the model's code from (sys.path) and the working folder."""
    import sys

    roots = []
    for entry in [os.getcwd()] + list(sys.path):
        path = os.path.abspath(entry or os.getcwd())
        if os.path.isdir(path) and path not in roots:
            roots.append(path)
    return roots


def write_document(document, path):
    """Write atomically: a temp file beside the target, then a rename."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".atenscope-", suffix=".json", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, separators=(",", ":"), allow_nan=False)
            handle.write("\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def dump_graph(gm_or_graph, path, *, model=None, stage="compiled", subgraph=None):
    """Write one graph (or a list of graphs: one file holding them all) to `path`.

    Returns the path on success. Never raises: a failure logs one warning and
    returns None, so that a backend's compile goes on."""
    try:
        document = graph_document(gm_or_graph, model=model, stage=stage, subgraph=subgraph)
        write_document(document, path)
        return path
    except Exception as error:  # never break the compile
        warnings.warn(f"atenscope_dump: could not write {path}: {type(error).__name__}: {error}")
        return None


# ----------------------------------------------------------------------------- AtenScope from Python


class AtenScopeNotFound(RuntimeError):
    """The atenscope program is not installed where this module looks."""


def find_atenscope():
    """The atenscope executable: $ATENSCOPE, else `atenscope` on PATH, else one beside this module
    (an install prefix's bin/, or a source tree's build/bin/). None when there is none."""
    env = os.environ.get("ATENSCOPE")
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    found = shutil.which("atenscope")
    if found:
        return found
    here = os.path.dirname(os.path.abspath(__file__))
    for relative in ("../bin", "../../../bin", "../../../../bin", "../build/bin"):
        candidate = os.path.normpath(os.path.join(here, relative, "atenscope"))
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _atenscope():
    exe = find_atenscope()
    if exe is None:
        raise AtenScopeNotFound(
            "atenscope_dump: the atenscope program was not found (not on PATH, not beside this module, "
            "ATENSCOPE not set); install AtenScope or set ATENSCOPE=/path/to/atenscope")
    return exe


def _cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "atenscope", "show", str(os.getpid()))
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return folder


def _write_dumps(folder, stem, gm_or_graphs, original, model):
    """Dump the graph(s), and their original when given, into folder; the paths written."""
    paths = []
    document = graph_document(gm_or_graphs, model=model, stage="compiled")
    path = os.path.join(folder, f"{stem}.json")
    write_document(document, path)
    paths.append(path)
    if original is not None:
        path = os.path.join(folder, f"{stem}.original.json")
        write_document(graph_document(original, model=model, stage="original"), path)
        paths.append(path)
    return paths


def analyze(gm_or_path, profile=None, original=None, *, model=None, predict=False):
    """The op report of a graph (a GraphModule, a list of them, or a file or folder AtenScope
    reads), as `atenscope analyze --json` gives it: a dict with total_remaining_ops,
    unique_op_types, op_frequency, input_variations, conversion_percentage, ... (one model; a
    path holding several gives {"models": [...]}). `original`: the graph before the backend
    (GraphModule or path), for the conversion percentage. Raises AtenScopeNotFound when the
    program is missing and RuntimeError (with its message) when it refuses the input."""
    exe = _atenscope()
    with tempfile.TemporaryDirectory(prefix="atenscope-analyze-") as tmp:
        name = model or "model"

        def path_of(value, stem, stage):
            if isinstance(value, (str, os.PathLike)):
                return os.path.abspath(os.fspath(value))
            path = os.path.join(tmp, stem + ".json")
            write_document(graph_document(value, model=name, stage=stage), path)
            return path

        options = ["--json"]
        if original is not None:
            options += ["--original", path_of(original, "original", "original")]
        if profile:
            options += ["--profile", profile]
        if predict:
            options.append("--predict")
        if model:
            options += ["--model", model]
        graph = path_of(gm_or_path, "graph", "compiled")
        result = subprocess.run([exe, "analyze", *options, "--", graph], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr.strip() or f"atenscope analyze ended with status {result.returncode}")
    document = json.loads(result.stdout)
    models = document.get("models", [])
    return models[0] if len(models) == 1 else document


_shown = itertools.count()
_window = {"process": None, "socket": None}


def _request(path, message, timeout=5.0):
    """One request to a window's socket; its answer (a dict), or None when no window listens."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(path)
            s.sendall((json.dumps(message) + "\n").encode("utf-8"))
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        return json.loads(answer.decode("utf-8")) if answer else None
    except (OSError, ValueError):
        return None


def _window_request(message):
    """A request to the window this process opened, waiting for it while it starts (a window
    that was closed, or never opened: None)."""
    path, process = _window["socket"], _window["process"]
    if path is None:
        return None
    deadline = time.monotonic() + 20
    while True:
        answer = _request(path, message)
        if answer is not None or process is None or process.poll() is not None or time.monotonic() > deadline:
            return answer
        time.sleep(0.1)


def show(gm_or_graphs, model=None, *, original=None, profile=None):
    """Open AtenScope's window on a graph (a GraphModule or a list of them: one model's
    subgraphs) and return at once. Later calls from this process add to the same window.
    `original`: the graph before the backend (for the conversion). Never raises: a missing
    program or display is one warning. Returns the dump files written (None on failure)."""
    try:
        exe = find_atenscope()
        if exe is None:
            warnings.warn("atenscope_dump.show: the atenscope program was not found (not on PATH, ATENSCOPE not set)")
            return None
        if not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
            warnings.warn("atenscope_dump.show: no display to open the window on (DISPLAY is not set)")
            return None
        index = next(_shown)
        model = model or f"graph-{index}"
        folder = _cache_dir()
        stem = f"{index}-" + re.sub(r"[^A-Za-z0-9._-]+", "_", model)[:80]
        paths = _write_dumps(folder, stem, gm_or_graphs, original, model)
        answer = _window_request({"open": paths})
        if answer is not None and answer.get("ok"):
            return paths
        socket_path = os.path.join(folder, "window.sock")
        command = [exe, "--listen", socket_path]
        if profile:
            command += ["--profile", profile]
        log = open(os.path.join(folder, "window.log"), "ab")
        try:
            process = subprocess.Popen(command + ["--", *paths], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                       start_new_session=True)
        finally:
            log.close()
        _window.update(process=process, socket=socket_path)
        return paths
    except Exception as error:  # never break the caller's compile
        warnings.warn(f"atenscope_dump.show: {type(error).__name__}: {error}")
        return None


def _graph_module_in(result, depth=0):
    """The GraphModule a compiler function returned: itself, its bound forward, or the graph
    module a wrapper (make_boxed_func, functools.wraps) holds. None when there is none."""
    torch = _torch()
    if result is None or depth > 3:
        return None
    if isinstance(result, torch.fx.GraphModule):
        return result
    if isinstance(getattr(result, "__self__", None), torch.fx.GraphModule):
        return result.__self__
    inner = [getattr(result, "__wrapped__", None)]
    for cell in getattr(result, "__closure__", None) or ():
        try:
            inner.append(cell.cell_contents)
        except ValueError:  # an empty cell
            pass
    for value in inner:
        if value is not None and (callable(value) or isinstance(value, torch.fx.GraphModule)):
            found = _graph_module_in(value, depth + 1)
            if found is not None:
                return found
    return None


def capture(fw_compiler, folder, *, model=None):
    """Wrap an aot_autograd compiler function (where torch_ttnn and most backends lower) so
    that each graph it receives is dumped as `original` and the graph it returns (when it is a
    GraphModule, or a wrapper of one) as `compiled`, subgraph by subgraph:
    folder/original-K.json and folder/compiled-K.json. Nothing else of the backend changes; a
    dump that fails is one warning. `atenscope analyze folder/` then reads them.

        backend = aot_autograd(fw_compiler=atenscope_dump.capture(my_compiler, "metrics/llama"))
    """
    counter = itertools.count()
    name = model or os.path.basename(os.path.normpath(os.fspath(folder)))

    def compiler(gm, example_inputs, *args, **kwargs):
        index = next(counter)
        # The original before the compiler runs: most lower the graph in place.
        dump_graph(gm, os.path.join(folder, f"original-{index}.json"), model=name, stage="original", subgraph=index)
        result = fw_compiler(gm, example_inputs, *args, **kwargs)
        lowered = _graph_module_in(result)
        if lowered is not None:
            dump_graph(lowered, os.path.join(folder, f"compiled-{index}.json"), model=name, stage="compiled", subgraph=index)
        return result

    compiler.__name__ = getattr(fw_compiler, "__name__", "compiler")
    compiler.__wrapped__ = fw_compiler
    return compiler


# ----------------------------------------------------------------------------- command line


def _build_torchvision(name):
    """A torchvision model with random weights, in eval mode (inference, as backends compile it)."""
    try:
        import torchvision
    except ImportError:
        raise SystemExit("atenscope_dump: torchvision is not installed in this Python")
    for namespace in (torchvision.models, torchvision.models.segmentation, torchvision.models.detection):
        builder = getattr(namespace, name, None)
        if callable(builder):
            params = inspect.signature(builder).parameters
            kwargs = {}
            if "weights" in params:
                kwargs["weights"] = None
            if "weights_backbone" in params:
                kwargs["weights_backbone"] = None  # never download
            return builder(**kwargs).eval()
    raise SystemExit(f"atenscope_dump: no torchvision model named '{name}'")


# Small language models of the transformers library, built from a config with random
# weights (nothing is downloaded): the architecture of each family with few, narrow layers.
TRANSFORMERS_MODELS = ("gpt2", "bert", "llama")


def build_transformers(name, layers=2, sequence=32, attention="eager"):
    """(model, kwargs) of a transformers model of family `name`, in eval mode."""
    torch = _torch()
    try:
        import transformers
    except ImportError:
        raise SystemExit("atenscope_dump: transformers is not installed in this Python")
    if name == "gpt2":
        config = transformers.GPT2Config(vocab_size=512, n_positions=128, n_embd=64, n_layer=layers, n_head=4)
        model = transformers.GPT2LMHeadModel(config)
    elif name == "bert":
        config = transformers.BertConfig(vocab_size=512, hidden_size=64, num_hidden_layers=layers, num_attention_heads=4,
                                         intermediate_size=128, max_position_embeddings=128)
        model = transformers.BertForMaskedLM(config)
    elif name == "llama":
        config = transformers.LlamaConfig(vocab_size=512, hidden_size=64, intermediate_size=128, num_hidden_layers=layers,
                                          num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128)
        model = transformers.LlamaForCausalLM(config)
    else:
        raise SystemExit(f"atenscope_dump: no transformers model named '{name}' (one of {', '.join(TRANSFORMERS_MODELS)})")
    model.config._attn_implementation = attention
    model.eval()
    ids = torch.randint(0, config.vocab_size, (1, sequence))
    kwargs = {"input_ids": ids}
    if name != "bert":
        kwargs["use_cache"] = False
    return model, kwargs


def trace_aten(model, example_inputs):
    """The functional aten graph of a module in eval mode, as aot_autograd hands
    it to a backend: make_fx of the functionalized module, then one run of
    ShapeProp so that every node (tuple outputs too) carries tensor_meta.
    Works under torch 1.13; under 2.x, compile_aten() is what a backend really sees."""
    torch = _torch()
    from torch.fx.experimental.proxy_tensor import make_fx
    from torch.fx.passes.shape_prop import ShapeProp

    try:
        from torch.func import functionalize  # torch >= 2.0
    except ImportError:
        from functorch.experimental import functionalize  # torch 1.13

    model.eval()
    # Grad stays on while tracing: under no_grad, nn.MultiheadAttention takes a
    # fused fast path that no compiler sees in a real torch.compile run.
    gm = make_fx(functionalize(model))(*example_inputs)
    with torch.no_grad():
        ShapeProp(gm).propagate(*example_inputs)
    return gm


def compile_aten(model, args=(), kwargs=None, *, dynamic=False):
    """The aten graphs that torch.compile (PyTorch 2.x) hands a backend for one call of
    `model` under no_grad: one inference graph per compiled frame (graph breaks give
    several), each node with meta["val"], nn_module_stack and stack_trace."""
    torch = _torch()
    from torch._dynamo.backends.common import aot_autograd

    graphs = []

    def compiler(gm, example_inputs):
        mark_weights(gm)
        graphs.append(gm)
        return gm.forward

    torch._dynamo.reset()
    compiled = torch.compile(model, backend=aot_autograd(fw_compiler=compiler), dynamic=dynamic)
    with torch.no_grad():
        compiled(*args, **(kwargs or {}))
    torch._dynamo.reset()
    return graphs


def main(argv=None):
    torch = _torch()
    has_compile = hasattr(torch, "compile")
    parser = argparse.ArgumentParser(
        prog="python3 -m atenscope_dump",
        description="Trace a model and write its aten graphs as an AtenScope graph dump: under PyTorch 2.x "
                    "as torch.compile hands them to a backend, under 1.13 with make_fx.",
    )
    parser.add_argument("model", help="torchvision:NAME (e.g. torchvision:resnet18) or transformers:NAME "
                                      f"({', '.join(TRANSFORMERS_MODELS)}: small configs, random weights)")
    parser.add_argument("--out", required=True, help="the JSON file to write")
    parser.add_argument("--stage", default="original", help="stage label (default: original)")
    parser.add_argument("--input-shape", default="1,3,224,224", help="torchvision: comma-separated input shape")
    parser.add_argument("--layers", type=int, default=2, help="transformers: number of layers (default 2)")
    parser.add_argument("--sequence", type=int, default=32, help="transformers: sequence length (default 32)")
    parser.add_argument("--name", default=None, help="model name in the dump (default: NAME)")
    parser.add_argument("--via", choices=["compile", "make_fx"], default="compile" if has_compile else "make_fx",
                        help="torch.compile with aot_autograd (2.x, default there) or make_fx (1.13)")
    parser.add_argument("--dynamic", action="store_true", help="compile with dynamic shapes (sizes as symbols)")
    args = parser.parse_args(argv)

    source, _, name = args.model.partition(":")
    if source not in ("torchvision", "transformers") or not name:
        parser.error("model must be torchvision:NAME or transformers:NAME")
    if args.via == "compile" and not has_compile:
        parser.error(f"--via compile needs PyTorch 2.x (this is {torch.__version__})")
    torch.manual_seed(0)
    if source == "torchvision":
        try:
            shape = [int(s) for s in args.input_shape.split(",")]
        except ValueError:
            parser.error(f"--input-shape must be integers separated by commas, got '{args.input_shape}'")
        model = _build_torchvision(name)
        call_args, call_kwargs = [torch.randn(*shape)], {}
    else:
        if args.via != "compile":
            parser.error("transformers models are traced with --via compile (PyTorch 2.x)")
        model, call_kwargs = build_transformers(name, layers=args.layers, sequence=args.sequence)
        call_args = []
    if args.via == "compile":
        model.eval()
        graphs = compile_aten(model, call_args, call_kwargs, dynamic=args.dynamic)
        document = graph_document(graphs if len(graphs) > 1 else graphs[0], model=args.name or name, stage=args.stage)
    else:
        gm = trace_aten(model, call_args)
        document = graph_document(gm, model=args.name or name, stage=args.stage)
    write_document(document, args.out)
    count = sum(len(g["nodes"]) for g in document["graphs"])
    print(f"wrote {args.out}: {len(document['graphs'])} graph(s), {count} nodes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
