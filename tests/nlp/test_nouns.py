"""Role nouns read through the parse (nlp/nouns.py), on invented sentences."""

from __future__ import annotations

import pytest

from nlp.nouns import role_triggers

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from nlp.pipeline import load_pipeline
    return load_pipeline()


def noun_rels(nlp, text: str) -> set[tuple[str, str, str]]:
    from nlp.components.relations import sentences_with_ents
    from nlp.nouns import noun_relations
    doc = nlp(text)
    return {(r.subject_text, r.predicate, r.object_text)
            for sent, ents in sentences_with_ents(doc) for r in noun_relations(doc, sent, ents)}


def test_role_triggers_depend_on_modifiers() -> None:
    assert role_triggers("directrice", ["générale"])[0].predicate == "DIRECTS"
    assert [t.predicate for t in role_triggers("directeur", ["commercial"])] == ["MEMBER_OF", "WORKS_FOR"]
    assert role_triggers("boulanger", []) == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("Marc Talbot, 52 ans, ancien directeur commercial de la société Vextra, a rejoint le groupe.",
     ("Marc Talbot", "WORKS_FOR", "Vextra")),
    ("Sonia Mercier est depuis 2021 l'actionnaire majoritaire de Quillon.", ("Sonia Mercier", "OWNS", "Quillon")),
    ("Fondatrice de Quillon, Sonia Mercier a longtemps travaillé à Lyon.", ("Sonia Mercier", "FOUNDED", "Quillon")),
    ("Le président de Vextra, Paul Girard, n'a pas répondu à nos questions.", ("Paul Girard", "DIRECTS", "Vextra")),
])
def test_role_nouns(nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in noun_rels(nlp, text)


@pytest.mark.parametrize("text", [
    "Sonia Mercier n'est pas l'actionnaire de Quillon.",
    "Sonia Mercier aurait été l'actionnaire de Quillon.",
])
def test_denied_roles_give_nothing(nlp, text: str) -> None:
    assert not noun_rels(nlp, text)


def test_commas_alone_do_not_make_a_list(nlp) -> None:
    from nlp.extract import extract_text
    rels = {(r["subject_text"], r["predicate"], r["object_text"]) for r in extract_text(
        "Après avoir racheté Votimo, le groupe Ardenne Média a absorbé Civilab.")["relations"]}
    assert ("Votimo", "OWNS", "Civilab") not in rels


def test_a_party_label_in_brackets_is_no_sigle(nlp) -> None:
    from nlp.extract import extract_text
    rels = {(r["subject_text"], r["predicate"], r["object_text"]) for r in extract_text(
        "Le sénateur Hervé Quintin (LR) a fait appel à l'agence Tramalis.")["relations"]}
    assert ("Hervé Quintin", "CLIENT_OF", "Tramalis") in rels and ("Hervé Quintin", "MEMBER_OF", "LR") in rels
    assert ("LR", "CLIENT_OF", "Tramalis") not in rels
