"""The typer's fast paths give, on every dev passage, what the straightforward code gives.

The dev passages are parsed up to the typer (model entities, gazetteer, identifiers); each
model entity, and each run of up to four tokens, is then trimmed, split and searched for first
names both ways.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

import nlp.components.entity_types as et
from nlp.lexicon import FIRST_NAMES

pytestmark = pytest.mark.slow

_EVAL = Path(et.__file__).parents[1] / "eval"


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    from nlp.pipeline import load_pipeline

    texts = [json.loads(line)["text"] for path in sorted(_EVAL.glob("dev*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 400
    nlp = load_pipeline()
    upto = nlp.pipe_names[:nlp.pipe_names.index("ciblage_typer")]
    with nlp.select_pipes(enable=upto):
        return list(nlp.pipe(texts))


def _spans(doc: Doc) -> list[Span]:
    """The model's entities, then every run of one to four tokens, with a model label."""
    out = list(doc.ents)
    labels = ["PER", "ORG", "LOC", "MISC"]
    out += [Span(doc, i, j, label=labels[i % 4]) for i in range(len(doc)) for j in range(i + 1, min(i + 5, len(doc) + 1))]
    return out


def test_trim_without_a_break_character_needs_no_token_walk(docs: list[Doc], monkeypatch: pytest.MonkeyPatch) -> None:
    spans = [s for doc in docs for s in _spans(doc)]
    fast = [et._trim(s) for s in spans]
    monkeypatch.setattr(et, "_BREAK_CHAR", re.compile(""))  # matches everywhere: always walk the tokens
    slow = [et._trim(s) for s in spans]
    assert fast == slow
    assert sum(a is not None and (a.start, a.end) != (s.start, s.end) for a, s in zip(fast, spans)) > 1000


def _split_reference(ent: Span) -> list[Span]:
    """:func:`_split_coordination` as it read before its text pre-check."""
    words = [t for t in ent if t.lower_ == "et"]
    if len(words) != 1 or any(t.lower_ in ("de", "des", "du", "d'", "d’") for t in ent):
        return [ent]
    k = words[0].i
    left, right = ent.doc[ent.start:k], ent.doc[k + 1:ent.end]
    if not (1 <= len(left) <= 2 and 1 <= len(right) <= 2) or right[0].lower_ in et._NAME_TAILS or not all(
            t.text[:1].isupper() for t in (*left, *right)):
        return [ent]
    return [Span(ent.doc, left.start, left.end, label=ent.label), Span(ent.doc, right.start, right.end, label=ent.label)]


def test_split_coordination_pre_check(docs: list[Doc]) -> None:
    spans = [s for doc in docs for s in _spans(doc)]
    assert [et._split_coordination(s) for s in spans] == [_split_reference(s) for s in spans]
    assert sum(len(et._split_coordination(s)) == 2 for s in spans) > 10


def test_first_names_are_read_among_title_case_tokens(docs: list[Doc]) -> None:
    assert all(name.istitle() for name in FIRST_NAMES)
    ids = et._first_name_ids()
    found = 0
    for doc in docs:
        every = [i for i, tok in enumerate(doc) if tok.orth in ids]
        assert every == [i for i in et._title_positions(doc) if doc[i].orth in ids]
        found += len(every)
    assert found > 100
