"""The CLI's contract: global options, one-line errors with a code, tracebacks only with --debug."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from ciblage.ledger import Ledger
from cli import app

runner = CliRunner()


def test_cli_help_runs_as_a_console_script() -> None:
    result = subprocess.run([sys.executable, "-m", "cli", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    for verb in ("demo", "run", "resolve", "merge", "split", "review"):
        assert verb in result.stdout


def test_cli_unknown_backend_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--backend", "oracle", "resolve"])
    assert result.exit_code == 2
    assert "networkx or neo4j" in result.output


def test_cli_merge_unknown_entity_is_one_line_error(data_dir: Path) -> None:
    with Ledger.open(data_dir) as ledger:
        ledger.upsert_entity("company:datavox", "COMPANY", "Datavox")
    result = runner.invoke(app, ["merge", "company:datavox", "Nulle Part SAS"])
    assert result.exit_code == 1
    assert "error[E501]" in result.output and "Traceback" not in result.output


def test_cli_corrupt_ledger_is_reported_not_crashed(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "ledger.sqlite").write_bytes(b"garbage" * 500)
    result = runner.invoke(app, ["resolve"])
    assert result.exit_code == 1
    assert "error[E100]" in result.output
    debug = runner.invoke(app, ["--debug", "resolve"])
    assert debug.exit_code == 1 and debug.exception is not None


def test_cli_merge_then_split_records_judgements(data_dir: Path) -> None:
    with Ledger.open(data_dir) as ledger:
        ledger.upsert_entity("company:datavox", "COMPANY", "Datavox")
        ledger.upsert_entity("siren:912345675", "COMPANY", "DATAVOX CONSEIL")
    assert runner.invoke(app, ["merge", "Datavox", "siren:912345675", "--user", "alice"]).exit_code == 0
    assert runner.invoke(app, ["split", "company:datavox", "siren:912345675", "--user", "bob"]).exit_code == 0
    with Ledger.open(data_dir) as ledger:
        active = ledger.judgements()
        history = ledger.judgements(active_only=False)
    assert [(j["judgement"], j["user"]) for j in active] == [("different", "bob")]
    assert len(history) == 2


def test_cli_resolve_json_and_review_json(data_dir: Path) -> None:
    with Ledger.open(data_dir) as ledger:
        ledger.upsert_entity("company:electoralis", "COMPANY", "Électoralis")
        ledger.upsert_entity("company:electoralys", "COMPANY", "Electoralys")
    result = runner.invoke(app, ["resolve", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["candidates"] == 1
    listed = json.loads(runner.invoke(app, ["review", "--json"]).stdout)
    assert {listed[0]["left"], listed[0]["right"]} == {"company:electoralis", "company:electoralys"}
