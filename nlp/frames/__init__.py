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

from nlp.frames.anaphora import description_anaphora, en_anaphora, joint_subjects, possessives
from nlp.frames.base import Triple
from nlp.frames.clauses import dont_clauses, quotes
from nlp.frames.roles import FRONTED, Fronted, fronted, fronted_apposition, party_labels

__all__ = ["FRONTED", "Fronted", "Triple", "description_anaphora", "dont_clauses", "en_anaphora",
           "fronted", "fronted_apposition", "joint_subjects", "party_labels", "possessives", "quotes"]
