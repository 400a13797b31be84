"""The learned relation model: features, the JSON model, training, and the spaCy component.
Invented names only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ciblage.errors import ExtractionError
from nlp.learned.dataset import Example
from nlp.learned.model import FORMAT, LinearModel, split_class
from nlp.records import RELATIONS_EXT


def _model(**weights: dict[int, float]) -> LinearModel:
    return LinearModel(classes=["CLIENT_OF>", "OWNS<"], bias=[-2.0, -2.0],
                       weights={k.replace("__", "="): v for k, v in weights.items()},
                       allowed={"CLIENT_OF>": [["PARTY", "COMPANY"]], "OWNS<": [["COMPANY", "COMPANY"]]})


def test_split_class() -> None:
    assert split_class("OWNS<") == ("OWNS", "<")
    assert split_class("PARTNER_OF=") == ("PARTNER_OF", "=")


def test_scores_are_logistic_over_present_features() -> None:
    m = _model(lca__piocher={0: 4.0}, bw__chez={1: 1.0})
    s = m.scores(["lca=piocher", "lca=piocher", "unknown"])
    assert s["CLIENT_OF>"] == pytest.approx(1 / (1 + 2.718281828 ** -2.0), rel=1e-6)
    assert s["OWNS<"] == pytest.approx(1 / (1 + 2.718281828 ** 2.0), rel=1e-6)


def test_dense_weights_add_the_dot_product() -> None:
    m = LinearModel(classes=["OWNS>"], bias=[0.0], weights={}, dense=[[2.0, -1.0]])
    assert m.scores([], [1.0, 1.0])["OWNS>"] == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    assert m.scores([])["OWNS>"] == pytest.approx(0.5)


def test_scores_match_the_plain_numpy_formula_bit_for_bit() -> None:
    import random

    import numpy as np

    from nlp.components.learned import DEFAULT_MODEL

    m = LinearModel.load(DEFAULT_MODEL)
    names = list(m.weights)
    rng = random.Random(3)
    for _ in range(300):
        feats = rng.sample(names, rng.randint(0, 80)) + ["not-a-feature"] * rng.randint(0, 2)
        rows = sorted({i for i in map(m._index.get, feats) if i is not None})
        totals = m._bias + m._sparse[rows].sum(axis=0) if rows else m._bias.copy()
        probs = 1.0 / (1.0 + np.exp(-totals.clip(-30.0, 30.0)))
        assert m.scores(feats) == dict(zip(m.classes, probs.tolist()))


def test_predict_is_best_of_scores() -> None:
    """``predict`` skips the probabilities when no logit can reach the threshold: same answers,
    near the threshold too."""
    import math
    import random

    from nlp.components.learned import DEFAULT_MODEL

    m = LinearModel.load(DEFAULT_MODEL)
    names = list(m.weights)
    types = sorted({tuple(p) for ps in m.allowed.values() for p in ps})
    rng = random.Random(5)
    for _ in range(400):
        feats = rng.sample(names, rng.randint(0, 60))
        first, second = rng.choice(types)
        for threshold in (0.4, 0.2, 0.75, 0.0, 1.0):
            assert m.predict(feats, first, second, threshold) == m.best(m.scores(feats), first, second, threshold)
    for delta in (-2e-3, -1e-3, -1e-5, -1e-7, 0.0, 1e-7, 1e-5, 1e-3):
        bias = math.log(0.4 / 0.6) + delta
        tiny = LinearModel(classes=["OWNS>"], bias=[bias], weights={}, allowed={"OWNS>": [["COMPANY", "COMPANY"]]})
        assert tiny.predict([], "COMPANY", "COMPANY", 0.4) == tiny.best(tiny.scores([]), "COMPANY", "COMPANY", 0.4)


def test_allowed_type_pairs() -> None:
    m = _model()
    assert m.allows("CLIENT_OF>", "PARTY", "COMPANY")
    assert not m.allows("CLIENT_OF>", "COMPANY", "PARTY")
    assert not m.allows("SANCTIONED>", "PUBLIC_BODY", "COMPANY")


def test_round_trip(tmp_path: Path) -> None:
    m = LinearModel(classes=["OWNS>"], bias=[0.5], weights={"lca=racheter": {0: 1.25}},
                    allowed={"OWNS>": [["COMPANY", "COMPANY"]]}, meta={"c": 0.5}, dense=[[0.1, 0.2]])
    path = tmp_path / "m.json"
    m.save(path)
    back = LinearModel.load(path)
    assert back.to_dict() == m.to_dict()
    assert json.loads(path.read_text())["format"] == FORMAT


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other"}), ""])
def test_bad_model_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(content)
    with pytest.raises(ExtractionError, match="relation model"):
        LinearModel.load(path)
    with pytest.raises(ExtractionError, match="relation model"):
        LinearModel.load(tmp_path / "missing.json")


def test_fit_learns_a_separable_feature() -> None:
    from nlp.learned.train import fit

    rows = []
    for i in range(30):
        rows.append(Example(i, ("types=PARTY>COMPANY", "lca=piocher", f"noise={i % 3}"),
                            frozenset({"CLIENT_OF>"}), ("PARTY", "COMPANY"), False))
        rows.append(Example(i, ("types=PARTY>COMPANY", "lca=croiser", f"noise={i % 3}"),
                            frozenset(), ("PARTY", "COMPANY"), False))
    m = fit(rows, c=10.0, min_count=2, vectors=False)
    assert m.classes == ["CLIENT_OF*", "CLIENT_OF>"]  # the direction-free detector and the direction
    assert m.allowed["CLIENT_OF>"] == [["PARTY", "COMPANY"]]
    assert m.scores(["types=PARTY>COMPANY", "lca=piocher"])["CLIENT_OF>"] > 0.9
    assert m.scores(["types=PARTY>COMPANY", "lca=croiser"])["CLIENT_OF>"] < 0.1
    assert m.meta["examples"] == 60


@pytest.mark.slow
def test_features_describe_the_link_not_the_names() -> None:
    from nlp.learned.features import VECTOR_WIDTH, SentencePairs, pair_features
    from nlp.pipeline import load_pipeline

    doc = load_pipeline()("Le parti Renouveau Civique utilise depuis 2021 le logiciel Zorbifex.")
    ents = list(doc.ents)
    a, b = ents[0], ents[-1]
    feats = pair_features(doc, doc[:], a, b, ents)
    assert f"types={a.label_}>{b.label_}" in feats
    assert "lca=utiliser" in feats
    assert "bw=<NUM>" in feats and "bw=logiciel" in feats
    assert not any("Zorbifex" in f or "Renouveau" in f for f in feats)
    vec = SentencePairs(doc, doc[:], ents).vector(a, b)
    assert len(vec) == VECTOR_WIDTH and any(vec[:VECTOR_WIDTH // 2]) and any(vec[VECTOR_WIDTH // 2:])


@pytest.mark.slow
def test_pair_labels_follow_the_annotation() -> None:
    from nlp.learned.dataset import pair_labels
    from nlp.pipeline import load_pipeline

    text = "Le groupe Vornach a racheté Tessalio."
    passage = {"text": text, "entities": [
        {"start": 10, "end": 17, "label": "COMPANY", "text": "Vornach"},
        {"start": 28, "end": 36, "label": "COMPANY", "text": "Tessalio"}],
        "relations": [{"subject": "Vornach", "predicate": "OWNS", "object": "Tessalio"}]}
    doc = load_pipeline()(text)
    a, b = doc.ents
    assert pair_labels(passage, a, b) == {"OWNS>"}
    passage["relations"] = [{"subject": "Tessalio", "predicate": "PARTNER_OF", "object": "Vornach"}]
    assert pair_labels(passage, a, b) == {"PARTNER_OF="}


@pytest.mark.slow
def test_component_reads_only_pairs_the_rules_left() -> None:
    from nlp.components.learned import LearnedRelations
    from nlp.learned.dataset import LEARNED
    from nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    text = ("Le mouvement Renouveau Civique pioche ses fichiers chez Quintorra. "
            "Le mouvement Renouveau Civique a fait appel à Brivalto.")
    with nlp.select_pipes(disable=[LEARNED]):
        doc = nlp(text)
    before = [r for r in getattr(doc._, RELATIONS_EXT) if r["predicate"] != "MENTIONED_WITH"]
    assert not any(r["object_text"] == "Quintorra" for r in before)  # no rule reads "piocher chez"
    assert any(r["object_text"] == "Brivalto" for r in before)
    types = sorted({(e.label_) for e in doc.ents})
    assert types == ["COMPANY", "PARTY"]
    comp = LearnedRelations("t", model_path="", threshold=0.5, max_confidence=0.55, max_ents=40)
    comp.model = LinearModel(classes=["CLIENT_OF>"], bias=[-1.0],
                             weights={"lca=pioche": {0: 3.0}, "bw=chez": {0: 0.5}, "lca=faire": {0: 5.0}},
                             allowed={"CLIENT_OF>": [["PARTY", "COMPANY"]]})
    comp(doc)
    learned = [r for r in getattr(doc._, RELATIONS_EXT) if r["rule"].startswith("learned.")]
    assert [(r["subject_text"], r["predicate"], r["object_text"]) for r in learned] == [
        ("Renouveau Civique", "CLIENT_OF", "Quintorra")]
    rel = learned[0]
    assert rel["confidence"] == 0.55  # capped below the rules' confidences
    start, end = rel["evidence_span"]
    assert text[start:end].startswith("Le mouvement Renouveau Civique pioche")
    assert "Brivalto" not in text[start:end]


@pytest.mark.slow
def test_shipped_model_is_in_the_pipeline() -> None:
    from nlp.components.learned import DEFAULT_MODEL
    from nlp.pipeline import load_pipeline

    assert DEFAULT_MODEL.exists()
    model = LinearModel.load(DEFAULT_MODEL)
    assert {split_class(c)[0] for c in model.classes} >= {"CLIENT_OF", "OWNS", "DIRECTS", "WORKS_FOR"}
    assert set(model.meta["splits"]).isdisjoint({"test", "val"})
    nlp = load_pipeline()
    assert nlp.pipe_names[-1] == "ciblage_learned_relations"
    assert nlp.get_pipe("ciblage_learned_relations").model is not None


def test_training_never_scores_a_held_out_split() -> None:
    from nlp.learned.train import main

    with pytest.raises(SystemExit) as exc:
        main(["--cv", "--score", "val"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_train_writes_a_model_the_component_loads(tmp_path: Path) -> None:
    from nlp.components.learned import LearnedRelations
    from nlp.learned.train import train

    out = tmp_path / "model.json"
    model = train(["dev2"], out, c=1.0, min_count=2, uncovered_only=False)
    assert model.meta["splits"] == ["dev2"] and model.meta["examples"] > 20
    back = LinearModel.load(out)
    assert back.classes == model.classes and any(c.endswith("*") for c in back.classes)
    comp = LearnedRelations("t", model_path=str(out), threshold=0.4, max_confidence=0.55, max_ents=40)
    assert comp.model is not None and comp.model.classes == model.classes


@pytest.mark.slow
def test_learned_statements_carry_their_own_extractor(tmp_path: Path) -> None:
    from ciblage.ledger import Ledger
    from nlp.extract import extract_pending
    from nlp.pipeline import load_pipeline

    comp = load_pipeline().get_pipe("ciblage_learned_relations")
    saved = comp.model
    comp.model = LinearModel(classes=["CLIENT_OF>"], bias=[-1.0], weights={"lca=pioche": {0: 3.0}},
                             allowed={"CLIENT_OF>": [["PARTY", "COMPANY"]]})
    try:
        with Ledger.open(tmp_path) as ledger:
            ledger.upsert_document(source="press", url="https://example.org/p",
                                   text="Le mouvement Renouveau Civique pioche ses fichiers chez Quintorra.")
            extract_pending(ledger)
            typed = [s for s in ledger.statements() if s["predicate"] == "CLIENT_OF"]
    finally:
        comp.model = saved
    assert [(s["extractor"], s["props"]["rule"]) for s in typed] == [("nlp.learned.v1", "learned.client_of")]
    assert typed[0]["confidence"] <= 0.55


def _blank_pair(text: str, first: str, second: str):
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("fr")(text)
    ents = []
    for name in (first, second):
        start = text.index(name)
        ents.append(doc.char_span(start, start + len(name), label="COMPANY"))
    assert all(isinstance(e, Span) for e in ents)
    doc.ents = ents
    return doc, doc[:], doc.ents[0], doc.ents[1]


@pytest.mark.parametrize(("text", "expected"), [
    ("Vornach travaille avec Tessalio depuis 2020.", False),
    ("Selon la presse, Vornach aurait fait appel à Tessalio.", True),  # negation cue in the gap
    ("Vornach rachète Tessalio qui ne publie plus rien.", True),  # in the rest of the second's clause
    ("Vornach rachète Tessalio, qui ne publie plus rien.", False),  # ... not after its comma
    ("La cession possible de Vornach à Tessalio est étudiée.", True),  # the first's clause hedges
    ("Vornach, dont le concurrent Tessalio possède des parts.", True),  # rivals
    ("Vornach tournerait vers Tessalio pour ses fichiers.", True),  # conditional
    ("Vornach TOURNERAIT vers Tessalio pour ses fichiers.", True),  # conditional, upper case
    ("Vornach tournait vers Tessalio pour ses fichiers.", False),  # imperfect
    ("Après une enquête sur Vornach, Tessalio a changé de prestataire.", True),  # fronted clause
    ("Après une enquête, Vornach a changé pour Tessalio.", False),  # comma before the first
])
def test_hedged_pairs(text: str, expected: bool) -> None:
    from nlp.components.learned import hedged

    doc, sent, a, b = _blank_pair(text, "Vornach", "Tessalio")
    assert hedged(doc, sent, a, b) is expected


def test_words_mask_entities_like_a_token_walk() -> None:
    """``SentencePairs.words`` against the plain walk it replaces, on every range of a sentence
    with entities, numbers, spaces and punctuation (entities across either end of the range)."""
    import spacy
    from spacy.tokens import Span

    from nlp.learned.features import _KEPT_PUNCT, SentencePairs

    doc = spacy.blank("fr")("Le groupe Vornach SA (coté) a cédé 12 %  de Tessalio à Brivalto Conseil ; selon « Le Quotidien » !")
    words = [t.text for t in doc]
    spans = [("Vornach", 2), ("Tessalio", 1), ("Brivalto", 2), ("Le", 2)]
    ents = []
    for name, width in spans:
        start = words.index(name, ents[-1].end if ents else 0)
        ents.append(Span(doc, start, start + width, label="COMPANY" if width == 2 else "MEDIA"))
    doc.ents = ents
    sent = doc[1:len(doc) - 1]
    pairs = SentencePairs(doc, sent, list(doc.ents))

    def walk(start: int, end: int) -> list[str]:
        ent_at = {e.start: e for e in doc.ents}
        out, i, end = [], max(start, sent.start), min(end, sent.end)
        while i < end:
            if i in ent_at:
                out.append(f"<{ent_at[i].label_}>")
                i = ent_at[i].end
                continue
            tok = doc[i]
            if not (tok.is_space or (tok.is_punct and tok.text not in _KEPT_PUNCT)):
                out.append("<NUM>" if tok.like_num else pairs.lemmas[i - sent.start])
            i += 1
        return out

    for start in range(-3, len(doc) + 2):
        for end in range(start, len(doc) + 3):
            assert pairs.words(start, end) == walk(start, end), (start, end)


def test_scores_do_not_depend_on_the_hash_seed() -> None:
    """The float32 sum of a pair's weights is made in one order in every process."""
    import subprocess
    import sys

    code = ("from nlp.learned.model import LinearModel; from nlp.components.learned import DEFAULT_MODEL; "
            "m = LinearModel.load(DEFAULT_MODEL); feats = sorted(m.weights)[::97]; "
            "print(repr(m.scores(feats)))")
    outputs = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                              capture_output=True, text=True, check=True).stdout for seed in range(4)}
    assert len(outputs) == 1


