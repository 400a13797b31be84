"""Loads are incremental and idempotent, on both stores; a crashed Neo4j load is finished by the next."""

from __future__ import annotations

from pathlib import Path

import fixture_graph as fx
import pytest

from ciblage.ledger import Ledger
from graph.load import load, sync
from graph.store import open_store
from graph.store.base import GraphStore


def snapshot(store: GraphStore) -> tuple[list, list]:
    g = store.to_networkx()
    return sorted(g.nodes(data=True)), sorted((u, v, k, sorted(a.items())) for u, v, k, a in g.edges(keys=True, data=True))


def test_load_networkx_twice_changes_nothing(data_dir: Path, fixture_docs: dict) -> None:
    first = load("networkx", data_dir)
    assert (first["nodes_created"], first["relationships_created"]) == (9, 14)
    second = load("networkx", data_dir)
    assert second["nodes_unchanged"] == 9 and second["relationships_unchanged"] == 14
    assert sum(v for k, v in second.items() if k.endswith(("_created", "_updated", "_deleted"))) == 0


def test_load_networkx_removes_what_a_correction_withdrew(data_dir: Path, fixture_docs: dict) -> None:
    load("networkx", data_dir)
    fx.correct_article_2(data_dir)
    counts = load("networkx", data_dir)
    assert counts["relationships_deleted"] == 6  # partnership, co-mention, 4 mentions of the old version
    assert counts["relationships_created"] == 0 and counts["nodes_updated"] == 1  # the document's new title
    with open_store("networkx", data_dir) as store:
        assert "PARTNER_OF" not in store.view().counts()["relationships"]


def test_load_networkx_follows_a_merge(data_dir: Path, fixture_docs: dict) -> None:
    load("networkx", data_dir)
    with Ledger.open(data_dir) as ledger:
        ledger.add_judgement(fx.MEDIA, fx.PARTY, "same", "journalist")  # a (wrong) merge, for the test
    counts = load("networkx", data_dir)
    assert counts["nodes_deleted"] == 1
    with open_store("networkx", data_dir) as store:
        node = store.view().get(fx.MEDIA)
        assert node["id"] == fx.MEDIA and fx.PARTY in node["merged_ids"]  # "media:" < "party:"


def test_open_store_rebuilds_a_stale_embedded_graph(data_dir: Path, fixture_docs: dict) -> None:
    with open_store("networkx", data_dir) as store:  # no load yet: built on open
        assert store.view().get(fx.ZORBI) is not None
    fx.correct_article_2(data_dir)
    with open_store("networkx", data_dir) as store:
        assert "PARTNER_OF" not in store.view().counts()["relationships"]
        assert store.marker["revision"] == Ledger.open(data_dir).revision


def test_sources_are_required(data_dir: Path) -> None:
    with Ledger.open(data_dir) as ledger:
        ledger.upsert_entity("company:a", "COMPANY", "A")
        ledger.upsert_entity("company:b", "COMPANY", "B")
    load("networkx", data_dir)
    with open_store("networkx", data_dir) as store:
        assert store.view().counts()["relationships"] == {}


@pytest.mark.neo4j
def test_load_neo4j_is_idempotent(neo4j_store: GraphStore, data_dir: Path, fixture_docs: dict) -> None:
    with Ledger.open(data_dir) as ledger:
        first = sync(neo4j_store, ledger)
        before = snapshot(neo4j_store)
        second = sync(neo4j_store, ledger)
        third = sync(neo4j_store, ledger, full=True)
    assert first["nodes_created"] == 9 and first["relationships_created"] == 14
    assert second["nodes_unchanged"] == 9 and second["relationships_unchanged"] == 14
    assert third["nodes_updated"] == 9 and third["relationships_updated"] == 14
    assert snapshot(neo4j_store) == before


@pytest.mark.neo4j
def test_load_neo4j_crash_then_rerun_equals_a_clean_load(neo4j_store: GraphStore, data_dir: Path,
                                                         fixture_docs: dict) -> None:
    with Ledger.open(data_dir) as ledger:
        sync(neo4j_store, ledger)
        clean = snapshot(neo4j_store)
        neo4j_store.driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_store.database)

        def crash(batches: int) -> None:
            if batches == 3:
                raise RuntimeError("killed halfway")

        with pytest.raises(RuntimeError):
            sync(neo4j_store, ledger, batch_size=2, on_batch=crash)
        assert neo4j_store.marker_only()["in_progress"] is True
        partial = snapshot(neo4j_store)
        assert 0 < len(partial[0]) < len(clean[0])
        counts = sync(neo4j_store, ledger)
        committed = len(partial[0])  # what the three committed batches wrote is not sent again
        assert counts["nodes_unchanged"] == committed and counts["nodes_created"] == 9 - committed
    assert snapshot(neo4j_store) == clean
    assert neo4j_store.marker_only()["in_progress"] is False


@pytest.mark.neo4j
def test_load_neo4j_sends_only_what_changed(neo4j_store: GraphStore, data_dir: Path, fixture_docs: dict) -> None:
    with Ledger.open(data_dir) as ledger:
        sync(neo4j_store, ledger)
    fx.correct_article_2(data_dir)
    batches: list[int] = []
    with Ledger.open(data_dir) as ledger:
        counts = sync(neo4j_store, ledger, batch_size=1, on_batch=batches.append)
    assert counts["nodes_updated"] == 1 and counts["relationships_deleted"] == 6
    assert counts["nodes_unchanged"] == 8 and counts["relationships_unchanged"] == 8
    # One row per batch: 1 node update + 6 relationship deletions (+ node deletions: none).
    assert len(batches) == 7
    assert "PARTNER_OF" not in neo4j_store.view().counts()["relationships"]


@pytest.mark.neo4j
def test_load_neo4j_matches_networkx(neo4j_store: GraphStore, data_dir: Path, fixture_docs: dict) -> None:
    load("networkx", data_dir)
    with Ledger.open(data_dir) as ledger:
        sync(neo4j_store, ledger)
    with open_store("networkx", data_dir) as memory:
        assert snapshot(neo4j_store) == snapshot(memory)


@pytest.mark.neo4j
def test_neo4j_schema_has_constraints_and_folding_fulltext(neo4j_store: GraphStore) -> None:
    indexes = {r["name"]: r for r in neo4j_store.run("SHOW INDEXES YIELD name, type, options RETURN *")}
    assert indexes["entity_names"]["type"] == "FULLTEXT"
    assert indexes["entity_names"]["options"]["indexConfig"]["fulltext.analyzer"] == "standard-folding"
    constraints = {r["name"] for r in neo4j_store.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"entity_id", "document_id"} <= constraints
