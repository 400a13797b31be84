"""Shared pieces of the sentence frames: the :data:`Triple` type and the text helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.records import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: (subject, object, predicate, confidence, rule)
Triple = tuple["Span", "Span", str, float, str]


def _text(doc: Doc, start: int, end: int) -> str:
    return doc_text(doc)[start:end]
