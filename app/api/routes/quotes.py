"""What an actor said: its attributions (quotes, paraphrases, beliefs and intentions), searchable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from neo4j import ManagedTransaction

from app.api.deps import GraphDep, PagingDep, PeriodDep, full_text, unknown
from app.api.schemas import ErrorResponse, QuoteList
from graph_schema.reader import row, rows

router = APIRouter(prefix="/actors", tags=["actors"])  # included before actors.py's catch-all /actors/{id:path}


@router.get("/{actor_id:path}/quotes", response_model=QuoteList,
            responses={404: {"model": ErrorResponse, "description": "No actor has this id"}})
def actor_quotes(
    actor_id: str,
    graph: GraphDep,
    paging: PagingDep,
    period: PeriodDep,
    q: Annotated[str | None, Query(max_length=200, description="Words of what was said, full-text: "
                                   "'tanks' finds every quote about tanks, 'guarantee' also 'guarantees'.")] = None,
):
    """What the actor said, thought or wants: each attribution whose source it is, with its words
    (content), the cue ('said', 'warned', 'according to'), its type (direct quote, paraphrase, or
    mixed), character offsets into the article, the article, and the stances it states. Newest
    first (undated last); with `q`, best match first."""
    lucene = full_text(q)

    def work(tx: ManagedTransaction) -> dict | None:
        actor = row(tx, "api_actor_ref", id=actor_id)
        if actor is None:
            return None
        head = row(tx, "api_actor_quotes_search" if lucene else "api_actor_quotes", id=actor_id, lucene=lucene,
                   since=period.since, until=period.until, limit=paging.limit, offset=paging.offset)
        scores = [hit["score"] for hit in head["page"]]
        found = rows(tx, "api_attributions", ids=[hit["id"] for hit in head["page"]])
        items = [{**r["attribution"], "score": score} for r, score in zip(found, scores)]
        return {"actor": actor["actor"], "total": head["total"], "items": items}

    result = graph.read_tx(work)
    if result is None:
        raise unknown("actor", actor_id)
    return paging.page(result)
