"""``ciblage ingest``: a journalist's own files and folders into the ledger, as documents.

Formats: PDF (pypdf), HTML (trafilatura), DOCX (python-docx), TXT/MD (UTF-8, else cp1252 or
latin-1 with a note), e-mail ``.eml`` (subject → title, From/Date → author/published, text or
HTML body; attachments of the supported types become their own documents linked back to the
message). The document id derives from the file's absolute path (``file://`` URL); a changed
file becomes a new version, an unchanged one is skipped by the ledger. Unsupported or broken
files are counted and reported (broken ones recorded as failures), never fatal.
"""

from __future__ import annotations

import email
import email.policy
import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

from ciblage.ids import document_id
from ciblage.ledger import Ledger
from crawlers.items import DocumentItem, FailureItem
from crawlers.parsers.common import normalise_text
from crawlers.store import store_item

log = logging.getLogger(__name__)
SOURCE = "ingest"


@dataclass
class Parsed:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def read_pdf(data: bytes) -> Parsed:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted PDF")
    text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    info: Any = reader.metadata or {}
    return Parsed(text=text, title=_s(info.get("/Title")), author=_s(info.get("/Author")),
                  published=_pdf_date(_s(info.get("/CreationDate"))), meta={"pages": len(reader.pages)})


def read_html(data: bytes) -> Parsed:
    import trafilatura

    raw = trafilatura.extract(data, output_format="json", with_metadata=True, favor_precision=True)
    if raw:
        d = json.loads(raw)
        return Parsed(text=d.get("text") or "", title=d.get("title"), author=d.get("author"),
                      published=d.get("date"), language=d.get("language"))
    text, note = decode_text(data)
    return Parsed(text=re.sub(r"<[^>]+>", " ", text), meta={"note": "no main text found; tags stripped"})


def read_docx(data: bytes) -> Parsed:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    cp = document.core_properties
    return Parsed(text="\n\n".join(p for p in parts if p.strip()), title=cp.title or None, author=cp.author or None,
                  published=cp.created.isoformat() if cp.created else None)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (BOM allowed), else cp1252, else latin-1; the note says which fallback was used."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8: decoded as cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: decoded as latin-1"


def read_text(data: bytes) -> Parsed:
    text, note = decode_text(data)
    return Parsed(text=text, meta={"encoding_note": note} if note else {})


def read_eml(data: bytes) -> Parsed:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        content = body.get_content()
        text = read_html(content.encode("utf-8")).text if body.get_content_type() == "text/html" else content
    attachments = []
    for part in msg.iter_attachments():
        name = part.get_filename()
        payload = part.get_payload(decode=True)
        if name and payload:
            attachments.append((name, payload))
    date = msg.get("Date")
    try:
        published = parsedate_to_datetime(date).isoformat() if date else None
    except (TypeError, ValueError):
        published = None
    return Parsed(text=text, title=_s(msg.get("Subject")), author=_s(msg.get("From")), published=published,
                  meta={k: v for k, v in {"to": _s(msg.get("To")), "message_id": _s(msg.get("Message-ID"))}.items() if v},
                  attachments=attachments)


READERS = {".pdf": read_pdf, ".html": read_html, ".htm": read_html, ".docx": read_docx, ".txt": read_text,
           ".md": read_text, ".markdown": read_text, ".eml": read_eml}


def iter_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
        else:
            yield path


def ingest_paths(paths: list[Path], *, data_dir: Path, progress: bool = False) -> dict[str, int]:
    """Ingest files and folders (recursive). Returns new / changed / unchanged / failed / unsupported."""
    counts = {"new": 0, "changed": 0, "unchanged": 0, "failed": 0, "unsupported": 0}
    files = list(iter_files(paths))
    with Ledger.open(data_dir) as ledger:
        track: Any = files
        if progress:
            from rich.progress import track as rich_track

            from ciblage.console import err

            track = rich_track(files, description="ingest", console=err, transient=True)
        for path in track:
            for status in ingest_file(ledger, path):
                counts[status] = counts.get(status, 0) + 1
    return counts


def ingest_file(ledger: Ledger, path: Path) -> list[str]:
    """Statuses of the documents made from one file (several for an e-mail with attachments)."""
    path = path.resolve()
    url = path.as_uri()
    reader = READERS.get(path.suffix.lower())
    if not path.exists():
        store_item(ledger, FailureItem(url=url, source=SOURCE, reason="not_found", detail=str(path)))
        return ["failed"]
    if reader is None:
        log.info("unsupported file path=%s", path)
        return ["unsupported"]
    try:
        data = path.read_bytes()
        parsed = reader(data)
    except Exception as exc:  # noqa: BLE001 - any broken file is reported, never fatal
        log.warning("cannot read path=%s error=%r", path, exc)
        store_item(ledger, FailureItem(url=url, source=SOURCE, reason="unreadable", detail=f"{type(exc).__name__}: {exc}"[:1000]))
        return ["failed"]
    doc_id = document_id(SOURCE, url)
    statuses = []
    children = []
    for name, payload in parsed.attachments:
        sub = READERS.get(Path(name).suffix.lower())
        child_url = f"{url}#attachment={name}"
        if sub is None:
            statuses.append("unsupported")
            continue
        try:
            child = sub(payload)
        except Exception as exc:  # noqa: BLE001
            store_item(ledger, FailureItem(url=child_url, source=SOURCE, reason="unreadable", detail=str(exc)[:1000]))
            statuses.append("failed")
            continue
        child.meta.update({"attached_to": doc_id, "filename": name})
        statuses.append(_store(ledger, child_url, child, payload, name))
        children.append(document_id(SOURCE, child_url))
    if children:
        parsed.meta["attachments"] = children
    statuses.insert(0, _store(ledger, url, parsed, data, path.name))
    return statuses


def _store(ledger: Ledger, url: str, parsed: Parsed, data: bytes, filename: str) -> str:
    text = normalise_text(parsed.text or "")
    if not text and not parsed.title:
        store_item(ledger, FailureItem(url=url, source=SOURCE, reason="empty", detail="no text could be extracted"))
        return "failed"
    item = DocumentItem(source=SOURCE, url=url, canonical_url=url, text=text, title=parsed.title or Path(filename).stem,
                        author=parsed.author, published=parsed.published, language=parsed.language,
                        meta={"filename": filename, **parsed.meta}, doc_id=document_id(SOURCE, url),
                        spider="ingest", source_url=url, raw_hash=sha256(data).hexdigest())
    return store_item(ledger, item)


def _s(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _pdf_date(value: str | None) -> str | None:
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", value or "")
    if not m:
        return value
    return "-".join(p for p in m.groups() if p)
