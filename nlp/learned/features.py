"""Sparse string features of an ordered pair of entities in one sentence, for the relation model.

The features describe how French press prose links two names, without naming them: their
types, the words between them (other entities masked by their type), the words just before
the first and just after the second, and the dependency path that joins their heads
("nsubj^ utiliser >obj"), with its lowest common ancestor. Lemmas are lower-cased spaCy
lemmas; punctuation is kept only where it carries structure (comma, colon, brackets).

Each feature belongs to a :class:`Family` ("bw={}": a word between the two) and is named by
the family's format filled with a key (the word). :meth:`SentencePairs.features` renders the
names, for training; :meth:`SentencePairs.rows` looks the keys up in :class:`FeatureRows`, the
model's rows by family and key, for inference: the same features without building their names.

Example:
    >>> from nlp.pipeline import load_pipeline
    >>> doc = load_pipeline()("Le parti Renaissance utilise Zorbifex depuis 2021.")
    >>> a, b = doc.ents[0], doc.ents[1]
    >>> "lca=utiliser" in pair_features(doc, doc[:], a, b, list(doc.ents))
    True
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, MorphAnalysis

from nlp.nouns import ROLE_NOUNS
from nlp.rules import DEP_VERBS

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Span, Token
    from spacy.vocab import Vocab

#: Punctuation that carries structure between two names; other punctuation is dropped.
_KEPT_PUNCT = frozenset({",", ":", "(", ")", ";", "«", "»", "–", "—"})
#: Negation and denial cues (lemmas).
_NEGATION = frozenset({"ne", "n'", "pas", "jamais", "aucun", "nullement", "démentir", "nier",
                       "contester", "refuser", "plus"})
_MAX_PATH = 7
_MAX_BETWEEN = 40


_CONTENT = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_VERB_POS = frozenset({int(VERB), int(AUX)})
#: Width of :meth:`SentencePairs.vector`: the common ancestor's lemma, then the mean of the words between.
VECTOR_WIDTH = 600


#: Per lemma id: the feature lemma of a token with that lemma (a pure function of the string;
#: reading an id and a dict is cheaper than decoding and lower-casing). Per form (ORTH) id: the
#: feature lemma of a token of that form without a lemma.
_LEMMAS: dict[int, str] = {}
_FORMS: dict[int, str] = {}


def _lemma_of_ids(vocab: Vocab, lemma: int, orth: int) -> str:
    """The lower-cased spaCy lemma (the lower-cased form when it has none), with a straight
    apostrophe, of a token whose LEMMA and ORTH attributes are these ids. Only the empty string
    has the id 0, so a token has a lemma when its id is not 0 (its lower case is then not empty)."""
    cache, key = (_LEMMAS, lemma) if lemma else (_FORMS, orth)
    found = cache.get(key)
    if found is None:
        if len(cache) > 100_000:
            cache.clear()
        text = vocab.strings[lemma].lower() if lemma else vocab[orth].lower_
        found = cache[key] = text.replace("’", "'")
    return found


#: How :meth:`SentencePairs.words` reads a token: as its lemma, as "<NUM>", or not at all (a
#: space, or punctuation without structure).
_AS_LEMMA, _AS_NUMBER, _DROPPED = 1, 2, 3
#: Per form (ORTH) id: how a token of that form is read. Spaces, punctuation and numbers are
#: lexical attributes: the same for every token of a form (reading them once per form is cheaper
#: than three more columns of ``Doc.to_array``).
_KINDS: dict[int, int] = {}


def _word_kind(vocab: Vocab, orth: int) -> int:
    found = _KINDS.get(orth)
    if found is None:
        if len(_KINDS) > 100_000:
            _KINDS.clear()
        lex = vocab[orth]
        dropped = lex.is_space or (lex.is_punct and lex.orth_ not in _KEPT_PUNCT)
        found = _KINDS[orth] = _DROPPED if dropped else _AS_NUMBER if lex.like_num else _AS_LEMMA
    return found


#: Per morphology (its string id): whether it is in the conditional mood alone. Reading the
#: analysis once per distinct morphology is much cheaper than once per verb.
_CONDITIONAL: dict[int, bool] = {}


def _conditional(vocab: Vocab, morph: int) -> bool:
    found = _CONDITIONAL.get(morph)
    if found is None:
        if len(_CONDITIONAL) > 10_000:  # morphologies are few; a bound all the same
            _CONDITIONAL.clear()
        found = _CONDITIONAL[morph] = MorphAnalysis.from_id(vocab, morph).get("Mood", []) == ["Cnd"]
    return found


#: The token attributes :class:`SentencePairs` reads, one ``Doc.to_array`` per doc (a Token
#: object per word cost more than everything done with it).
_COLUMNS = [LEMMA, ORTH, POS, MORPH, HEAD, DEP]


class _DocArrays:
    """The token attributes :class:`SentencePairs` reads, one list per attribute, read for the
    whole doc at once; and what is made of them for a range of tokens."""

    def __init__(self, doc: Doc) -> None:
        self.length = len(doc)
        self.vocab = doc.vocab
        self.strings = doc.vocab.strings
        columns = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        (self.lemma_ids, self.orths, self.poses, self.morphs, self._head_offsets,
         self.dep_ids) = columns

    def head(self, i: int) -> int:
        """The index of token ``i``'s head (HEAD is its offset, wrapped around in the uint64 array
        when negative)."""
        offset = self._head_offsets[i]
        return i + (offset - 2 ** 64 if offset >= 2 ** 63 else offset)

    def lemma(self, i: int) -> str:
        """The feature lemma of token ``i``."""
        return _lemma_of_ids(self.vocab, self.lemma_ids[i], self.orths[i])

    def lemmas(self, start: int, end: int) -> list[str]:
        """:meth:`lemma` of tokens ``start..end`` (the cache read inline: most are in it)."""
        get, vocab = _LEMMAS.get, self.vocab
        return [get(lemma) or _lemma_of_ids(vocab, lemma, orth)
                for lemma, orth in zip(self.lemma_ids[start:end], self.orths[start:end])]

    def words(self, start: int, end: int, lemmas: list[str]) -> list[str | None]:
        """What :meth:`SentencePairs.words` reads for tokens ``start..end`` (whose lemmas are
        ``lemmas``): None for a space or punctuation without structure, "<NUM>" for a number,
        else the lemma."""
        get, vocab = _KINDS.get, self.vocab
        kinds = [get(orth) or _word_kind(vocab, orth) for orth in self.orths[start:end]]
        return [lemma if kind == _AS_LEMMA else ("<NUM>" if kind == _AS_NUMBER else None)
                for lemma, kind in zip(lemmas, kinds)]

    def conditional(self, start: int, end: int) -> list[int]:
        """The indices of the verbs in the conditional mood among tokens ``start..end``."""
        vocab, morphs = self.vocab, self.morphs
        return [i for i, pos in enumerate(self.poses[start:end], start)
                if pos in _VERB_POS and _conditional(vocab, morphs[i])]


_DOC_ARRAYS: WeakKeyDictionary[Doc, _DocArrays] = WeakKeyDictionary()


def _doc_arrays(doc: Doc) -> _DocArrays:
    """The doc's :class:`_DocArrays` (kept while the doc lives and keeps its length)."""
    found = _DOC_ARRAYS.get(doc)
    if found is None or found.length != len(doc):
        found = _DOC_ARRAYS[doc] = _DocArrays(doc)
    return found


