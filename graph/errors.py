"""Errors of the graph package beyond the shared tree in :mod:`ciblage.errors`."""

from __future__ import annotations

from ciblage.errors import GraphError


class AmbiguousEntity(GraphError):
    """Raised when an ENTITY argument given by name matches several entities equally well."""

    code = "E502"
    hint = "Pass the entity's id instead (after 'id'), or a more complete name."

    def __init__(self, text: str, candidates: list[dict]) -> None:
        listing = "; ".join(f"{c['name']} ({c['type']}, id {c['id']})" for c in candidates)
        super().__init__(f"{text!r} matches several entities: {listing}")
        self.candidates = candidates
