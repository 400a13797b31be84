"""Loading a store from the ledger: incremental, idempotent, safe to re-run after a crash.

Every node and relationship row carries the hash of its content; a load sends only the rows
whose hash differs from what the store holds, and deletes what left the projection (after a
merge, or when a corrected article no longer says something). The store's marker records the
ledger revision it reflects; it is set to ``in_progress`` before the first write and cleared
after the last, so a load killed halfway is finished by the next one: whatever was committed
has its hash in the store, whatever was not is sent again.

Example:
    >>> load(backend="neo4j", data_dir=Path("ciblage-data"))
    {'backend': 'neo4j', 'nodes_created': 120, ..., 'relationships_unchanged': 0}
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ciblage import settings
from ciblage.ledger import LEDGER_FILE, Ledger, now
from graph.project import PROJECTION_VERSION, project

if TYPE_CHECKING:
    from graph.store.base import GraphStore

log = logging.getLogger(__name__)


def load(
    backend: str | None = None, data_dir: Path | None = None, *, full: bool = False,
    batch_size: int | None = None, on_batch: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Bring the store of ``backend`` up to date with the ledger in ``data_dir``.

    Args:
        backend: ``networkx`` or ``neo4j`` (default ``settings.backend()``).
        data_dir: the data directory (default ``settings.data_dir()``).
        full: send every row again, whatever the store holds.
        batch_size: rows per write transaction (Neo4j).
        on_batch: called with the number of committed batches after each one (a test hook).

    Returns:
        Counts: ``nodes_created/updated/deleted/unchanged``, the same for ``relationships_``,
        plus ``backend``, ``revision`` and ``seconds``.
    """
    from graph.store import open_store

    data_dir = Path(data_dir) if data_dir is not None else settings.data_dir()
    with open_store(backend, data_dir=data_dir, refresh=False) as store, Ledger.open(data_dir) as ledger:
        return sync(store, ledger, full=full, batch_size=batch_size, on_batch=on_batch)


def _target(ledger: Ledger) -> dict[str, Any]:
    return {"revision": ledger.revision, "ledger": str(ledger.path.resolve()), "projection": PROJECTION_VERSION}


def is_current(store: GraphStore, ledger: Ledger) -> bool:
    """True when the store's last load finished on this ledger at its current revision."""
    marker = store.marker_only()
    return not marker.get("in_progress") and all(marker.get(k) == v for k, v in _target(ledger).items())


def sync(
    store: GraphStore, ledger: Ledger, *, full: bool = False, batch_size: int | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Diff the ledger's projection against the store and write the difference."""
    started = time.perf_counter()
    state = store.load_state()
    target = _target(ledger)
    counts: dict[str, Any] = {"backend": store.backend, "revision": target["revision"]}
    marker = state.marker
    if not full and not marker.get("in_progress") and all(marker.get(k) == v for k, v in target.items()):
        counts.update(_zero(len(state.node_hashes), len(state.edge_hashes)))
        counts["seconds"] = round(time.perf_counter() - started, 3)
        log.info("graph load: store is current", extra={"backend": store.backend, "revision": target["revision"]})
        return counts
    proj = project(ledger)
    node_new = [r for i, r in sorted(proj.nodes.items()) if i not in state.node_hashes]
    node_changed = [r for i, r in sorted(proj.nodes.items())
                    if i in state.node_hashes and (full or state.node_hashes[i] != r.hash)]
    node_gone = sorted(set(state.node_hashes) - set(proj.nodes))
    edge_new = [r for k, r in sorted(proj.edges.items()) if k not in state.edge_hashes]
    edge_changed = [r for k, r in sorted(proj.edges.items())
                    if k in state.edge_hashes and (full or state.edge_hashes[k] != r.hash)]
    edge_gone = sorted(set(state.edge_hashes) - set(proj.edges))
    store.set_marker({**target, "in_progress": True, "started_at": now()})
    with store.writer(batch_size=batch_size, on_batch=on_batch) as writer:
        writer.upsert_nodes(node_new + node_changed)
        writer.upsert_edges(edge_new + edge_changed)
        writer.delete_edges(edge_gone)
        writer.delete_nodes(node_gone)
    counts.update({
        "nodes_created": len(node_new), "nodes_updated": len(node_changed), "nodes_deleted": len(node_gone),
        "nodes_unchanged": len(proj.nodes) - len(node_new) - len(node_changed),
        "relationships_created": len(edge_new), "relationships_updated": len(edge_changed),
        "relationships_deleted": len(edge_gone),
        "relationships_unchanged": len(proj.edges) - len(edge_new) - len(edge_changed),
    })
    store.set_marker({**target, "in_progress": False, "finished_at": now(),
                      "nodes": len(proj.nodes), "relationships": len(proj.edges)})
    counts["seconds"] = round(time.perf_counter() - started, 3)
    log.info("graph load done", extra={k: v for k, v in counts.items() if k != "backend"})
    return counts


def _zero(nodes: int, edges: int) -> dict[str, int]:
    out = {}
    for kind, n in (("nodes", nodes), ("relationships", edges)):
        out.update({f"{kind}_created": 0, f"{kind}_updated": 0, f"{kind}_deleted": 0, f"{kind}_unchanged": n})
    return out


def refresh_if_stale(store: GraphStore) -> dict[str, Any] | None:
    """Rebuild an embedded store from the ledger when the ledger moved on; None if current."""
    path = store.data_dir / LEDGER_FILE
    if not path.exists():
        return None
    with Ledger.open(store.data_dir) as ledger:
        if is_current(store, ledger):
            return None
        log.info("graph is stale, loading", extra={"backend": store.backend, "revision": ledger.revision})
        return sync(store, ledger)