#: Per dependency label id: its name.
_DEP_NAMES: dict[int, str] = {}


def _dep_name(strings: StringStore, dep: int) -> str:
    found = _DEP_NAMES.get(dep)
    if found is None:
        if len(_DEP_NAMES) > 10_000:  # labels are few; a bound all the same
            _DEP_NAMES.clear()
        found = _DEP_NAMES[dep] = strings[dep]
    return found


class _Cues(dict[str, tuple[str, ...]]):
    """Per word: the predicates of its trigger-verb and role-noun readings, in order (read with
    ``[]``: a word seen for the first time is looked up then)."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) > 50_000:
            self.clear()
        triggers = (*DEP_VERBS.get(word, ()), *ROLE_NOUNS.get(word, ()))
        found = self[word] = tuple(t.predicate for t in triggers)
        return found


_CUES = _Cues()


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (7, "5-7"), (12, "8-12"), (20, "13-20")):
        if n <= limit:
            return name
    return "21+"


def _unit(vec: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


#: A feature's key within its family: () for a family without parts, a string for one part,
#: a tuple of strings for several.
Key = str | tuple[str, ...]
#: What :meth:`SentencePairs.path` reads of a token's chain (see ``SentencePairs._climb``).
Climb = tuple[list[int], dict[int, int], list[str], list[str], list[str]]


class Family:
    """A kind of feature. Its name is ``fmt`` filled with the key's parts, then, for a ``typed``
    family, with the pair's types ("bwt={}|{}": "bwt=racheter|COMPANY>COMPANY")."""

    def __init__(self, fmt: str, typed: bool = False) -> None:
        self.fmt, self.typed = fmt, typed
        self.pieces = fmt.split("{}")  # the literal text around the parts
        self.width = len(self.pieces) - 1 - typed  # parts in a key

    def render(self, key: Key, types: str) -> str:
        """The name of the feature ``key`` names in this family, for a pair of these types."""
        parts = (key,) if self.width == 1 else key
        return self.fmt.format(*parts, types) if self.typed else self.fmt.format(*parts)

    def keys(self, name: str) -> Iterator[tuple[Key, str]]:
        """Every (key, types) that :meth:`render` turns into ``name`` (types "" for an untyped
        family): a part may hold the text between two parts, so a name can have several."""
        for parts in _fillings(name, self.pieces):
            types = parts[-1] if self.typed else ""
            parts = parts[:-1] if self.typed else parts
            yield (parts[0] if self.width == 1 else parts), types


