"""Applying graph_schema/schema.cypher: one statement at a time, idempotent."""

from __future__ import annotations

from importlib import resources

from neo4j import Driver

COUNT_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN count(*) AS n"
COUNT_INDEXES = "SHOW INDEXES YIELD name, owningConstraint WHERE owningConstraint IS NULL RETURN count(*) AS n"


def statements() -> list[str]:
    """The statements of schema.cypher, comments dropped."""
    text = (resources.files("graph_schema") / "schema.cypher").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def apply_schema(driver: Driver, database: str) -> dict[str, int]:
    """Create every constraint and index that is missing; return what exists afterwards."""
    for statement in statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    constraints = driver.execute_query(COUNT_CONSTRAINTS, database_=database).records[0]["n"]
    indexes = driver.execute_query(COUNT_INDEXES, database_=database).records[0]["n"]
    return {"statements": len(statements()), "constraints": constraints, "indexes": indexes}
