"""The shortcuts of nlp/syntax.py and nlp/nouns.py (trigger lookup, memoised features and
lemmas, string ids) agree with their plain definitions."""

from __future__ import annotations

import pytest

from nlp.syntax import _LEMMAS, VERBS, has_feature, trigger_key

pytestmark = pytest.mark.slow

TEXTS = [
    "La mairie a eu recours à Zorbifex pour sa campagne.",
    "Quillon a signé un contrat et un accord avec Vextra, puis a conclu un partenariat avec Nordis.",
    "Le parti s'est offert les services de Datalia et s'est associé à Vextra.",
    "Vextra aurait signé un marché avec la mairie ; elle ne s'est pas adressée à Quillon.",
    "L'agence a passé commande auprès de Nordis, qui a fait appel à Datalia.",
    "Vextra n'est pas l'actionnaire de Quillon, dont la Secrétaire générale pourrait démissionner.",
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


@pytest.mark.parametrize(("field", "value"), [("Mood", "Cnd"), ("VerbForm", "Part")])
def test_has_feature_matches_morph(docs, field: str, value: str) -> None:
    for _ in range(2):  # computed, then memoised
        found = [(has_feature(tok, field, value), value in tok.morph.get(field)) for doc in docs for tok in doc]
        assert all(a == b for a, b in found) and any(a for a, _ in found)


def test_string_ids_and_memos_match_strings(docs) -> None:
    from nlp import nouns, syntax
    seen = set()
    for doc in docs:
        for tok in doc:
            for _ in range(2):  # computed, then memoised
                assert syntax.lower_lemma(tok) == tok.lemma_.lower()
                maybe = nouns._maybe_role(tok)
                assert maybe == bool(nouns.role_triggers(tok.lower_, ["générale"])
                                     or nouns.role_triggers(tok.lemma_, ["générale"]))
            seen.add(maybe)
            assert (tok.pos in syntax._VERB_POS) == (tok.pos_ in ("VERB", "AUX"))
            assert (tok.pos in nouns._NOMINAL_POS) == (tok.pos_ in ("NOUN", "PROPN", "ADJ"))
            for ids, words, attr in [(syntax._NEG_IDS, syntax._NEG, "lower"), (syntax._HEDGE_IDS, syntax._HEDGES, "lemma"),
                                     (syntax._REFLEXIVE_IDS, syntax._REFLEXIVE, "lower"),
                                     (nouns._NEG_IDS, nouns._NEG, "lower"), (nouns._HEDGE_IDS, nouns._HEDGES, "lemma")]:
                assert (getattr(tok, attr) in ids) == (getattr(tok, attr + "_") in words)
                seen.add((id(ids), getattr(tok, attr) in ids))
    assert True in seen and (id(syntax._NEG_IDS), True) in seen and (id(nouns._HEDGE_IDS), True) in seen
