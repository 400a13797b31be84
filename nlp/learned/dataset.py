"""Training examples for the relation model: every pair of entities the pipeline finds in the
development passages, labelled from the annotations.

A pair is labelled with the gold relations whose arguments its two entities name (the
evaluator's matching, :func:`nlp.evaluate.argument_matches`: surface, alias or overlapping
mention); a pair that names no gold relation is a negative. The entities are the pipeline's,
not the gold ones, so the model learns from what it will see at run time. Whether the rules
already linked the pair is kept too (``covered``): the model only reads uncovered pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ciblage.ids import SYMMETRIC
from nlp.components.learned import NAME as LEARNED
from nlp.components.learned import candidate_pairs
from nlp.components.relations import sentences_with_ents
from nlp.evaluate import argument_matches
from nlp.learned.features import SentencePairs
from nlp.records import LANGUAGE_EXT, RELATIONS_EXT

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

@dataclass(frozen=True)
class Example:
    """One ordered pair (first entity in the text, second) of one passage."""

    passage: int
    features: tuple[str, ...]
    labels: frozenset[str]
    types: tuple[str, str]
    covered: bool
    vector: tuple[float, ...] = ()


def _names(passage: dict[str, Any], span: Span, role: str, surface: str) -> bool:
    pred = {f"{role}_text": span.text, f"{role}_span": [span.start_char, span.end_char]}
    return argument_matches(passage, pred, role, surface)


def pair_labels(passage: dict[str, Any], a: Span, b: Span) -> frozenset[str]:
    """Classes of the gold relations between ``a`` (first in the text) and ``b``."""
    labels = set()
    for rel in passage["relations"]:
        forward = _names(passage, a, "subject", rel["subject"]) and _names(passage, b, "object", rel["object"])
        backward = _names(passage, b, "subject", rel["subject"]) and _names(passage, a, "object", rel["object"])
        if rel["predicate"] in SYMMETRIC and (forward or backward):
            labels.add(f"{rel['predicate']}=")
        elif forward:
            labels.add(f"{rel['predicate']}>")
        elif backward:
            labels.add(f"{rel['predicate']}<")
    return frozenset(labels)


def parse(passages: list[dict[str, Any]], nlp: Language) -> list[Doc]:
    """The passages through the pipeline, without the learned component (rules only)."""
    def docs() -> Iterable[Doc]:
        for p in passages:
            doc = nlp.make_doc(p["text"])
            doc._.set(LANGUAGE_EXT, "fr")
            yield doc

    disabled = [LEARNED] if LEARNED in nlp.pipe_names else []
    with nlp.select_pipes(disable=disabled):
        return list(nlp.pipe(docs(), batch_size=64))


def doc_examples(index: int, passage: dict[str, Any], doc: Doc) -> list[Example]:
    """Every scored pair of one parsed passage."""
    covered = {frozenset((r["subject_span"][0], r["object_span"][0]))
               for r in getattr(doc._, RELATIONS_EXT) or [] if r["predicate"] != "MENTIONED_WITH"}
    out = []
    for sent, ents in sentences_with_ents(doc):
        pairs = SentencePairs(doc, sent, ents)
        for a, b in candidate_pairs(doc, ents):
            out.append(Example(index, tuple(pairs.features(a, b)), pair_labels(passage, a, b),
                               (a.label_, b.label_), frozenset((a.start_char, b.start_char)) in covered,
                               tuple(round(float(x), 4) for x in pairs.vector(a, b))))
    return out


def examples(passages: list[dict[str, Any]], docs: list[Doc]) -> list[Example]:
    return [ex for i, (p, d) in enumerate(zip(passages, docs, strict=True)) for ex in doc_examples(i, p, d)]


__all__ = ["Example", "LEARNED", "doc_examples", "examples", "pair_labels", "parse"]
