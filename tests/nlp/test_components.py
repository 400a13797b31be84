"""Component unit tests on spacy.blank("fr") with hand-built docs, plus a disk round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

import nlp.components  # noqa: F401
from nlp.gazetteer import Entry, gazetteer_from_ledger, load_entries
from nlp.records import Relation, relations_of
from nlp.rules import match_gap, normalise_gap
from nlp.textprep import chunk, guess_language, prepare

ENTRIES = [
    {"canonical": "Liegey Muller Pons", "label": "COMPANY", "aliases": ["LMP"]},
    {"canonical": "Spallian", "label": "COMPANY", "aliases": [], "ignore_case": True},
    {"canonical": "CNIL", "label": "PUBLIC_BODY", "aliases": []},
    {"canonical": "Renaissance", "label": "PARTY", "aliases": ["LREM", "En Marche"]},
]


@pytest.fixture()
def blank():
    nlp = spacy.blank("fr")
    nlp.add_pipe("ciblage_gazetteer").initialize(entries=ENTRIES)
    nlp.add_pipe("ciblage_identifiers")
    return nlp


def test_gazetteer_types_and_canonicalises(blank) -> None:
    doc = blank("LREM a choisi LMP puis SPALLIAN ; la CNIL veille.")
    got = [(e.text, e.label_, e.id_) for e in doc.ents]
    assert got == [("LREM", "PARTY", "Renaissance"), ("LMP", "COMPANY", "Liegey Muller Pons"),
                   ("SPALLIAN", "COMPANY", "Spallian"), ("CNIL", "PUBLIC_BODY", "CNIL")]


def test_gazetteer_overrides_model_entities(blank) -> None:
    doc = blank.make_doc("Spallian travaille.")
    doc.ents = [Span(doc, 0, 1, label="PER")]
    doc = blank.get_pipe("ciblage_gazetteer")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Spallian", "COMPANY")]


@pytest.mark.parametrize(("text", "label", "value"), [
    ("SIREN 552 081 317.", "SIREN", "552081317"),
    ("SIRET 552 081 317 66522.", "SIRET", "55208131766522"),
    ("pour 45 000 € HT", "AMOUNT", 45000.0),
    ("une amende de 1,2 million d'euros", "AMOUNT", 1_200_000.0),
    ("le 1er mars 2021", "DATE", "2021-03-01"),
    # one case per currency and date alternative: the identifiers' literal pre-checks must pass them all
    ("un budget de 30 k€", "AMOUNT", 30000.0),
    ("contre 12 EUR", "AMOUNT", 12.0),
    ("pour 80 000 euros", "AMOUNT", 80000.0),
    ("3 millions de Euros", "AMOUNT", 3_000_000.0),
    ("9 000 hors taxe €", "AMOUNT", 9000.0),
    ("signé le 04/07/2019.", "DATE", "2019-07-04"),
    ("publié le 2022-11-30.", "DATE", "2022-11-30"),
    ("depuis janvier 2018.", "DATE", "2018-01"),
])
def test_identifiers_found_with_values(blank, text: str, label: str, value: object) -> None:
    doc = blank(text)
    spans = doc.spans["ciblage_ids"]
    assert [(s.label_, s._.ciblage_value) for s in spans] == [(label, value)]


def test_identifiers_reject_bad_checksum(blank) -> None:
    assert list(blank("SIREN 552 081 318.").spans["ciblage_ids"]) == []


def test_typer_cues_and_determiners() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("ciblage_typer")
    doc = nlp.make_doc("Selon la start-up Zorbifex, le logiciel Mandalor séduit la Brindelle.")
    doc.ents = [Span(doc, 12, 14, label="ORG")]  # "la Brindelle" with its determiner
    doc = nlp.get_pipe("ciblage_typer")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Zorbifex", "COMPANY"), ("Mandalor", "PRODUCT"), ("Brindelle", "COMPANY")]


@pytest.mark.parametrize(("gap", "a", "b", "predicate", "direction"), [
    (" utilisent ", "PERSON", "COMPANY", "CLIENT_OF", "fwd"),
    (", cofondateur de ", "PERSON", "COMPANY", "FOUNDED", "fwd"),
    (" a été sanctionnée par la ", "COMPANY", "PUBLIC_BODY", "SANCTIONED", "rev"),
    (", dont les clients comptent ", "COMPANY", "PARTY", "CLIENT_OF", "rev"),
    (", filiale de ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd"),
    (" a racheté ", "COMPANY", "COMPANY", "OWNS", "fwd"),
])
def test_gap_rules(gap: str, a: str, b: str, predicate: str, direction: str) -> None:
    rule = match_gap(normalise_gap(gap), "", a, b)
    assert rule is not None and (rule.predicate, rule.direction) == (predicate, direction)


def test_gap_rules_ignore_negation() -> None:
    assert match_gap(normalise_gap(" n'a jamais utilisé "), "", "PARTY", "COMPANY") is None


def test_relation_record_validates() -> None:
    with pytest.raises(ValueError):
        Relation((0, 1), (2, 3), "LIKES", "a", "b", (0, 3), 0.5, "r")
    with pytest.raises(ValueError):
        Relation((0, 1), (2, 3), "OWNS", "a", "b", (0, 3), 1.5, "r")


def test_relations_component_on_hand_built_doc() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ciblage_relations", config={"use_dependencies": False})
    doc = nlp.make_doc("Fillon , Mélenchon et Cheminade utilisent Zorbifex .")
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 2, 3, "PERSON"), Span(doc, 4, 5, "PERSON"),
                Span(doc, 6, 7, "COMPANY")]
    doc = nlp.get_pipe("sentencizer")(doc)
    doc = nlp.get_pipe("ciblage_relations")(doc)
    typed = [(r.subject_text, r.predicate, r.object_text) for r in relations_of(doc)
             if r.predicate != "MENTIONED_WITH"]
    assert typed == [(n, "CLIENT_OF", "Zorbifex") for n in ("Fillon", "Mélenchon", "Cheminade")]
    weak = [r for r in relations_of(doc) if r.predicate == "MENTIONED_WITH"]
    assert len(weak) == 6 and all(r.confidence <= 0.2 for r in weak)


def test_pipeline_disk_round_trip(blank, tmp_path: Path) -> None:
    blank.add_pipe("ciblage_typer", config={"org_default": "COMPANY"})
    blank.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == blank.pipe_names
    assert loaded.get_pipe_config("ciblage_typer")["org_default"] == "COMPANY"
    assert [(e.text, e.id_) for e in loaded("LMP").ents] == [("LMP", "Liegey Muller Pons")]


def test_shipped_gazetteer_and_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"canonical": "Zorbifex", "label": "COMPANY", "aliases": ["ZBX"]}\n', "utf-8")
    monkeypatch.setenv("CIBLAGE_GAZETTEER", str(extra))
    entries = load_entries()
    assert any(e.canonical == "Renaissance" and "LREM" in e.aliases for e in entries)
    assert entries[-1].canonical == "Zorbifex"


def test_gazetteer_from_ledger(data_dir: Path) -> None:
    from ciblage.ledger import Ledger

    with Ledger.open(data_dir) as ledger:
        ledger.upsert_entity("siren:552081317", "COMPANY", "ZORBIFEX SAS", aliases=["Zorbi"],
                             identifiers={"siren": "552081317"})
        ledger.upsert_entity("company:nosiren", "COMPANY", "Sans Siren")
        entries = gazetteer_from_ledger(ledger)
    assert [(e.canonical, e.siren) for e in entries] == [("ZORBIFEX SAS", "552081317")]
    assert "ZORBIFEX" in entries[0].aliases
    assert Entry("A", "COMPANY").kb_id == ""


@pytest.mark.parametrize(("raw", "reason"), [
    ("", "empty text"),
    ("\x00\x01\x02" * 50, "garbage"),
    ("The company said that it was in the process of selling the data to the highest bidder "
     "and that the board had approved it.", "language en"),
])
def test_prepare_reasons(raw: str, reason: str) -> None:
    assert reason in (prepare(raw).reason or "")


def test_prepare_keeps_offsets() -> None:
    html = "<p>La CNIL&nbsp;a <b>sanctionné</b> Spallian.</p><script>x()</script>"
    prep = prepare(html)
    assert len(prep.text) == len(html) and prep.text[prep.text.index("CNIL"):].startswith("CNIL")
    assert html.index("Spallian") == prep.text.index("Spallian")


def test_chunk_bounds_and_offsets() -> None:
    text = ("Un paragraphe assez long. " * 40 + "\n\n") * 50
    pieces = chunk(text, 5000)
    assert all(len(p) <= 5000 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert guess_language(text) == "fr"


def test_blank_doc_has_no_relations() -> None:
    assert relations_of(Doc(spacy.blank("fr").vocab, words=["x"])) == []
