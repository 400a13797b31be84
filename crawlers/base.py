"""The base class of every ciblage spider: arguments, requests with an errback, failures.

Every request a spider makes goes through :meth:`CiblageSpider.request`, whose errback turns
HTTP errors, robots.txt refusals, redirect loops, oversized bodies and network errors into
:class:`~crawlers.items.FailureItem` rows (``ledger.record_failure``), counted by the store
pipeline; the crawl goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ciblage.errors import CrawlError
from crawlers.items import FailureItem


class CiblageSpider(scrapy.Spider):
    """A spider that records its failures. Subclasses set ``name``, ``source`` and maybe
    ``default_base_url`` (API spiders: ``-a base_url=`` redirects them to a mirror)."""

    source: str = ""
    default_base_url: str = ""

    def __init__(self, *args: Any, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = self.source or self.name
        self.base_url = (base_url or self.default_base_url).rstrip("/")

    def request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error, **kwargs)

    def failure(self, url: str, reason: str, detail: str | None = None) -> FailureItem:
        self.logger.warning("failed url=%s reason=%s detail=%s", url, reason, detail)
        return FailureItem(url=url, source=self.source, reason=reason, detail=detail,
                           spider=self.name, source_url=url)

    def on_error(self, failure: Failure) -> Iterator[FailureItem]:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        reason, detail = classify_failure(failure)
        if reason == "robots_disallowed":
            self.crawler.stats.inc_value("ciblage/robots_disallowed")
        yield self.failure(url, reason, detail)

    def arg_list(self, value: str | None, sep: str = ",") -> list[str]:
        return [v.strip() for v in (value or "").split(sep) if v.strip()]

    @staticmethod
    def bad_argument(message: str) -> CrawlError:
        return CrawlError(message, hint="See `ciblage crawl --help` and the spider's docstring.")


def classify_failure(failure: Failure) -> tuple[str, str]:
    """A short reason code and a detail for a download or HTTP failure."""
    exc = failure.value
    detail = f"{type(exc).__name__}: {exc}"[:1000]
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}", detail
    text = str(exc).lower()
    if isinstance(exc, IgnoreRequest):
        if "robots.txt" in text:
            return "robots_disallowed", detail
        if "redirect" in text:
            return "redirect_loop", detail
        return "ignored", detail
    name = type(exc).__name__.lower()
    if "redirect" in text:
        return "redirect_loop", detail
    if "max size" in text or "cancel" in name:
        return "too_large", detail
    if "timeout" in name:
        return "timeout", detail
    return "download_error", detail


log = logging.getLogger(__name__)
