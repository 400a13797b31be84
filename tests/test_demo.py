"""`ciblage demo` end to end in a temporary data directory, as a newcomer runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ciblage.ids import normalise_name
from ciblage.ledger import Ledger
from ciblage.pipeline import sample_corpus_dir
from nlp.resolve import canonical_ids

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    data = tmp_path_factory.mktemp("demo") / "data"
    env = {**os.environ, "CIBLAGE_DATA": str(data), "CIBLAGE_BACKEND": "networkx"}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "demo", "--json"], capture_output=True, text=True, env=env, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return data, json.loads(result.stdout)


def _ids_named(ledger: Ledger, name: str, etype: str | None = None) -> set[str]:
    wanted = normalise_name(name)
    return {
        e["id"] for e in ledger.entities()
        if (etype is None or e["type"] == etype)
        and wanted in {normalise_name(n) for n in (e["name"], *e["aliases"])}
    }


def test_demo_summary_counts_documents_entities_relations(demo_run: tuple[Path, dict]) -> None:
    _, report = demo_run
    summary = report["summary"]
    assert summary["documents"] >= 15
    assert summary["records"] >= 5
    for etype in ("Company", "Person", "PublicBody", "Contract"):
        assert summary["entities_by_type"].get(etype, 0) >= 1, etype
    for rel in ("DIRECTS", "AWARDED_TO", "CLIENT_OF"):
        assert summary["relations_by_type"].get(rel, 0) >= 1, rel
    assert summary["most_connected"] and summary["most_connected"][0]["degree"] >= 2


def test_demo_finds_the_expected_entities(demo_run: tuple[Path, dict]) -> None:
    data, _ = demo_run
    manifest = json.loads((sample_corpus_dir() / "manifest.json").read_text("utf-8"))
    expected = manifest["expected"]["entities"]
    with Ledger.open(data) as ledger:
        missing = [e for e in expected if not _ids_named(ledger, e["name"], e.get("type"))]
    assert len(missing) <= len(expected) // 10, f"entities not found: {missing}"


def test_demo_relations_carry_their_evidence(demo_run: tuple[Path, dict]) -> None:
    data, _ = demo_run
    manifest = json.loads((sample_corpus_dir() / "manifest.json").read_text("utf-8"))
    with Ledger.open(data) as ledger:
        canon = canonical_ids(ledger)
        statements = list(ledger.statements())
        found = []
        for rel in manifest["expected"]["relations"]:
            subjects = {canon.get(i, i) for i in _ids_named(ledger, rel["subject"])}
            objects = {canon.get(i, i) for i in _ids_named(ledger, rel["object"])}
            hits = [
                s for s in statements
                if s["predicate"] == rel["predicate"]
                and canon.get(s["subject"], s["subject"]) in subjects
                and canon.get(s["object"] or "", s["object"]) in objects
            ]
            found.append((rel, hits))
    assert sum(1 for _, hits in found if hits) >= 0.6 * len(found), [r for r, h in found if not h]
    for _, hits in found:
        for st in hits:
            assert st["evidence"].strip() and st["source_id"]
    nlp_hits = [st for _, hits in found for st in hits if st["source_kind"] == "document"]
    assert nlp_hits, "no expected relation came from press prose"
    st = nlp_hits[0]
    with Ledger.open(data) as ledger:
        doc = ledger.document(st["source_id"], st["source_version"])
    assert doc["text"][st["start"]:st["end"]].strip() == st["evidence"]


def test_demo_writes_a_self_contained_network_map(demo_run: tuple[Path, dict]) -> None:
    data, report = demo_run
    html = (data / "network.html").read_text("utf-8")
    assert Path(report["network_html"]) == data / "network.html"
    assert "vis" in html.lower()
    assert not re.search(r"<script[^>]+src=[\"']https?://", html), "the map must work offline"


def test_demo_second_run_is_incremental(demo_run: tuple[Path, dict]) -> None:
    data, first = demo_run
    env = {**os.environ, "CIBLAGE_DATA": str(data), "CIBLAGE_BACKEND": "networkx"}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "demo", "--json"], capture_output=True, text=True, env=env, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    second = json.loads(result.stdout)
    crawls = second["report"]["crawls"]
    assert all(c.get("new", 0) == 0 and c.get("changed", 0) == 0 for c in crawls.values()), crawls
    assert second["report"]["extract"].get("processed", 0) == 0
    assert second["summary"] == first["summary"]
