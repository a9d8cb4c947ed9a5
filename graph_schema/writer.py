"""Writing extractions to Neo4j: one managed write transaction per batch of articles, one `UNWIND`
per kind of row inside.

The articles' earlier statements, attributions, mentions and role sightings are removed in the same
transaction that writes the new ones, so a re-ingested article is replaced and a crash leaves each
article either as it was or as it is now, never half of one. Derived edges (stances, roles) are
recomputed and orphans cleared once per batch, for everything the batch touched. Which graph node
each article's actor is comes from resolution (ingest/resolve.py), done before the write: the
writer only writes. Concurrent runs claim the articles they are about to extract (`claim`), so that two
ingests of the same corpus share the work.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from neo4j import Driver, ManagedTransaction

from graph_schema.cypher import query
from ingest.records import ACTOR_KINDS, Article, Extraction

LABELS = {kind: kind.capitalize() for kind in ACTOR_KINDS}
EXTRACTOR_VERSION = "2"  # bump when extraction changes so that unchanged articles are re-extracted
CLAIM_SECONDS = 120  # a claim lapses unless its run writes a batch (or claims again) within this


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def article_date(published_at: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or datetime, or None."""
    if not published_at:
        return None
    try:
        return date.fromisoformat(published_at[:10])
    except ValueError:
        return None


def _is_file(source: str) -> bool:
    """Whether an article was read from a file of its own, so that re-reading the file after an
    edit replaces it (stdin, API posts and JSON Lines records are identified by id alone)."""
    return not (source.startswith("<") or source.startswith("api:") or "#" in source)


@dataclass
class WriteResult:
    article_id: str
    written: bool  # False: unchanged since the last ingest, skipped
    actors: int = 0
    positions: int = 0
    statements: int = 0
    roles: int = 0


@dataclass
class Claims:
    """What `GraphWriter.claim` found for a batch of articles (ids)."""

    mine: set[str]  # to extract and write: claimed for this writer's run
    current: set[str]  # in the graph as they are: nothing to do
    busy: set[str]  # claimed by another run that is ingesting them now: left to it


class GraphWriter:
    """Writes batches of extractions for one run; `owner` names the run's claims."""

    def __init__(self, driver: Driver, database: str):
        self.driver, self.database = driver, database
        self.owner = uuid.uuid4().hex

    def known_people(self) -> list[str]:
        """The ids of the person nodes already in the graph (where resolution starts)."""
        return [r["id"] for r in self.driver.execute_query(query("people_known"), database_=self.database).records]

    def claim(self, articles: Iterable[Article], *, force: bool = False) -> Claims:
        """Sort `articles` into those this run writes, those already in the graph as they are
        (unless `force`) and those another run is ingesting; claims the first (one query)."""
        given = [{"id": a.id, "hash": content_hash(a.text), "published_at": a.published_at} for a in articles]
        found = self.driver.execute_query(query("articles_claim"), articles=given, version=EXTRACTOR_VERSION,
                                          force=force, owner=self.owner, lease=CLAIM_SECONDS,
                                          database_=self.database).records
        status = {r["id"]: r["status"] for r in found}
        return Claims(*({i for i, s in status.items() if s == kind} for kind in ("claimed", "current", "busy")))

    def release(self) -> None:
        """Give up this run's remaining claims (articles it could not write). Tried once, without
        the driver's retries: when the server is gone, the claims lapse by themselves."""
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            with self.driver.session(database=self.database) as session:
                session.run(query("claims_release"), owner=self.owner).consume()
        except (DriverError, Neo4jError):
            pass

    def write(self, batch: list[tuple[Extraction, dict[str, str]]]) -> list[WriteResult]:
        """Replace the batch's articles in the graph, in one transaction. Each item is an extraction
        and the map of its local actor ids to graph ids."""
        articles = [_parameters(extraction, node_ids) for extraction, node_ids in batch]
        with self.driver.session(database=self.database) as session:
            session.execute_write(_write_batch, _batch_parameters(articles), self.owner)
        return [WriteResult(p["article"]["id"], True, len(p["actors"]), len(p["positions"]),
                            len(p["statements"]), len(p["roles"])) for p in articles]

    def counts(self) -> dict[str, int]:
        record = self.driver.execute_query(query("graph_counts"), database_=self.database).records[0]
        return dict(record)

    def clear(self) -> None:
        """Remove every node (schema kept): benchmarks and tests start from an empty graph."""
        with self.driver.session(database=self.database) as session:
            session.run(query("database_clear")).consume()


