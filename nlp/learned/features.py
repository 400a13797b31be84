"""Sparse string features of an ordered pair of entities in one sentence, for the relation model.

The features describe how French press prose links two names, without naming them: their
types, the words between them (other entities masked by their type), the words just before
the first and just after the second, and the dependency path that joins their heads
("nsubj^ utiliser >obj"), with its lowest common ancestor. Lemmas are lower-cased spaCy
lemmas; punctuation is kept only where it carries structure (comma, colon, brackets).

Example:
    >>> from nlp.pipeline import load_pipeline
    >>> doc = load_pipeline()("Le parti Renaissance utilise Zorbifex depuis 2021.")
    >>> a, b = doc.ents[0], doc.ents[1]
    >>> "lca=utiliser" in pair_features(doc, doc[:], a, b, list(doc.ents))
    True
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, MORPH, ORTH, POS
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


#: Per (lemma id, lower-case form id): the feature lemma of a token with them (a pure function of
#: the two strings; reading two ids and a dict is cheaper than decoding and lower-casing).
_LEMMAS: dict[tuple[int, int], str] = {}


def _lemma_of_ids(strings: StringStore, lemma: int, lower: int) -> str:
    """The lower-cased spaCy lemma (the lower-cased form when it has none), with a straight
    apostrophe, of a token whose LEMMA and LOWER attributes are these ids."""
    key = (lemma, lower)
    found = _LEMMAS.get(key)
    if found is None:
        if len(_LEMMAS) > 100_000:
            _LEMMAS.clear()
        found = _LEMMAS[key] = (strings[lemma].lower() or strings[lower]).replace("’", "'")
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
_COLUMNS = [LEMMA, LOWER, IS_SPACE, IS_PUNCT, LIKE_NUM, POS, MORPH, ORTH]
_DOC_COLUMNS: WeakKeyDictionary[Doc, tuple[int, list[list[int]]]] = WeakKeyDictionary()


def _doc_columns(doc: Doc) -> list[list[int]]:
    """The doc's :data:`_COLUMNS`, one list per attribute (kept while the doc lives and keeps its length)."""
    found = _DOC_COLUMNS.get(doc)
    if found is None or found[0] != len(doc):
        columns = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        found = _DOC_COLUMNS[doc] = (len(doc), columns)
    return found[1]


#: Per word: the ``cue=<predicate>`` features of its trigger-verb and role-noun readings, in order.
_CUES: dict[str, tuple[str, ...]] = {}


def _cues(word: str) -> tuple[str, ...]:
    found = _CUES.get(word)
    if found is None:
        if len(_CUES) > 50_000:
            _CUES.clear()
        triggers = (*DEP_VERBS.get(word, ()), *ROLE_NOUNS.get(word, ()))
        found = _CUES[word] = tuple(f"cue={t.predicate}" for t in triggers)
    return found


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (7, "5-7"), (12, "8-12"), (20, "13-20")):
        if n <= limit:
            return name
    return "21+"


