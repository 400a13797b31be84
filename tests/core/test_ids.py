"""Ids and names: stable ids, checksums, readable display names."""

from __future__ import annotations

import pytest

from ciblage.ids import clean_siren, display_name, entity_id, luhn_valid, normalise_name


@pytest.mark.parametrize(
    ("etype", "name", "siren", "expected"),
    [
        ("COMPANY", "Liegey Muller Pons SAS", None, "company:liegey-muller-pons"),
        ("COMPANY", "Spallian", "532 105 413", "siren:532105413"),
        ("COMPANY", "X", "53210541300017", "siren:532105413"),
        ("PUBLIC_BODY", "CNIL", None, "publicbody:cnil"),
    ],
)
def test_entity_id_is_stable_and_prefers_siren(etype: str, name: str, siren: str | None, expected: str) -> None:
    assert entity_id(etype, name, siren=siren) == expected


def test_entity_id_never_slugs_a_personal_name() -> None:
    pid = entity_id("PERSON", "Guillaume Liegey")
    assert pid.startswith("person:") and "liegey" not in pid
    assert pid == entity_id("PERSON", "guillaume  LIEGEY")


def test_normalise_name_drops_accents_case_and_legal_forms() -> None:
    assert normalise_name("Électoralis SARL") == normalise_name("ELECTORALIS") == "electoralis"


def test_siren_checksum_and_cleaning() -> None:
    assert luhn_valid("732829320") and not luhn_valid("732829321")
    assert clean_siren("732 829 320 00074") == "732829320" and clean_siren("12") is None


@pytest.mark.parametrize(
    ("name", "alternatives", "expected"),
    [
        ("DATAVOX CONSEIL", ["Datavox Conseil SAS", "Datavox Conseil"], "Datavox Conseil"),
        ("COMMUNE DE VILLENEUVE-SUR-LISONNE", [], "Commune de Villeneuve-sur-Lisonne"),
        ("PARTI DE L'AVENIR COMMUN", [], "Parti de l'Avenir Commun"),
        ("CNIL", ["Cnil"], "CNIL"),
        ("Camille Dufresnoy", [], "Camille Dufresnoy"),
    ],
)
def test_display_name_prefers_readable_case(name: str, alternatives: list[str], expected: str) -> None:
    assert display_name(name, alternatives) == expected
