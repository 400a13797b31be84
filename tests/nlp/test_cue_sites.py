"""The cue pre-pass finds the same matches as a full scan of the typer's cue regexes."""

import random

from nlp.components.cue_sites import CueSites, finditer_before, search_at
from nlp.components.entity_types import _FIND_ARTICLE, EntityTyper, type_cues

_WORDS = ["la", "le", "l'", "L’", "d'une", "cette", "Cette", "société", "Société", "SOCIÉTÉ", "parti",
          "microparti", "app", "Apple", "logiciel", "de", "gestion", "des", "adhérents", "Zorbifex",
          "Datavox", "Conseil", ",", ":", "start-up", "fonds", "d'investissement", "et", "Le", "\n",
          "  ", "cabinet", "Ostral", "Hugo", "Lemaire", "ſociété", "İnstitut", "agence", "x"]


def _texts(n: int = 400) -> list[str]:
    rng = random.Random(7)
    return [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 25))) for _ in range(n)]


def test_starts_finds_every_case_insensitive_occurrence() -> None:
    assert CueSites(["parti", "société"]).starts("Le PARTI, microparti et la Société") == [3, 15, 27]
    assert CueSites(["société"]).starts("la ſociété") is None  # "ſ" matches "s" in a regex


def test_same_matches_as_a_full_scan() -> None:
    cues = type_cues()
    typer = EntityTyper("t", pre_cues=cues["pre"], post_cues=cues["post"], keywords=cues["keywords"],
                        org_default="COMPANY", drop_misc=True)
    sites = CueSites(typer.pre_cues)
    for text in _texts():
        starts = sites.starts(text)
        found = finditer_before(typer.find_re, text, starts, _FIND_ARTICLE)
        assert [m.span() for m in found] == [m.span() for m in typer.find_re.finditer(text)]
        for end in range(len(text) + 1):
            lo = max(0, end - 60)
            a, b = search_at(typer.pre_re, text[lo:end], starts, lo), typer.pre_re.search(text[lo:end])
            assert (a and (a.span(), a["cue"])) == (b and (b.span(), b["cue"]))
