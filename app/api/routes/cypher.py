"""POST /cypher: read-only Cypher for analysts.

A query runs only when all of these hold:
1. Its `EXPLAIN` plan (compiled in a READ transaction, nothing executed) says it only reads
   (`query_type == "r"`): writes, schema and administration commands are refused.
2. No operator of the plan loads external data or manages the server (LOAD CSV, CALL ... IN
   TRANSACTIONS, TERMINATE/SHOW TRANSACTIONS, ...), and every procedure it calls is on a short
   list of read-only `db.*` procedures; `dbms.*`, `apoc.*`, `gds.*` and the rest are refused.
3. It then runs in a managed READ transaction with a timeout, so Neo4j itself rejects any write
   that got this far; at most `limit` rows are returned (`limit + 1` are fetched to flag truncation).
A refusal is 403 and touches nothing; a bad query is 400; a timeout is 408.
"""

from __future__ import annotations

import re
import time
from typing import Any

from fastapi import APIRouter, HTTPException
from neo4j import ManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired

from app.api.deps import GraphDep
from app.api.schemas import CypherRequest, CypherResponse, ErrorResponse
from graph_schema.reader import plain

router = APIRouter(tags=["cypher"])

TIMEOUT_SECONDS = 10.0
ALLOWED_PROCEDURES = {
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships", "db.index.vector.queryNodes",
}
ALLOWED_SHOW = {"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"}
REFUSED_OPERATORS = {"LoadCSV", "TransactionForeach", "TransactionApply", "AdministrationCommand"}
REFUSED_CODES = {  # Neo4j errors that mean "not allowed here" rather than "wrong query"
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Statement.UnsupportedAdministrationCommand",
    "Neo.ClientError.Security.Forbidden",
    "Neo.ClientError.Transaction.InvalidBookmark",
}
TIMEOUT_CODES = {
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
}
_PROCEDURE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")
_NAMESPACE = re.compile(r"\b(apoc|dbms|gds)\.\w", re.IGNORECASE)


class Refused(Exception):
    pass


def _operators(plan: dict[str, Any]):
    yield plan
    for child in plan.get("children", []):
        yield from _operators(child)


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """Raise Refused unless the plan only reads the graph with allowed operators and procedures."""
    if query_type != "r":
        kinds = {"rw": "writes", "w": "writes", "s": "changes the schema or administers the server"}
        raise Refused(f"the query {kinds.get(query_type, 'is not read-only')}: only reads are allowed")
    for op in _operators(plan or {}):
        name = op.get("operatorType", "").split("@")[0]
        details = str(op.get("args", {}).get("Details", ""))
        if name in REFUSED_OPERATORS:
            raise Refused(f"{name} is not allowed in read-only Cypher")
        if (name.startswith("Show") and name not in ALLOWED_SHOW) or name.startswith("Terminate"):
            raise Refused(f"{name} is an administration command")
        if name.startswith("ProcedureCall"):
            match = _PROCEDURE.match(details)
            procedure = match.group(1) if match else details
            if procedure not in ALLOWED_PROCEDURES:
                raise Refused(f"procedure {procedure} is not allowed in read-only Cypher")
        if _NAMESPACE.search(details):
            raise Refused("apoc, dbms and gds procedures and functions are not allowed in read-only Cypher")


def _classify(exc: Neo4jError) -> HTTPException:
    code = exc.code or ""
    message = exc.message or str(exc)
    if code in REFUSED_CODES or "IN TRANSACTIONS" in message:
        return HTTPException(403, f"refused: {message}")
    if code in TIMEOUT_CODES:
        return HTTPException(408, f"the query ran over {TIMEOUT_SECONDS:g} s and was stopped")
    if isinstance(exc, ClientError):
        return HTTPException(400, f"{code}: {message}")
    raise exc


@router.post("/cypher", response_model=CypherResponse,
             responses={400: {"model": ErrorResponse, "description": "The query does not compile"},
                        403: {"model": ErrorResponse, "description": "Not a read-only query"},
                        408: {"model": ErrorResponse, "description": "Timed out"}})
def run_cypher(request: CypherRequest, graph: GraphDep):
    """Run one read-only Cypher query with `$parameters` (no writes, schema or admin commands,
    no LOAD CSV, no dbms/apoc procedures: those are 403 and nothing is touched), in a READ
    transaction with a 10 s timeout; returns at most `limit` rows, `truncated` when there were more.
    Nodes and relationships come back as `{element_id, labels|type, properties}`."""
    text = request.query.strip().rstrip(";")
    if re.match(r"^(EXPLAIN|PROFILE)\b", text, re.IGNORECASE):
        raise HTTPException(400, "send the query without EXPLAIN or PROFILE")

    @unit_of_work(timeout=TIMEOUT_SECONDS)
    def explain(tx: ManagedTransaction):
        summary = tx.run("EXPLAIN " + text, request.parameters).consume()
        return summary.query_type, summary.plan

    @unit_of_work(timeout=TIMEOUT_SECONDS)
    def execute(tx: ManagedTransaction):
        result = tx.run(text, request.parameters)
        keys = list(result.keys())
        fetched = result.fetch(request.limit + 1)
        result.consume()  # discards the rest server-side
        return keys, [dict(zip(keys, plain(list(record.values())))) for record in fetched]

    started = time.perf_counter()
    try:
        check_plan(*graph.read_tx(explain))
        columns, found = graph.read_tx(execute)
    except Refused as exc:
        raise HTTPException(403, f"refused: {exc}") from None
    except (ServiceUnavailable, SessionExpired):
        raise
    except Neo4jError as exc:
        raise _classify(exc) from None
    except (ValueError, TypeError, OverflowError) as exc:  # parameters the driver cannot send
        raise HTTPException(400, str(exc)) from None
    return {"columns": columns, "rows": found[:request.limit], "truncated": len(found) > request.limit,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 2)}
