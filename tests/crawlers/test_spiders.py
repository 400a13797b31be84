"""Each spider crawled for real by Scrapy (in a child process) against the local server."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ciblage.ledger import Ledger
from crawlers.localserver import LocalServer
from crawlers.runner import run_crawls
from tests.crawlers.conftest import FAST

REGISTRY_SIRENS = "999200009,999200033,21999200500013"


def _registry_specs(server: LocalServer, site: Path) -> list[tuple[str, dict[str, str]]]:
    return [
        ("entreprises", {"siren": REGISTRY_SIRENS, "base_url": server.base_url}),
        ("entreprises", {"q": "Sondavia Analytics|Inconnue SA", "base_url": server.base_url}),
        ("bodacc", {"siren": "999200009,999200033", "base_url": server.base_url}),
        ("decp", {"url": f"{server.url('/decp/decp-2022.json')},{server.url('/decp/decp-2019.json')},"
                         f"{server.url('/hatvp/missing.json')},{site / 'cnil' / 'broken.xml'}"}),
        ("hatvp", {"url": server.url("/hatvp/register.json")}),
        ("cnil", {"url": f"{server.url('/cnil/CNILTEXT000099100001.xml')},{server.url('/cnil/broken.xml')}"}),
    ]


def test_registry_spiders_store_records_entities_statements_and_are_incremental(
        server: LocalServer, site: Path, data_dir: Path) -> None:
    counts = run_crawls(_registry_specs(server, site), data_dir=data_dir, settings=FAST)
    assert counts["entreprises"]["new"] == 3 and counts["entreprises"]["unchanged"] == 1
    assert counts["bodacc"]["new"] == 2 and counts["hatvp"]["new"] == 2 and counts["cnil"]["new"] == 1
    assert counts["decp"]["new"] == 3 and counts["decp"]["failed"] == 2
    assert counts["cnil"]["failed"] == 1
    with Ledger.open(data_dir) as ledger:
        org = ledger.entity("siren:999200009")
        assert org["type"] == "COMPANY" and org["name"] == "SONDAVIA ANALYTICS"
        assert "CARTOVOTE" in org["aliases"] and org["identifiers"]["siret"] == "99920000900010"
        assert ledger.entity("siren:999200033")["type"] == "PARTY"
        buyer = ledger.entity("siren:219992005")
        assert buyer["name"] == "COMMUNE DE VALBRUNE-SUR-ORGE" and "21999200500013" not in buyer["aliases"]
        statements = list(ledger.statements())
        preds = {(s["subject"], s["predicate"], s["object"]) for s in statements}
        assert ("siren:219992005", "CONTRACT_WITH", "siren:999200009") in preds
        assert ("company:orme-vernier-conseil", "LOBBIES_FOR", "siren:999200009") in preds
        assert ("publicbody:cnil", "SANCTIONED", "siren:999200009") in preds
        directs = [s for s in statements if s["predicate"] == "DIRECTS" and s["source_kind"] == "record"
                   and s["source_id"] == "entreprises:999200009"]
        assert directs and all(s["evidence"].startswith("dirigeants: ") and s["source_version"] == 1 for s in directs)
        sanction = next(s for s in statements if s["predicate"] == "SANCTIONED")
        doc = ledger.document(sanction["source_id"], sanction["source_version"])
        assert doc["text"][sanction["start"]:sanction["end"]] == sanction["evidence"]
        reasons = {f["reason"] for f in ledger.failures()}
        assert {"http_404", "parse_error"} <= reasons
    # 429 + Retry-After then success, 500 retried then recorded
    again = run_crawls([("entreprises", {"siren": "999200041,111111118", "base_url": server.base_url})],
                       data_dir=data_dir, settings=FAST)
    assert again["entreprises"]["failed"] == 1
    assert sum(1 for r in server.requests if "q=999200041" in r["path"]) == 2
    # second crawl: everything unchanged
    second = run_crawls(_registry_specs(server, site), data_dir=data_dir, settings=FAST)
    assert all(c["new"] == 0 and c["changed"] == 0 for c in second.values()), second
    # a changed record becomes version 2, version 1 kept
    path = site / "entreprises" / "999200009.json"
    path.write_text(path.read_text("utf-8").replace('"PME"', '"ETI"'), "utf-8")
    third = run_crawls([("entreprises", {"siren": "999200009", "base_url": server.base_url})],
                       data_dir=data_dir, settings=FAST)
    assert third["entreprises"]["changed"] == 1
    with Ledger.open(data_dir) as ledger:
        versions = [r[0] for r in ledger.conn.execute(
            "SELECT version FROM records WHERE id = 'entreprises:999200009' ORDER BY version")]
        assert versions == [1, 2]
        assert any(s["source_version"] == 2 for s in ledger.statements() if s["source_id"] == "entreprises:999200009")


def test_press_spider_handles_bad_input_and_keeps_going(server: LocalServer, site: Path, data_dir: Path) -> None:
    (site / "press" / "huge.html").write_bytes(b"<html><body><p>" + b"Sondavia " * (10 * 1024 * 1024 // 9) + b"</p></body></html>")
    feed = site / "press" / "rss.xml"
    feed.write_text(feed.read_text("utf-8").replace(
        "</channel>", "<item><title>Huge</title><link>/press/huge.html</link></item></channel>"), "utf-8")
    args = {"feed": server.url("/press/rss.xml"), "sitemap": server.url("/robots.txt"),
            "watch": "Sondavia Analytics,Mouvement des Rives"}
    started = time.perf_counter()
    counts = run_crawls([("press", args)], data_dir=data_dir, settings=FAST)["press"]
    assert time.perf_counter() - started >= 1  # the Retry-After of /press/slow.html was waited for
    assert counts["filtered"] == 1  # off-topic page
    assert counts["new"] == 5  # free, paywall, reserved, latin-1, malformed (slow.html is the free one again)
    assert counts["robots_disallowed"] == 1
    with Ledger.open(data_dir) as ledger:
        reasons = {f["url"].rsplit("/", 1)[-1]: f["reason"] for f in ledger.failures()}
        docs = {d["title"]: d for d in ledger.documents()}
    assert reasons["gone.html"] == "http_404" and reasons["broken-server.html"] == "http_500"
    assert reasons["loop.html"] == "redirect_loop" and reasons["report.pdf.html"] == "content_type"
    assert reasons["huge.html"] == "too_large" and reasons["secret.html"] == "robots_disallowed"
    free = docs["Sondavia Analytics cartographie les électeurs de Valbrune"]
    assert free["author"] == "Odile Marchetti" and free["canonical_url"].endswith("/press/article-free.html")
    assert free["meta"]["watch_matches"] == ["Mouvement des Rives", "Sondavia Analytics"]
    paywall = next(d for t, d in docs.items() if t.startswith("Révélations"))
    assert paywall["meta"]["paywalled"] is True and paywall["meta"]["outlet"] == "La Lettre des Urnes"
    reserved = docs["Sondavia Analytics prépare une levée de fonds"]
    assert reserved["meta"]["teaser_only"] and "investisseurs." not in reserved["text"].split("Mouvement")[0] \
        and "confidentiel" not in reserved["text"]
    assert any("Sondavia Analytics ouvre un bureau à Valbrune" in (d["text"] + (d["title"] or "")) or
               "dirigée par Lucie Ferrabosc" in d["text"] for d in docs.values())
    # unchanged on a second crawl; a corrected article becomes version 2
    again = run_crawls([("press", args)], data_dir=data_dir, settings=FAST)["press"]
    assert again["new"] == 0 and again["changed"] == 0 and again["unchanged"] >= 5
    page = site / "press" / "article-free.html"
    page.write_text(page.read_text("utf-8").replace("38 500 euros", "39 100 euros"), "utf-8")
    third = run_crawls([("press", {"url": server.url("/press/article-free.html"), "watch": "off"})],
                       data_dir=data_dir, settings=FAST)["press"]
    assert third["changed"] == 1
    with Ledger.open(data_dir) as ledger:
        rows = list(ledger.conn.execute("SELECT version, text FROM documents WHERE title LIKE 'Sondavia Analytics cart%' ORDER BY version"))
    assert [r[0] for r in rows] == [1, 2] and "38 500" in rows[0][1] and "39 100" in rows[1][1]


def test_crawl_and_ingest_verbs(server: LocalServer, tmp_path: Path) -> None:
    from cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["crawl", "nope"])
    assert result.exit_code == 1 and "press" in result.output
    result = runner.invoke(app, ["crawl", "entreprises", "-a", "siren=999200033", "--base-url", server.base_url,
                                 "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout[result.stdout.index("{"):])["entreprises"]["new"] == 1
    (tmp_path / "notes.txt").write_text("Sondavia Analytics, notes d'entretien.", "utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "notes.txt"), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["new"] == 1
