"""Entity resolution: judgements on pairs of entity ids, chained into canonical ids.

Resolution records decisions and never rewrites source ids (model:
``opensanctions/nomenklatura:nomenklatura/resolver/resolver.py``). Positive ('same')
judgements chain into clusters; each cluster's canonical id is its ``siren:`` id when it has
one, otherwise the smallest id. Graph loads apply :func:`canonical_ids` to every statement.
"""

from __future__ import annotations

import re
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


# -- matching ------------------------------------------------------------------------------

#: Types that name organisations: an exact name or alias match may cross them (a party is
#: also a registered association, a vendor may be typed COMPANY by the registry and ORG-ish
#: by the press), a fuzzy one may not.
ORG_TYPES = frozenset({"COMPANY", "PARTY", "PUBLIC_BODY", "MEDIA"})
#: Types never resolved (documents and contracts have source-given ids).
UNRESOLVED_TYPES = frozenset({"DOCUMENT", "CONTRACT"})


#: Generic words that firms add to a distinctive name ("Datavox Conseil" is called "Datavox"
#: in the press). Dropping them gives a core name compared by :func:`find_candidates`.
GENERIC_WORDS = frozenset({
    "conseil", "conseils", "consulting", "group", "groupe", "france", "solutions", "solution",
    "technologies", "technology", "tech", "digital", "numerique", "agency", "agence", "international",
    "partners", "associes", "et", "holding", "services", "service", "data", "software", "studio",
    "lab", "labs", "systems", "europe", "sas", "sarl", "sa", "the", "le", "la", "les",
})


def core_name(normalised: str) -> str:
    """A normalised organisation name without its generic words ('' when nothing distinctive is left)."""
    words = [w for w in normalised.split() if w not in GENERIC_WORDS]
    core = " ".join(words)
    return core if len(core) >= 4 else ""


def _is_machine(user: str) -> bool:
    return user.startswith(("auto:", "rule:"))


#: How the press and the registries name a local authority: "mairie de X", "ville de X" and
#: the registry's "commune de X" are one body (a data table, not if-chains).
PUBLIC_BODY_SYNONYMS = (
    (re.compile(r"^(?:mairie|ville|municipalite|commune)\s+(?:de|d)\s+"), "commune de "),
    (re.compile(r"^(?:conseil\s+departemental|departement)\s+(?:de|du|des|d)\s+"), "departement de "),
    (re.compile(r"^(?:conseil\s+regional|region)\s+(?:de|du|des|d)\s+"), "region de "),
)


def _names(entity: dict) -> set[str]:
    from ciblage.ids import normalise_name

    names = {entity["name"], *entity.get("aliases", [])}
    keep_form = entity["type"] == "PERSON"
    out = {normalise_name(n, drop_legal_form=not keep_form) for n in names if n}
    if entity["type"] == "PUBLIC_BODY":
        for pattern, replacement in PUBLIC_BODY_SYNONYMS:
            out |= {pattern.sub(replacement, n) for n in out}
    return {n for n in out if len(n) >= 2}


