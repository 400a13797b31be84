"""with_lead: a look-ahead on a regex's possible first characters never changes its matches;
FoldedSearch: a needle pre-check never changes a case-insensitive search."""

from __future__ import annotations

import random
import re

import pytest

from nlp.components import entity_types, identifiers
from nlp.rules.leads import FoldedSearch, Scan, lead_class, with_lead


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\b(?:[Mm]airie|Région)\b", 0, {"M", "m", "R"}),
    (r"(?<![\d,.])\d{3} ?\d{3}", 0, {r"\d"}),
    (r"(?:l'|la )?[A-Z]\w+", 0, {"l", "A-Z"}),  # an optional article: its letter or the name's
    (r"x*y", 0, {"x", "y"}),
    (r"\d+ ?€", re.IGNORECASE, {r"\d"}),  # digits have no case
    (r"(?:société|groupe) X", re.IGNORECASE, None),  # "ſ" would match "s": unknown
    (r"(?i:s)a", 0, None),
    (r"a?", 0, None),  # can match the empty string anywhere
    (r"\b", 0, None),
    (r".b", 0, None),
    (r"[^a]b", 0, None),
    (r"[-\]^]x", 0, {r"\-", r"\]", r"\^"}),
])
def test_lead_class(pattern: str, flags: int, expected: set[str] | None) -> None:
    found = lead_class(pattern, flags)
    assert (set(found) if found is not None else None) == expected
    if found is not None:
        assert with_lead(re.compile(pattern, flags)).pattern.startswith("(?=[")
    else:
        assert with_lead(re.compile(pattern, flags)).pattern == pattern


_POOL = list("aàbcdeéfilmnoprstuvxzACDEÉLMPRSTVXZ0123456789 ,.'’-&€ſ\n") + [
    "Mairie", "mairie", "Ministère", "Région", "de ", "d'", "à ", "en ", "dans ", "Paris", "Conseil régional",
    "Rousseau & Sangaré", "Et", "Chez", "client de ", "racheté ", "552 081 317", "45 000 € HT", "1,2 million d'euros",
    "12 EUR", "filiale de ", "l'", "la ", "Datavox"]


def _texts(n: int = 300) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(_POOL) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.mark.parametrize("name", ["BODY_RE", "_AMPERSAND_NAME", "_BUSINESS_ARG"])
def test_project_scans_keep_their_matches_typer(name: str) -> None:
    scan = getattr(entity_types, name)
    assert isinstance(scan, Scan) and scan._finder is not None  # the needle pre-check is there
    _same_matches(scan.regex, scan)


@pytest.mark.parametrize("name", ["SIRET_RE", "SIREN_RE", "AMOUNT_RE"])
def test_project_regexes_keep_their_matches_identifiers(name: str) -> None:
    _same_matches(getattr(identifiers, name))


def _same_matches(regex: re.Pattern[str], scan: Scan | None = None) -> None:
    assert regex.pattern.startswith("(?=[")  # the look-ahead is there
    bare = re.compile(regex.pattern[regex.pattern.index("])") + 2:], regex.flags)
    for text in _texts():
        expected = [m.span() for m in bare.finditer(text)]
        assert [m.span() for m in regex.finditer(text)] == expected
        if scan is not None:
            assert [m.span() for m in scan.finditer(text)] == expected


_FOLDED_POOL = ["l'entourage de ", "L'ENTOURAGE D'", "les équipes de ", "Équipes de ",
                "révèle ", "RÉVÈLE ", "selon ", "Selon ", "a confié à ", "consultées par ",
                "ſelon ", "İ", "QG de ", "qg d’", "la ", "Datavox ", "campagne de ", "\n", " ",
                "de ", "x"]


@pytest.mark.parametrize("name", ["_PERSON_OF", "_MEDIA_VERB", "_MEDIA_SOURCE"])
def test_folded_searches_keep_their_matches(name: str) -> None:
    folded = getattr(entity_types, name)
    assert isinstance(folded, FoldedSearch) and folded._finder is not None  # the needle pre-check
    rng = random.Random(5)
    texts = ["".join(rng.choice(_FOLDED_POOL) for _ in range(rng.randint(0, 6)))
             for _ in range(3000)]
    found = 0
    for text in texts:
        expected = folded.regex.search(text)
        got = folded.search(text)
        assert (got and got.span()) == (expected and expected.span()), text
        found += expected is not None
    assert found > 20


def test_folded_search_is_for_case_insensitive_regexes() -> None:
    with pytest.raises(ValueError):
        FoldedSearch(re.compile("selon"))
    # "ſ" folds onto "s" for the engine, not for str.lower: such a text is always searched
    assert FoldedSearch(re.compile("selon", re.IGNORECASE)).search("ſelon") is not None


def test_scan_group_keeps_each_scans_matches() -> None:
    typer = entity_types.EntityTyper("t", **_cues(), org_default="COMPANY", drop_misc=True)
    group = typer._scans
    assert len(group.scans) == 4
    texts = _texts(2000) + ["la SA Datavox et le ministère de l'Intérieur",
                            "Rousseau & Sangaré, client de Datavox"]
    found = 0
    for text in texts:
        expected = [[m.span() for m in scan.finditer(text)] for scan in group.scans]
        assert [[m.span() for m in it] for it in group.finditers(text)] == expected
        found += sum(map(bool, expected))
    assert found > 50


def _cues() -> dict[str, dict[str, str]]:
    cues = entity_types.type_cues()
    return {"pre_cues": cues["pre"], "post_cues": cues["post"], "keywords": cues["keywords"]}
