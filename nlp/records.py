"""The small records the pipeline leaves on a ``Doc``: relations, canonical names, identifier values.

Extensions are registered once, here, on import. Values are plain dicts and strings so that
docs cross process boundaries (``nlp.pipe(n_process=N)`` serialises ``user_data`` with msgpack).

Example:
    >>> rel = Relation(subject_span=(0, 8), object_span=(20, 30), predicate="CLIENT_OF",
    ...                subject_text="Le parti", object_text="Zorbifex", evidence_span=(0, 31),
    ...                confidence=0.7, rule="gap.client_of.use")
    >>> Relation.from_dict(rel.to_dict()) == rel
    True
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from ciblage.ids import ENTITY_TYPES, PREDICATES

if TYPE_CHECKING:
    from spacy.language import Language

#: Doc._ extensions: relations (list of dicts), canonical names and kb ids of entities.
RELATIONS_EXT = "ciblage_relations"
LANGUAGE_EXT = "ciblage_language"
VALUE_EXT = "ciblage_value"
IDS_KEY = "ciblage_ids"

if not Doc.has_extension(RELATIONS_EXT):
    Doc.set_extension(RELATIONS_EXT, default=None)
if not Doc.has_extension(LANGUAGE_EXT):
    Doc.set_extension(LANGUAGE_EXT, default=None)
if not Span.has_extension(VALUE_EXT):
    Span.set_extension(VALUE_EXT, default=None)


@dataclass(frozen=True, slots=True)
class Relation:
    """One typed relation read in one sentence, with where it was read and which rule read it."""

    subject_span: tuple[int, int]
    object_span: tuple[int, int]
    predicate: str
    subject_text: str
    object_text: str
    evidence_span: tuple[int, int]
    confidence: float
    rule: str
    subject_label: str = ""
    object_label: str = ""

    def __post_init__(self) -> None:
        check_shared(self.predicate, self.confidence, self.rule, self.evidence_span)
        check_entity(self.subject_span, self.subject_label)
        check_entity(self.object_span, self.object_label)
        if self.subject_span == self.object_span:
            raise ValueError("a relation needs two distinct spans")

    def to_dict(self) -> dict[str, Any]:
        return relation_dict(self.subject_span, self.object_span, self.predicate, self.subject_text,
                             self.object_text, self.evidence_span, self.confidence, self.rule,
                             self.subject_label, self.object_label)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relation:
        fields = dict(data)
        for key in ("subject_span", "object_span", "evidence_span"):
            fields[key] = tuple(fields[key])
        return cls(**fields)


def check_shared(predicate: str, confidence: float, rule: str, evidence_span: tuple[int, int]) -> None:
    """The checks of :class:`Relation` on what does not depend on its entities."""
    if predicate not in PREDICATES:
        raise ValueError(f"unknown predicate {predicate!r}")
    if not 0.0 <= confidence <= 1.0:
        raise ValueError(f"confidence {confidence} outside [0, 1]")
    if not 0 <= evidence_span[0] < evidence_span[1]:
        raise ValueError(f"bad span {evidence_span}")
    if not rule:
        raise ValueError("a relation needs the name of the rule that produced it")


def check_entity(span: tuple[int, int], label: str) -> None:
    """The checks of :class:`Relation` on one of its entities."""
    if label and label not in ENTITY_TYPES:
        raise ValueError(f"unknown entity label {label!r}")
    if not 0 <= span[0] < span[1]:
        raise ValueError(f"bad span {span}")


def relation_dict(subject_span: tuple[int, int], object_span: tuple[int, int], predicate: str, subject_text: str,
                  object_text: str, evidence_span: tuple[int, int], confidence: float, rule: str,
                  subject_label: str, object_label: str) -> dict[str, Any]:
    """:meth:`Relation.to_dict` of the relation with these fields."""
    # Built by hand: dataclasses.asdict deep-copies and dominated the component's time.
    return {"subject_span": list(subject_span), "object_span": list(object_span),
            "predicate": predicate, "subject_text": subject_text,
            "object_text": object_text, "evidence_span": list(evidence_span),
            "confidence": confidence, "rule": rule,
            "subject_label": subject_label, "object_label": object_label}


#: ``doc.text`` per live doc. A doc's text never changes (merging tokens keeps it), and the entry
#: goes with the doc; kept off ``user_data`` so that it is never serialised with the doc.
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy rebuilds the string on every access)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


#: An entity's character bounds, text and label, as a relation records them.
Facts = tuple[tuple[int, int], str, str]


def entity_facts(text: str, ent: Span) -> Facts:
    """``ent``'s bounds, text and label; ``text`` is its doc's :func:`doc_text` (a span's text is
    the doc's text between its bounds, which Span.text would rebuild from the tokens)."""
    start, end = ent.start_char, ent.end_char
    return (start, end), text[start:end], ent.label_


def relation_between(evidence: tuple[int, int], subj: Facts, obj: Facts, predicate: str, confidence: float,
                     rule: str) -> Relation:
    """The relation of two entities' facts read in the sentence at ``evidence`` (confidence kept
    in [0.05, 1], three decimals)."""
    return Relation(
        subject_span=subj[0], object_span=obj[0], predicate=predicate, subject_text=subj[1],
        object_text=obj[1], evidence_span=evidence, confidence=round(max(0.05, confidence), 3),
        rule=rule, subject_label=subj[2], object_label=obj[2],
    )


def relation_dicts(evidence: tuple[int, int], facts: list[Facts], pairs: list[tuple[int, int]], predicate: str,
                   confidence: float, rule: str) -> list[dict[str, Any]]:
    """``[relation_between(evidence, facts[i], facts[j], …).to_dict() for i, j in pairs]``, built
    straight as dicts: the checks of :class:`Relation` run once for what the pairs share and once
    per entity, not once per pair (co-occurrences pair every two entities of a sentence)."""
    confidence = round(max(0.05, confidence), 3)
    check_shared(predicate, confidence, rule, evidence)
    for span, _, label in facts:
        check_entity(span, label)
    out = []
    for i, j in pairs:
        subj, obj = facts[i], facts[j]
        if subj[0] == obj[0]:
            raise ValueError("a relation needs two distinct spans")
        out.append(relation_dict(subj[0], obj[0], predicate, subj[1], obj[1], evidence, confidence, rule,
                                 subj[2], obj[2]))
    return out


def make_relation(sent: Span, subj: Span, obj: Span, predicate: str, confidence: float, rule: str) -> Relation:
    """The relation between two entity spans of the sentence ``sent``."""
    text = doc_text(sent.doc)
    return relation_between((sent.start_char, sent.end_char), entity_facts(text, subj), entity_facts(text, obj),
                            predicate, confidence, rule)


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` whose :func:`doc_text` is ``text`` from the start: spaCy's tokenizer
    keeps every character, so the doc's text is the string it was made from, and rebuilding it
    from the tokens (a tenth of a millisecond per short article) is not needed."""
    doc = nlp.make_doc(text)
    _TEXTS[doc] = text
    return doc


def relations_of(doc: Doc) -> list[Relation]:
    """The relations the ``ciblage_relations`` component left on ``doc`` (empty if none)."""
    return [Relation.from_dict(r) for r in (getattr(doc._, RELATIONS_EXT) or [])]


def canonical_of(span: Span, surface: str | None = None) -> str:
    """Canonical name of an entity span: the gazetteer's when matched, else its cleaned text
    (``surface``: the span's text when the caller has it already)."""
    return span.id_ or clean_surface(span.text if surface is None else surface)


def clean_surface(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    return text.strip(" ,;:.!?\"«»()[]")