def _clusters(pairs: dict[tuple[str, str], tuple[float, str]]) -> dict[str, str]:
    """Representative of each id linked by the rule pairs found so far."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return {x: find(x) for x in parent}


def find_candidates(ledger: Ledger, *, review_threshold: float) -> list[tuple[str, str, float, str]]:
    """Scored pairs of entity ids that may be the same: ``(left, right, score, rule)``.

    Rules, strongest first: a shared SIREN identifier (``rule:siren``), an equal normalised
    name or alias (``rule:name``; organisations may cross their types, persons need the same
    type), then fuzzy name similarity within one type (``auto:fuzzy``, rapidfuzz
    ``token_sort_ratio`` on normalised names, kept above ``review_threshold``).
    """
    from rapidfuzz import fuzz, process

    entities = [e for e in ledger.entities() if e["type"] not in UNRESOLVED_TYPES]
    pairs: dict[tuple[str, str], tuple[float, str]] = {}

    def add(a: str, b: str, score: float, rule: str) -> None:
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        if key not in pairs or pairs[key][0] < score:
            pairs[key] = (score, rule)

    by_siren: dict[str, list[str]] = {}
    by_name: dict[tuple[str, str], list[str]] = {}
    for e in entities:
        siren = (e.get("identifiers") or {}).get("siren")
        if e["id"].startswith("siren:"):
            siren = e["id"][6:]
        if siren:
            by_siren.setdefault(str(siren), []).append(e["id"])
        family = "ORG" if e["type"] in ORG_TYPES else e["type"]
        for n in _names(e):
            by_name.setdefault((family, n), []).append(e["id"])
    for ids in by_siren.values():
        for other in ids[1:]:
            add(ids[0], other, 100.0, "rule:siren")
    for ids in by_name.values():
        for other in ids[1:]:
            add(ids[0], other, 100.0, "rule:name")

    # Core names: one distinctive name shared by exactly two clusters of organisations (a
    # registry name and the short press name) is a strong hint; shared by more, it says nothing.
    cluster = _clusters(pairs)
    by_core: dict[str, dict[str, str]] = {}
    for (family, n), ids in by_name.items():
        core = core_name(n) if family == "ORG" else ""
        for i in ids if core else ():
            by_core.setdefault(core, {}).setdefault(cluster.get(i, i), i)
    for heads in by_core.values():
        if len(heads) == 2:
            a, b = sorted(heads.values())
            add(a, b, 96.0, "rule:core-name")

    by_type: dict[str, list[tuple[str, str]]] = {}
    for e in entities:
        for n in _names(e):
            by_type.setdefault(e["type"], []).append((n, e["id"]))
    for etype, rows in by_type.items():
        if etype == "PERSON" or len(rows) < 2:
            # Persons are merged on equal names only: near-equal personal names are
            # different people too often for a machine to decide.
            continue
        names = [r[0] for r in rows]
        matrix = process.cdist(names, names, scorer=fuzz.token_sort_ratio,
                               score_cutoff=review_threshold, workers=1)
        for i, j in zip(*matrix.nonzero()):
            if i < j and rows[i][1] != rows[j][1]:
                add(rows[i][1], rows[j][1], float(matrix[i, j]), "auto:fuzzy")
    return sorted(((a, b, s, r) for (a, b), (s, r) in pairs.items()), key=lambda p: (-p[2], p[0], p[1]))


def resolve(ledger: Ledger, *, auto_threshold: float | None = None,
            review_threshold: float | None = None) -> dict[str, int]:
    """Judge candidate pairs by rule and queue the doubtful ones for a journalist.

    A human judgement on a pair is never overridden by a machine. Returns counts:
    ``candidates``, ``merged`` (new 'same' judgements), ``queued`` (new 'unsure'),
    ``kept`` (pairs already judged).
    """
    from ciblage import settings

    auto = settings.fuzzy_auto_threshold() if auto_threshold is None else auto_threshold
    review = settings.fuzzy_review_threshold() if review_threshold is None else review_threshold
    existing = {(j["left_id"], j["right_id"]): j for j in ledger.judgements()}
    counts = {"candidates": 0, "merged": 0, "queued": 0, "kept": 0}
    with ledger.batch():
        for left, right, score, rule in find_candidates(ledger, review_threshold=review):
            counts["candidates"] += 1
            prior = existing.get((left, right))
            if prior is not None and (not _is_machine(prior["user"]) or prior["judgement"] == "same"):
                counts["kept"] += 1
                continue
            verdict = "same" if score >= auto else "unsure"
            if prior is not None and prior["judgement"] == verdict:
                counts["kept"] += 1
                continue
            ledger.add_judgement(left, right, verdict, rule, score=score)
            counts["merged" if verdict == "same" else "queued"] += 1
    return counts


def pending_reviews(ledger: Ledger) -> list[dict]:
    """Pairs whose active judgement is 'unsure', with both entities, best score first."""
    out = []
    for j in ledger.judgements():
        if j["judgement"] != "unsure":
            continue
        left, right = ledger.entity(j["left_id"]), ledger.entity(j["right_id"])
        if left and right:
            out.append({"left": left, "right": right, "score": j["score"], "by": j["user"]})
    return sorted(out, key=lambda r: -(r["score"] or 0))


def judge(ledger: Ledger, left: str, right: str, judgement: str, user: str) -> None:
    """Record a journalist's decision on a pair (merge: same, split: different)."""
    from ciblage.errors import EntityNotFound

    for eid in (left, right):
        if ledger.entity(eid) is None:
            raise EntityNotFound(f"no entity with id {eid!r} in the ledger")
    if left == right:
        raise ValueError("an entity cannot be judged against itself")
    ledger.add_judgement(left, right, judgement, user)
