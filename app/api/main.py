"""The REST API over the stance graph: `create_app()` builds it (uvicorn runs it as a factory).

Errors are JSON `{"error": ...}`: 404 unknown ids, 422 bad parameters, 401 without the API key,
403 refused Cypher, 413 oversized bodies, 503 when Neo4j is unreachable, 500 otherwise (the
traceback goes to the log, never to the client, and the connection stays open).
The docs (/docs, /redoc) are served from the assets of the fastapi-offline package: no CDN, so
they load on a closed network.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from app.api.deps import Ingest
from app.api.middleware import BodySizeLimit, SecurityHeaders, UnexpectedErrors
from app.api.routes import (
    actors,
    alignment,
    articles,
    browser,
    cypher,
    graph,
    health,
    networks,
    positions,
    quotes,
)
from app.settings import Settings, get_settings
from graph_schema.connection import DatabaseUnavailable
from graph_schema.reader import Graph

log = logging.getLogger("stancegraph.api")

MAX_BODY_BYTES = 1_000_000
DESCRIPTION = """Who stands where in the news: actors, their roles, and the positions they took,
each traced to the sentence and article that says so. Read endpoints run parameterized queries in
managed read transactions; `POST /articles` needs `Authorization: Bearer <STANCEGRAPH_API_KEY>`."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.graph = await run_in_threadpool(Graph.open, settings)  # waits a few seconds for Neo4j at most
        try:
            yield
        finally:
            await run_in_threadpool(app.state.graph.close)

    app = FastAPIOffline(title="stancegraph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                         responses={503: {"description": "Neo4j is unreachable"}})
    app.state.settings = settings
    app.state.ingest = Ingest(settings.model)
    app.add_middleware(UnexpectedErrors)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # The offending input is not echoed: it may be huge, or not even encodable (lone surrogates).
        errors = jsonable_encoder([{k: v for k, v in e.items() if k != "input"} for e in exc.errors()],
                                  custom_encoder={Exception: str})
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return JSONResponse({"error": f"invalid request: {where}: {first.get('msg', '')}", "detail": errors}, 422)

    @app.exception_handler(DatabaseUnavailable)
    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": f"Neo4j is unavailable: {exc}"}, 503)

    @app.exception_handler(TransientError)
    async def database_busy(request: Request, exc: TransientError) -> JSONResponse:
        # Out of memory, lock timeouts: the server may answer a later try.
        return JSONResponse({"error": f"Neo4j could not answer now: {exc.message}"}, 503,
                            headers={"Retry-After": "5"})

    for module in (health, quotes, actors, positions, alignment, articles, graph, networks, cypher, browser):
        app.include_router(module.router)
    return app
