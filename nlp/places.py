"""Is a span the model tagged LOC really a place? Known names, place shapes and locative context.

spaCy's French LOC fires on invented one-word brand names ("Géovote", "Opinéa"); journalists
introduce real places with a preposition ("à Brest", "en Occitanie") or name well-known ones.

Example:
    >>> is_known_place("Clermont-Ferrand"), is_known_place("Géovote")
    (True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ciblage.ids import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACES_FILE = Path(__file__).parent / "data" / "places.txt"
#: Communes of 2,000 inhabitants or more, départements, régions (see ``data/make_communes.py``).
COMMUNES_FILE = Path(__file__).parent / "data" / "communes.txt"
#: Country and territory names in French (see ``data/make_countries.py``).
COUNTRIES_FILE = Path(__file__).parent / "data" / "countries.txt"
#: "Saint-Brieuc", "Bourg-en-Bresse", "Châlons-sur-Marne", "Villeneuve-lès-Avignon".
_SHAPE = re.compile(r"^(?:Saint|Sainte|Villeneuve|Port|Mont|Bourg)[- ]|-(?:sur|en|lès|les|de|la|le)-")
_LOCATIVE = frozenset({"en", "dans", "vers", "près", "depuis", "outre", "autour"})
#: Words before "de X" that make X a place ("la mairie de X", "les habitants de X").
_PLACE_NOUNS = frozenset({
    "ville", "commune", "maire", "mairie", "habitants", "région", "département", "préfet",
    "préfecture", "agglomération", "métropole", "canton", "circonscription", "banlieue", "centre",
    "quartier", "port", "rcs", "greffe", "tribunal", "municipales", "élus", "député", "députée",
    "conseiller", "conseillère", "sénateur", "sénatrice", "environs", "région", "nord", "sud", "est",
    "ouest",
})
#: Verbs before "à X" that place a firm or person ("installée à X"), not a dative.
#: "dont le siège est à X": a firm's seat, offices or premises are somewhere.
_SEAT_NOUNS = frozenset({"siège", "sièges", "bureaux", "locaux", "adresse", "antenne", "succursale"})
_LOCATIVE_VERBS = ("bas", "install", "implant", "situ", "né", "domicili", "établi", "élu", "vi",
                   "habit", "résid", "candidat", "tête", "siég", "réfugi", "déménag", "install")


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    lines = [line for path in (PLACES_FILE, COMMUNES_FILE, COUNTRIES_FILE) for line in path.read_text("utf-8").splitlines()]
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=65536)
def is_known_place(name: str) -> bool:
    return fold(name) in known_places() or bool(_SHAPE.search(name))


def looks_like_place(doc: Doc, span: Span) -> bool:
    """True for a known or place-shaped name, or one introduced as a place by its context."""
    if is_known_place(span.text):
        return True
    i = span.start
    prev = doc[i - 1].lower_ if i >= 1 else ""
    if prev in _LOCATIVE:
        return True
    if prev in ("à", "au", "aux") and i >= 3 and doc[i - 3].lower_ in _SEAT_NOUNS and doc[i - 2].lemma_ == "être":
        return True  # "dont le siège est à Dublin"
    if prev in ("à", "au", "aux") and i >= 2:
        head = span.root.head
        if head.i != span.root.i and head.pos_ in ("VERB", "NOUN") and head.i < i - 2 and not (
                head.lower_.startswith(_LOCATIVE_VERBS) or head.lower_ in _PLACE_NOUNS
                or head.lower_ in _SEAT_NOUNS):
            return False  # "attribué, après un appel d'offres contesté, à Délibéra": a dative
        before = doc[i - 2]
        return before.pos_ not in ("VERB", "AUX", "NUM", "NOUN") or before.lower_.startswith(
            _LOCATIVE_VERBS)
    if prev in ("de", "d'", "d’", "du") and i >= 2:
        return doc[i - 2].lower_ in _PLACE_NOUNS
    return False
