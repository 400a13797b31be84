"""The Neo4j store over Bolt: schema on first use, batched idempotent writes, indexed reads.

Writes go in ``UNWIND $rows`` batches inside managed write transactions
(``session.execute_write``, retried on transient errors, which MERGE makes safe). Each row
stores its content hash in ``_hash``: the store's load state is read back from the server,
so it is right even when the server was wiped or another machine loaded it.
Model: ``neo4j/neo4j-graphrag-python:src/neo4j_graphrag/components/kg_writer.py``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ciblage import settings
from graph import model, queries
from graph.project import edge_key, split_key
from graph.store.base import Direction, Edge, GraphStore, LoadState, Node, View, Writer, public

if TYPE_CHECKING:
    import neo4j

    from graph.project import EdgeRow, NodeRow

log = logging.getLogger(__name__)
# The server warns about property keys absent from an empty database (``_hash`` before the
# first load); those warnings are expected and would only alarm the user.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
DEFAULT_BATCH = 2000
MARKER_KEY = "load"


def connect() -> neo4j.Driver:
    """A checked driver from the ``NEO4J_*`` settings (see :func:`graph.server.connect`)."""
    from graph.server import connect as server_connect

    return server_connect()


class Neo4jStore(GraphStore):
    """Neo4j backend. Opening it checks the connection and creates the schema if missing."""

    backend = "neo4j"

    def __init__(self, data_dir: Path, driver: neo4j.Driver | None = None, database: str | None = None) -> None:
        super().__init__(data_dir)
        self._own_driver = driver is None
        self.driver = driver or connect()
        self.database = database or settings.neo4j_database()
        self.ensure_schema()

    def close(self) -> None:
        if self._own_driver:
            self.driver.close()

    def run(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        """One read statement, routed to readers; records as dicts."""
        import neo4j

        records, _, _ = self.driver.execute_query(
            query, params, database_=self.database, routing_=neo4j.RoutingControl.READ)
        return [r.data() for r in records]

    def write(self, query: str, /, **params: Any) -> None:
        self.driver.execute_query(query, params, database_=self.database)

    def ensure_schema(self) -> None:
        for statement in queries.SCHEMA:
            self.write(statement)
        self.write(queries.AWAIT_INDEXES, seconds=300)

    def writer(self, *, batch_size: int | None = None, on_batch: Any = None) -> Writer:
        return Neo4jWriter(self, batch_size or DEFAULT_BATCH, on_batch)

    def view(self) -> View:
        return Neo4jView(self)

    def load_state(self) -> LoadState:
        state = LoadState(marker=self.marker_only())
        for rec in self.run(queries.NODE_HASHES):
            state.node_hashes[rec["id"]] = rec["hash"] or ""
        for rec in self.run(queries.EDGE_HASHES):
            state.edge_hashes[edge_key(rec["type"], rec["source"], rec["target"])] = rec["hash"]
        return state

    def marker_only(self) -> dict[str, Any]:
        rows = self.run(queries.GET_MARKER, key=MARKER_KEY)
        marker = dict(rows[0]["marker"]) if rows else {}
        marker.pop("key", None)
        return marker

    def set_marker(self, marker: dict[str, Any]) -> None:
        props = {k: v for k, v in marker.items() if v is not None}
        self.write(queries.SET_MARKER, key=MARKER_KEY, props={**props, "key": MARKER_KEY})


class Neo4jWriter(Writer):
    """Buffers rows per query and sends full batches; phases (nodes, edges, deletions) keep order."""

    def __init__(self, store: Neo4jStore, batch_size: int, on_batch: Any = None) -> None:
        super().__init__(on_batch)
        self.store = store
        self.batch_size = batch_size
        self.phase = 0
        self.buffers: dict[tuple[str, str], list[Any]] = defaultdict(list)

    def _add(self, phase: int, query: str, param: str, items: Iterable[Any]) -> None:
        if phase != self.phase:
            self.flush_buffers()  # rows of an earlier phase must be in before the next starts
            self.phase = phase
        for item in items:
            buf = self.buffers[(query, param)]
            buf.append(item)
            if len(buf) >= self.batch_size:
                self._send(query, param, buf)
                self.buffers[(query, param)] = []

    def _send(self, query: str, param: str, rows: list[Any]) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(query, {param: rows}).consume()

        with self.store.driver.session(database=self.store.database) as session:
            session.execute_write(work)
        self._committed()

    def upsert_nodes(self, rows: Iterable[NodeRow]) -> None:
        for row in rows:
            props = {**row.props, "_hash": row.hash}
            self._add(1, queries.upsert_nodes(row.label), "rows", [{"id": row.id, "props": props}])

    def upsert_edges(self, rows: Iterable[EdgeRow]) -> None:
        for row in rows:
            props = {**row.props, "_hash": row.hash}
            self._add(2, queries.upsert_edges(row.type), "rows",
                      [{"source": row.source, "target": row.target, "props": props}])

    def delete_edges(self, keys: Iterable[str]) -> None:
        for key in keys:
            rtype, source, target = split_key(key)
            self._add(3, queries.delete_edges(rtype), "rows", [{"source": source, "target": target}])

    def delete_nodes(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for key in (model.ENTITY, model.DOCUMENT):
            self._add(4, queries.delete_nodes(key), "ids", ids)

    def flush_buffers(self) -> None:
        for (query, param), buf in list(self.buffers.items()):
            if buf:
                self._send(query, param, buf)
        self.buffers.clear()

    def flush(self) -> None:
        self.flush_buffers()


class Neo4jView(View):
    def __init__(self, store: Neo4jStore) -> None:
        self.store = store

    def get(self, node_id: str) -> Node | None:
        rows = self.store.run(queries.GET_NODE, id=node_id) or self.store.run(queries.GET_MERGED, id=node_id)
        return public(rows[0]["node"]) if rows else None

    def neighbours(
        self, node_id: str, *, direction: Direction = "both", rel_types: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
    ) -> list[tuple[Edge, Node]]:
        node = self.store.run(queries.GET_NODE, id=node_id)
        if not node:
            return []
        key = model.key_label(node[0]["node"]["type"])
        rows = self.store.run(
            queries.neighbours(key, direction), id=node_id,
            types=sorted(rel_types) if rel_types else None, labels=sorted(labels) if labels else None,
        )
        return [(_edge(r), public(r["node"])) for r in rows]

    def nodes(self, labels: Iterable[str] | None = None) -> Iterator[Node]:
        for r in self.store.run(queries.ALL_NODES, labels=sorted(labels) if labels else None):
            yield public(r["node"])

    def edges(self, rel_types: Iterable[str] | None = None) -> Iterator[Edge]:
        for r in self.store.run(queries.ALL_EDGES, types=sorted(rel_types) if rel_types else None):
            yield _edge(r)

    def search_candidates(self, text: str, limit: int) -> list[Node]:
        from graph.search import lucene_query

        query = lucene_query(text)
        if not query:
            return []
        rows = self.store.run(queries.SEARCH_FULLTEXT, query=query, limit=limit)
        return [public(r["node"]) for r in rows]

    def shortest_paths(self, a: str, b: str, max_hops: int, rel_types: Iterable[str]) -> list[list[str]]:
        rows = self.store.run(queries.shortest_paths(max_hops, rel_types), a=a, b=b)
        return [list(p) for p in sorted({tuple(r["ids"]) for r in rows})]

    def edges_between(self, a: str, b: str, rel_types: Iterable[str] | None = None) -> list[Edge]:
        rows = self.store.run(queries.EDGES_BETWEEN, a=a, b=b, types=sorted(rel_types) if rel_types else None)
        return [_edge(r) for r in rows]

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {r["label"]: r["n"] for r in self.store.run(queries.COUNT_NODES)}
        rels = {r["type"]: r["n"] for r in self.store.run(queries.COUNT_RELATIONSHIPS)}
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def _edge(rec: dict[str, Any]) -> Edge:
    return {"source": rec["source"], "target": rec["target"], **public(rec["props"]), "type": rec["type"]}
