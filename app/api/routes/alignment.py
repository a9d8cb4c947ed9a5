"""Alignment: how far two actors agree over the positions both took a stance on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from neo4j import ManagedTransaction

from app.api.deps import GraphDep, PeriodDep, unknown
from app.api.schemas import Alignment, ErrorResponse
from graph_schema.reader import row, rows

router = APIRouter(tags=["alignment"])

ActorId = Annotated[str, Query(min_length=1, max_length=300, description="An actor id.")]


def relation(a: int, b: int) -> str:
    if a == 0 or b == 0:
        return "neutral"
    return "agreement" if a == b else "conflict"


@router.get("/alignment", response_model=Alignment,
            responses={404: {"model": ErrorResponse, "description": "No actor has one of the ids"}})
def alignment(a: ActorId, b: ActorId, graph: GraphDep, period: PeriodDep):
    """Agreement between actors `a` and `b` over the positions both made statements about.

    Per shared position, each actor's **net polarity** is the sign of the sum of its statements'
    polarities (within `since`/`until` when given). The position is an **agreement** when both
    net polarities are non-zero and equal, a **conflict** when they are opposite, and **neutral**
    when either is 0 (undecided or balanced).

    `score = (agreements - conflicts) / shared`, in [-1, 1]: 1 always agree, -1 always opposed,
    0 when nothing is shared. Each shared position carries the statements it rests on
    (`a_evidence`, `b_evidence`: sentence, kind, polarity, date and article).
    """

    def work(tx: ManagedTransaction) -> dict:
        return {"a": row(tx, "api_actor_ref", id=a), "b": row(tx, "api_actor_ref", id=b),
                "positions": rows(tx, "api_alignment", a=a, b=b, since=period.since, until=period.until)}

    result = graph.read_tx(work)
    for key, actor_id in (("a", a), ("b", b)):
        if result[key] is None:
            raise unknown("actor", actor_id)
    positions = [{**p, "relation": relation(p["a_polarity"], p["b_polarity"])} for p in result["positions"]]
    shared = len(positions)
    agreements = sum(p["relation"] == "agreement" for p in positions)
    conflicts = sum(p["relation"] == "conflict" for p in positions)
    return {"a": result["a"]["actor"], "b": result["b"]["actor"], "shared": shared, "agreements": agreements,
            "conflicts": conflicts, "neutral": shared - agreements - conflicts,
            "score": (agreements - conflicts) / shared if shared else 0.0, "positions": positions}
