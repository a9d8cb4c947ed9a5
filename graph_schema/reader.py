"""Reading the graph: the process's one driver, named queries in managed read transactions, and
Neo4j values made plain Python. The API, the network commands and the benchmarks read through it.

Blocking driver calls: the driver's connection pool is thread-safe; sessions are opened per call
and never shared between threads.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import neo4j
from neo4j import READ_ACCESS, Driver, ManagedTransaction, Transaction

# What the driver puts in a record for a value it cannot decode (a date outside years 1-9999);
# reading it through the Record raises, so plain() reads the record's values as a tuple.
from neo4j._codec.hydration import BrokenHydrationObject

from graph_schema.connection import DatabaseUnavailable, connect
from graph_schema.cypher import query
from graph_schema.settings import Neo4jSettings

log = logging.getLogger("stancegraph.graph")

STARTUP_RETRY_SECONDS = 5.0  # how long opening waits for Neo4j before going on without it
RECONNECT_INTERVAL = 5.0  # seconds between attempts when Neo4j was unreachable
READ_RETRY_SECONDS = 5.0  # a read retries transient failures this long before giving up (driver: 30 s)


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
GREGORIAN_CYCLE_DAYS = 146_097  # 400 years


def _iso_day(days: int) -> str:
    """The ISO 8601 day `days` after 1970-01-01 for any year, signed outside 0000-9999 as Cypher
    prints it (`-999999-01-01`): Python's `date` stops at years 1-9999."""
    cycles, rest = divmod(EPOCH_ORDINAL + days - 1, GREGORIAN_CYCLE_DAYS)
    day = date.fromordinal(rest + 1)
    year = day.year + 400 * cycles
    sign = "" if 0 <= year <= 9999 else "-" if year < 0 else "+"
    return f"{sign}{abs(year):04d}-{day.month:02d}-{day.day:02d}"


def _undecodable(value: BrokenHydrationObject) -> str:
    """A value the driver could not decode, as the ISO string Cypher would give for it."""
    tag, fields = value.raw_data.tag, value.raw_data.fields
    if tag == b"D":
        return _iso_day(fields[0])
    if tag in (b"d", b"I") and len(fields) >= 2:  # local datetime; datetime with an offset (UTC seconds)
        seconds = fields[0] + (fields[2] if tag == b"I" else 0)
        days, second = divmod(seconds, 86_400)
        clock = f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"
        fraction = f".{fields[1]:09d}".rstrip("0").rstrip(".") if fields[1] else ""
        offset = ""
        if tag == b"I":
            sign, minutes = ("+" if fields[2] >= 0 else "-"), abs(fields[2]) // 60
            offset = "Z" if not fields[2] else f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        return f"{_iso_day(days)}T{clock}{fraction}{offset}"
    return f"(a value the driver cannot decode: {value.error})"


def record_values(record: neo4j.Record) -> list[Any]:
    """The record's values made plain, undecodable ones included (as strings)."""
    return [plain(v) for v in tuple.__iter__(record)]


