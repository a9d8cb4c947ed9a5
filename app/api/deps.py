"""What routes depend on: settings, the graph (graph_schema/reader.py), the API key, the ingest
pipeline, and the shared query parameters.

Routes take the `Annotated[..., Depends(...)]` aliases at the bottom of this module. Blocking driver
calls happen in plain `def` routes, which FastAPI runs in its threadpool.
"""

from __future__ import annotations

import secrets
import threading
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from app.settings import Settings
from graph_schema.reader import Graph, lucene_query
from ingest.pipeline import Pipeline


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


# --- the API key -----------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="STANCEGRAPH_API_KEY as `Authorization: Bearer <key>`")


def check_api_key(settings: Settings, key: str | None) -> None:
    """401 unless `key` is STANCEGRAPH_API_KEY."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if settings.api_key is None or not settings.api_key.get_secret_value():
        raise HTTPException(status.HTTP_401_UNAUTHORIZED,
                            "writes are disabled: the server has no STANCEGRAPH_API_KEY", challenge)
    if key is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key (Authorization: Bearer ...)",
                            challenge)
    if not secrets.compare_digest(key.encode(), settings.api_key.get_secret_value().encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key", challenge)


def require_api_key(settings: Annotated[Settings, Depends(get_settings_dep)],
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """401 unless the request carries `Authorization: Bearer <STANCEGRAPH_API_KEY>` (and the OpenAPI
    schema says so)."""
    check_api_key(settings, credentials.credentials if credentials else None)


class KeyBeforeBody(APIRoute):
    """A route that depends on the API key checks it before its body is even parsed: a caller
    without the key learns nothing about what the body should hold (FastAPI decodes the JSON body
    before it runs any dependency)."""

    def get_route_handler(self):
        handler = super().get_route_handler()
        if not any(d.call is require_api_key for d in self.dependant.dependencies):
            return handler

        async def checked(request: Request):
            scheme, key = get_authorization_scheme_param(request.headers.get("Authorization"))
            check_api_key(request.app.state.settings, key if scheme.lower() == "bearer" and key else None)
            return await handler(request)

        return checked


# --- the ingest pipeline -------------------------------------------------------------------

class Ingest:
    """The process's one ingest pipeline (model loaded on first use, resolver kept between
    requests); extraction and writing are serialized, since a spaCy Language is not meant to be
    called from several threads at once."""

    def __init__(self, model: str):
        self.pipeline = Pipeline(model)
        self.lock = threading.Lock()


def get_ingest(request: Request) -> Ingest:
    return request.app.state.ingest


# --- answers ---------------------------------------------------------------------------------

ID_SHOWN = 100  # characters of an unknown id repeated in its 404


def unknown(what: str, given: str) -> HTTPException:
    """404 for an id nothing has; a long id is cut in the message (it may be 100 KB)."""
    shown = given if len(given) <= ID_SHOWN else given[:ID_SHOWN] + f"… ({len(given):,} characters)"
    return HTTPException(404, f"no {what} with id {shown!r}")


# --- parameters ------------------------------------------------------------------------------

class Paging:
    def __init__(self, request: Request,
                 limit: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 50,
                 offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")] = 0):
        self.request, self.limit, self.offset = request, limit, offset

    def page(self, found: dict) -> dict:
        """`found` (its `total` and `items`) as a page: with limit, offset, and the URL of the next
        page (the same request, offset moved on), null on the last."""
        following = self.offset + self.limit
        more = following < found["total"]
        return {**found, "limit": self.limit, "offset": self.offset,
                "next": str(self.request.url.include_query_params(offset=following)) if more else None}


class Period:
    """Statements dated within [since, until]; undated statements count only when neither is given."""

    def __init__(self, since: Annotated[date | None, Query(description="First day, YYYY-MM-DD.")] = None,
                 until: Annotated[date | None, Query(description="Last day, YYYY-MM-DD.")] = None):
        if since and until and since > until:
            raise HTTPException(422, "since is after until")
        self.since, self.until = since, until


DateOrder = Annotated[Literal["date", "-date"], Query(description="date: the oldest first; -date: the newest "
                                                               "first (undated statements last either way).")]


def full_text(q: str | None) -> str | None:
    """The full-text query for the search words `q` (None without `q`); 422 when `q` has no word."""
    lucene = lucene_query(q) if q else None
    if q and lucene is None:
        raise HTTPException(422, "q has no word to search for")
    return lucene


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
GraphDep = Annotated[Graph, Depends(get_graph)]
IngestDep = Annotated[Ingest, Depends(get_ingest)]
PagingDep = Annotated[Paging, Depends()]
PeriodDep = Annotated[Period, Depends()]
ApiKey = Depends(require_api_key)
