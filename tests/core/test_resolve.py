"""Resolution: rules, fuzzy candidates, human judgements that machines never override."""

from __future__ import annotations

from pathlib import Path

from ciblage.ledger import Ledger
from nlp.resolve import canonical_ids, pending_reviews, resolve


def _entities(ledger: Ledger) -> None:
    ledger.upsert_entity("siren:912345675", "COMPANY", "DATAVOX CONSEIL", aliases=["DVC"],
                         identifiers={"siren": "912345675"})
    ledger.upsert_entity("company:datavox-conseil", "COMPANY", "Datavox Conseil SAS")
    ledger.upsert_entity("company:dvc", "COMPANY", "DVC")
    ledger.upsert_entity("company:electoralis", "COMPANY", "Électoralis")
    ledger.upsert_entity("company:electoralys", "COMPANY", "Electoralys")
    ledger.upsert_entity("person:a", "PERSON", "Jean Dupont")
    ledger.upsert_entity("person:b", "PERSON", "Jean Dupond")


def test_resolve_links_names_aliases_and_prefers_siren(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        _entities(ledger)
        counts = resolve(ledger, auto_threshold=95, review_threshold=80)
        canon = canonical_ids(ledger)
    assert canon["company:datavox-conseil"] == "siren:912345675"
    assert canon["company:dvc"] == "siren:912345675"
    assert "person:a" not in canon and "person:b" not in canon
    assert counts["merged"] >= 2


def test_resolve_queues_fuzzy_pairs_below_the_auto_threshold(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        _entities(ledger)
        resolve(ledger, auto_threshold=99, review_threshold=80)
        queued = {(p["left"]["id"], p["right"]["id"]) for p in pending_reviews(ledger)}
    assert ("company:electoralis", "company:electoralys") in queued


def test_resolve_never_overrides_a_human_split(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        _entities(ledger)
        resolve(ledger, auto_threshold=95, review_threshold=80)
        ledger.add_judgement("company:dvc", "siren:912345675", "different", "alice")
        again = resolve(ledger, auto_threshold=95, review_threshold=80)
        canon = canonical_ids(ledger)
    assert canon.get("company:dvc", "company:dvc") == "company:dvc"
    assert again["merged"] == 0