def _fillings(text: str, pieces: list[str]) -> Iterator[tuple[str, ...]]:
    """Every tuple of strings that, put between ``pieces`` in order, makes ``text``."""
    if not text.startswith(pieces[0]):
        return
    if len(pieces) == 1:
        if text == pieces[0]:
            yield ()
        return
    rest, sep = text[len(pieces[0]):], pieces[1]
    if len(pieces) == 2:
        if rest.endswith(sep):
            yield (rest[:len(rest) - len(sep)],)
        return
    i = rest.find(sep)
    while i >= 0:
        for tail in _fillings(rest[i:], pieces[1:]):
            yield (rest[:i], *tail)
        i = rest.find(sep, i + 1)


TYPES = Family("types={}", typed=True)
LEN, NENTS, ADJACENT = Family("len={}"), Family("nents={}"), Family("adjacent")
BW, BWT, BB = Family("bw={}"), Family("bwt={}|{}", typed=True), Family("bb={}_{}")
FIRST, LAST = Family("first={}"), Family("last={}")
FIRST_T, LAST_T = Family("first|t={}|{}", typed=True), Family("last|t={}|{}", typed=True)
FIRST2, LAST2 = Family("first2={}_{}"), Family("last2={}_{}")
PRE1, PRE2 = Family("pre1={}"), Family("pre2={}_{}")
POST1, POST2 = Family("post1={}"), Family("post2={}_{}")
ADEP, BDEP = Family("adep={}"), Family("bdep={}")
AHEAD, BHEAD = Family("ahead={}:{}"), Family("bhead={}:{}")
PATH, PDEPS, PLEN, PL = Family("path={}"), Family("pdeps={}"), Family("plen={}"), Family("pl={}")
LCA, LCA_T = Family("lca={}"), Family("lca|t={}|{}", typed=True)
CUE, CUE_T = Family("cue={}"), Family("cue={}|{}", typed=True)
NEG_BETWEEN, CONDITIONAL = Family("neg_between"), Family("conditional")
NEG_SENT = Family("neg_sent")
FAMILIES = [TYPES, LEN, NENTS, ADJACENT, BW, BWT, BB, FIRST, LAST, FIRST_T, LAST_T, FIRST2, LAST2,
            PRE1, PRE2, POST1, POST2, ADEP, BDEP, AHEAD, BHEAD, PATH, PDEPS, PLEN, PL, LCA, LCA_T,
            CUE, CUE_T, NEG_BETWEEN, CONDITIONAL, NEG_SENT]
