"""The whole flow in one call: crawl, ingest, extract, resolve, load — and the offline demo.

``ciblage run`` reads the crawls to make from a JSON file (``<data-dir>/sources.json`` by
default, a list of ``{"spider": NAME, "args": {...}}``) and is incremental: unchanged pages
are not processed again, only new documents are extracted, only changed graph rows are
loaded. ``ciblage demo`` does the same on the bundled sample corpus, served on 127.0.0.1.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from ciblage import settings
from ciblage.console import err, out, print_json, print_table
from ciblage.errors import InputError
from ciblage.ledger import Ledger


@dataclass
class RunReport:
    """What a run did, step by step, for the summary and for ``--json``."""

    crawls: dict[str, dict[str, int]] = field(default_factory=dict)
    ingest: dict[str, int] = field(default_factory=dict)
    extract: dict[str, int] = field(default_factory=dict)
    resolve: dict[str, int] = field(default_factory=dict)
    load: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def sample_corpus_dir() -> Path:
    return Path(str(resources.files("ciblage") / "sample_corpus"))


def demo_crawl_specs(base_url: str, manifest: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """The crawls of the demo, from the sample corpus's ``manifest.json``."""
    specs: list[tuple[str, dict[str, str]]] = []
    press = {key: base_url + manifest[key] for key in ("feed", "sitemap") if manifest.get(key)}
    if press:
        specs.append(("press", {**press, "watch": "off"}))
    sirens = ",".join(manifest.get("sirens", []))
    if sirens:
        specs.append(("entreprises", {"siren": sirens, "base_url": base_url}))
        specs.append(("bodacc", {"siren": sirens, "base_url": base_url}))
    for path in _as_list(manifest.get("decp")):
        specs.append(("decp", {"url": base_url + path}))
    for path in _as_list(manifest.get("hatvp")):
        specs.append(("hatvp", {"url": base_url + path}))
    for path in _as_list(manifest.get("cnil")):
        specs.append(("cnil", {"url": base_url + path}))
    return specs


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def run_pipeline(
    data_dir: Path,
    *,
    crawls: list[tuple[str, dict[str, str]]] = (),  # type: ignore[assignment]
    ingest: list[Path] = (),  # type: ignore[assignment]
    processes: int = 1,
    backend: str | None = None,
    crawl_settings: dict[str, Any] | None = None,
) -> RunReport:
    """Crawl, ingest, extract, resolve and load, each step incremental."""
    report = RunReport()
    data_dir.mkdir(parents=True, exist_ok=True)

    def step(name: str) -> float:
        err.print(f"[bold cyan]»[/] {name}")
        return time.perf_counter()

    if crawls:
        t = step(f"crawl ({len(crawls)} crawls)")
        from crawlers.runner import run_crawls

        report.crawls = run_crawls(list(crawls), data_dir=data_dir, settings=crawl_settings)
        report.timings["crawl"] = time.perf_counter() - t
    if ingest:
        t = step("ingest")
        from crawlers.runner import run_ingest

        report.ingest = run_ingest(list(ingest), data_dir=data_dir)
        report.timings["ingest"] = time.perf_counter() - t
    with Ledger.open(data_dir) as ledger:
        t = step("extract")
        from nlp.extract import extract_pending

        report.extract = extract_pending(ledger, processes=processes, progress=True)
        report.timings["extract"] = time.perf_counter() - t
        t = step("resolve")
        from nlp.resolve import resolve

        report.resolve = resolve(ledger)
        report.timings["resolve"] = time.perf_counter() - t
    t = step("load")
    from graph.load import load

    report.load = load(backend=backend, data_dir=data_dir)
    report.timings["load"] = time.perf_counter() - t
    return report


def graph_summary(data_dir: Path, backend: str | None = None, top: int = 10) -> dict[str, Any]:
    """Counts of documents, entities by type, relations by type, and the most connected entities."""
    from graph.store import open_store

    with Ledger.open(data_dir) as ledger:
        documents = sum(1 for _ in ledger.documents())
        records = ledger.counts()["records"]
    with open_store(backend, data_dir=data_dir) as store:
        g = store.to_networkx()
    types: Counter[str] = Counter()
    for _, attrs in g.nodes(data=True):
        types[attrs.get("type", "?")] += 1
    rels: Counter[str] = Counter(attrs.get("type", "?") for *_, attrs in g.edges(data=True))
    degree: Counter[str] = Counter()
    for u, v, attrs in g.edges(data=True):
        if attrs.get("type") in ("MENTIONS", "MENTIONED_WITH"):
            continue
        degree[u] += 1
        degree[v] += 1
    most = [
        {"id": n, "name": g.nodes[n].get("name", n), "type": g.nodes[n].get("type"), "degree": d}
        for n, d in degree.most_common(top)
    ]
    return {
        "documents": documents,
        "records": records,
        "entities_by_type": dict(sorted(types.items())),
        "relations_by_type": dict(sorted(rels.items())),
        "most_connected": most,
    }


