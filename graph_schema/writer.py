"""Writing extractions to Neo4j: one managed write transaction per article, UNWIND batches inside.

An article's earlier statements, mentions and role sightings are removed in the same transaction
that writes the new ones, so a re-ingested article is replaced and a crash leaves either the old
or the new article, never half of one. Which graph node each of the article's actors is comes from
resolution (ingest/resolve.py), done before the write: the writer only writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from neo4j import Driver, ManagedTransaction

from graph_schema.cypher import query
from ingest.records import ACTOR_KINDS, Article, Extraction

LABELS = {kind: kind.capitalize() for kind in ACTOR_KINDS}
EXTRACTOR_VERSION = "2"  # bump when extraction changes so that unchanged articles are re-extracted


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


class GraphWriter:
    def __init__(self, driver: Driver, database: str):
        self.driver, self.database = driver, database

    def known_people(self) -> list[str]:
        """The ids of the person nodes already in the graph (where resolution starts)."""
        return [r["id"] for r in self.driver.execute_query(query("people_known"), database_=self.database).records]

    def current(self, articles: Iterable[Article]) -> set[str]:
        """The ids among `articles` whose exact text and date this extractor version already wrote
        (one query): a date found since (a sidecar, --date) rewrites the article's dated statements."""
        given = [{"id": a.id, "hash": content_hash(a.text), "published_at": a.published_at} for a in articles]
        found = self.driver.execute_query(query("articles_current"), articles=given, version=EXTRACTOR_VERSION,
                                          database_=self.database).records
        return {r["id"] for r in found}

    def write(self, extraction: Extraction, node_ids: dict[str, str]) -> WriteResult:
        """Replace the article in the graph; `node_ids` maps its local actor ids to graph ids."""
        params = self._parameters(extraction, node_ids)
        with self.driver.session(database=self.database) as session:
            session.execute_write(_write_article, params)
        return WriteResult(extraction.article.id, True, len(params["actors"]), len(params["positions"]),
                           len(params["statements"]), len(params["roles"]))

    def counts(self) -> dict[str, int]:
        record = self.driver.execute_query(query("graph_counts"), database_=self.database).records[0]
        return dict(record)

    def clear(self) -> None:
        """Remove every node (schema kept): benchmarks and tests start from an empty graph."""
        with self.driver.session(database=self.database) as session:
            session.run(query("database_clear")).consume()

    @staticmethod
    def _parameters(extraction: Extraction, node_id: dict[str, str]) -> dict:
        """Plain parameter rows for the article's queries (pure)."""
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
                "actor": node_id[s.actor], "position_key": s.position.key, "props": props,
                "target": node_id.get(s.target) if s.target else None,
                "on_behalf_of": node_id.get(s.on_behalf_of) if s.on_behalf_of else None,
            })
        stated = {}  # attribution id -> the statements it states
        for stance, row in zip(extraction.stances, statements):
            if stance.attribution:
                stated.setdefault(stance.attribution, set()).add(row["props"]["id"])
        # The same stance said twice at the same place is one statement.
        statements = list({row["props"]["id"]: row for row in statements}.values())
        roles = [{"person": node_id[r.person], "of": node_id[r.of], "title": r.title, "date": day,
                  "evidence": r.evidence, "start": r.start, "end": r.end}
                 for r in extraction.roles if r.of and node_id.get(r.person, "").startswith("person:")]
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
            "roles": roles,
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


def _write_article(tx: ManagedTransaction, params: dict) -> None:
    """The whole article in one transaction; safe to retry (it starts by clearing the article).

    Earlier versions of the same file (edited since, hence another id) are removed with it."""
    article = params["article"]
    article_id = article["id"]
    replaced = []
    if params["replaces_by_path"]:
        replaced = tx.run(query("article_previous_versions"), path=article["path"], article_id=article_id).value("id")
    old_pairs, old_actors = [], []
    for old_id in [article_id, *replaced]:
        old_pairs += tx.run(query("article_touched_pairs"), article_id=old_id).data()
        old_actors += tx.run(query("article_mentioned_actors"), article_id=old_id).value("id")
        tx.run(query("article_clear"), article_id=old_id).consume()
    tx.run(query("articles_delete"), ids=replaced).consume()
    tx.run(query("article_write"), article=article).consume()
    tx.run(query("actors_write"), actors=params["actors"], article_id=article_id).consume()
    tx.run(query("positions_write"), positions=params["positions"]).consume()
    tx.run(query("statements_write"), statements=params["statements"], article_id=article_id).consume()
    tx.run(query("roles_write"), roles=params["roles"], article_id=article_id).consume()
    tx.run(query("attributions_write"), attributions=params["attributions"], article_id=article_id).consume()
    new_pairs = tx.run(query("article_touched_pairs"), article_id=article_id).data()
    pairs = {(p["actor"], p["position"]): p for p in old_pairs + new_pairs}
    tx.run(query("stances_recompute"), pairs=list(pairs.values())).consume()
    people = {a for a in old_actors if a.startswith("person:")} | {r["person"] for r in params["roles"]}
    tx.run(query("roles_refresh"), people=sorted(people)).consume()
    tx.run(query("orphans_clear"), positions=[p["position"] for p in old_pairs],
           actors=sorted(set(old_actors) | {p["actor"] for p in old_pairs})).consume()
