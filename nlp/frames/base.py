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


def _after(doc: Doc, sent: Span, ent: Span, width: int) -> str:
    """The sentence text right after ``ent``, at most ``width`` characters."""
    return doc_text(doc)[ent.end_char:min(sent.end_char, ent.end_char + width)]
