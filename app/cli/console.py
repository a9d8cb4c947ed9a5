"""What every command shares: the consoles, name-and-id cells, failing with one clear line, opening the graph."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from app.settings import get_settings

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def named(name: str, node_id: str) -> str:
    """A table cell: the name, and below it the id, whole (it is copied into commands and URLs)."""
    return f"{escape(name)}\n[dim]{escape(node_id)}[/]"


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


@contextmanager
def open_driver() -> Iterator:
    """A driver for the configured Neo4j (the local server is started when it is managed); a
    server that can't be reached or started ends the command with one line."""
    from graph_schema.connection import DatabaseUnavailable, connect
    from graph_schema.server import Neo4jServerError

    try:
        driver = connect(get_settings())
    except (DatabaseUnavailable, Neo4jServerError) as exc:
        raise fail(str(exc)) from None
    with driver:
        yield driver
