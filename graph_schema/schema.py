"""Applying graph_schema/schema.cypher: one statement at a time, idempotent."""

from __future__ import annotations

import re
from importlib import resources

from neo4j import Driver

from graph_schema.cypher import query


def statements() -> list[str]:
    """The statements of schema.cypher, comments dropped."""
    text = (resources.files("graph_schema") / "schema.cypher").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


_CREATE = re.compile(r"CREATE\s+(CONSTRAINT|(?:\w+\s+)?INDEX)\s+(\w+)", re.IGNORECASE)


def names() -> dict[str, str]:
    """What schema.cypher creates: each constraint's or index's name → "constraint" or "index"."""
    found = (_CREATE.match(s) for s in statements())
    return {m[2]: "constraint" if m[1].upper() == "CONSTRAINT" else "index" for m in found if m}


def apply_schema(driver: Driver, database: str) -> dict[str, int]:
    """Create every constraint and index that is missing; return what exists afterwards."""
    for statement in statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query(query("indexes_await"), database_=database)
    constraints = driver.execute_query(query("schema_constraints_count"), database_=database).records[0]["n"]
    indexes = driver.execute_query(query("schema_indexes_count"), database_=database).records[0]["n"]
    return {"statements": len(statements()), "constraints": constraints, "indexes": indexes}
