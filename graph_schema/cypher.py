"""Named Cypher queries, one file each in graph_schema/queries/ (values only as $parameters)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def query(name: str) -> str:
    return (resources.files("graph_schema") / "queries" / f"{name}.cypher").read_text()
