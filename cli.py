"""``ciblage``: the command line over the whole pipeline.

The root app holds the global options and the error handling; each package contributes its
verbs through a ``register(app)`` function in its ``commands`` module (crawl and ingest from
``crawlers``; extract from ``nlp``; resolve, review, merge and split from ``nlp.resolve_cli``;
load, the queries, cypher and export from ``graph``), and the pipeline verbs (demo, run) live in
:mod:`ciblage.pipeline`. Heavy libraries (spaCy, Scrapy) are imported inside the commands so
that ``ciblage --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from rich.markup import escape

from ciblage.console import err
from ciblage.errors import CiblageError


class _ErrorHandlingGroup(TyperGroup):
    """Turns a :class:`CiblageError` into a one-line message and exit code 1 (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CiblageError as exc:
            if os.environ.get("CIBLAGE_DEBUG") == "1":
                raise
            err.print(f"[bold red]error\\[{exc.code}][/]: {escape(str(exc))}", highlight=False)
            if exc.hint:
                err.print(f"[dim]hint: {escape(exc.hint)}[/]", highlight=False)
            raise typer.Exit(code=1) from None
        except (OSError, ValueError) as exc:
            if os.environ.get("CIBLAGE_DEBUG") == "1":
                raise
            err.print(f"[bold red]error\\[E001][/]: {type(exc).__name__}: {escape(str(exc))}", highlight=False)
            err.print("[dim]hint: run again with --debug for the traceback.[/]", highlight=False)
            raise typer.Exit(code=1) from None


app = typer.Typer(
    name="ciblage",
    cls=_ErrorHandlingGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    help="Investigative knowledge base on the political-technology industry: "
    "crawl, extract, resolve, load and query who is linked to whom, with the evidence.",
)


@app.callback()
def main_options(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", envvar="CIBLAGE_DATA", help="Data directory (ledger, graph, exports)."),
    ] = None,
    backend: Annotated[
        str | None,
        typer.Option("--backend", envvar="CIBLAGE_BACKEND", help="Graph store: networkx (default) or neo4j."),
    ] = None,
    neo4j_uri: Annotated[str | None, typer.Option("--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI.")] = None,
    neo4j_user: Annotated[str | None, typer.Option("--neo4j-user", envvar="NEO4J_USER", help="Neo4j user.")] = None,
    neo4j_password: Annotated[
        str | None, typer.Option("--neo4j-password", envvar="NEO4J_PASSWORD", help="Neo4j password.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Global options; each may also come from its environment variable."""
    for name, value in (
        ("CIBLAGE_DATA", data_dir),
        ("CIBLAGE_BACKEND", backend),
        ("NEO4J_URI", neo4j_uri),
        ("NEO4J_USER", neo4j_user),
        ("NEO4J_PASSWORD", neo4j_password),
    ):
        if value is not None:
            os.environ[name] = str(value)
    if backend is not None and backend not in ("networkx", "neo4j"):
        raise typer.BadParameter("backend must be networkx or neo4j", param_hint="--backend")
    if debug:
        os.environ["CIBLAGE_DEBUG"] = "1"
    else:
        os.environ.pop("CIBLAGE_DEBUG", None)


def _register() -> None:
    import importlib

    for module in (
        "ciblage.pipeline",
        "crawlers.commands",
        "nlp.commands",
        "nlp.resolve_cli",
        "graph.commands",
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a package not built yet contributes no verb
            if exc.name and module.startswith(exc.name):
                continue
            raise
        mod.register(app)
    try:
        from graph.server_cli import neo4j_app
    except ModuleNotFoundError:
        return
    app.add_typer(neo4j_app, name="neo4j")


_register()


def main() -> None:
    """Console-script entry point."""
    app(prog_name="ciblage")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
