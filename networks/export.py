"""Writing networks: GraphML (Gephi, visone), GEXF (Gephi), CSV node and edge lists, JSON.

GraphML and GEXF hold one scalar type per attribute, so `flatten` first makes every attribute
of a graph consistent: lists become ";"-joined strings, dates ISO strings, None is dropped from
numeric attributes and "" in text ones, and an attribute that is int on some elements and float
on others becomes float (text wins over numbers). Written GraphML read back with
`nx.read_graphml` gives the same attributes and values (graph-level ones included). GEXF has no
place for graph-level attributes; CSV and JSON keep everything (JSON keeps lists as lists).
"""

from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

FORMATS = ("graphml", "gexf", "json", "csv")


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if hasattr(value, "item") and not isinstance(value, (list, tuple)):  # numpy scalars
        return _scalar(value.item())
    if hasattr(value, "to_native"):  # neo4j temporal values
        value = value.to_native()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return ";".join(str(_scalar(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _unify(items: Iterable[dict]) -> None:
    """In place: scalar values, one type per key across `items`."""
    items = list(items)
    types: dict[str, set[type]] = defaultdict(set)
    for attrs in items:
        for key, value in list(attrs.items()):
            attrs[key] = value = _scalar(value)
            if value is not None:
                types[key].add(type(value))
    for key, found in types.items():
        if str in found:
            target = str
        elif found == {bool}:
            target = bool
        elif float in found:
            target = float
        else:
            target = int
        for attrs in items:
            value = attrs.get(key)
            if value is None:
                if key in attrs:
                    del attrs[key]
                if target is str:
                    attrs[key] = ""
            elif type(value) is not target:
                attrs[key] = target(value)


def flatten(g: nx.Graph) -> nx.Graph:
    """A copy of `g` whose attributes GraphML and GEXF can store (see the module docstring)."""
    h = g.copy()
    _unify([h.graph])
    _unify(d for _, d in h.nodes(data=True))
    _unify(d for _, _, d in h.edges(data=True))
    return h


def _json_value(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted((_json_value(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return _scalar(value)


def to_json(g: nx.Graph) -> dict[str, Any]:
    """{"graph": {...}, "nodes": [{"id", ...}], "edges": [{"source", "target", ...}]}, every
    attribute kept (lists as lists, dates as ISO strings)."""
    return {
        "graph": _json_value(dict(g.graph)),
        "nodes": [{"id": n, **_json_value(d)} for n, d in g.nodes(data=True)],
        "edges": [{"source": u, "target": v, **_json_value(d)} for u, v, d in g.edges(data=True)],
    }


def from_json(data: dict[str, Any]) -> nx.Graph:
    g = nx.Graph(**data.get("graph", {}))
    for node in data["nodes"]:
        attrs = dict(node)
        g.add_node(attrs.pop("id"), **attrs)
    for edge in data["edges"]:
        attrs = dict(edge)
        g.add_edge(attrs.pop("source"), attrs.pop("target"), **attrs)
    return g


def csv_paths(path: Path) -> tuple[Path, Path]:
    """(edges, nodes): the edge list goes to `path`, the node list beside it as <stem>.nodes.csv
    (net.csv → net.nodes.csv; net.edges.csv → net.nodes.csv)."""
    stem = path.name[: -len(".csv")] if path.name.endswith(".csv") else path.name
    stem = stem[: -len(".edges")] if stem.endswith(".edges") else stem
    return path, path.with_name(f"{stem}.nodes.csv")


def _write_csv(path: Path, first: list[str], rows: list[dict[str, Any]]) -> None:
    keys = sorted({k for r in rows for k in r} - set(first))
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=first + keys, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def export_format(path: str | Path, fmt: str | None = None, formats: tuple[str, ...] = FORMATS) -> str:
    """The format `path` is written in (`fmt`, else its suffix), or ValueError when that format is
    not one of `formats` or the path can't be written; checked before any work, so that a typo
    doesn't cost the computation that precedes the export."""
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{path} is a directory; name a file")
    suffix = path.suffix.lstrip(".").lower()
    if fmt and suffix in formats and suffix != fmt.lower():
        raise ValueError(f"{path}: the suffix says {suffix}, the format {fmt}; make them agree")
    fmt = (fmt or suffix).lower()
    if fmt not in formats:
        what = f"unknown export format {fmt!r}" if fmt else "no export format (the name has no suffix)"
        raise ValueError(f"{path}: {what}; use " + ", ".join(f".{f}" for f in formats))
    folder = next(p for p in path.absolute().parents if p.exists())  # where mkdir would start
    if not folder.is_dir():
        raise ValueError(f"{path}: {folder} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"{path}: cannot write in {folder}")
    return fmt


def write(g: nx.Graph, path: str | Path, fmt: str | None = None) -> list[Path]:
    """Write `g` in the format its suffix says (or `fmt`); returns the files written."""
    path = Path(path)
    fmt = export_format(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(flatten(g), path)
        return [path]
    if fmt == "gexf":
        nx.write_gexf(flatten(g), path)
        return [path]
    if fmt == "json":
        path.write_text(json.dumps(to_json(g), ensure_ascii=False, indent=1), encoding="utf-8")
        return [path]
    h = flatten(g)
    edges, nodes = csv_paths(path)
    _write_csv(edges, ["source", "target"], [{"source": u, "target": v, **d} for u, v, d in h.edges(data=True)])
    _write_csv(nodes, ["id"], [{"id": n, **d} for n, d in h.nodes(data=True)])
    return [edges, nodes]


def graphml_bytes(g: nx.Graph) -> bytes:
    return "\n".join(nx.generate_graphml(flatten(g))).encode("utf-8")


def gexf_bytes(g: nx.Graph) -> bytes:
    return "\n".join(nx.generate_gexf(flatten(g))).encode("utf-8")
