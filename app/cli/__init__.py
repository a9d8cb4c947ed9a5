"""The `stancegraph` command: extract, ingest, serve, neo4j, schema here; status and stats
(status.py), search (search.py), export (export.py) and network (network.py) beside it. Heavy imports (spaCy, the driver, FastAPI) stay inside the commands
so that `--help` is instant."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from app.cli.console import err, fail, open_driver, out
from app.cli.export import export
from app.cli.network import network_app
from app.cli.search import search
from app.cli.status import stats, status
from app.settings import get_settings

app = typer.Typer(help="Who stands where in the news: actors, roles and stances in a Neo4j graph.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
neo4j_app = typer.Typer(help="The local Neo4j server stancegraph manages (ignored when NEO4J_URI is set).",
                        no_args_is_help=True)
schema_app = typer.Typer(help="The graph schema: constraints and indexes.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.add_typer(network_app, name="network", help="Discourse networks: congruence, conflict, coalitions, exports.")
for command in (status, stats, search, export):
    app.command()(command)

def _local_server():
    from graph_schema.server import LocalNeo4j

    settings = get_settings()
    if not settings.manages_neo4j:
        typer.echo(f"NEO4J_URI is set ({settings.neo4j_uri}): stancegraph manages no local server.")
        raise typer.Exit(0)
    return LocalNeo4j(settings)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Assemble (first time) and start the local Neo4j; wait until Bolt answers."""
    from graph_schema.server import Neo4jServerError

    server = _local_server()
    try:
        status = server.start()
    except Neo4jServerError as exc:
        raise fail(str(exc)) from None
    versions = server.versions()
    typer.echo(f"Neo4j {versions['neo4j']} with Browser {versions['browser']}: {status.describe()}")
    typer.echo(f"Browser login: {get_settings().neo4j_user} / password in {server.home / 'password'}"
               if get_settings().neo4j_password is None else
               f"Browser login: {get_settings().neo4j_user} / $STANCEGRAPH_NEO4J_PASSWORD")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j this folder started."""
    server = _local_server()
    typer.echo("stopped" if server.stop() else "not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say what runs where."""
    server = _local_server()
    status = server.status()
    typer.echo(status.describe())
    raise typer.Exit(0 if status.running else 3)


@schema_app.command("apply")
def schema_apply() -> None:
    """Create the constraints and indexes of graph_schema/schema.cypher (idempotent)."""
    from graph_schema.schema import apply_schema

    with open_driver() as driver:
        counts = apply_schema(driver, get_settings().neo4j_database)
    typer.echo(f"schema applied: {counts['statements']} statements; "
               f"{counts['constraints']} constraints, {counts['indexes']} indexes in place")


class RecordFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _report(error) -> None:
    colour = {"warning": "yellow", "skipped": "yellow"}.get(error.kind, "red")
    err.print(f"[{colour}]{error}[/]", highlight=False)


DateOption = Annotated[str | None, typer.Option(
    "--date", metavar="YYYY-MM-DD", help="Publication date of every article read that has none: none of its "
    "own (record, page metadata, sidecar) nor one in its file name.")]
DatePatternOption = Annotated[str | None, typer.Option(
    "--date-pattern", metavar="REGEX", help="Where a file name gives its article's date: a regex whose group "
    "'date' (or 'year', 'month', 'day') is matched in the name; '' reads no dates from names. Default "
    "STANCEGRAPH_DATE_PATTERN, else names starting 20220125T090000Z or 2022-01-25.")]


def _dating(date: str | None, date_pattern: str | None) -> dict:
    """read_inputs' dating options from --date and --date-pattern (else the setting), checked
    before any work starts."""
    from ingest import sources

    setting = get_settings().date_pattern
    regex = date_pattern if date_pattern is not None else setting if setting is not None else sources.DATE_PATTERN
    try:
        given = sources.run_date(date) if date is not None else None
    except ValueError as exc:
        raise fail(f"--date: {exc}", code=2) from None
    try:
        return {"date": given, "date_pattern": sources.date_pattern(regex)}
    except ValueError as exc:
        where = "--date-pattern" if date_pattern is not None else "STANCEGRAPH_DATE_PATTERN"
        raise fail(f"{where} {regex!r}: {exc}", code=2) from None


def _report_undated(summary) -> None:
    if summary.undated:
        err.print(f"undated: {summary.undated} (time filters leave them out; date them with a sidecar "
                  "<file>.meta.json, --date-pattern or --date)", highlight=False)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .md .html .jsonl), directories, or - for stdin.")],
    format: Annotated[RecordFormat, typer.Option("--format", "-f", help="jsonl: one record per article "
                                           "(shared/eval/FORMAT.md); table: a summary for people.")] = RecordFormat.jsonl,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline (default STANCEGRAPH_MODEL).")] = None,
    date: DateOption = None,
    date_pattern: DatePatternOption = None,
) -> None:
    """Extract actors, roles and stances from articles, without any database."""
    import json

    from ingest.pipeline import ModelUnavailable, Pipeline, RunSummary
    from ingest.sources import read_inputs

    items = read_inputs(paths, **_dating(date, date_pattern))
    summary = RunSummary()
    try:
        for extraction in Pipeline(model or get_settings().model).extract(items, summary, _report):
            summary.articles += 1
            if format is RecordFormat.jsonl:
                typer.echo(json.dumps(extraction.to_json(), ensure_ascii=False))
            else:
                _print_table(extraction)
    except ModelUnavailable as exc:
        raise fail(str(exc)) from None
    sys.stdout.flush()  # the summary on stderr comes after the records
    err.print(f"{summary.articles} articles, {summary.skipped} skipped, {summary.failed} failed, "
              f"{summary.undated} undated", highlight=False)
    _report_undated(summary)
    raise typer.Exit(0 if summary.ok else 1)


