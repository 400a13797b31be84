"""The annotated evaluation set is well formed, and the scorer counts what it should."""

from __future__ import annotations

import importlib.util

import pytest

from ciblage.ids import ENTITY_TYPES
from nlp.evaluate import HELD_OUT, RELATION_TYPES, available_splits, evaluate, load_split, score

SPLITS = available_splits()


@pytest.mark.parametrize("split", SPLITS)
def test_split_spans_equal_their_text(split: str) -> None:
    for passage in load_split(split):
        text = passage["text"]
        for ent in passage["entities"]:
            assert text[ent["start"]:ent["end"]] == ent["text"], (passage["id"], ent)
            assert ent["text"] == ent["text"].strip(), (passage["id"], ent)
            assert ent["label"] in ENTITY_TYPES, (passage["id"], ent)


@pytest.mark.parametrize("split", SPLITS)
def test_split_entities_do_not_overlap(split: str) -> None:
    for passage in load_split(split):
        spans = sorted((e["start"], e["end"]) for e in passage["entities"])
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end <= start, passage["id"]


@pytest.mark.parametrize("split", SPLITS)
def test_split_relations_name_annotated_mentions(split: str) -> None:
    for passage in load_split(split):
        surfaces = {e["text"] for e in passage["entities"]}
        keys = [(r["subject"], r["predicate"], r["object"]) for r in passage["relations"]]
        assert len(keys) == len(set(keys)), passage["id"]
        for subj, pred, obj in keys:
            assert pred in RELATION_TYPES, (passage["id"], pred)
            assert subj in passage["text"] and obj in passage["text"], passage["id"]
            assert subj in surfaces and obj in surfaces, (passage["id"], subj, obj)
        for name, others in (passage.get("aliases") or {}).items():
            assert {name, *others} <= surfaces, passage["id"]


def test_splits_ids_unique_disjoint_and_large_enough() -> None:
    assert {"dev", "test"} <= set(SPLITS)
    dev, test = load_split("dev-all"), load_split("test")
    ids = [p["id"] for p in load_split("all")]
    assert len(set(ids)) == len(ids)
    assert not {p["text"] for p in dev} & {p["text"] for p in test}
    assert len(dev) + len(test) >= 60
    assert len(test) >= 50
    held = [p for name in HELD_OUT if name in SPLITS for p in load_split(name)]
    assert len(load_split("all")) == len(dev) + len(held)
    assert not {p["text"] for p in dev} & {p["text"] for p in held}


def test_splits_cover_every_label_and_predicate() -> None:
    passages = load_split("all")
    labels = {e["label"] for p in passages for e in p["entities"]}
    predicates = {r["predicate"] for p in passages for r in p["relations"]}
    assert labels == set(ENTITY_TYPES)
    assert predicates == set(RELATION_TYPES)
    assert sum(1 for p in passages if not p["relations"]) >= 8  # negatives and no-relation text


def test_load_split_unknown_name() -> None:
    with pytest.raises(ValueError, match="unknown split"):
        load_split("train")


# --------------------------------------------------------------------------- scoring

TEXT = "La société Votélia, présidée par Hélène Marchal-Duval, s'est associée à Civinum."
GOLD = [{
    "id": "t-1",
    "text": TEXT,
    "entities": [
        {"start": 11, "end": 18, "label": "COMPANY", "text": "Votélia"},
        {"start": 33, "end": 53, "label": "PERSON", "text": "Hélène Marchal-Duval"},
        {"start": 72, "end": 79, "label": "COMPANY", "text": "Civinum"},
    ],
    "relations": [
        {"subject": "Hélène Marchal-Duval", "predicate": "DIRECTS", "object": "Votélia"},
        {"subject": "Votélia", "predicate": "PARTNER_OF", "object": "Civinum"},
    ],
}]


def _rel(subj: str, pred: str, obj: str, **extra: object) -> dict:
    return {"subject": subj, "predicate": pred, "object": obj, "evidence": TEXT,
            "confidence": 0.9, **extra}


def test_gold_spans_are_right() -> None:
    for ent in GOLD[0]["entities"]:
        assert TEXT[ent["start"]:ent["end"]] == ent["text"]


def test_score_perfect_prediction_is_one() -> None:
    pred = [{"entities": [dict(e, canonical=e["text"]) for e in GOLD[0]["entities"]],
             "relations": [_rel("Hélène Marchal-Duval", "DIRECTS", "Votélia"),
                           _rel("Votélia", "PARTNER_OF", "Civinum")]}]
    result = score(GOLD, pred)
    assert result["entities"]["micro"]["f1"] == 1.0
    assert result["relations"]["micro"]["f1"] == 1.0
    assert result["entities"]["COMPANY"]["tp"] == 2


