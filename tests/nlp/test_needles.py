"""The literal needles of a rule pattern: a rule is skipped only when its regex cannot match."""

from __future__ import annotations

import re

import pytest

from nlp.rules import RULES, match_gap
from nlp.rules.needles import needles


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:à|au) (?:marché|contrat)s?\b", {"à marché", "à contrat", "au marché", "au contrat"}),
    (r"\b(?:filiale|succursale)s?", {"filiale", "succursale"}),
    (r"par", {"par"}),
    (r"(?:a été |est )?(?:dirigée?|gérée?)s?", {"dirigé", "géré"}),
    (r"[^,]{0,40}", None),
    (r"(?i)filiale", None),
    (r"(?:x|\w+)", None),
])
def test_needles_of_patterns(pattern: str, expected: set[str] | None) -> None:
    found = needles(pattern)
    assert (set(found) if found is not None else None) == expected


GAPS = [", cofondateur de", ", filiale du groupe", " a été racheté par", " utilise le logiciel",
        ", ancien directeur général de", " a signé un contrat avec", ", dont la maison mère est",
        " a été sanctionnée par", " a fait appel à", " au capital de", " a confié sa campagne à",
        " est la propriété de", ", qui a cédé ses parts à", " a recruté", " a rejoint"]


@pytest.mark.parametrize("gap", GAPS)
def test_a_rule_that_matches_has_a_needle_in_the_gap(gap: str) -> None:
    text = gap + " "
    for rule in RULES:
        if rule.regex.match(text) and rule.needles is not None:
            assert any(n in text for n in rule.needles), rule.name


@pytest.mark.parametrize("gap", GAPS)
def test_skipping_keeps_the_first_match(gap: str) -> None:
    labels = ("PERSON", "COMPANY", "PARTY", "PUBLIC_BODY", "PRODUCT", "MEDIA")
    for a in labels:
        for b in labels:
            got = match_gap(gap, "", a, b)
            first = None
            for rule in RULES:
                subj, obj = (a, b) if rule.direction == "fwd" else (b, a)
                if subj in rule.subj and obj in rule.obj and rule.prefix_regex is None and rule.regex.match(
                        (" " + gap if not gap.startswith((" ", ",")) else gap) + " "):
                    first = rule
                    break
            if got is None or got.prefix_regex is None:  # prefix rules need a sentence prefix
                assert got is first


def test_every_rule_pattern_is_parsed() -> None:
    assert sum(r.needles is not None for r in RULES) >= len(RULES) - 5
    assert all(re.compile(r.pattern) for r in RULES)


def test_needle_finder_matches_substring_search():
    from nlp.rules.needles import NeedleFinder

    needles = {"fond", "fondateur", "dateur", "au contrat", "au", "zzz"}
    finder = NeedleFinder(needles)
    for text in (" cofondateur ", " lié au contrat de ", " rien ", " au au fond ", "", "élu à l'œuvre"):
        assert finder.present(text) == {n for n in needles if n in text}
        masks = {n: 1 << k for k, n in enumerate(sorted(needles)) if n != "zzz"}  # one left out
        assert finder.mask(text, masks) == sum(m for n, m in masks.items() if n in text)
        assert finder.starts(text) == sorted({i for n in needles for i in range(len(text)) if text.startswith(n, i)})
    assert NeedleFinder(set()).present("au") == set() and NeedleFinder(set()).starts("au") == []
    assert NeedleFinder(set()).mask("au", {"au": 1}) == 0


def test_case_folded_needles_never_miss_a_case_insensitive_match():
    import random

    from nlp.rules.needles import NeedleFinder, folds_like_regex

    words = ["société", "institut", "sondage", "kiosque", "ministère"]
    regex = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    finder = NeedleFinder(words)
    pool = ["Société", "SOCIÉTÉ", "ſociété", "İnstitut", "ınstitut", "INSTITUT", "Sondage", "ſondage", "KIOSQUE",
            "\u212aiosque", "MinistÈre", "Σ", "la", " ", ",", "x"]
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        if regex.search(text):
            assert not folds_like_regex(text) or finder.holds_any(text.lower()), text
    assert folds_like_regex("La Société Générale") and not folds_like_regex("la ſociété")
