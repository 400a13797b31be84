"""The bundled sample corpus of ``ciblage demo``: formats, routes, identifiers and manifest.

These checks read the files as the spiders will (lxml, json) and serve the folder once with
:class:`crawlers.localserver.LocalServer`, so a broken route or a malformed file fails here
rather than deep inside the demo.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from lxml import etree
from lxml import html as lxml_html

from ciblage.ids import PREDICATES, ENTITY_TYPES, fold, luhn_valid
from ciblage.pipeline import sample_corpus_dir
from crawlers.localserver import LocalServer

CORPUS = sample_corpus_dir()
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SM_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
BODACC = "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"
ARTICLES = sorted((CORPUS / "articles").glob("*.html"))
CNIL_TEXTS = sorted((CORPUS / "cnil").glob("*.xml"))


def _json(rel: str) -> object:
    return json.loads((CORPUS / rel.lstrip("/")).read_text("utf-8"))


def _manifest() -> dict:
    return _json("manifest.json")  # type: ignore[return-value]


def _ld(path: Path) -> dict:
    tree = lxml_html.parse(str(path))
    blocks = [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]
    news = [b for b in blocks if b.get("@type") == "NewsArticle"]
    assert len(news) == 1, path.name
    return news[0]


def _article_text(path: Path) -> str:
    tree = lxml_html.parse(str(path))
    return " ".join(p.text_content() for p in tree.xpath("//article//p[not(@class)] | //article//h1"))


def _documents_text() -> str:
    texts = [_article_text(p) for p in ARTICLES]
    texts += [" ".join(etree.parse(str(p)).xpath("//CONTENU//text()")) for p in CNIL_TEXTS]
    return "\n".join(texts)


def test_every_file_parses() -> None:
    files = [p for p in CORPUS.rglob("*") if p.is_file()]
    assert files
    for path in files:
        if path.suffix == ".json":
            json.loads(path.read_text("utf-8"))
        elif path.suffix == ".xml":
            etree.parse(str(path))
        elif path.suffix == ".html":
            assert lxml_html.parse(str(path)).getroot() is not None
    for path in ARTICLES + CNIL_TEXTS:
        path.read_bytes().decode("utf-8")


def test_document_count_and_length() -> None:
    assert 15 <= len(ARTICLES) + len(CNIL_TEXTS) <= 30
    for path in ARTICLES:
        words = len(_article_text(path).split())
        assert 120 <= words <= 350, (path.name, words)


def test_articles_have_json_ld_open_graph_and_canonical() -> None:
    canonicals: dict[str, list[str]] = {}
    paywalled = 0
    for path in ARTICLES:
        ld = _ld(path)
        for key in ("headline", "datePublished", "dateModified", "author", "publisher", "isAccessibleForFree"):
            assert key in ld, (path.name, key)
        assert ld["author"]["@type"] == "Person" and ld["author"]["name"]
        assert ld["publisher"]["@type"] == "Organization" and ld["publisher"]["name"]
        if ld["isAccessibleForFree"] is False:
            paywalled += 1
            selector = ld["hasPart"]["cssSelector"]
            assert lxml_html.parse(str(path)).getroot().cssselect(selector), path.name
        tree = lxml_html.parse(str(path))
        canonical = tree.xpath('//link[@rel="canonical"]/@href')
        assert len(canonical) == 1 and canonical[0].startswith("/articles/"), path.name
        assert (CORPUS / canonical[0].lstrip("/")).is_file()
        canonicals.setdefault(canonical[0], []).append(path.name)
        og = {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")}
        assert og["og:type"] == "article" and og["og:title"] and og["og:site_name"]
        assert og["article:published_time"] == ld["datePublished"]
        assert tree.xpath("//article//h1")
    assert paywalled == 1
    assert sum(1 for names in canonicals.values() if len(names) == 2) == 1, "one near-duplicate pair"


def test_feed_and_news_sitemap_point_to_articles() -> None:
    manifest = _manifest()
    rss = etree.parse(str(CORPUS / manifest["feed"].lstrip("/")))
    channel = rss.find("channel")
    assert rss.getroot().get("version") == "2.0" and channel.findtext("language") == "fr"
    items = channel.findall("item")
    assert len(items) >= 10
    dc = "{http://purl.org/dc/elements/1.1/}creator"
    for item in items:
        assert item.findtext("title") and item.findtext("guid") and item.findtext(dc)
        assert re.match(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}", item.findtext("pubDate"))
        assert (CORPUS / item.findtext("link").lstrip("/")).is_file()
    sitemap = etree.parse(str(CORPUS / manifest["sitemap"].lstrip("/")))
    urls = sitemap.findall(f"{{{SM_NS}}}url")
    assert urls
    for url in urls:
        assert (CORPUS / url.findtext(f"{{{SM_NS}}}loc").lstrip("/")).is_file()
        news = url.find(f"{{{NEWS_NS}}}news")
        assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language") == "fr"
        assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name")
        assert news.findtext(f"{{{NEWS_NS}}}publication_date") and news.findtext(f"{{{NEWS_NS}}}title")
    robots = (CORPUS / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {manifest['sitemap']}" in robots and "Allow: /" in robots


def test_every_route_target_exists() -> None:
    routes = _json("routes.json")
    assert routes
    for key, target in routes.items():
        file = target if isinstance(target, str) else target.get("file")
        if file:
            assert (CORPUS / file).is_file(), key


def test_manifest_paths_and_routes_cover_every_siren() -> None:
    manifest = _manifest()
    routes = _json("routes.json")
    for key in ("feed", "sitemap", "hatvp"):
        assert (CORPUS / manifest[key].lstrip("/")).is_file()
    for key in ("decp", "cnil"):
        for path in manifest[key]:
            assert (CORPUS / path.lstrip("/")).is_file()
    for siren in manifest["sirens"]:
        assert f"/search?q={siren}" in routes
        assert f'{BODACC}?where=registre like "{siren}"' in routes


def _identifiers() -> tuple[dict[str, str], set[str]]:
    """SIREN -> registry name from the entreprises files, and every SIRET found there."""
    names, sirets = {}, set()
    for path in (CORPUS / "entreprises").glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        assert set(data) == {"results", "total_results", "page", "per_page", "total_pages"}
        (result,) = data["results"]
        assert path.stem == result["siren"]
        names[result["siren"]] = result["nom_raison_sociale"]
        sirets.add(result["siege"]["siret"])
        assert result["siege"]["siret"][:9] == result["siren"]
    return names, sirets


def test_sirens_and_sirets_are_luhn_valid_and_consistent() -> None:
    names, sirets = _identifiers()
    manifest = _manifest()
    assert set(manifest["sirens"]) == set(names)
    for number in [*names, *sirets]:
        assert luhn_valid(number), number
    for path in (CORPUS / "bodacc").glob("*.json"):
        for rec in json.loads(path.read_text("utf-8"))["results"]:
            siren = rec["registre"].split(",")[-1]
            assert siren in names and rec["commercant"] == names[siren]
            for field in ("listepersonnes", "acte", "modificationsgenerales", "jugement", "listeetablissements"):
                if rec[field] is not None:
                    json.loads(rec[field])
            person = json.loads(rec["listepersonnes"])["personne"]
            assert person["numeroImmatriculation"]["numeroIdentification"].replace(" ", "") == siren
    decp22 = _json("/decp/decp-2022.json")["marches"]["marche"]
    assert decp22
    for m in decp22:
        assert m["acheteur"]["id"] in sirets
        for t in m["titulaires"]:
            assert t["titulaire"]["typeIdentifiant"] == "SIRET" and t["titulaire"]["id"] in sirets
    for m in _json("/decp/decp-2019.json")["marches"]:
        assert m["acheteur"]["id"] in sirets and m["uid"] == m["acheteur"]["id"] + m["id"]
        assert all(t["id"] in sirets for t in m["titulaires"])
    for org in _json("/hatvp/agora_repertoire_opendata.json")["publications"]:
        assert org["typeIdentifiantNational"] == "SIREN" and names[org["identifiantNational"]] == org["denomination"]
        for client in org["clients"]:
            assert names[client["identifiantNational"]] == client["denomination"]
    for siren in re.findall(r"SIREN (\d{3} \d{3} \d{3})", _documents_text()):
        assert siren.replace(" ", "") in names


def test_cnil_texts_have_the_dila_shape() -> None:
    assert len(CNIL_TEXTS) == 2
    natures = set()
    for path in CNIL_TEXTS:
        root = etree.parse(str(path)).getroot()
        assert root.tag == "TEXTE_CNIL"
        assert root.findtext("META/META_COMMUN/ID") == path.stem
        assert root.findtext("META/META_COMMUN/NATURE") == "DELIBERATION"
        meta = root.find("META/META_SPEC/META_CNIL")
        for tag in ("TITRE", "TITREFULL", "NUMERO", "NATURE_DELIB", "DATE_TEXTE", "DATE_PUBLI", "ETAT_JURIDIQUE"):
            assert meta.findtext(tag), (path.name, tag)
        natures.add(meta.findtext("NATURE_DELIB"))
        assert len(root.findall("TEXTE/BLOC_TEXTUEL/CONTENU/p")) >= 5
    assert "Sanction" in natures


def test_expected_entities_occur_and_relations_are_well_formed() -> None:
    expected = _manifest()["expected"]
    text = fold(_documents_text())
    names = set()
    for entity in expected["entities"]:
        assert entity["type"] in ENTITY_TYPES
        assert fold(entity["name"]) in text, entity["name"]
        names.add(entity["name"])
    predicates = set()
    for rel in expected["relations"]:
        assert rel["predicate"] in PREDICATES
        assert rel["subject"] in names and rel["object"] in names, rel
        predicates.add(rel["predicate"])
    assert {"CLIENT_OF", "FOUNDED", "DIRECTS", "OWNS", "SUBSIDIARY_OF", "PARTNER_OF", "CONTRACT_WITH",
            "SANCTIONED", "LOBBIES_FOR"} <= predicates


def _get(server: LocalServer, path: str, params: dict[str, str] | None = None) -> tuple[int, bytes]:
    url = server.url(path) + ("?" + urlencode(params, quote_via=quote) if params else "")
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_local_server_answers_api_style_requests() -> None:
    with LocalServer(CORPUS) as server:
        status, body = _get(server, "/search", {"q": "999101108", "page": "1", "per_page": "10"})
        assert status == 200 and json.loads(body)["results"][0]["siren"] == "999101108"
        _, body = _get(server, "/search", {"q": "Électoralis"})
        assert json.loads(body)["results"][0]["siren"] == "999102106"
        _, body = _get(server, "/search", {"q": "Porte-à-Porte SAS"})
        assert json.loads(body)["results"][0]["nom_raison_sociale"] == "PORTE-A-PORTE"
        _, body = _get(server, "/search", {"q": "99910410200010"})
        assert json.loads(body)["results"][0]["siren"] == "999104102"
        _, body = _get(server, BODACC, {"where": 'registre like "999105109"', "order_by": "dateparution desc",
                                        "limit": "100", "offset": "0"})
        assert json.loads(body)["results"][0]["familleavis"] == "collective"
        _, body = _get(server, BODACC, {"where": 'registre like "999104102"'})
        assert json.loads(body) == {"total_count": 0, "results": []}
        status, body = _get(server, "/feeds/rss.xml")
        assert status == 200 and b"<rss" in body
        _, body = _get(server, "/articles/cnil-amende-datavox-conseil.html")
        assert "Datavox Conseil" in body.decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as excinfo:
            _get(server, "/articles/absent.html")
        assert excinfo.value.code == 404
