"""Item pipelines, one job each: validate → normalise → deduplicate → store into the ledger.

Model: ``scrapy/scrapy:docs/topics/item-pipeline.rst`` (Scrapy ≥ 2.14: no ``spider`` argument,
resources opened in ``open_spider``, settings via ``from_crawler``). The store pipeline sets
the stats ``ciblage/new``, ``ciblage/changed``, ``ciblage/unchanged``, ``ciblage/failed`` that
:func:`crawlers.runner.run_crawls` reports.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ciblage import settings as env
from ciblage.ids import PREDICATES, TYPE_LABELS, content_hash, document_id
from ciblage.ledger import Ledger
from crawlers.items import DocumentItem, EntityItem, FailureItem, RecordItem, StatementItem
from crawlers.parsers.common import normalise_text
from crawlers.store import store_item

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

log = logging.getLogger(__name__)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


class _StatsPipeline:
    def __init__(self, stats: StatsCollector, data_dir: Path) -> None:
        self.stats = stats
        self.data_dir = data_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        data_dir = Path(crawler.settings.get("CIBLAGE_DATA_DIR") or env.data_dir())
        return cls(crawler.stats, data_dir)  # type: ignore[arg-type]


class ValidatePipeline(_StatsPipeline):
    """Drop items that cannot be cited or stored: no URL, no text, bad type or predicate."""

    def process_item(self, item: Any) -> Any:
        problem = _problem(item)
        if problem:
            self.stats.inc_value("ciblage/invalid")
            raise DropItem(f"invalid {type(item).__name__}: {problem}")
        return item


def _problem(item: Any) -> str | None:
    if isinstance(item, FailureItem):
        return None if item.url else "failure without url"
    if isinstance(item, DocumentItem):
        if not item.url:
            return "document without url"
        if not (item.text or "").strip() and not (item.title or "").strip():
            return f"document {item.url} has neither title nor text"
    elif isinstance(item, RecordItem):
        if not item.record_id or item.raw in (None, "", {}):
            return "record without id or raw content"
    elif not isinstance(item, (EntityItem, StatementItem)):
        return f"unknown item type {type(item).__name__}"
    for e in getattr(item, "entities", []) + ([item] if isinstance(item, EntityItem) else []):
        if e.type not in TYPE_LABELS or not e.id or not (e.name or "").strip():
            return f"entity {e.id!r} has a bad type {e.type!r} or no name"
    for st in getattr(item, "statements", []) + ([item] if isinstance(item, StatementItem) else []):
        if st.predicate not in PREDICATES:
            return f"unknown predicate {st.predicate}"
        if not st.evidence.strip():
            return f"statement {st.subject} {st.predicate} without evidence"
    return None


class NormalisePipeline(_StatsPipeline):
    """Unicode NFC, collapsed spaces, trimmed names; the document id from the canonical URL."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if isinstance(item, DocumentItem):
            item.text = normalise_text(item.text or "")
            item.title = _clean(item.title)
            item.author = _clean(item.author)
            item.doc_id = item.doc_id or document_id(item.source, stable_key(item.canonical_url or item.url))
            if not item.raw_hash:
                item.raw_hash = content_hash(item.title, item.text)
        for e in adapter.get("entities") or []:
            _normalise_entity(e)
        if isinstance(item, EntityItem):
            _normalise_entity(item)
        return item


_LOOPBACK = re.compile(r"^https?://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?=/|$)", re.IGNORECASE)


def stable_key(url: str) -> str:
    """The document key of a URL: as is, except that a loopback server's ephemeral port is
    dropped (``http://127.0.0.1:PORT/a`` → ``local:/a``), so a mirror served on a new port
    (the demo, tests) keeps its document ids across runs."""
    return _LOOPBACK.sub("local:", url)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
    return value or None


def _normalise_entity(e: EntityItem) -> None:
    e.name = _clean(e.name) or e.name
    e.aliases = sorted({a for a in (_clean(x) for x in e.aliases) if a and a != e.name})


class DeduplicatePipeline(_StatsPipeline):
    """Drop what this crawl already stored, and older copies of an article already stored.

    The same article reached through a feed and a sitemap under two URLs has one canonical
    URL, hence one document id; its copies are ordered by ``meta.modified`` so that an
    out-of-date copy never becomes the latest version.
    """

    def open_spider(self) -> None:
        self.seen: dict[str, tuple[str | None, str]] = {}
        self.ledger = Ledger.open(self.data_dir)

    def close_spider(self) -> None:
        self.ledger.close()

    def process_item(self, item: Any) -> Any:
        if isinstance(item, DocumentItem):
            key, digest, modified = item.doc_id or "", content_hash(item.title, item.text), item.meta.get("modified")
        elif isinstance(item, RecordItem):
            key, digest, modified = item.record_id, content_hash(repr(item.raw)), None
        else:
            return item
        previous = self.seen.get(key)
        if previous and (previous[1] == digest or _older(modified, previous[0])):
            self.stats.inc_value("ciblage/duplicate")
            raise DropItem(f"duplicate of {key} already stored in this crawl")
        if isinstance(item, DocumentItem) and modified:
            stored = self.ledger.document(key)
            if stored and _older(modified, (stored.get("meta") or {}).get("modified")):
                self.stats.inc_value("ciblage/duplicate")
                raise DropItem(f"older copy of {key} (stored version is more recent)")
        self.seen[key] = (modified, digest)
        return item


def _older(a: str | None, b: str | None) -> bool:
    """True when both dates are known and ``a`` is strictly before ``b`` (ISO strings)."""
    return bool(a and b and a[:19] < b[:19])


class LedgerPipeline(_StatsPipeline):
    """Store into the ledger at the data directory; count new / changed / unchanged / failed."""

    def open_spider(self) -> None:
        self.ledger = Ledger.open(self.data_dir)

    def close_spider(self) -> None:
        self.ledger.close()

    def process_item(self, item: Any) -> Any:
        status = store_item(self.ledger, item)
        self.stats.inc_value(f"ciblage/{status}")
        if isinstance(item, FailureItem):
            log.warning("failure recorded url=%s reason=%s detail=%s", item.url, item.reason, item.detail)
        return item
