"""Graph fixtures: the small invented graph, loaded into each backend."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# tests/ is not a package (a tests/graph package would shadow the real ``graph``), so the
# fixture module beside this file is imported by its directory.
sys.path.insert(0, str(Path(__file__).parent))
import fixture_graph  # noqa: E402

from graph.load import load
from graph.store.base import GraphStore


@pytest.fixture()
def fixture_docs(data_dir: Path) -> dict[str, str]:
    """The fixture written into this test's ledger."""
    return fixture_graph.build(data_dir)


@pytest.fixture()
def neo4j_store(neo4j_clean, data_dir: Path) -> Iterator[GraphStore]:
    """A Neo4j store on a wiped database (skips, or fails under CI=true, without a server)."""
    from graph.store.neo4j import Neo4jStore

    store = Neo4jStore(data_dir, driver=neo4j_clean)
    yield store
    store.close()


@pytest.fixture(params=["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, data_dir: Path, fixture_docs: dict[str, str]) -> Iterator[GraphStore]:
    """The fixture graph loaded through the ledger into each backend in turn."""
    if request.param == "networkx":
        from graph.store import open_store

        load("networkx", data_dir)
        with open_store("networkx", data_dir=data_dir) as s:
            yield s
        return
    from ciblage.ledger import Ledger
    from graph.load import sync

    s = request.getfixturevalue("neo4j_store")
    with Ledger.open(data_dir) as ledger:
        sync(s, ledger)
    yield s
