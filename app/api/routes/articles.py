"""Articles: everything extracted from one, and ingesting new ones through the pipeline."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Response, status

from app.api.deps import ApiKey, GraphDep, IngestDep, KeyBeforeBody, unknown
from app.api.schemas import (
    ArticleBatch,
    ArticleDetail,
    ErrorResponse,
    IngestPayload,
    IngestResponse,
)

router = APIRouter(prefix="/articles", tags=["articles"], route_class=KeyBeforeBody)
log = logging.getLogger("stancegraph.api")


@router.get("/{article_id:path}", response_model=ArticleDetail,
            responses={404: {"model": ErrorResponse, "description": "No article has this id"}})
def get_article(article_id: str, graph: GraphDep):
    """The article's metadata, its text, and everything extracted from it: the actors it mentions
    (with mention counts), the roles it states, its statements and its attributions in text order;
    `highlights` are the statements' evidence sentences as offsets into the text, one per stretch of text."""
    found = graph.read("api_article", id=article_id)
    if not found:
        raise unknown("article", article_id)
    r = found[0]
    attributions = [a["attribution"] for a in graph.read("api_attributions", ids=r["attributions"])]
    return {**r["article"], "highlights": highlights(r["statements"]), "actors": r["actors"],
            "roles": r["roles"], "statements": r["statements"], "attributions": attributions}


def highlights(statements: list[dict]) -> list[dict]:
    """One highlight per (start, end) that statements rest on, in text order."""
    spans: dict[tuple[int, int], dict] = {}
    for s in statements:
        if s["start"] is None or s["end"] is None:
            continue
        span = spans.setdefault((s["start"], s["end"]), {"start": s["start"], "end": s["end"],
                                                          "statements": [], "polarities": []})
        span["statements"].append(s["id"])
        if s["polarity"] not in span["polarities"]:
            span["polarities"].append(s["polarity"])
    return [spans[key] for key in sorted(spans)]


@router.post("", response_model=IngestResponse, status_code=status.HTTP_201_CREATED, dependencies=[ApiKey],
             responses={200: {"model": IngestResponse, "description": "Every article was already in the graph"},
                        401: {"model": ErrorResponse, "description": "Missing or wrong API key"},
                        413: {"model": ErrorResponse, "description": "Body over 1 MB"}})
def ingest_articles(
    payload: Annotated[IngestPayload, Body(description="One article, or `{\"articles\": [...]}` "
                                                      "with at most 10.")],
    graph: GraphDep,
    ingest: IngestDep,
    response: Response,
):
    """Extract actors, roles and stances from one article (or a small batch) with the same
    pipeline as `stancegraph ingest`, and write them to the graph (one transaction per article).
    An article whose exact text is already in the graph is not extracted again (`written: false`).
    Needs `Authorization: Bearer <STANCEGRAPH_API_KEY>`."""
    from graph_schema.writer import GraphWriter
    from ingest.extract import MAX_CHARS
    from ingest.pipeline import ModelUnavailable
    from ingest.records import Article
    from ingest.sources import (
        text_id,  # the id `stancegraph ingest` gives a text without one
    )

    items = payload.articles if isinstance(payload, ArticleBatch) else [payload]
    articles = [Article(id=item.id or text_id(item.text), text=item.text, source=f"api:{item.id or 'post'}",
                        title=item.title, url=item.url, outlet=item.source,
                        published_at=item.published_at.isoformat() if item.published_at else None)
                for item in items]
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise HTTPException(422, "the batch holds the same article id twice")
    with ingest.lock:  # one extraction at a time per process; the model loads on first use
        try:
            summary = ingest.pipeline.ingest(articles, GraphWriter(graph.driver, graph.database),
                                             on_error=lambda error: log.warning("%s", error))
        except ModelUnavailable as exc:
            log.exception("cannot load the spaCy pipeline %r", ingest.pipeline.model)
            raise HTTPException(503, f"the extraction pipeline is unavailable: {exc}") from None
    failed = [str(e) for e in summary.errors if e.kind == "failed"]
    if failed:  # the articles written before stay written: a retry of the request is safe
        raise HTTPException(503, "; ".join(failed))
    results = {r.article_id: {"id": r.article_id, "written": True, "actors": r.actors, "positions": r.positions,
                              "statements": r.statements, "roles": r.roles} for r in summary.written}
    if not results:
        response.status_code = status.HTTP_200_OK
    answers = []
    for article in articles:
        answer = results.get(article.id, {"id": article.id, "written": False})
        if answer["written"] and len(article.text) > MAX_CHARS:
            answer["warnings"] = [(f"the text has {len(article.text):,} characters: only the first {MAX_CHARS:,} "
                                   "at most (up to a line or sentence break) were read")]
        answers.append(answer)
    return {"articles": answers}
