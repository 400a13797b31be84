"""Bulk files (DECP, HATVP register, CNIL archives): local paths or downloaded bodies, on disk.

Scrapy holds a downloaded body in memory once; we write it to a temporary file and parse the
file in a streaming way, so the parsed objects never all sit in memory at once. Local paths
and ``file://`` URLs are read in place, without a download.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Bulk spiders accept bodies up to this size (the HATVP register is ~140 MB).
BULK_SETTINGS = {
    "DOWNLOAD_MAXSIZE": 2 * 1024**3,
    "DOWNLOAD_WARNSIZE": 256 * 1024**2,
    "DOWNLOAD_TIMEOUT": 900,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "HTTPCACHE_ENABLED": False,
}


def local_path(url: str) -> Path | None:
    """The path of a local file given as a path or a ``file://`` URL, else None."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme in ("", "c", "d") or (len(parts.scheme) == 1 and url[1:3] == ":\\"):
        return Path(url).expanduser()
    return None


def spool(body: bytes, suffix: str = "") -> Path:
    """Write a body to a temporary file (deleted by the caller) and return its path."""
    fh = tempfile.NamedTemporaryFile(prefix="ciblage-bulk-", suffix=suffix, delete=False)
    with fh:
        fh.write(body)
    return Path(fh.name)


@contextmanager
def spooled(body: bytes, suffix: str = "") -> Iterator[Path]:
    """:func:`spool` a body for the length of a ``with`` block, then delete the file."""
    path = spool(body, suffix)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)