def plain(value: Any) -> Any:
    """A Neo4j value as plain Python: temporal values become `date`/`datetime`, graph
    elements become dicts; lists and maps are converted recursively."""
    if isinstance(value, BrokenHydrationObject):
        return _undecodable(value)
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time)):
        return value.to_native()
    if isinstance(value, neo4j.time.Duration):
        return str(value.iso_format())
    if isinstance(value, neo4j.graph.Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": plain(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {"element_id": value.element_id, "type": value.type,
                # `is not None`: a node without properties is falsy (it is an empty mapping).
                "start": value.start_node.element_id if value.start_node is not None else None,
                "end": value.end_node.element_id if value.end_node is not None else None,
                "properties": plain(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return value


class Graph:
    """The process's one driver and the database it reads. Opened in the app's lifespan; when
    Neo4j was unreachable then, reconnection is attempted (at most every few seconds) on use."""

    def __init__(self, settings: Neo4jSettings, driver: Driver | None = None, error: str | None = None):
        self.settings = settings
        self.database = settings.neo4j_database
        self._driver = driver
        self._error = error
        self._lock = threading.Lock()
        self._last_attempt = time.monotonic() if driver is None else 0.0

    @classmethod
    def open(cls, settings: Neo4jSettings, retry_seconds: float | None = None) -> Graph:
        retry = STARTUP_RETRY_SECONDS if retry_seconds is None else retry_seconds
        try:
            return cls(settings, connect(settings, start_local=False, retry_seconds=retry))
        except Exception as exc:  # noqa: BLE001  (a bad URI or credentials must not stop the API)
            log.warning("starting without Neo4j: %s", exc)
            return cls(settings, None, str(exc))

    @property
    def driver(self) -> Driver:
        if self._driver is not None:
            return self._driver
        with self._lock:
            if self._driver is None:
                if time.monotonic() - self._last_attempt < RECONNECT_INTERVAL:
                    raise DatabaseUnavailable(self._error or "Neo4j is unavailable")
                self._last_attempt = time.monotonic()
                try:
                    self._driver = connect(self.settings, start_local=False, retry_seconds=0.0)
                    self._error = None
                except Exception as exc:  # noqa: BLE001
                    self._error = str(exc)
                    raise DatabaseUnavailable(self._error) from exc
            return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def read_tx(self, work: Callable[[ManagedTransaction], Any], retry_seconds: float = READ_RETRY_SECONDS) -> Any:
        """`work(tx)` in a managed read transaction (retried on transient errors: keep it pure)."""
        with self.driver.session(database=self.database, default_access_mode=READ_ACCESS,
                                 max_transaction_retry_time=retry_seconds) as session:
            return session.execute_read(work)

    def read_once(self, work: Callable[[Transaction], Any], *, timeout: float, fetch_size: int) -> Any:
        """`work(tx)` in one read transaction that is never retried: for a query sent by a user, which
        may fail by its size or cost every time (a managed transaction would run it again), and whose
        records are pulled `fetch_size` at a time, so that the server never buffers many big rows."""
        with (self.driver.session(database=self.database, default_access_mode=READ_ACCESS,
                                  fetch_size=fetch_size) as session,
              session.begin_transaction(timeout=timeout) as tx):
            return work(tx)

    def read(self, name: str, retry_seconds: float = READ_RETRY_SECONDS, **parameters: Any) -> list[dict]:
        """The rows of the named query `graph_schema/queries/<name>.cypher`, values made plain."""
        return self.read_tx(lambda tx: rows(tx, name, **parameters), retry_seconds)

    def read_one(self, name: str, **parameters: Any) -> dict | None:
        rows = self.read(name, **parameters)
        return rows[0] if rows else None


    def ranked_page(self, lucene: str | None, limit: int, offset: int, *, search: str, listing: str,
                    summaries: str, key: str, **filters: Any) -> dict:
        """A page of nodes (total and items): full-text hits of the Lucene query through the query
        `search`, or without one all of them through `listing`; each completed by `summaries` (under
        `key`, with counts) and its score."""
        name, params = (search, {"lucene": lucene}) if lucene else (listing, {})

        def work(tx: ManagedTransaction) -> dict:
            head = row(tx, name, limit=limit, offset=offset, **filters, **params)
            scores = {hit["id"]: hit["score"] for hit in head["page"]}
            found = rows(tx, summaries, ids=list(scores))
            items = [{**r[key], "counts": r["counts"], "score": scores[r[key]["id"]]} for r in found]
            return {"total": head["total"], "items": items}

        return self.read_tx(work)

    def search_actors(self, lucene: str | None, limit: int, offset: int, *, kind: str | None = None,
                      sort: str | None = None) -> dict:
        """Actors matching the full-text query (all of them without one), the most relevant first."""
        return self.ranked_page(lucene, limit, offset, search="api_actors_search", listing="api_actors_list",
                                summaries="api_actor_summaries", key="actor", kind=kind, sort=sort)

    def search_positions(self, lucene: str | None, limit: int, offset: int, *, sort: str | None = None) -> dict:
        """Positions matching the full-text query (all of them without one), the most relevant first."""
        return self.ranked_page(lucene, limit, offset, search="api_positions_search",
                                listing="api_positions_list", summaries="api_position_summaries", key="position",
                                sort=sort)


def rows(tx: ManagedTransaction, name: str, **parameters: Any) -> list[dict]:
    """The rows of the named query run in `tx`, values made plain."""
    return [plain(record.data()) for record in tx.run(query(name), parameters)]


def row(tx: ManagedTransaction, name: str, **parameters: Any) -> dict | None:
    """The first row of the named query run in `tx`, or None."""
    found = rows(tx, name, **parameters)
    return found[0] if found else None


_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def countries_by_demonym() -> dict[str, str]:
    """A demonym, lower case, → its country's name as words ("swedish" → "sweden"), from the
    gazetteer the extractor resolves states with (ingest/patterns/countries.json)."""
    states = json.loads((resources.files("ingest") / "patterns" / "countries.json").read_text())["states"]
    found: dict[str, str] = {}
    for state in states.values():
        for demonym in state["demonyms"]:
            found.setdefault(demonym.lower(), " ".join(_WORD.findall(state["name"].lower())))
    return found


def lucene_query(text: str) -> str | None:
    """A full-text query from free text: every word must match, exactly (boosted), as a prefix, or
    within one or two edits for longer words ("zelensky" finds "Zelenskiy"); a demonym also matches
    its country ("swedish" finds Sweden). Only word characters reach Lucene, so its syntax cannot
    be injected. None when the text has no word."""
    clauses = []
    for word in _WORD.findall(text.lower())[:10]:
        options = [f"{word}^3", f"{word}*"]
        if len(word) >= 4:
            options.append(f"{word}~{1 if len(word) < 8 else 2}")
        if country := countries_by_demonym().get(word):
            options.append(f'"{country}"^3')
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses) or None
