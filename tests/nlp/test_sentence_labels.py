"""The per-sentence label set the frame gates share (nlp.frames.gates.sentence_labels)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from nlp.frames.gates import sentence_labels


def test_labels_follow_the_entity_list_given() -> None:
    doc = spacy.blank("fr")("Zorbifex équipe Datavox.")
    company, person = Span(doc, 0, 1, label="COMPANY"), Span(doc, 2, 3, label="PERSON")
    first = [company]
    assert sentence_labels(first) == {"COMPANY"}
    assert sentence_labels([company, person]) == {"COMPANY", "PERSON"}  # a new list: recomputed
    assert sentence_labels(first) == {"COMPANY"}
    assert sentence_labels([]) == frozenset()
