"""Wiring the stages: read inputs → extract (nlp.pipe) → print or write to Neo4j, with progress.

Bad inputs are reported through `on_error` and counted; the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.records import Article, Extraction
from ingest.sources import InputError, read_inputs, text_id


@dataclass
class RunSummary:
    articles: int = 0  # extracted (and, for ingest, written)
    unchanged: int = 0  # already in the graph as they are
    skipped: int = 0  # empty inputs
    failed: int = 0  # unreadable inputs or articles that could not be written
    warnings: int = 0
    words: int = 0
    actors: int = 0
    positions: int = 0
    statements: int = 0
    roles: int = 0
    seconds: float = 0.0
    errors: list[InputError] = field(default_factory=list)

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
        return (f"{self.articles} articles ingested ({rate:.1f}/s, {self.words} words), {self.unchanged} unchanged, "
                f"{self.skipped} skipped, {self.failed} failed, {self.warnings} warnings; written: "
                f"{self.actors} actors, {self.positions} positions, {self.statements} statements, {self.roles} roles")


def articles_only(paths: Iterable[str], summary: RunSummary, on_error: Callable[[InputError], None],
                  keep: Callable[[Article], bool] = lambda _: True) -> Iterator[Article]:
    """The readable articles among `paths`; errors go to `on_error` as they are met.

    An id met twice in one run is reported rather than letting the later article silently
    replace the earlier: skipped when the text is the same, failed when it differs."""
    seen: dict[str, tuple[str, str]] = {}  # id -> (source, text hash): texts are not kept

    def report(error: InputError) -> None:
        summary.count_error(error)
        on_error(error)

    for item in read_inputs(paths):
        if isinstance(item, InputError):
            report(item)
        elif item.id in seen:
            first_source, first_hash = seen[item.id]
            same = first_hash == text_id(item.text)
            report(InputError(item.source, None, f"{'same text' if same else 'same id ' + repr(item.id)} "
                              f"as {first_source}: not read twice", "skipped" if same else "failed"))
        else:
            seen[item.id] = (item.source, text_id(item.text))
            if keep(item):
                yield item
            else:
                summary.unchanged += 1


class ModelUnavailable(RuntimeError):
    """The configured spaCy pipeline is not installed."""


def pipeline(model: str):
    """The stancegraph pipeline on `model`, or ModelUnavailable with what to do about it."""
    from ingest.nlp import load_pipeline

    try:
        return load_pipeline(model)
    except OSError as exc:
        raise ModelUnavailable(f"cannot load the spaCy pipeline {model!r}: install it (pip install …) "
                               "or set STANCEGRAPH_MODEL / --model to one that is installed") from exc


def extract_paths(paths: Iterable[str], model: str, summary: RunSummary,
                  on_error: Callable[[InputError], None], *, n_process: int = 1,
                  keep: Callable[[Article], bool] = lambda _: True) -> Iterator[Extraction]:
    """Extractions of the readable articles among `paths` (one model load per process)."""
    from ingest.extract import extract_articles

    nlp = pipeline(model)
    yield from extract_articles(nlp, articles_only(paths, summary, on_error, keep), n_process=n_process)


class IngestProgress:
    """A rich progress line (count, rate, elapsed) that stays silent with `quiet`."""

    def __init__(self, quiet: bool):
        self.progress = None if quiet else Progress(
            TextColumn("[bold]ingest"), BarColumn(bar_width=None), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), transient=False,
        )
        self.task = None

    def __enter__(self) -> IngestProgress:
        if self.progress:
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=None, rate=0.0)
        return self

    def advance(self, done: int, seconds: float) -> None:
        if self.progress:
            self.progress.update(self.task, completed=done, rate=done / seconds if seconds else 0.0)

    def print(self, message: str) -> None:
        if self.progress:
            self.progress.console.print(message, highlight=False, markup=False)

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()


def ingest_paths(paths: Iterable[str], writer, model: str, *, workers: int = 1, force: bool = False,
                 on_error: Callable[[InputError], None], progress: IngestProgress) -> RunSummary:
    """Extract and write every article; articles already in the graph as they are skip extraction."""
    from neo4j.exceptions import Neo4jError

    summary = RunSummary()
    keep = (lambda a: True) if force else (lambda a: not writer.is_current(a.id, a.text))
    pipeline(model)  # loaded once here so that the rate counts articles, not the model load
    start = time.perf_counter()
    for extraction in extract_paths(paths, model, summary, on_error, n_process=workers, keep=keep):
        try:
            result = writer.write(extraction, force=True)
        except (Neo4jError, ValueError, TypeError) as exc:  # this article only; a lost server ends the run
            message = exc.message if isinstance(exc, Neo4jError) else str(exc)
            error = InputError(extraction.article.source, None, f"not written: {message}", "failed")
            summary.count_error(error)
            on_error(error)
            continue
        summary.articles += 1
        summary.words += len(extraction.article.text.split())
        summary.actors += result.actors
        summary.positions += result.positions
        summary.statements += result.statements
        summary.roles += result.roles
        summary.seconds = time.perf_counter() - start
        progress.advance(summary.articles, summary.seconds)
    summary.seconds = time.perf_counter() - start
    return summary