def _parameters(extraction: Extraction, node_id: dict[str, str]) -> dict:
    """Plain parameter rows for one article (pure)."""
    article = extraction.article
    day = article_date(article.published_at)
    actors = {}
    for a in extraction.actors:
        kind = node_id[a.id].split(":", 1)[0]  # resolution may re-kind an actor (ORG "Stoltenberg" → person)
        row = actors.setdefault(node_id[a.id], {
            "id": node_id[a.id], "name": a.name, "kind": kind, "label": LABELS[kind],
            "iso3": a.iso3, "aliases": [], "mentions": 0,
        })
        row["aliases"] = sorted(set(row["aliases"]) | set(a.aliases) | ({a.name} - {row["name"]}))
        row["mentions"] += a.mentions
    positions = {s.position.key: {"key": s.position.key, "id": s.position.id, "label": s.position.label}
                 for s in extraction.stances}
    statements = []
    for s in extraction.stances:
        props = {
            "kind": s.kind, "polarity": s.polarity, "modality": s.modality, "confidence": s.confidence,
            "plover": s.plover, "cameo": s.cameo, "evidence": s.evidence, "start": s.start, "end": s.end,
            "date": day, "article": article.id, "position_label": s.position.label,
        }
        props["id"] = hashlib.sha1(
            f"{article.id}|{node_id[s.actor]}|{s.position.key}|{s.kind}|{s.polarity}|{s.start}".encode()
        ).hexdigest()[:20]
        statements.append({
            "actor": node_id[s.actor], "position_key": s.position.key, "position": s.position.id,
            "article": article.id, "props": props,
            "target": node_id.get(s.target) if s.target else None,
            "on_behalf_of": node_id.get(s.on_behalf_of) if s.on_behalf_of else None,
        })
    stated = {}  # attribution id -> the statements it states
    for stance, row in zip(extraction.stances, statements):
        if stance.attribution:
            stated.setdefault(stance.attribution, set()).add(row["props"]["id"])
    # The same stance said twice at the same place is one statement.
    statements = list({row["props"]["id"]: row for row in statements}.values())
    # A role stated twice in one article (two sentences, or two names resolved to one person) is
    # one sighting of it: the first.
    roles = {}
    for r in extraction.roles:
        if r.of and node_id.get(r.person, "").startswith("person:"):
            roles.setdefault((node_id[r.person], r.title, node_id[r.of]), {
                "person": node_id[r.person], "of": node_id[r.of], "title": r.title, "date": day,
                "evidence": r.evidence, "start": r.start, "end": r.end, "article": article.id})
    return {
        "article": {
            "id": article.id, "title": article.title, "source": article.outlet, "path": article.source,
            "url": article.url, "published_at": article.published_at, "date": day,
            "content_hash": content_hash(article.text), "words": len(article.text.split()),
            "text": article.text,  # statement offsets index into it (GET /articles/{id} shows both)
            "extractor_version": EXTRACTOR_VERSION,
        },
        "actors": list(actors.values()),
        "positions": list(positions.values()),
        "statements": statements,
        "roles": list(roles.values()),
        "attributions": attribution_rows(extraction, node_id, day, stated),
        "replaces_by_path": _is_file(article.source),
    }


def attribution_rows(extraction: Extraction, node_id: dict[str, str], day: date | None,
                     stated: dict[str, set[str]]) -> list[dict]:
    """One row per attribution: its words read off the article text, its source actor's graph id
    (None for an unnamed source, whose words stay in `source_text`), the statements it states."""
    text, article_id = extraction.article.text, extraction.article.id
    rows = []
    for q in extraction.attributions:
        spans = [q.cue_span, *q.content_spans, *([q.source_span] if q.source_span else [])]
        props = {
            "id": hashlib.sha1(f"{article_id}|{q.cue_span}|{q.content_spans}|{q.source_span}".encode()).hexdigest()[:20],
            "type": q.type, "cue": text[q.cue_span[0]:q.cue_span[1]], "cue_start": q.cue_span[0],
            "cue_end": q.cue_span[1], "content": " … ".join(text[s:e] for s, e in q.content_spans),
            "content_starts": [s for s, _ in q.content_spans], "content_ends": [e for _, e in q.content_spans],
            "source_text": text[q.source_span[0]:q.source_span[1]] if q.source_span else None,
            "source_start": q.source_span[0] if q.source_span else None,
            "source_end": q.source_span[1] if q.source_span else None,
            "start": min(s for s, _ in spans), "end": max(e for _, e in spans),
            "date": day, "article": article_id,
        }
        rows.append({"props": props, "source": node_id.get(q.source) if q.source else None,
                     "statements": sorted(stated.get(q.id, ()))})
    return list({row["props"]["id"]: row for row in rows}.values())


