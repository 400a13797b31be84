"""Offline unit tests of the parsers, from the fixture files (no network, no reactor)."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from crawlers.middlewares import retry_after_seconds
from crawlers.parsers import bodacc, cnil, decp, entreprises, hatvp, press
from crawlers.parsers.jsonstream import iter_array
from crawlers.roles import role
from crawlers.watchlist import Watchlist

FIX = Path(__file__).resolve().parent.parent / "fixtures"
BASE = "http://127.0.0.1:8000"


def _html(path: str, url: str | None = None, headers: dict | None = None) -> HtmlResponse:
    return HtmlResponse(url=url or f"{BASE}/{path}", body=(FIX / path).read_bytes(), headers=headers or {})


def test_press_feed_entries_resolved_against_the_feed_url() -> None:
    links = press.parse_feed((FIX / "press/rss.xml").read_bytes(), f"{BASE}/press/rss.xml")
    first = links[0]
    assert first.url == f"{BASE}/press/article-free.html"
    assert first.author == "Odile Marchetti" and first.language == "fr"
    assert first.published.startswith("2025-03-04T06:30:00")
    assert len(links) == 11


def test_press_news_sitemap_keeps_nested_news_tags_and_follows_indexes() -> None:
    kind, links = press.parse_sitemap((FIX / "press/news.xml").read_bytes(), f"{BASE}/press/news.xml")
    assert kind == "urlset"
    news = links[0]
    assert news.title.startswith("Révélations") and news.outlet == "La Lettre des Urnes"
    assert news.published == "2025-03-05T09:00:00+01:00" and news.language == "fr"
    kind, subs = press.parse_sitemap((FIX / "press/sitemap-index.xml").read_bytes(), f"{BASE}/press/x.xml")
    assert kind == "index" and subs[0].url == f"{BASE}/press/news.xml"
    assert press.sitemaps_from_robots((FIX / "robots.txt").read_text(), f"{BASE}/robots.txt") == [
        f"{BASE}/press/sitemap-index.xml"]
    with pytest.raises(ValueError):
        press.parse_sitemap(b"<html><body>no</body></html>", BASE)


def test_press_article_metadata_body_and_canonical() -> None:
    a = press.parse_article(_html("press/article-free.html", f"{BASE}/press/article-free.html?utm=x"))
    assert a.title == "Sondavia Analytics cartographie les électeurs de Valbrune"
    assert a.author == "Odile Marchetti" and a.published == "2025-03-04T07:30:00+01:00"
    assert a.canonical_url == f"{BASE}/press/article-free.html"
    assert "Lucie Ferrabosc" in a.text and "Accueil" not in a.text
    assert a.language == "fr" and a.paywalled is False and not a.tdm_reservation


def test_press_article_paywall_from_json_ld_graph() -> None:
    a = press.parse_article(_html("press/article-paywall.html"))
    assert a.paywalled is True and a.paywall_selector == ".reserve"
    assert a.author == "Paul Ternisien" or "Ternisien" in (a.author or "")


@pytest.mark.parametrize("headers", [{}, {"tdm-reservation": "1"}])
def test_press_tdm_reservation_from_meta_or_header(headers: dict) -> None:
    a = press.parse_article(_html("press/article-reserved.html", headers=headers))
    assert a.tdm_reservation
    assert "investisseurs" not in a.teaser or len(a.teaser) <= press.TEASER_CHARS + 1


def test_press_windows_1252_page_without_charset_is_decoded() -> None:
    r = HtmlResponse(url=f"{BASE}/x.html", body=(FIX / "press/latin1.bin").read_bytes(), headers={"Content-Type": "text/html"})
    a = press.parse_article(r)
    assert "Sondavia Analytics ouvre un bureau à Valbrune" in f"{a.title} {a.text}" or "à Valbrune-sur-Orge" in a.text


def test_entreprises_company_officers_types_and_drift(caplog: pytest.LogCaptureFixture) -> None:
    result = json.loads((FIX / "entreprises/999200009.json").read_text())["results"][0]
    with caplog.at_level(logging.WARNING, logger="crawlers.parsers"):
        rec = entreprises.parse_result(result, url=f"{BASE}/search?q=999200009")
    assert "champ_inconnu_nouveau" in caplog.text
    org = rec.entities[0]
    assert (org.id, org.type, org.name) == ("siren:999200009", "COMPANY", "SONDAVIA ANALYTICS")
    assert {"SDVA", "SONDAVIA ANALYTICS", "SONDAVIA"} <= set(org.aliases)
    assert org.identifiers["siret"] == "99920000900010" and org.props["naf"] == "63.11Z"
    assert org.props["commissaires_aux_comptes"] == ["CABINET VERNAY AUDIT (SIREN 999200025) (commissaire aux comptes)"]
    persons = [e for e in rec.entities if e.type == "PERSON"]
    assert persons[0].name == "Lucie Ferrabosc" and persons[0].identifiers["annee_de_naissance"] == "1982"
    st = next(s for s in rec.statements if s.subject == persons[0].id)
    assert st.predicate == "DIRECTS" and st.object == "siren:999200009" and st.props["role"] == "président"
    assert st.evidence == ('dirigeants: "FERRABOSC Lucie Marie (né(e) en 1982), Président de SAS" '
                           "(Recherche d'entreprises, SIREN 999200009)")
    assert any(s.subject == "siren:999200017" and s.props["role"] == "directeur général" for s in rec.statements)
    assert not any(s.subject == "siren:999200025" for s in rec.statements)
    assert rec.url == "https://annuaire-entreprises.data.gouv.fr/entreprise/999200009"


@pytest.mark.parametrize(("fixture", "etype"), [("999200033", "PARTY"), ("219992005", "PUBLIC_BODY")])
def test_entreprises_parties_and_public_bodies(fixture: str, etype: str) -> None:
    rec = entreprises.parse_result(json.loads((FIX / f"entreprises/{fixture}.json").read_text())["results"][0])
    assert rec.entities[0].type == etype


def test_entreprises_elected_officials_and_name_matching() -> None:
    result = json.loads((FIX / "entreprises/219992005.json").read_text())["results"][0]
    rec = entreprises.parse_result(result)
    preds = {(e.name, s.predicate) for s in rec.statements for e in rec.entities if e.id == s.subject}
    assert ("Anne de la Tour-Maubert", "DIRECTS") in preds and ("Marc Quesnel", "MEMBER_OF") in preds
    assert entreprises.matches_query(result, "Commune de Valbrune-sur-Orge")
    assert not entreprises.matches_query(result, "Valbrune")


def test_bodacc_notice_url_kind_former_name_and_officers() -> None:
    notices = json.loads((FIX / "bodacc/999200009.json").read_text())["results"]
    rec = bodacc.parse_notice(notices[0])
    assert rec.record_id == "bodacc:B202500450812" and rec.kind == "modification"
    assert rec.url == "https://www.bodacc.fr/annonce/detail-annonce/B/20250045/812"
    org = rec.entities[0]
    assert org.id == "siren:999200009" and "CARTOVOTE" in org.aliases
    assert org.props["bodacc_modification"]["date"] == "2025-03-06"
    subjects = {s.subject: s for s in rec.statements}
    assert "siren:999200017" in subjects and subjects["siren:999200017"].confidence < 1
    assert any(e.name == "Lucie Ferrabosc" for e in rec.entities)
    deposit = bodacc.parse_notice(notices[1])
    assert deposit.kind == "dépôt des comptes" and deposit.statements == []


def test_decp_both_schemas_names_and_foreign_holders() -> None:
    d22 = json.loads((FIX / "decp/decp-2022.json").read_text())["marches"]["marche"]
    rec = decp.parse_contract(d22[0], "u")
    ents = {e.id: e for e in rec.entities}
    assert ents["siren:219992005"].props == {"needs_name": True} and ents["siren:219992005"].type == "PUBLIC_BODY"
    assert ents["siren:999200009"].name == "99920000900010"
    assert {s.predicate for s in rec.statements} == {"AWARDED", "AWARDED_TO", "CONTRACT_WITH"}
    cw = next(s for s in rec.statements if s.predicate == "CONTRACT_WITH")
    assert cw.props["amount"] == 38500 and cw.props["date"] == "2024-06-03"
    foreign = decp.parse_contract(d22[1])
    assert any(e.identifiers.get("tva") == "BE0999999999" for e in foreign.entities)
    d19 = json.loads((FIX / "decp/decp-2019.json").read_text())["marches"][0]
    rec19 = decp.parse_contract(d19)
    assert rec19.record_id == "decp:219992005000132021AO0007"
    assert any(e.name == "CARTOVOTE" and e.id == "siren:999200009" for e in rec19.entities)
    flat = decp.holders({"titulaire_id_1": "99920000900010", "titulaire_typeidentifiant_1": "SIRET",
                         "titulaire_denominationsociale_1": "X SAS"})
    assert flat == [{"type": "SIRET", "id": "99920000900010", "name": "X SAS"}]


def test_hatvp_lobbying_clients_tiers_officers() -> None:
    org = json.loads((FIX / "hatvp/register.json").read_text())["publications"][0]
    rec = hatvp.parse_org(org)
    assert rec.entities[0].id == "company:orme-vernier-conseil"
    lobbies = {s.object: s for s in rec.statements if s.predicate == "LOBBIES_FOR"}
    assert set(lobbies) == {"siren:999200009", "company:federation-des-editeurs-de-donnees-civiques"}
    assert {s.predicate for s in rec.statements} == {"LOBBIES_FOR", "DIRECTS", "WORKS_FOR"}


def test_hatvp_third_party_without_a_name_is_skipped() -> None:
    org = json.loads((FIX / "hatvp/register.json").read_text())["publications"][0]
    for exercice in org["exercices"]:
        for activite in (exercice.get("publicationCourante") or exercice)["activites"]:
            act = activite.get("publicationCourante") or activite
            for action in act.get("actionsRepresentationInteret") or []:
                action["tiers"] = [*(action.get("tiers") or []), {"denomination": None}, {}, None]
    rec = hatvp.parse_org(org)  # a register row with an empty third party must not sink the record
    lobbies = {s.object for s in rec.statements if s.predicate == "LOBBIES_FOR"}
    assert lobbies == {"siren:999200009", "company:federation-des-editeurs-de-donnees-civiques"}


def test_cnil_sanction_statement_with_sentence_offsets() -> None:
    delib = cnil.parse_xml((FIX / "cnil/CNILTEXT000099100001.xml").read_bytes())
    item = cnil.to_item(delib)
    assert item.url == "https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000099100001/"
    assert item.meta["numero"] == "SAN-2025-031" and item.published == "2025-06-12"
    assert "<p>" not in item.text and "Des données de 2015" in item.text
    (st,) = item.statements
    assert (st.subject, st.predicate, st.object) == ("publicbody:cnil", "SANCTIONED", "siren:999200009")
    assert item.text[st.start:st.end] == st.evidence and st.props["amount"] == 40000
    with pytest.raises(ValueError):
        cnil.parse_xml((FIX / "cnil/broken.xml").read_bytes())


def test_jsonstream_reads_across_chunks_and_reports_truncation() -> None:
    data = (FIX / "hatvp/register.json").read_bytes()
    assert [o["denomination"] for o in iter_array(io.BytesIO(data), ["publications"], chunk=64)][1] == "SONDAVIA ANALYTICS"
    with pytest.raises(ValueError):
        list(iter_array(io.BytesIO(data[:300]), ["publications"], chunk=64))


def test_watchlist_names_aliases_and_sigles() -> None:
    wl = Watchlist.from_lines(["# comment", "Rassemblement national | RN", "Sondavia Analytics | Sondavia"])
    assert wl.matches("Le RN et SONDAVIA") == ["Rassemblement national", "Sondavia Analytics"]
    assert wl.matches("un tournant pour les urnes") == []
    assert "NationBuilder" in Watchlist.load().names


@pytest.mark.parametrize(("text", "expected"), [
    ("Président de SAS", ("président", "DIRECTS")), ("Gérante", ("gérant", "DIRECTS")),
    ("Commissaire aux comptes suppléant", ("commissaire aux comptes suppléant", None)),
    ("Conseillère municipale", ("conseiller municipal", "MEMBER_OF")),
])
def test_roles_table(text: str, expected: tuple) -> None:
    assert role(text) == expected


def test_retry_after_header_forms() -> None:
    assert retry_after_seconds(b"3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
