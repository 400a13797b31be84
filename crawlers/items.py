"""The items every spider yields: typed dataclasses that carry their provenance.

Models: ``scrapy/scrapy:scrapy/templates/project/module/items.py.tmpl`` and the statement fields of
``opensanctions/followthemoney``. A :class:`DocumentItem` or :class:`RecordItem` may carry the
entities and statements derived from it: the store pipeline writes the source first, learns
its version, then writes what was derived from that version, in one transaction.

Example:
    >>> item = RecordItem(record_id="entreprises:999101108", source="entreprises",
    ...                   kind="company", raw={"siren": "999101108"}, spider="entreprises")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(kw_only=True)
class Provenance:
    """Where and when an item was collected, so that every fact can be cited."""

    source_url: str | None = None
    fetched_at: str = field(default_factory=utc_now)
    spider: str = ""
    raw_hash: str | None = None


@dataclass(kw_only=True)
class EntityItem(Provenance):
    """An entity to create or merge (``ledger.upsert_entity``)."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    identifiers: dict[str, Any] = field(default_factory=dict)
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class StatementItem(Provenance):
    """A claim (``ledger.add_statement``). ``source_version`` is filled by the store pipeline
    when the statement rides on the document or record it comes from."""

    subject: str
    predicate: str
    evidence: str
    extractor: str
    object: str | None = None
    value: Any = None
    source_kind: str = "record"
    source_id: str = ""
    source_version: int | None = None
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    observed: str | None = None
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class RecordItem(Provenance):
    """A registry record (raw JSON kept) with the entities and statements read from it."""

    record_id: str
    source: str
    kind: str
    raw: Any
    url: str | None = None
    entities: list[EntityItem] = field(default_factory=list)
    statements: list[StatementItem] = field(default_factory=list)


@dataclass(kw_only=True)
class DocumentItem(Provenance):
    """A text for the NLP (article, deliberation, local file), with optional derived facts."""

    source: str
    url: str
    text: str
    title: str | None = None
    canonical_url: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    doc_id: str | None = None
    entities: list[EntityItem] = field(default_factory=list)
    statements: list[StatementItem] = field(default_factory=list)


@dataclass(kw_only=True)
class FailureItem(Provenance):
    """Something that could not be collected (HTTP error, parse error, too large...)."""

    url: str
    source: str
    reason: str
    detail: str | None = None
