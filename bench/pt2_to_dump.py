#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The graph of a .pt2 archive as an AtenScope graph dump, for the reader benchmark: the same
graph in both formats. torch.export.load builds the fx graph; python/atenscope_dump.py writes it,
the signature's parameters, buffers and constants marked as weights as the .pt2 reader marks
them. Usage: .venv/bin/python bench/pt2_to_dump.py ARCHIVE.pt2 OUT.json"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

import torch  # noqa: E402

try:
    import transformers.modeling_outputs  # noqa: F401  (registers the output types the archive's tree specs name)
except ImportError:
    pass

import atenscope_dump  # noqa: E402


def main():
    ep = torch.export.load(sys.argv[1])
    signature = ep.graph_signature
    weights = set(signature.inputs_to_parameters) | set(signature.inputs_to_buffers) | set(signature.inputs_to_lifted_tensor_constants)
    for node in ep.graph.nodes:
        if node.name in weights:
            node.meta["atenscope_weight"] = True
    atenscope_dump.dump_graph(ep.graph_module, sys.argv[2], model=os.path.basename(sys.argv[1]).rsplit(".", 1)[0], subgraph=0)
    print(f"{sys.argv[2]}: {len(ep.graph.nodes)} nodes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
