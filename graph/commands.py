"""The graph verbs of ``ciblage``: load, the journalist's queries, cypher and export.

Commands are thin: parse, call :mod:`graph.analysis` / :mod:`graph.metrics` /
:mod:`graph.export`, render (rich tables, or JSON on stdout with ``--json``). The backend
comes from the global ``--backend`` option (``CIBLAGE_BACKEND``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ciblage import settings
from ciblage.console import err, out, print_json, print_table

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]


def _store(backend: str | None = None) -> Any:
    from graph.store import open_store

    return open_store(backend, data_dir=settings.data_dir())


def _short(values: Any, n: int = 1) -> str:
    if not values:
        return ""
    if isinstance(values, list):
        text = " | ".join(str(v) for v in values[:n])
        return text + (f" (+{len(values) - n})" if len(values) > n else "")
    return str(values)


def _rel_rows(rels: list[dict[str, Any]]) -> list[list[Any]]:
    arrow = {"out": "→", "in": "←", "both": "↔"}
    return [[f"{arrow[r['direction']]} {r['type']}", r["other"]["name"], r["other"]["type"], r["other"]["id"],
             _short(r.get("evidence")), _short(r.get("sources"), 2)] for r in rels]


def load_cmd(
    backend: Annotated[str | None, typer.Option("--backend", help="networkx or neo4j (default: the global option).")] = None,
    full: Annotated[bool, typer.Option("--full", help="Send every row again, whatever the store holds.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Load the graph store from the ledger: only what changed, idempotent, safe to re-run."""
    from graph.load import load

    if backend is not None and backend not in ("networkx", "neo4j"):
        raise typer.BadParameter("backend must be networkx or neo4j", param_hint="--backend")
    counts = load(backend=backend, data_dir=settings.data_dir(), full=full)
    if json_out:
        print_json(counts)
        return
    print_table(f"load ({counts['backend']}, ledger revision {counts['revision']})",
                ["", "created", "updated", "deleted", "unchanged"],
                [[kind, *(counts[f"{kind}_{c}"] for c in ("created", "updated", "deleted", "unchanged"))]
                 for kind in ("nodes", "relationships")])


