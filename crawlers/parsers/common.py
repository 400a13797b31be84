"""Helpers shared by the record parsers: field popping with drift warnings, names, quotes."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from typing import Any

log = logging.getLogger("crawlers.parsers")

_PARTICLES = {"de", "du", "des", "d", "van", "von", "der", "di", "da"}


def warn_leftovers(source: str, record_id: str, data: dict[str, Any], ignored: frozenset[str] = frozenset()) -> list[str]:
    """Log the fields of a source record that no parser used, so that source drift shows up.

    Returns the names of the unexpected fields (those not in ``ignored``).
    """
    left = sorted(k for k, v in data.items() if k not in ignored and v not in (None, "", [], {}))
    if left:
        log.warning("unused source fields source=%s record=%s fields=%s", source, record_id, ",".join(left))
    return left


def json_field(value: Any) -> Any:
    """BODACC-style fields hold JSON in a string; decode it (or return what is there)."""
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            log.warning("undecodable JSON field value=%r", value[:200])
            return value
    return value


def person_name(first: str | None, last: str | None) -> str:
    """``Prénom Nom`` from registry fields, the family name out of capitals (DUPONT → Dupont).

    Only the first given name is kept: registries list them all, the press uses one.
    """
    first = (first or "").strip()
    given = re.split(r"[\s,]+", first)[0] if first else ""
    return " ".join(p for p in (_title(given), _title((last or "").strip())) if p)


def _title(text: str) -> str:
    if not text or not (text.isupper() or text.islower()):
        return text
    words = re.split(r"(\s+|-|')", text.lower())
    real = [w for w in words if w.strip(" -'")]
    out, previous = [], ""
    for word in words:
        particle = word in _PARTICLES or (word in ("la", "le") and previous in ("de", "d"))
        keep_lower = particle and len(real) > 1 and word != real[-1]
        out.append(word if keep_lower else word[:1].upper() + word[1:])
        previous = word if word.strip(" -'") else previous
    return "".join(out)


def quote(fields: dict[str, Any]) -> str:
    """``key: "value"; key: "value"`` for the evidence of a registry statement."""
    return "; ".join(f'{k}: "{v}"' for k, v in fields.items() if v not in (None, ""))


def truncate(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, one space between words, at most one blank line: the stored form of every text
    (idempotent, so offsets computed on it by a parser stay valid in the ledger)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
