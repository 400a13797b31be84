"""Lone surnames of politicians, person contexts and in-document coreference on the real model."""

from __future__ import annotations

import pytest

from nlp.extract import extract_text

pytestmark = pytest.mark.slow


def _ents(result: dict) -> dict[str, tuple[str, str]]:
    return {e["text"]: (e["label"], e["canonical"]) for e in result["entities"]}


def _rels(result: dict) -> set[tuple[str, str, str]]:
    return {(r["subject"], r["predicate"], r["object"]) for r in result["relations"]}


def test_known_politicians_by_surname_are_persons_and_clients() -> None:
    result = extract_text("Pendant la présidentielle, les équipes de Fillon, Mélenchon et Cheminade "
                          "utilisent NationBuilder.")
    ents = _ents(result)
    assert ents["Fillon"] == ("PERSON", "François Fillon")
    assert ents["Mélenchon"] == ("PERSON", "Jean-Luc Mélenchon")
    assert ents["Cheminade"] == ("PERSON", "Jacques Cheminade")
    assert {(p, "CLIENT_OF", "NationBuilder") for p in
            ("François Fillon", "Jean-Luc Mélenchon", "Jacques Cheminade")} <= _rels(result)


def test_firm_named_after_a_surname_stays_a_company() -> None:
    ents = _ents(extract_text("La société Fillon Conseil a signé un contrat avec la région."))
    assert ents["Fillon Conseil"][0] == "COMPANY"
    assert "Fillon" not in ents


def test_unknown_surnames_in_person_contexts_are_persons() -> None:
    ents = _ents(extract_text("Les équipes de Garnouille, Tristelin et Vaubrac utilisent le logiciel Zorbifex."))
    assert {ents[n][0] for n in ("Garnouille", "Tristelin", "Vaubrac")} == {"PERSON"}
    assert _ents(extract_text("L'entourage de Pardulac a recruté l'agence Quimbert Data."))["Pardulac"][0] == "PERSON"
    assert _ents(extract_text("Au meeting, Tristelin estime que la gauche peut gagner."))["Tristelin"][0] == "PERSON"


def test_lone_brand_without_person_cue_stays_a_firm() -> None:
    ents = _ents(extract_text("Ancien directeur de Sondix, il a rejoint la start-up Quimbert Data."))
    assert ents["Sondix"][0] == "COMPANY"


def test_surname_after_full_name_gets_its_canonical_name() -> None:
    result = extract_text("Ada Vaubrac a longtemps hésité. Finalement, Vaubrac a fait appel à la start-up "
                          "Zorbifex pour sa campagne municipale.")
    assert _ents(result)["Vaubrac"] == ("PERSON", "Ada Vaubrac")
    assert ("Ada Vaubrac", "CLIENT_OF", "Zorbifex") in _rels(result)


def test_politician_surname_after_another_family_member() -> None:
    ents = _ents(extract_text("Jean-Marie Le Pen a fondé le Front national en 1972. Le Pen a longtemps "
                              "refusé les outils numériques."))
    assert ents["Le Pen"] == ("PERSON", "Jean-Marie Le Pen")


def test_company_short_form_after_its_full_name() -> None:
    result = extract_text("Le cabinet Datavox Conseil a été retenu par la mairie. Datavox a livré le "
                          "fichier électoral en mars, puis la start-up Ombrelis a pris le relais.")
    assert _ents(result)["Datavox"] == ("COMPANY", "Datavox Conseil")


def test_coreference_crosses_chunks_of_a_long_article() -> None:
    filler = "Le marché des données électorales reste opaque et peu contrôlé en France.\n\n" * 150
    text = (f"Ada Vaubrac prépare sa campagne. Le cabinet Datavox Conseil l'accompagne.\n\n{filler}"
            "Finalement, Vaubrac a fait appel à la start-up Zorbifex. Datavox a livré le fichier.")
    result = extract_text(text)
    ents = {(e["text"], e["canonical"]) for e in result["entities"] if e["start"] > len(filler)}
    assert ("Vaubrac", "Ada Vaubrac") in ents
    assert ("Datavox", "Datavox Conseil") in ents
    assert ("Ada Vaubrac", "CLIENT_OF", "Zorbifex") in _rels(result)
