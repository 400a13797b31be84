"""The journalist's queries over any store: resolve, show, neighbours, paths, timeline.

Everything here reads through the store's :class:`~graph.store.base.View` and returns plain
data (dicts and lists, JSON-ready), so both backends give the same answers. Centrality and
communities are in :mod:`graph.metrics`.

Example:
    >>> with open_store() as store:
    ...     node = resolve_entity(store.view(), "Zorbifex")
    ...     paths(store.view(), node["id"], "Parti Écologiste Inventé", max_hops=3)
"""

from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING, Any

from ciblage.errors import EntityNotFound, GraphError
from graph import model
from graph.errors import AmbiguousEntity
from graph.search import search

if TYPE_CHECKING:
    from graph.store.base import Direction, Edge, Node, View

#: Score from which a name alone designates an entity.
RESOLVE_SCORE = 90.0
#: Properties of a node shown as its identity rather than as extra properties.
IDENTITY = ("id", "type", "name", "aliases", "merged_ids", "search_keys", "first_seen", "last_seen")


def resolve_entity(view: View, text: str) -> Node:
    """The node designated by an id (or a merged id) or a name.

    Raises:
        EntityNotFound: when nothing matches.
        AmbiguousEntity: when several entities match the name equally well.
    """
    node = view.get(text.strip())
    if node is not None:
        return node
    hits = search(view, text, limit=10, min_score=60.0)
    exact = [h for h in hits if h["score"] >= 100.0]
    if len(exact) == 1:
        return view.get(exact[0]["id"])  # type: ignore[return-value]
    if len(exact) > 1:
        raise AmbiguousEntity(text, exact)
    strong = [h for h in hits if h["score"] >= RESOLVE_SCORE]
    if len(strong) == 1 or (strong and strong[0]["score"] - strong[1]["score"] >= 5):
        return view.get(strong[0]["id"])  # type: ignore[return-value]
    if strong:
        raise AmbiguousEntity(text, strong)
    near = "; ".join(f"{h['name']} (id {h['id']})" for h in hits[:5])
    raise EntityNotFound(f"no entity matches {text!r}" + (f" (closest: {near})" if near else ""))


def _other(edge: Edge, node_id: str) -> tuple[str, str]:
    """The other end of ``edge`` and the direction seen from ``node_id``."""
    if edge["source"] == node_id:
        return edge["target"], "out"
    return edge["source"], "in"


def _brief(node: Node) -> dict[str, Any]:
    return {"id": node["id"], "name": node.get("name"), "type": node.get("type")}


def relation(edge: Edge, node_id: str, other: Node) -> dict[str, Any]:
    """An edge as seen from one of its ends, with its provenance."""
    _, direction = _other(edge, node_id)
    if model.is_symmetric(edge["type"]):
        direction = "both"
    fixed = ("type", "source", "target")
    return {
        "type": edge["type"], "direction": direction, "other": _brief(other),
        **{k: v for k, v in sorted(edge.items()) if k not in fixed},
    }


def _sort_relations(rels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rels, key=lambda r: (r["type"], r["direction"], r["other"]["id"]))


def show(view: View, text: str, *, mentions: int = 10) -> dict[str, Any]:
    """One entity: identity, identifiers, aliases, properties, relations with their evidence,
    the documents that mention it and the entities it is most often mentioned with."""
    node = resolve_entity(view, text)
    nid = node["id"]
    facts, documents, cooccur = [], [], []
    for edge, other in view.neighbours(nid):
        rel = relation(edge, nid, other)
        if edge["type"] == "MENTIONS":
            documents.append({**_brief(other), "url": other.get("url"), "published": other.get("published"),
                              "count": edge.get("count", 1)})
        elif edge["type"] == "MENTIONED_WITH":
            cooccur.append(rel)
        else:
            facts.append(rel)
    documents.sort(key=lambda d: (d.get("published") or "", d["id"]), reverse=True)
    cooccur.sort(key=lambda r: (-r.get("weight", r.get("count", 0)), r["other"]["id"]))
    return {
        **{k: node.get(k) for k in IDENTITY if k in node},
        "properties": {k: v for k, v in sorted(node.items()) if k not in IDENTITY},
        "relations": _sort_relations(facts),
        "documents": documents[:mentions] if mentions else documents,
        "documents_total": len(documents),
        "mentioned_with": cooccur[:mentions] if mentions else cooccur,
    }


