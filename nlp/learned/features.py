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

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Punctuation that carries structure between two names; other punctuation is dropped.
_KEPT_PUNCT = frozenset({",", ":", "(", ")", ";", "«", "»", "–", "—"})
#: Negation and denial cues (lemmas).
_NEGATION = frozenset({"ne", "n'", "pas", "jamais", "aucun", "nullement", "démentir", "nier",
                       "contester", "refuser", "plus"})
_MAX_PATH = 7
_MAX_BETWEEN = 40


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower() or tok.lower_
    return lemma.replace("’", "'")


def _words(doc: Doc, start: int, end: int, ents: list[Span]) -> list[str]:
    """Lemmas of tokens ``start..end``; an entity inside reads as ``<TYPE>``, numbers as ``<NUM>``."""
    marks = {}
    for ent in ents:
        if start <= ent.start < end:
            marks[ent.start] = ent
    out: list[str] = []
    i = start
    while i < end:
        ent = marks.get(i)
        if ent is not None:
            out.append(f"<{ent.label_}>")
            i = ent.end
            continue
        tok = doc[i]
        i += 1
        if tok.is_space or (tok.is_punct and tok.text not in _KEPT_PUNCT):
            continue
        out.append("<NUM>" if tok.like_num else _lemma(tok))
    return out


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (7, "5-7"), (12, "8-12"), (20, "13-20")):
        if n <= limit:
            return name
    return "21+"


def _chain(tok: Token, stop: int) -> list[Token]:
    """``tok`` and its ancestors up to the sentence root (at most ``stop`` steps)."""
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) <= stop:
        chain.append(chain[-1].head)
    return chain


def _path(a: Token, b: Token) -> tuple[str, str, str, list[str]] | None:
    """(full path, deps only, LCA lemma, lemmas on the path) from ``a`` up to the LCA, down to ``b``."""
    up = _chain(a, 30)
    down = _chain(b, 30)
    down_ids = {t.i: k for k, t in enumerate(down)}
    for k, tok in enumerate(up):
        if tok.i in down_ids:
            j = down_ids[tok.i]
            if k + j > _MAX_PATH:
                return None
            lca = tok
            rising = [f"{t.dep_}^" for t in up[:k]]
            falling = [f">{t.dep_}" for t in reversed(down[:j])]
            inner = [_lemma(t) for t in up[1:k]] + [_lemma(t) for t in reversed(down[1:j])]
            full = " ".join(rising + [_lemma(lca) if lca.i not in (a.i, b.i) else "@"] + falling)
            return full, " ".join(rising + falling), _lemma(lca), inner
    return None


def pair_features(doc: Doc, sent: Span, a: Span, b: Span, ents: list[Span]) -> list[str]:
    """Features of the ordered pair ``a`` (first in the text) and ``b`` in ``sent``.

    Args:
        doc: the parsed document.
        sent: the sentence holding both entities.
        a: the entity that comes first.
        b: the entity that comes second.
        ents: every entity of the sentence (those between ``a`` and ``b`` are masked).

    Returns:
        Feature names (a feature is present or absent; no values).
    """
    types = f"{a.label_}>{b.label_}"
    feats = [f"types={types}"]
    between = _words(doc, a.end, b.start, ents)
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
    before = _words(doc, max(sent.start, a.start - 3), a.start, ents)
    after = _words(doc, b.end, min(sent.end, b.end + 3), ents)
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
    feats += [f"adep={ra.dep_}", f"bdep={rb.dep_}", f"ahead={ra.dep_}:{_lemma(ra.head)}",
              f"bhead={rb.dep_}:{_lemma(rb.head)}"]
    path = _path(ra, rb)
    if path is None:
        feats.append("path=none")
    else:
        full, deps, lca, inner = path
        feats += [f"path={full}", f"pdeps={deps}", f"lca={lca}", f"lca|t={lca}|{types}",
                  f"plen={min(len(deps.split()), 6)}"]
        feats += [f"pl={w}" for w in set(inner)]
    words = set(between)
    if words & _NEGATION:
        feats.append("neg_between")
    if any(t.morph.get("Mood") == ["Cnd"] for t in doc[a.start:b.end]):
        feats.append("conditional")
    sent_lemmas = {_lemma(t) for t in sent}
    if sent_lemmas & _NEGATION:
        feats.append("neg_sent")
    return feats


_CONTENT = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
#: Width of :func:`pair_vector`: the common ancestor's lemma, then the mean of the words between.
VECTOR_WIDTH = 600


def _unit(vec: Any) -> Any:
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


def pair_vector(doc: Doc, a: Span, b: Span) -> list[float]:
    """Word vectors of the pair's link: the lowest common ancestor's lemma and the mean of the
    content words between the two names (unit length each; zeros when absent). They let the
    model read a trigger it never saw in training ("s'offrir" near "racheter")."""
    vocab = doc.vocab
    width = VECTOR_WIDTH // 2
    lca = np.zeros(width, dtype="float32")
    up = {t.i for t in _chain(a.root, 30)}
    for tok in _chain(b.root, 30):
        if tok.i in up:
            if tok.i not in (a.root.i, b.root.i):
                lca = _unit(vocab[_lemma(tok)].vector)
            break
    words = [vocab[_lemma(t)].vector for t in doc[a.end:b.start] if t.pos_ in _CONTENT and not t.ent_type]
    mean = _unit(np.mean(words, axis=0)) if words else np.zeros(width, dtype="float32")
    if lca.shape[0] != width or mean.shape[0] != width:  # a model without 300-d vectors
        return [0.0] * VECTOR_WIDTH
    return [round(float(x), 4) for x in np.concatenate([lca, mean])]


__all__ = ["VECTOR_WIDTH", "pair_features", "pair_vector"]
