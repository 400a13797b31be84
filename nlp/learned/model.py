"""A linear relation model stored as JSON: one logistic score per relation class, no runtime ML library.

Classes name a predicate and a direction relative to the text order of the pair: ``OWNS>``
(the first entity owns the second), ``OWNS<`` (the second owns the first), ``PARTNER_OF=``
(symmetric). ``allowed`` keeps, per class, the type pairs seen in training: a class never
fires on a type pair it was not trained on. The file is written by :mod:`nlp.learned.train`
(scikit-learn, only needed to train) and read here with plain Python.

Example:
    >>> m = LinearModel(classes=["OWNS>"], bias=[-1.0], weights={"lca=racheter": {0: 3.0}},
    ...                 allowed={"OWNS>": [["COMPANY", "COMPANY"]]})
    >>> round(m.scores(["lca=racheter"])["OWNS>"], 3)
    0.881
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ciblage.errors import ExtractionError

FORMAT = "ciblage.relation_model.v1"


def split_class(name: str) -> tuple[str, str]:
    """``"OWNS>"`` → ``("OWNS", ">")``."""
    return name[:-1], name[-1]


@dataclass
class LinearModel:
    """Per-class logistic regression over binary features."""

    classes: list[str]
    bias: list[float]
    weights: dict[str, dict[int, float]]
    allowed: dict[str, list[list[str]]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    dense: list[list[float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._allowed = {c: {tuple(p) for p in pairs} for c, pairs in self.allowed.items()}
        self._dense = np.asarray(self.dense, dtype="float32") if self.dense else None
        self._index = {f: i for i, f in enumerate(self.weights)}
        self._sparse = np.zeros((len(self.weights), len(self.classes)), dtype="float32")
        for i, ws in enumerate(self.weights.values()):
            for k, w in ws.items():
                self._sparse[i, k] = w
        self._bias = np.asarray(self.bias, dtype="float32")
        self._any_types = {p for pairs in self._allowed.values() for p in pairs}
        self._detectors = {split_class(c)[0] for c in self.classes if c.endswith("*")}
        self._split = {c: split_class(c) for c in self.classes}

    def rows(self, features: list[str]) -> set[int]:
        """The rows of the known features among ``features``."""
        found = set(map(self._index.get, features))
        found.discard(None)
        return found  # type: ignore[return-value]

    @property
    def feature_index(self) -> dict[str, int]:
        """Per known feature: its row."""
        return self._index

    def _totals(self, rows: set[int], vector: Sequence[float] | np.ndarray) -> np.ndarray:
        """Per class, the logit: bias, plus the weights of the known features' ``rows``, plus
        the dense part. ``np.add.reduce(take(...))`` is ``sum`` of the rows without its Python
        wrapper and fancy-indexing overhead (and ``take`` reads an index array, made and sorted
        by numpy, faster than a list). The rows are added in index order: in set order, the
        float32 sum's last bits changed with the process's hash seed."""
        if rows:
            order = np.fromiter(rows, dtype=np.intp, count=len(rows))
            order.sort()
            totals = self._bias + np.add.reduce(self._sparse.take(order, axis=0), axis=0)
        else:
            totals = self._bias.copy()
        if self._dense is not None and len(vector):
            totals = totals + self._dense @ np.asarray(vector, dtype="float32")
        return totals

    @staticmethod
    def _probabilities(totals: np.ndarray) -> list[float]:
        """The logistic of each logit, clipped to [-30, 30] (``np.minimum(np.maximum())`` is
        ``clip`` without its Python wrapper)."""
        return (1.0 / (1.0 + np.exp(-np.minimum(np.maximum(totals, -30.0), 30.0)))).tolist()

    def scores(self, features: list[str], vector: Sequence[float] | np.ndarray = ()) -> dict[str, float]:
        """Probability of each class for a pair with these binary features and dense vector."""
        totals = self._totals(self.rows(features), vector)
        return dict(zip(self.classes, self._probabilities(totals)))

    def predict(self, features: list[str], first: str, second: str, threshold: float,
                vector: Sequence[float] | np.ndarray = ()) -> dict[str, tuple[float, str]]:
        """``best(scores(features, vector), first, second, threshold)``, the same answer."""
        return self.predict_rows(self.rows(features), first, second, threshold, vector)

    def predict_rows(self, rows: set[int], first: str, second: str, threshold: float,
                     vector: Sequence[float] | np.ndarray = ()) -> dict[str, tuple[float, str]]:
        """:meth:`predict` for the features of these :meth:`rows`.

        Most pairs have no class at ``threshold``: then :meth:`best` finds nothing, and the
        probabilities are not computed. The test is on the logits, with a margin (1e-3 in logit,
        a few 1e-4 in probability) far wider than float32 rounding of the logistic, so a class
        whose probability would reach ``threshold`` is never skipped.
        """
        totals = self._totals(rows, vector)
        cut = math.log(threshold / (1.0 - threshold)) - 1e-3 if 0.0 < threshold < 1.0 else None
        if cut is not None and max(totals.tolist()) < cut:
            return {}
        return self.best(dict(zip(self.classes, self._probabilities(totals))), first, second, threshold)

    def allows_types(self, first: str, second: str) -> bool:
        """Whether any class was trained on this type pair (else the pair is not worth scoring)."""
        return (first, second) in self._any_types

    def allows(self, cls: str, first: str, second: str) -> bool:
        """Whether ``cls`` was trained on the type pair (first entity's label, second's)."""
        return (first, second) in self._allowed.get(cls, set())

    def best(self, scores: dict[str, float], first: str, second: str,
             threshold: float) -> dict[str, tuple[float, str]]:
        """Per predicate, the (probability, directed class) to state for a pair of these types.

        A direction-free detector (``OWNS*``), when the model has one, decides whether the
        predicate holds; the direction is the one the type pair allows, or, when both are
        allowed ("COMPANY owns COMPANY"), the likelier directed class. Without a detector, the
        likeliest directed class at ``threshold`` wins.
        """
        best: dict[str, tuple[float, str]] = {}
        detectors, split = self._detectors, self._split
        for cls, p in scores.items():
            if p < threshold:  # (first: most classes stop here)
                continue
            predicate, direction = split.get(cls) or split_class(cls)
            if (predicate in detectors) != (direction == "*"):
                continue
            if direction == "*":
                options = [d for d in (">", "<") if self.allows(predicate + d, first, second)]
                if not options:
                    continue
                cls = max((predicate + d for d in options), key=lambda c: scores.get(c, 0.0))
            elif not self.allows(cls, first, second):
                continue
            if p > best.get(predicate, (0.0, ""))[0]:
                best[predicate] = (p, cls)
        return best

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "classes": self.classes, "bias": self.bias,
                "allowed": self.allowed, "meta": self.meta, "dense": self.dense,
                "weights": {f: {str(k): w for k, w in ws.items()} for f, ws in sorted(self.weights.items())}}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"),
                                   sort_keys=False) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        if data.get("format") != FORMAT:
            raise ExtractionError(f"not a {FORMAT} relation model (format={data.get('format')!r})",
                                  hint="Retrain it with `python -m nlp.learned.train`.")
        return cls(classes=list(data["classes"]), bias=[float(b) for b in data["bias"]],
                   weights={f: {int(k): float(w) for k, w in ws.items()} for f, ws in data["weights"].items()},
                   allowed={c: [list(p) for p in ps] for c, ps in data.get("allowed", {}).items()},
                   meta=dict(data.get("meta", {})),
                   dense=[[float(w) for w in ws] for ws in data.get("dense", [])])

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model file.

        Raises:
            ExtractionError: the file is missing, not JSON or not a relation model.
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ExtractionError(f"cannot read the relation model {path}: {exc}",
                                  hint="Retrain it with `python -m nlp.learned.train`.") from exc
        return cls.from_dict(data)


__all__ = ["FORMAT", "LinearModel", "split_class"]
