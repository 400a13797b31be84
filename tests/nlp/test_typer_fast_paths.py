"""The typer's fast paths give, on every dev passage, what the straightforward code gives.

The dev passages are parsed up to the typer (model entities, gazetteer, identifiers); each
model entity, and each run of up to four tokens, is then trimmed, split and searched for first
names both ways.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

import nlp.components.entity_types as et
from nlp.components.cue_sites import search_at
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


def test_folded_searches_before_every_token(docs: list[Doc]) -> None:
    """The window searches (person's context, media source) see a needle pre-check first."""
    folded = [et._PERSON_OF, et._MEDIA_VERB, et._MEDIA_SOURCE]
    found = [0] * len(folded)
    for doc in docs:
        text = doc.text
        for tok in doc:
            window = text[max(0, tok.idx - 40):tok.idx]
            for k, search in enumerate(folded):
                expected = search.regex.search(window)
                got = search.search(window)
                assert (got and got.span()) == (expected and expected.span())
                found[k] += expected is not None
    assert min(found) > 5


def test_keyword_label_tries_the_keyword_sites_only(docs: list[Doc]) -> None:
    typer = _typer()
    labels = 0
    for doc in docs:
        for span in _spans(doc):
            text = span.text
            m = typer.kw_re.search(text)
            expected = typer.keywords.get(m.group().lower()) if m else None
            assert typer.keyword_label(text) == expected
            labels += expected is not None
    assert labels > 1000


def test_grouped_scans_on_the_dev_passages(docs: list[Doc]) -> None:
    """discover's four whole-text scans, their needles found in one pass, match as each alone."""
    group = _typer()._scans
    found = 0
    for doc in docs:
        expected = [[m.span() for m in scan.regex.finditer(doc.text)] for scan in group.scans]
        assert [[m.span() for m in it] for it in group.finditers(doc.text)] == expected
        found += sum(map(bool, expected))
    assert found > 50


def _typer() -> et.EntityTyper:
    cues = et.type_cues()
    return et.EntityTyper("t", pre_cues=cues["pre"], post_cues=cues["post"],
                          keywords=cues["keywords"], org_default="COMPANY", drop_misc=True)


def test_short_names_linked_on_the_entities_as_set(docs: list[Doc],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The typer hands link_short_names the entities it has just set, as doc.ents reads them."""
    seen = []

    def check(doc: Doc, ents: list[Span]) -> None:
        assert [(e.start, e.end, e.label, e.kb_id, e.id) for e in ents] == [
            (e.start, e.end, e.label, e.kb_id, e.id) for e in doc.ents]
        seen.append(sum(e.id != 0 for e in ents))

    monkeypatch.setattr(et, "link_short_names", check)
    monkeypatch.setattr(et, "may_link", lambda labels: True)
    typer = _typer()
    for doc in docs:
        typer(doc.copy())
    assert len(seen) == len(docs) and sum(seen) > 50



def _context_reference(typer: et.EntityTyper, doc: Doc, start: int, end: int) -> str | None:
    """context_label as it read before its check on what opens the text after the name."""
    text = doc.text
    lo = max(0, start - 60)
    m = search_at(typer.pre_re, text[lo:start], typer.cue_starts(doc), lo)
    if m and m["cue"][0].islower():
        return typer.pre_cues.get(m["cue"].lower())
    after = text[end:end + 40]
    if not after[:1].isspace() and after[:1] != ",":
        return None
    m = typer.post_re.match(after)
    if m and not (m["cue"] and et._introduces_next(text[end + m.end():end + m.end() + 50])):
        return typer.post_cues.get((m["cue"] or m["cue2"]).lower())
    return "COMPANY" if et._LEGAL_AFTER.match(text[end:end + 8]) else None


def test_context_label_checks_what_opens_the_text_after_the_name(docs: list[Doc]) -> None:
    typer = _typer()
    labels = 0
    for doc in docs:
        for span in _spans(doc):
            expected = _context_reference(typer, doc, span.start_char, span.end_char)
            assert typer.context_label(doc, span.start_char, span.end_char) == expected
            labels += expected is not None
    assert labels > 1000
    folds_to_s = {chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch("(?i)s", chr(c))}
    assert folds_to_s | {"E"} == et._LEGAL_OPENINGS  # the legal forms' first letters, any case


def _person_evidence_reference(typer: et.EntityTyper, doc: Doc, span: Span) -> bool:
    """person_evidence as it read the tokens around the name, through slices of the doc."""
    if span[0].lower_ in getattr(typer, "_surnames", ()):
        return True
    before = [t.lower_.rstrip(".") for t in doc[max(0, span.start - 2):span.start]]
    if any(w in et._TITLES for w in before) or (before and before[-1] in et._PERSON_NOUNS):
        return True
    if et._PERSON_OF.regex.search(doc.text[max(0, span.start_char - 40):span.start_char]):
        return True
    after = [t for t in doc[span.end:span.end + 3] if t.pos_ not in ("ADV", "PART")]
    if after and after[0].pos_ == "AUX" and after[0].lemma_ == "avoir" and len(after) > 1:
        after = after[1:]
    return bool(after) and (after[0].lemma_ in et._SPEECH_VERBS
                            or after[0].lower_ in et._SPEECH_FORMS)


def test_person_evidence_reads_the_token_list(docs: list[Doc]) -> None:
    typer = _typer()
    found = 0
    for doc in docs:
        for span in _spans(doc):
            expected = _person_evidence_reference(typer, doc, span)
            assert typer.person_evidence(doc, span) == expected
            found += expected
    assert found > 1000
