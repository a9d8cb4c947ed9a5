"""GET (or HEAD) /health: the API is up and Neo4j answers."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from app.api.deps import GraphDep
from app.api.schemas import Health
from graph_schema.connection import DatabaseUnavailable

router = APIRouter(tags=["health"])


@router.head("/health", include_in_schema=False)
@router.get("/health", response_model=Health,
            responses={503: {"model": Health, "description": "Neo4j is not reachable"}})
def health(graph: GraphDep):
    """200 when Neo4j answers a read on the configured database; 503 with the reason otherwise."""
    settings = graph.settings
    try:
        graph.read("api_health", retry_seconds=1.0)
    except (DatabaseUnavailable, ServiceUnavailable, SessionExpired, OSError) as exc:
        # The driver's GQL description of a refused connection is "50N42: Unexpected error":
        # its text says what happened.
        reason = f"unreachable at {settings.bolt_uri}: {' '.join(str(exc).split())}"
    except Neo4jError as exc:
        reason = f"answered {exc.code}: {exc.message}"
    else:
        return Health(status="ok", neo4j="reachable", database=graph.database, uri=settings.bolt_uri)
    body = Health(status="unavailable", neo4j=reason, database=graph.database, uri=settings.bolt_uri)
    return JSONResponse(body.model_dump(), status_code=503)
