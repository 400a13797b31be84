"""The graph verbs through the CLI: exit codes, JSON output, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import fixture_graph as fx
import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _restore_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Global options write os.environ; record the values so they are restored after each test."""
    import os

    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "CIBLAGE_BACKEND", "CIBLAGE_DEBUG"):
        if name in os.environ:
            monkeypatch.setenv(name, os.environ[name])
        else:  # record "absent" so that a value set by the CLI is removed afterwards
            monkeypatch.setenv(name, "")
            monkeypatch.delenv(name)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_load_then_queries_as_json(fixture_docs: dict) -> None:
    code, out, _ = invoke("load", "--json")
    assert code == 0 and json.loads(out)["nodes_created"] == 9
    code, out, _ = invoke("search", "zorbifex", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == fx.ZORBI
    code, out, _ = invoke("show", "Zorbifex", "--json")
    assert code == 0 and json.loads(out)["properties"]["siren"] == fx.SIREN
    code, out, _ = invoke("neighbors", fx.ZORBI, "--type", "Person", "--json")
    assert code == 0 and [n["other"]["id"] for n in json.loads(out)["neighbors"]] == [fx.PERSON]
    code, out, _ = invoke("path", "Jeanne Dupré-Valmont", "PEI", "--max-hops", "3", "--json")
    assert code == 0 and json.loads(out)["paths"][0]["hops"][0]["type"] == "DIRECTS"
    code, out, _ = invoke("timeline", "PEI", "--json")
    assert code == 0 and json.loads(out)["events"]
    code, out, _ = invoke("central", "--limit", "2", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == fx.ZORBI
    code, out, _ = invoke("communities", "--json")
    assert code == 0 and json.loads(out)[0]["size"] == 4


def test_cli_tables_without_json(fixture_docs: dict) -> None:
    code, out, _ = invoke("show", "Zorbifex")
    assert code == 0 and "Zorbifex Data" in out and "CLIENT_OF" in out


def test_cli_export(fixture_docs: dict, tmp_path: Path) -> None:
    code, out, _ = invoke("export", "--format", "graphml", "--out", str(tmp_path / "g.graphml"), "--json")
    assert code == 0 and json.loads(out)["nodes"] == 9
    code, _, err = invoke("export", "--format", "pdf", "--out", str(tmp_path / "g.pdf"))
    assert code != 0


def test_cli_entity_errors(fixture_docs: dict) -> None:
    code, _, err = invoke("show", "Inventé")
    assert code == 1 and "E502" in err and fx.PARTY in err
    code, _, err = invoke("show", "Personne Inconnue Du Tout")
    assert code == 1 and "E501" in err


def test_cli_neo4j_unreachable_is_a_clear_error(fixture_docs: dict) -> None:
    code, _, err = invoke("--backend", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:1", "load")
    assert code == 1 and "E510" in err and "unreachable" in err.lower()
    code, _, err = invoke("--neo4j-uri", "bolt://127.0.0.1:1", "cypher", "RETURN 1")
    assert code == 1 and "E510" in err


@pytest.mark.neo4j
def test_cli_neo4j_wrong_password_is_a_clear_error(neo4j_driver, fixture_docs: dict) -> None:
    code, _, err = invoke("--backend", "neo4j", "--neo4j-password", "not-the-password", "search", "x")
    assert code == 1 and "E510" in err and ("auth" in err.lower() or "password" in err.lower())


@pytest.mark.neo4j
def test_cli_neo4j_load_and_cypher(neo4j_clean, fixture_docs: dict) -> None:
    code, out, _ = invoke("--backend", "neo4j", "load", "--json")
    assert code == 0 and json.loads(out)["relationships_created"] == 14
    code, out, _ = invoke("cypher", "MATCH (n:Entity {id: $id}) RETURN n.name AS name", "--param",
                          f"id={fx.ZORBI}", "--json")
    assert code == 0 and json.loads(out)["rows"] == [{"name": "Zorbifex Data"}]
    code, _, err = invoke("cypher", "MATCH (n) DETACH DELETE n")
    assert code == 1 and "E520" in err
    code, out, _ = invoke("--backend", "neo4j", "search", "732829320", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == fx.ZORBI
