"""Fixtures shared by the NLP tests that read every development passage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

_EVAL = Path(__file__).resolve().parents[2] / "nlp" / "eval"


@pytest.fixture(scope="session")
def pipeline() -> Language:
    """The extraction pipeline (built once per process, as in production)."""
    from nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def dev_docs(pipeline: Language) -> list[Doc]:
    """Every development passage (``nlp/eval/dev*.jsonl``) through the whole pipeline."""
    texts = [json.loads(line)["text"] for path in sorted(_EVAL.glob("dev*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 400
    return list(pipeline.pipe(texts))
