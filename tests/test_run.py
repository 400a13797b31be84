"""`ciblage run`: crawls from sources.json, then extract, resolve and load, incrementally."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ciblage.pipeline import sample_corpus_dir
from cli import app
from crawlers.localserver import LocalServer

runner = CliRunner()


def test_run_rejects_a_malformed_sources_file(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "sources.json").write_text('{"spider": "press"', "utf-8")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 1
    assert "error[E200]" in result.output and "sources.json" in result.output


def test_run_missing_config_file_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--config", str(tmp_path / "nope.json")])
    assert result.exit_code == 1 and "no such file" in result.output


@pytest.mark.slow
def test_run_crawls_extracts_resolves_and_loads_then_is_incremental(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    with LocalServer(sample_corpus_dir()) as server:
        (data_dir / "sources.json").write_text(json.dumps([
            {"spider": "press", "args": {"feed": server.url("/feeds/rss.xml"), "watch": "off", "max": 4}},
            {"spider": "cnil", "args": {"url": server.url("/cnil/CNILTEXT000099000001.xml")}},
        ]), "utf-8")
        first = runner.invoke(app, ["run", "--json"])
        assert first.exit_code == 0, first.output
        report = json.loads(first.stdout)
        second = runner.invoke(app, ["run", "--json"])
        assert second.exit_code == 0, second.output
        again = json.loads(second.stdout)
    assert report["crawls"]["press"]["new"] >= 4 and report["crawls"]["cnil"]["new"] == 1
    assert report["extract"]["processed"] == report["crawls"]["press"]["new"] + 1
    assert report["load"]["nodes_created"] > 0
    assert again["crawls"]["press"]["new"] == 0 and again["crawls"]["press"]["unchanged"] >= 4
    assert again["extract"]["processed"] == 0
    assert again["load"]["nodes_created"] == again["load"]["relationships_created"] == 0
