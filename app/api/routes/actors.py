"""Actors: search, one actor, its positions (the core lookup) and its statements."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from neo4j import ManagedTransaction

from app.api.deps import DateOrder, GraphDep, PagingDep, PeriodDep, full_text, unknown
from app.api.schemas import (
    ActorDetail,
    ActorKind,
    ActorList,
    ActorPositionList,
    ErrorResponse,
    StatementList,
)
from graph_schema.reader import row

router = APIRouter(prefix="/actors", tags=["actors"])
# Ids are `:path` parameters, so that an id holding "/" (or anything else, percent-encoded) is
# reachable; the sub-resources are declared before the actor itself, which would swallow them.

NOT_FOUND = {404: {"model": ErrorResponse, "description": "No actor has this id"}}


@router.get("", response_model=ActorList)
def search_actors(
    graph: GraphDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias, full-text: "
                                   "'zelensky' finds Volodymyr Zelenskiy, 'kremlin' finds Russia.")] = None,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.")] = None,
    sort: Annotated[Literal["relevance", "statements", "mentions", "articles", "name"] | None,
                    Query(description="relevance (with `q`, the default: the full-text score weighed by "
                                      "salience), statements, mentions or articles (most first), name "
                                      "(A-Z); without `q` the default is salience: statements + mentions.")] = None,
):
    """Actors matching `q` by name or alias (full-text, fuzzy; a demonym finds its country:
    'swedish' finds Sweden), the most relevant first: the text score weighed by salience
    (statements and mentions), so that 'putin' puts Vladimir Putin before "pro-Putin". Without
    `q`, every actor, the most salient first."""
    found = graph.search_actors(full_text(q), paging.limit, paging.offset, kind=kind, sort=sort)
    return paging.page(found)


@router.get("/{actor_id:path}/positions", response_model=ActorPositionList, responses=NOT_FOUND)
def actor_positions(
    actor_id: str,
    graph: GraphDep,
    paging: PagingDep,
    period: PeriodDep,
    polarity: Annotated[int | None, Query(ge=-1, le=1, description="Only positions where the actor's "
                                          "latest statement has this polarity (1, -1 or 0).")] = None,
    sort: Annotated[Literal["recent", "statements", "first_seen", "label"],
                    Query(description="recent (the most recently seen first), statements (most first), "
                                      "first_seen (the oldest first), label (A-Z).")] = "recent",
):
    """Every position the actor took: its latest polarity (and the sign of its net polarity), the
    kinds of its statements, their count, first and last seen, the latest evidence sentence with
    its article, and `changed` when the actor's polarity on the position changed over time.
    The most recently seen first, unless `sort` says otherwise."""

    def work(tx: ManagedTransaction) -> dict | None:
        actor = row(tx, "api_actor_ref", id=actor_id)
        if actor is None:
            return None
        page = row(tx, "api_actor_positions", id=actor_id, since=period.since, until=period.until,
                   polarity=polarity, sort=sort, limit=paging.limit, offset=paging.offset)
        return {"actor": actor["actor"], **page}

    result = graph.read_tx(work)
    if result is None:
        raise unknown("actor", actor_id)
    return paging.page(result)


@router.get("/{actor_id:path}/statements", response_model=StatementList, responses=NOT_FOUND)
def actor_statements(actor_id: str, graph: GraphDep, paging: PagingDep, period: PeriodDep, sort: DateOrder = "date"):
    """The actor's statements in time order (undated last; `sort=-date`: the newest first), each
    with its evidence sentence, position, and article title, url and date."""

    def work(tx: ManagedTransaction) -> dict | None:
        if row(tx, "api_actor_ref", id=actor_id) is None:
            return None
        return row(tx, "api_actor_statements", id=actor_id, since=period.since, until=period.until,
                   sort=sort, limit=paging.limit, offset=paging.offset)

    result = graph.read_tx(work)
    if result is None:
        raise unknown("actor", actor_id)
    return paging.page(result)


@router.get("/{actor_id:path}", response_model=ActorDetail, responses=NOT_FOUND)
def get_actor(actor_id: str, graph: GraphDep):
    """The actor, its aliases and kind, the roles it holds (title, of whom, first and last seen),
    the people holding roles in it, and its counts."""
    found = graph.read("api_actor", id=actor_id)
    if not found:
        raise unknown("actor", actor_id)
    r = found[0]
    return {**r["actor"], "counts": r["counts"], "roles": r["roles"], "role_holders": r["role_holders"]}
