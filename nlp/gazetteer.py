"""The gazetteer of known actors: shipped JSONL files, a user file, and the ledger's registry names.

Format (one JSON object per line, UTF-8; blank lines and lines starting with ``#`` are skipped)::

    {"canonical": "Liegey Muller Pons", "label": "COMPANY",
     "aliases": ["LMP", "eXplain"], "siren": null, "ignore_case": false, "note": "why / source"}

- ``canonical`` (required): the name every alias maps to. For organisations that changed names
  (FN -> RN, En Marche -> LREM -> Renaissance, UMP -> Les Républicains, CSA -> Arcom), the
  canonical name is the **current** one and the former names are aliases.
- ``label`` (required): one of COMPANY, PARTY, PUBLIC_BODY, PERSON, PRODUCT, MEDIA, PLACE.
- ``aliases``: other spellings, sigles, former names. Matching is case-sensitive on the exact
  token sequence (so "Le Monde" never matches "le monde"), unless ``ignore_case`` is true, which
  suits distinctive names ("NationBuilder" also matches "Nationbuilder").
- ``siren``: only a SIREN read in the registry; extraction then maps mentions to ``siren:<9>``.

PERSON entries (``persons.jsonl``: well-known political figures) list the surname alone as an
alias only when it is not a common word or first name ("Fillon", "Le Pen" but not "Philippe",
"Hollande", "Royal"); the match stays case-sensitive, and a surname glued to other capitalised
words ("Brigitte Macron", "la société Fillon Conseil") is left to the model.

The shipped files live in ``nlp/gazetteer/*.jsonl``. A journalist adds names without touching
the code by pointing the ``CIBLAGE_GAZETTEER`` environment variable at a JSONL file or a folder
of them (several paths separated by ``os.pathsep``); those entries are read after the shipped
ones, so they can re-type a shipped name.

Example:
    >>> entries = load_entries()
    >>> any(e.canonical == "Renaissance" and "LREM" in e.aliases for e in entries)
    True
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ciblage.errors import InputError
from ciblage.ids import ENTITY_TYPES, clean_siren

if TYPE_CHECKING:
    from ciblage.ledger import Ledger

log = logging.getLogger(__name__)

GAZETTEER_DIR = Path(__file__).parent / "gazetteer"
ENV_VAR = "CIBLAGE_GAZETTEER"
LEDGER_TYPES = ("COMPANY", "PUBLIC_BODY", "PARTY")
_LEGAL_SUFFIX = re.compile(r"[\s,]+(?:SASU|SAS|SARL|EURL|SA|SCOP|SNC)\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One known actor: canonical name, type, aliases and an optional SIREN."""

    canonical: str
    label: str
    aliases: tuple[str, ...] = ()
    siren: str | None = None
    ignore_case: bool = False
    source: str = "shipped"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.canonical.strip():
            raise ValueError("gazetteer entry without a canonical name")
        if self.label not in ENTITY_TYPES:
            raise ValueError(f"gazetteer entry {self.canonical!r}: unknown label {self.label!r}")

    @property
    def names(self) -> list[str]:
        """The canonical name then every alias, without duplicates."""
        seen: dict[str, None] = {}
        for name in (self.canonical, *self.aliases):
            name = name.strip()
            if name:
                seen.setdefault(name, None)
        return list(seen)

    @property
    def kb_id(self) -> str:
        return f"siren:{self.siren}" if self.siren else ""

    def to_dict(self) -> dict[str, Any]:
        return {"canonical": self.canonical, "label": self.label, "aliases": list(self.aliases),
                "siren": self.siren, "ignore_case": self.ignore_case, "source": self.source}

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "shipped") -> Entry:
        known = {"canonical", "label", "aliases", "siren", "ignore_case", "source", "note"}
        return cls(
            canonical=str(data["canonical"]),
            label=str(data["label"]).upper(),
            aliases=tuple(str(a) for a in data.get("aliases") or ()),
            siren=clean_siren(data.get("siren")),
            ignore_case=bool(data.get("ignore_case", False)),
            source=str(data.get("source") or source),
            extra={k: v for k, v in data.items() if k not in known},
        )


def read_jsonl(path: Path, source: str | None = None) -> Iterator[Entry]:
    """Entries of one JSONL file.

    Raises:
        InputError: when a line is not valid JSON or lacks ``canonical``/``label``.
    """
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            yield Entry.from_dict(json.loads(line), source=source or path.stem)
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}:{lineno}: bad gazetteer line: {exc}",
                hint='Each line is {"canonical": "...", "label": "COMPANY", "aliases": [...]}.',
            ) from exc


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.glob("*.jsonl"))
    if path.is_file():
        return [path]
    raise InputError(f"{ENV_VAR} points at {path}, which does not exist",
                     hint=f"Set {ENV_VAR} to a .jsonl file or a folder of them.")


def user_paths() -> list[Path]:
    """Paths named by ``CIBLAGE_GAZETTEER`` (empty when unset)."""
    value = os.environ.get(ENV_VAR, "").strip()
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def load_entries(paths: Iterable[Path] | None = None, *, include_user: bool = True) -> list[Entry]:
    """Shipped entries (or those of ``paths``), then the user's file(s) from ``CIBLAGE_GAZETTEER``."""
    sources = list(paths) if paths is not None else [GAZETTEER_DIR]
    if include_user:
        sources += user_paths()
    entries: list[Entry] = []
    for src in sources:
        for file in _files(Path(src)):
            entries.extend(read_jsonl(file))
    log.debug("gazetteer loaded", extra={"entries": len(entries), "sources": [str(s) for s in sources]})
    return entries


def gazetteer_from_ledger(ledger: Ledger) -> list[Entry]:
    """Registry-learned organisations (with a SIREN) as gazetteer entries, aliases included.

    Only COMPANY, PUBLIC_BODY and PARTY entities that carry a ``siren`` identifier (or a
    ``siren:`` id) are taken: names seen only in the press are not promoted to the gazetteer.
    """
    out: list[Entry] = []
    for ent in ledger.entities():
        if ent["type"] not in LEDGER_TYPES:
            continue
        idents = ent.get("identifiers") or {}
        siren = clean_siren(idents.get("siren") or idents.get("siret"))
        if siren is None and str(ent["id"]).startswith("siren:"):
            siren = clean_siren(ent["id"][6:])
        if siren is None:
            continue
        names = [ent["name"], *(a for a in ent.get("aliases") or () if isinstance(a, str))]
        stripped = [_LEGAL_SUFFIX.sub("", n).strip() for n in names]
        aliases = tuple(dict.fromkeys(n for n in names[1:] + stripped if len(n) > 1))
        out.append(Entry(canonical=ent["name"], label=ent["type"], aliases=aliases, siren=siren,
                         ignore_case=len(ent["name"]) > 4, source="ledger"))
    return out
