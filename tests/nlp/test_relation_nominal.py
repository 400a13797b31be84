"""Gap rules for nominalisations, incises and fronted workplaces (no model needed)."""

from __future__ import annotations

import pytest

from nlp.rules import match_gap, normalise_gap


def _rule(gap: str, prefix: str, a: str, b: str) -> tuple[str, str] | None:
    rule = match_gap(normalise_gap(gap), normalise_gap(prefix), a, b)
    return None if rule is None else (rule.predicate, rule.direction)


@pytest.mark.parametrize(("gap", "prefix", "a", "b", "expected"), [
    (" à la société ", "Le contrat liant le", "PUBLIC_BODY", "COMPANY", ("CONTRACT_WITH", "fwd")),
    (" à la start-up ", "Le recours du", "PARTY", "COMPANY", ("CLIENT_OF", "fwd")),
    (" au groupe ", "La cession de", "COMPANY", "COMPANY", ("OWNS", "rev")),
    (" dans ", "La prise de participation du fonds", "COMPANY", "COMPANY", ("OWNS", "fwd")),
    (" par ", "Le rachat de", "COMPANY", "COMPANY", ("OWNS", "rev")),
    (" a été entièrement pilotée, d'après des documents que § a consultés, par ", "la campagne de",
     "PERSON", "COMPANY", ("CLIENT_OF", "fwd")),
    (", où il occupe le poste de directeur technique, ", "Chez", "COMPANY", "PERSON", ("WORKS_FOR", "rev")),
    (", directrice générale déléguée de ", "", "PERSON", "COMPANY", ("DIRECTS", "fwd")),
    (" a été nommée présidente du directoire de ", "", "PERSON", "COMPANY", ("DIRECTS", "fwd")),
    (" a passé trois ans chez ", "", "PERSON", "COMPANY", ("WORKS_FOR", "fwd")),
    (" est l'un des clients de ", "La", "PARTY", "COMPANY", ("CLIENT_OF", "fwd")),
    (" est devenue en 2023 une filiale de l'américain ", "", "COMPANY", "COMPANY", ("SUBSIDIARY_OF", "fwd")),
    (", qui avait pourtant juré de se passer de consultants lors des municipales, a finalement fait appel à ",
     "Le parti", "PARTY", "COMPANY", ("CLIENT_OF", "fwd")),
])
def test_new_patterns(gap: str, prefix: str, a: str, b: str, expected: tuple[str, str]) -> None:
    assert _rule(gap, prefix, a, b) == expected


@pytest.mark.parametrize(("gap", "prefix", "a", "b"), [
    (" à la start-up ", "Le recours envisagé du", "PARTY", "COMPANY"),
    (" au groupe ", "La cession possible de", "COMPANY", "COMPANY"),
    (" a été entièrement pilotée, selon Le Monde, par ", "la campagne de", "PERSON", "PERSON"),
    (" n'a jamais passé un jour chez ", "", "PERSON", "COMPANY"),
    (" pourrait devenir une filiale de ", "", "COMPANY", "COMPANY"),
    (" négocie la cession de ses parts à ", "", "COMPANY", "COMPANY"),
])
def test_hedges_and_types_refused(gap: str, prefix: str, a: str, b: str) -> None:
    assert _rule(gap, prefix, a, b) is None


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("La société Urna Conseil, dont Thomas Besnard assure la gestion depuis sa création, a facturé "
     "120 000 euros de prestations.", ("Thomas Besnard", "DIRECTS", "Urna Conseil")),
    ("La société Urna Conseil, dont Thomas Besnard détient 40 %, a facturé 120 000 euros.",
     ("Thomas Besnard", "OWNS", "Urna Conseil")),
])
def test_dont_clauses(text: str, expected: tuple[str, str, str]) -> None:
    from nlp.extract import extract_text

    rels = extract_text(text)["relations"]
    assert expected in {(r["subject_text"], r["predicate"], r["object_text"]) for r in rels}


@pytest.mark.slow
def test_dont_clause_negated() -> None:
    from nlp.extract import extract_text

    text = "La société Urna Conseil, dont Thomas Besnard n'assure plus la gestion, a facturé 120 000 euros."
    rels = extract_text(text)["relations"]
    assert not [r for r in rels if r["predicate"] == "DIRECTS"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("L'agence Cormoran, à laquelle le parti Horizons a confié sa campagne numérique, a facturé "
     "80 000 euros.", ("Horizons", "CLIENT_OF", "Cormoran")),
    ("Argos Conseil, dont le groupe Ipsen détient 30 % du capital, emploie vingt salariés.",
     ("Ipsen", "OWNS", "Argos Conseil")),
    ("Pixéa, que dirige Marc Olivier depuis 2015, emploie trente personnes.",
     ("Marc Olivier", "DIRECTS", "Pixéa")),
    ("Pierre Lanson, associé-gérant de la société Ardoise, a refusé de commenter.",
     ("Pierre Lanson", "DIRECTS", "Ardoise")),
])
def test_relative_clauses(text: str, expected: tuple[str, str, str]) -> None:
    from nlp.extract import extract_text

    rels = extract_text(text)["relations"]
    assert expected in {(r["subject_text"], r["predicate"], r["object_text"]) for r in rels}


@pytest.mark.slow
def test_relative_clause_hedged() -> None:
    from nlp.extract import extract_text

    text = "L'agence Cormoran, à laquelle le parti Horizons n'a jamais confié de mission, a démenti."
    assert not extract_text(text)["relations"]


@pytest.mark.parametrize(("gap", "a", "b", "expected"), [
    (" fait partie du groupe ", "COMPANY", "COMPANY", ("SUBSIDIARY_OF", "fwd")),
    (", société du groupe ", "COMPANY", "COMPANY", ("SUBSIDIARY_OF", "fwd")),
    (" est passée en 2021 sous le contrôle du fonds ", "COMPANY", "COMPANY", ("OWNS", "rev")),
    (" est titulaire depuis 2021 d'un accord-cadre avec la ", "COMPANY", "PUBLIC_BODY",
     ("CONTRACT_WITH", "rev")),
    (" s'est appuyé sur les outils de ", "PERSON", "COMPANY", ("CLIENT_OF", "fwd")),
    (", qui a fait ses armes chez ", "PERSON", "COMPANY", ("WORKS_FOR", "fwd")),
    (" a vendu ses fichiers au ", "COMPANY", "PARTY", ("CLIENT_OF", "rev")),
    (" a été vendue en 2020 au groupe ", "COMPANY", "COMPANY", ("OWNS", "rev")),
])
def test_more_gaps(gap: str, a: str, b: str, expected: tuple[str, str]) -> None:
    assert _rule(gap, "", a, b) == expected


def test_seller_is_not_owned() -> None:
    """"X a vendu sa filiale Y à Z": Z owns Y, not X."""
    assert _rule(" a vendu sa filiale § à ", "", "COMPANY", "COMPANY") is None


def test_bound_by_convention() -> None:
    assert _rule(" est lié par une convention à ", "", "PUBLIC_BODY", "COMPANY") == ("CONTRACT_WITH", "fwd")
