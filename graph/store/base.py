"""One store interface, two backends: writes through a writer, reads through a view.

A node is a plain dict of its properties (``id``, ``type`` = its label, ``name``...); an edge a
dict with ``type``, ``source``, ``target`` and its properties. Bookkeeping properties (``_hash``)
never leave the store. Model: ``opensanctions/nomenklatura:nomenklatura/store/base.py``.

Example:
    >>> with open_store("networkx", data_dir=path) as store:
    ...     with store.writer() as w:
    ...         w.upsert_nodes(rows)
    ...     store.view().get("siren:532105413")
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import networkx as nx

    from graph.project import EdgeRow, NodeRow

Node = dict[str, Any]
Edge = dict[str, Any]
Direction = Literal["out", "in", "both"]


@dataclass
class LoadState:
    """What a store holds: the hash of every row, and the marker of the last load."""

    node_hashes: dict[str, str] = field(default_factory=dict)
    edge_hashes: dict[str, str] = field(default_factory=dict)
    marker: dict[str, Any] = field(default_factory=dict)


def public(props: dict[str, Any]) -> dict[str, Any]:
    """Properties without the store's bookkeeping (keys starting with ``_``)."""
    return {k: v for k, v in props.items() if not k.startswith("_")}


class Writer(ABC):
    """Buffered writes; everything is flushed when the ``with`` block exits without error."""

    def __init__(self, on_batch: Any = None) -> None:
        self.on_batch = on_batch
        self.batches = 0

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        if exc_type is None:
            self.flush()

    def _committed(self) -> None:
        """Called after each committed batch (tests use it to simulate a crash)."""
        self.batches += 1
        if self.on_batch is not None:
            self.on_batch(self.batches)

    @abstractmethod
    def upsert_nodes(self, rows: Iterable[NodeRow]) -> None: ...

    @abstractmethod
    def upsert_edges(self, rows: Iterable[EdgeRow]) -> None: ...

    @abstractmethod
    def delete_edges(self, keys: Iterable[str]) -> None: ...

    @abstractmethod
    def delete_nodes(self, ids: Iterable[str]) -> None: ...

    @abstractmethod
    def flush(self) -> None: ...


class View(ABC):
    """Read access: get, neighbours, iterate, plus the backend-specific parts of the queries."""

    @abstractmethod
    def get(self, node_id: str) -> Node | None:
        """The node with this id, or the canonical node an id was merged into."""

    @abstractmethod
    def neighbours(
        self, node_id: str, *, direction: Direction = "both", rel_types: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
    ) -> list[tuple[Edge, Node]]:
        """Edges touching ``node_id`` with the node at their other end."""

    @abstractmethod
    def nodes(self, labels: Iterable[str] | None = None) -> Iterator[Node]: ...

    @abstractmethod
    def edges(self, rel_types: Iterable[str] | None = None) -> Iterator[Edge]: ...

    @abstractmethod
    def search_candidates(self, text: str, limit: int) -> list[Node]:
        """Entity nodes that may match ``text`` (ranking is done by :mod:`graph.analysis`)."""

    @abstractmethod
    def shortest_paths(self, a: str, b: str, max_hops: int, rel_types: Iterable[str]) -> list[list[str]]:
        """Every shortest undirected path from ``a`` to ``b`` as node id lists (at most ``max_hops``)."""

    @abstractmethod
    def edges_between(self, a: str, b: str, rel_types: Iterable[str] | None = None) -> list[Edge]: ...

    @abstractmethod
    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}``."""


class GraphStore(ABC):
    """A graph store. Use as a context manager; :func:`graph.store.open_store` picks the backend."""

    backend: str = ""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def writer(self, *, batch_size: int | None = None, on_batch: Any = None) -> Writer: ...

    @abstractmethod
    def view(self) -> View: ...

    @abstractmethod
    def load_state(self) -> LoadState: ...

    @abstractmethod
    def set_marker(self, marker: dict[str, Any]) -> None:
        """Record the load marker (``in_progress``, ledger revision...) durably."""

    def marker_only(self) -> dict[str, Any]:
        """The load marker alone (cheaper than :meth:`load_state`)."""
        return self.load_state().marker

    def close(self) -> None:
        return None

    def to_networkx(self, rel_types: Iterable[str] | None = None, *, entities_only: bool = False) -> nx.MultiDiGraph:
        """A networkx copy of the graph (node and edge ids sorted, so that it is deterministic)."""
        import networkx as nx

        view = self.view()
        g = nx.MultiDiGraph()
        nodes = sorted(view.nodes(), key=lambda n: n["id"])
        for n in nodes:
            if entities_only and n.get("type") == "Document":
                continue
            g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
        for e in sorted(view.edges(rel_types), key=lambda e: (e["source"], e["target"], e["type"])):
            if e["source"] in g and e["target"] in g:
                g.add_edge(e["source"], e["target"], key=e["type"],
                           **{k: v for k, v in e.items() if k not in ("source", "target")})
        return g
