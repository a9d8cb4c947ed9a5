"""Discourse networks from the stance graph (after Leifeld's Discourse Network Analyzer).

Reading order: `rows` (the one Cypher query, deduplication, per-(actor, position) aggregation),
`build` (two-mode and one-mode networks as networkx graphs, pure), `analysis` (coalitions,
centrality, bridges, polarization over time, stance change), `export` (GraphML, GEXF, CSV,
JSON) and `draw` (PNG/SVG). `load` fetches and builds in one call, timed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import networkx as nx

from app.networks.analysis import (WINDOWS, bridges, centrality, coalition_report, coalitions, polarization,
                                   stance_changes)
from app.networks.build import KINDS, NORMALIZATIONS, actor_network, actor_position, build, position_cosupport
from app.networks.rows import ACTOR_KINDS, Filters, StanceRow, aggregate, dedupe, fetch_rows

__all__ = ["ACTOR_KINDS", "KINDS", "NORMALIZATIONS", "WINDOWS", "Filters", "StanceRow", "Timing", "actor_network",
           "actor_position", "aggregate", "bridges", "build", "centrality", "coalition_report", "coalitions",
           "dedupe", "fetch_rows", "load", "polarization", "position_cosupport", "stance_changes"]


@dataclass
class Timing:
    query: float = 0.0  # seconds in Neo4j (and moving rows)
    build: float = 0.0  # seconds building the network
    rows: int = 0

    def describe(self) -> str:
        return f"{self.rows} stance rows; query {self.query:.3f} s, build {self.build:.3f} s"


def load(driver, database: str, kind: str, filters: Filters = Filters(),
         normalize: str = "none") -> tuple[nx.Graph, Timing]:
    """Fetch the filtered rows and build the network `kind`; with the time each step took."""
    started = time.perf_counter()
    rows = fetch_rows(driver, database, filters)
    fetched = time.perf_counter()
    g = build(kind, rows, normalize, filters)
    return g, Timing(fetched - started, time.perf_counter() - fetched, len(rows))
