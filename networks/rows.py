"""Stance rows: what the networks are built from, fetched by one Cypher query and then pure.

A row is one (actor, position, article, polarity): the same stance repeated by the same actor
in one article counts once (DNA's "ignore duplicate statements", Leifeld 2017). Two statements
of opposite polarity in one article stay two rows.

The actor's **stance on a position** aggregates its rows: `polarity = sign(Σ row polarities)`
(+1 for, -1 against, 0 when it said only neutral things or as much for as against). Neutral
rows (polarity 0) count as statements but never toward agreement or conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from ingest.records import ACTOR_KINDS

_WORD = re.compile(r"\w+", re.UNICODE)


def sign(x: float) -> int:
    return (x > 0) - (x < 0)


def to_date(value: Any) -> date | None:
    """A plain `date` from a Neo4j Date/DateTime, a datetime, an ISO string or None."""
    if value is None or value == "":
        return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class StanceRow:
    actor: str
    position: str
    article: str
    polarity: int  # 1, -1 or 0
    date: date | None = None
    actor_name: str | None = None
    actor_kind: str | None = None
    position_label: str | None = None
    article_title: str | None = None
    statements: int = 1  # Statement nodes this row stands for (duplicates in the article)
    statement: str | None = None  # the first statement's id
    evidence: str | None = None  # the first statement's sentence

    @classmethod
    def of(cls, value: StanceRow | Mapping[str, Any]) -> StanceRow:
        if isinstance(value, StanceRow):
            return value
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in dict(value).items() if k in known}
        data["polarity"] = sign(int(data.get("polarity") or 0))
        data["date"] = to_date(data.get("date"))
        data["article"] = str(data.get("article") or "")
        return cls(**data)

    @property
    def name(self) -> str:
        return self.actor_name or self.actor

    @property
    def label(self) -> str:
        return self.position_label or self.position


def as_rows(values: Iterable[StanceRow | Mapping[str, Any]]) -> list[StanceRow]:
    return [StanceRow.of(v) for v in values]


def dedupe(rows: Iterable[StanceRow | Mapping[str, Any]]) -> list[StanceRow]:
    """One row per (actor, position, article, polarity), in first-seen order; `statements` adds
    up, the earliest date and the first evidence are kept. Idempotent (the query already does it)."""
    merged: dict[tuple, StanceRow] = {}
    for row in as_rows(rows):
        key = (row.actor, row.position, row.article, row.polarity)
        old = merged.get(key)
        if old is None:
            merged[key] = row
        else:
            dates = [d for d in (old.date, row.date) if d is not None]
            merged[key] = replace(old, statements=old.statements + row.statements,
                                  date=min(dates) if dates else None)
    return list(merged.values())


@dataclass
class Stance:
    """An actor's aggregated stance on a position (see the module docstring)."""
    actor: str
    position: str
    positive: int = 0
    negative: int = 0
    neutral: int = 0
    first: date | None = None
    last: date | None = None

    @property
    def statements(self) -> int:
        return self.positive + self.negative + self.neutral

    @property
    def polarity(self) -> int:
        return sign(self.positive - self.negative)


def aggregate(rows: Iterable[StanceRow | Mapping[str, Any]]) -> dict[tuple[str, str], Stance]:
    """(actor, position) → Stance over the deduplicated rows."""
    stances: dict[tuple[str, str], Stance] = {}
    for row in dedupe(rows):
        st = stances.setdefault((row.actor, row.position), Stance(row.actor, row.position))
        if row.polarity > 0:
            st.positive += 1
        elif row.polarity < 0:
            st.negative += 1
        else:
            st.neutral += 1
        if row.date is not None:
            st.first = row.date if st.first is None else min(st.first, row.date)
            st.last = row.date if st.last is None else max(st.last, row.date)
    return stances


@dataclass(frozen=True)
class Filters:
    """Which statements a network is built from.

    since/until: statement dates, inclusive (undated statements only when both are None);
    kinds: actor kinds (person, state, organization, group), empty for all;
    q: every word must occur in the position label or key (case-insensitive);
    min_statements: keep actors with at least this many (deduplicated) rows after the other filters.
    """
    since: date | None = None
    until: date | None = None
    kinds: tuple[str, ...] = field(default_factory=tuple)
    q: str | None = None
    min_statements: int = 1

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(ACTOR_KINDS)
        if unknown:
            raise ValueError(f"unknown actor kind(s) {sorted(unknown)}; use {', '.join(ACTOR_KINDS)}")
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")

    def parameters(self) -> dict[str, Any]:
        return {"since": self.since, "until": self.until, "kinds": list(self.kinds) or None,
                "words": _WORD.findall((self.q or "").lower())}

    def select(self, rows: Iterable[StanceRow | Mapping[str, Any]]) -> list[StanceRow]:
        """The query's filters in Python, for rows that did not come from Neo4j (words are
        matched against the position label only), then `apply`."""
        rows = dedupe(rows)
        words = self.parameters()["words"]
        if self.since or self.until:
            rows = [r for r in rows if r.date is not None and (not self.since or r.date >= self.since)
                    and (not self.until or r.date <= self.until)]
        if self.kinds:
            rows = [r for r in rows if r.actor_kind in self.kinds]
        if words:
            rows = [r for r in rows if all(w in r.label.lower() for w in words)]
        return self.apply(rows)

    def apply(self, rows: Iterable[StanceRow | Mapping[str, Any]]) -> list[StanceRow]:
        """What the query does not do: drop actors with fewer than `min_statements` rows."""
        rows = dedupe(rows)
        if self.min_statements > 1:
            counts: dict[str, int] = defaultdict(int)
            for r in rows:
                counts[r.actor] += 1
            rows = [r for r in rows if counts[r.actor] >= self.min_statements]
        return rows

    def describe(self) -> dict[str, Any]:
        """The filters as scalar graph attributes (GraphML-safe)."""
        return {"since": self.since.isoformat() if self.since else "",
                "until": self.until.isoformat() if self.until else "",
                "actor_kinds": ";".join(self.kinds), "q": self.q or "", "min_statements": self.min_statements}


def fetch_rows(graph, filters: Filters = Filters()) -> list[StanceRow]:
    """The filtered rows from `graph` (a graph_schema.reader.Graph): one read query,
    `network_statements.cypher`, then what the query does not filter."""
    return filters.apply(graph.read("network_statements", **filters.parameters()))
