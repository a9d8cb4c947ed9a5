"""POST /cypher: read-only Cypher for analysts.

A query runs only when all of these hold:
1. Its `EXPLAIN` plan (compiled in a READ transaction, nothing executed) says it only reads
   (`query_type == "r"`): writes, schema and administration commands are refused.
2. No operator of the plan loads external data or manages the server (LOAD CSV, CALL ... IN
   TRANSACTIONS, TERMINATE/SHOW TRANSACTIONS, ...), and every procedure it calls is on a short
   list of read-only `db.*` procedures; `dbms.*`, `apoc.*`, `gds.*` and the rest are refused.
3. It then runs in a READ transaction with a timeout, so Neo4j itself rejects any write that got
   this far; at most `limit` rows are returned (`limit + 1` are fetched to flag truncation).
The answer is bounded in bytes as well as rows: records are pulled a few at a time and encoded to
JSON as they arrive, and the query is stopped as soon as the answer would pass
`STANCEGRAPH_CYPHER_MAX_BYTES` (a 422 that says the limit). The query runs once: a transaction that
failed by its size or cost would fail again, so it is not retried.
A refusal is 403 and touches nothing; a bad query is 400; a timeout is 408.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from neo4j import ManagedTransaction, Transaction, unit_of_work
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired

from app.api.deps import GraphDep, SettingsDep
from app.api.schemas import CypherRequest, CypherResponse, ErrorResponse
from graph_schema.reader import record_values

router = APIRouter(tags=["cypher"])

TIMEOUT_SECONDS = 10.0
FETCH_SIZE = 50  # records per pull: what the server serializes ahead of us, whatever their size
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
# The query needs more memory (or stack) than the server allows one: trying again won't help.
TOO_COSTLY = {"MemoryPoolOutOfMemoryError", "TransactionMemoryLimit", "TransactionOutOfMemoryError",
              "StackOverFlowError"}
_PROCEDURE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")
# A call of a function in these namespaces; a name such as the column alias `dbms.name` is no call.
_NAMESPACE = re.compile(r"\b(apoc|dbms|gds)\.[\w.]*\s*\(", re.IGNORECASE)


class Refused(Exception):
    pass


class TooLarge(Exception):
    """The answer would pass the byte limit."""


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
    if code.rsplit(".", 1)[-1] in TOO_COSTLY:
        return HTTPException(422, f"the query needs more memory than the server allows one query: {message}")
    if isinstance(exc, ClientError):
        return HTTPException(400, f"{code}: {message}")
    raise exc


def _json_default(value: Any) -> str:
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default).encode()


@router.post("/cypher", response_model=CypherResponse,
             responses={400: {"model": ErrorResponse, "description": "The query does not compile"},
                        403: {"model": ErrorResponse, "description": "Not a read-only query"},
                        408: {"model": ErrorResponse, "description": "Timed out"},
                        422: {"model": ErrorResponse, "description": "The answer would pass the byte limit "
                                                                     "(STANCEGRAPH_CYPHER_MAX_BYTES)"}})
def run_cypher(request: CypherRequest, graph: GraphDep, settings: SettingsDep):
    """Run one read-only Cypher query with `$parameters` (no writes, schema or admin commands,
    no LOAD CSV, no dbms/apoc procedures: those are 403 and nothing is touched), in a READ
    transaction with a 10 s timeout; returns at most `limit` rows, `truncated` when there were more.
    The answer is at most `STANCEGRAPH_CYPHER_MAX_BYTES` of JSON (16 MB by default): a query whose
    rows would pass it is stopped and answered 422.
    Nodes and relationships come back as `{element_id, labels|type, properties}`."""
    text = request.query.strip().rstrip(";")
    if re.match(r"^(EXPLAIN|PROFILE)\b", text, re.IGNORECASE):
        raise HTTPException(400, "send the query without EXPLAIN or PROFILE")
    budget = settings.cypher_max_bytes

    @unit_of_work(timeout=TIMEOUT_SECONDS)
    def explain(tx: ManagedTransaction):
        summary = tx.run("EXPLAIN " + text, request.parameters).consume()
        return summary.query_type, summary.plan

    def execute(tx: Transaction) -> tuple[list[str], list[bytes], bool]:
        result = tx.run(text, request.parameters)
        keys = list(result.keys())
        encoded: list[bytes] = []
        size, truncated = 0, False
        for record in result:
            if len(encoded) == request.limit:
                truncated = True
                break
            row = _encode(dict(zip(keys, record_values(record), strict=True)))
            size += len(row) + 1
            if size > budget:
                raise TooLarge(len(encoded))
            encoded.append(row)
        return keys, encoded, truncated  # leaving the transaction discards the rest server-side

    started = time.perf_counter()
    try:
        check_plan(*graph.read_tx(explain))
        columns, encoded, truncated = graph.read_once(execute, timeout=TIMEOUT_SECONDS, fetch_size=FETCH_SIZE)
    except Refused as exc:
        raise HTTPException(403, f"refused: {exc}") from None
    except TooLarge as exc:
        raise HTTPException(422, f"the answer is over the {budget:,} byte limit (STANCEGRAPH_CYPHER_MAX_BYTES) "
                                 f"after {exc.args[0]} rows: ask for fewer rows (LIMIT) or smaller values") from None
    except RecursionError:
        raise HTTPException(422, "the answer holds values nested too deeply to encode as JSON") from None
    except (ServiceUnavailable, SessionExpired):
        raise
    except Neo4jError as exc:
        raise _classify(exc) from None
    except (ValueError, TypeError, OverflowError) as exc:  # parameters the driver cannot send
        raise HTTPException(400, str(exc)) from None
    elapsed = round((time.perf_counter() - started) * 1000, 2)
    body = b"".join([b'{"columns":', _encode(columns), b',"rows":[', b",".join(encoded),
                     b'],"truncated":', _encode(truncated), b',"elapsed_ms":', _encode(elapsed), b"}"])
    return Response(body, media_type="application/json")
