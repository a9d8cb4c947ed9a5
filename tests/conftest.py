"""One real Neo4j for the whole test run, started here and stopped at the end.

It lives in a temporary folder on its own ports (STANCEGRAPH_TEST_BOLT_PORT / _HTTP_PORT,
default 17687 / 17474), so a `make run` server on 7687 is left alone. The jars come from the
project's cache (`.neo4j/lib`), assembled from Maven Central on first use.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from app.settings import Settings
from graph_schema.server import LocalNeo4j

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEST_PASSWORD = "stancegraph-test-password"
TEST_BOLT_PORT = int(os.environ.get("STANCEGRAPH_TEST_BOLT_PORT", "17687"))
TEST_HTTP_PORT = int(os.environ.get("STANCEGRAPH_TEST_HTTP_PORT", "17474"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_settings(home: Path, bolt_port: int, http_port: int, api_port: int = 8000) -> Settings:
    return Settings(
        neo4j_uri=None,
        neo4j_home=home,
        neo4j_lib=REPO / ".neo4j" / "lib",
        bolt_port=bolt_port,
        http_port=http_port,
        neo4j_password=TEST_PASSWORD,
        neo4j_heap="768m",
        neo4j_pagecache="256m",
        api_port=api_port,
    )


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory) -> Settings:
    # The server's Browser reads its guide and style from the API at api_port, where the Browser
    # test serves it.
    settings = server_settings(tmp_path_factory.mktemp("neo4j"), TEST_BOLT_PORT, TEST_HTTP_PORT, free_port())
    server = LocalNeo4j(settings)
    server.start()
    yield settings
    server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings):
    from graph_schema.connection import connect

    with connect(neo4j_settings, start_local=False) as drv:
        yield drv


class GraphStore:
    """The test database reached through the product's own stages: emptied, then written with
    hand-built extractions (resolve → write, as `Pipeline.write`) or files through the whole
    ingest pipeline (`Pipeline.ingest`, what `stancegraph ingest` runs)."""

    def __init__(self, driver, database: str):
        from graph_schema.writer import GraphWriter

        self.driver, self.database = driver, database
        self.writer = GraphWriter(driver, database)
        self.pipeline = None

    def reset(self) -> GraphStore:
        """Every node removed, the schema applied, resolution started afresh."""
        from graph_schema.schema import apply_schema
        from ingest import DEFAULT_MODEL
        from ingest.pipeline import Pipeline

        self.writer.clear()
        apply_schema(self.driver, self.database)
        self.pipeline = Pipeline(DEFAULT_MODEL)
        return self

    def write(self, *extractions, force: bool = False):
        return self.pipeline.write(extractions, self.writer, force=force)

    def ingest(self, *paths, force: bool = False):
        """(summary, errors) of ingesting `paths`."""
        from ingest.sources import read_inputs

        errors = []
        summary = self.pipeline.ingest(read_inputs([str(p) for p in paths]), self.writer, force=force,
                                       on_error=errors.append)
        return summary, errors

    def rows(self, cypher: str, **params) -> list[dict]:
        return [r.data() for r in self.driver.execute_query(cypher, params, database_=self.database).records]

    def snapshot(self) -> dict[str, list[str]]:
        """The whole graph, comparable between runs: every node's labels and properties (ingest
        times left out) and every relationship by the ids of its ends, sorted."""
        nodes = self.rows("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
        for node in nodes:
            node["labels"] = sorted(node["labels"])
            node["props"].pop("ingested_at", None)
        rels = self.rows("MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.key) AS a, type(r) AS type, "
                         "properties(r) AS props, coalesce(b.id, b.key) AS b")
        return {"nodes": sorted(map(_canonical, nodes)), "relationships": sorted(map(_canonical, rels))}


def _canonical(value) -> str:
    """A value as text with every dict's keys in order."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_canonical(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_canonical, value)) + "]"
    return repr(value)


@pytest.fixture
def store(driver, neo4j_settings) -> GraphStore:
    """An emptied test database with the schema, and the stages to fill it."""
    return GraphStore(driver, neo4j_settings.neo4j_database).reset()
