"""Reads an export with networkx, as an analyst would, and prints what it found as JSON.

usage: read_graph.py gexf|graphml FILE
"""
import json
import sys

import networkx as nx

fmt, path = sys.argv[1], sys.argv[2]
if fmt == "gexf":
    graph = nx.read_gexf(path, version="1.3")
else:
    graph = nx.read_graphml(path, force_multigraph=True)

if graph.is_multigraph():
    edges = [(u, v, data.get("id", key), data) for u, v, key, data in graph.edges(keys=True, data=True)]
else:
    edges = [(u, v, data.get("id"), data) for u, v, data in graph.edges(data=True)]

print(
    json.dumps(
        {
            "networkx": nx.__version__,
            "directed": graph.is_directed(),
            "nodes": {str(n): {k: v for k, v in d.items() if not isinstance(v, (list, tuple))} for n, d in graph.nodes(data=True)},
            "edgeIds": sorted({str(e[2]) for e in edges}),
            "edges": [{"source": u, "target": v, "id": str(i), **{k: str(x) for k, x in d.items()}} for u, v, i, d in edges],
        }
    )
)
