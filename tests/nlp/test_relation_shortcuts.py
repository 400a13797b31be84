"""The relation component's skips give, on every dev passage, what the straightforward code
gives: the dependency and role-noun fallbacks are not run on a sentence whose entities are all
related already (:func:`~nlp.components.relations.all_linked`); a rule's prefix pattern is
skipped when none of its needles is among those found in the prefix in one pass, and its answer
memoised for the prefix (:func:`~nlp.rules._prefix_holds`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc

import nlp.components.relations as relations_module
from nlp.records import RELATIONS_EXT

pytestmark = pytest.mark.slow

_EVAL = Path(relations_module.__file__).parents[1] / "eval"


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def docs(pipeline) -> list[Doc]:  # type: ignore[no-untyped-def]
    texts = [json.loads(line)["text"] for path in sorted(_EVAL.glob("dev*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 400
    return list(pipeline.pipe(texts))


def _relations(pipeline, docs: list[Doc]) -> list[list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    extractor = pipeline.get_pipe("ciblage_relations")
    return [list(getattr(extractor(doc)._, RELATIONS_EXT)) for doc in docs]


def test_fallbacks_are_skipped_only_when_they_add_nothing(pipeline, docs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = relations_module.all_linked
    skipped: list[bool] = []

    def counted(ents, pairs):  # type: ignore[no-untyped-def]
        skipped.append(real(ents, pairs))
        return skipped[-1]

    monkeypatch.setattr(relations_module, "all_linked", counted)
    fast = _relations(pipeline, docs)
    monkeypatch.setattr(relations_module, "all_linked", lambda ents, pairs: False)
    assert fast == _relations(pipeline, docs)
    assert sum(skipped) > 100  # sentences were skipped: not vacuous


def test_all_linked_reads_every_pair() -> None:
    class Ent:
        def __init__(self, start: int) -> None:
            self.start_char = start

    ents = [Ent(0), Ent(10), Ent(20)]
    every = {frozenset((0, 10)), frozenset((0, 20)), frozenset((10, 20))}
    assert relations_module.all_linked(ents, every)  # type: ignore[arg-type]
    assert not relations_module.all_linked(ents, every - {frozenset((0, 20))})  # type: ignore[arg-type]
    # as many pairs, one of them with an entity of the previous sentence
    assert not relations_module.all_linked(  # type: ignore[arg-type]
        ents, every - {frozenset((0, 20))} | {frozenset((0, 99))})


def test_prefix_holds_is_the_plain_search(docs) -> None:  # type: ignore[no-untyped-def]
    from nlp.records import doc_text
    from nlp.rules import RULES, _prefix_holds, is_negated, normalise_gap
    from nlp.rules.base import HEDGED

    prefixed = [r for r in RULES if r.prefix_regex is not None]
    held = 0
    for doc in docs:
        text = doc_text(doc)
        for sent, ents in relations_module.sentences_with_ents(doc):
            for ent in ents:
                prefix = normalise_gap(text[max(sent.start_char, ent.start_char - 80):ent.start_char])
                for rule in prefixed:
                    found = rule.prefix_regex.search(prefix)  # type: ignore[union-attr]
                    plain = found is not None and not is_negated(found[0]) and not HEDGED.search(found[0])
                    assert _prefix_holds(rule, prefix) is plain, (rule.name, prefix)
                    held += plain
    assert held > 30  # prefixes were found: not vacuous