#: The families where a pair may have several features.
SEVERAL = frozenset({BW, BWT, BB, PL, CUE, CUE_T})
#: A pair's description: its types; its features of the families where it has one at most, as
#: (family, key); per family where it may have several, their keys.
Described = tuple[str, list[tuple[Family, Key]], list[tuple[Family, Collection[Key]]]]


#: For a pair of some types: the model's rows by (family, key), and by family then key.
Tables = tuple[dict[tuple[Family, Key], int], dict[Family, dict[Key, int]]]


class FeatureRows:
    """A model's rows by family and key: for a pair of some types, the row of each (family, key)
    whose feature (:meth:`Family.render`) the model knows, in one table for the families with
    one feature per pair, per family for the others (:data:`SEVERAL`). Built from the model's
    feature names (every key that renders to one of them), so a key maps to ``index[name]``."""

    def __init__(self, index: dict[str, int]) -> None:
        self._plain: dict[Family, dict[Key, int]] = {}
        self._typed: dict[str, dict[Family, dict[Key, int]]] = {}
        for name, row in index.items():
            for family in [f for f in FAMILIES if name.startswith(f.pieces[0])]:  # (cheap first)
                for key, types in family.keys(name):
                    tables = self._typed.setdefault(types, {}) if family.typed else self._plain
                    tables.setdefault(family, {})[key] = row
        self._by_types: dict[str, Tables] = {}

    def tables(self, types: str) -> Tables:
        """For a pair of these types: the rows by (family, key), and by family then key."""
        found = self._by_types.get(types)
        if found is None:
            by_family = {**self._plain, **self._typed.get(types, {})}
            tagged = {(family, key): row for family, rows in by_family.items()
                      if family not in SEVERAL for key, row in rows.items()}
            several = {f: rows for f, rows in by_family.items() if f in SEVERAL}
            found = self._by_types[types] = (tagged, several)
        return found


