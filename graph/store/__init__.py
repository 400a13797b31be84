"""Graph stores: :func:`open_store` picks the backend (``CIBLAGE_BACKEND``, default networkx).

Example:
    >>> with open_store() as store:
    ...     store.view().get("siren:532105413")
"""

from __future__ import annotations

from pathlib import Path

from ciblage import settings
from graph.store.base import GraphStore, LoadState, View, Writer

__all__ = ["BACKENDS", "GraphStore", "LoadState", "View", "Writer", "open_store"]

BACKENDS = ("networkx", "neo4j")


def open_store(backend: str | None = None, data_dir: Path | None = None, *, refresh: bool = True) -> GraphStore:
    """Open the graph store of ``backend`` (default: ``settings.backend()``).

    Args:
        backend: ``networkx`` or ``neo4j``.
        data_dir: the data directory (default ``settings.data_dir()``).
        refresh: for networkx, rebuild the graph from the ledger first when the ledger moved
            on since the graph was built (Neo4j is only loaded by ``ciblage load``).

    Raises:
        GraphError: for an unknown backend.
        Neo4jUnavailable: when the Neo4j server cannot be used.
    """
    from ciblage.errors import GraphError

    backend = backend or settings.backend()
    data_dir = Path(data_dir) if data_dir is not None else settings.data_dir()
    if backend == "networkx":
        from graph.store.memory import MemoryStore

        store: GraphStore = MemoryStore(data_dir)
        if refresh:
            from graph.load import refresh_if_stale

            refresh_if_stale(store)
        return store
    if backend == "neo4j":
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore(data_dir)
    raise GraphError(f"unknown graph backend {backend!r}", hint="Use --backend networkx or --backend neo4j.")
