"""``ciblage neo4j install|start|stop|status``: the local Neo4j server, thin over :mod:`graph.server`.

The root CLI mounts it with ``app.add_typer(neo4j_app, name="neo4j")``. Errors are
:class:`~ciblage.errors.Neo4jUnavailable`, printed by the root app as one line with a hint.
"""

from __future__ import annotations

import time
from typing import Annotated

import typer

from ciblage.console import err, out, print_json

neo4j_app = typer.Typer(
    help="A local Neo4j 5.26 server from Maven Central jars, on 127.0.0.1 "
    "(home CIBLAGE_NEO4J_HOME, default ~/.cache/ciblage/neo4j; needs Java 17 and Maven).",
    no_args_is_help=True,
)


@neo4j_app.command()
def install() -> None:
    """Fetch the Neo4j jars from Maven Central into <home>/lib (once; about 130 MB)."""
    from graph import server

    began = time.monotonic()
    lib = server.install(quiet=False)
    err.print(f"Neo4j {server.neo4j_version()} jars in {lib} ({time.monotonic() - began:.1f} s)")


@neo4j_app.command()
def start(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the first query.")] = 120,
) -> None:
    """Start the server (install and configure it if needed) and wait until it answers."""
    from graph import server

    seconds = server.start(timeout=timeout)
    info = server.status()
    err.print(f"Neo4j {info['version'] or server.neo4j_version()} ready on {info['uri']} "
              f"in {seconds:.1f} s; Neo4j Browser: {info['browser']}")


@neo4j_app.command()
def stop() -> None:
    """Stop the server cleanly."""
    from graph import server

    err.print("Neo4j stopped." if server.stop() else "Neo4j was not running.")


@neo4j_app.command()
def status(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show whether the server is installed and running, its pid, URIs and version."""
    from graph import server

    info = server.status()
    if json_:
        print_json(info)
        return
    for key, value in info.items():
        out.print(f"[bold]{key}[/]: {value}", highlight=False)
