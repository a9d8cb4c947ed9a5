"""Fetch the rows and build a network in one call, timed (what the CLI and the API report)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import networkx as nx

from networks.build import build
from networks.rows import Filters, fetch_rows


@dataclass
class Timing:
    query: float = 0.0  # seconds in Neo4j (and moving rows)
    build: float = 0.0  # seconds building the network
    rows: int = 0

    def describe(self) -> str:
        return f"{self.rows} stance rows; query {self.query:.3f} s, build {self.build:.3f} s"


def load(graph, kind: str, filters: Filters = Filters(), normalize: str = "none") -> tuple[nx.Graph, Timing]:
    """Fetch the filtered rows from `graph` (a graph_schema.reader.Graph) and build the network
    `kind`; with the time each step took."""
    started = time.perf_counter()
    rows = fetch_rows(graph, filters)
    fetched = time.perf_counter()
    g = build(kind, rows, normalize, filters)
    return g, Timing(fetched - started, time.perf_counter() - fetched, len(rows))
