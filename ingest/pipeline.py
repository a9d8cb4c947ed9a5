"""The one ingest flow: read → drop unchanged → extract → resolve → write, with progress callbacks.

`stancegraph extract` and `stancegraph ingest`, `POST /articles` and the benchmarks all run a
`Pipeline`. Bad inputs are reported through `on_error` and counted; the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from ingest.records import Article, Extraction
from ingest.resolve import ActorResolver
from ingest.sources import InputError, text_id

CLAIM_BATCH = 64  # articles checked (are they in the graph as they are?) and claimed by one query

OnError = Callable[[InputError], None]


@dataclass
class RunSummary:
    articles: int = 0  # extracted (and, for ingest, written)
    unchanged: int = 0  # already in the graph as they are
    busy: int = 0  # being ingested by another run at the same time: left to it
    skipped: int = 0  # empty inputs
    failed: int = 0  # unreadable inputs or articles that could not be written
    warnings: int = 0
    undated: int = 0  # articles read (ingested or unchanged) with no publication date
    words: int = 0
    actors: int = 0
    positions: int = 0
    statements: int = 0
    roles: int = 0
    seconds: float = 0.0
    errors: list[InputError] = field(default_factory=list)
    written: list = field(default_factory=list)  # the WriteResult of every article written

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def count_error(self, error: InputError) -> None:
        self.errors.append(error)
        if error.kind == "warning":
            self.warnings += 1
        elif error.kind == "skipped":
            self.skipped += 1
        else:
            self.failed += 1

    def describe(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        busy = f", {self.busy} left to another ingest running now" if self.busy else ""
        return (f"{self.articles} articles ingested ({rate:.1f}/s, {self.words} words), {self.unchanged} unchanged"
                f"{busy}, {self.skipped} skipped, {self.failed} failed, {self.warnings} warnings, "
                f"{self.undated} undated; written: {self.actors} actors, {self.positions} positions, "
                f"{self.statements} statements, {self.roles} roles")


class ModelUnavailable(RuntimeError):
    """The configured spaCy pipeline is not installed."""


def readable(items: Iterable[Article | InputError], summary: RunSummary, on_error: OnError) -> Iterator[Article]:
    """The articles among `items`; errors go to `on_error` as they are met.

    An id met twice in one run is reported rather than letting the later article silently
    replace the earlier: skipped when the text is the same, failed when it differs."""
    seen: dict[str, tuple[str, str]] = {}  # id -> (source, text hash): texts are not kept

    def report(error: InputError) -> None:
        summary.count_error(error)
        on_error(error)

    for item in items:
        if isinstance(item, InputError):
            report(item)
        elif item.id in seen:
            first_source, first_hash = seen[item.id]
            same = first_hash == text_id(item.text)
            report(InputError(item.source, None, f"{'same text' if same else 'same id ' + repr(item.id)} "
                              f"as {first_source}: not read twice", "skipped" if same else "failed"))
        else:
            seen[item.id] = (item.source, text_id(item.text))
            summary.undated += item.published_at is None
            yield item


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Pipeline:
    """The spaCy pipeline on `model` (loaded once, on first use) and the stages around it.
    Extraction runs in this process, in `n_process` worker processes, or on `cluster` (an
    ingest.cluster.Cluster); resolution and writing always run here, in input order, so the graph
    is the same whoever extracted what. The resolver lives as long as the pipeline: it starts from
    the people in the graph at the first ingest and learns from every article written after."""

    def __init__(self, model: str, *, n_process: int = 1, cluster=None, write_batch: int = 64):
        """`write_batch`: articles per write transaction (STANCEGRAPH_WRITE_BATCH for the CLI)."""
        self.model, self.n_process, self.cluster, self.write_batch = model, n_process, cluster, write_batch
        self._nlp = None
        self.resolver: ActorResolver | None = None

    def load(self):
        """The spaCy pipeline, loaded on the first call."""
        if self._nlp is None:
            from ingest.nlp import load_pipeline

            try:
                self._nlp = load_pipeline(self.model)
            except OSError as exc:
                raise ModelUnavailable(f"cannot load the spaCy pipeline {self.model!r}: install it (pip install …) "
                                       "or set STANCEGRAPH_MODEL / --model to one that is installed") from exc
        return self._nlp

    def extract(self, items: Iterable[Article | InputError], summary: RunSummary,
                on_error: OnError) -> Iterator[Extraction]:
        """Read → extract: the extraction of every readable article among `items`."""
        for result in self._extract(readable(items, summary, on_error)):
            if isinstance(result, InputError):
                summary.count_error(result)
                on_error(result)
            else:
                yield result

    def _extract(self, articles: Iterable[Article]) -> Iterator[Extraction | InputError]:
        from ingest.extract import CHUNK, extract_chunk, extract_in_processes

        if self.cluster is not None:
            yield from self.cluster.extract(articles)
        elif self.n_process > 1:
            self.load()  # forked workers start with it
            yield from extract_in_processes(self.model, articles, self.n_process)
        else:
            for chunk in _batches(articles, CHUNK):
                yield from extract_chunk(self.load(), chunk)

    def ingest(self, items: Iterable[Article | InputError], writer, *, force: bool = False,
               on_error: OnError, on_progress: Callable[[RunSummary], None] = lambda _: None) -> RunSummary:
        """Read → drop unchanged → extract → resolve → write every article of `items` with
        `writer` (a graph_schema.writer.GraphWriter); articles already in the graph as they are
        skip extraction unless `force`, and so do those another ingest is working on."""
        summary = RunSummary()
        if self.cluster is None:
            self.load()  # before the clock starts, so that the rate counts articles, not the model load
        articles = self._claimed(readable(items, summary, on_error), writer, summary, force, key=lambda a: a)
        return self._write(self._extract(articles), writer, summary, on_error, on_progress)

    def write(self, extractions: Iterable[Extraction], writer, *, force: bool = False,
              on_error: OnError = lambda _: None,
              on_progress: Callable[[RunSummary], None] = lambda _: None) -> RunSummary:
        """Resolve → write extractions made elsewhere (built by hand, or by other processes);
        those of articles already in the graph as they are are left out unless `force`."""
        summary = RunSummary()
        extractions = self._claimed(extractions, writer, summary, force, key=lambda e: e.article)
        return self._write(extractions, writer, summary, on_error, on_progress)

    def _write(self, extractions: Iterable[Extraction | InputError], writer, summary: RunSummary,
               on_error: OnError, on_progress: Callable[[RunSummary], None]) -> RunSummary:
        if self.resolver is None:
            self.resolver = ActorResolver(writer.known_people())
        start = time.perf_counter()
        try:
            for batch in _batches(extractions, self.write_batch):
                for failure in (e for e in batch if isinstance(e, InputError)):
                    summary.count_error(failure)
                    on_error(failure)
                resolved = [(e, self.resolver.resolve(e.actors)) for e in batch if isinstance(e, Extraction)]
                self._write_batch(resolved, writer, summary, on_error)
                summary.seconds = time.perf_counter() - start
                on_progress(summary)
        finally:
            writer.release()
        summary.seconds = time.perf_counter() - start
        return summary

    def _write_batch(self, batch: list[tuple[Extraction, dict]], writer, summary: RunSummary,
                     on_error: OnError) -> None:
        """One transaction for the batch; if it fails, each article alone, so that one article
        the graph refuses is reported and the others are written."""
        from neo4j.exceptions import Neo4jError

        if not batch:
            return
        try:
            results = writer.write(batch)
        except (Neo4jError, ValueError, TypeError, KeyError) as exc:  # a lost server ends the run
            if len(batch) > 1:
                for item in batch:
                    self._write_batch([item], writer, summary, on_error)
                return
            message = exc.message if isinstance(exc, Neo4jError) else str(exc)
            error = InputError(batch[0][0].article.source, None, f"not written: {message}", "failed")
            summary.count_error(error)
            on_error(error)
            return
        for (extraction, _), result in zip(batch, results, strict=True):
            summary.written.append(result)
            summary.articles += 1
            summary.words += len(extraction.article.text.split())
            summary.actors += result.actors
            summary.positions += result.positions
            summary.statements += result.statements
            summary.roles += result.roles

    @staticmethod
    def _claimed(items: Iterable, writer, summary: RunSummary, force: bool, key: Callable) -> Iterator:
        """The items whose article (`key(item)`) this run is to write, claimed a batch at a time:
        not those in the graph as they are (unless `force`), nor those another run is ingesting."""
        for batch in _batches(items, CLAIM_BATCH):
            claims = writer.claim((key(item) for item in batch), force=force)
            summary.unchanged += len(claims.current)
            summary.busy += len(claims.busy)
            yield from (item for item in batch if key(item).id in claims.mine)
