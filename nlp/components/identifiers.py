"""``ciblage_identifiers``: SIREN/SIRET (Luhn-checked), euro amounts and dates in ``doc.spans``.

These are values, not actors: they go to ``doc.spans["ciblage_ids"]`` with labels SIREN,
SIRET, AMOUNT and DATE, and a normalised value on ``Span._.ciblage_value`` (the 9/14 digits,
the amount in euros as a float, the ISO date). A few regular expressions over the text: cheap.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ciblage.ids import luhn_valid
from nlp.records import IDS_KEY, VALUE_EXT, doc_text
from nlp.rules.leads import with_lead

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"[  \u202f.]?"

SIRET_RE = with_lead(re.compile(rf"(?<![\d,.])\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{5}}(?![\d,])"))
SIREN_RE = with_lead(re.compile(rf"(?<![\d,.])\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}(?![\d,]|{_SEP}\d)"))
_NUM = r"\d{1,3}(?:[  \u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
AMOUNT_RE = with_lead(re.compile(
    rf"(?<![\w,])(?P<num>{_NUM})\s*(?P<mult>milliards?|millions?|mds?|md|m|k|mille)?\s*"
    rf"(?P<cur>€|euros?\b|eur\b|(?:de |d['’])euros?\b|hors taxes?\s*€|ht\s*€)",
    re.IGNORECASE,
))
DATE_RE = re.compile(
    rf"\b(?P<d>[0-3]?\d|1er)\s+(?P<m>{_MONTH_ALT})\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>[0-3]?\d)/(?P<m2>[01]?\d)/(?P<y2>(?:19|20)\d\d)\b"
    rf"|\b(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)\b"
    rf"|\b(?P<m4>{_MONTH_ALT})\s+(?P<y4>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
#: Cheap preconditions (a search for a short literal shape): a text without three digits in a row
#: holds no SIREN/SIRET, one without a year (every alternative of DATE_RE has one) holds no date.
_SIREN_GATE = re.compile(r"\d\d\d")
_DATE_GATE = re.compile(r"(?:19|20)\d\d")
#: Every currency alternative of AMOUNT_RE holds "€" or "eur".
_AMOUNT_GATE = re.compile(r"€|eur", re.IGNORECASE)
_MULT = {"k": 1e3, "mille": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "md": 1e9, "mds": 1e9,
         "milliard": 1e9, "milliards": 1e9}


def parse_amount(num: str, mult: str | None) -> float:
    digits = re.sub(r"[  \u202f.]", "", num).replace(",", ".")
    return float(digits) * _MULT.get((mult or "").lower(), 1.0)


def parse_date(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        if g["y"]:
            day = 1 if g["d"] == "1er" else int(g["d"])
            return f"{int(g['y']):04d}-{MONTHS[g['m'].lower()]:02d}-{day:02d}"
        if g["y2"]:
            return f"{int(g['y2']):04d}-{int(g['m2']):02d}-{int(g['d2']):02d}"
        if g["y3"]:
            return f"{g['y3']}-{g['m3']}-{g['d3']}"
        return f"{int(g['y4']):04d}-{MONTHS[g['m4'].lower()]:02d}"
    except (KeyError, ValueError):
        return None


def find_identifiers(text: str) -> list[tuple[int, int, str, Any]]:
    """``(start, end, label, value)`` of every identifier in ``text``, without overlaps."""
    found: list[tuple[int, int, str, Any]] = []
    sirens = (("SIRET", SIRET_RE), ("SIREN", SIREN_RE)) if _SIREN_GATE.search(text) else ()
    for label, regex in sirens:
        for m in regex.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if luhn_valid(digits) or (label == "SIRET" and digits.startswith("356000000")):
                found.append((m.start(), m.end(), label, digits))
    for m in AMOUNT_RE.finditer(text) if _AMOUNT_GATE.search(text) else ():
        found.append((m.start(), m.end(), "AMOUNT", parse_amount(m["num"], m["mult"])))
    for m in DATE_RE.finditer(text) if _DATE_GATE.search(text) else ():
        value = parse_date(m)
        if value:
            found.append((m.start(), m.end(), "DATE", value))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[int, int, str, Any]] = []
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            out.append(item)
            last_end = item[1]
    return out


class IdentifierTagger:
    """Put identifiers on ``doc.spans[spans_key]``; optionally drop the model's entities over them."""

    def __init__(self, name: str, *, spans_key: str = IDS_KEY, labels: list[str] | None = None) -> None:
        self.name = name
        self.spans_key = spans_key
        self.labels = set(labels or ("SIREN", "SIRET", "AMOUNT", "DATE"))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, label, value in find_identifiers(doc_text(doc)):
            if label not in self.labels:
                continue
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:
                continue
            span._.set(VALUE_EXT, value)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@registry.misc("ciblage.identifier_labels.v1")
def identifier_labels() -> list[str]:
    return ["SIREN", "SIRET", "AMOUNT", "DATE"]


@Language.factory(
    "ciblage_identifiers",
    default_config={"spans_key": IDS_KEY, "labels": {"@misc": "ciblage.identifier_labels.v1"}},
    assigns=["doc.spans"],
)
def create_identifiers(nlp: Language, name: str, spans_key: str, labels: list[str]) -> IdentifierTagger:
    return IdentifierTagger(name, spans_key=spans_key, labels=labels)