def search_cmd(
    text: Annotated[str, typer.Argument(help="A name, part of a name, an alias or an identifier (SIREN...).")],
    limit: Annotated[int, typer.Option(help="Results to show.")] = 10,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Only this label (repeatable): Company, Person...")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Fuzzy search of entities, ignoring accents and case."""
    from graph.search import search

    with _store() as store:
        hits = search(store.view(), text, limit=limit, labels=type_)
    if json_out:
        print_json(hits)
        return
    if not hits:
        err.print(f"No entity matches {text!r}. Is the graph loaded? (`ciblage demo`, `ciblage run`, `ciblage load`)",
                  markup=False)
        return
    print_table(f"search {text!r}", ["score", "name", "type", "id", "matched"],
                [[h["score"], h["name"], h["type"], h["id"], h["matched"]] for h in hits])


def show_cmd(entity: Annotated[str, typer.Argument(help="An id or a name.")], json_out: JsonOpt = False) -> None:
    """An entity: identifiers, aliases, relations with their evidence and sources, documents."""
    from graph.analysis import show

    with _store() as store:
        data = show(store.view(), entity)
    if json_out:
        print_json(data)
        return
    out.print(f"[bold]{data['name']}[/] ({data['type']}) [dim]{data['id']}[/]")
    if data.get("aliases"):
        out.print("aliases: " + ", ".join(data["aliases"]))
    if data["properties"]:
        out.print(", ".join(f"{k}: {_short(v, 3)}" for k, v in data["properties"].items()))
    print_table("relations", ["relation", "with", "type", "id", "evidence", "sources"], _rel_rows(data["relations"]))
    print_table(f"documents ({data['documents_total']})", ["published", "title", "url"],
                [[d.get("published"), d["name"], d.get("url")] for d in data["documents"]])


def neighbors_cmd(
    entity: Annotated[str, typer.Argument(help="An id or a name.")],
    type_: Annotated[list[str] | None, typer.Option("--type", help="Only neighbours with this label (repeatable).")] = None,
    rel: Annotated[list[str] | None, typer.Option("--rel", help="Only this relationship type (repeatable).")] = None,
    direction: Annotated[str, typer.Option(help="out, in or both.")] = "both",
    mentions: Annotated[bool, typer.Option("--mentions", help="Include MENTIONS and MENTIONED_WITH.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """The entity's neighbours, by label, relationship type and direction."""
    from graph.analysis import neighbors

    with _store() as store:
        data = neighbors(store.view(), entity, labels=type_, rel_types=rel, direction=direction,  # type: ignore[arg-type]
                         include_mentions=mentions)
    if json_out:
        print_json(data)
        return
    print_table(f"neighbours of {data['entity']['name']} ({data['entity']['id']})",
                ["relation", "with", "type", "id", "evidence", "sources"], _rel_rows(data["neighbors"]))


def path_cmd(
    a: Annotated[str, typer.Argument(help="From: an id or a name.")],
    b: Annotated[str, typer.Argument(help="To: an id or a name.")],
    max_hops: Annotated[int, typer.Option("--max-hops", help="Longest path searched.")] = 4,
    limit: Annotated[int, typer.Option(help="Paths shown.")] = 10,
    rel: Annotated[list[str] | None, typer.Option("--rel", help="Only this relationship type (repeatable).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Shortest paths between two entities, each hop with its evidence."""
    from graph.analysis import paths

    with _store() as store:
        data = paths(store.view(), a, b, max_hops=max_hops, limit=limit, rel_types=rel)
    if json_out:
        print_json(data)
        return
    if not data["paths"]:
        out.print(f"No path of at most {max_hops} hops between {data['from']['name']} and {data['to']['name']}.")
        return
    names = {n["id"]: n["name"] for p in data["paths"] for n in p["nodes"]}
    for i, p in enumerate(data["paths"], 1):
        out.print(f"[bold]path {i}[/] ({p['length']} hops)")
        for h in p["hops"]:
            arrow = {"out": "→", "in": "←", "both": "↔"}[h["direction"]]
            out.print(f"  {names.get(h['from'], h['from'])} {arrow} {h['type']} {arrow} {names.get(h['to'], h['to'])}")
            for quote in (h.get("evidence") or [])[:2]:
                out.print(f"    [dim]« {quote} »[/]")
            if h.get("sources"):
                out.print(f"    [dim]sources: {', '.join(h['sources'][:3])}[/]")


def timeline_cmd(entity: Annotated[str, typer.Argument(help="An id or a name.")], json_out: JsonOpt = False) -> None:
    """Dated documents and statements about an entity, oldest first."""
    from graph.analysis import timeline

    with _store() as store:
        data = timeline(store.view(), entity)
    if json_out:
        print_json(data)
        return
    print_table(f"timeline of {data['entity']['name']}", ["date", "what", "with", "text", "source"],
                [[e["date"][:10], e["type"], e["other"]["name"], e["text"], e.get("url") or e.get("source")]
                 for e in data["events"]])


def central_cmd(
    limit: Annotated[int, typer.Option(help="Entities shown.")] = 20,
    by: Annotated[str, typer.Option(help="degree, betweenness or pagerank.")] = "degree",
    cooccurrence: Annotated[bool, typer.Option("--cooccurrence", help="Count MENTIONED_WITH links too.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """The most central entities (co-occurrence left out unless asked)."""
    from graph.metrics import central

    with _store() as store:
        rows = central(store, limit=limit, by=by, include_cooccurrence=cooccurrence)
    if json_out:
        print_json(rows)
        return
    print_table(f"most central by {by}", ["name", "type", "id", "degree", "betweenness", "pagerank"],
                [[r["name"], r["type"], r["id"], r["degree"], r["betweenness"], r["pagerank"]] for r in rows])


def communities_cmd(
    seed: Annotated[int, typer.Option(help="Louvain seed (same seed, same answer).")] = 42,
    resolution: Annotated[float, typer.Option(help="Louvain resolution: higher, smaller communities.")] = 1.0,
    cooccurrence: Annotated[bool, typer.Option("--cooccurrence", help="Count MENTIONED_WITH links too.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Communities of entities (Louvain, seeded)."""
    from graph.metrics import communities

    with _store() as store:
        rows = communities(store, seed=seed, resolution=resolution, include_cooccurrence=cooccurrence)
    if json_out:
        print_json(rows)
        return
    print_table("communities", ["#", "size", "types", "main members"],
                [[c["community"], c["size"], ", ".join(f"{k} {v}" for k, v in c["types"].items()),
                  ", ".join(m["name"] for m in c["members"][:6])] for c in rows])


def cypher_cmd(
    query: Annotated[str, typer.Argument(help="A read-only Cypher query; values as $parameters.")],
    param: Annotated[list[str] | None, typer.Option("--param", help="key=value (JSON when it parses), repeatable.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds before the server stops the query.")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Rows kept.")] = 1000,
    json_out: JsonOpt = False,
) -> None:
    """Run a read-only Cypher query on Neo4j (writes are refused)."""
    from graph.cypher import parse_params, run_read_only
    from graph.server import connect

    params = parse_params(param or [])
    with connect() as driver:
        columns, rows, truncated = run_read_only(driver, query, params, database=settings.neo4j_database(),
                                                 timeout=timeout, max_rows=max_rows)
    if json_out:
        print_json({"columns": columns, "rows": rows, "truncated": truncated})
        return
    import json

    print_table(None, columns, [[v if isinstance(v, (str, int, float)) else json.dumps(v, ensure_ascii=False)
                                 for v in (r[c] for c in columns)] for r in rows])
    if truncated:
        out.print(f"[yellow]first {max_rows} rows only (--max-rows)[/]")


def export_cmd(
    format_: Annotated[str, typer.Option("--format", help="gexf, graphml, ftm, csv, html, png or svg.")],
    out_path: Annotated[Path, typer.Option("--out", help="Output file (a directory for csv).")],
    around: Annotated[str | None, typer.Option(help="Only the ego network of this entity (id or name).")] = None,
    depth: Annotated[int, typer.Option(help="Hops around --around.")] = 2,
    json_out: JsonOpt = False,
) -> None:
    """Export the graph (or an entity's ego network) for Gephi, Aleph, neo4j-admin or a browser."""
    from graph.export import FORMATS, export

    if format_.lower() not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    with _store() as store:
        result = export(store, format_, out_path, around=around, depth=depth)
    if json_out:
        print_json(result)
        return
    out.print(f"{result['format']}: {result['nodes']} nodes, {result['relationships']} relationships → "
              + ", ".join(result["files"]))
    if result["format"] == "csv":
        out.print("[dim]neo4j-admin database import full neo4j --nodes=nodes.csv "
                  "--relationships=relationships.csv --array-delimiter='|'[/]")


def register(app: typer.Typer) -> None:
    """Add the graph verbs to the root app."""
    app.command("load")(load_cmd)
    app.command("search")(search_cmd)
    app.command("show")(show_cmd)
    app.command("neighbors")(neighbors_cmd)
    app.command("path")(path_cmd)
    app.command("timeline")(timeline_cmd)
    app.command("central")(central_cmd)
    app.command("communities")(communities_cmd)
    app.command("cypher")(cypher_cmd)
    app.command("export")(export_cmd)
