"""Where cue words can start in a text: a literal pre-pass so that a cue regex runs only there.

The typer's cue regexes open with a case-insensitive alternation of ~100 cue words, which the
regex engine tries at every position of the text. A cue can only match where the lower-cased
text holds it, which one Aho-Corasick pass (:class:`~nlp.rules.needles.NeedleFinder`) finds at a
fraction of the cost; the regex is then tried at those positions only, with the same matches as
a full scan.

Example:
    >>> sites = CueSites(["parti", "société"])
    >>> sites.starts("Le Parti et la société")
    [3, 15]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from nlp.rules.needles import NeedleFinder, folds_like_regex



class CueSites:
    """The start positions of lower-case cue words in texts, matched case-insensitively."""

    def __init__(self, cues: Iterable[str]) -> None:
        self.cues = sorted({c.lower() for c in cues})
        self._finder = NeedleFinder(self.cues)

    def starts(self, text: str) -> list[int] | None:
        """Sorted positions where a cue occurs (inside words too), or None when unknown."""
        low = text.lower()
        # (a text whose case folding the regex engine reads otherwise, "ſ" ~ "s": no pre-pass)
        if len(low) != len(text) or not folds_like_regex(text):
            return None
        return self._finder.starts(low)


def search_at(regex: re.Pattern[str], text: str, starts: list[int] | None, lo: int = 0) -> re.Match[str] | None:
    """``regex.search(text)`` for a regex whose matches open with a cue (``\\b`` allowed before
    it); ``text`` is the slice of the indexed text that starts at ``lo``."""
    if starts is None:
        return regex.search(text)
    for p in starts[bisect_left(starts, lo):bisect_left(starts, lo + len(text))]:
        m = regex.match(text, p - lo)
        if m:
            return m
    return None


def finditer_before(regex: re.Pattern[str], text: str, starts: list[int] | None, reach: int) -> list[re.Match[str]]:
    """``list(regex.finditer(text))`` for a regex whose (non-empty) matches open with at most
    ``reach`` characters and whitespace before a cue ("la " in "la société X")."""
    if starts is None:
        return list(regex.finditer(text))
    out: list[re.Match[str]] = []
    pos = 0  # matches do not overlap: the next one starts at or after the end of the last
    for cue in starts:
        first = cue
        while first > 0 and text[first - 1].isspace():
            first -= 1
        for i in range(max(pos, first - reach), cue):
            m = regex.match(text, i)
            if m:
                out.append(m)
                pos = m.end()
                break
    return out
