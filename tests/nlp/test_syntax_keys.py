"""Trigger lookup and conditional mood of nlp/syntax.py agree with their plain definitions."""

from __future__ import annotations

import pytest

from nlp.syntax import _LEMMAS, VERBS, conditional, trigger_key

pytestmark = pytest.mark.slow

TEXTS = [
    "La mairie a eu recours à Zorbifex pour sa campagne.",
    "Quillon a signé un contrat et un accord avec Vextra, puis a conclu un partenariat avec Nordis.",
    "Le parti s'est offert les services de Datalia et s'est associé à Vextra.",
    "Vextra aurait signé un marché avec la mairie ; elle ne s'est pas adressée à Quillon.",
    "L'agence a passé commande auprès de Nordis, qui a fait appel à Datalia.",
]


@pytest.fixture(scope="module")
def docs():
    from nlp.pipeline import load_pipeline
    nlp = load_pipeline()
    return [nlp(t) for t in TEXTS]


def reference_key(verb) -> str | None:
    """The first of "<lemma> <object noun>" (each object), "se <lemma>", "<lemma>" in VERBS."""
    lemma = verb.lemma_.lower()
    keys = [f"{lemma} {c.lemma_.lower()}" for c in verb.children if c.dep_ == "obj" and c.pos_ == "NOUN"]
    if any(c.lower_ in ("se", "s'", "s’") for c in verb.children if c.i < verb.i):
        keys.append(f"se {lemma}")
    keys.append(lemma)
    return next((k for k in keys if k in VERBS), None)


def test_trigger_key_matches_reference(docs) -> None:
    found = []
    for doc in docs:
        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma in _LEMMAS:
                assert trigger_key(tok, lemma) == reference_key(tok), tok.text
                found.append(trigger_key(tok, lemma))
    assert {"avoir recours", "signer contrat", "se offrir", "se associer"} <= set(found)


def test_conditional_matches_morph(docs) -> None:
    moods = [(conditional(tok), "Cnd" in tok.morph.get("Mood")) for doc in docs for tok in doc]
    assert all(a == b for a, b in moods) and any(a for a, _ in moods)
