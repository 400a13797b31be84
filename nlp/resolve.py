"""Entity resolution: judgements on pairs of entity ids, chained into canonical ids.

Resolution records decisions and never rewrites source ids (model:
``opensanctions/nomenklatura:nomenklatura/resolver/resolver.py``). Positive ('same')
judgements chain into clusters; each cluster's canonical id is its ``siren:`` id when it has
one, otherwise the smallest id. Graph loads apply :func:`canonical_ids` to every statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ciblage.ledger import Ledger


def _preferred(ids: set[str]) -> str:
    return min(ids, key=lambda i: (not i.startswith("siren:"), i))


def canonical_ids(ledger: Ledger) -> dict[str, str]:
    """Map every id that has an active 'same' judgement to its cluster's canonical id.

    Ids absent from the mapping are their own canonical id.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for j in ledger.judgements():
        if j["judgement"] == "same":
            a, b = find(j["left_id"]), find(j["right_id"])
            if a != b:
                parent[a] = b
    clusters: dict[str, set[str]] = {}
    for x in list(parent):
        clusters.setdefault(find(x), set()).add(x)
    mapping: dict[str, str] = {}
    for members in clusters.values():
        canon = _preferred(members)
        for m in members:
            if m != canon:
                mapping[m] = canon
    return mapping
