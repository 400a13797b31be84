"""Fast tests of the relation patterns added for fronted clauses, possessives and anaphora.

Docs are built by hand on ``spacy.blank("fr")`` with a sentencizer, so no model is loaded.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import nlp.components  # noqa: F401
from nlp.places import is_known_place
from nlp.records import relations_of
from nlp.rules import match_gap, normalise_gap


def _typed(words: list[str], ents: list[tuple[int, int, str]]) -> set[tuple[str, str, str]]:
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ciblage_relations", config={"use_dependencies": False})
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label) for s, e, label in ents]
    doc = nlp.get_pipe("sentencizer")(doc)
    doc = nlp.get_pipe("ciblage_relations")(doc)
    return {(r.subject_text, r.predicate, r.object_text) for r in relations_of(doc)
            if r.predicate != "MENTIONED_WITH"}


@pytest.mark.parametrize(("gap", "a", "b", "predicate", "direction"), [
    (", directrice générale de l'agence ", "PERSON", "COMPANY", "DIRECTS", "fwd"),  # final descriptor
    (" a rejoint en octobre la start-up ", "PERSON", "COMPANY", "WORKS_FOR", "fwd"),
    (" est aujourd'hui consultant pour ", "PERSON", "COMPANY", "WORKS_FOR", "fwd"),
    (" a attribué à ", "PUBLIC_BODY", "COMPANY", "CONTRACT_WITH", "fwd"),
    # a list announced by a colon; the component turns a public body's CLIENT_OF into a contract
    (" a retenu trois prestataires pour son enquête : le cabinet ", "PUBLIC_BODY", "COMPANY",
     "CLIENT_OF", "fwd"),
    (", éditée par la société bordelaise ", "PRODUCT", "COMPANY", "OWNS", "rev"),
    (" a bouclé le rachat de l'agence ", "COMPANY", "COMPANY", "OWNS", "fwd"),
    (" détient désormais 40 % du capital de ", "COMPANY", "COMPANY", "OWNS", "fwd"),
    (" a mené en mars un contrôle sur place dans les locaux de ", "PUBLIC_BODY", "COMPANY",
     "REGULATES", "fwd"),
    (" est inscrite au répertoire des représentants d'intérêts de la ", "COMPANY", "PUBLIC_BODY",
     "REGULATES", "rev"),
    (" s'est associée à ", "COMPANY", "COMPANY", "PARTNER_OF", "fwd"),
    (" siège au conseil de surveillance de ", "PERSON", "COMPANY", "DIRECTS", "fwd"),
])
def test_new_gap_triggers(gap: str, a: str, b: str, predicate: str, direction: str) -> None:
    rule = match_gap(normalise_gap(gap), "", a, b)
    assert rule is not None and (rule.predicate, rule.direction) == (predicate, direction)


@pytest.mark.parametrize("gap", [
    " aurait fourni des fichiers à ", " envisagerait de racheter ", " négocie avec ",
    " dément avoir travaillé pour ", " n'a jamais racheté ",
])
def test_hedges_and_denials_give_nothing(gap: str) -> None:
    assert match_gap(normalise_gap(gap), "", "COMPANY", "COMPANY") is None
    assert match_gap(normalise_gap(gap), "", "COMPANY", "PERSON") is None


def test_fronted_participle_with_coordinated_agents() -> None:
    words = "Cofondée en 2020 par Lina Morel , Paul Ravel et Ana Diaz , la société Zorbilex vend .".split()
    got = _typed(words, [(4, 6, "PERSON"), (7, 9, "PERSON"), (10, 12, "PERSON"), (15, 16, "COMPANY")])
    assert got == {(p, "FOUNDED", "Zorbilex") for p in ("Lina Morel", "Paul Ravel", "Ana Diaz")}


def test_fronted_apposition_reads_the_role() -> None:
    words = "Ancienne trésorière du Parti Fictif , Maud Lenoir a rejoint Brandalor .".split()
    got = _typed(words, [(3, 5, "PARTY"), (6, 8, "PERSON"), (10, 11, "COMPANY")])
    assert ("Maud Lenoir", "MEMBER_OF", "Parti Fictif") in got
    assert ("Maud Lenoir", "WORKS_FOR", "Brandalor") in got


def test_possessive_and_en_anaphora_link_to_previous_firm() -> None:
    words = ("La start-up Quovadix grandit . Sa présidente , Ines Garnier , en est aussi la "
             "fondatrice .").split()
    got = _typed(words, [(2, 3, "COMPANY"), (8, 10, "PERSON")])
    assert got == {("Ines Garnier", "DIRECTS", "Quovadix"), ("Ines Garnier", "FOUNDED", "Quovadix")}


def test_subject_equal_object_is_never_emitted() -> None:
    words = "La Commission des fichiers ( CFX ) a sanctionné la CFX hier .".split()
    got = _typed(words, [(1, 4, "PUBLIC_BODY"), (5, 6, "PUBLIC_BODY"), (10, 11, "PUBLIC_BODY")])
    assert not any(s == o or {s, o} == {"Commission des fichiers", "CFX"} for s, _, o in got)


def test_public_body_client_is_a_contract() -> None:
    words = "La Préfecture Fictive a fait appel à Brandalor .".split()
    got = _typed(words, [(1, 3, "PUBLIC_BODY"), (7, 8, "COMPANY")])
    assert got == {("Préfecture Fictive", "CONTRACT_WITH", "Brandalor")}


def test_joint_partnership_of_coordinated_firms() -> None:
    words = "Brandalor et l' éditeur Quovadix ont noué un partenariat .".split()
    got = _typed(words, [(0, 1, "COMPANY"), (4, 5, "COMPANY")])
    assert got == {("Brandalor", "PARTNER_OF", "Quovadix")}


def test_known_places() -> None:
    assert is_known_place("Clermont-Ferrand") and is_known_place("Saint-Brieuc")
    assert is_known_place("occitanie") and not is_known_place("Géovotix")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a regulator or a court acts on a firm: "son président" is the firm's
    ("La CNIL a mis en demeure la société Pivelor. Son président, Gaspard Ferrand-Lyaut, conteste la procédure.",
     ("Gaspard Ferrand-Lyaut", "DIRECTS", "Pivelor"), ("Gaspard Ferrand-Lyaut", "DIRECTS", "CNIL")),
    ("Le tribunal de commerce de Lyon a placé Sondelia en redressement judiciaire. Sa directrice générale, "
     "Maëlle Quinton, a quitté ses fonctions.",
     ("Maëlle Quinton", "DIRECTS", "Sondelia"), ("Maëlle Quinton", "DIRECTS", "tribunal de commerce de Lyon")),
])
def test_possessive_across_sentences_prefers_the_firm(text: str, expected: tuple, absent: tuple) -> None:
    from nlp.extract import extract_text

    rels = {(r["subject_text"], r["predicate"], r["object_text"]) for r in extract_text(text)["relations"]}
    assert expected in rels
    assert absent not in rels


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Fondée par Samuel Orvet, Canvass Nord a été rachetée en 2023 par le groupe Beacon Civic. "
     "Samuel Orvet en est resté le directeur général.", ("Samuel Orvet", "DIRECTS", "Canvass Nord")),
    ("Le fonds Lumen Ridge détient une participation minoritaire dans Tambourin Digital, aux côtés "
     "d'Inès Hadjami, qui en conserve la majorité et la présidence.",
     ("Inès Hadjami", "DIRECTS", "Tambourin Digital")),
])
def test_en_anaphora_kept_offices(text: str, expected: tuple) -> None:
    from nlp.extract import extract_text

    assert expected in {(r["subject_text"], r["predicate"], r["object_text"]) for r in extract_text(text)["relations"]}
