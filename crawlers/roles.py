"""Messy role spellings (``qualite``, ``fonction``) → a normalised role and its predicate.

The fixes live in ``crawlers/data/roles.csv`` (a data table, not ``if`` chains); unknown
spellings keep their text as the role and get the caller's default predicate.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ciblage.ids import fold

TABLE = Path(__file__).with_name("data") / "roles.csv"


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, str, str], ...]:
    with TABLE.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return tuple((f" {fold(r['pattern'])} ", r["role"], r["predicate"]) for r in rows)


def role(text: str | None, default_predicate: str = "DIRECTS") -> tuple[str | None, str | None]:
    """``(role, predicate)`` for a role text; predicate None means "no relation statement".

    Example:
        >>> role("Président de SAS")
        ('président', 'DIRECTS')
        >>> role("Commissaire aux comptes titulaire")
        ('commissaire aux comptes', None)
    """
    if not text or not text.strip():
        return None, default_predicate
    folded = f" {fold(text)} "
    for pattern, name, predicate in _table():
        if pattern in folded:
            return name, (None if predicate == "-" else predicate)
    return text.strip(), default_predicate
