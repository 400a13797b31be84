"""Press: RSS/Atom feeds and sitemaps (news sitemaps, indexes, robots.txt), then articles.

Arguments (``ciblage crawl press -a key=value``):
    feed: feed URLs, comma-separated.
    sitemap: sitemap, sitemap index or robots.txt URLs, comma-separated.
    url: article URLs to fetch directly, comma-separated.
    watch: ``off`` to keep every article; otherwise extra watched names, comma-separated
        (added to ``crawlers/watchlist.txt`` and ``CIBLAGE_WATCHLIST``).
    since: skip listed articles published before this ISO date.
    max: stop following article links after this many.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from hashlib import sha256
from typing import Any

from scrapy.http import HtmlResponse, Response, TextResponse

from crawlers.base import CiblageSpider
from crawlers.items import DocumentItem, FailureItem
from crawlers.parsers import press
from crawlers.watchlist import Watchlist


class PressSpider(CiblageSpider):
    name = "press"
    source = "press"

    def __init__(self, feed: str = "", sitemap: str = "", url: str = "", watch: str = "",
                 since: str = "", max: str = "", **kwargs: Any) -> None:  # noqa: A002 - spider argument
        super().__init__(**kwargs)
        self.feeds, self.sitemaps, self.urls = self.arg_list(feed), self.arg_list(sitemap), self.arg_list(url)
        if not (self.feeds or self.sitemaps or self.urls):
            raise self.bad_argument("press needs -a feed=URL, -a sitemap=URL or -a url=URL")
        self.watchlist = None if watch.strip().lower() in ("off", "0", "none", "false") else \
            Watchlist.load(self.arg_list(watch))
        self.since = since.strip() or None
        self.max_articles = int(max) if max.strip() else None
        self.followed = 0

    async def start(self) -> AsyncIterator[Any]:
        for url in self.feeds:
            yield self.request(url, self.parse_feed)
        for url in self.sitemaps:
            yield self.request(url, self.parse_sitemap)
        for url in self.urls:
            yield self.request(url, self.parse_article, meta={"link": press.Link(url=url)})

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if press.is_sitemap(response.body):
            yield from self.parse_sitemap(response)
            return
        yield from self._follow(press.parse_feed(response.body, response.url), response.url)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if response.url.rstrip("/").endswith("robots.txt"):
            for url in press.sitemaps_from_robots(response.text, response.url):
                yield self.request(url, self.parse_sitemap)
            return
        kind, links = press.parse_sitemap(response.body, response.url)
        if kind == "index":
            for link in links:
                yield self.request(link.url, self.parse_sitemap)
            return
        yield from self._follow(links, response.url)

    def _follow(self, links: list[press.Link], listing: str) -> Iterator[Any]:
        for link in links:
            if self.since and link.published and link.published[:10] < self.since:
                continue
            if self.max_articles is not None and self.followed >= self.max_articles:
                return
            self.followed += 1
            yield self.request(link.url, self.parse_article, meta={"link": link, "listing": listing})

    def parse_article(self, response: Response) -> Iterator[DocumentItem | FailureItem]:
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()
        html_type = not ctype or "html" in ctype or ctype in ("text/plain", "application/xml", "text/xml")
        looks_html = isinstance(response, TextResponse) and b"<html" in response.body[:4000].lower()
        if response.body[:5] == b"%PDF-" or not html_type or not (isinstance(response, HtmlResponse) or looks_html):
            yield self.failure(response.url, "content_type", f"expected HTML, got {ctype or type(response).__name__}")
            return
        article = press.parse_article(response, response.meta.get("link"))  # type: ignore[arg-type]
        if not article.text and not article.title:
            yield self.failure(response.url, "empty", "no title and no text could be extracted")
            return
        matches = self.watchlist.matches(f"{article.title}\n{article.description or ''}\n{article.text}") \
            if self.watchlist is not None else []
        if self.watchlist is not None and not matches:
            self.crawler.stats.inc_value("ciblage/filtered")
            self.logger.debug("not on the watchlist url=%s", response.url)
            return
        meta = {k: v for k, v in {
            "outlet": article.outlet, "modified": article.modified, "description": article.description,
            "paywalled": article.paywalled, "paywall_selector": article.paywall_selector,
            "tdm_reservation": article.tdm_reservation or None, "tdm_policy": article.tdm_policy,
            "extractor": article.extractor, "listing": response.meta.get("listing"),
            "watch_matches": matches or None, **article.extra,
        }.items() if v is not None}
        text = article.text
        if article.tdm_reservation:
            text, meta["teaser_only"] = article.teaser, True
        yield DocumentItem(
            source=self.source, url=response.url, canonical_url=article.canonical_url, title=article.title,
            text=text, author=article.author, published=article.published, language=article.language,
            meta=meta, spider=self.name, source_url=response.url, raw_hash=sha256(response.body).hexdigest(),
        )


__all__ = ["PressSpider"]
