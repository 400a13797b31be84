"""The ledger: one SQLite file, the single source of truth of ciblage.

Documents and registry records come in from the crawlers, mentions and statements from the
NLP and the registry parsers, entities from both, judgements from resolution. Both graph
stores are projections of it. Every write is transactional and idempotent: feeding the same
input twice changes nothing, and a changed document becomes a new version beside the old one.

Example:
    >>> with Ledger.open(Path("ciblage-data")) as ledger:
    ...     status, doc_id, version = ledger.upsert_document(
    ...         source="press", url="https://example.org/a", title="T", text="Du texte.")
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ciblage.errors import LedgerError
from ciblage.ids import content_hash, document_id, short_hash
from ciblage.schema import MIGRATIONS, SCHEMA_VERSION

LEDGER_FILE = "ledger.sqlite"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Ledger:
    """Access to the ledger file. Use as a context manager; writes group with :meth:`batch`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self._check_version()
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._depth = 0
            self._dirty = False
            self._upgrade()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"cannot open the ledger {self.path}: {exc}") from exc

    @classmethod
    def open(cls, data_dir: Path) -> Ledger:
        return cls(Path(data_dir) / LEDGER_FILE)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- schema -----------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _check_version(self) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise LedgerError(
                f"the ledger {self.path} has schema version {current}, newer than this "
                f"ciblage ({SCHEMA_VERSION})",
                hint="Upgrade ciblage (pip install -U ciblage); the file was left untouched.",
            )

    def _upgrade(self) -> None:
        current = self.schema_version
        for step in range(current, SCHEMA_VERSION):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {step + 1}")
                self.conn.execute("COMMIT")
            except Exception:
                self.conn.execute("ROLLBACK")
                raise

    # -- transactions -----------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Ledger]:
        """Group writes in one transaction (nested calls join the outer one).

        A revision counter moves on every committed batch, so that graph stores know they
        are stale.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        self._dirty = False
        try:
            yield self
            if self._dirty:
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('revision', '1') ON CONFLICT(key) "
                    "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
                )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def _write(self, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> int:
        with self.batch():
            cur = self.conn.execute(sql, params)
            if cur.rowcount:
                self._dirty = True
            return cur.rowcount

    @property
    def revision(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0]) if row else 0

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- documents --------------------------------------------------------------------------

    def upsert_document(
        self,
        *,
        source: str,
        url: str,
        text: str,
        title: str | None = None,
        canonical_url: str | None = None,
        author: str | None = None,
        published: str | None = None,
        language: str | None = None,
        raw_hash: str | None = None,
        meta: dict[str, Any] | None = None,
        fetched_at: str | None = None,
        doc_id: str | None = None,
    ) -> tuple[str, str, int]:
        """Store a document. Returns ``(status, id, version)``, status new/changed/unchanged.

        The id derives from the source and the canonical URL, so the same article reached
        by two URLs is one document. Same content hash as the latest version: unchanged.
        """
        doc_id = doc_id or document_id(source, canonical_url or url)
        digest = content_hash(title, text)
        with self.batch():
            latest = self.conn.execute(
                "SELECT version, content_hash FROM documents WHERE id = ? ORDER BY version DESC LIMIT 1",
                (doc_id,),
            ).fetchone()
            if latest and latest["content_hash"] == digest:
                return "unchanged", doc_id, int(latest["version"])
            version = int(latest["version"]) + 1 if latest else 1
            self._write(
                "INSERT INTO documents (id, version, source, url, canonical_url, title, author, "
                "published, language, text, content_hash, raw_hash, meta, fetched_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, version, source, url, canonical_url, title, author, published, language,
                 text, digest, raw_hash, _dumps(meta or {}), fetched_at or now()),
            )
            self.conn.execute("DELETE FROM failures WHERE url = ? AND source = ?", (url, source))
        return ("changed" if latest else "new"), doc_id, version

    def document(self, doc_id: str, version: int | None = None) -> dict[str, Any] | None:
        if version is None:
            row = self.conn.execute(
                "SELECT * FROM documents WHERE id = ? ORDER BY version DESC LIMIT 1", (doc_id,)
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT * FROM documents WHERE id = ? AND version = ?", (doc_id, version)
            ).fetchone()
        return _row(row)

    def documents(self, *, latest_only: bool = True) -> Iterator[dict[str, Any]]:
        sql = "SELECT * FROM documents"
        if latest_only:
            sql += " d WHERE version = (SELECT MAX(version) FROM documents e WHERE e.id = d.id)"
        for row in self.conn.execute(sql + " ORDER BY id, version"):
            yield _row(row)  # type: ignore[misc]

    def documents_to_process(self) -> list[dict[str, Any]]:
        """Latest versions of documents the NLP has not processed yet."""
        rows = self.conn.execute(
            "SELECT * FROM documents d WHERE processed_at IS NULL AND "
            "version = (SELECT MAX(version) FROM documents e WHERE e.id = d.id) ORDER BY id"
        ).fetchall()
        return [_row(r) for r in rows]  # type: ignore[misc]

    def mark_processed(self, doc_id: str, version: int, error: str | None = None) -> None:
        self._write(
            "UPDATE documents SET processed_at = ?, extract_error = ? WHERE id = ? AND version = ?",
            (now(), error, doc_id, version),
        )

    # -- registry records -------------------------------------------------------------------

    def upsert_record(
        self, *, record_id: str, source: str, kind: str, raw: Any, url: str | None = None,
        fetched_at: str | None = None,
    ) -> tuple[str, int]:
        """Store a registry record's raw JSON. Returns ``(status, version)`` like documents."""
        raw_text = raw if isinstance(raw, str) else _dumps(raw)
        digest = content_hash(raw_text)
        with self.batch():
            latest = self.conn.execute(
                "SELECT version, content_hash FROM records WHERE id = ? ORDER BY version DESC LIMIT 1",
                (record_id,),
            ).fetchone()
            if latest and latest["content_hash"] == digest:
                return "unchanged", int(latest["version"])
            version = int(latest["version"]) + 1 if latest else 1
            self._write(
                "INSERT INTO records (id, version, source, kind, url, raw, content_hash, fetched_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (record_id, version, source, kind, url, raw_text, digest, fetched_at or now()),
            )
        return ("changed" if latest else "new"), version

    def record(self, record_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT * FROM records WHERE id = ? ORDER BY version DESC LIMIT 1", (record_id,)
        ).fetchone()
        return _row(row)

    # -- entities ---------------------------------------------------------------------------

    def upsert_entity(
        self, entity_id: str, etype: str, name: str, *, aliases: list[str] | None = None,
        identifiers: dict[str, Any] | None = None, props: dict[str, Any] | None = None,
    ) -> None:
        """Create an entity or merge new aliases, identifiers and properties into it."""
        with self.batch():
            row = self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
            if row is None:
                names = sorted({a for a in (aliases or []) if a and a != name})
                self._write(
                    "INSERT INTO entities (id, type, name, aliases, identifiers, props, first_seen, last_seen) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (entity_id, etype, name, _dumps(names), _dumps(identifiers or {}),
                     _dumps(props or {}), now(), now()),
                )
                return
            old_aliases = json.loads(row["aliases"])
            merged = sorted({*old_aliases, *(aliases or []), name} - {row["name"]} - {""})
            ids = {**json.loads(row["identifiers"]), **(identifiers or {})}
            merged_props = {**json.loads(row["props"]), **(props or {})}
            if (merged, ids, merged_props) != (
                old_aliases, json.loads(row["identifiers"]), json.loads(row["props"])
            ):
                self._write(
                    "UPDATE entities SET aliases = ?, identifiers = ?, props = ?, last_seen = ? WHERE id = ?",
                    (_dumps(merged), _dumps(ids), _dumps(merged_props), now(), entity_id),
                )

    def rename_entity(self, entity_id: str, name: str) -> None:
        """Replace an entity's name (for a placeholder name known to be wrong); the old name
        is not kept as an alias. Entity ids never change."""
        self._write("UPDATE entities SET name = ?, last_seen = ? WHERE id = ? AND name != ?",
                    (name, now(), entity_id, name))

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        return _row(self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone())

    def entities(self) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute("SELECT * FROM entities ORDER BY id"):
            yield _row(row)  # type: ignore[misc]

    # -- mentions and statements ------------------------------------------------------------

    def add_mentions(self, doc_id: str, version: int, mentions: list[dict[str, Any]], extractor: str) -> None:
        with self.batch():
            for m in mentions:
                self._write(
                    "INSERT OR IGNORE INTO mentions (doc_id, doc_version, start, end, text, label, entity_id, extractor) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, version, m["start"], m["end"], m["text"], m["label"], m.get("entity_id"), extractor),
                )

    def mentions(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        if doc_id:
            rows = self.conn.execute("SELECT * FROM mentions WHERE doc_id = ? ORDER BY start", (doc_id,))
        else:
            rows = self.conn.execute("SELECT * FROM mentions ORDER BY doc_id, start")
        return [dict(r) for r in rows]

    def add_statement(
        self, *, subject: str, predicate: str, source_kind: str, source_id: str, source_version: int,
        evidence: str, extractor: str, confidence: float, object: str | None = None,
        value: Any = None, source_url: str | None = None, start: int | None = None,
        end: int | None = None, observed: str | None = None, props: dict[str, Any] | None = None,
    ) -> str:
        """Record one claim with its provenance. Returns the statement id (stable: re-adding is a no-op).

        Raises:
            LedgerError: when the evidence is empty or neither object nor value is given,
                because a fact without a source never enters the ledger.
        """
        if not evidence or not evidence.strip():
            raise LedgerError(f"statement {subject} {predicate} has no evidence")
        if object is None and value is None:
            raise LedgerError(f"statement {subject} {predicate} has neither object nor value")
        value_text = None if value is None else _dumps(value)
        sid = "st:" + short_hash(subject, predicate, object, value_text, source_id, source_version,
                                  start, end, extractor, evidence if start is None else None, length=20)
        self._write(
            "INSERT OR IGNORE INTO statements (id, subject, predicate, object, value, source_kind, "
            "source_id, source_version, source_url, evidence, start, end, confidence, extractor, "
            "observed, props, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sid, subject, predicate, object, value_text, source_kind, source_id, source_version,
             source_url, evidence.strip(), start, end, float(confidence), extractor, observed,
             _dumps(props or {}), now()),
        )
        return sid

    def statements(self, *, current_only: bool = True) -> Iterator[dict[str, Any]]:
        """Statements, by default only those whose source is the latest version of its document
        or record (an article that was corrected no longer asserts what it removed)."""
        sql = "SELECT s.* FROM statements s"
        if current_only:
            sql += (
                " WHERE (s.source_kind = 'document' AND s.source_version = "
                "(SELECT MAX(version) FROM documents d WHERE d.id = s.source_id))"
                " OR (s.source_kind = 'record' AND s.source_version = "
                "(SELECT MAX(version) FROM records r WHERE r.id = s.source_id))"
            )
        for row in self.conn.execute(sql + " ORDER BY s.id"):
            yield _row(row)  # type: ignore[misc]

    # -- judgements -------------------------------------------------------------------------

    def add_judgement(self, left: str, right: str, judgement: str, user: str, score: float | None = None) -> None:
        """Record a decision on a pair; it supersedes any earlier active decision on that pair."""
        left, right = sorted((left, right))
        with self.batch():
            active = self.conn.execute(
                "SELECT judgement, user FROM judgements WHERE left_id = ? AND right_id = ? "
                "AND superseded_at IS NULL", (left, right),
            ).fetchone()
            if active and (active["judgement"], active["user"]) == (judgement, user):
                return
            self._write(
                "UPDATE judgements SET superseded_at = ? WHERE left_id = ? AND right_id = ? AND superseded_at IS NULL",
                (now(), left, right),
            )
            self._write(
                "INSERT INTO judgements (left_id, right_id, judgement, score, user, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (left, right, judgement, score, user, now()),
            )

    def judgements(self, *, active_only: bool = True) -> list[dict[str, Any]]:
        sql = "SELECT * FROM judgements"
        if active_only:
            sql += " WHERE superseded_at IS NULL"
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY seq")]

    # -- failures ---------------------------------------------------------------------------

    def record_failure(self, *, url: str, source: str, reason: str, detail: str | None = None) -> None:
        self._write(
            "INSERT INTO failures (url, source, reason, detail, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(url, source) DO UPDATE SET reason = excluded.reason, detail = excluded.detail, at = excluded.at",
            (url, source, reason, detail, now()),
        )

    def failures(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM failures ORDER BY source, url")]

    # -- summary ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "records", "entities", "mentions", "statements", "judgements", "failures"):
            out[table] = int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return out


def _row(row: sqlite3.Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out = dict(row)
    for key in ("meta", "aliases", "identifiers", "props", "raw"):
        if key in out and isinstance(out[key], str) and key != "raw":
            out[key] = json.loads(out[key])
    if out.get("value") is not None and "predicate" in out:
        out["value"] = json.loads(out["value"])
    return out
