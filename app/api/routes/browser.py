"""What Neo4j Browser reads from the API: the stancegraph style and guide (graph_schema/).

The managed server's `browser.post_connect_cmd` runs `:style <api>/browser/style.grass` and
`:play <api>/browser/guide.html` on connecting. The Browser fetches them cross-origin, with
`pragma` and `cache-control` headers, hence a preflight: both files are public, so any origin
may read them (a Browser of the user's own Neo4j too).
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

router = APIRouter(prefix="/browser", tags=["browser"], include_in_schema=False)

FILES = {"style.grass": ("style.grass", "text/plain; charset=utf-8"),
         "guide.html": ("browser_guide.html", "text/html; charset=utf-8")}
CORS = {"Access-Control-Allow-Origin": "*"}


@router.get("/{name}")
def content(name: str) -> Response:
    if name not in FILES:
        raise HTTPException(404, "the Browser content here is style.grass and guide.html")
    file, media_type = FILES[name]
    return Response((resources.files("graph_schema") / file).read_bytes(), media_type=media_type, headers=CORS)


@router.options("/{name}")
def preflight(name: str) -> Response:
    return Response(status_code=204, headers={**CORS, "Access-Control-Allow-Methods": "GET",
                                              "Access-Control-Allow-Headers": "pragma, cache-control",
                                              "Access-Control-Max-Age": "86400"})
