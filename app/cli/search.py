"""`stancegraph search TEXT`: the actors and positions matching, ranked as the API's search
(`GET /actors?q=`, `GET /positions?q=`) ranks them: the same full-text query and the same queries."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer
from rich.table import Table

from app.cli.console import fail, named, open_driver, out
from app.settings import get_settings
from ingest.records import ACTOR_KINDS

ActorKind = Enum("ActorKind", {kind: kind for kind in ACTOR_KINDS}, type=str)


def search(
    text: Annotated[str, typer.Argument(help="Words of a name, alias or position label ('zelensky', "
                                        "'kremlin', 'grain exports').")],
    kind: Annotated[ActorKind | None, typer.Option(help="Only actors of this kind.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=200, help="At most this many actors and this many positions.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Actors (by name and alias) and positions (by label) matching TEXT, best match first."""
    from graph_schema.reader import Graph, lucene_query

    lucene = lucene_query(text)
    if lucene is None:
        raise fail(f"{text!r} has no word to search for", 2)
    with open_driver() as driver:
        graph = Graph(get_settings(), driver)
        actors = graph.search_actors(lucene, limit, 0, kind=kind.value if kind else None)
        positions = graph.search_positions(lucene, limit, 0)
    if as_json:
        typer.echo(json.dumps({"actors": actors, "positions": positions}, ensure_ascii=False, default=str, indent=1))
        return
    _print_page(f"actors matching {text!r}", actors, ("actor", "kind", "statements", "positions", "articles"),
                lambda a: (named(a["name"] + _aliases(a), a["id"]), a["kind"], str(a["counts"]["statements"]),
                           str(a["counts"]["positions"]), str(a["counts"]["articles"])))
    _print_page(f"positions matching {text!r}", positions, ("position", "statements", "for", "against", "undecided"),
                lambda p: (named(p["label"], p["id"]), str(p["counts"]["statements"]), str(p["counts"]["supporters"]),
                           str(p["counts"]["opponents"]), str(p["counts"]["undecided"])))


def _aliases(actor: dict, most: int = 3) -> str:
    aliases = actor.get("aliases") or []
    return f" ({', '.join(aliases[:most])}{', …' if len(aliases) > most else ''})" if aliases else ""


def _print_page(title: str, page: dict, headers: tuple[str, ...], cells) -> None:
    """One table of a search page, best first, with its scores; a line when nothing matched."""
    if not page["items"]:
        out.print(f"{title}: none")
        return
    table = Table(*headers, "score", title=f"{title}: {_shown(page)}")
    for item in page["items"]:
        table.add_row(*cells(item), f"{item['score']:.2f}")
    out.print(table)


def _shown(page: dict) -> str:
    return f"{len(page['items'])} of {page['total']}" if page["total"] > len(page["items"]) else str(page["total"])
