"""`schema apply`: every constraint and index of schema.cypher, applied twice without harm."""

from __future__ import annotations

from graph_schema.schema import apply_schema, statements

EXPECTED_CONSTRAINTS = {"article_id", "actor_id", "person_id", "state_id", "organization_id", "group_id",
                        "position_id", "position_key", "statement_id"}
EXPECTED_FULLTEXT = {"actor_search", "position_text"}


def test_schema_file_is_idempotent_by_construction():
    assert statements(), "schema.cypher has statements"
    assert all("IF NOT EXISTS" in s or "IF EXISTS" in s for s in statements())


def test_apply_twice_is_idempotent(driver, neo4j_settings):
    first = apply_schema(driver, neo4j_settings.neo4j_database)
    second = apply_schema(driver, neo4j_settings.neo4j_database)
    assert first == second
    names = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert EXPECTED_CONSTRAINTS <= names
    assert first["constraints"] == len(names)
    fulltext = {r["name"] for r in driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name").records}
    assert EXPECTED_FULLTEXT <= fulltext
    assert "position_search" not in fulltext, "the index position_text replaced is dropped"


def test_constraints_are_enforced(store):
    import pytest
    from neo4j.exceptions import ConstraintError

    store.driver.execute_query("CREATE (:Article {id: 'dup'})")
    with pytest.raises(ConstraintError):
        store.driver.execute_query("CREATE (:Article {id: 'dup'})")
