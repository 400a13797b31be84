"""Whole-text regex scans made cheaper without changing their matches.

:class:`Scan` runs ``regex.finditer(text)`` only on a text that holds one of the regex's needles
(:func:`nlp.rules.needles.needles`: strings one of which every match contains, found in one
Aho-Corasick pass), and then with :func:`with_lead`. :class:`ScanGroup` does the needle
pre-checks of several scans in one pass. :class:`FoldedSearch` does the same for a
case-insensitive ``regex.search`` over a short text, its needles looked for in the lower-cased text.

``regex.finditer(text)`` tries the pattern at every position of ``text``. When the pattern opens
with a boundary or a look-behind (``\\b``, ``(?<![\\d,.])``) followed by an alternation, Python's
engine has no fast way to rule a position out and walks every alternative there. Prefixing the
pattern with ``(?=[...])``, the class of characters a match can start with, rules most positions
out with one character test. The class is read from the parsed pattern, never written by hand,
and the prefixed regex has exactly the same matches (a match consumes at least one character,
and its first one is in the class); :func:`with_lead` returns the regex unchanged when the class
cannot be known (a pattern that can match the empty string, a case-insensitive letter, ``.``…).

Example:
    >>> [m.group() for m in Scan(re.compile(r"\\b(?:[Mm]airie|Région)\\b")).finditer("la mairie de Brest")]
    ['mairie']
    >>> with_lead(re.compile(r"\\b(?:[Mm]airie|Région)\\b")).pattern
    '(?=[MRm])\\\\b(?:[Mm]airie|Région)\\\\b'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from nlp.rules.needles import NeedleFinder, folds_like_regex, needles

try:  # Python ≥ 3.11 keeps the parser here; older versions expose it as sre_parse
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_SPACE: r"\s"}
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)

#: (class items that can come first, whether the node can match the empty string); None: unknown.
Lead = tuple[frozenset[str], bool] | None


class Scan:
    """``regex.finditer`` behind a needle pre-check and a look-ahead (same matches, same order)."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = with_lead(regex)
        found = None if regex.flags & re.IGNORECASE else needles(regex.pattern)
        self._finder = NeedleFinder(found) if found else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._finder is not None and not self._finder.holds_any(text):
            return iter(())
        return self.regex.finditer(text)


class ScanGroup:
    """Several :class:`Scan` over one text, their needle pre-checks done in one pass (one
    Aho-Corasick automaton holding every scan's needles) instead of one pass per scan."""

    def __init__(self, scans: Iterable[Scan]) -> None:
        self.scans = tuple(scans)
        self._finder = NeedleFinder(n for scan in self.scans if scan._finder
                                    for n in scan._finder.needles)

    def finditers(self, text: str) -> list[Iterator[re.Match[str]]]:
        """``scan.finditer(text)`` for each scan, in order."""
        present = self._finder.present(text)
        return [iter(()) if scan._finder is not None and present.isdisjoint(scan._finder.needles)
                else scan.regex.finditer(text) for scan in self.scans]


class FoldedSearch:
    """``regex.search`` for a case-insensitive regex, run only on a text whose lower-cased form
    holds one of the regex's needles, lower-cased (same result). A match folds character by
    character onto a string holding a needle; ``str.lower`` folds the same way unless the text
    has a character the engine folds otherwise (``folds_like_regex``), and such a text is always
    searched. Worth it where the regex is tried at every position of the text: an alternation
    of words searched in the few words before a name ("l'entourage de X")."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        if not regex.flags & re.IGNORECASE:
            raise ValueError("FoldedSearch is for case-insensitive regexes (else see Scan)")
        self.regex = regex
        found = needles(regex.pattern)
        self._finder = NeedleFinder({n.lower() for n in found}) if found else None

    def search(self, text: str) -> re.Match[str] | None:
        if self._finder is not None and folds_like_regex(text) and not self._finder.holds_any(
                text.lower()):
            return None
        return self.regex.search(text)


def with_lead(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` behind a look-ahead on its possible first characters (same matches), or itself."""
    items = lead_class(regex.pattern, regex.flags)
    if items is None:
        return regex
    return re.compile(f"(?=[{''.join(sorted(items))}])" + regex.pattern, regex.flags)


def lead_class(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Character-class items (``a``, ``A-Z``, ``\\d``) one of which every match starts with."""
    try:
        parsed = _p.parse(pattern, flags)
    except Exception:  # noqa: BLE001  (a pattern the parser rejects is left as it is)
        return None
    found = _seq(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    if found is None or found[1] or not found[0]:
        return None  # unknown, or the pattern can match the empty string anywhere
    return found[0]


def _seq(items: list[tuple[Any, Any]], folded: bool) -> Lead:
    out: set[str] = set()
    for op, av in items:
        node = _node(op, av, folded)
        if node is None:
            return None
        out |= node[0]
        if not node[1]:
            return frozenset(out), False
    return frozenset(out), True


def _char(code: int, folded: bool) -> str | None:
    char = chr(code)
    if folded and char.isalpha():
        return None  # case-insensitive: other characters match it too ("ſ" matches "s")
    return re.escape(char)  # escapes "-", "]", "^" and "\\" too: safe inside a class


def _node(op: Any, av: Any, folded: bool) -> Lead:
    if op in _ZERO_WIDTH:
        return frozenset(), True
    if op is _c.LITERAL:
        char = _char(av, folded)
        return None if char is None else (frozenset({char}), False)
    if op is _c.IN:
        return _charset(av, folded)
    if op is _c.BRANCH:
        out: set[str] = set()
        empty = False
        for branch in av[1]:
            found = _seq(list(branch), folded)
            if found is None:
                return None
            out |= found[0]
            empty = empty or found[1]
        return frozenset(out), empty
    if op is _c.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        inner = (folded or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _seq(list(sub), inner)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(list(av), folded)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        found = _seq(list(sub), folded)
        return None if found is None else (found[0], found[1] or low == 0)
    return None  # ANY, NOT_LITERAL, group references, conditionals…


def _charset(items: list[tuple[Any, Any]], folded: bool) -> Lead:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            char = _char(av, folded)
            if char is None:
                return None
            out.add(char)
        elif op is _c.RANGE:
            if folded and any(chr(code).isalpha() for code in range(av[0], av[1] + 1)):
                return None
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            return None  # a negated class, other categories
    return frozenset(out), False


__all__ = ["FoldedSearch", "Scan", "ScanGroup", "lead_class", "with_lead"]
