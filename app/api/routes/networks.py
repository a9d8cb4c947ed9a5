"""Discourse networks (DNA-style): actor × position, congruence, conflict, subtract, position
co-support; coalitions, bridges, polarization over time, stance changes.

Every route takes the same filters: `since`/`until` (statement dates; undated statements only
when neither is given), `actor_kind` (repeatable), `q` (every word in the position label) and
`min_statements` (actors with at least this many statements, duplicates in one article once).
The formulas are in networks/build.py.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from app.api.deps import DateOrder, GraphDep, PagingDep, PeriodDep
from app.api.schemas import ActorKind, Coalitions, Network, Polarization, StanceChanges
from networks.analysis import coalition_report, polarization, stance_changes, summary
from networks.build import build
from networks.export import gexf_bytes, graphml_bytes, to_json
from networks.options import ExportFormat, NetworkKind, Normalize, Window
from networks.rows import Filters, StanceRow, fetch_rows, iso_date

router = APIRouter(prefix="/networks", tags=["networks"])


class NetworkFilters:
    def __init__(self, period: PeriodDep,
                 actor_kind: Annotated[list[ActorKind] | None, Query(description="Actor kinds (repeatable).")] = None,
                 q: Annotated[str | None, Query(max_length=200, description="Words of the position label.")] = None,
                 min_statements: Annotated[int, Query(ge=1, le=100_000, description="Minimum statements "
                                                      "per actor.")] = 1):
        self.filters = Filters(since=period.since, until=period.until,
                               kinds=tuple(actor_kind or ()), q=q, min_statements=min_statements)


FiltersDep = Annotated[NetworkFilters, Depends()]


def _rows(graph, filters: Filters) -> tuple[list[StanceRow], float]:
    started = time.perf_counter()
    rows = fetch_rows(graph, filters)
    return rows, (time.perf_counter() - started) * 1000


def _network(kind: str, g, query_ms: float, build_ms: float) -> dict[str, Any]:
    return {"kind": kind, **to_json(g), "counts": summary(g),
            "milliseconds": {"query": round(query_ms, 2), "build": round(build_ms, 2)}}


@router.get("/coalitions", response_model=Coalitions)
def get_coalitions(graph: GraphDep, filters: FiltersDep, normalize: Normalize = Normalize.none,
                   resolution: Annotated[float, Query(gt=0, le=10, description="Louvain resolution.")] = 1.0,
                   include_network: Annotated[bool, Query(description="Also return the congruence network.")] = False):
    """Coalitions: Louvain communities on the congruence network (2+ actors; the others are
    `unaffiliated`), each member with degree, strength and betweenness; and the actors whose
    agreements reach into camps opposing each other (`bridges`, scored by participation)."""
    rows, query_ms = _rows(graph, filters.filters)
    started = time.perf_counter()
    report = coalition_report(rows, normalize.value, resolution=resolution, filters=filters.filters)
    build_ms = (time.perf_counter() - started) * 1000
    result = {k: report[k] for k in ("modularity", "coalitions", "unaffiliated", "bridges")}
    if include_network:
        result["network"] = _network("congruence", report["graph"], query_ms, build_ms)
    return result


@router.get("/polarization", response_model=Polarization)
def get_polarization(graph: GraphDep, filters: FiltersDep, window: Window = Window.month,
                     span: Annotated[int, Query(ge=1, le=60, description="Windows per moving window.")] = 1):
    """Per calendar window (moving over `span` windows), the congruence and conflict summed over
    actor pairs and `conflict_share = conflict / (congruence + conflict)` (null when both are 0)."""
    rows, _ = _rows(graph, filters.filters)
    windows = [{**w, "start": w["start"].isoformat(), "end": w["end"].isoformat()}
               for w in polarization(rows, window.value, span)]
    return {"window": window.value, "span": span, "windows": windows}


@router.get("/stance-changes", response_model=StanceChanges)
def get_stance_changes(graph: GraphDep, filters: FiltersDep, paging: PagingDep,
                       actor: Annotated[str | None, Query(max_length=300, description="An actor id.")] = None,
                       sort: DateOrder = "date"):
    """Actors whose polarity on a position changed from one article to a later one, with both
    statements (per article, the sign of the actor's statements' sum; undated ones left out), in
    the order of the later statement's date (`sort=-date`: the newest first)."""
    rows, _ = _rows(graph, filters.filters)
    items = stance_changes(rows)
    if actor:
        items = [c for c in items if c["actor"] == actor]
    items.sort(key=lambda c: c["after"]["date"], reverse=sort == "-date")
    page = items[paging.offset:paging.offset + paging.limit]
    for c in page:
        for side in ("before", "after"):
            c[side] = {**c[side], "date": iso_date(c[side]["date"])}
    return paging.page({"total": len(items), "items": page})


@router.get("/{kind}", response_model=Network,
            responses={200: {"content": {"application/graphml+xml": {}, "application/gexf+xml": {}}}})
def get_network(kind: NetworkKind, graph: GraphDep, filters: FiltersDep, normalize: Normalize = Normalize.none,
                format: Annotated[ExportFormat, Query(description="json, or a file: graphml (Gephi, visone), gexf.")]
                = ExportFormat.json):
    """The network `kind` as nodes and edges with every attribute (or a GraphML/GEXF file).

    actor-position: edge weight = statements, polarity = sign of their sum. congruence / conflict:
    number of positions two actors share the same / the opposite polarity on; subtract: their
    difference. normalize=jaccard divides by |P(i) ∪ P(j)|, cosine by sqrt(|P(i)|·|P(j)|).
    position-cosupport: actors supporting both positions."""
    rows, query_ms = _rows(graph, filters.filters)
    started = time.perf_counter()
    try:
        g = build(kind.value, rows, normalize.value, filters.filters)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    build_ms = (time.perf_counter() - started) * 1000
    if format is ExportFormat.graphml:
        return Response(graphml_bytes(g), media_type="application/graphml+xml",
                        headers={"Content-Disposition": f'attachment; filename="{kind.value}.graphml"'})
    if format is ExportFormat.gexf:
        return Response(gexf_bytes(g), media_type="application/gexf+xml",
                        headers={"Content-Disposition": f'attachment; filename="{kind.value}.gexf"'})
    return _network(kind.value, g, query_ms, build_ms)
