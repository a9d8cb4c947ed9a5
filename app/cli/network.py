"""`stancegraph network …`: discourse networks from the graph (mounted by app/cli/__init__.py).

Heavy imports (networkx, matplotlib, the driver) stay inside the commands so `--help` is instant.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from app.cli.console import err, fail, open_driver, out
from app.settings import get_settings
from networks.options import NetworkKind, Normalize, Window

network_app = typer.Typer(help="Discourse networks (DNA-style): who sides with whom, coalitions, bridges, "
                               "polarization, stance change.", no_args_is_help=True)


DATE = ["%Y-%m-%d"]
Since = Annotated[datetime | None, typer.Option(formats=DATE, help="First day of statements, YYYY-MM-DD.")]
Until = Annotated[datetime | None, typer.Option(formats=DATE, help="Last day of statements, YYYY-MM-DD.")]
ActorKinds = Annotated[list[str] | None, typer.Option("--kind", help="Actor kind: person, state, organization, "
                                                      "group (repeat for several).")]
Q = Annotated[str | None, typer.Option("--q", help="Only positions whose label has every one of these words.")]
MinStatements = Annotated[int, typer.Option(min=1, help="Keep actors with at least this many statements "
                                            "(duplicates in one article count once).")]
Norm = Annotated[Normalize, typer.Option(help="Edge weight normalization (one-mode networks).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _filters(since, until, kind, q, min_statements):
    from networks.rows import Filters

    try:
        return Filters(since=since.date() if since else None, until=until.date() if until else None,
                       kinds=tuple(kind or ()), q=q, min_statements=min_statements)
    except ValueError as exc:
        raise fail(str(exc), 2) from None


def _rows(filters):
    from graph_schema.reader import Graph
    from networks.rows import fetch_rows

    started = time.perf_counter()
    with open_driver() as driver:
        rows = fetch_rows(Graph(get_settings(), driver), filters)
    return rows, time.perf_counter() - started


def _check_outputs(outputs: list[Path] | None, png: Path | None, svg: Path | None) -> list[Path]:
    """The export paths, each checked (format by suffix, a folder that can be written) before any
    work starts."""
    from networks.export import export_format

    try:
        for path in outputs or []:
            export_format(path)
        for picture, suffix in ((png, "png"), (svg, "svg")):
            if picture is not None:
                export_format(picture, formats=(suffix,))
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    return outputs or []


def _export(g, outputs: list[Path], png: Path | None, svg: Path | None, max_nodes: int) -> None:
    """Exports and pictures, written before anything is printed to stdout: a reader that stops
    early (`| head`) ends the command only after its files are complete."""
    from networks.draw import draw
    from networks.export import write

    for path in outputs:
        try:
            written = write(g, path)
        except OSError as exc:
            raise fail(f"cannot write {path}: {exc.strerror or exc}") from None
        err.print("wrote " + ", ".join(str(p) for p in written))
    for picture in (png, svg):
        if picture is not None:
            started = time.perf_counter()
            draw(g, picture, max_nodes=max_nodes)
            err.print(f"drew {picture} in {time.perf_counter() - started:.2f} s")


def _colour(sign: int) -> str:
    return "green" if sign > 0 else "red" if sign < 0 else "white"


def _sign(value: int) -> str:
    return f"[{_colour(value)}]{value:+d}[/]"


def _weight(value: float, sign: int) -> str:
    """The weight coloured by the edge's sign (conflict weights are positive counts, shown red)."""
    return f"[{_colour(sign)}]{value:.3g}[/]"