def test_sentence_pairs_read_the_tokens_like_token_objects() -> None:
    """``SentencePairs`` reads lemmas, words and conditional verbs from the doc's attribute
    arrays; on the dev and dev2 passages, the same values as reading each Token."""
    from spacy.symbols import AUX, VERB

    from nlp.evaluate import load_split
    from nlp.learned.features import _KEPT_PUNCT, SentencePairs
    from nlp.pipeline import load_pipeline

    texts = [p["text"] for name in ("dev", "dev2") for p in load_split(name)]
    texts += ["", "  \n ", "Il aurait fallu 3 000 euros… (voir ci-dessous) ?"]
    checked = 0
    for doc in load_pipeline().pipe(texts):
        for sent in doc.sents:
            pairs = SentencePairs(doc, sent, [e for e in doc.ents if sent.start <= e.start < sent.end])
            tokens = list(sent)
            lemmas = [(t.lemma_.lower() or t.lower_).replace("’", "'") for t in tokens]
            words = [None if t.is_space or (t.is_punct and t.text not in _KEPT_PUNCT)
                     else ("<NUM>" if t.like_num else lemma) for t, lemma in zip(tokens, lemmas)]
            conditional = [t.i for t in tokens if t.pos in (VERB, AUX) and t.morph.get("Mood") == ["Cnd"]]
            assert (pairs.lemmas, pairs._words, pairs.conditional) == (lemmas, words, conditional)
            checked += len(tokens)
    assert checked > 1500
