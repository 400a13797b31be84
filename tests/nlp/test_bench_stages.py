"""``bench/nlp.py --stages``: the staged pipe gives ``extract`` the same docs as ``nlp.pipe``."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from nlp.extract import extract_texts, run
from nlp.pipeline import load_pipeline

pytestmark = pytest.mark.slow

TEXTS = [
    "Le parti Renouveau Civique a fait appel à la start-up Zorbifex, dirigée par Anne Vardel.",
    "",
    "Fédéravox, filiale du groupe Hexalia, équipe les candidats. La CNIL a sanctionné Zorbifex.",
    "x" * 50,
]


def _bench():
    path = Path(__file__).resolve().parents[2] / "bench" / "nlp.py"
    spec = importlib.util.spec_from_file_location("ciblage_bench_nlp", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_staged_pipe_gives_the_same_extraction_and_times_every_stage() -> None:
    nlp = load_pipeline()
    clock: Counter[str] = Counter()
    pipe = _bench().staged_pipe(nlp, clock)
    staged = [result for _, result in run(TEXTS, nlp, pipe=pipe, batch_size=2)]
    plain = [result for _, result in run(TEXTS, nlp)]
    assert staged == plain
    assert [r["entities"] for r in extract_texts(TEXTS, nlp=nlp)][0]  # the texts do hold entities
    assert set(clock) == {"input", "consumer", *nlp.pipe_names}
    assert all(seconds > 0 for seconds in clock.values())


def test_run_stages_reports_both_pipelines() -> None:
    import spacy

    bench = _bench()
    best = bench.run_stages(TEXTS[:1], spacy.load(bench.BASELINE_MODEL), load_pipeline(), rounds=2)
    assert "ciblage_relations" in best["full"] and "ciblage_relations" not in best["baseline"]
    assert {"tok2vec", "parser", "ner"} <= set(best["baseline"]) & set(best["full"])


def test_own_share_counts_own_components_and_extra_input() -> None:
    staged = {"baseline": {"input": 0.1, "ner": 2.0, "consumer": 0.0},
              "full": {"input": 0.3, "ner": 1.5, "ciblage_typer": 0.5, "consumer": 0.2}}
    assert _bench().own_share(staged) == pytest.approx((0.5 + 0.2 + 0.2) / 2.5)
