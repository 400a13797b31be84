"""Score the extractor against the annotated passages in ``nlp/eval/``, next to a bare spaCy baseline.

Run ``python -m nlp.evaluate [--split test|dev|dev2|dev-all|all] [--json]``. Both systems read the same
passages in the same run: the project's extraction (:func:`nlp.extract.extract_texts`) and bare
``fr_core_news_md`` (PER → PERSON, ORG → COMPANY, LOC → PLACE, MISC dropped; no relations).

Scoring:
    * entities match on exact ``(start, end, label)``;
    * a predicted relation matches a gold one with the same predicate when both arguments match
      (either order for symmetric predicates). A predicted argument matches a gold argument when
      its surface text (``subject_text`` or the text at ``subject_span``) or its canonical name
      folds (:func:`ciblage.ids.fold`) to the gold text or one of its aliases, or when its span
      overlaps a gold mention of that entity. Gold relations found are true positives, the
      rest false negatives; predictions matching no gold relation are false positives
      (a duplicate of a found relation is neither).

Example:
    >>> from nlp.evaluate import score
    >>> gold = [{"text": "La CNIL", "entities": [{"start": 3, "end": 7, "label": "PUBLIC_BODY",
    ...          "text": "CNIL"}], "relations": []}]
    >>> score(gold, [{"entities": [{"start": 3, "end": 7, "label": "PUBLIC_BODY"}],
    ...               "relations": []}])["entities"]["micro"]["f1"]
    1.0
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ciblage.ids import ENTITY_TYPES, SYMMETRIC, fold

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

EVAL_DIR = Path(__file__).resolve().parent / "eval"
SPLITS = ("dev", "test")
#: Held-out splits: report on them, never tune on them. ``test`` is the issue's target split;
#: ``val`` was written after the rules, as a check on generalisation before ``test`` is run.
#: Every other ``*.jsonl`` is a development split.
HELD_OUT = ("test", "val")


def available_splits() -> list[str]:
    """Names of the annotated files in ``nlp/eval/`` (``dev``, ``dev2``, ..., ``test``)."""
    return sorted(p.stem for p in EVAL_DIR.glob("*.jsonl"))
#: Relation types the annotated set scores (DESIGN.md predicates an extractor reads from text).
RELATION_TYPES = (
    "CLIENT_OF", "CONTRACT_WITH", "FOUNDED", "DIRECTS", "WORKS_FOR", "MEMBER_OF", "OWNS",
    "SUBSIDIARY_OF", "PARTNER_OF", "REGULATES", "SANCTIONED",
)
BASELINE_MODEL = "fr_core_news_md"
BASELINE_LABELS = {"PER": "PERSON", "ORG": "COMPANY", "LOC": "PLACE"}


# --------------------------------------------------------------------------- data


def load_split(split: str = "test") -> list[dict[str, Any]]:
    """Read the annotated passages of one split file, ``dev-all`` (every split but the held-out
    ``test`` and ``val``) or ``all`` (every split).

    Raises:
        ValueError: for an unknown split name.
    """
    names = available_splits()
    if split == "all":
        return [p for name in names for p in load_split(name)]
    if split == "dev-all":
        return [p for name in names if name not in HELD_OUT for p in load_split(name)]
    if split not in names:
        raise ValueError(f"unknown split {split!r}: choose one of {', '.join(names)}, dev-all or all")
    path = EVAL_DIR / f"{split}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def word_count(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --------------------------------------------------------------------------- scoring


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 (rounded to 4 places) with the counts they come from."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn, "support": tp + fn}


def _table(tp: Counter[str], fp: Counter[str], fn: Counter[str],
           keys: Sequence[str]) -> dict[str, dict[str, float | int]]:
    table = {k: prf(tp[k], fp[k], fn[k]) for k in keys}
    table["micro"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return table


def score_entities(gold: Sequence[dict], predicted: Sequence[dict]) -> dict[str, dict]:
    """Per-label and micro precision/recall/F1 on exact ``(start, end, label)`` matches."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        gold_set = {(e["start"], e["end"], e["label"]) for e in g["entities"]}
        pred_set = {(e["start"], e["end"], e["label"]) for e in p.get("entities", [])}
        for key in gold_set & pred_set:
            tp[key[2]] += 1
        for key in pred_set - gold_set:
            fp[key[2]] += 1
        for key in gold_set - pred_set:
            fn[key[2]] += 1
    return _table(tp, fp, fn, ENTITY_TYPES)


