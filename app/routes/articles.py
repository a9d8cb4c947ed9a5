"""Articles: everything extracted from one, and ingesting new ones through the pipeline."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Response, status

from app.deps import ApiKey, GraphDep, PipelineDep
from app.schemas import ArticleBatch, ArticleDetail, ArticleIn, ErrorResponse, IngestResponse

router = APIRouter(prefix="/articles", tags=["articles"])
log = logging.getLogger("stancegraph.api")


@router.get("/{article_id}", response_model=ArticleDetail,
            responses={404: {"model": ErrorResponse, "description": "No article has this id"}})
def get_article(article_id: str, graph: GraphDep):
    """The article's metadata and everything extracted from it: the actors it mentions (with
    mention counts), the roles it states, and its statements in text order."""
    found = graph.read("api_article", id=article_id)
    if not found:
        raise HTTPException(404, f"no article with id {article_id!r}")
    r = found[0]
    return {**r["article"], "actors": r["actors"], "roles": r["roles"], "statements": r["statements"]}


@router.post("", response_model=IngestResponse, status_code=status.HTTP_201_CREATED, dependencies=[ApiKey],
             responses={200: {"model": IngestResponse, "description": "Every article was already in the graph"},
                        401: {"model": ErrorResponse, "description": "Missing or wrong API key"},
                        413: {"model": ErrorResponse, "description": "Body over 1 MB"}})
def ingest_articles(
    payload: Annotated[ArticleIn | ArticleBatch, Body(description="One article, or `{\"articles\": [...]}` "
                                                      "with at most 10.")],
    graph: GraphDep,
    pipeline: PipelineDep,
    response: Response,
):
    """Extract actors, roles and stances from one article (or a small batch) with the same
    pipeline as `stancegraph ingest`, and write them to the graph (one transaction per article).
    An article whose exact text is already in the graph is not extracted again (`written: false`).
    Needs `Authorization: Bearer <STANCEGRAPH_API_KEY>`."""
    from ingest.records import Article
    from ingest.sources import text_id  # the id `stancegraph ingest` gives a text without one
    from ingest.writer import GraphWriter

    items = payload.articles if isinstance(payload, ArticleBatch) else [payload]
    articles = [Article(id=item.id or text_id(item.text), text=item.text, source=f"api:{item.id or 'post'}",
                        title=item.title, url=item.url, outlet=item.source,
                        published_at=item.published_at.isoformat() if item.published_at else None)
                for item in items]
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise HTTPException(422, "the batch holds the same article id twice")
    results = {}
    with pipeline.lock:  # one extraction at a time per process; the model loads on first use
        try:
            nlp = pipeline.nlp()
        except (OSError, ImportError) as exc:
            log.exception("cannot load the spaCy pipeline %r", pipeline.model)
            raise HTTPException(503, f"the extraction pipeline is unavailable: {exc}") from None
        from ingest.extract import extract_articles

        writer = GraphWriter(graph.driver, graph.database)
        todo = [a for a in articles if not writer.is_current(a.id, a.text)]
        for extraction in extract_articles(nlp, todo, batch_size=len(todo) or 1):
            written = writer.write(extraction, force=True)
            results[written.article_id] = {"id": written.article_id, "written": True, "actors": written.actors,
                                           "positions": written.positions, "statements": written.statements,
                                           "roles": written.roles}
    if not results:
        response.status_code = status.HTTP_200_OK
    return {"articles": [results.get(i, {"id": i, "written": False}) for i in ids]}
