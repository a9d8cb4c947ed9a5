"""`stancegraph export`: the whole graph as GraphML, GEXF, JSON or CSV (networks/export.py writes
them), or as a Neo4j dump of the managed server's database (`neo4j-admin database dump`).

In the files, a node's id is its `id` property (what the API and Cypher use), its labels are
the attribute `labels` ("Actor;State"), a relationship's type the attribute `type`; every
property is an attribute. A node whose id another node already has (ids are unique per label)
is given `<Label>:<id>` instead.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from app.cli.console import err, fail, open_driver
from app.settings import get_settings

DUMP = "dump"
FORMATS = ("graphml", "csv", "gexf", "json", DUMP)
IDENTIFIED = ("Article", "Actor", "Position", "Statement")  # the labels whose ids are unique
ExportFormat = Enum("ExportFormat", {f: f for f in FORMATS}, type=str)


def _graph_of(nodes: list[dict], relationships: list[dict]):
    """A networkx MultiDiGraph of the rows of cli_export_nodes and cli_export_relationships."""
    import networkx as nx

    g = nx.MultiDiGraph()
    key_of = {}
    for n in nodes:
        props = dict(n["properties"])
        label = next((x for x in IDENTIFIED if x in n["labels"]), n["labels"][0] if n["labels"] else "Node")
        key = str(props.pop("id", n["element"]))
        if key in g:
            key = f"{label}:{key}"
        key_of[n["element"]] = key
        g.add_node(key, labels=n["labels"], **props)
    for r in relationships:
        g.add_edge(key_of[r["source"]], key_of[r["target"]], type=r["type"], **r["properties"])
    return g


def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write; its suffix says the format unless "
                                      "--format does (.graphml, .csv: edges there and nodes in <stem>.nodes.csv, "
                                      ".gexf, .json, .dump).")],
    format: Annotated[ExportFormat | None, typer.Option("--format", "-f", help="Format, if not the suffix's.")] = None,
) -> None:
    """The whole graph to GraphML, CSV, GEXF, JSON, or a Neo4j dump.

    Every node and relationship with its properties, for Gephi, yEd, spreadsheets or another
    Neo4j. A dump is of the managed server's database and needs that server stopped."""
    from networks.export import export_format

    try:
        fmt = export_format(out, format.value if format else None, FORMATS)
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    if fmt == DUMP:
        _dump(out)
        return
    from graph_schema.reader import Graph, rows
    from networks.export import write

    with open_driver() as driver:
        found = Graph(get_settings(), driver).read_tx(
            lambda tx: (rows(tx, "cli_export_nodes"), rows(tx, "cli_export_relationships")))
    g = _graph_of(*found)
    try:
        written = write(g, out, fmt)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    err.print(f"{g.number_of_nodes():,} nodes and {g.number_of_edges():,} relationships: wrote "
              + ", ".join(str(p) for p in written))


def _dump(out: Path) -> None:
    from graph_schema.server import LocalNeo4j, Neo4jServerError

    settings = get_settings()
    if not settings.manages_neo4j:
        raise fail(f"NEO4J_URI is set ({settings.neo4j_uri}): stancegraph dumps only the local server it manages. "
                   f"On that server, stopped: neo4j-admin database dump {settings.neo4j_database} --to-path=FOLDER; "
                   "or export .graphml or .csv from here")
    try:
        LocalNeo4j(settings).dump(out)
    except Neo4jServerError as exc:
        raise fail(str(exc)) from None
    err.print(f"wrote {out} ({out.stat().st_size:,} bytes; load it with neo4j-admin database load)")