def _batch_parameters(articles: list[dict]) -> dict:
    """One set of rows for a batch of articles' parameters (pure). An actor of several articles is
    one row, its names in the batch's order, so that the result is the one that writing the
    articles one after the other gives; rows are sorted by actor so that concurrent writers take
    the actors' locks in the same order."""
    actors: dict[str, dict] = {}
    mentions, positions, statements, roles, attributions = [], {}, [], [], []
    for p in articles:
        article_id = p["article"]["id"]
        for row in p["actors"]:
            merged = actors.get(row["id"])
            if merged is None:
                actors[row["id"]] = {**row, "aliases": list(row["aliases"])}
            else:
                merged["aliases"] += [n for n in [row["name"], *row["aliases"]] if n not in merged["aliases"]]
                merged["iso3"] = merged["iso3"] or row["iso3"]
            mentions.append({"actor": row["id"], "article": article_id, "count": row["mentions"]})
        for row in p["positions"]:
            positions.setdefault(row["key"], row)
        statements += p["statements"]
        roles += p["roles"]
        attributions += p["attributions"]
    return {
        "ids": [p["article"]["id"] for p in articles],
        "paths": [p["article"]["path"] for p in articles if p["replaces_by_path"]],
        "articles": [p["article"] for p in articles],
        "actors": sorted(actors.values(), key=lambda row: row["id"]),
        "mentions": sorted(mentions, key=lambda row: row["actor"]),
        "positions": sorted(positions.values(), key=lambda row: row["key"]),
        "statements": sorted(statements, key=lambda row: row["actor"]),
        "roles": roles,
        "attributions": sorted(attributions, key=lambda row: row["source"] or ""),
    }


def _write_batch(tx: ManagedTransaction, params: dict, owner: str) -> None:
    """The whole batch in one transaction; safe to retry (it starts by clearing the articles).

    Earlier versions of the same files (edited since, hence other ids) are removed with them."""
    ids = params["ids"]
    replaced = tx.run(query("articles_previous_versions"), paths=params["paths"], ids=ids).value("id")
    old = ids + replaced
    old_pairs = tx.run(query("articles_touched_pairs"), ids=old).data()
    old_actors = tx.run(query("articles_mentioned_actors"), ids=old).value("id")
    tx.run(query("articles_clear"), ids=old).consume()
    tx.run(query("articles_delete"), ids=replaced).consume()
    tx.run(query("articles_write"), articles=params["articles"]).consume()
    tx.run(query("actors_write"), actors=params["actors"]).consume()
    tx.run(query("mentions_write"), mentions=params["mentions"]).consume()
    tx.run(query("positions_write"), positions=params["positions"]).consume()
    tx.run(query("statements_write"), statements=params["statements"]).consume()
    tx.run(query("roles_write"), roles=params["roles"]).consume()
    tx.run(query("attributions_write"), attributions=params["attributions"]).consume()
    pairs = {(p["actor"], p["position"]) for p in old_pairs} | {(s["actor"], s["position"]) for s in params["statements"]}
    tx.run(query("stances_recompute"), pairs=[{"actor": a, "position": p} for a, p in sorted(pairs)]).consume()
    people = {a for a in old_actors if a.startswith("person:")} | {r["person"] for r in params["roles"]}
    tx.run(query("roles_refresh"), people=sorted(people)).consume()
    tx.run(query("orphans_clear"), positions=sorted({p["position"] for p in old_pairs}),
           actors=sorted(set(old_actors) | {p["actor"] for p in old_pairs})).consume()
    tx.run(query("claims_settle"), owner=owner, written=ids, lease=CLAIM_SECONDS).consume()