def test_score_wrong_label_is_false_positive_and_false_negative() -> None:
    ents = [dict(e) for e in GOLD[0]["entities"]]
    ents[2]["label"] = "PRODUCT"
    result = score(GOLD, [{"entities": ents, "relations": []}])["entities"]
    assert result["COMPANY"] == {**result["COMPANY"], "tp": 1, "fp": 0, "fn": 1}
    assert result["PRODUCT"]["fp"] == 1 and result["PRODUCT"]["tp"] == 0
    assert result["micro"]["tp"] == 2 and result["micro"]["fp"] == 1
    assert result["micro"]["fn"] == 1
    assert result["micro"]["precision"] == pytest.approx(2 / 3, abs=1e-3)


def test_score_wrong_boundary_does_not_match() -> None:
    ents = [{"start": 3, "end": 18, "label": "COMPANY", "text": "société Votélia"}]
    result = score(GOLD, [{"entities": ents, "relations": []}])["entities"]
    assert result["COMPANY"]["tp"] == 0 and result["COMPANY"]["fp"] == 1


def test_score_partner_of_is_order_insensitive() -> None:
    pred = [{"entities": [], "relations": [_rel("Civinum", "PARTNER_OF", "Votélia")]}]
    result = score(GOLD, pred)["relations"]
    assert result["PARTNER_OF"]["tp"] == 1 and result["PARTNER_OF"]["fp"] == 0


def test_score_directed_predicate_is_order_sensitive() -> None:
    pred = [{"entities": [], "relations": [_rel("Votélia", "DIRECTS", "Hélène Marchal-Duval")]}]
    result = score(GOLD, pred)["relations"]
    assert result["DIRECTS"] == {**result["DIRECTS"], "tp": 0, "fp": 1, "fn": 1}


@pytest.mark.parametrize("variant", [
    {"subject": "person:abc", "subject_text": "Hélène Marchal-Duval"},  # surface text
    {"subject": "Helene Marchal Duval"},  # canonical name, folded
    {"subject": "person:abc", "subject_span": [40, 53]},  # overlapping span
])
def test_score_argument_matches_by_text_canonical_or_span(variant: dict) -> None:
    rel = _rel("x", "DIRECTS", "Votélia") | variant
    result = score(GOLD, [{"entities": [], "relations": [rel]}])["relations"]
    assert result["DIRECTS"]["tp"] == 1 and result["micro"]["fp"] == 0


def test_score_wrong_predicate_and_aliases() -> None:
    gold = [dict(GOLD[0], aliases={"Votélia": ["Votélia SAS"]})]
    pred = [{"entities": [], "relations": [
        _rel("Hélène Marchal-Duval", "FOUNDED", "Votélia"),
        _rel("Hélène Marchal-Duval", "DIRECTS", "Votélia SAS"),
    ]}]
    result = score(gold, pred)["relations"]
    assert result["FOUNDED"]["fp"] == 1
    assert result["DIRECTS"]["tp"] == 1
    assert result["micro"] == {**result["micro"], "tp": 1, "fp": 1, "fn": 1}


# --------------------------------------------------------------------------- end to end


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("nlp.extract") is None,
                    reason="the extractor (nlp.extract) is not there yet")
def test_evaluate_runs_both_systems_on_dev() -> None:
    report = evaluate("dev", baseline=True)
    assert report["passages"] == len(load_split("dev"))
    assert set(report["systems"]) == {"ciblage", "baseline"}
    for system in report["systems"].values():
        for part in ("entities", "relations"):
            micro = system[part]["micro"]
            assert 0.0 <= micro["f1"] <= 1.0
            assert micro["support"] == sum(
                len(p[part]) for p in load_split("dev"))
        assert system["words_per_second"] > 0
    assert report["systems"]["baseline"]["relations"]["micro"]["tp"] == 0


@pytest.mark.slow
def test_evaluate_scores_the_rules_alone_on_request() -> None:
    from nlp.pipeline import load_pipeline

    model = load_pipeline().get_pipe("ciblage_learned_relations").model
    report = evaluate("dev2", baseline=False, learned=False)
    assert set(report["systems"]) == {"ciblage (rules only)"}
    assert report["systems"]["ciblage (rules only)"]["relations"]["micro"]["support"] > 0
    assert load_pipeline().get_pipe("ciblage_learned_relations").model is model  # restored
