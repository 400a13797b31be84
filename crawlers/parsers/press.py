"""Press parsers: RSS/Atom feeds, sitemaps (incl. Google news sitemaps and indexes), articles.

News sitemaps are read with lxml and namespaces because Scrapy's ``Sitemap`` keeps only the
direct text of each child and loses ``news:title`` and friends. Articles: trafilatura for the
body and metadata, JSON-LD ``NewsArticle`` and Open Graph as fallbacks (and for the precise
publication time, paywall and canonical URL); TDMRep reservation from header or meta.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import feedparser
import trafilatura
from lxml import etree
from scrapy.http import Response, TextResponse

log = logging.getLogger(__name__)

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                 "BlogPosting", "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting", "Report"}
TEASER_CHARS = 500


@dataclass
class Link:
    """An article URL found in a feed or sitemap, with what the listing says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    summary: str | None = None
    language: str | None = None
    outlet: str | None = None
    lastmod: str | None = None


def is_sitemap(body: bytes) -> bool:
    head = body[:2000].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_feed(body: bytes, base_url: str) -> list[Link]:
    """Entries of an RSS or Atom feed. Raises ValueError when nothing readable is there."""
    parsed = feedparser.parse(body)
    if not parsed.entries and parsed.get("bozo"):
        raise ValueError(f"unreadable feed: {parsed.get('bozo_exception')!r}")
    feed = parsed.feed
    language = _lang(feed.get("language"))
    outlet = feed.get("title")
    links = []
    from urllib.parse import urljoin

    for e in parsed.entries:
        href = e.get("link") or next((lk.get("href") for lk in e.get("links", []) if lk.get("href")), None)
        if not href:
            continue
        source = e.get("source") or {}
        links.append(Link(
            url=urljoin(base_url, href), title=e.get("title"), author=e.get("author"),
            published=_struct_iso(e.get("published_parsed") or e.get("updated_parsed")) or e.get("published"),
            summary=e.get("summary"), language=language,
            outlet=(source.get("title") if isinstance(source, dict) else None) or outlet,
        ))
    return links


def _struct_iso(value: Any) -> str | None:
    if not value:
        return None
    import calendar
    from datetime import UTC, datetime

    return datetime.fromtimestamp(calendar.timegm(value), UTC).isoformat()


def parse_sitemap(body: bytes, base_url: str) -> tuple[str, list[Link]]:
    """``("index", sitemaps)`` or ``("urlset", articles)``; gzip bodies are opened first.

    Raises:
        ValueError: the body is not a sitemap.
    """
    from urllib.parse import urljoin

    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not an XML sitemap: {exc}") from exc
    kind = etree.QName(root).localname
    if kind == "sitemapindex":
        locs = [urljoin(base_url, t.strip()) for t in root.xpath("./*[local-name()='sitemap']/*[local-name()='loc']/text()")]
        return "index", [Link(url=u) for u in locs if u]
    if kind != "urlset":
        raise ValueError(f"not a sitemap: root element <{kind}>")
    links = []
    for url in root.xpath("./*[local-name()='url']"):
        loc = _text(url, "./*[local-name()='loc']")
        if not loc:
            continue
        news = url.xpath("./news:news", namespaces=NS)
        n = news[0] if news else None
        links.append(Link(
            url=urljoin(base_url, loc), lastmod=_text(url, "./*[local-name()='lastmod']"),
            title=_text(n, "./news:title", NS) if n is not None else None,
            published=_text(n, "./news:publication_date", NS) if n is not None else None,
            outlet=_text(n, "./news:publication/news:name", NS) if n is not None else None,
            language=_lang(_text(n, "./news:publication/news:language", NS)) if n is not None else None,
        ))
    return "urlset", links


def _text(node: Any, path: str, ns: dict[str, str] | None = None) -> str | None:
    found = node.xpath(path, namespaces=ns) if ns else node.xpath(path)
    if not found:
        return None
    value = "".join(found[0].itertext()).strip()
    return value or None


def sitemaps_from_robots(text: str, base_url: str) -> list[str]:
    from urllib.parse import urljoin

    return [urljoin(base_url, m.strip()) for m in re.findall(r"(?im)^\s*sitemap\s*:\s*(\S+)", text)]


# -- articles --------------------------------------------------------------------------------


@dataclass
class Article:
    url: str
    canonical_url: str
    title: str | None
    text: str
    author: str | None
    published: str | None
    modified: str | None
    language: str | None
    description: str | None
    outlet: str | None
    paywalled: bool | None
    paywall_selector: str | None
    tdm_reservation: bool
    tdm_policy: str | None
    extractor: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def teaser(self) -> str:
        base = self.description or self.text
        return base if len(base) <= TEASER_CHARS else base[:TEASER_CHARS].rsplit(" ", 1)[0] + "…"