class SentencePairs:
    """Per-sentence work done once (lemmas, masks, head chains), then features of any pair.

    Args:
        doc: the parsed document.
        sent: the sentence.
        ents: the sentence's entities, in text order (those between a pair are masked).
    """

    def __init__(self, doc: Doc, sent: Span, ents: list[Span]) -> None:
        self.doc, self.sent, self.ents = doc, sent, ents
        self.start, self.end = start, end = sent.start, sent.end
        arrays = self._arrays = _doc_arrays(doc)
        #: Per token: its lemma; what :meth:`words` reads for it (None: a space or punctuation
        #: without structure; "<NUM>"; else the lemma). The verbs in the conditional mood.
        self.lemmas = arrays.lemmas(start, end)
        self._words = arrays.words(start, end, self.lemmas)
        self.conditional = arrays.conditional(start, end)
        #: Per entity start: its label; its mask and end (for :meth:`words`); the starts, in order.
        self._labels = {e.start: e.label_ for e in ents}
        self._masks = {e.start: (f"<{e.label_}>", e.end) for e in ents}
        self._starts = sorted(self._masks)
        self.negated = not _NEGATION.isdisjoint(self.lemmas)
        self._climbs: dict[int, Climb] = {}
        self._roots: dict[int, int] = {}
        self._vectors: dict[str, np.ndarray] = {}

    @cached_property
    def tokens(self) -> list[Token]:
        return list(self.sent)

    @cached_property
    def content(self) -> list[bool]:
        """Per token of the sentence: a content word outside any entity (for :meth:`vector`)."""
        return [t.pos_ in _CONTENT and not t.ent_type for t in self.tokens]

    def words(self, start: int, end: int) -> list[str]:
        """Lemmas of tokens ``start..end``; an entity inside reads as ``<TYPE>``, numbers as ``<NUM>``.

        An entity starting in the range replaces its tokens (up to its end, past ``end`` if it
        goes on); the runs of tokens between such entities are read from the per-token words.
        """
        out: list[str] = []
        i = max(start, self.start)
        end = min(end, self.end)
        base, words, starts = self.start, self._words, self._starts
        k = bisect_left(starts, i)
        while i < end:
            stop = starts[k] if k < len(starts) and starts[k] < end else end
            out += [w for w in words[i - base:stop - base] if w is not None]
            if stop == end:
                break
            mask, i = self._masks[stop]
            out.append(mask)
            k = bisect_left(starts, i, k + 1)
        return out

    def root(self, ent: Span) -> int:
        """The index of the entity's root token (spaCy finds it anew on each ``Span.root``)."""
        found = self._roots.get(ent.start)
        if found is None:
            found = self._roots[ent.start] = ent.root.i
        return found

    def chain(self, i: int) -> list[int]:
        """Token ``i`` and its ancestors up to the root (at most 31), as indices (kept per token
        by :meth:`_climb`)."""
        head, found = self._arrays.head, [i]
        while head(found[-1]) != found[-1] and len(found) <= 30:
            found.append(head(found[-1]))
        return found

    def lemma(self, i: int) -> str:
        """The feature lemma of token ``i`` (in the sentence or not)."""
        k = i - self.start
        return self.lemmas[k] if 0 <= k < len(self.lemmas) else self._arrays.lemma(i)

    def dep(self, i: int) -> str:
        """The dependency label of token ``i``."""
        return _dep_name(self._arrays.strings, self._arrays.dep_ids[i])

    def _climb(self, i: int) -> Climb:
        """Token ``i``'s :meth:`chain`, each link's place in it, the path pieces up ("dep^") and
        down (">dep") through each link, and each link's lemma: read once per token, as a
        sentence's pairs share their entities' chains."""
        found = self._climbs.get(i)
        if found is None:
            chain = self.chain(i)
            deps = [self.dep(t) for t in chain]
            found = self._climbs[i] = (chain, {t: k for k, t in enumerate(chain)},
                                       [f"{d}^" for d in deps], [f">{d}" for d in deps],
                                       [self.lemma(t) for t in chain])
        return found

    def path(self, a: int, b: int) -> tuple[str, str, int, list[str]] | None:
        """(full path, deps only, LCA, lemmas on the path) from token ``a`` up to the LCA, down
        to token ``b``."""
        up, _, rises, _, up_lemmas = self._climb(a)
        _, down_at, _, falls, down_lemmas = self._climb(b)
        for k, tok in enumerate(up):
            j = down_at.get(tok)
            if j is not None:
                if k + j > _MAX_PATH:
                    return None
                rising, falling = rises[:k], falls[:j][::-1]
                inner = up_lemmas[1:k] + down_lemmas[1:j][::-1]
                full = " ".join(rising + [up_lemmas[k] if tok not in (a, b) else "@"] + falling)
                return full, " ".join(rising + falling), tok, inner
        return None

    def described(self, a: Span, b: Span) -> Described:
        """The features of the ordered pair ``a`` (first in the text), ``b``, by family."""
        a_start, a_end, b_start, b_end = a.start, a.end, b.start, b.end
        types = f"{self._labels[a_start]}>{self._labels[b_start]}"
        between = self.words(a_end, b_start)
        if len(between) > _MAX_BETWEEN:
            between = between[:_MAX_BETWEEN // 2] + ["…"] + between[-_MAX_BETWEEN // 2:]
        nents = min(3, len([w for w in between if w.startswith("<")]) - between.count("<NUM>"))
        one: list[tuple[Family, Key]] = [(TYPES, ()), (LEN, _bucket(len(between))),
                                         (NENTS, str(nents))]
        if between:
            one += [(FIRST, between[0]), (LAST, between[-1]), (FIRST_T, between[0]),
                    (LAST_T, between[-1])]
            if len(between) >= 2:
                one += [(FIRST2, tuple(between[:2])), (LAST2, tuple(between[-2:]))]
        else:
            one.append((ADJACENT, ()))
        before = self.words(a_start - 3, a_start)
        after = self.words(b_end, b_end + 3)
        one.append((PRE1, before[-1] if before else "<S>"))
        if len(before) >= 2:
            one.append((PRE2, tuple(before[-2:])))
        if after:
            one.append((POST1, after[0]))
            if len(after) >= 2:
                one.append((POST2, tuple(after[:2])))
        ra, rb = self.root(a), self.root(b)
        head = self._arrays.head
        da, db = self.dep(ra), self.dep(rb)
        one += [(ADEP, da), (BDEP, db), (AHEAD, (da, self.lemma(head(ra)))),
                (BHEAD, (db, self.lemma(head(rb))))]
        distinct = set(between)
        several: list[tuple[Family, Collection[Key]]] = [
            (BW, distinct), (BWT, distinct), (BB, list(zip(between, between[1:])))]
        path = self.path(ra, rb)
        path_words: list[str] = []
        if path is None:
            one.append((PATH, "none"))
        else:
            full, deps, lca, inner = path
            lemma = self.lemma(lca)
            one += [(PATH, full), (PDEPS, deps), (LCA, lemma), (LCA_T, lemma),
                    (PLEN, str(min(len(deps.split()), 6)))]
            several.append((PL, set(inner)))
            path_words = [*inner, lemma]
        cues = set().union(*map(_CUES.__getitem__, (*between, *path_words, *before[-2:])))
        several += [(CUE, cues), (CUE_T, cues)]
        if not _NEGATION.isdisjoint(distinct):
            one.append((NEG_BETWEEN, ()))
        k = bisect_left(self.conditional, a_start)  # (sorted: token order)
        if k < len(self.conditional) and self.conditional[k] < b_end:
            one.append((CONDITIONAL, ()))
        if self.negated:
            one.append((NEG_SENT, ()))
        return types, one, several

    def features(self, a: Span, b: Span) -> list[str]:
        """Feature names of the ordered pair ``a`` (first in the text), ``b`` (present or absent)."""
        types, one, several = self.described(a, b)
        return [*(family.render(key, types) for family, key in one),
                *(family.render(key, types) for family, keys in several for key in keys)]

    def rows(self, a: Span, b: Span, known: FeatureRows) -> set[int]:
        """The rows of the pair's :meth:`features` that the model knows, found by family and key."""
        types, one, several = self.described(a, b)
        tagged, by_family = known.tables(types)
        found: set[int | None] = set(map(tagged.get, one))
        for family, keys in several:
            table = by_family.get(family)
            if table is not None:
                found.update(map(table.get, keys))
        found.discard(None)
        return found  # type: ignore[return-value]

    def _vector(self, vocab: Any, lemma: str) -> np.ndarray:
        if lemma not in self._vectors:
            self._vectors[lemma] = vocab[lemma].vector
        return self._vectors[lemma]

    def vector(self, a: Span, b: Span) -> np.ndarray:
        """Word vectors of the pair's link: the lowest common ancestor's lemma and the mean of the
        content words between the two names (unit length each; zeros when absent). They let the
        model read a trigger it never saw in training ("s'offrir" near "racheter")."""
        vocab = self.doc.vocab
        width = VECTOR_WIDTH // 2
        lca = np.zeros(width, dtype="float32")
        ra, rb = self.root(a), self.root(b)
        path = self.path(ra, rb)
        if path is not None and path[2] not in (ra, rb):
            lca = _unit(self._vector(vocab, self.lemma(path[2])))
        words = [self._vector(vocab, self.lemmas[k]) for k in range(a.end - self.start, b.start - self.start)
                 if self.content[k]]
        mean = _unit(np.mean(words, axis=0)) if words else np.zeros(width, dtype="float32")
        if lca.shape[0] != width or mean.shape[0] != width:  # a model without 300-d vectors
            return np.zeros(VECTOR_WIDTH, dtype="float32")
        return np.concatenate([lca, mean]).astype("float32")


def pair_features(doc: Doc, sent: Span, a: Span, b: Span, ents: list[Span]) -> list[str]:
    """Features of one pair (see :meth:`SentencePairs.features`); for many pairs of one sentence,
    build one :class:`SentencePairs`."""
    return SentencePairs(doc, sent, ents).features(a, b)


__all__ = ["FAMILIES", "VECTOR_WIDTH", "Family", "FeatureRows", "SentencePairs", "pair_features"]
