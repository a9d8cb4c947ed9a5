"""`stancegraph status` (is the server up, what the graph holds, the last ingest, the schema) and
`stancegraph stats` (who says most, about what, of which kind, how much is dated, from where).

Both only read. `status` never starts the managed server: it says whether it runs.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from app.cli.console import fail, named, open_driver, out
from app.settings import get_settings

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
NOT_RUNNING = 3  # the exit code of `status` when the server does not answer, as `neo4j status`


def _server(settings) -> tuple[dict, object | None]:
    """What runs where, and a driver when the server answers (the caller closes it)."""
    from graph_schema.connection import DatabaseUnavailable, connect
    from graph_schema.server import LocalNeo4j

    if settings.manages_neo4j:
        local = LocalNeo4j(settings).status()
        server = {"managed": True, "uri": local.bolt_uri, "running": local.running, "pid": local.pid,
                  "browser": local.browser_url, "home": str(local.home)}
        if not local.running:
            return {**server, "reachable": False, "error": "not running (stancegraph neo4j start)"}, None
    else:
        server = {"managed": False, "uri": settings.bolt_uri}
    try:
        driver = connect(settings, start_local=False, retry_seconds=2.0)
    except DatabaseUnavailable as exc:
        return {**server, "reachable": False, "error": str(exc)}, None
    return {**server, "reachable": True}, driver


def _graph_status(tx) -> dict:
    from graph_schema.reader import row, rows
    from graph_schema.schema import names

    version = row(tx, "cli_server_version")
    ingest = row(tx, "cli_status_articles")
    indexes = {r["name"]: r["state"] for r in rows(tx, "cli_schema_indexes")}
    constraints = {r["name"] for r in rows(tx, "cli_schema_constraints")}
    expected = names()
    present = {name: name in (constraints if kind == "constraint" else indexes) for name, kind in expected.items()}
    return {
        "version": f"{version['name']} {version['version']} ({version['edition']})",
        "totals": row(tx, "graph_counts"),
        "nodes": {r["label"]: r["n"] for r in rows(tx, "label_counts")},
        "relationships": {r["type"]: r["n"] for r in rows(tx, "cli_relationship_counts")},
        "articles": ingest["articles"],
        "last_ingest": ingest["last_ingest"],
        "schema": {"expected": len(expected),
                   "missing": sorted(name for name, ok in present.items() if not ok),
                   "not_online": sorted(name for name, ok in present.items() if ok
                                        and indexes.get(name, "ONLINE") != "ONLINE")},
    }


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n:,}" for name, n in counts.items()) or "none"


def _when(value: datetime | None) -> str:
    return value.isoformat(sep=" ", timespec="seconds") if value else "never"


def status(as_json: AsJson = False) -> None:
    """The server, what the graph holds, the last ingest, the schema.

    Whether the server runs (the managed one, or NEO4J_URI's; never started by this command),
    the nodes per label and relationships per type, when the latest article was written, and
    whether every constraint and index is in place and online. Exit code 3 when the server does
    not answer."""
    from graph_schema.reader import Graph

    settings = get_settings()
    server, driver = _server(settings)
    graph = None
    if driver is not None:
        with driver:
            graph = Graph(settings, driver).read_tx(_graph_status)
    if as_json:
        typer.echo(json.dumps({"server": server, "graph": graph}, default=str, indent=1))
        raise typer.Exit(0 if graph else NOT_RUNNING)
    where = (f"managed local Neo4j (home {server['home']})" if server["managed"]
             else f"Neo4j at NEO4J_URI {server['uri']}")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    if graph is None:
        grid.add_row("server", f"{where}: [red]{server['error']}[/]")
        out.print(grid)
        raise typer.Exit(NOT_RUNNING)
    running = f"running, pid {server['pid']}; " if server["managed"] else ""
    browser = f", Browser {server['browser']}" if server["managed"] else ""
    grid.add_row("server", f"{where}: [green]{graph['version']}[/], {running}Bolt {server['uri']}{browser}")
    totals = graph["totals"]
    grid.add_row("nodes", f"{totals['nodes']:,} ({_counts(graph['nodes'])})" if totals["nodes"]
                 else "none: the graph is empty")
    grid.add_row("relationships", f"{totals['relationships']:,} ({_counts(graph['relationships'])})")
    grid.add_row("last ingest", f"{_when(graph['last_ingest'])}; {graph['articles']:,} articles in the graph")
    schema = graph["schema"]
    if schema["missing"]:
        state = f"[red]{len(schema['missing'])} of {schema['expected']} missing[/]: {', '.join(schema['missing'])} " \
                "(stancegraph schema apply)"
    elif schema["not_online"]:
        state = f"[yellow]in place, not yet online[/]: {', '.join(schema['not_online'])}"
    else:
        state = f"[green]in place[/]: {schema['expected']} constraints and indexes, all online"
    grid.add_row("schema", state)
    out.print(grid)


def _stats(tx, top: int) -> dict:
    from graph_schema.reader import row, rows

    return {"totals": row(tx, "cli_stats_totals"),
            "actors": rows(tx, "cli_stats_actors", top=top),
            "positions": rows(tx, "cli_stats_positions", top=top),
            "kinds": rows(tx, "cli_stats_kinds"),
            "articles": rows(tx, "cli_stats_articles")}


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def _polarities(r: dict) -> str:
    return f"[green]+{r['positive']}[/] [red]−{r['negative']}[/] ={r['neutral']}"


def stats(
    top: Annotated[int, typer.Option(min=1, help="How many actors and positions to list.")] = 10,
    as_json: AsJson = False,
) -> None:
    """Top actors and positions, statements by kind, dated share, articles per source and month.

    The actors and the positions with the most statements, statements by kind and polarity, the
    share of dated statements and articles, and articles per source and month of publication."""
    from graph_schema.reader import Graph

    settings = get_settings()
    with open_driver() as driver:
        found = Graph(settings, driver).read_tx(lambda tx: _stats(tx, top))
    totals = found["totals"]
    if as_json:
        totals["dated_statement_share"] = (totals["dated_statements"] / totals["statements"]
                                           if totals["statements"] else None)
        typer.echo(json.dumps(found, ensure_ascii=False, default=str, indent=1))
        return
    if not totals["articles"]:
        raise fail("the graph is empty: ingest articles first (stancegraph ingest PATH)")
    out.print(f"[bold]{totals['statements']:,} statements[/] ({totals['dated_statements']:,} dated, "
              f"{_share(totals['dated_statements'], totals['statements'])}) by {totals['actors']:,} actors on "
              f"{totals['positions']:,} positions, from {totals['articles']:,} articles "
              f"({totals['dated_articles']:,} dated, {_share(totals['dated_articles'], totals['articles'])})")
    table = Table("actor", "kind", "statements", "+ − =", "positions", "articles",
                  title=f"top {len(found['actors'])} actors by statements")
    for r in found["actors"]:
        table.add_row(named(r["name"], r["id"]), r["kind"], f"{r['statements']:,}", _polarities(r),
                      str(r["positions"]), str(r["articles"]))
    out.print(table)
    table = Table("position", "statements", "+ − =", "actors", title=f"top {len(found['positions'])} positions by statements")
    for r in found["positions"]:
        table.add_row(named(r["label"], r["id"]), f"{r['statements']:,}", _polarities(r), str(r["actors"]))
    out.print(table)
    table = Table("kind", "polarity", "statements", "share", title="statements by kind and polarity")
    for r in found["kinds"]:
        table.add_row(r["kind"], f"{r['polarity']:+d}" if r["polarity"] else "0", f"{r['statements']:,}",
                      _share(r["statements"], totals["statements"]))
    out.print(table)
    by_source: dict[str | None, list[dict]] = {}
    for r in found["articles"]:
        by_source.setdefault(r["source"], []).append(r)
    table = Table("source", "articles", "by month", title="articles by source and month")
    for source, months in by_source.items():
        table.add_row(source or "(no source)", f"{sum(m['articles'] for m in months):,}",
                      " · ".join(f"{m['month'] or 'undated'} {m['articles']}" for m in months))
    out.print(table)
