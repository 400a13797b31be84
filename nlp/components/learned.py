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

from nlp.learned.features import FeatureRows, SentencePairs
from nlp.learned.model import LinearModel
from nlp.records import LANGUAGE_EXT, RELATIONS_EXT, Relation, doc_text
from nlp.rules import is_negated, normalise_gap
from nlp.rules.base import HEDGED
from nlp.components.relations import (_in_parenthesis, fix_predicate, fold_cached, make_relation, same_entity,
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
    for i, j in _candidates(doc_text(doc), _bounds(ents)):
        yield ents[i], ents[j]


Bounds = tuple[int, int, int, int]


def _bounds(ents: list[Span]) -> list[Bounds]:
    """Each entity's (start, end, start_char, end_char), read once (spaCy computes them per access)."""
    return [(e.start, e.end, e.start_char, e.end_char) for e in ents]


def _candidates(text: str, bounds: list[Bounds]) -> Iterator[tuple[int, int]]:
    """:func:`candidate_pairs` as indices into the sentence's entities; an entity's text is the
    slice of the doc's text (what ``Span.text`` rebuilds from the tokens)."""
    folded = [fold_cached(text[sc:ec]) for _, _, sc, ec in bounds]
    asides = {i for i, (_, _, sc, ec) in enumerate(bounds) if _in_parenthesis(text, sc, ec)}
    for i, (_, end, _, _) in enumerate(bounds):
        if i in asides:
            continue
        for j in range(i + 1, len(bounds)):
            if bounds[j][0] - end > MAX_DISTANCE:
                break
            if folded[i] != folded[j] and j not in asides:
                yield i, j


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
    return _Hedges(doc_text(doc), sent.start_char, _bounds([a, b]))(0, 1)


_HEAD_SPLIT = re.compile(r"[,;:()«»]")


class _Hedges:
    """:func:`hedged` for the pairs of one sentence (``bounds``: its entities' :func:`_bounds`).

    The parts that depend on one entity only (the clause before the first one, whether it hedges
    or is a fronted clause; the rest of the second one's clause) are read once per entity. The
    tests are pure, so their order does not change the answer: the cheap ones come first.
    """

    def __init__(self, text: str, sent_start: int, bounds: list[Bounds]) -> None:
        self.text, self.sent_start, self.bounds = text, sent_start, bounds
        self._heads: dict[int, tuple[str, bool, bool]] = {}
        self._tails: dict[int, tuple[str, int]] = {}

    def head(self, i: int) -> tuple[str, bool, bool]:
        """The first entity's clause before it; whether it hedges; whether it is a fronted clause
        without a comma before the entity."""
        found = self._heads.get(i)
        if found is None:
            text, start = self.text, self.bounds[i][2]
            head = _HEAD_SPLIT.split(text[max(self.sent_start, start - 60):start])[-1]
            before = text[self.sent_start:start]
            found = self._heads[i] = (head, bool(HEDGED.search(normalise_gap(head))),
                                      bool(_FRONTED.match(before)) and "," not in before)
        return found

    def tail(self, j: int) -> tuple[str, int]:
        """The rest of the second entity's clause (at most 80 characters), and its end."""
        found = self._tails.get(j)
        if found is None:
            end = self.bounds[j][3]
            tail = self.text[end:end + 80]
            m = _CLAUSE_END.search(tail)
            found = self._tails[j] = (tail[:m.start()], end + m.start()) if m else (tail, end + len(tail))
        return found

    def __call__(self, i: int, j: int) -> bool:
        head, head_hedges, fronted = self.head(i)
        if head_hedges:
            return True
        rest, rest_end = self.tail(j)
        text = self.text
        a_end = self.bounds[i][3]
        gap = normalise_gap(text[a_end:self.bounds[j][2]])
        if "," in gap and fronted:
            return True
        if is_negated(normalise_gap(f"{head} {gap} {rest}")) or _RIVALS.search(gap):
            return True
        # "…que se tournerait la candidate X": a conditional states no fact. Every conditional
        # form holds "rai", which normalise_gap (lower case, spaces) neither makes nor splits.
        span = text[a_end:rest_end]
        return "rai" in span.lower() and bool(_CONDITIONAL.search(normalise_gap(span)))


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
        self._known: tuple[LinearModel, FeatureRows] | None = None

    def known(self) -> FeatureRows:
        """The model's :class:`FeatureRows`, built again when ``model`` was replaced (training
        swaps models in and out)."""
        assert self.model is not None
        if self._known is None or self._known[0] is not self.model:
            self._known = (self.model, FeatureRows(self.model.feature_index))
        return self._known[1]

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
        text = doc_text(doc)
        bounds = _bounds(ents)
        labels = [e.label_ for e in ents]
        hedges = _Hedges(text, sent.start_char, bounds)
        known = self.known()
        for i, j in _candidates(text, bounds):
            first, second = labels[i], labels[j]
            pair = frozenset((bounds[i][2], bounds[j][2]))
            if pair in covered or not self.model.allows_types(first, second):
                continue
            a, b = ents[i], ents[j]
            pairs = pairs or SentencePairs(doc, sent, ents)
            vector = pairs.vector(a, b) if self.model.dense else ()
            best = self.model.predict_rows(pairs.rows(a, b, known), first, second, self.threshold,
                                           vector)
            if best and hedges(i, j):  # (after scoring: most pairs have no class, hedges cost more)
                continue
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