def _names(passage: dict, surface: str) -> set[str]:
    """The surface text of a gold argument plus its aliases in the passage, all folded."""
    aliases: dict[str, list[str]] = passage.get("aliases") or {}
    names = {surface}
    for key, others in aliases.items():
        group = {key, *others}
        if surface in group:
            names |= group
    return {fold(n) for n in names if fold(n)}


def argument_matches(passage: dict, pred: dict, role: str, surface: str) -> bool:
    """Whether the ``role`` (subject/object) of ``pred`` names the gold argument ``surface``."""
    names = _names(passage, surface)
    text = pred.get(f"{role}_text")
    span = pred.get(f"{role}_span")
    if not text and span:
        text = passage["text"][span[0]:span[1]]
    for candidate in (text, pred.get(role)):
        if candidate and fold(str(candidate)) in names:
            return True
    if span:
        start, end = int(span[0]), int(span[1])
        for ent in passage["entities"]:
            if fold(ent["text"]) in names and start < ent["end"] and ent["start"] < end:
                return True
    return False


def relation_matches(passage: dict, pred: dict, gold: dict) -> bool:
    """Whether a predicted relation (``extract_texts`` format) states a gold relation."""
    if pred.get("predicate") != gold["predicate"]:
        return False
    pairs = [("subject", "object")]
    if gold["predicate"] in SYMMETRIC:
        pairs.append(("object", "subject"))
    return any(
        argument_matches(passage, pred, "subject", gold[gs])
        and argument_matches(passage, pred, "object", gold[go])
        for gs, go in pairs
    )


def score_relations(gold: Sequence[dict], predicted: Sequence[dict]) -> dict[str, dict]:
    """Per-predicate and micro precision/recall/F1 of relations (see the module docstring)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        preds = p.get("relations", [])
        for rel in g["relations"]:
            if any(relation_matches(g, pr, rel) for pr in preds):
                tp[rel["predicate"]] += 1
            else:
                fn[rel["predicate"]] += 1
        for pr in preds:
            if not any(relation_matches(g, pr, rel) for rel in g["relations"]):
                fp[str(pr.get("predicate"))] += 1
    keys = list(RELATION_TYPES) + sorted(set(fp) - set(RELATION_TYPES))
    return _table(tp, fp, fn, keys)


def score(gold: Sequence[dict], predicted: Sequence[dict]) -> dict[str, dict]:
    """Entity and relation scores of ``predicted`` (one ``extract_texts`` dict per passage)."""
    return {"entities": score_entities(gold, predicted),
            "relations": score_relations(gold, predicted)}


# --------------------------------------------------------------------------- systems


def baseline_predictions(texts: Sequence[str], nlp: Language) -> list[dict]:
    """Bare spaCy NER mapped onto the project's labels, with no relations."""
    results = []
    for doc in nlp.pipe(texts):
        ents = [{"text": e.text, "label": BASELINE_LABELS[e.label_], "start": e.start_char,
                 "end": e.end_char, "canonical": e.text}
                for e in doc.ents if e.label_ in BASELINE_LABELS]
        results.append({"entities": ents, "relations": []})
    return results


def _timed(fn: Callable[[], list[dict]], words: int) -> tuple[list[dict], float]:
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    return result, round(words / elapsed, 1) if elapsed > 0 else float("inf")


