"""One real Neo4j for the whole test run, started here and stopped at the end.

It lives in a temporary folder on its own ports (STANCEGRAPH_TEST_BOLT_PORT / _HTTP_PORT,
default 17687 / 17474), so a `make run` server on 7687 is left alone. The jars come from the
project's cache (`.neo4j/lib`), assembled from Maven Central on first use.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.neo4j_server import LocalNeo4j
from app.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEST_PASSWORD = "stancegraph-test-password"


def server_settings(home: Path, bolt_port: int, http_port: int) -> Settings:
    return Settings(
        neo4j_uri=None,
        neo4j_home=home,
        neo4j_lib=REPO / ".neo4j" / "lib",
        bolt_port=bolt_port,
        http_port=http_port,
        neo4j_password=TEST_PASSWORD,
        neo4j_heap="768m",
        neo4j_pagecache="256m",
    )


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory) -> Settings:
    settings = server_settings(
        tmp_path_factory.mktemp("neo4j"),
        int(os.environ.get("STANCEGRAPH_TEST_BOLT_PORT", "17687")),
        int(os.environ.get("STANCEGRAPH_TEST_HTTP_PORT", "17474")),
    )
    server = LocalNeo4j(settings)
    server.start()
    yield settings
    server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings):
    from app.db import connect

    with connect(neo4j_settings, start_local=False) as drv:
        yield drv


@pytest.fixture
def empty_db(driver, neo4j_settings):
    """The test database with every node removed (schema kept)."""
    with driver.session(database=neo4j_settings.neo4j_database) as session:
        # CALL … IN TRANSACTIONS needs an auto-commit transaction.
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return driver
