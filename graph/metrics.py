"""Centrality and communities, computed by networkx on a graph pulled from any store.

The graph is built with sorted nodes and edges (:meth:`GraphStore.to_networkx`), and Louvain
is seeded, so both backends give the same numbers. Co-occurrence is left out by default: being
named in the same sentence is not a link a journalist would print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from ciblage.errors import GraphError
from graph import model

if TYPE_CHECKING:
    from graph.store.base import GraphStore

MEASURES = ("degree", "betweenness", "pagerank")


def entity_graph(store: GraphStore, *, include_cooccurrence: bool = False) -> nx.Graph:
    """Undirected simple graph of entities; parallel relationships add up in ``weight``."""
    types = list(model.rel_kinds()) if include_cooccurrence else list(model.fact_types())
    types = [t for t in types if t != "MENTIONS"]
    multi = store.to_networkx(types, entities_only=True)
    g = nx.Graph()
    for n, attrs in multi.nodes(data=True):
        g.add_node(n, name=attrs.get("name"), type=attrs.get("type"))
    for u, v, attrs in multi.edges(data=True):
        w = float(attrs.get("weight", 1)) if attrs["type"] == "MENTIONED_WITH" else 1.0
        if g.has_edge(u, v):
            g[u][v]["weight"] += w
        else:
            g.add_edge(u, v, weight=w)
    return g


def central(store: GraphStore, *, limit: int = 20, by: str = "degree",
            include_cooccurrence: bool = False) -> list[dict[str, Any]]:
    """The most central entities with their degree, betweenness and PageRank, best first."""
    if by not in MEASURES:
        raise GraphError(f"unknown measure {by!r}; use one of {', '.join(MEASURES)}")
    g = entity_graph(store, include_cooccurrence=include_cooccurrence)
    g.remove_nodes_from([n for n, d in list(g.degree()) if d == 0])
    if not g:
        return []
    degree = dict(g.degree())
    betweenness = nx.betweenness_centrality(g, normalized=True)
    pagerank = _pagerank(g)
    rows = [{
        "id": n, "name": g.nodes[n].get("name"), "type": g.nodes[n].get("type"), "degree": degree[n],
        "betweenness": round(betweenness[n], 6), "pagerank": round(pagerank[n], 6),
    } for n in g]
    rows.sort(key=lambda r: (-r[by], -r["degree"], r["id"]))
    return rows[:limit]


def communities(store: GraphStore, *, seed: int = 42, resolution: float = 1.0, min_size: int = 2,
                include_cooccurrence: bool = False) -> list[dict[str, Any]]:
    """Louvain communities (seeded, so repeatable), largest first, members by degree."""
    g = entity_graph(store, include_cooccurrence=include_cooccurrence)
    g.remove_nodes_from([n for n, d in list(g.degree()) if d == 0])
    if not g:
        return []
    parts = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    out = []
    for members in parts:
        if len(members) < min_size:
            continue
        ranked = sorted(members, key=lambda n: (-g.degree(n), n))
        types: dict[str, int] = {}
        for n in ranked:
            t = g.nodes[n].get("type") or "?"
            types[t] = types.get(t, 0) + 1
        out.append({
            "size": len(members), "types": dict(sorted(types.items())),
            "members": [{"id": n, "name": g.nodes[n].get("name"), "type": g.nodes[n].get("type"),
                         "degree": g.degree(n)} for n in ranked],
        })
    out.sort(key=lambda c: (-c["size"], c["members"][0]["id"]))
    for i, c in enumerate(out, 1):
        c["community"] = i
    return out


def _pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration (``nx.pagerank`` needs scipy, which we do without)."""
    nodes = sorted(g)
    n = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    strength = {u: sum(d.get("weight", 1.0) for d in g[u].values()) for u in nodes}
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, d in g[u].items():
                    new[v] += share * d.get("weight", 1.0)
        if sum(abs(new[u] - rank[u]) for u in nodes) < n * tol:
            return new
        rank = new
    return rank