@network_app.command("build")
def build_network(
    kind: Annotated[NetworkKind, typer.Argument(help="actor-position (two-mode), congruence, conflict, subtract "
                                              "(actors), position-cosupport (positions).")],
    since: Since = None, until: Until = None, actor_kind: ActorKinds = None, q: Q = None,
    min_statements: MinStatements = 1, normalize: Norm = Normalize.none,
    output: Annotated[list[Path] | None, typer.Option(
        "--out", "-o", help="Export: .graphml, .gexf, .json or .csv (edges; nodes beside it as <stem>.nodes.csv). "
                            "Repeatable.")] = None,
    png: Annotated[Path | None, typer.Option(help="Draw the network to this PNG.")] = None,
    svg: Annotated[Path | None, typer.Option(help="Draw the network to this SVG.")] = None,
    max_nodes: Annotated[int, typer.Option(min=2, help="Draw at most this many nodes (top by weighted degree).")] = 50,
    top: Annotated[int, typer.Option(min=0, help="Print this many strongest edges.")] = 15,
) -> None:
    """Build a network from the statements in Neo4j; export and draw it, then print a summary."""
    from networks.analysis import summary, top_edges
    from networks.build import build

    filters = _filters(since, until, actor_kind, q, min_statements)
    outputs = _check_outputs(output, png, svg)
    rows, queried = _rows(filters)
    started = time.perf_counter()
    g = build(kind.value, rows, normalize.value, filters)
    built = time.perf_counter() - started
    stats = summary(g)
    err.print(f"{kind.value} network: {stats['nodes']} nodes, {stats['edges']} edges "
              f"({stats['positive']} positive, {stats['negative']} negative) from {len(rows)} stance rows; "
              f"query {queried:.3f} s, build {built:.3f} s")
    _export(g, outputs, png, svg, max_nodes)
    if top and g.number_of_edges():
        table = Table("source", "target", "weight", "details", title=f"strongest {min(top, g.number_of_edges())} edges")
        for u, v, d in top_edges(g, top):
            details = (f"congruence {d['congruence']}, conflict {d['conflict']}" if "congruence" in d else
                       f"{d['statements']} statements (+{d['positive']} −{d['negative']} ={d['neutral']})"
                       if "statements" in d else f"{d.get('cosupport', '')} shared supporters")
            table.add_row(g.nodes[u].get("label", u), g.nodes[v].get("label", v),
                          _weight(d["weight"], d.get("sign", 1)), details)
        out.print(table)


@network_app.command("coalitions")
def coalitions_command(
    since: Since = None, until: Until = None, actor_kind: ActorKinds = None, q: Q = None,
    min_statements: MinStatements = 1, normalize: Norm = Normalize.none,
    resolution: Annotated[float, typer.Option(min=0.01, help="Louvain resolution (higher: smaller coalitions).")] = 1.0,
    seed: Annotated[int, typer.Option(help="Louvain random seed.")] = 7,
    output: Annotated[list[Path] | None, typer.Option("--out", "-o", help="Export the congruence network with "
                                                      "coalition and centrality attributes.")] = None,
    png: Annotated[Path | None, typer.Option(help="Draw the congruence network to this PNG.")] = None,
    svg: Annotated[Path | None, typer.Option(help="Draw the congruence network to this SVG.")] = None,
    as_json: AsJson = False,
) -> None:
    """Coalitions (Louvain on the congruence network), centrality, and the actors bridging camps."""
    from networks.analysis import coalition_report

    filters = _filters(since, until, actor_kind, q, min_statements)
    outputs = _check_outputs(output, png, svg)
    rows, queried = _rows(filters)
    started = time.perf_counter()
    report = coalition_report(rows, normalize.value, resolution=resolution, seed=seed, filters=filters)
    err.print(f"{len(report['coalitions'])} coalitions among {report['graph'].number_of_nodes()} actors "
              f"(modularity {report['modularity']:.3f}); query {queried:.3f} s, analysis "
              f"{time.perf_counter() - started:.3f} s")
    _export(report["graph"], outputs, png, svg, 50)
    if as_json:
        typer.echo(json.dumps({k: v for k, v in report.items() if k not in ("graph", "conflict")},
                              ensure_ascii=False, default=str, indent=1))
    else:
        for camp in report["coalitions"]:
            table = Table("actor", "kind", "degree", "strength", "betweenness",
                          title=f"coalition {camp['coalition']} ({camp['size']} actors)")
            for m in camp["members"]:
                table.add_row(m["name"], m["kind"], f"{m['degree']:.2f}", f"{m['strength']:.2f}",
                              f"{m['betweenness']:.3f}")
            out.print(table)
        if report["unaffiliated"]:
            out.print("in no coalition: " + ", ".join(a["name"] for a in report["unaffiliated"]))
        _print_bridges(report["bridges"])


