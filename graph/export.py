"""Exports of the graph: GEXF and GraphML (Gephi, yEd), FollowTheMoney JSON lines (Aleph),
CSV for ``neo4j-admin database import``, plus the HTML map and PNG/SVG in :mod:`graph.html`.

Exports read from the store interface, so they are the same from both backends.
``around``/``depth`` narrow any export to an entity's ego network. FollowTheMoney entities
are written by a hand-made mapping (no ``followthemoney`` dependency): the schema of each
node and relationship type is in ``vocabulary.json`` (``ftm``, ``ftm_roles``).
Model: ``alephdata/followthemoney:followthemoney/export/graph.py``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ciblage.errors import GraphError
from ciblage.ids import short_hash
from graph import model

if TYPE_CHECKING:
    from graph.store.base import GraphStore

FORMATS = ("gexf", "graphml", "ftm", "csv", "html", "png", "svg")
ARRAY_DELIMITER = "|"


def select(store: GraphStore, *, around: str | None = None, depth: int = 2, documents: bool = True,
           cooccurrence: bool = True) -> nx.MultiDiGraph:
    """The graph to export: everything, or the ego network of ``around`` up to ``depth`` hops."""
    types = [t for t in model.rel_kinds()
             if (cooccurrence or t not in model.cooccurrence_types()) and (documents or t != "MENTIONS")]
    g = store.to_networkx(types, entities_only=not documents)
    if around is None:
        return g
    from graph.analysis import resolve_entity

    centre = resolve_entity(store.view(), around)["id"]
    if centre not in g:
        raise GraphError(f"{centre} is not in the exported graph")
    return g.subgraph(nx.ego_graph(g.to_undirected(as_view=True), centre, radius=depth)).copy()


def export(store: GraphStore, fmt: str, out: Path, *, around: str | None = None, depth: int = 2) -> dict[str, Any]:
    """Write ``store`` (or the ego network of ``around``) to ``out`` in ``fmt``; returns counts and paths."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise GraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt in ("html", "png", "svg"):
        from graph import html

        writer = html.write_network_html if fmt == "html" else html.write_network_image
        g = select(store, around=around, depth=depth, documents=False, cooccurrence=False)
        path = writer(g, out)
        return {"format": fmt, "files": [str(path)], "nodes": g.number_of_nodes(), "relationships": g.number_of_edges()}
    g = select(store, around=around, depth=depth)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gexf":
        nx.write_gexf(flat_graph(g), out)
        files = [out]
    elif fmt == "graphml":
        nx.write_graphml(flat_graph(g), out)
        files = [out]
    elif fmt == "ftm":
        files = [write_ftm(g, out)]
    else:
        files = write_admin_csv(g, out)
    return {"format": fmt, "files": [str(f) for f in files], "nodes": g.number_of_nodes(),
            "relationships": g.number_of_edges()}


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GEXF/GraphML accept: lists as JSON text, one type per key.

    Nodes get a ``label`` (their name) for Gephi; edges an ``id``.
    """
    flat = nx.MultiDiGraph()
    node_attrs = {n: _flat({**a, "label": a.get("name") or n}) for n, a in g.nodes(data=True)}
    # GEXF reserves an edge's "type" (directed/undirected): the relationship type is also "relation".
    edge_attrs = [(u, v, k, _flat({**a, "relation": a["type"], "label": a["type"], "id": f"{a['type']}|{u}|{v}"}))
                  for u, v, k, a in g.edges(keys=True, data=True)]
    _unify([a for a in node_attrs.values()])
    _unify([a for *_, a in edge_attrs])
    flat.add_nodes_from(node_attrs.items())
    for u, v, k, a in edge_attrs:
        flat.add_edge(u, v, key=k, **a)
    return flat


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in attrs.items():
        if v is None:
            continue
        out[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
    return out


def _unify(rows: list[dict[str, Any]]) -> None:
    """Give each key one type across all rows (GEXF and GraphML declare one per key)."""
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for k, v in row.items():
            kinds.setdefault(k, set()).add(type(v))
    for k, types in kinds.items():
        if len(types) == 1:
            continue
        cast = float if types <= {int, float} else str
        for row in rows:
            if k in row:
                row[k] = cast(row[k])


# -- CSV for neo4j-admin import -------------------------------------------------------------

def _csv_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    if kinds == {list}:
        inner = {type(x) for v in values if v for x in v}
        return "long[]" if inner == {int} else "double[]" if inner and inner <= {int, float} else "string[]"
    return "string"


def _csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind.endswith("[]"):
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, "/") for x in value)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value) if not isinstance(value, (list, dict)) else json.dumps(value, ensure_ascii=False)


def write_admin_csv(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    """``nodes.csv`` and ``relationships.csv`` in the directory ``out``, headers typed for
    ``neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv
    --array-delimiter='|'``."""
    out.mkdir(parents=True, exist_ok=True)
    nodes_path, rels_path = out / "nodes.csv", out / "relationships.csv"
    node_keys = sorted({k for _, a in g.nodes(data=True) for k in a} - {"type"})
    node_types = {k: _csv_type([a.get(k) for _, a in g.nodes(data=True)]) for k in node_keys}
    with nodes_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id:ID", ":LABEL", *(f"{k}:{node_types[k]}" for k in node_keys)])
        for n, a in sorted(g.nodes(data=True)):
            label = a.get("type") or "Entity"
            labels = [label] if model.key_label(label) == label else [model.key_label(label), label]
            w.writerow([n, ";".join(labels), *(_csv_value(a.get(k), node_types[k]) for k in node_keys)])
    edge_keys = sorted({k for *_, a in g.edges(data=True) for k in a} - {"type"})
    edge_types = {k: _csv_type([a.get(k) for *_, a in g.edges(data=True)]) for k in edge_keys}
    with rels_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{k}:{edge_types[k]}" for k in edge_keys)])
        for u, v, a in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
            w.writerow([u, v, a["type"], *(_csv_value(a.get(k), edge_types[k]) for k in edge_keys)])
    return [nodes_path, rels_path]


# -- FollowTheMoney ---------------------------------------------------------------------------

def _ftm_node(nid: str, a: dict[str, Any]) -> dict[str, Any] | None:
    kind = model.kind_of_label(a.get("type") or "")
    props: dict[str, list[Any]] = {}
    if kind.label == model.DOCUMENT:
        props = {"title": [a.get("title") or a.get("name")], "sourceUrl": [a.get("url")],
                 "publishedAt": [a.get("published")], "author": [a.get("author")], "publisher": [a.get("source")]}
    elif kind.ftm == "Address":
        props = {"full": [a.get("name")]}
    elif kind.ftm == "Contract":
        props = {"title": [a.get("name")], "amount": [a.get("amount")]}
    else:
        props = {"name": [a.get("name")], "alias": list(a.get("aliases") or [])}
        if kind.ftm in ("Company", "Organization", "PublicBody"):
            props["registrationNumber"] = _as_list(a.get("siren"))
            props["idNumber"] = _as_list(a.get("siret"))
    props = {k: [str(v) for v in vs if v not in (None, "")] for k, vs in props.items()}
    return {"id": nid, "schema": kind.ftm, "properties": {k: v for k, v in props.items() if v}}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _ftm_edge(u: str, v: str, a: dict[str, Any]) -> dict[str, Any] | None:
    kind = model.rel_kinds()[a["type"]]
    if not kind.ftm or "." in kind.ftm:
        return None  # MENTIONED_WITH has no FtM form; AWARDED becomes Contract.authority
    first, second = kind.ftm_roles
    props: dict[str, list[Any]] = {first: [u], second: [v]}
    role = a.get("role") or kind.role
    if role:
        props["role"] = _as_list(role)
    if a.get("amount") is not None and kind.ftm == "ContractAward":
        props["amount"] = _as_list(a["amount"])
    if a.get("share") is not None and kind.ftm == "Ownership":
        props["percentage"] = _as_list(a["share"])
    if kind.ftm != "Documentation":
        props["startDate"] = [a.get("first_seen", "")[:10]]
        props["endDate"] = [a.get("last_seen", "")[:10]] if a.get("last_seen") != a.get("first_seen") else []
        props["description"] = list(a.get("evidence") or [])[:20]
    props["sourceUrl"] = list(a.get("source_urls") or [])
    props["recordId"] = list(a.get("sources") or [])
    props = {k: [str(x) for x in vs if x not in (None, "")] for k, vs in props.items()}
    return {"id": f"rel:{short_hash(a['type'], u, v)}", "schema": kind.ftm,
            "properties": {k: vs for k, vs in props.items() if vs}}


def write_ftm(g: nx.MultiDiGraph, out: Path) -> Path:
    """FollowTheMoney entities as JSON lines (``{"id", "schema", "properties"}``)."""
    authorities: dict[str, list[str]] = {}
    for u, v, a in g.edges(data=True):
        if a["type"] == "AWARDED":
            authorities.setdefault(v, []).append(u)
    with out.open("w", encoding="utf-8") as fh:
        for nid, a in sorted(g.nodes(data=True)):
            entity = _ftm_node(nid, a)
            if entity is None:
                continue
            if nid in authorities:
                entity["properties"]["authority"] = sorted(authorities[nid])
            fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        for u, v, a in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
            entity = _ftm_edge(u, v, a)
            if entity is not None:
                fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return out
