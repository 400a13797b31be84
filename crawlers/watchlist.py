"""The watchlist of the press spider: keep only articles naming a watched actor.

Two sources, one format (one entity per line, ``Name | alias | alias``, ``#`` comments): the
default list shipped in ``crawlers/watchlist.txt`` (main political-tech vendors and parties)
and the journalist's file at ``CIBLAGE_WATCHLIST``. Short all-capital sigles (``LFI``, ``RN``)
match case-sensitively on word boundaries; other names match accent- and case-insensitively.

Example:
    >>> wl = Watchlist.from_lines(["NationBuilder", "Rassemblement national | RN"])
    >>> wl.matches("Le RN a choisi un logiciel.")
    ['Rassemblement national']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ciblage import settings
from ciblage.ids import fold

DEFAULT_FILE = Path(__file__).with_name("watchlist.txt")


class Watchlist:
    """Names and aliases, each mapped to its entity's main name."""

    def __init__(self) -> None:
        self.folded: dict[str, str] = {}
        self.sigles: dict[str, str] = {}
        self._folded_re: re.Pattern[str] | None = None
        self._sigle_re: re.Pattern[str] | None = None

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Watchlist:
        wl = cls()
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if line:
                names = [n.strip() for n in line.split("|") if n.strip()]
                wl.add(names[0], names[1:])
        return wl

    @classmethod
    def load(cls, extra: Iterable[str] = ()) -> Watchlist:
        """The default list, the user's ``CIBLAGE_WATCHLIST`` file and ``extra`` names."""
        lines = DEFAULT_FILE.read_text("utf-8").splitlines()
        user = settings.watchlist_file()
        if user and user.exists():
            lines += user.read_text("utf-8").splitlines()
        return cls.from_lines([*lines, *extra])

    def add(self, name: str, aliases: Iterable[str] = ()) -> None:
        for alias in (name, *aliases):
            if len(alias) <= 5 and alias.isupper():
                self.sigles[alias] = name
            elif fold(alias):
                self.folded[fold(alias)] = name
        self._folded_re = self._sigle_re = None

    @property
    def names(self) -> list[str]:
        return sorted({*self.folded.values(), *self.sigles.values()})

    def matches(self, text: str) -> list[str]:
        """Main names of the watched entities that ``text`` mentions, sorted."""
        if self._folded_re is None:
            alts = sorted(self.folded, key=len, reverse=True)
            self._folded_re = re.compile(r"\b(" + "|".join(map(re.escape, alts)) + r")\b") if alts else None
            sig = sorted(self.sigles, key=len, reverse=True)
            self._sigle_re = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sig)) + r")(?!\w)") if sig else None
        found: set[str] = set()
        if self._folded_re is not None:
            found |= {self.folded[m] for m in self._folded_re.findall(fold(text))}
        if self._sigle_re is not None:
            found |= {self.sigles[m] for m in self._sigle_re.findall(text)}
        return sorted(found)
