"""Train the relation model on the development splits, and measure it by leave-one-split-out.

Usage::

    python -m nlp.learned.train --cv     # each dev split scored by a model trained on the others
    python -m nlp.learned.train          # train on every dev split, write nlp/data/relation_model.json

The held-out splits (``test``, ``val``) are never read. ``--cv`` prints, for each threshold,
relation precision/recall/F1 of the rules alone and of the rules plus the model, summed over
the left-out splits: each split is scored by a model that never saw it, the honest estimate of
what the model adds on unseen prose. Training needs scikit-learn (``pip install -e .[train]``);
running the model does not.
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nlp.learned.dataset import LEARNED, Example, examples, parse
from nlp.learned.model import LinearModel, split_class

log = logging.getLogger(__name__)

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MIN_POSITIVES = 3


def fit(train: Sequence[Example], *, c: float = 1.0, min_count: int = 2,
        uncovered_only: bool = False, vectors: bool = False, merged: bool = True) -> LinearModel:
    """One logistic regression per relation class over the features seen ``min_count`` times.

    Args:
        train: labelled pairs.
        c: inverse L2 regularisation strength (scikit-learn's ``C``).
        min_count: features seen fewer times are dropped.
        uncovered_only: learn only from pairs the rules did not link.
        vectors: also learn from the pairs' word vectors (:meth:`~nlp.learned.features.SentencePairs.vector`).
        merged: also learn one detector per predicate over both directions (``OWNS*``), which
            sees twice the examples; the directed classes then only choose the direction.
    """
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    rows = [ex for ex in train if not (uncovered_only and ex.covered)]
    counts = Counter(f for ex in rows for f in set(ex.features))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    indptr, indices = [0], []
    for ex in rows:
        cols = sorted({vocab[f] for f in ex.features if f in vocab})
        indices.extend(cols)
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    width = len(rows[0].vector) if vectors and rows and rows[0].vector else 0
    if width:
        x = hstack([x, csr_matrix(np.array([ex.vector for ex in rows], dtype="float64"))]).tocsr()
    labels = [ex.labels | ({f"{split_class(lb)[0]}*" for lb in ex.labels if not lb.endswith("=")} if merged else set())
              for ex in rows]
    positives = Counter(label for ls in labels for label in ls)
    classes = sorted(c_ for c_, n in positives.items() if n >= MIN_POSITIVES)
    names = sorted(vocab, key=vocab.__getitem__)
    weights: dict[str, dict[int, float]] = {}
    bias = []
    dense: list[list[float]] = []
    for k, cls in enumerate(classes):
        y = np.array([cls in ls for ls in labels], dtype=int)
        clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000)
        clf.fit(x, y)
        bias.append(round(float(clf.intercept_[0]), 4))
        coef = clf.coef_[0]
        for j in np.flatnonzero(np.abs(coef[:len(names)]) >= 0.02):
            weights.setdefault(names[j], {})[k] = round(float(coef[j]), 3)
        if width:
            dense.append([round(float(w), 3) for w in coef[len(names):]])
    allowed = {cls: sorted({ex.types for ex, ls in zip(rows, labels) if cls in ls}) for cls in classes}
    return LinearModel(classes=classes, bias=bias, weights=weights, dense=dense,
                       allowed={c_: [list(t) for t in ts] for c_, ts in allowed.items()},
                       meta={"examples": len(rows), "features": len(vocab), "c": c,
                             "min_count": min_count, "uncovered_only": uncovered_only, "vectors": bool(width),
                             "merged": merged,
                             "positives": {c_: positives[c_] for c_ in classes}})


def _scored(passages: list[dict[str, Any]], nlp: Any, model: LinearModel | None) -> list[dict]:
    """Predictions on ``passages`` with ``model`` in the learned component at the lowest threshold
    and uncapped confidence (the confidence is then the model's probability)."""
    from nlp.extract import extract_texts

    comp = nlp.get_pipe(LEARNED)
    saved = (comp.model, comp.threshold, comp.max_confidence)
    comp.model, comp.threshold, comp.max_confidence = model, min(THRESHOLDS), 1.0
    try:
        return extract_texts([p["text"] for p in passages], nlp=nlp)
    finally:
        comp.model, comp.threshold, comp.max_confidence = saved


def _at(preds: list[dict], threshold: float | None) -> list[dict]:
    """Keep the rules' relations and the learned ones at ``threshold`` (None: rules only)."""
    return [{**p, "relations": [r for r in p["relations"] if not r["rule"].startswith("learned.")
                                or (threshold is not None and r["confidence"] >= threshold)]}
            for p in preds]


def cross_validate(splits: Sequence[str], *, c: float, min_count: int, uncovered_only: bool,
                   vectors: bool = False, scored: Sequence[str] = ()) -> dict:
    """Relation tp/fp/fn of rules alone and with the model, per threshold, on each split of
    ``scored`` (default: every split of ``splits``) with a model trained on the other ``splits``."""
    from nlp.evaluate import load_split, score_relations
    from nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    names = list(dict.fromkeys([*splits, *scored]))
    data = {s: load_split(s) for s in names}
    pairs = {s: examples(data[s], parse(data[s], nlp)) for s in splits}
    totals: dict[str, Counter[str]] = {}
    per_split: dict[str, dict[str, float]] = {}
    for s in scored or splits:
        model = fit([ex for o in splits if o != s for ex in pairs[o]], c=c, min_count=min_count,
                    uncovered_only=uncovered_only, vectors=vectors)
        preds = _scored(data[s], nlp, model)
        for key, t in [("rules", None), *((f"{t:.1f}", t) for t in THRESHOLDS)]:
            micro = score_relations(data[s], _at(preds, t))["micro"]
            totals.setdefault(key, Counter()).update({k: micro[k] for k in ("tp", "fp", "fn")})
            per_split.setdefault(s, {})[key] = micro["f1"]
    return {"totals": {k: dict(v) for k, v in totals.items()}, "per_split": per_split}


def train(splits: Sequence[str], out: Path, *, c: float, min_count: int, uncovered_only: bool,
          vectors: bool = False) -> LinearModel:
    """Fit on every pair of ``splits`` and write the model to ``out``."""
    from nlp.evaluate import load_split
    from nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    passages = [p for s in splits for p in load_split(s)]
    model = fit(examples(passages, parse(passages, nlp)), c=c, min_count=min_count,
                uncovered_only=uncovered_only, vectors=vectors)
    model.meta["splits"] = list(splits)
    model.save(out)
    return model


def main(argv: Sequence[str] | None = None) -> int:
    from nlp.components.learned import DEFAULT_MODEL
    from nlp.evaluate import HELD_OUT, available_splits, prf

    parser = argparse.ArgumentParser(prog="python -m nlp.learned.train", description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-split-out scores, no file written")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--uncovered-only", action="store_true", help="learn only from pairs no rule linked")
    parser.add_argument("--vectors", action="store_true",
                        help="also learn from word vectors (measured: no gain on the unseen splits, slower)")
    parser.add_argument("--exclude", default="", help="comma-separated dev splits kept out of training")
    parser.add_argument("--score", default="", help="with --cv: comma-separated splits to score (default all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    excluded = {s for s in args.exclude.split(",") if s}
    scored = [s for s in args.score.split(",") if s]
    if set(scored) & set(HELD_OUT):
        parser.error("the held-out splits are never scored here: use python -m nlp.evaluate")
    splits = [s for s in available_splits() if s not in HELD_OUT and s not in excluded]
    if args.cv:
        report = cross_validate(splits, c=args.c, min_count=args.min_count, uncovered_only=args.uncovered_only,
                                vectors=args.vectors, scored=scored)
        for key, counts in report["totals"].items():
            scores = prf(counts["tp"], counts["fp"], counts["fn"])
            print(f"{key:>6}  P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
                  + " ".join(f"{s}={v[key]:.2f}" for s, v in report["per_split"].items()))
        return 0
    model = train(splits, args.out, c=args.c, min_count=args.min_count, uncovered_only=args.uncovered_only,
                  vectors=args.vectors)
    print(f"wrote {args.out}: {len(model.classes)} classes, {model.meta['features']} features, "
          f"{model.meta['examples']} examples from {', '.join(splits)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
