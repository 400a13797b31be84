"""``ciblage_relations``: typed relations between the entities of each sentence, with evidence.

For every sentence with two entities or more: entities joined by "," / "et" / "ou" / "ainsi
que" form coordinated groups; for each ordered pair of groups the gap between them is matched
against the rules of :mod:`nlp.relations` (first match wins), and the relation is emitted for
every member of both groups. A dependency fallback then reads verb triggers whose subject and
object the parser attached directly (``nsubj``/``obj``/``obl:agent``/``nsubj:pass``), for pairs
the gap rules missed (long incises). Every pair of co-occurring entities also yields a weak
MENTIONED_WITH record (rule ``cooccurrence``), which never becomes a typed relation.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from nlp.records import LANGUAGE_EXT, RELATIONS_EXT, Relation
from nlp.relations import RULES, Rule, is_negated, match_gap, normalise_gap
from nlp.syntax import dependency_relations

_COORD = re.compile(r"^\s*(?:,|et|ou|, et|, ou|ainsi que|comme|de même que|/)\s*"
                    r"(?:(?:le|la|les|l'|l’)\s*)?$", re.IGNORECASE)


@registry.misc("ciblage.relation_rules.v1")
def relation_rules() -> tuple[Rule, ...]:
    """The gap rules of :mod:`nlp.relations`."""
    return RULES


class RelationExtractor:
    """Fill ``doc._.ciblage_relations`` with :class:`Relation` dicts."""

    def __init__(self, name: str, *, rules: tuple[Rule, ...], cooccurrence: bool,
                 cooccurrence_confidence: float, use_dependencies: bool, max_ents: int) -> None:
        self.name = name
        self.rules = tuple(rules)
        self.cooccurrence = cooccurrence
        self.cooccurrence_confidence = cooccurrence_confidence
        self.use_dependencies = use_dependencies
        self.max_ents = max_ents

    def __call__(self, doc: Doc) -> Doc:
        out: list[dict[str, object]] = []
        skip_typed = getattr(doc._, LANGUAGE_EXT) not in (None, "fr")
        by_sent: dict[int, list[Span]] = {}
        for ent in doc.ents:
            by_sent.setdefault(ent.sent.start, []).append(ent)
        for ents in by_sent.values():
            if len(ents) < 2:
                continue
            sent = ents[0].sent
            found: dict[tuple[int, int, str], Relation] = {}
            if not skip_typed and len(ents) <= self.max_ents:
                for rel in self.gap_relations(doc, sent, ents):
                    found.setdefault((rel.subject_span[0], rel.object_span[0], rel.predicate), rel)
                if self.use_dependencies:
                    for rel in dependency_relations(doc, sent, ents):
                        key = (rel.subject_span[0], rel.object_span[0], rel.predicate)
                        pair = {rel.subject_span[0], rel.object_span[0]}
                        if key not in found and not any(
                            {k[0], k[1]} == pair for k in found
                        ):
                            found[key] = rel
            out.extend(r.to_dict() for r in found.values())
            if self.cooccurrence:
                out.extend(r.to_dict() for r in self.cooccurrences(sent, ents))
        doc._.set(RELATIONS_EXT, out)
        return doc

    def gap_relations(self, doc: Doc, sent: Span, ents: list[Span]) -> list[Relation]:
        groups: list[list[Span]] = [[ents[0]]]
        for prev, ent in zip(ents, ents[1:], strict=False):
            if ent.label_ == prev.label_ and _COORD.match(doc.text[prev.end_char:ent.start_char]):
                groups[-1].append(ent)
            else:
                groups.append([ent])
        rels: list[Relation] = []
        for i, left in enumerate(groups):
            a = left[-1]
            prefix = normalise_gap(doc.text[max(sent.start_char, left[0].start_char - 80):left[0].start_char])
            for right in groups[i + 1:]:
                b = right[0]
                gap = normalise_gap(doc.text[a.end_char:b.start_char])
                if len(gap) > 160:
                    break
                rule = match_gap(gap, prefix, a.label_, b.label_, self.rules)
                if rule is None:
                    continue
                penalty = 0.05 if len(left) + len(right) > 2 else 0.0
                for x in left:
                    for y in right:
                        subj, obj = (x, y) if rule.direction == "fwd" else (y, x)
                        rels.append(make_relation(sent, subj, obj, rule.predicate,
                                                  rule.confidence - penalty, rule.name))
        return rels

    def cooccurrences(self, sent: Span, ents: list[Span]) -> list[Relation]:
        rels = []
        seen: set[tuple[str, str]] = set()
        for i, a in enumerate(ents):
            for b in ents[i + 1:]:
                key = tuple(sorted((a.id_ or a.text, b.id_ or b.text)))
                if key[0] == key[1] or key in seen:
                    continue
                seen.add(key)  # type: ignore[arg-type]
                rels.append(make_relation(sent, a, b, "MENTIONED_WITH", self.cooccurrence_confidence,
                                          "cooccurrence"))
        return rels


def make_relation(sent: Span, subj: Span, obj: Span, predicate: str, confidence: float,
                  rule: str) -> Relation:
    return Relation(
        subject_span=(subj.start_char, subj.end_char), object_span=(obj.start_char, obj.end_char),
        predicate=predicate, subject_text=subj.text, object_text=obj.text,
        evidence_span=(sent.start_char, sent.end_char), confidence=round(max(0.05, confidence), 3),
        rule=rule, subject_label=subj.label_, object_label=obj.label_,
    )


__all__ = ["RelationExtractor", "is_negated", "make_relation"]


@Language.factory(
    "ciblage_relations",
    default_config={
        "rules": {"@misc": "ciblage.relation_rules.v1"},
        "cooccurrence": True,
        "cooccurrence_confidence": 0.2,
        "use_dependencies": True,
        "max_ents": 40,
    },
    assigns=[f"doc._.{RELATIONS_EXT}"],
    requires=["doc.ents", "doc.sents"],
)
def create_relations(nlp: Language, name: str, rules: tuple[Rule, ...], cooccurrence: bool,
                     cooccurrence_confidence: float, use_dependencies: bool,
                     max_ents: int) -> RelationExtractor:
    return RelationExtractor(name, rules=rules, cooccurrence=cooccurrence,
                             cooccurrence_confidence=cooccurrence_confidence,
                             use_dependencies=use_dependencies, max_ents=max_ents)
