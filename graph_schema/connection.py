"""Opening the Neo4j driver: the managed local server or the one NEO4J_URI names."""

from __future__ import annotations

import time

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph_schema.server import LocalNeo4j
from graph_schema.settings import Neo4jSettings


class DatabaseUnavailable(RuntimeError):
    """Neo4j cannot be reached or refuses us; the message is one line a person can act on."""


def credentials(settings: Neo4jSettings) -> tuple[str, str]:
    if settings.manages_neo4j:
        return settings.neo4j_user, LocalNeo4j(settings).password()
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    return settings.neo4j_user, password


def connect(settings: Neo4jSettings, *, start_local: bool = True, retry_seconds: float = 10.0) -> Driver:
    """A verified driver. Starts the local server first when stancegraph manages it."""
    if settings.manages_neo4j and start_local:
        LocalNeo4j(settings).start()
    driver = GraphDatabase.driver(settings.bolt_uri, auth=credentials(settings), notifications_min_severity="OFF")
    deadline = time.monotonic() + retry_seconds
    while True:
        try:
            driver.verify_connectivity()
            return driver
        except AuthError as exc:
            driver.close()
            raise DatabaseUnavailable(f"Neo4j at {settings.bolt_uri} refused the credentials: {exc.message}") from exc
        except (ServiceUnavailable, OSError) as exc:
            if time.monotonic() >= deadline:
                driver.close()
                raise DatabaseUnavailable(f"cannot reach Neo4j at {settings.bolt_uri}: {exc}") from exc
            time.sleep(1.0)
