"""CLI verbs of the crawlers: ``ciblage crawl SPIDER`` and ``ciblage ingest PATH...``.

Scrapy runs in a child process (:mod:`crawlers.runner`), so these verbs can be called
repeatedly from one Python process (tests, the demo).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ciblage.console import err, out, print_json, print_table


def _pairs(values: list[str]) -> dict[str, str]:
    args: dict[str, str] = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected key=value, got {value!r}", param_hint="-a")
        args[key.strip()] = val
    return args


def crawl_cmd(
    spider: Annotated[str, typer.Argument(help="Spider: press, entreprises, bodacc, decp, hatvp, cnil.")],
    arg: Annotated[list[str] | None, typer.Option("-a", "--arg", help="Spider argument key=value (repeatable).")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="API root (mirror or local server).")] = None,
    jobdir: Annotated[Path | None, typer.Option("--jobdir", help="Scrapy JOBDIR: pause and resume a long crawl.")] = None,
    setting: Annotated[list[str] | None, typer.Option("-s", "--set", help="Scrapy setting NAME=VALUE (repeatable).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Crawl one source into the ledger; prints new / changed / unchanged / failed counts."""
    from crawlers.runner import run_crawls

    args = _pairs(arg or [])
    if base_url:
        args["base_url"] = base_url
    settings: dict[str, str] = _pairs(setting or [])
    if jobdir:
        settings["JOBDIR"] = str(jobdir)
    with err.status(f"crawling {spider}…") as status:
        counts = run_crawls([(spider, args)], settings=settings or None,
                            progress=lambda line: status.update(f"crawling {spider}… [dim]{line[-100:]}[/]"))
    if json_out:
        print_json(counts)
        return
    for name, c in counts.items():
        print_table(f"crawl {name}", ["new", "changed", "unchanged", "failed", "duplicate", "filtered", "requests"],
                    [[c.get(k, 0) for k in ("new", "changed", "unchanged", "failed", "duplicate", "filtered", "requests")]])
        if c.get("failed"):
            out.print("[yellow]Failures are listed in the ledger (failures table).[/]")


def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive).")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Ingest local files (PDF, HTML, DOCX, TXT/MD, EML) as documents; prints the counts."""
    from crawlers.runner import run_ingest

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATH")
    counts = run_ingest(paths, progress=not json_out)
    if json_out:
        print_json(counts)
        return
    print_table("ingest", list(counts), [list(counts.values())])


def register(app: typer.Typer) -> None:
    app.command(name="crawl")(crawl_cmd)
    app.command(name="ingest")(ingest_cmd)
