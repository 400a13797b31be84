"""Write items into the ledger: shared by the Scrapy store pipeline and ``ciblage ingest``.

Each call is one transaction: the document or record first, then (only when it is new or
changed) the entities and statements derived from that exact version.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import TYPE_CHECKING

from crawlers.items import DocumentItem, EntityItem, FailureItem, RecordItem, StatementItem

if TYPE_CHECKING:
    from ciblage.ledger import Ledger

log = logging.getLogger(__name__)

Item = DocumentItem | RecordItem | EntityItem | StatementItem | FailureItem


def store_item(ledger: Ledger, item: Item) -> str:
    """Store one item. Returns new / changed / unchanged / failed / stored.

    Raises:
        ciblage.errors.LedgerError: on a statement without evidence (nothing is written).
    """
    with ledger.batch():
        if isinstance(item, FailureItem):
            ledger.record_failure(url=item.url, source=item.source, reason=item.reason, detail=item.detail)
            return "failed"
        if isinstance(item, EntityItem):
            _entity(ledger, item)
            return "stored"
        if isinstance(item, StatementItem):
            _statement(ledger, item, item.source_id, item.source_version or 1)
            return "stored"
        if isinstance(item, RecordItem):
            status, version = ledger.upsert_record(
                record_id=item.record_id, source=item.source, kind=item.kind, raw=item.raw,
                url=item.url, fetched_at=item.fetched_at,
            )
            source_id = item.record_id
        else:
            status, source_id, version = ledger.upsert_document(
                source=item.source, url=item.url, text=item.text, title=item.title,
                canonical_url=item.canonical_url, author=item.author, published=item.published,
                language=item.language, raw_hash=item.raw_hash, meta=item.meta,
                fetched_at=item.fetched_at, doc_id=item.doc_id,
            )
            item.doc_id = source_id
        if status == "unchanged":
            return status
        for entity in item.entities:
            _entity(ledger, entity)
        for st in item.statements:
            _statement(ledger, st, source_id, version)
    return status


def _entity(ledger: Ledger, e: EntityItem) -> None:
    """Upsert, keeping placeholder names (``needs_name``: a SIRET standing for a name) out of
    the way: a placeholder never becomes an alias of a named entity, and a real name replaces
    a placeholder."""
    name, props = e.name, dict(e.props)
    existing = ledger.entity(e.id)
    if existing is not None:
        if props.get("needs_name"):
            name = existing["name"]
            props.pop("needs_name")
        elif existing["props"].get("needs_name"):
            # A placeholder is the one case where the stored name is known to be wrong.
            ledger.rename_entity(e.id, name)
            props["needs_name"] = False
    ledger.upsert_entity(e.id, e.type, name, aliases=e.aliases, identifiers=e.identifiers, props=props)


def _statement(ledger: Ledger, st: StatementItem, source_id: str, version: int) -> None:
    st.source_id = st.source_id or source_id
    st.source_version = st.source_version or version
    data = asdict(st)
    for key in ("fetched_at", "spider", "raw_hash"):
        data.pop(key)
    ledger.add_statement(**data)
