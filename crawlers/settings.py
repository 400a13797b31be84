"""Scrapy settings of the ciblage crawlers: polite on purpose.

Model: ``scrapy/scrapy:scrapy/templates/project/module/settings.py.tmpl``. Values that depend on
the environment (User-Agent, data directory, HTTP cache) are read from :mod:`ciblage.settings`
when Scrapy loads this module, i.e. in the crawl's own process. API spiders tighten the
throttling to the published rate limits in their ``custom_settings``.
"""

from __future__ import annotations

from ciblage import settings as _env

BOT_NAME = "ciblage"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"
ADDONS: dict[str, int] = {}

# Identify ourselves honestly, with a contact.
USER_AGENT = _env.user_agent()
ROBOTSTXT_OBEY = True

# One request per domain at a time, with a delay that AutoThrottle adapts to the server.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %, Scrapy ≥ 2.19 (was RANDOMIZE_DOWNLOAD_DELAY)
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60

# Pages bigger than this are refused (press); bulk-file spiders raise it in custom_settings.
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

# Retries with backoff; 429 and 503 honour Retry-After (crawlers.middlewares.BackoffRetryMiddleware).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
CIBLAGE_BACKOFF_BASE = 1.0  # seconds; doubled on each retry
CIBLAGE_RETRY_AFTER_MAX = 120.0  # never wait longer than this for one Retry-After
REDIRECT_MAX_TIMES = 10

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.RedirectLoopMiddleware": 610,
}
SPIDER_MIDDLEWARES = {
    "crawlers.middlewares.ParseFailureMiddleware": 45,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.ValidatePipeline": 100,
    "crawlers.pipelines.NormalisePipeline": 200,
    "crawlers.pipelines.DeduplicatePipeline": 300,
    "crawlers.pipelines.LedgerPipeline": 900,
}

# Optional HTTP cache in the data directory; RFC 2616 policy so re-runs revalidate
# (conditional GETs) instead of serving stale pages forever.
HTTPCACHE_ENABLED = _env.http_cache()
HTTPCACHE_DIR = str((_env.data_dir() / "httpcache").resolve())
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_IGNORE_HTTP_CODES = [401, 403, 404, 408, 429, 500, 502, 503, 504]

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
