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

The frames of a sentence are called one after the other, so the first gate called on a
sentence decides for all of them: its entity types and the needles of every gate it holds (one
Aho-Corasick pass, :class:`~nlp.rules.needles.NeedleFinder`) each open a set of gates, kept as
a bit mask; every gate then only tests its bit (:meth:`Gate.opens` is the same test, one gate at
a time). :func:`nlp.frames.sentence_triples` reads the mask once and calls only the open frames.

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
    #: The gate's bit in the per-sentence mask of gates that open (see :func:`open_gates`).
    bit: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found = _union_needles(self.regexes)
        object.__setattr__(self, "needles", found)
        object.__setattr__(self, "_folded", any(r.flags & re.IGNORECASE for r in self.regexes))
        object.__setattr__(self, "bit", _register(self))

    @property
    def __name__(self) -> str:  # noqa: A003  (profilers and logs name frames by it)
        return getattr(self.frame, "__name__", "frame")

    def opens(self, doc: Doc, sent: Span, ents: list[Span]) -> bool:
        """Whether the frame may find something in the sentence: the straightforward test, one
        gate at a time (:meth:`__call__` reads the same answer from the sentence's mask)."""
        if self.labels and self.labels.isdisjoint(e.label_ for e in ents):
            return False
        text = doc_text(doc)[sent.start_char:sent.end_char].lower()
        return not self.needles or any(n in text for n in self.needles) or (
            self._folded and may_fold_unsafely(text))

    def __call__(self, doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
        # The gates of a sentence are called one after the other with the same sentence and
        # entity list (shared, never changed): the first one works out which of them open.
        mask = _OPEN[2] if _OPEN[0] is sent and _OPEN[1] is ents else open_gates(doc, sent, ents)
        if mask & self.bit:
            return self.frame(doc, sent, ents, previous)
        return []


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


#: Every gate ever made, as bit masks: bit ``1 << i`` is the i-th gate's.
_ANY_LABEL = [0]  # gates without an entity condition
_ANY_TEXT = [0]  # gates without a text condition
_FOLDED = [0]  # gates with case-folded needles
_BY_LABEL: dict[str, int] = {}  # entity type -> the gates it opens (on the entity side)
_BY_NEEDLE: dict[str, int] = {}  # needle -> the gates it opens (on the text side)
_COUNT = [0]
#: The finder of every gate's needles (None: to build, after a new gate).
_FINDER: list[NeedleFinder | None] = [None]
#: (sentence, its entity list, mask of the gates that open on it).
_OPEN: list = [None, None, 0]


def _register(gate: Gate) -> int:
    """Give a new gate its bit and add its conditions to the masks."""
    bit = 1 << _COUNT[0]
    _COUNT[0] += 1
    if not gate.labels:
        _ANY_LABEL[0] |= bit
    for label in gate.labels:
        _BY_LABEL[label] = _BY_LABEL.get(label, 0) | bit
    if not gate.needles:
        _ANY_TEXT[0] |= bit
    else:
        for needle in gate.needles:
            _BY_NEEDLE[needle] = _BY_NEEDLE.get(needle, 0) | bit
        _FINDER[0] = None
        if gate._folded:
            _FOLDED[0] |= bit
    _OPEN[0] = None  # the cached sentence's mask lacks the new gate
    return bit


def open_gates(doc: Doc, sent: Span, ents: list[Span]) -> int:
    """The mask of the gates whose frame may find something in the sentence (what
    :meth:`Gate.opens` answers for each), computed once for all the gates of a sentence: the
    entity types and the needles the sentence holds (one Aho-Corasick pass for every gate's
    needles) each open a set of gates."""
    if _OPEN[0] is sent and _OPEN[1] is ents:
        return _OPEN[2]  # type: ignore[no-any-return]
    by_label = _ANY_LABEL[0]
    for label in {e.label_ for e in ents}:
        by_label |= _BY_LABEL.get(label, 0)
    by_text = _ANY_TEXT[0]
    if by_label & ~by_text:  # some gate left to open on the text
        text = doc_text(doc)[sent.start_char:sent.end_char].lower()
        finder = _FINDER[0]
        if finder is None:
            finder = _FINDER[0] = NeedleFinder(_BY_NEEDLE)
        by_text |= finder.mask(text, _BY_NEEDLE)
        if by_label & ~by_text & _FOLDED[0] and may_fold_unsafely(text):
            by_text |= _FOLDED[0]
    _OPEN[:] = [sent, ents, by_label & by_text]
    return by_label & by_text
