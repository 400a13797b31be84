"""The relation component's skips give, on every dev passage, what the straightforward code
gives: the dependency and role-noun fallbacks are not run on a sentence whose entities are all
related already (:func:`~nlp.components.relations.all_linked`); a rule's prefix pattern is
skipped when none of its needles is among those found in the prefix in one pass, and its answer
memoised for the prefix (:func:`~nlp.rules._prefix_holds`).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

import nlp.components.relations as relations_module
from nlp.records import RELATIONS_EXT

pytestmark = pytest.mark.slow


def _relations(pipeline, dev_docs: list[Doc]):  # type: ignore[no-untyped-def]
    extractor = pipeline.get_pipe("ciblage_relations")
    return [list(getattr(extractor(doc)._, RELATIONS_EXT)) for doc in dev_docs]


def test_fallbacks_are_skipped_only_when_they_add_nothing(  # type: ignore[no-untyped-def]
        pipeline, dev_docs, monkeypatch) -> None:
    real = relations_module.all_linked
    skipped: list[bool] = []

    def counted(ents, pairs):  # type: ignore[no-untyped-def]
        skipped.append(real(ents, pairs))
        return skipped[-1]

    monkeypatch.setattr(relations_module, "all_linked", counted)
    fast = _relations(pipeline, dev_docs)
    monkeypatch.setattr(relations_module, "all_linked", lambda ents, pairs: False)
    assert fast == _relations(pipeline, dev_docs)
    assert sum(skipped) > 100  # sentences were skipped: not vacuous


def test_all_linked_reads_every_pair() -> None:
    class Ent:
        def __init__(self, start: int) -> None:
            self.start_char = start

    ents = [Ent(0), Ent(10), Ent(20)]
    every = {frozenset((0, 10)), frozenset((0, 20)), frozenset((10, 20))}
    assert relations_module.all_linked(ents, every)  # type: ignore[arg-type]
    missing = every - {frozenset((0, 20))}
    assert not relations_module.all_linked(ents, missing)  # type: ignore[arg-type]
    # as many pairs, one of them with an entity of the previous sentence
    assert not relations_module.all_linked(  # type: ignore[arg-type]
        ents, missing | {frozenset((0, 99))})


def test_prefix_holds_is_the_plain_search(dev_docs) -> None:  # type: ignore[no-untyped-def]
    from nlp.records import doc_text
    from nlp.rules import RULES, _prefix_holds, is_negated, normalise_gap
    from nlp.rules.base import HEDGED

    prefixed = [r for r in RULES if r.prefix_regex is not None]
    held = 0
    for doc in dev_docs:
        text = doc_text(doc)
        for sent, ents in relations_module.sentences_with_ents(doc):
            for ent in ents:
                start = max(sent.start_char, ent.start_char - 80)
                prefix = normalise_gap(text[start:ent.start_char])
                for rule in prefixed:
                    found = rule.prefix_regex.search(prefix)  # type: ignore[union-attr]
                    plain = found is not None and not is_negated(found[0]) \
                        and not HEDGED.search(found[0])
                    assert _prefix_holds(rule, prefix) is plain, (rule.name, prefix)
                    held += plain
    assert held > 30  # prefixes were found: not vacuous



def _plain_parallel_arguments(doc, ents, rels):  # type: ignore[no-untyped-def]
    """:func:`~nlp.components.relations.parallel_arguments` reading the text before X first."""
    from dataclasses import replace

    from nlp.records import doc_text
    from nlp.rules import normalise_gap

    out = []
    by_start = {e.start_char: e for e in ents}
    for rel in rels:
        late = max(rel.subject_span, rel.object_span)
        x = by_start.get(late[0])
        if x is None:
            continue
        text = doc_text(doc)
        before = normalise_gap(text[max(0, x.start_char - 60):x.start_char])
        m = relations_module._PREP_BEFORE.search(before + " ")
        if not m:
            continue
        for y in ents:
            if y.start_char <= x.end_char or not relations_module._same_role(x.label_, y.label_):
                continue
            gap = normalise_gap(relations_module._masked(doc, x.end_char, y.start_char, ents)) + " "
            pm = relations_module._PARALLEL.match(gap)
            if pm and pm["prep"] == m["prep"] and "§" not in gap:
                span = (y.start_char, y.end_char)
                subj = span if late == rel.subject_span else rel.subject_span
                obj = span if late == rel.object_span else rel.object_span
                out.append(replace(
                    rel, subject_span=subj, object_span=obj, subject_text=text[subj[0]:subj[1]],
                    object_text=text[obj[0]:obj[1]], confidence=round(rel.confidence - 0.05, 3),
                    rule=rel.rule + ".parallel"))
                break
    return out


def test_parallel_arguments_is_the_plain_reading(  # type: ignore[no-untyped-def]
        pipeline, dev_docs) -> None:
    extractor = pipeline.get_pipe("ciblage_relations")
    found = 0
    for doc in dev_docs:
        for sent, ents in relations_module.sentences_with_ents(doc):
            if len(ents) < 2:
                continue
            rels = extractor.gap_relations(doc, sent, ents)
            expected = _plain_parallel_arguments(doc, ents, rels)
            assert relations_module.parallel_arguments(doc, ents, rels) == expected
            found += len(expected)
    assert found > 0  # parallel arguments were read: not vacuous


def test_pairs_without_rules_skipped_only_when_the_row_goes_on(  # type: ignore[no-untyped-def]
        pipeline, dev_docs, monkeypatch) -> None:
    """A pair no rule fits is skipped before its gap is read only when that gap cannot be the
    one too long to go on: the gap relations are those read with every gap."""
    extractor = pipeline.get_pipe("ciblage_relations")
    real = relations_module._never_too_long
    skipped = 0

    def counted(start: int, end: int, masked: int) -> bool:
        nonlocal skipped
        skipped += real(start, end, masked)
        return real(start, end, masked)

    sentences = [(doc, sent, ents) for doc in dev_docs
                 for sent, ents in relations_module.sentences_with_ents(doc) if len(ents) >= 2]
    monkeypatch.setattr(relations_module, "_never_too_long", counted)
    fast = [extractor.gap_relations(doc, sent, ents) for doc, sent, ents in sentences]
    monkeypatch.setattr(relations_module, "_never_too_long", lambda start, end, masked: False)
    assert fast == [extractor.gap_relations(doc, sent, ents) for doc, sent, ents in sentences]
    assert skipped > 100  # pairs were skipped: not vacuous


def test_never_too_long_bounds_the_normalised_gap() -> None:
    from nlp.rules import normalise_gap

    text = "İ" * 53 + " X "
    masked = relations_module._masked_text(text, 0, 54, [(53, 54)], ["lieu"])
    assert len(normalise_gap(masked)) <= 160 and relations_module._never_too_long(0, 54, 1) is False
    assert relations_module._never_too_long(0, 50, 1) and len(normalise_gap("İ" * 50)) <= 160
