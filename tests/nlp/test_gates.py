"""Frame gates: a frame runs only where its trigger words and entity types are."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Span

from nlp.frames import capital, clients
from nlp.frames.gates import Gate


@pytest.fixture(scope="module")
def blank():  # type: ignore[no-untyped-def]
    return spacy.blank("fr")


def _call(gate: Gate, nlp, text: str, label: str = "COMPANY") -> list[str]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    ents = [Span(doc, 0, 1, label=label)]
    return gate(doc, doc[:], ents, [])


def test_gate_runs_the_frame_only_with_a_needle_and_a_label(blank) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []
    gate = Gate(lambda doc, sent, ents, previous: calls.append(sent.text) or [],
                (re.compile(r"\bson\s+(?:ancien\s+)?client\b"),), frozenset({"COMPANY"}))
    assert gate.needles == {"client"}
    _call(gate, blank, "Ardent a perdu un marché.")
    _call(gate, blank, "Ardent, son CLIENT historique.", label="PERSON")
    assert calls == []
    _call(gate, blank, "Ardent, son CLIENT historique.")
    assert calls == ["Ardent, son CLIENT historique."]


def test_needles_are_cut_where_normalisation_changes_the_text() -> None:
    gate = Gate(lambda *a: [], (re.compile(r"est entre les mains d'"), re.compile(r"le solde ,")))
    assert gate.needles == {"entre", "solde"}


def test_open_or_verbose_regexes_give_no_text_condition() -> None:
    assert Gate(lambda *a: [], (re.compile(r"client"), re.compile(r"\w+"))).needles is None
    assert Gate(lambda *a: [], (re.compile(r"client", re.VERBOSE),)).needles is None
    assert Gate(lambda *a: [], (re.compile(r"(?i)client"),)).needles is None  # global inline flag


def test_case_insensitive_regexes_give_lower_cased_needles() -> None:
    gate = Gate(lambda *a: [], (re.compile(r"\b(?:Son|sa)\s+CLIENT\b", re.IGNORECASE),))
    assert gate.needles == {"client"}
    # an inline case-insensitive group gives no needle: "chez" is the one certain word
    assert Gate(lambda *a: [], (re.compile(r"(?i:CLIENT)s? chez"),)).needles == {"chez"}
    # a needle holding a character str.lower and the regex engine fold differently is refused
    assert Gate(lambda *a: [], (re.compile("İstanbul", re.IGNORECASE),)).needles is None
    # shorter needles make the longer ones useless
    assert Gate(lambda *a: [], (re.compile(r"côtés|côté|à côté", re.IGNORECASE),)).needles == {"côté"}


@pytest.mark.parametrize(("pattern", "text", "runs"), [
    (r"\bsociété\b", "Ardent et la SOCIÉTÉ Brindel.", True),
    (r"\bsociété\b", "Ardent et Brindel.", False),
    (r"\bsociété\b", "Ardent et la ſociété Brindel.", True),  # "ſ" matches "s", lower() keeps it
    (r"\bistanbul\b", "Ardent ouvre à İstanbul.", True),  # "İ".lower() is "i̇", two characters
    (r"\bistanbul\b", "Ardent ouvre à ISTANBUL.", True),
    (r"\bσοφία\b", "Ardent et ΣΟΦΊΑ.", True),  # a needle with a Greek sigma is refused
])
def test_folded_needles_let_every_match_through(blank, pattern: str, text: str, runs: bool) -> None:  # type: ignore[no-untyped-def]
    regex = re.compile(pattern, re.IGNORECASE)
    calls: list[str] = []
    gate = Gate(lambda doc, sent, ents, previous: calls.append(sent.text) or [], (regex,))
    _call(gate, blank, text)
    assert bool(calls) == runs
    if regex.search(text):
        assert runs


def test_unsafe_characters_are_those_lower_and_the_regex_engine_disagree_on() -> None:
    """:data:`UNSAFE` recomputed over every code point with the running Python's tables."""
    import _sre
    from re import _casefix  # type: ignore[attr-defined]

    from nlp.frames.casefold import UNSAFE

    extra = {c for k, v in _casefix._EXTRA_CASES.items() for c in (k, *v) if c > 127}
    raw = {chr(i) for i in range(0x110000) if chr(i).lower() != chr(_sre.unicode_tolower(i))
           or _sre.unicode_tolower(i) in extra or i in extra}
    # checked on lower-cased text: each one leaves a non-ASCII mark there ("İ" leaves U+0307)
    lowered = {c for x in raw for c in x.lower() if ord(c) > 127}
    assert all(any(ord(c) > 127 for c in x.lower()) for x in raw)
    assert UNSAFE == raw | lowered


def test_family_frames_are_gated() -> None:
    gated = {f.__name__: f for f in (*clients.FRAMES, *capital.FRAMES) if isinstance(f, Gate)}
    assert {"client_descriptions", "possessive_owner", "dont_pronoun_owner", "partners_in_groupement"} <= set(gated)
    assert all(g.needles or g.labels for g in gated.values())
    # two paths (a fronted inspection, a pronoun sanction): the needles of both
    assert gated["inspections"].labels == {"PUBLIC_BODY"} and {"issue", "infligé"} <= gated["inspections"].needles


def test_a_label_gate_skips_sentences_without_the_type() -> None:
    calls: list[str] = []
    gate = Gate(lambda doc, sent, ents, previous: calls.append(sent.text) or [], labels=frozenset({"PERSON"}))
    nlp = spacy.blank("fr")
    doc = nlp("Zorbifex équipe Datavox.")
    company, person = Span(doc, 0, 1, label="COMPANY"), Span(doc, 2, 3, label="PERSON")
    assert gate(doc, doc[:], [company], []) == [] and calls == []
    gate(doc, doc[:], [company, person], [])
    assert calls == ["Zorbifex équipe Datavox."]


def _top_level_alternatives(pattern: str) -> list[str]:
    out, depth, start, escaped = [], 0, 0, False
    for k, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:k])
            start = k + 1
    return [*out, pattern[start:]]


def test_every_fronted_clause_holds_one_of_the_fronted_needles() -> None:
    """``fronted`` skips a sentence whose head holds none of FRONTED_NEEDLES: every branch of
    every clause must then require one of them (agents after "par", or "passé"/"ancien" + "chez")."""
    from nlp.frames.roles import _PAR, FRONTED, FRONTED_NEEDLES

    assert "par" in FRONTED_NEEDLES and _PAR.endswith(r"\bpar\s")
    for frame in FRONTED:
        for branch in _top_level_alternatives(frame.pattern):
            assert branch.endswith(_PAR) or branch.startswith(r"(?:passée?s?|ancien(?:ne)?s?) "), (
                frame.predicate, branch)
    assert _top_level_alternatives("a(b|c)|d[|]") == ["a(b|c)", "d[|]"]
