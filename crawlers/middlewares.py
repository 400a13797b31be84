"""Downloader and spider middlewares of the ciblage crawlers.

- :class:`BackoffRetryMiddleware` replaces Scrapy's RetryMiddleware: same codes and counts
  (``RETRY_TIMES``, ``RETRY_HTTP_CODES``), but waits before retrying: the server's
  ``Retry-After`` (429, 503) when given and not above ``CIBLAGE_RETRY_AFTER_MAX``, else an
  exponential backoff from ``CIBLAGE_BACKOFF_BASE``. Waiting inside the middleware holds the
  domain's download slot, which is the point: the whole domain slows down.
- :class:`ParseFailureMiddleware` turns an exception raised by a callback into a
  :class:`~crawlers.items.FailureItem`, so a parse error is recorded and counted and the crawl
  goes on.
"""

from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

from crawlers.items import FailureItem

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

log = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries with a delay: ``Retry-After`` when the server sends one, else backoff."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        o = cls(crawler.settings)
        o.crawler = crawler
        o.backoff_base = crawler.settings.getfloat("CIBLAGE_BACKOFF_BASE", 1.0)
        o.retry_after_max = crawler.settings.getfloat("CIBLAGE_RETRY_AFTER_MAX", 120.0)
        return o

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retries = int(request.meta.get("retry_times", 0))
        if retries >= int(request.meta.get("max_retry_times", self.max_retry_times)):
            return response
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is not None and asked > self.retry_after_max:
            log.warning("retry-after too long url=%s seconds=%s max=%s", request.url, asked, self.retry_after_max)
            self.crawler.stats.inc_value("ciblage/retry_after_refused")
            return response
        delay = asked if asked is not None else self.backoff_base * (2**retries)
        if delay > 0:
            log.info("waiting before retry url=%s status=%s seconds=%.1f", request.url, response.status, delay)
            self.crawler.stats.inc_value("ciblage/retry_wait_seconds", int(round(delay)))
            await asyncio.sleep(delay)
        return self._retry(request, response_status_message(response.status)) or response

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        delay = self.backoff_base * (2 ** int(request.meta.get("retry_times", 0)))
        if delay > 0:
            await asyncio.sleep(delay)
        return self._retry(request, exception)


class ParseFailureMiddleware:
    """An exception in a callback becomes a recorded failure instead of a lost page."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ParseFailureMiddleware:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> Iterable[Any] | None:
        spider = self.crawler.spider
        source = getattr(spider, "source", None) or getattr(spider, "name", "?")
        log.warning("parse error url=%s error=%r", response.url, exception, exc_info=exception)
        self.crawler.stats.inc_value("ciblage/parse_error")
        return [FailureItem(url=response.url, source=source, reason="parse_error",
                            detail=f"{type(exception).__name__}: {exception}"[:1000],
                            spider=getattr(spider, "name", ""))]


class RedirectLoopMiddleware:
    """Turn a redirect back to a URL already visited in the same chain into a failure.

    Scrapy's duplicate filter would otherwise drop the looping request silently; raising
    ``IgnoreRequest`` here sends it to the spider's errback, which records ``redirect_loop``.
    Sits just before RedirectMiddleware (600) in the response path.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in (301, 302, 303, 307, 308) and b"Location" in response.headers:
            from scrapy.exceptions import IgnoreRequest
            from w3lib.url import safe_url_string

            target = safe_url_string(response.urljoin(response.headers["Location"].decode("latin-1")))
            chain = {*request.meta.get("redirect_urls", []), request.url}
            if target in chain:
                raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response