def print_summary(summary: dict[str, Any]) -> None:
    out.print(f"[bold]{summary['documents']}[/] documents, [bold]{summary['records']}[/] registry records")
    print_table("Entities by type", ["type", "count"], summary["entities_by_type"].items())
    print_table("Relations by type", ["relation", "count"], summary["relations_by_type"].items())
    print_table(
        "Most connected entities", ["entity", "type", "id", "links"],
        [[m["name"], m["type"], m["id"], m["degree"]] for m in summary["most_connected"]],
    )


def demo_cmd(
    processes: Annotated[int, typer.Option(help="spaCy processes for extraction.")] = 1,
    json_out: Annotated[bool, typer.Option("--json", help="Print the run report and summary as JSON.")] = False,
) -> None:
    """Run the whole pipeline offline on the bundled sample corpus and write network.html."""
    from crawlers.localserver import LocalServer
    from graph.html import write_network_html

    data_dir = settings.data_dir()
    corpus = sample_corpus_dir()
    manifest = json.loads((corpus / "manifest.json").read_text("utf-8"))
    started = time.perf_counter()
    with LocalServer(corpus) as server:
        err.print(f"Serving the sample corpus on {server.base_url}")
        report = run_pipeline(
            data_dir,
            crawls=demo_crawl_specs(server.base_url, manifest),
            processes=processes,
            backend="networkx",
            crawl_settings={"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "HTTPCACHE_ENABLED": False},
        )
    html_path = data_dir / "network.html"
    write_network_html(data_dir=data_dir, path=html_path)
    summary = graph_summary(data_dir, backend="networkx")
    elapsed = time.perf_counter() - started
    if json_out:
        print_json({"report": report.__dict__, "summary": summary, "network_html": str(html_path),
                    "seconds": round(elapsed, 1)})
        return
    print_summary(summary)
    out.print(f"Network map: [link=file://{html_path.resolve()}]{html_path}[/] ({elapsed:.0f} s)")


def run_cmd(
    config: Annotated[
        Path | None, typer.Option(help="JSON list of crawls; default <data-dir>/sources.json.")
    ] = None,
    ingest: Annotated[list[Path] | None, typer.Option(help="Local file or folder to ingest (repeatable).")] = None,
    processes: Annotated[int, typer.Option(help="spaCy processes for extraction.")] = 1,
    json_out: Annotated[bool, typer.Option("--json", help="Print the run report as JSON.")] = False,
) -> None:
    """Crawl + ingest + extract + resolve + load, incremental; for a scheduled newsroom run."""
    data_dir = settings.data_dir()
    path = config or data_dir / "sources.json"
    crawls: list[tuple[str, dict[str, str]]] = []
    if path.exists():
        try:
            entries = json.loads(path.read_text("utf-8"))
            crawls = [(e["spider"], {k: str(v) for k, v in e.get("args", {}).items()}) for e in entries]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path} is not a list of {{\"spider\": ..., \"args\": {{...}}}}: {exc}",
                hint='Example: [{"spider": "press", "args": {"feed": "https://www.lemonde.fr/pixels/rss_full.xml"}}]',
            ) from exc
    elif config is not None:
        raise InputError(f"no such file: {config}")
    else:
        err.print(f"[yellow]No {path}: nothing to crawl; extracting, resolving and loading what is stored.[/]")
    report = run_pipeline(data_dir, crawls=crawls, ingest=list(ingest or []), processes=processes)
    if json_out:
        print_json(report.__dict__)
        return
    for name, counts in report.crawls.items():
        out.print(f"crawl {name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for label, counts in (("ingest", report.ingest), ("extract", report.extract),
                          ("resolve", report.resolve), ("load", report.load)):
        if counts:
            out.print(f"{label}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_cmd)
    app.command("run")(run_cmd)