def evaluate(split: str = "test", baseline: bool = True, learned: bool = True) -> dict[str, Any]:
    """Run the project's extraction (and the bare-model baseline) on a split and score both.

    Args:
        split: ``test`` (default), ``dev`` or ``all``.
        baseline: also run bare ``fr_core_news_md`` in the same run.
        learned: keep the trained relation model (``ciblage_learned_relations``); False scores
            the rules alone.

    Returns:
        ``{"split", "passages", "words", "systems": {"ciblage": {...}, "baseline": {...}}}``;
        each system holds ``entities`` and ``relations`` tables (per label or predicate plus
        ``micro``, each with precision, recall, f1, tp, fp, fn, support) and
        ``words_per_second`` (model loading excluded, after one warm-up passage).

    Raises:
        ExtractionError: when the project's pipeline or the baseline model cannot be loaded.
    """
    import spacy

    from ciblage.errors import ExtractionError
    from nlp.extract import extract_texts
    from nlp.pipeline import load_pipeline

    gold = load_split(split)
    texts = [p["text"] for p in gold]
    words = word_count(texts)
    report: dict[str, Any] = {"split": split, "passages": len(gold), "words": words,
                              "systems": {}}

    nlp = load_pipeline()
    from nlp.components.learned import NAME as name

    learner: Any = nlp.get_pipe(name) if name in nlp.pipe_names else None
    saved = learner.model if learner is not None else None
    if learner is not None and not learned:
        learner.model = None
    try:
        extract_texts(texts[:1], nlp=nlp)
        preds, wps = _timed(lambda: extract_texts(texts, nlp=nlp), words)
    finally:
        if learner is not None:
            learner.model = saved
    system = "ciblage" if learned else "ciblage (rules only)"
    report["systems"][system] = {**score(gold, preds), "words_per_second": wps}
    log.info("evaluated system=ciblage split=%s passages=%d wps=%s", split, len(gold), wps)

    if baseline:
        try:
            bare = spacy.load(BASELINE_MODEL)
        except OSError as exc:
            raise ExtractionError(f"cannot load {BASELINE_MODEL}: {exc}") from exc
        baseline_predictions(texts[:1], bare)
        preds, wps = _timed(lambda: baseline_predictions(texts, bare), words)
        report["systems"]["baseline"] = {**score(gold, preds), "words_per_second": wps}
        log.info("evaluated system=baseline split=%s passages=%d wps=%s", split, len(gold), wps)
    return report


# --------------------------------------------------------------------------- rendering


def render(report: dict[str, Any]) -> None:
    """Print the report as rich tables: per system, entities then relations; then a summary."""
    from rich.table import Table

    from ciblage.console import out

    for name, system in report["systems"].items():
        for part, head in (("entities", "Entity type"), ("relations", "Predicate")):
            table = Table(title=f"{name} — {part}, {report['split']} ({report['passages']} passages)")
            table.add_column(head, no_wrap=True)
            for col in ("P", "R", "F1", "TP", "FP", "FN", "support"):
                table.add_column(col, justify="right")
            for key, r in system[part].items():
                if key != "micro" and r["support"] == 0 and r["fp"] == 0:
                    continue
                if key == "micro":
                    table.add_section()
                table.add_row(f"[bold]{key}[/bold]" if key == "micro" else key,
                              f"{r['precision']:.2f}", f"{r['recall']:.2f}", f"{r['f1']:.2f}",
                              str(r["tp"]), str(r["fp"]), str(r["fn"]), str(r["support"]))
            out.print(table)
    summary = Table(title=f"Summary — {report['split']}, {report['words']} words")
    for col in ("system", "entity F1", "relation F1", "words/s"):
        summary.add_column(col, justify="right" if col != "system" else "left")
    for name, system in report["systems"].items():
        summary.add_row(name, f"{system['entities']['micro']['f1']:.2f}",
                        f"{system['relations']['micro']['f1']:.2f}",
                        f"{system['words_per_second']:,.0f}")
    out.print(summary)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=(*available_splits(), "dev-all", "all"), default="test",
                        help="a file of nlp/eval/, dev-all (all but the held-out test and val) or all")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-baseline", action="store_true", help="skip bare fr_core_news_md")
    parser.add_argument("--no-learned", action="store_true",
                        help="score the relation rules alone, without the trained relation model")
    args = parser.parse_args(argv)
    report = evaluate(args.split, baseline=not args.no_baseline, learned=not args.no_learned)
    if args.json:
        from ciblage.console import print_json

        print_json(report)
    else:
        render(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