def parse_article(response: TextResponse, hint: Link | None = None) -> Article:
    """Everything the press spider stores about an article page."""
    hint = hint or Link(url=response.url)
    ld = json_ld_article(response)
    og = {m.attrib.get("property") or m.attrib.get("name"): m.attrib.get("content")
          for m in response.css("meta[property], meta[name]")}
    html = response.text
    data: dict[str, Any] = {}
    raw = trafilatura.extract(html, url=response.url, output_format="json", with_metadata=True,
                              include_comments=False, favor_precision=True)
    if raw:
        data = json.loads(raw)
    text = (data.get("text") or "").strip()
    extractor = "trafilatura"
    if not text and ld.get("articleBody"):
        text, extractor = str(ld["articleBody"]).strip(), "jsonld"
    if not text:
        paragraphs = [" ".join(" ".join(p.xpath(".//text()").getall()).split()) for p in response.xpath("//body//p")]
        text, extractor = "\n".join(p for p in paragraphs if p), "paragraphs"
    description = _first(ld.get("description"), og.get("og:description"), og.get("description"), data.get("excerpt"))
    if not text and description:
        text, extractor = description, "og"
    canonical = _first(response.css("link[rel=canonical]::attr(href)").get(), og.get("og:url"), ld.get("url"))
    paywalled, selector = _paywall(ld)
    reservation = _header(response, "tdm-reservation") or og.get("tdm-reservation")
    return Article(
        url=response.url,
        canonical_url=_strip_fragment(response.urljoin(canonical)) if canonical else _strip_fragment(response.url),
        title=_title(_first(data.get("title"), ld.get("headline"), og.get("og:title"), hint.title,
                            response.css("title::text").get())),
        text=text,
        author=_first(data.get("author"), _ld_author(ld.get("author")), og.get("author"),
                      og.get("article:author"), hint.author),
        published=_first(ld.get("datePublished"), og.get("article:published_time"), hint.published, data.get("date")),
        modified=_first(ld.get("dateModified"), og.get("article:modified_time"), hint.lastmod),
        language=_lang(_first(response.xpath("/html/@lang").get(), ld.get("inLanguage"), og.get("og:locale"),
                              hint.language, data.get("language"))),
        description=_clean_html(description),
        outlet=_first(og.get("og:site_name"), _ld_name(ld.get("publisher")), hint.outlet, data.get("sitename")),
        paywalled=paywalled, paywall_selector=selector,
        tdm_reservation=str(reservation or "").strip() == "1",
        tdm_policy=_header(response, "tdm-policy") or og.get("tdm-policy"),
        extractor=extractor,
        extra={k: data[k] for k in ("categories", "tags", "image") if data.get(k)},
    )


def json_ld_article(response: Response) -> dict[str, Any]:
    """The first JSON-LD object typed as a (news) article, searching lists and ``@graph``."""
    for script in response.xpath("//script[@type='application/ld+json']/text()").getall():
        try:
            data = json.loads(script.strip())
        except ValueError:
            continue
        stack = [data]
        while stack:
            obj = stack.pop(0)
            if isinstance(obj, list):
                stack.extend(obj)
            elif isinstance(obj, dict):
                types = obj.get("@type")
                types = set(types) if isinstance(types, list) else {types}
                if types & ARTICLE_TYPES:
                    return obj
                if "@graph" in obj:
                    stack.extend(obj["@graph"] if isinstance(obj["@graph"], list) else [obj["@graph"]])
    return {}


def _paywall(ld: dict[str, Any]) -> tuple[bool | None, str | None]:
    free = ld.get("isAccessibleForFree")
    parts = ld.get("hasPart") or []
    parts = parts if isinstance(parts, list) else [parts]
    selector = next((p.get("cssSelector") for p in parts if isinstance(p, dict) and p.get("cssSelector")), None)
    if free is None:
        return None, selector
    return str(free).strip().lower() in ("false", "0", "no"), selector


def _ld_author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_author(v) for v in value) if n]
        return ", ".join(names) or None
    return _ld_name(value)


def _ld_name(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("name")
    return value if isinstance(value, str) else None


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1").strip() if value else None


def _first(*values: Any) -> Any:
    for v in values:
        if isinstance(v, str):
            v = v.strip()
        if v:
            return v
    return None


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    return re.split(r"[-_]", value.strip())[0].lower()[:3] or None


def _title(value: str | None) -> str | None:
    """A title without stray markup (unclosed tags swallow the page into <title>), capped."""
    if not value:
        return None
    value = " ".join(re.sub(r"<[^>]*>?", " ", value).split())
    return value if len(value) <= 300 else value[:299].rsplit(" ", 1)[0] + "…"


def _strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _clean_html(value: str | None) -> str | None:
    if not value:
        return None
    return re.sub(r"<[^>]+>", " ", value).strip()
