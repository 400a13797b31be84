"""The embedded store: a networkx ``MultiDiGraph`` pickled in the data directory.

One edge per (source, target, type), keyed by type. The file also keeps the load marker (the
ledger revision it was built from), so a reader can tell the graph is stale and rebuild it.
The pickle is only ever read from the user's own data directory.
Model: ``opensanctions/nomenklatura:nomenklatura/store/memory.py``.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph import model
from graph.project import split_key
from graph.store.base import Direction, Edge, GraphStore, LoadState, Node, View, Writer, public

if TYPE_CHECKING:
    from graph.project import EdgeRow, NodeRow

log = logging.getLogger(__name__)
GRAPH_FILE = "graph.pickle"


class MemoryStore(GraphStore):
    """networkx backend (the default: no server needed)."""

    backend = "networkx"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.path = self.data_dir / GRAPH_FILE
        self.graph = nx.MultiDiGraph()
        self.marker: dict[str, Any] = {}
        self._merged: dict[str, str] | None = None
        self._search: tuple[list[str], list[str], dict[str, list[str]]] | None = None
        if self.path.exists():
            with self.path.open("rb") as fh:
                data = pickle.load(fh)  # noqa: S301 - our own file in the user's data dir
            self.graph, self.marker = data["graph"], data["marker"]

    def save(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump({"graph": self.graph, "marker": self.marker}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)  # atomic: a crash leaves the previous graph whole
        self._merged = None
        self._search = None

    def writer(self, *, batch_size: int | None = None, on_batch: Any = None) -> Writer:
        return MemoryWriter(self, on_batch=on_batch)

    def view(self) -> View:
        return MemoryView(self)

    def load_state(self) -> LoadState:
        g = self.graph
        return LoadState(
            node_hashes={n: a.get("_hash", "") for n, a in g.nodes(data=True)},
            edge_hashes={a["_key"]: a.get("_hash", "") for *_, a in g.edges(data=True)},
            marker=dict(self.marker),
        )

    def set_marker(self, marker: dict[str, Any]) -> None:
        self.marker = dict(marker)
        if not marker.get("in_progress"):
            # The file is replaced atomically, so an interrupted load leaves the previous
            # graph and marker whole: only the final marker needs writing.
            self.save()

    def marker_only(self) -> dict[str, Any]:
        return dict(self.marker)

    def search_index(self) -> tuple[list[str], list[str], dict[str, list[str]]]:
        """Folded names and aliases with their node ids, and identifiers -> node ids (cached)."""
        if self._search is None:
            from ciblage.ids import fold

            names, owners, keys = [], [], {}
            for n, a in self.graph.nodes(data=True):
                if a.get("type") == model.DOCUMENT:
                    continue
                for name in {a.get("name") or "", *(a.get("aliases") or [])}:
                    if name:
                        names.append(fold(name))
                        owners.append(n)
                for key in a.get("search_keys") or ():
                    keys.setdefault(key, []).append(n)
            self._search = (names, owners, keys)
        return self._search

    def merged_index(self) -> dict[str, str]:
        if self._merged is None:
            self._merged = {
                raw: n for n, a in self.graph.nodes(data=True) for raw in a.get("merged_ids", ())
            }
        return self._merged


class MemoryWriter(Writer):
    """Applies rows to the in-memory graph at once; ``flush`` writes the file."""

    def __init__(self, store: MemoryStore, on_batch: Any = None) -> None:
        super().__init__(on_batch)
        self.store = store

    def upsert_nodes(self, rows: Iterable[NodeRow]) -> None:
        g = self.store.graph
        for row in rows:
            if row.id in g:
                g.nodes[row.id].clear()
            g.add_node(row.id, **row.props, _hash=row.hash)

    def upsert_edges(self, rows: Iterable[EdgeRow]) -> None:
        g = self.store.graph
        for row in rows:
            if g.has_edge(row.source, row.target, row.type):
                g.remove_edge(row.source, row.target, row.type)
            g.add_edge(row.source, row.target, key=row.type, type=row.type, **row.props,
                       _key=row.key, _hash=row.hash)

    def delete_edges(self, keys: Iterable[str]) -> None:
        g = self.store.graph
        for key in keys:
            rtype, source, target = split_key(key)
            if g.has_edge(source, target, rtype):
                g.remove_edge(source, target, rtype)

    def delete_nodes(self, ids: Iterable[str]) -> None:
        self.store.graph.remove_nodes_from(list(ids))

    def flush(self) -> None:
        self.store.save()
        self._committed()


class MemoryView(View):
    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.g = store.graph

    def _node(self, node_id: str) -> Node:
        return {"id": node_id, **public(self.g.nodes[node_id])}

    def get(self, node_id: str) -> Node | None:
        if node_id in self.g:
            return self._node(node_id)
        canonical = self.store.merged_index().get(node_id)
        return self._node(canonical) if canonical else None

    def neighbours(
        self, node_id: str, *, direction: Direction = "both", rel_types: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
    ) -> list[tuple[Edge, Node]]:
        if node_id not in self.g:
            return []
        types = set(rel_types) if rel_types else None
        wanted = set(labels) if labels else None
        out: list[tuple[Edge, Node]] = []
        if direction in ("out", "both"):
            for _, other, key, attrs in self.g.out_edges(node_id, keys=True, data=True):
                out.append((_edge(node_id, other, attrs), self._node(other)))
        if direction in ("in", "both"):
            for other, _, key, attrs in self.g.in_edges(node_id, keys=True, data=True):
                out.append((_edge(other, node_id, attrs), self._node(other)))
        return [
            (e, n) for e, n in out
            if (types is None or e["type"] in types) and (wanted is None or n.get("type") in wanted)
        ]

    def nodes(self, labels: Iterable[str] | None = None) -> Iterator[Node]:
        wanted = set(labels) if labels else None
        for n, attrs in self.g.nodes(data=True):
            if wanted is None or attrs.get("type") in wanted:
                yield {"id": n, **public(attrs)}

    def edges(self, rel_types: Iterable[str] | None = None) -> Iterator[Edge]:
        types = set(rel_types) if rel_types else None
        for u, v, attrs in self.g.edges(data=True):
            if types is None or attrs["type"] in types:
                yield _edge(u, v, attrs)

    def search_candidates(self, text: str, limit: int) -> list[Node]:
        # rapidfuzz preselects over every folded name and alias (C speed), identifiers match
        # exactly; graph.search then scores the candidates as it does for Neo4j.
        from rapidfuzz import fuzz, process

        from ciblage.ids import clean_siren, fold

        names, owners, keys = self.store.search_index()
        found: list[str] = []
        q = fold(text)
        if q:
            for _, _, i in process.extract(q, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=50):
                found.append(owners[i])
        for key in {text.strip(), q.replace(" ", ""), clean_siren(text) or ""} - {""}:
            found.extend(keys.get(key, ()))
        return [self._node(n) for n in dict.fromkeys(found)]

    def shortest_paths(self, a: str, b: str, max_hops: int, rel_types: Iterable[str]) -> list[list[str]]:
        """Every shortest path from ``a`` to ``b`` over both directions, at most ``max_hops``.

        A bidirectional BFS: each step expands the smaller frontier by one level, and the
        search stops at the first level where the two sides meet, so a path of length d
        explores about two balls of radius d/2 instead of one of radius d. No copy of the
        graph is made.
        """
        types = set(rel_types)
        g = self.g
        if a not in g or b not in g:
            return []
        if a == b:
            return [[a]]

        def neighbours(n: str) -> Iterator[str]:
            for _, v, t in g.out_edges(n, data="type"):
                if t in types:
                    yield v
            for u, _, t in g.in_edges(n, data="type"):
                if t in types:
                    yield u

        # Per side: node -> (distance, parents towards that side's root), and its frontier.
        seen: tuple[dict[str, tuple[int, set[str]]], ...] = ({a: (0, set())}, {b: (0, set())})
        frontier: tuple[list[str], list[str]] = ([a], [b])
        depth = [0, 0]
        while depth[0] + depth[1] < max_hops and frontier[0] and frontier[1]:
            side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
            mine, other = seen[side], seen[1 - side]
            level: dict[str, set[str]] = {}
            for n in frontier[side]:
                for m in neighbours(n):
                    if m not in mine:
                        level.setdefault(m, set()).add(n)
            depth[side] += 1
            for m, ps in level.items():
                mine[m] = (depth[side], ps)
            frontier[side][:] = list(level)
            meet = [m for m in level if m in other]
            if meet:
                d = min(depth[side] + other[m][0] for m in meet)
                middle = [m for m in meet if depth[side] + other[m][0] == d]
                return sorted(
                    [*left, *reversed(right[:-1])]
                    for m in middle
                    for left in self._walk(seen[0], a, m)
                    for right in self._walk(seen[1], b, m)
                )
        return []

    @staticmethod
    def _walk(seen: dict[str, tuple[int, set[str]]], root: str, node: str) -> Iterator[list[str]]:
        """Every BFS path from ``root`` to ``node`` through the recorded parents."""
        if node == root:
            yield [root]
            return
        for parent in seen[node][1]:
            for path in MemoryView._walk(seen, root, parent):
                yield [*path, node]

    def edges_between(self, a: str, b: str, rel_types: Iterable[str] | None = None) -> list[Edge]:
        types = set(rel_types) if rel_types else None
        out = []
        for u, v in ((a, b), (b, a)):
            for attrs in (self.g.get_edge_data(u, v) or {}).values():
                if types is None or attrs["type"] in types:
                    out.append(_edge(u, v, attrs))
        return out

    def counts(self) -> dict[str, dict[str, int]]:
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for _, label in self.g.nodes(data="type"):
            nodes[label] = nodes.get(label, 0) + 1
        for *_, rtype in self.g.edges(data="type"):
            rels[rtype] = rels.get(rtype, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def _edge(source: str, target: str, attrs: dict[str, Any]) -> Edge:
    return {"source": source, "target": target, **public(attrs)}
