"""Cheap preconditions of the sentence frames: a frame runs only where it can find something.

Most frames read nothing unless one of their trigger regexes matches a piece of the sentence
("son actionnaire", "dont il est propriétaire", "groupement"). :class:`Gate` wraps such a frame
with those regexes: it runs the frame only when the sentence's lower-cased text holds a word
of one of the regexes' literal needles (:mod:`nlp.rules.needles`; the longest piece without
spaces, apostrophes or commas, which :func:`~nlp.rules.base.normalise_gap` leaves as they are)
and, when ``labels`` is set, an entity of one of these types. The gate is declared as data
beside each frame and never changes what a frame returns:

* a regex given to a gate must be one the frame needs to match before it returns anything,
  searched on a piece of the sentence or on ``normalise_gap`` of one (plus spaces at its ends);
  then the needle it matched, lower-cased, is in the lower-cased sentence (needles are cut
  where normalisation changes the text, and lower-cased: :mod:`nlp.frames.casefold`);
* a regex may be case-insensitive (``re.IGNORECASE``): the gate then also lets the frame run on
  a sentence holding a character whose case folding ``str.lower`` and the regex engine disagree
  on ("ſ", "İ", Greek sigma);
* ``labels``: the frame returns nothing unless the sentence has an entity of one of these types.

The needles of every gate are looked for together, once per sentence (one Aho-Corasick pass,
:class:`~nlp.rules.needles.NeedleFinder`); each gate then only intersects two small sets.

Example:
    >>> gate = Gate(lambda doc, sent, ents, previous: [], (re.compile(r"\\bson (?:client|patron)\\b"),))
    >>> sorted(gate.needles)
    ['client', 'patron']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.frames.casefold import folded_needles, may_fold_unsafely
from nlp.records import doc_text
from nlp.rules.needles import NeedleFinder

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from nlp.frames.base import Triple

Frame = Callable[["Doc", "Span", "list[Span]", "list[Span]"], "list[Triple]"]


@dataclass(frozen=True)
class Gate:
    """``frame`` behind its trigger ``regexes`` (one must be able to match) and entity ``labels``."""

    frame: Frame
    regexes: tuple[re.Pattern[str], ...] = ()
    labels: frozenset[str] = frozenset()
    #: Strings one of which the sentence's lower-cased text must hold (None: no text condition).
    needles: frozenset[str] | None = field(init=False, repr=False, compare=False)
    #: Some needles are case-folded: a sentence with an unsafe character must run the frame.
    _folded: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found = _union_needles(self.regexes)
        object.__setattr__(self, "needles", found)
        object.__setattr__(self, "_folded", any(r.flags & re.IGNORECASE for r in self.regexes))
        if found:
            _register(found)

    @property
    def __name__(self) -> str:  # noqa: A003  (profilers and logs name frames by it)
        return getattr(self.frame, "__name__", "frame")

    def __call__(self, doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
        if self.labels and self.labels.isdisjoint(sentence_labels(ents)):
            return []
        if self.needles and self.needles.isdisjoint(sentence_needles(doc, sent)) and not (
                self._folded and sentence_unsafe(doc, sent)):
            return []
        return self.frame(doc, sent, ents, previous)


def _union_needles(regexes: tuple[re.Pattern[str], ...]) -> frozenset[str] | None:
    """Every regex's needles, each cut to its longest piece that normalisation leaves untouched."""
    out: set[str] = set()
    for regex in regexes:
        if regex.flags & re.VERBOSE:  # the needles are read from the pattern alone
            return None
        found = folded_needles(regex)
        if found is None:
            return None
        pieces = {max(_TOUCHED.split(n), key=len) for n in found}
        if "" in pieces:
            return None
        out |= pieces
    # a text holding "côtés" holds "côté": the longer needle never decides
    return frozenset(n for n in out if not any(o != n and o in n for o in out)) if out else None


#: Characters :func:`~nlp.rules.base.normalise_gap` may change, drop or move (besides case).
_TOUCHED = re.compile(r"[\s'’,]+")


_LABELS: list[object] = [None, frozenset()]  # (ents, their labels): the gates share one sentence


def sentence_labels(ents: list[Span]) -> frozenset[str]:
    """The entity types of a sentence's entity list, computed once for all the gates of a sentence
    (the list is the one :func:`~nlp.components.relations.sentences_with_ents` shares, never changed)."""
    if _LABELS[0] is not ents:
        _LABELS[:] = [ents, frozenset(e.label_ for e in ents)]
    return _LABELS[1]  # type: ignore[return-value]


#: Every gate's needles, and the finder built on them (None: to build, after a new gate).
_ALL_NEEDLES: set[str] = set()
_FINDER: list[NeedleFinder | None] = [None]


def _register(needles: frozenset[str]) -> None:
    if not needles <= _ALL_NEEDLES:
        _ALL_NEEDLES.update(needles)
        _FINDER[0] = None
        _LAST[2] = None  # the cached sentence's needles were found with the old finder


_LAST: list[object] = [None, "", None, None]  # (sentence, its text, needles in it, unsafe?)


def sentence_text(doc: Doc, sent: Span) -> str:
    """The sentence's text in lower case, computed once for all the frames of a sentence (the
    sentence spans of :func:`~nlp.components.relations.sentences_with_ents` are shared, never
    changed: the same span object is the same sentence of the same doc)."""
    if _LAST[0] is not sent:
        _LAST[:] = [sent, doc_text(doc)[sent.start_char:sent.end_char].lower(), None, None]
    return _LAST[1]  # type: ignore[return-value]


def sentence_needles(doc: Doc, sent: Span) -> set[str]:
    """The needles of all the gates that the sentence's lower-cased text holds, found once per sentence."""
    text = sentence_text(doc, sent)
    if _LAST[2] is None:
        finder = _FINDER[0]
        if finder is None:
            finder = _FINDER[0] = NeedleFinder(_ALL_NEEDLES)
        _LAST[2] = finder.present(text)
    return _LAST[2]  # type: ignore[return-value]


def sentence_unsafe(doc: Doc, sent: Span) -> bool:
    """Whether the sentence holds a character case-folded needles may miss
    (:func:`~nlp.frames.casefold.may_fold_unsafely`), computed once per sentence."""
    text = sentence_text(doc, sent)
    if _LAST[3] is None:
        _LAST[3] = may_fold_unsafely(text)
    return _LAST[3]  # type: ignore[return-value]
