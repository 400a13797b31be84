"""Needles of case-insensitive regexes, looked up in lower-cased text.

A regex compiled with ``re.IGNORECASE`` matches a literal ``c`` with any character ``x`` whose
simple lower case is ``c``'s, or one of the extra cases of ``re._casefix`` ("s" and "ſ", "σ" and
"ς", Cyrillic and Greek variants). So a needle of its pattern (:mod:`nlp.rules.needles`), lower
cased, is in the lower-cased text of every match, provided that neither the needle nor the text
holds a character of :data:`UNSAFE`: those where ``str.lower`` (full case mapping, with the
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

from nlp.rules.needles import needles as find_needles

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


def may_fold_unsafely(text: str) -> bool:
    """Whether ``text`` (raw or lower-cased) holds a character of :data:`UNSAFE`."""
    return _UNSAFE_RE.search(text) is not None


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
