"""Sentence frames the pairwise gap rules cannot see: fronted clauses, possessives, anaphora, quotes.

Each frame is a pattern of French syntax, read once per sentence on the text around the entities:

* fronted participle: "Fondée en 2019 par A, B et C, la société X…", "Mise en demeure par la
  CNIL, la société X…", "Passée par A puis par B, X a rejoint…" (the agents follow *par*, the
  argument is the first entity after the clause's closing comma);
* fronted apposition: "Ancien cadre du PS, X…", "Directrice générale de Y, X…" (read as if it
  were "X, ancien cadre du PS" with the gap rules);
* possessive: "son fondateur, X", "a annoncé sa présidente, X" (the organisation is the nearest
  earlier one, or the sentence's first after a speech verb);
* *en* anaphora: "X en est la présidente", "X, qui en détient l'intégralité";
* joint subject: "A et l'éditeur B ont noué un partenariat", "les deux sociétés ont signé un accord";
* quote: "« Nous avons accompagné X… », explique Y, directrice de Z" (X client of Z).

Modules: :mod:`~nlp.frames.roles` (fronted participles and appositions, party labels),
:mod:`~nlp.frames.anaphora` (possessives, *en*, descriptions, joint subjects),
:mod:`~nlp.frames.clauses` (quotes, *dont* relatives), :mod:`~nlp.frames.base` (shared types).

Example:
    >>> FRONTED[0].predicate
    'FOUNDED'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from nlp.frames import capital, clients, people
from nlp.frames.anaphora import (
    EN_GATE, JOINT_GATE, POSSESSIVE_GATE, description_anaphora, en_anaphora, joint_subjects, possessives)
from nlp.frames.base import Triple
from nlp.frames.clauses import DONT_GATE, QUOTE_GATE, dont_clauses, quotes
from nlp.frames.gates import Gate, open_gates
from nlp.frames.roles import FRONTED, PARTY_LABEL_GATE, Fronted, fronted, fronted_apposition, party_labels

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

Frame = Callable[["Doc", "Span", "list[Span]", "list[Span]"], "list[Triple]"]

#: Every frame, called once per sentence as ``frame(doc, sent, ents, previous)`` (``previous``:
#: the entities of the sentence before). Family modules (:mod:`~nlp.frames.clients`,
#: :mod:`~nlp.frames.people`, :mod:`~nlp.frames.capital`) append theirs.
FRAMES: tuple[Frame, ...] = (
    Gate(lambda doc, sent, ents, previous: fronted(doc, sent, ents), tuple(f.regex for f in FRONTED)),
    lambda doc, sent, ents, previous: fronted_apposition(doc, sent, ents),
    Gate(possessives, *POSSESSIVE_GATE),
    Gate(en_anaphora, *EN_GATE),
    Gate(joint_subjects, *JOINT_GATE),
    Gate(lambda doc, sent, ents, previous: quotes(doc, sent, ents), *QUOTE_GATE),
    Gate(lambda doc, sent, ents, previous: party_labels(doc, sent, ents), *PARTY_LABEL_GATE),
    description_anaphora,
    Gate(lambda doc, sent, ents, previous: dont_clauses(doc, sent, ents), *DONT_GATE),
    *clients.FRAMES, *people.FRAMES, *capital.FRAMES,
)

#: gate mask -> the frames to call for a sentence with that mask (see :func:`sentence_triples`).
_RUNS: dict[int, tuple[Frame, ...]] = {}


def sentence_triples(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """``[t for frame in FRAMES for t in frame(doc, sent, ents, previous)]``, calling only the
    frames whose gate opens on the sentence (:func:`~nlp.frames.gates.open_gates`, decided once)
    and those without a gate, in the same order, instead of calling every gate to learn it is closed."""
    mask = open_gates(doc, sent, ents)
    run = _RUNS.get(mask)
    if run is None:
        if len(_RUNS) > 10_000:  # bound the memo (a few hundred masks occur)
            _RUNS.clear()
        run = _RUNS[mask] = tuple(f.frame if isinstance(f, Gate) else f for f in FRAMES
                                  if not isinstance(f, Gate) or f.bit & mask)
    return [t for frame in run for t in frame(doc, sent, ents, previous)]


__all__ = ["FRAMES", "FRONTED", "Fronted", "Triple", "description_anaphora", "dont_clauses", "en_anaphora",
           "fronted", "fronted_apposition", "joint_subjects", "party_labels", "possessives", "quotes", "sentence_triples"]
