"""Fuzzy entity search, identical on both stores: candidates from the store, ranking here.

The networkx store offers every entity as a candidate; Neo4j offers the hits of its full-text
index (``standard-folding`` analyzer: accents and case ignored) for a Lucene query built from
the folded words of the text, each as itself, a prefix and a fuzzy term. Both then go through
the same rapidfuzz scoring on folded names, aliases and identifiers, so the ranking is the same.

Example:
    >>> lucene_query("Électeurs  analytiq")
    'electeurs^4 electeurs* electeurs~2 analytiq^4 analytiq* analytiq~2'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ciblage.ids import clean_siren, fold

if TYPE_CHECKING:
    from graph.store.base import Node, View

#: Below this score (0-100) a candidate is not a match.
MIN_SCORE = 70.0
#: Candidates asked of a full-text index per result wanted.
CANDIDATES_PER_RESULT = 20


def lucene_query(text: str) -> str:
    """A Lucene query over folded words (only ``[a-z0-9]``, so nothing needs escaping)."""
    terms = []
    for word in fold(text).split()[:12]:
        if len(word) < 2:
            continue
        terms.append(f"{word}^4")
        if len(word) >= 3:
            terms.append(f"{word}*")
        if len(word) >= 4:
            terms.append(f"{word}~{1 if len(word) < 7 else 2}")
    digits = clean_siren(text)
    if digits and digits not in text:
        terms.append(digits)  # "732 829 320" -> the SIREN as one token
    return " ".join(terms)


def score(query: str, node: Node) -> tuple[float, str]:
    """How well ``node`` matches ``query`` (0-100) and the name, alias or identifier matched."""
    from rapidfuzz import fuzz

    q = fold(query)
    if not q:
        return 0.0, ""
    compact = q.replace(" ", "")
    for key in node.get("search_keys") or []:
        if fold(key).replace(" ", "") == compact or key == query.strip():
            return 100.0, key
    best, matched = 0.0, ""
    for name in [node.get("name") or "", *(node.get("aliases") or [])]:
        folded = fold(name)
        if not folded:
            continue
        s = 100.0 if folded == q else float(fuzz.WRatio(q, folded))
        if len(q) <= 3 and folded != q:
            s = min(s, 60.0)  # a sigle matches exactly or not at all
        if s > best:
            best, matched = s, name
    return best, matched


def search(view: View, text: str, *, limit: int = 10, labels: list[str] | None = None,
           min_score: float = MIN_SCORE) -> list[dict[str, Any]]:
    """Entities matching ``text``, best first: ``{id, name, type, score, matched}``."""
    candidates = view.search_candidates(text, max(limit * CANDIDATES_PER_RESULT, 100))
    direct = view.get(text.strip())
    if direct is not None and direct.get("type") != "Document":
        candidates.append(direct)
    seen: set[str] = set()
    hits = []
    for node in candidates:
        if node["id"] in seen or (labels and node.get("type") not in labels):
            continue
        seen.add(node["id"])
        s, matched = (100.0, node["id"]) if direct is not None and node["id"] == direct["id"] else score(text, node)
        if s >= min_score:
            hits.append({"id": node["id"], "name": node.get("name"), "type": node.get("type"),
                         "score": round(s, 1), "matched": matched})
    hits.sort(key=lambda h: (-h["score"], fold(h["name"] or ""), h["id"]))
    return hits[:limit]