def _print_table(extraction) -> None:
    """One block per article: actors, roles, then one line per stance with its evidence below."""
    names = {a.id: a.name for a in extraction.actors}
    art = extraction.article
    out.rule(f"{art.title or art.source}  {art.published_at or ''}")
    out.print("[bold]Actors[/] " + "; ".join(
        f"{a.name} ({a.kind}{': ' + ', '.join(a.aliases) if a.aliases else ''})" for a in extraction.actors))
    for r in extraction.roles:
        out.print(f"[bold]Role[/]   {names[r.person]} — {r.title} — {names.get(r.of, '?')}")
    for s in extraction.stances:
        sign = {1: "[green]+1[/]", -1: "[red]-1[/]"}.get(s.polarity, " 0")
        behalf = f" (for {names[s.on_behalf_of]})" if s.on_behalf_of else ""
        out.print(f"{sign} [bold]{names[s.actor]}[/]{behalf} {s.kind} [italic]{s.position.label}[/]"
                  f" [dim]({s.modality}, {s.confidence:.2f})[/]")
        out.print(f"     [dim]{s.evidence}[/]", markup=True)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .md .html .jsonl), directories, or - for stdin.")],
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (with --cluster local: Dask workers).")] = 1,
    cluster: Annotated[str | None, typer.Option(help="Extract on a Dask cluster: its scheduler (tcp://HOST:8786), "
                                                "or 'local' to start one of --workers processes here. Needs the "
                                                "'cluster' extra.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline (default STANCEGRAPH_MODEL).")] = None,
    force: Annotated[bool, typer.Option(help="Re-extract articles already in the graph unchanged. Without it a "
                                        "re-run skips them, so an interrupted run resumes where it stopped.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; errors and the summary only.")] = False,
    date: DateOption = None,
    date_pattern: DatePatternOption = None,
) -> None:
    """Extract from articles and write the graph to Neo4j (idempotent; a batch of articles per transaction)."""
    from contextlib import ExitStack

    from neo4j.exceptions import ServiceUnavailable, SessionExpired

    from app.cli.progress import IngestProgress, Total, count_records
    from graph_schema.schema import apply_schema
    from graph_schema.writer import GraphWriter
    from ingest.pipeline import ModelUnavailable, Pipeline
    from ingest.sources import read_inputs

    settings = get_settings()
    items = read_inputs(paths, **_dating(date, date_pattern))
    model = model or settings.model
    with open_driver() as driver, ExitStack() as stack:
        extractors = stack.enter_context(_cluster(cluster, model, workers)) if cluster else None
        pipeline = Pipeline(model, n_process=workers, cluster=extractors, write_batch=settings.write_batch)
        try:
            apply_schema(driver, settings.neo4j_database)
            writer = GraphWriter(driver, settings.neo4j_database)
            total = Total(None, False) if quiet else count_records(paths)
            with IngestProgress(quiet, total, err) as progress:
                summary = pipeline.ingest(items, writer, force=force, on_error=_report,
                                          on_progress=progress.advance)
                progress.finish(summary)
            totals = writer.counts()
        except ModelUnavailable as exc:
            raise fail(str(exc)) from None
        except (ServiceUnavailable, SessionExpired) as exc:
            raise fail(f"lost the connection to Neo4j at {settings.bolt_uri}: {exc}") from None
    err.print(summary.describe(), highlight=False)
    _report_undated(summary)
    err.print(f"people merged across articles by resolution: {pipeline.resolver.stats.people_merged}; "
              f"graph now: {totals['nodes']} nodes, {totals['relationships']} relationships", highlight=False)
    raise typer.Exit(0 if summary.ok else 1)


def _cluster(address: str, model: str, workers: int):
    """The Dask cluster `--cluster` names, or one clear line why not."""
    try:
        from ingest.cluster import Cluster, ClusterUnavailable
    except ImportError:
        raise fail("--cluster needs Dask: pip install 'stancegraph[cluster]'") from None
    try:
        return Cluster(address, model, workers=workers)
    except ClusterUnavailable as exc:
        raise fail(str(exc)) from None


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default STANCEGRAPH_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default STANCEGRAPH_API_PORT).")] = None,
) -> None:
    """Run the REST API (uvicorn)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("app.api.main:create_app", factory=True, host=host or settings.api_host,
                port=port or settings.api_port)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
