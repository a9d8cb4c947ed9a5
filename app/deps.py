"""What routes depend on: settings, the graph (one driver per process), the API key, the pipeline.

Routes take the `Annotated[..., Depends(...)]` aliases at the bottom of this module. Blocking driver
calls happen in plain `def` routes, which FastAPI runs in its threadpool; the driver's connection
pool is thread-safe, sessions are opened per call and never shared between threads.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import neo4j
from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from neo4j import READ_ACCESS, Driver, ManagedTransaction

from app.db import DatabaseUnavailable, connect
from app.settings import Settings
from graph_schema.cypher import query

log = logging.getLogger("stancegraph.api")

STARTUP_RETRY_SECONDS = 5.0  # how long the lifespan waits for Neo4j before starting without it
RECONNECT_INTERVAL = 5.0  # seconds between attempts when Neo4j was unreachable
READ_RETRY_SECONDS = 5.0  # a read retries transient failures this long before answering 503 (driver: 30 s)


# --- values ----------------------------------------------------------------------------------

def plain(value: Any) -> Any:
    """A Neo4j value as plain Python: temporal values become `date`/`datetime`, graph
    elements become dicts; lists and maps are converted recursively."""
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time)):
        return value.to_native()
    if isinstance(value, neo4j.time.Duration):
        return str(value.iso_format())
    if isinstance(value, neo4j.graph.Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": plain(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {"element_id": value.element_id, "type": value.type,
                "start": value.start_node.element_id if value.start_node else None,
                "end": value.end_node.element_id if value.end_node else None,
                "properties": plain(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return value


# --- the graph -------------------------------------------------------------------------------

class Graph:
    """The process's one driver and the database it reads. Opened in the app's lifespan; when
    Neo4j was unreachable then, reconnection is attempted (at most every few seconds) on use."""

    def __init__(self, settings: Settings, driver: Driver | None = None, error: str | None = None):
        self.settings = settings
        self.database = settings.neo4j_database
        self._driver = driver
        self._error = error
        self._lock = threading.Lock()
        self._last_attempt = time.monotonic() if driver is None else 0.0

    @classmethod
    def open(cls, settings: Settings, retry_seconds: float | None = None) -> Graph:
        retry = STARTUP_RETRY_SECONDS if retry_seconds is None else retry_seconds
        try:
            return cls(settings, connect(settings, start_local=False, retry_seconds=retry))
        except Exception as exc:  # noqa: BLE001  (a bad URI or credentials must not stop the API)
            log.warning("starting without Neo4j: %s", exc)
            return cls(settings, None, str(exc))

    @property
    def driver(self) -> Driver:
        if self._driver is not None:
            return self._driver
        with self._lock:
            if self._driver is None:
                if time.monotonic() - self._last_attempt < RECONNECT_INTERVAL:
                    raise DatabaseUnavailable(self._error or "Neo4j is unavailable")
                self._last_attempt = time.monotonic()
                try:
                    self._driver = connect(self.settings, start_local=False, retry_seconds=0.0)
                    self._error = None
                except Exception as exc:  # noqa: BLE001
                    self._error = str(exc)
                    raise DatabaseUnavailable(self._error) from exc
            return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def read_tx(self, work: Callable[[ManagedTransaction], Any], retry_seconds: float = READ_RETRY_SECONDS) -> Any:
        """`work(tx)` in a managed read transaction (retried on transient errors: keep it pure)."""
        with self.driver.session(database=self.database, default_access_mode=READ_ACCESS,
                                 max_transaction_retry_time=retry_seconds) as session:
            return session.execute_read(work)

    def read(self, name: str, retry_seconds: float = READ_RETRY_SECONDS, **parameters: Any) -> list[dict]:
        """The rows of the named query `graph_schema/queries/<name>.cypher`, values made plain."""
        return self.read_tx(lambda tx: rows(tx, name, **parameters), retry_seconds)

    def read_one(self, name: str, **parameters: Any) -> dict | None:
        rows = self.read(name, **parameters)
        return rows[0] if rows else None


def rows(tx: ManagedTransaction, name: str, **parameters: Any) -> list[dict]:
    """The rows of the named query run in `tx`, values made plain."""
    return [plain(record.data()) for record in tx.run(query(name), parameters)]


def row(tx: ManagedTransaction, name: str, **parameters: Any) -> dict | None:
    """The first row of the named query run in `tx`, or None."""
    found = rows(tx, name, **parameters)
    return found[0] if found else None


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


# --- the API key -----------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="STANCEGRAPH_API_KEY as `Authorization: Bearer <key>`")


def require_api_key(settings: Annotated[Settings, Depends(get_settings_dep)],
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """401 unless the request carries `Authorization: Bearer <STANCEGRAPH_API_KEY>`."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if settings.api_key is None or not settings.api_key.get_secret_value():
        raise HTTPException(status.HTTP_401_UNAUTHORIZED,
                            "writes are disabled: the server has no STANCEGRAPH_API_KEY", challenge)
    if credentials is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key (Authorization: Bearer ...)",
                            challenge)
    if not secrets.compare_digest(credentials.credentials.encode(), settings.api_key.get_secret_value().encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key", challenge)


# --- the extraction pipeline -----------------------------------------------------------------

class Pipeline:
    """The spaCy pipeline, loaded on first use once per process; extraction and writing are
    serialized (a spaCy Language is not meant to be called from several threads at once)."""

    def __init__(self, model: str):
        self.model = model
        self._nlp = None
        self.lock = threading.Lock()

    def nlp(self):
        if self._nlp is None:
            from ingest.nlp import load_pipeline

            self._nlp = load_pipeline(self.model)
        return self._nlp


def get_pipeline(request: Request) -> Pipeline:
    return request.app.state.pipeline


# --- request guards --------------------------------------------------------------------------

class BodySizeLimit:
    """ASGI middleware: a request body over `max_bytes` is answered 413, unread when its
    Content-Length says so; a body without one is buffered up to the limit, then handed on."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.max_bytes:
                return await self._refuse(send)
            return await self.app(scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                return await self._refuse(send)
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send) -> None:
        body = b'{"error":"request body too large (limit %d bytes)"}' % self.max_bytes
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


# --- parameters ------------------------------------------------------------------------------

class Paging:
    def __init__(self, limit: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 50,
                 offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")] = 0):
        self.limit, self.offset = limit, offset


class Period:
    """Statements dated within [since, until]; undated statements count only when neither is given."""

    def __init__(self, since: Annotated[date | None, Query(description="First day, YYYY-MM-DD.")] = None,
                 until: Annotated[date | None, Query(description="Last day, YYYY-MM-DD.")] = None):
        if since and until and since > until:
            raise HTTPException(422, "since is after until")
        self.since, self.until = since, until


_WORD = re.compile(r"\w+", re.UNICODE)


def lucene_query(text: str) -> str | None:
    """A full-text query from free text: every word must match, exactly (boosted), as a prefix, or
    within one or two edits for longer words ("zelensky" finds "Zelenskiy"). Only word characters
    reach Lucene, so its syntax cannot be injected. None when the text has no word."""
    clauses = []
    for word in _WORD.findall(text.lower())[:10]:
        options = [f"{word}^3", f"{word}*"]
        if len(word) >= 4:
            options.append(f"{word}~{1 if len(word) < 8 else 2}")
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses) or None


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
GraphDep = Annotated[Graph, Depends(get_graph)]
PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
def ranked_page(graph: Graph, paging: Paging, q: str | None, *, search: str, listing: str, summaries: str,
                key: str, **filters: Any) -> dict:
    """A page of nodes: full-text hits of `q` through the query `search`, or without `q` all of
    them through `listing`; each completed by `summaries` (under `key`, with counts) and its score."""
    lucene = lucene_query(q) if q else None
    if q and lucene is None:
        raise HTTPException(422, "q has no word to search for")
    name, params = (search, {"lucene": lucene}) if lucene else (listing, {})

    def work(tx: ManagedTransaction) -> dict:
        head = row(tx, name, limit=paging.limit, offset=paging.offset, **filters, **params)
        scores = {hit["id"]: hit["score"] for hit in head["page"]}
        found = rows(tx, summaries, ids=list(scores))
        items = [{**r[key], "counts": r["counts"], "score": scores[r[key]["id"]]} for r in found]
        return {"total": head["total"], "items": items}

    return {**graph.read_tx(work), "limit": paging.limit, "offset": paging.offset}


PagingDep = Annotated[Paging, Depends()]
PeriodDep = Annotated[Period, Depends()]
ApiKey = Depends(require_api_key)
