"""Literal needles of a regular expression: strings one of which every match must contain.

A gap rule's full pattern (``_PRE (?:pattern) _END``, see :mod:`nlp.rules.base`) can only match
a gap that contains a substring matched by ``pattern`` itself, so it can only match a gap that
contains one of :func:`needles` of ``pattern``. :func:`nlp.rules.match_gap` skips a rule whose
needles are all absent, which never changes which rule matches first: it only avoids running
regexes that cannot match. The needles are read from the parsed pattern (literal runs, small
character classes, alternations, optional suffixes), never written by hand.

Example:
    >>> sorted(needles(r"(?:à|au) (?:marché|contrat)s?\\b"))
    ['au contrat', 'au marché', 'à contrat', 'à marché']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import ahocorasick

try:  # Python ≥ 3.11 keeps the parser here; older versions expose it as sre_parse
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: Largest number of alternative strings kept for one node (alternations multiply).
_CAP = 64
#: Largest character range spelled out as single characters ("[a-c]" -> a, b, c).
_RANGE = 8

Strings = frozenset[str]
#: (exact, required): every string the node can consume (None: unknown or too many), and
#: strings one of which every match of the node contains (None: no such guarantee).
Info = tuple["Strings | None", "Strings | None"]


def needles(pattern: str) -> Strings | None:
    """Strings one of which every match of ``pattern`` contains, or None when none is certain.

    Args:
        pattern: a regular expression without global case-insensitivity.

    Returns:
        A non-empty set of non-empty strings, or None (the pattern must always be tried).
    """
    try:
        parsed = _p.parse(pattern)
    except Exception:  # noqa: BLE001  (a pattern the parser rejects is simply not filtered)
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _seq(list(parsed))[1]


def _best(candidates: list[set[str] | frozenset[str]]) -> Strings | None:
    """The most selective candidate: the longest shortest string, then the fewest strings."""
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None
    best = max(usable, key=lambda c: (min(map(len, c)), -len(c)))
    # "marché" is found wherever "marchés" is: keep the strings that contain no other one
    return frozenset(s for s in best if not any(o != s and o in s for o in best))


def _product(left: set[str] | frozenset[str], right: Strings) -> set[str] | None:
    if len(left) * len(right) > _CAP:
        return None
    return {a + b for a in left for b in right}


def _seq(items: list[tuple[Any, Any]]) -> Info:
    whole: set[str] | None = {""}
    run: set[str] = {""}  # exact strings of the current run of exact items
    candidates: list[set[str] | frozenset[str]] = []
    for op, av in items:
        exact, required = _node(op, av)
        if required:
            candidates.append(required)
        joined = _product(run, exact) if exact is not None else None
        if joined is not None:
            run = joined
        else:
            candidates.append(run)
            run = set(exact) if exact is not None else {""}
        whole = _product(whole, exact) if whole is not None and exact is not None else None
    candidates.append(run)
    return (frozenset(whole) if whole is not None else None), _best(candidates)


def _charset(items: list[tuple[Any, Any]]) -> Strings | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _RANGE:
            chars.update(chr(i) for i in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return None
    return frozenset(chars) if chars and len(chars) <= _CAP else None


def _node(op: Any, av: Any) -> Info:
    if op is _c.LITERAL:
        return frozenset({chr(av)}), frozenset({chr(av)})
    if op is _c.IN:
        chars = _charset(av)
        return chars, chars
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return frozenset({""}), None  # zero width: consumes nothing
    if op is _c.BRANCH:
        infos = [_seq(list(branch)) for branch in av[1]]
        exacts = [e for e, _ in infos]
        exact = frozenset().union(*exacts) if all(e is not None for e in exacts) else None
        if exact is not None and len(exact) > _CAP:
            exact = None
        reqs = [r for _, r in infos]
        required = frozenset().union(*reqs) if all(r is not None for r in reqs) else None
        return exact, required
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & re.IGNORECASE:
            return None, None
        return _seq(list(sub))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(list(av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        exact, required = _seq(list(sub))
        if low == 0:
            optional = exact | {""} if exact is not None and high == 1 else None
            return (frozenset(optional) if optional is not None else None), None
        return (exact if low == high == 1 else None), required
    return None, None  # ANY, CATEGORY, NOT_LITERAL, group references…


#: Characters whose case folding ``str.lower`` and ``re.IGNORECASE`` may disagree on, and the
#: characters ``str.lower`` turns them into (checked in lower-cased text). Computed by scanning
#: every code point (tests/nlp/test_gates.py recomputes it for the running Python).
UNSAFE = frozenset(
    "\u00b5\u0130\u0131\u017f\u0307\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1\u03a3"
    "\u03a6\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5"
    "\u03d6\u03f0\u03f1\u03f4\u03f5\u0412\u0414\u041e\u0421\u0422\u042a\u0432\u0434\u043e\u0441\u0442"
    "\u044a\u0462\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe"
    "\u1fd3\u1fe3\ua64a\ua64b\ufb05\ufb06")
_UNSAFE_RE = re.compile("[" + re.escape("".join(sorted(UNSAFE))) + "]")


def folds_like_regex(text: str) -> bool:
    """Whether ``text.lower()`` holds a lower-case needle exactly where a case-insensitive regex
    could match it: true unless the text has a character ``re.IGNORECASE`` folds otherwise
    ("ſ" matches "s", "ı" matches "i", "İ" lowers to two characters)."""
    return _UNSAFE_RE.search(text) is None


class NeedleFinder:
    """Which of a fixed set of needles occur in a text, and where, in one pass (Aho-Corasick, with
    ``pyahocorasick``), instead of one search per needle or per rule.

    Example:
        >>> sorted(NeedleFinder({"fond", "fondateur", "dateur", "zzz"}).present("cofondateur "))
        ['dateur', 'fond', 'fondateur']
        >>> NeedleFinder({"parti", "microparti"}).starts("le microparti")
        [3, 8]
    """

    def __init__(self, needles: Iterable[str]) -> None:
        self.needles = frozenset(n for n in needles if n)
        self._automaton: Any = None
        if self.needles:
            self._automaton = ahocorasick.Automaton()
            for needle in self.needles:
                self._automaton.add_word(needle, needle)
            self._automaton.make_automaton()

    def present(self, text: str) -> set[str]:
        """The needles that occur in ``text``."""
        if self._automaton is None:
            return set()
        return {needle for _, needle in self._automaton.iter(text)}

    def mask(self, text: str, masks: dict[str, int]) -> int:
        """The union of ``masks[n]`` (0 for a needle it lacks) over the needles ``n`` that occur in
        ``text``: what a loop over :meth:`present` gives, in the same pass, without the set."""
        out = 0
        if self._automaton is not None:
            for _, needle in self._automaton.iter(text):
                out |= masks.get(needle, 0)
        return out

    def holds_any(self, text: str) -> bool:
        """Whether one of the needles occurs in ``text`` (stops at the first found)."""
        return self._automaton is not None and next(self._automaton.iter(text), None) is not None

    def starts(self, text: str) -> list[int]:
        """Sorted positions where a needle starts in ``text`` (overlapping occurrences too)."""
        if self._automaton is None:
            return []
        return sorted({end - len(needle) + 1 for end, needle in self._automaton.iter(text)})