def _unit(vec: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


class SentencePairs:
    """Per-sentence work done once (lemmas, masks, head chains), then features of any pair.

    Args:
        doc: the parsed document.
        sent: the sentence.
        ents: the sentence's entities, in text order (those between a pair are masked).
    """

    def __init__(self, doc: Doc, sent: Span, ents: list[Span]) -> None:
        self.doc, self.sent, self.ents = doc, sent, ents
        self.start, self.end = sent.start, sent.end
        # One pass over the tokens' attributes: each one's lemma, what :meth:`words` reads for it
        # (None: a space or punctuation without structure; "<NUM>"; else the lemma) and whether
        # it is a verb in the conditional mood.
        vocab = doc.vocab
        strings = vocab.strings
        kept = {strings[p] for p in _KEPT_PUNCT}  # (str → its id)
        cut = slice(self.start, self.end)
        lemma_ids, lower_ids, spaces, puncts, nums, poses, morphs, orths = (c[cut] for c in _doc_columns(doc))
        self.lemmas: list[str] = []
        self._words: list[str | None] = []
        self.conditional: list[int] = []  # indices of the verbs in the conditional mood
        for k, lemma_id in enumerate(lemma_ids):
            lemma = _lemma_of_ids(strings, lemma_id, lower_ids[k])
            self.lemmas.append(lemma)
            if spaces[k] or (puncts[k] and orths[k] not in kept):
                self._words.append(None)
            else:
                self._words.append("<NUM>" if nums[k] else lemma)
            if poses[k] in _VERB_POS and _conditional(vocab, morphs[k]):
                self.conditional.append(self.start + k)
        self.ent_at = {e.start: e for e in ents}
        #: Per entity start: its mask and its end (for :meth:`words`); the starts, in order.
        self._masks = {e.start: (f"<{e.label_}>", e.end) for e in ents}
        self._starts = sorted(self._masks)
        self.negated = bool(set(self.lemmas) & _NEGATION)
        self._chains: dict[int, list[Token]] = {}
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

    def chain(self, tok: Token) -> list[Token]:
        """``tok`` and its ancestors up to the root."""
        if tok.i not in self._chains:
            chain = [tok]
            while chain[-1].head.i != chain[-1].i and len(chain) <= 30:
                chain.append(chain[-1].head)
            self._chains[tok.i] = chain
        return self._chains[tok.i]

    def lemma(self, tok: Token) -> str:
        k = tok.i - self.start
        if 0 <= k < len(self.lemmas):
            return self.lemmas[k]
        return _lemma_of_ids(tok.vocab.strings, tok.lemma, tok.lower)

    def path(self, a: Token, b: Token) -> tuple[str, str, Token, list[str]] | None:
        """(full path, deps only, LCA, lemmas on the path) from ``a`` up to the LCA, down to ``b``."""
        up, down = self.chain(a), self.chain(b)
        down_ids = {t.i: k for k, t in enumerate(down)}
        for k, tok in enumerate(up):
            if tok.i in down_ids:
                j = down_ids[tok.i]
                if k + j > _MAX_PATH:
                    return None
                rising = [f"{t.dep_}^" for t in up[:k]]
                falling = [f">{t.dep_}" for t in reversed(down[:j])]
                inner = [self.lemma(t) for t in up[1:k]] + [self.lemma(t) for t in reversed(down[1:j])]
                full = " ".join(rising + [self.lemma(tok) if tok.i not in (a.i, b.i) else "@"] + falling)
                return full, " ".join(rising + falling), tok, inner
        return None

    def features(self, a: Span, b: Span) -> list[str]:
        """Feature names of the ordered pair ``a`` (first in the text), ``b`` (present or absent)."""
        types = f"{a.label_}>{b.label_}"
        feats = [f"types={types}"]
        between = self.words(a.end, b.start)
        if len(between) > _MAX_BETWEEN:
            between = between[:_MAX_BETWEEN // 2] + ["…"] + between[-_MAX_BETWEEN // 2:]
        feats.append(f"len={_bucket(len(between))}")
        feats.append(f"nents={min(3, sum(1 for w in between if w.startswith('<') and w != '<NUM>'))}")
        if not between:
            feats.append("adjacent")
        for w in set(between):
            feats.append(f"bw={w}")
            feats.append(f"bwt={w}|{types}")
        for w1, w2 in zip(between, between[1:]):
            feats.append(f"bb={w1}_{w2}")
        if between:
            feats += [f"first={between[0]}", f"last={between[-1]}", f"first|t={between[0]}|{types}",
                      f"last|t={between[-1]}|{types}"]
            if len(between) >= 2:
                feats += [f"first2={between[0]}_{between[1]}", f"last2={between[-2]}_{between[-1]}"]
        before = self.words(a.start - 3, a.start)
        after = self.words(b.end, b.end + 3)
        if before:
            feats.append(f"pre1={before[-1]}")
            if len(before) >= 2:
                feats.append(f"pre2={before[-2]}_{before[-1]}")
        else:
            feats.append("pre1=<S>")
        if after:
            feats.append(f"post1={after[0]}")
            if len(after) >= 2:
                feats.append(f"post2={after[0]}_{after[1]}")
        ra, rb = a.root, b.root
        feats += [f"adep={ra.dep_}", f"bdep={rb.dep_}", f"ahead={ra.dep_}:{self.lemma(ra.head)}",
                  f"bhead={rb.dep_}:{self.lemma(rb.head)}"]
        path = self.path(ra, rb)
        path_words: list[str] = []
        if path is None:
            feats.append("path=none")
        else:
            full, deps, lca, inner = path
            lemma = self.lemma(lca)
            feats += [f"path={full}", f"pdeps={deps}", f"lca={lemma}", f"lca|t={lemma}|{types}",
                      f"plen={min(len(deps.split()), 6)}"]
            feats += [f"pl={w}" for w in set(inner)]
            path_words = [*inner, lemma]
        cues: set[str] = set()
        known = _CUES.get
        for w in (*between, *path_words, *before[-2:]):
            found = known(w)
            cues.update(_cues(w) if found is None else found)
        feats += [*cues, *(f"{c}|{types}" for c in cues)]
        if set(between) & _NEGATION:
            feats.append("neg_between")
        k = bisect_left(self.conditional, a.start)  # (sorted: token order)
        if k < len(self.conditional) and self.conditional[k] < b.end:
            feats.append("conditional")
        if self.negated:
            feats.append("neg_sent")
        return feats

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
        path = self.path(a.root, b.root)
        if path is not None and path[2].i not in (a.root.i, b.root.i):
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


__all__ = ["VECTOR_WIDTH", "SentencePairs", "pair_features"]
