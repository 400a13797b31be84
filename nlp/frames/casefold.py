"""Needles of case-insensitive regexes, looked up in lower-cased text.

A regex compiled with ``re.IGNORECASE`` matches a literal ``c`` with any character ``x`` whose
simple lower case is ``c``'s, or one of the extra cases of ``re._casefix`` ("s" and "ſ", "σ" and
"ς", Cyrillic and Greek variants). So a needle of its pattern (:mod:`nlp.rules.needles`), lower
cased, is in the lower-cased text of every match, provided that neither the needle nor the text
holds a character of :data:`~nlp.rules.needles.UNSAFE`: those where ``str.lower`` (full case mapping, with the
context-dependent final sigma) differs from the engine's simple mapping ("İ" becomes "i̇", two
characters), or whose lower case has extra cases, and the characters they lower-case to. French
text almost never holds one; a gate lets the frame run on a sentence that does.

Example:
    >>> sorted(folded_needles(re.compile(r"\\b(?:Son|sa)\\s+client", re.IGNORECASE)))
    ['client']
    >>> may_fold_unsafely("la ſociété"), may_fold_unsafely("la société")
    (True, False)
"""

from __future__ import annotations

import re

from nlp.rules.needles import UNSAFE, folds_like_regex
from nlp.rules.needles import needles as find_needles

__all__ = ["UNSAFE", "folded_needles", "may_fold_unsafely"]


def may_fold_unsafely(text: str) -> bool:
    """Whether ``text`` (raw or lower-cased) holds a character of :data:`UNSAFE`."""
    return not folds_like_regex(text)


def folded_needles(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased needles of a regex (None: none certain, or an unsafe one).

    A case-sensitive regex searched on a raw piece of text holds a needle there, so the lower-cased
    text holds it lower-cased; searched on lower-cased text, its needles are already lower case.

    The pattern is read as if it were case-sensitive (``re.compile``'s flags are not part of
    ``regex.pattern``; a pattern opening with an inline ``(?i)`` is refused by
    :func:`~nlp.rules.needles.needles`, an inline ``(?i:…)`` group gives no needle): every
    case-insensitive match holds, case-folded, what a case-sensitive match holds.
    """
    found = find_needles(regex.pattern)
    if found is None or any(not UNSAFE.isdisjoint(n) for n in found):
        return None
    return frozenset(n.lower() for n in found)