def _print_bridges(found: list[dict]) -> None:
    if not found:
        out.print("no actor bridges opposing camps")
        return
    table = Table("actor", "coalition", "score", "betweenness", "agreement ties per coalition",
                  title="actors bridging opposing camps")
    for b in found:
        table.add_row(b["name"], str(b["coalition"] or "-"), f"{b['score']:.3f}", f"{b['betweenness']:.3f}",
                      ", ".join(f"{c}: {k:g}" for c, k in b["ties"].items()))
    out.print(table)


@network_app.command("bridges")
def bridges_command(
    since: Since = None, until: Until = None, actor_kind: ActorKinds = None, q: Q = None,
    min_statements: MinStatements = 1, as_json: AsJson = False,
) -> None:
    """Actors who agree with members of camps that oppose each other."""
    from networks.analysis import coalition_report

    rows, _ = _rows(_filters(since, until, actor_kind, q, min_statements))
    found = coalition_report(rows)["bridges"]
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        _print_bridges(found)


@network_app.command("polarization")
def polarization_command(
    window: Annotated[Window, typer.Option(help="Calendar window.")] = Window.month,
    span: Annotated[int, typer.Option(min=1, help="Windows per moving window (3 with month: 3-month windows, "
                                      "moved month by month).")] = 1,
    since: Since = None, until: Until = None, actor_kind: ActorKinds = None, q: Q = None,
    min_statements: MinStatements = 1, as_json: AsJson = False,
) -> None:
    """How the conflict share (conflict / (congruence + conflict) over actor pairs) moves over time."""
    from networks.analysis import polarization

    rows, queried = _rows(_filters(since, until, actor_kind, q, min_statements))
    found = polarization(rows, window.value, span)
    if as_json:
        typer.echo(json.dumps(found, default=str, indent=1))
        return
    table = Table("window", "from", "to", "statements", "actors", "congruence", "conflict", "conflict share",
                  title=f"polarization by {window.value}" + (f" (moving, {span} {window.value}s)" if span > 1 else ""))
    for w in found:
        share = w["conflict_share"]
        bar = "" if share is None else "█" * round(share * 20)
        table.add_row(w["window"], str(w["start"]), str(w["end"]), str(w["statements"]), str(w["actors"]),
                      str(w["congruence"]), str(w["conflict"]), "-" if share is None else f"{share:.2f} {bar}")
    out.print(table)
    err.print(f"{len(rows)} dated and undated stance rows; query {queried:.3f} s")


@network_app.command("changes")
def changes_command(
    since: Since = None, until: Until = None, actor_kind: ActorKinds = None, q: Q = None,
    actor: Annotated[str | None, typer.Option(help="Only actors whose id or name contains this.")] = None,
    as_json: AsJson = False,
) -> None:
    """Actors whose polarity on a position changed, with the statement before and after."""
    from networks.analysis import stance_changes

    rows, _ = _rows(_filters(since, until, actor_kind, q, 1))
    found = stance_changes(rows)
    if actor:
        needle = actor.lower()
        found = [c for c in found if needle in c["actor"].lower() or needle in c["actor_name"].lower()]
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, default=str, indent=1))
        return
    if not found:
        out.print("no stance changes")
        return
    table = Table("actor", "position", "before", "after", title="stance changes", show_lines=True)
    for c in found:
        before, after = c["before"], c["after"]
        table.add_row(c["actor_name"], c["position_label"],
                      f"{_sign(before['polarity'])} {before['date']}\n{before['evidence'] or ''}",
                      f"{_sign(after['polarity'])} {after['date']}\n{after['evidence'] or ''}")
    out.print(table)
