"""The ledger: idempotent writes, versions, provenance, schema upgrades."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ciblage.errors import LedgerError
from ciblage.ledger import Ledger
from ciblage.schema import MIGRATIONS, SCHEMA_VERSION


def _feed(ledger: Ledger) -> None:
    status, doc_id, version = ledger.upsert_document(
        source="press", url="https://example.org/a?utm=1", canonical_url="https://example.org/a",
        title="Datavox et le PAC", text="Le PAC utilise Datavox.", published="2025-03-01",
    )
    ledger.upsert_entity("party:pac", "PARTY", "Parti de l'Avenir Commun", aliases=["PAC"])
    ledger.upsert_entity("company:datavox", "COMPANY", "Datavox")
    ledger.add_statement(
        subject="party:pac", predicate="CLIENT_OF", object="company:datavox", source_kind="document",
        source_id=doc_id, source_version=version, source_url="https://example.org/a",
        evidence="Le PAC utilise Datavox.", start=0, end=23, confidence=0.9, extractor="test",
    )
    ledger.upsert_record(record_id="entreprises:912345675", source="entreprises", kind="company",
                         raw={"siren": "912345675", "nom_complet": "DATAVOX"})


def test_ledger_same_input_twice_changes_nothing(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        _feed(ledger)
        counts, revision = ledger.counts(), ledger.revision
        _feed(ledger)
        assert ledger.counts() == counts
        assert ledger.revision == revision
    assert counts["documents"] == 1 and counts["statements"] == 1 and counts["records"] == 1


def test_ledger_changed_document_becomes_new_version_and_keeps_old(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        first = ledger.upsert_document(source="press", url="u", title="T", text="un")
        second = ledger.upsert_document(source="press", url="u", title="T", text="deux")
        assert first[0] == "new" and second[0] == "changed"
        assert first[1] == second[1] and (first[2], second[2]) == (1, 2)
        assert ledger.document(first[1], 1)["text"] == "un"
        assert ledger.document(first[1])["text"] == "deux"
        assert [d["version"] for d in ledger.documents()] == [2]


def test_ledger_statement_keeps_provenance(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        _feed(ledger)
        [st] = list(ledger.statements())
    assert st["evidence"] == "Le PAC utilise Datavox."
    assert (st["start"], st["end"], st["confidence"], st["extractor"]) == (0, 23, 0.9, "test")
    assert st["source_kind"] == "document" and st["source_id"].startswith("doc:")
    assert st["source_url"] == "https://example.org/a"


def test_ledger_refuses_statement_without_evidence(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger, pytest.raises(LedgerError):
        ledger.add_statement(subject="a", predicate="OWNS", object="b", source_kind="record",
                             source_id="r", source_version=1, evidence="  ", extractor="t", confidence=1)


def test_ledger_statements_of_superseded_versions_are_not_current(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        _feed(ledger)
        ledger.upsert_document(source="press", url="https://example.org/a", canonical_url="https://example.org/a",
                               title="Datavox et le PAC", text="Rectificatif : le PAC n'utilise pas Datavox.")
        assert list(ledger.statements()) == []
        assert len(list(ledger.statements(current_only=False))) == 1


def test_ledger_failed_batch_rolls_back(tmp_path: Path) -> None:
    with Ledger.open(tmp_path) as ledger:
        with pytest.raises(RuntimeError), ledger.batch():
            ledger.upsert_entity("company:x", "COMPANY", "X")
            raise RuntimeError("crash mid-write")
        assert ledger.entity("company:x") is None


def test_ledger_upgrades_an_old_schema_without_losing_data(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute(
        "INSERT INTO entities (id, type, name, first_seen, last_seen) VALUES ('company:x', 'COMPANY', 'X', 'a', 'a')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Ledger(path) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
        assert ledger.entity("company:x")["name"] == "X"
        ledger.record_failure(url="http://x", source="press", reason="http 500")
        assert ledger.failures()[0]["reason"] == "http 500"


def test_ledger_refuses_a_newer_schema_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LedgerError, match="newer"):
        Ledger(path)
    assert path.read_bytes() == before


def test_ledger_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LedgerError, match="cannot open"):
        Ledger(path)
