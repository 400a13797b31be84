"""``ciblage_learned_relations``: a trained linear model reads the pairs the rules left unread.

Runs after ``ciblage_relations``. For every pair of entities of a sentence that no rule, frame
or dependency pattern linked, :func:`nlp.learned.features.pair_features` describes the pair and
:class:`nlp.learned.model.LinearModel` scores each relation class; a class at or above
``threshold``, on a type pair it was trained on, becomes a relation with rule
``learned.<predicate>`` and a confidence of the model's probability capped at
``max_confidence`` (below the rules', so a journalist can tell a learned reading from a rule's).
The model file is ``nlp/data/relation_model.json`` by default, written by
``python -m nlp.learned.train``; ``model_path = ""`` in the config turns the component off.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from nlp.learned.features import SentencePairs
from nlp.learned.model import LinearModel, split_class
from nlp.records import LANGUAGE_EXT, RELATIONS_EXT, Relation, doc_text
from nlp.rules import is_negated, normalise_gap
from nlp.rules.base import HEDGED
from nlp.components.relations import (fix_predicate, fold_cached, in_parenthesis, make_relation, same_entity,
                                      sentences_with_ents)

log = logging.getLogger(__name__)

#: The component's name in the pipeline (and its factory's).
NAME = "ciblage_learned_relations"
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "data" / "relation_model.json"
#: Pairs further apart than this (in tokens) are not scored: the model was not trained on them.
MAX_DISTANCE = 60


@registry.misc("ciblage.relation_model_path.v1")
def relation_model_path(path: str = "") -> str:
    """The model file: ``path`` when given, else the one shipped in ``nlp/data/`` ("" when that
    one is missing, as before the first training: the component then does nothing)."""
    if path:
        return path
    if not DEFAULT_MODEL.exists():
        log.warning("no relation model at %s: learned relations off", DEFAULT_MODEL)
        return ""
    return str(DEFAULT_MODEL)


def candidate_pairs(doc: Doc, ents: list[Span]) -> Iterator[tuple[Span, Span]]:
    """Ordered pairs of a sentence's entities worth reading: not the same name, at most
    :data:`MAX_DISTANCE` tokens apart, neither in brackets ("X (LR) a fait appel à Y": a label)."""
    folded = [fold_cached(e.text) for e in ents]
    asides = {i for i, e in enumerate(ents) if in_parenthesis(doc, e)}
    for i, a in enumerate(ents):
        for j in range(i + 1, len(ents)):
            b = ents[j]
            if b.start - a.end > MAX_DISTANCE:
                break
            if folded[i] != folded[j] and i not in asides and j not in asides:
                yield a, b


_CLAUSE_END = re.compile(r"[,;:.!?()«»]")
#: A fronted time or circumstance clause ("Après une enquête sur X, la CNIL…"): its names are
#: not arguments of the main verb.
_FRONTED = re.compile(r"^\s*(?:après|avant|lors d|à la suite d|suite à|en marge d|au terme d|dans le cadre d)",
                      re.IGNORECASE)
#: Conditional verb forms ("tournerait", "confieraient", "prendrait"; not the imperfect "gérait").
_CONDITIONAL = re.compile(r"\b\w+(?:erai(?:t|ent)|drai(?:t|ent))\b")
#: Rivals are not related ("X, dont le concurrent Y possède…").
_RIVALS = re.compile(r"\b(?:concurrent\w*|rival\w*|adversaire\w*|compétiteur\w*|homologue\w*)\b")
#: Sold, not owned: "X a cédé Y à Z".
_CEDED = re.compile(r"\b(?:cédé|cédée|cède|cèdent|cédait|vendu|vendue|revendu|revendue|vend|revend|cession)\b")


def hedged(doc: Doc, sent: Span, a: Span, b: Span) -> bool:
    """Whether the model must not state a relation between ``a`` and ``b``, where the rules would
    not either: the gap, the rest of the second one's clause or the first one's clause before it
    denies or hedges ("n'a pas été attribué à", "aurait fait appel à", "dont X n'assure plus
    la gestion", "Après avoir envisagé de racheter X"; :func:`nlp.rules.is_negated`) or is
    in the conditional; the two are rivals; ``a`` sits in a fronted time clause and ``b`` after
    its comma."""
    text = doc_text(doc)
    tail = text[b.end_char:b.end_char + 80]
    m = _CLAUSE_END.search(tail)
    head = text[max(sent.start_char, a.start_char - 60):a.start_char]
    head = re.split(r"[,;:()«»]", head)[-1]
    gap = normalise_gap(text[a.end_char:b.start_char])
    if is_negated(normalise_gap(f"{head} {gap} {tail[:m.start()] if m else tail}")) or HEDGED.search(
            normalise_gap(head)):
        return True
    if _RIVALS.search(gap):
        return True
    if _CONDITIONAL.search(normalise_gap(text[a.end_char:b.end_char + (m.start() if m else len(tail))])):
        return True  # "…que se tournerait la candidate X": a conditional states no fact
    return "," in gap and bool(_FRONTED.match(text[sent.start_char:a.start_char])) and "," not in text[
        sent.start_char:a.start_char]


def sold(doc: Doc, a: Span, b: Span) -> bool:
    """A sale between the two ("X a cédé Y à Z"): no OWNS read across it."""
    return bool(_CEDED.search(normalise_gap(doc_text(doc)[a.end_char:b.start_char])))


class LearnedRelations:
    """Add ``learned.*`` relations to ``doc._.ciblage_relations``."""

    def __init__(self, name: str, *, model_path: str, threshold: float, max_confidence: float,
                 max_ents: int) -> None:
        self.name = name
        self.threshold = threshold
        self.max_confidence = max_confidence
        self.max_ents = max_ents
        self.model = LinearModel.load(Path(model_path)) if model_path else None

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None or getattr(doc._, LANGUAGE_EXT) not in (None, "fr"):
            return doc
        existing = list(getattr(doc._, RELATIONS_EXT) or [])
        covered = {frozenset((r["subject_span"][0], r["object_span"][0])) for r in existing
                   if r["predicate"] != "MENTIONED_WITH"}
        added = [r.to_dict() for sent, ents in sentences_with_ents(doc)
                 if 2 <= len(ents) <= self.max_ents for r in self.read(doc, sent, ents, covered)]
        if added:
            doc._.set(RELATIONS_EXT, existing + added)
        return doc

    def read(self, doc: Doc, sent: Span, ents: list[Span], covered: set[frozenset[int]]) -> list[Relation]:
        """The model's relations between the uncovered pairs of one sentence."""
        assert self.model is not None
        out: list[Relation] = []
        pairs: SentencePairs | None = None  # built for the first pair worth scoring
        for a, b in candidate_pairs(doc, ents):
            if (frozenset((a.start_char, b.start_char)) in covered or not self.model.allows_types(a.label_, b.label_)
                    or hedged(doc, sent, a, b)):  # (before scoring: it costs a tenth of a pair's features)
                continue
            pairs = pairs or SentencePairs(doc, sent, ents)
            vector = pairs.vector(a, b) if self.model.dense else ()
            best = self.model.predict(pairs.features(a, b), a.label_, b.label_, self.threshold, vector)
            for predicate, (p, cls) in best.items():
                if predicate == "OWNS" and sold(doc, a, b):
                    continue
                subj, obj = (b, a) if cls.endswith("<") else (a, b)
                rel = make_relation(sent, subj, obj, predicate, min(p, self.max_confidence),
                                    f"learned.{predicate.lower()}")
                if not same_entity(doc, rel):
                    out.append(fix_predicate(rel))
        return out


@Language.factory(
    NAME,
    default_config={
        "model_path": {"@misc": "ciblage.relation_model_path.v1", "path": ""},
        "threshold": 0.4,
        "max_confidence": 0.5,
        "max_ents": 40,
    },
    assigns=[f"doc._.{RELATIONS_EXT}"],
    requires=["doc.ents", "doc.sents", f"doc._.{RELATIONS_EXT}"],
)
def create_learned_relations(nlp: Language, name: str, model_path: str, threshold: float,
                             max_confidence: float, max_ents: int) -> LearnedRelations:
    return LearnedRelations(name, model_path=model_path, threshold=threshold,
                            max_confidence=max_confidence, max_ents=max_ents)


__all__ = ["DEFAULT_MODEL", "NAME", "LearnedRelations", "candidate_pairs", "hedged", "relation_model_path", "sold"]
