"""The `stancegraph` command. Heavy imports (spaCy, the driver, FastAPI) stay inside the commands
so that `--help` is instant."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from app.settings import get_settings

app = typer.Typer(help="Who stands where in the news: actors, roles and stances in a Neo4j graph.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
neo4j_app = typer.Typer(help="The local Neo4j server stancegraph manages (ignored when NEO4J_URI is set).",
                        no_args_is_help=True)
schema_app = typer.Typer(help="The graph schema: constraints and indexes.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")

err = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def _local_server():
    from app.neo4j_server import LocalNeo4j

    settings = get_settings()
    if not settings.manages_neo4j:
        typer.echo(f"NEO4J_URI is set ({settings.neo4j_uri}): stancegraph manages no local server.")
        raise typer.Exit(0)
    return LocalNeo4j(settings)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Assemble (first time) and start the local Neo4j; wait until Bolt answers."""
    from app.neo4j_server import Neo4jServerError

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
    from app.db import DatabaseUnavailable, connect
    from app.neo4j_server import Neo4jServerError
    from graph_schema.apply import apply_schema

    settings = get_settings()
    try:
        with connect(settings) as driver:
            counts = apply_schema(driver, settings.neo4j_database)
    except (DatabaseUnavailable, Neo4jServerError) as exc:
        raise fail(str(exc)) from None
    typer.echo(f"schema applied: {counts['statements']} statements; "
               f"{counts['constraints']} constraints, {counts['indexes']} indexes in place")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default STANCEGRAPH_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default STANCEGRAPH_API_PORT).")] = None,
) -> None:
    """Run the REST API (uvicorn)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("app.main:create_app", factory=True, host=host or settings.api_host,
                port=port or settings.api_port)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
