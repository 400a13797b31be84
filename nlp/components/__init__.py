"""The project's spaCy components; importing this package registers their factories."""

from __future__ import annotations

from nlp.components import entity_types, gazetteer, identifiers, learned, relations, stock

__all__ = ["entity_types", "gazetteer", "identifiers", "learned", "relations", "stock"]
