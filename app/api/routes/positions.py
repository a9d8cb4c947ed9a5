"""Positions: search, who supports and opposes one, and its timeline."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from neo4j import ManagedTransaction

from app.api.deps import DateOrder, GraphDep, PagingDep, PeriodDep, full_text, unknown
from app.api.schemas import ErrorResponse, PositionDetail, PositionList, Timeline
from graph_schema.reader import row, rows

router = APIRouter(prefix="/positions", tags=["positions"])
# Ids are `:path` parameters (any characters); the timeline is declared before the position itself.

NOT_FOUND = {404: {"model": ErrorResponse, "description": "No position has this id"}}
GROUPS = {1: "supporters", -1: "opponents", 0: "undecided"}


@router.get("", response_model=PositionList)
def search_positions(
    graph: GraphDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200, description="Words of the label, full-text.")] = None,
    sort: Annotated[Literal["relevance", "statements", "actors", "label"] | None,
                    Query(description="relevance (with `q`, the default), statements (the default without "
                                      "`q`) or actors (most first), label (A-Z).")] = None,
):
    """Positions whose label matches `q` (full-text, fuzzy; 'swedish' also finds what the label
    says of Sweden), the most relevant first (the text score weighed by statements); without `q`,
    every position, the most discussed first. Counts: statements, and actors whose latest
    statement is for, against or undecided."""
    found = graph.search_positions(full_text(q), paging.limit, paging.offset, sort=sort)
    return paging.page(found)


@router.get("/{position_id:path}/timeline", response_model=Timeline, responses=NOT_FOUND)
def position_timeline(position_id: str, graph: GraphDep, paging: PagingDep, period: PeriodDep,
                      sort: DateOrder = "date"):
    """Every statement on the position in time order (undated last; `sort=-date`: the newest
    first): who said what when, with `moved` marking a statement whose polarity differs from the
    same actor's previous one (in time order, whatever the sort)."""

    def work(tx: ManagedTransaction) -> dict | None:
        position = row(tx, "api_position_ref", id=position_id)
        if position is None:
            return None
        return {"position": position["position"],
                "statements": rows(tx, "api_position_timeline", id=position_id,
                                   since=period.since, until=period.until)}

    result = graph.read_tx(work)
    if result is None:
        raise unknown("position", position_id)
    previous: dict[str, int] = {}
    entries = []
    for statement in result["statements"]:
        actor = statement["actor"]["id"]
        moved = actor in previous and previous[actor] != statement["polarity"]
        previous[actor] = statement["polarity"]
        entries.append({**statement, "moved": moved})
    if sort == "-date":
        undated = [e for e in entries if e["date"] is None]
        entries = [e for e in entries if e["date"] is not None][::-1] + undated
    return paging.page({"position": result["position"], "total": len(entries),
                        "items": entries[paging.offset:paging.offset + paging.limit]})


@router.get("/{position_id:path}", response_model=PositionDetail, responses=NOT_FOUND)
def get_position(position_id: str, graph: GraphDep):
    """The position with its supporters, opponents and undecided actors. Each actor is listed once,
    under the polarity of its latest statement (`changed` says it once stood elsewhere), with its
    statement count, first and last seen, and its latest evidence sentences."""
    found = graph.read("api_position", id=position_id)
    if not found:
        raise unknown("position", position_id)
    position, stances = found[0]["position"], found[0]["stances"]
    groups: dict[str, list] = {name: [] for name in GROUPS.values()}
    for stance in sorted(stances, key=lambda s: (-s["statements"], s["actor"]["name"])):
        groups[GROUPS.get(stance["polarity"], "undecided")].append(stance)
    counts = {"statements": sum(s["statements"] for s in stances), **{k: len(v) for k, v in groups.items()}}
    return {**position, "counts": counts, **groups}