def neighbors(view: View, text: str, *, labels: list[str] | None = None, rel_types: list[str] | None = None,
              direction: Direction = "both", include_mentions: bool = False) -> dict[str, Any]:
    """The entity's neighbours, filtered by node label, relationship type and direction."""
    for label in labels or []:
        model.check_label(label)
    for rtype in rel_types or []:
        model.check_rel_type(rtype)
    if direction not in ("in", "out", "both"):
        raise GraphError(f"direction must be in, out or both, not {direction!r}")
    node = resolve_entity(view, text)
    types = rel_types or (list(model.rel_kinds()) if include_mentions else list(model.fact_types()))
    # Symmetric relationships are stored one way but read both ways: filter after reading.
    rels = [relation(e, node["id"], other)
            for e, other in view.neighbours(node["id"], rel_types=types, labels=labels)]
    rels = [r for r in rels if direction == "both" or r["direction"] in (direction, "both")]
    return {"entity": _brief(node), "neighbors": _sort_relations(rels)}


def _hop(edge: Edge, frm: str) -> dict[str, Any]:
    keep = ("evidence", "sources", "source_urls", "first_seen", "last_seen", "confidence", "count")
    return {"from": frm, "to": edge["target"] if edge["source"] == frm else edge["source"], "type": edge["type"],
            "direction": "both" if model.is_symmetric(edge["type"]) else ("out" if edge["source"] == frm else "in"),
            **{k: edge[k] for k in keep if k in edge}}


def paths(view: View, a: str, b: str, *, max_hops: int = 4, limit: int = 10,
          rel_types: list[str] | None = None) -> dict[str, Any]:
    """Shortest paths from A to B (up to ``max_hops``), every hop with its evidence.

    Co-occurrence (MENTIONS, MENTIONED_WITH) is left out unless asked for in ``rel_types``.
    """
    from graph.queries import MAX_HOPS_LIMIT

    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise GraphError(f"--max-hops must be from 1 to {MAX_HOPS_LIMIT}")
    for rtype in rel_types or []:
        model.check_rel_type(rtype)
    start, end = resolve_entity(view, a), resolve_entity(view, b)
    if start["id"] == end["id"]:
        raise GraphError(f"{a!r} and {b!r} are the same entity ({start['id']})")
    types = rel_types or list(model.fact_types())
    found: list[dict[str, Any]] = []
    for ids in view.shortest_paths(start["id"], end["id"], max_hops, types):
        per_hop = [[_hop(e, u) for e in sorted(view.edges_between(u, v, types), key=lambda e: e["type"])]
                   for u, v in zip(ids, ids[1:])]
        for combo in product(*per_hop):
            found.append({"length": len(ids) - 1, "nodes": ids, "hops": list(combo)})
    found.sort(key=lambda p: (p["length"], p["nodes"], [h["type"] for h in p["hops"]]))
    names = {}
    for p in found[:limit]:
        for nid in p["nodes"]:
            if nid not in names:
                names[nid] = _brief(view.get(nid) or {"id": nid})
        p["nodes"] = [names[n] for n in p["nodes"]]
    return {"from": _brief(start), "to": _brief(end), "max_hops": max_hops, "paths": found[:limit],
            "total": len(found)}


def timeline(view: View, text: str) -> dict[str, Any]:
    """Dated events about an entity, oldest first: each quote of each relation with its date and
    source, and each document that mentions it. Undated events come last."""
    node = resolve_entity(view, text)
    nid = node["id"]
    events = []
    for edge, other in view.neighbours(nid):
        if edge["type"] == "MENTIONS":
            events.append({"date": other.get("published") or "", "kind": "document", "type": "MENTIONS",
                           "other": _brief(other), "text": other.get("title") or other.get("name"),
                           "source": other["id"], "url": other.get("url")})
            continue
        direction = relation(edge, nid, other)["direction"]
        quotes = edge.get("evidence") or []
        for i, quote in enumerate(quotes):
            events.append({
                "date": _at(edge.get("evidence_dates"), i) or edge.get("first_seen") or "",
                "kind": "statement", "type": edge["type"], "direction": direction, "other": _brief(other),
                "text": quote, "source": _at(edge.get("evidence_sources"), i),
                "url": _at(edge.get("evidence_urls"), i) or None,
            })
    events.sort(key=lambda e: (e["date"] == "", e["date"], e["kind"], e["type"], e["other"]["id"], e["text"] or ""))
    return {"entity": _brief(node), "events": events}


def _at(values: list[Any] | None, i: int) -> Any:
    return values[i] if values and i < len(values) else None


def summary(view: View) -> dict[str, Any]:
    """Counts of nodes by label and relationships by type."""
    counts = view.counts()
    return {**counts, "nodes_total": sum(counts["nodes"].values()),
            "relationships_total": sum(counts["relationships"].values())}
