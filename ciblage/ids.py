"""Stable identifiers and name normalisation shared by crawlers, NLP, resolution and the graph.

Ids hash the fewest stable source fields, prefixed by their kind; personal names are never
slugged into an id (they are hashed). Model: ``opensanctions/opensanctions:zavod/docs/best_practices/entity_id.md``.

Example:
    >>> entity_id("COMPANY", "Liegey Muller Pons SAS")
    'company:liegey-muller-pons'
    >>> entity_id("COMPANY", "Spallian", siren="532 105 413")
    'siren:532105413'
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

#: Project entity types (the labels of ``extract --json``) mapped to graph node labels.
TYPE_LABELS: dict[str, str] = {
    "COMPANY": "Company",
    "PARTY": "Party",
    "PUBLIC_BODY": "PublicBody",
    "PERSON": "Person",
    "PRODUCT": "Product",
    "MEDIA": "Media",
    "PLACE": "Place",
    "DOCUMENT": "Document",
    "CONTRACT": "Contract",
}
ENTITY_TYPES = ("COMPANY", "PARTY", "PUBLIC_BODY", "PERSON", "PRODUCT", "MEDIA", "PLACE")

#: Every predicate of the graph model (DESIGN.md), read subject -> object.
PREDICATES = (
    "CLIENT_OF", "CONTRACT_WITH", "AWARDED", "AWARDED_TO", "FOUNDED", "DIRECTS", "WORKS_FOR",
    "MEMBER_OF", "OWNS", "SUBSIDIARY_OF", "PARTNER_OF", "REGULATES", "SANCTIONED",
    "LOBBIES_FOR", "MENTIONS", "MENTIONED_WITH",
)
SYMMETRIC = frozenset({"PARTNER_OF", "MENTIONED_WITH"})

# Legal forms dropped when comparing organisation names (longest first matters for regex).
LEGAL_FORMS = (
    "societe par actions simplifiee unipersonnelle", "societe par actions simplifiee",
    "societe a responsabilite limitee", "societe anonyme", "sasu", "sas", "sarl", "eurl", "sa",
    "sci", "snc", "sca", "scop", "selarl", "gmbh", "ltd", "limited", "llc", "inc", "plc", "bv",
)
_LEGAL_RE = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation as single spaces: for search and comparison."""
    text = strip_accents(text).lower().replace("'", " ").replace("’", " ")
    return _NON_WORD.sub(" ", text).strip()


def normalise_name(name: str, *, drop_legal_form: bool = True) -> str:
    """Fold a name and drop legal forms (SAS, SARL...) so that variants compare equal."""
    folded = fold(name)
    if drop_legal_form:
        stripped = _LEGAL_RE.sub(" ", folded)
        stripped = _NON_WORD.sub(" ", stripped).strip()
        if stripped:
            folded = stripped
    return folded


def slug(name: str) -> str:
    return normalise_name(name).replace(" ", "-") or "x"


def short_hash(*parts: Any, length: int = 16) -> str:
    raw = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:length]


def content_hash(*parts: str | None) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


_DIGITS = re.compile(r"\D+")


def clean_siren(value: str | None) -> str | None:
    """Return the 9-digit SIREN in a SIREN or SIRET (spaces allowed), or None."""
    if not value:
        return None
    digits = _DIGITS.sub("", str(value))
    if len(digits) in (9, 14):
        return digits[:9]
    return None


def luhn_valid(digits: str) -> bool:
    """SIREN and SIRET carry a Luhn checksum (La Poste's SIRETs excepted)."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def entity_id(etype: str, name: str, *, siren: str | None = None) -> str:
    """The stable id of an entity: ``siren:<9 digits>`` when known, else a type-prefixed key.

    Organisations get a readable slug of their normalised name; persons a hash of it.
    """
    s = clean_siren(siren)
    if s:
        return f"siren:{s}"
    etype = etype.upper()
    if etype == "PERSON":
        return f"person:{short_hash(normalise_name(name, drop_legal_form=False), length=12)}"
    return f"{etype.lower().replace('_', '')}:{slug(name)}"


def document_id(source: str, key: str) -> str:
    """Id of a document: source plus its canonical URL (or path)."""
    return f"doc:{short_hash(source, key)}"


def contract_id(source: str, key: str) -> str:
    return f"contract:{short_hash(source, key)}"


_LOWER_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "et", "en", "sur", "sous", "aux", "au", "l", "d", "à"})


def _smart_title(name: str) -> str:
    """'COMMUNE DE VILLENEUVE-SUR-LISONNE' -> 'Commune de Villeneuve-sur-Lisonne'."""
    def word(w: str, first: bool) -> str:
        parts = w.split("-")
        out = []
        for i, p in enumerate(parts):
            low = p.lower()
            if (not first or i) and low in _LOWER_WORDS:
                out.append(low)
            elif "'" in p:
                head, _, tail = low.partition("'")
                out.append(f"{head}'{tail[:1].upper()}{tail[1:]}" if head in ("l", "d") else low.capitalize())
            else:
                out.append(low.capitalize())
        return "-".join(out)

    return " ".join(word(w, i == 0) for i, w in enumerate(name.split()))


def display_name(name: str, alternatives: list[str] | tuple[str, ...] = ()) -> str:
    """A readable name for people: registry names in capitals give way to a mixed-case
    variant with the same normalised form, else to a title-cased form. Short all-caps
    names (sigles such as CNIL, LMP) are kept.
    """
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) <= 5:
        return name
    key = normalise_name(name)
    for alt in sorted(alternatives, key=lambda a: (len(a), a)):
        if alt and any(c.islower() for c in alt) and normalise_name(alt) == key:
            return alt
    return _smart_title(name)
