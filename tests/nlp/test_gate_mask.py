"""The per-sentence mask of open gates (nlp.frames.gates): decided once per sentence and entity list."""

from __future__ import annotations

import re

import spacy
from spacy.tokens import Span

from nlp.frames.gates import Gate


def test_the_mask_follows_the_sentence_and_the_entity_list_given() -> None:
    doc = spacy.blank("fr")("Zorbifex, son client, équipe Datavox.")
    sent = doc[:]
    company, person = Span(doc, 0, 1, label="COMPANY"), Span(doc, 6, 7, label="PERSON")
    calls: list[str] = []

    def gate(name: str, *regexes: str, labels: frozenset[str] = frozenset()) -> Gate:
        return Gate(lambda doc, sent, ents, previous: calls.append(name) or [],
                    tuple(re.compile(r) for r in regexes), labels)

    gates = [gate("people", labels=frozenset({"PERSON"})), gate("client", r"\bclient\b"), gate("absent", r"\bpatron\b")]
    first = [company]
    for ents in (first, [company, person], first):  # a new list: decided anew
        for g in gates:
            ran = len(calls)
            assert g(doc, sent, ents, []) == []
            assert g.opens(doc, sent, ents) == (len(calls) > ran)
    assert calls == ["client", "people", "client", "client"]
    late = gate("late", r"équipe")  # made after the sentence was decided: part of the next decision
    late(doc, sent, first, [])
    assert calls[-1] == "late"
