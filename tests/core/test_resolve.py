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


def test_resolve_core_name_links_press_short_name_to_registry_name(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        ledger.upsert_entity("siren:912345675", "COMPANY", "DATAVOX CONSEIL", identifiers={"siren": "912345675"})
        ledger.upsert_entity("company:datavox", "COMPANY", "Datavox")
        ledger.upsert_entity("company:data-france", "COMPANY", "Data France")
        ledger.upsert_entity("company:data-groupe", "COMPANY", "Data Groupe")
        resolve(ledger, auto_threshold=95, review_threshold=85)
        canon = canonical_ids(ledger)
    assert canon["company:datavox"] == "siren:912345675"
    # "data" alone is generic: nothing distinctive, no link.
    assert "company:data-france" not in canon and "company:data-groupe" not in canon


def test_resolve_core_name_counts_clusters_not_ids(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        ledger.upsert_entity("siren:912345675", "COMPANY", "DATAVOX CONSEIL", identifiers={"siren": "912345675"})
        ledger.upsert_entity("company:datavox-conseil", "COMPANY", "Datavox Conseil SAS")
        ledger.upsert_entity("company:datavox", "COMPANY", "Datavox")
        resolve(ledger, auto_threshold=95, review_threshold=85)
        canon = canonical_ids(ledger)
    assert canon["company:datavox"] == "siren:912345675"
    assert canon["company:datavox-conseil"] == "siren:912345675"


def test_resolve_local_authority_names_meet_registry_names(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        ledger.upsert_entity("siren:219990108", "PUBLIC_BODY", "COMMUNE DE SAINT-AUBIN-DES-VIGNES",
                             identifiers={"siren": "219990108"})
        ledger.upsert_entity("publicbody:mairie-de-saint-aubin-des-vignes", "PUBLIC_BODY",
                             "mairie de Saint-Aubin-des-Vignes")
        ledger.upsert_entity("publicbody:ville-de-saint-aubin", "PUBLIC_BODY", "Ville de Saint-Aubin")
        resolve(ledger, auto_threshold=95, review_threshold=85)
        canon = canonical_ids(ledger)
    assert canon["publicbody:mairie-de-saint-aubin-des-vignes"] == "siren:219990108"
    assert "publicbody:ville-de-saint-aubin" not in canon
