"""The relation component's shortcuts give, on every sentence of the dev passages, what the
straightforward code gives: the indexed :func:`~nlp.rules.match_gap` (rules tried only when a
needle is in the gap, prefix needles) against a plain loop over the rules, and the co-occurrence
dicts built straight against :class:`~nlp.records.Relation` records turned into dicts.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

import nlp.components.relations as relations_module
from nlp.components.relations import _masked_text, sentences_with_ents
from nlp.records import doc_text, relation_between
from nlp.rules import RULES, Rule, is_negated, match_gap, normalise_gap
from nlp.rules.base import _INCISE, HEDGED, fits

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sentences(dev_docs) -> list[tuple[Doc, Span, list[Span]]]:  # type: ignore[no-untyped-def]
    return [(doc, sent, ents) for doc in dev_docs for sent, ents in sentences_with_ents(doc)]


def _plain_sentences_with_ents(doc: Doc) -> list[tuple[Span, list[Span]]]:
    """:func:`sentences_with_ents` read token by token, without its cache."""
    ents = list(doc.ents)
    bounds: list[list[int]] = []
    for sent in doc.sents:
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if bounds and not bounds[-1][2]:
            bounds[-1][1] = sent.end
        else:
            bounds.append([sent.start, sent.end, 0])
        bounds[-1][2] = int(last is not None and (last.text in relations_module._CLOSERS
                                                  or "\n" in sent[-1].text_with_ws))
    for ent in ents:
        for i in range(len(bounds) - 1):
            if ent.start < bounds[i][1] < ent.end:
                bounds[i][1] = bounds[i + 1][1]
                bounds[i + 1][0] = bounds[i][1]
    out = []
    for start, end, _ in bounds:
        mine = [e for e in ents if start <= e.start < end]
        if start < end and mine:
            out.append((doc[start:end], mine))
    return out


def test_sentences_are_the_plain_reading(dev_docs) -> None:  # type: ignore[no-untyped-def]
    def key(sentences: list[tuple[Span, list[Span]]]) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
        return [(s.start, s.end, [(e.start, e.end, e.label_) for e in ents]) for s, ents in sentences]

    merged = 0
    for doc in dev_docs:
        expected = key(_plain_sentences_with_ents(doc))
        assert key(sentences_with_ents(doc)) == expected
        assert key(sentences_with_ents(doc)) == expected  # from the cache
        merged += len(list(doc.sents)) - len(expected)
    assert merged > 100  # sentences were merged (or dropped without entities): not vacuous


def _plain_match_gap(gap: str, prefix: str, label_a: str, label_b: str, rules: tuple[Rule, ...]) -> Rule | None:
    """:func:`match_gap` without its shortcuts: every rule that fits, in order."""
    if is_negated(gap):
        return None
    gap = " ".join((_INCISE.sub(" ", gap) if "," in gap else gap).split())
    if len(gap) > 160:
        return None
    text = (" " + gap if not gap.startswith((" ", ",")) else gap) + " "
    for rule in rules:
        if not fits(rule, label_a, label_b):
            continue
        if rule.prefix_regex is not None:
            found = rule.prefix_regex.search(prefix)
            if found is None or is_negated(found.group(0)) or HEDGED.search(found.group(0)):
                continue
        if rule.regex.match(text):
            return rule
    return None


def test_indexed_match_gap_is_the_plain_loop(sentences, pipeline) -> None:  # type: ignore[no-untyped-def]
    extractor = pipeline.get_pipe("ciblage_relations")
    matched = 0
    for doc, sent, ents in sentences:
        text = doc_text(doc)
        bounds = [(e.start_char, e.end_char) for e in ents]
        labels = [e.label_ for e in ents]
        marks = ["lieu" if label == "PLACE" else "§" for label in labels]
        for i in range(len(ents)):
            prefix = normalise_gap(text[max(sent.start_char, bounds[i][0] - 80):bounds[i][0]])
            for j in range(i + 1, len(ents)):
                gap = normalise_gap(_masked_text(text, bounds[i][1], bounds[j][0], bounds[i + 1:j], marks[i + 1:j]))
                a, b = labels[i], labels[j]
                expected = _plain_match_gap(gap, prefix, a, b, RULES)
                assert match_gap(gap, prefix, a, b) is expected, (gap, prefix, a, b)
                assert match_gap(gap, prefix, a, b, extractor.rules_for(a, b)) is expected, (gap, prefix, a, b)
                # a caller's own tuple, as for a second role after "et"
                if expected is not None:
                    matched += 1
                    rest = tuple(r for r in RULES if r.predicate != expected.predicate)
                    assert match_gap(gap, prefix, a, b, rest) is _plain_match_gap(gap, prefix, a, b, rest)
    assert matched > 300  # not vacuous


def test_a_rule_outside_rules_searches_its_own_needles() -> None:
    own = Rule("gap.test.own", "CLIENT_OF", r"(?:zorblatte|quimpe)", subj=("COMPANY",), obj=("COMPANY",))
    assert own.needles == {"zorblatte", "quimpe"}
    assert match_gap(" zorblatte", "", "COMPANY", "COMPANY", (own,)) is own
    assert match_gap(" a utilisé", "", "COMPANY", "COMPANY", (own, *RULES)).name == "gap.client_of.use"
    assert match_gap(" a utilisé", "", "COMPANY", "COMPANY", (own,)) is None


def test_cooccurrence_dicts_are_relation_dicts(sentences, pipeline) -> None:  # type: ignore[no-untyped-def]
    extractor = pipeline.get_pipe("ciblage_relations")
    total = 0
    for doc, sent, ents in sentences:
        text = doc_text(doc)
        expected = []
        seen: set[tuple[str, str]] = set()
        for i, x in enumerate(ents):
            for y in ents[i + 1:]:
                key = tuple(sorted((x.id_ or x.text, y.id_ or y.text)))
                if key[0] == key[1] or key in seen:
                    continue
                seen.add(key)
                expected.append(relation_between(
                    (sent.start_char, sent.end_char), ((x.start_char, x.end_char), x.text, x.label_),
                    ((y.start_char, y.end_char), y.text, y.label_), "MENTIONED_WITH",
                    extractor.cooccurrence_confidence, "cooccurrence").to_dict())
        assert extractor.cooccurrences(sent, ents) == expected
        assert all(x.text == text[x.start_char:x.end_char] for x in ents)
        total += len(expected)
    assert total > 1000
