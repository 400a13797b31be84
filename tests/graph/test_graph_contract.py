"""One behavioural suite over both stores, on the same fixture graph built through the ledger.

Model: ``opensanctions/nomenklatura:tests/store/test_stores.py``.
"""

from __future__ import annotations

import fixture_graph as fx
import pytest

from ciblage.errors import EntityNotFound, GraphError
from graph import analysis, metrics
from graph.errors import AmbiguousEntity
from graph.search import search


def test_store_counts_nodes_and_relationships_by_type(store) -> None:
    counts = store.view().counts()
    assert counts["nodes"] == {"Company": 2, "Contract": 1, "Document": 2, "Media": 1, "Party": 1,
                               "Person": 1, "PublicBody": 1}
    assert counts["relationships"] == {"AWARDED": 1, "AWARDED_TO": 1, "CLIENT_OF": 2, "DIRECTS": 1,
                                       "MENTIONED_WITH": 1, "MENTIONS": 7, "PARTNER_OF": 1}


def test_store_merged_entity_is_one_node_with_merged_ids(store) -> None:
    node = store.view().get(fx.ELECT)  # the merged-away id still finds the canonical node
    assert node["id"] == fx.ELECT_DUP
    assert node["merged_ids"] == sorted([fx.ELECT, fx.ELECT_DUP])
    assert "Électeurs Analytique" in node["aliases"]


@pytest.mark.parametrize("text, expected", [
    ("zorbifex", fx.ZORBI),
    ("ZORBIFEX data", fx.ZORBI),
    ("zorbfex", fx.ZORBI),                       # a typo
    ("electeurs analytique", fx.ELECT_DUP),       # accents ignored, alias of a merged entity
    ("Parti ecologiste", fx.PARTY),
    ("PEI", fx.PARTY),                            # a sigle
    ("732 829 320", fx.ZORBI),                    # a SIREN as typed in print
    ("73282932000017", fx.ZORBI),                 # a SIRET
    ("dupre valmont", fx.PERSON),
])
def test_search_is_fuzzy_and_ignores_accents_and_case(store, text: str, expected: str) -> None:
    hits = search(store.view(), text)
    assert hits and hits[0]["id"] == expected, hits


def test_search_finds_nothing_for_unrelated_text(store) -> None:
    assert search(store.view(), "xylophone quantique") == []


def test_show_lists_relations_with_evidence_and_sources(store) -> None:
    data = analysis.show(store.view(), "Zorbifex Data")
    assert data["id"] == fx.ZORBI and data["properties"]["siren"] == fx.SIREN
    rel = {(r["type"], r["direction"], r["other"]["id"]): r for r in data["relations"]}
    client = rel[("CLIENT_OF", "in", fx.PARTY)]
    assert client["evidence"] == ["Le Parti Écologiste Inventé a fait appel à Zorbifex Data pour sa campagne."]
    assert client["sources"] == [fixture_docs_id(data, "a1")] and client["source_urls"]
    assert ("PARTNER_OF", "both", fx.ELECT_DUP) in rel
    assert rel[("DIRECTS", "in", fx.PERSON)]["role"] == "Présidente"
    assert data["documents_total"] == 2


def fixture_docs_id(data: dict, suffix: str) -> str:
    return next(d["id"] for d in data["documents"] if d["url"].endswith(suffix))


def test_neighbors_filter_by_label_relation_and_direction(store) -> None:
    view = store.view()
    assert [n["other"]["id"] for n in analysis.neighbors(view, fx.ZORBI, labels=["Person"])["neighbors"]] == [fx.PERSON]
    assert [n["type"] for n in analysis.neighbors(view, fx.ZORBI, rel_types=["AWARDED_TO"])["neighbors"]] == ["AWARDED_TO"]
    assert analysis.neighbors(view, fx.ZORBI, direction="out")["neighbors"] == [
        n for n in analysis.neighbors(view, fx.ZORBI)["neighbors"] if n["direction"] in ("out", "both")]
    with pytest.raises(GraphError):
        analysis.neighbors(view, fx.ZORBI, rel_types=["LIKES"])


def test_path_gives_every_hop_with_its_evidence(store) -> None:
    data = analysis.paths(store.view(), "Jeanne Dupré-Valmont", "Mairie de Villeneuve-sur-Test")
    assert data["total"] == 1
    path = data["paths"][0]
    assert [n["id"] for n in path["nodes"]] == [fx.PERSON, fx.ZORBI, fx.CONTRACT, fx.TOWN]
    assert [h["type"] for h in path["hops"]] == ["DIRECTS", "AWARDED_TO", "AWARDED"]
    assert all(h["evidence"] and h["sources"] for h in path["hops"])
    assert analysis.paths(store.view(), fx.PERSON, fx.TOWN, max_hops=2)["paths"] == []


def test_timeline_is_sorted_by_date(store) -> None:
    events = analysis.timeline(store.view(), fx.ZORBI)["events"]
    dates = [e["date"] for e in events]
    assert dates == sorted(dates) and dates[0] == "2019-06-01"
    assert {e["kind"] for e in events} == {"statement", "document"}


def test_entity_arguments_resolve_or_fail_clearly(store) -> None:
    view = store.view()
    assert analysis.resolve_entity(view, fx.CONTRACT)["id"] == fx.CONTRACT
    with pytest.raises(AmbiguousEntity) as exc:
        analysis.resolve_entity(view, "Inventé")
    assert fx.PARTY in str(exc.value) and fx.MEDIA in str(exc.value)
    with pytest.raises(EntityNotFound):
        analysis.resolve_entity(view, "Entreprise Qui N'existe Pas")


def test_central_and_communities_are_deterministic(store) -> None:
    top = metrics.central(store, limit=3)
    assert top[0]["id"] == fx.ZORBI and top[0]["degree"] == 4
    assert metrics.central(store, by="pagerank", limit=1)[0]["id"] == fx.ZORBI
    groups = metrics.communities(store)
    assert groups == metrics.communities(store)
    assert sum(c["size"] for c in groups) == 6  # the media is only co-mentioned: left out
    assert {m["id"] for m in groups[-1]["members"]} == {fx.CONTRACT, fx.TOWN}


def test_central_leaves_cooccurrence_out_by_default(store) -> None:
    ids = {r["id"] for r in metrics.central(store, limit=50)}
    assert fx.MEDIA not in ids
    assert fx.MEDIA in {r["id"] for r in metrics.central(store, limit=50, include_cooccurrence=True)}


def test_both_backends_answer_the_same(store, request: pytest.FixtureRequest) -> None:
    """Snapshot of every query; the networkx run stores it, the Neo4j run compares."""
    view = store.view()
    answers = {
        "search": [search(view, q) for q in ("zorbifex", "parti", "732829320", "analytique")],
        "show": analysis.show(view, fx.ZORBI), "timeline": analysis.timeline(view, fx.PARTY),
        "path": analysis.paths(view, fx.PERSON, fx.PARTY), "neighbors": analysis.neighbors(view, fx.ELECT_DUP),
        "central": metrics.central(store), "communities": metrics.communities(store),
    }
    for key in ("show", "timeline"):
        answers[key] = _without_clock(answers[key])
    cache = request.config.stash.setdefault(_SNAPSHOT, {})  # type: ignore[arg-type]
    cache[store.backend] = answers
    if "networkx" in cache and store.backend == "neo4j":
        assert answers == cache["networkx"]


_SNAPSHOT = pytest.StashKey[dict]()


def _without_clock(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("first_seen", "last_seen")}
