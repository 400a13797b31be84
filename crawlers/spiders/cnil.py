"""CNIL deliberations from DILA's open data (``CNILTEXT*.xml``, or the ``.tar.gz`` archives).

Arguments:
    url: XML files or ``.tar.gz`` archives, comma-separated; URLs, paths, file:// URLs or local
        folders (every ``*.xml`` inside, recursively).
    index: a directory listing (HTML, e.g. ``https://echanges.dila.gouv.fr/OPENDATA/CNIL/``) or a
        plain-text list of URLs; every ``.xml`` / ``.tar.gz`` link is fetched.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from scrapy.http import Response, TextResponse

from crawlers.base import CiblageSpider
from crawlers.bulk import BULK_SETTINGS, local_path, spooled
from crawlers.parsers import cnil

_LINK = re.compile(r"\.(?:xml|tar\.gz|tgz)$", re.I)


class CnilSpider(CiblageSpider):
    name = "cnil"
    source = "cnil"
    custom_settings = {**BULK_SETTINGS, "DOWNLOAD_DELAY": 0.5}

    def __init__(self, url: str = "", index: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls, self.indexes = self.arg_list(url), self.arg_list(index)
        if not (self.urls or self.indexes):
            raise self.bad_argument("cnil needs -a url=FILE.xml or -a index=LISTING")

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            path = local_path(url)
            if path is not None:
                for item in self.parse_local(path):
                    yield item
            else:
                yield self.request(url, self.parse_file)
        for url in self.indexes:
            yield self.request(url, self.parse_index)

    def parse_index(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            yield self.failure(response.url, "content_type", "an index must be an HTML listing or a text list")
            return
        links = response.css("a::attr(href)").getall() if b"<a" in response.body[:200000].lower() \
            else response.text.split()
        for href in links:
            if _LINK.search(href.split("?")[0]):
                yield self.request(response.urljoin(href), self.parse_file)

    def parse_file(self, response: Response) -> Iterator[Any]:
        name = response.url.split("?")[0].lower()
        if name.endswith((".tar.gz", ".tgz")) or response.body[:2] == b"\x1f\x8b":
            with spooled(response.body, ".tar.gz") as path:
                yield from self.parse_archive(path, response.url)
            return
        yield from self.one(response.body, response.url)

    def parse_local(self, path: Path) -> Iterator[Any]:
        if path.is_dir():
            for xml in sorted(path.rglob("*.xml")):
                yield from self.one(xml.read_bytes(), xml.resolve().as_uri())
        elif path.name.endswith((".tar.gz", ".tgz")):
            yield from self.parse_archive(path, path.resolve().as_uri())
        elif path.is_file():
            yield from self.one(path.read_bytes(), path.resolve().as_uri())
        else:
            yield self.failure(str(path), "not_found", f"no such file: {path}")

    def parse_archive(self, path: Path, url: str) -> Iterator[Any]:
        try:
            with tarfile.open(path, "r:*") as tar:
                for member in tar:
                    if member.isfile() and member.name.endswith(".xml") and "CNILTEXT" in member.name.upper():
                        fh = tar.extractfile(member)
                        if fh is not None:
                            yield from self.one(fh.read(), f"{url}#{member.name}")
        except (tarfile.TarError, OSError) as exc:
            yield self.failure(url, "bad_archive", f"{type(exc).__name__}: {exc}")

    def one(self, body: bytes, url: str) -> Iterator[Any]:
        try:
            delib = cnil.parse_xml(body)
        except ValueError as exc:
            yield self.failure(url, "parse_error", str(exc))
            return
        yield cnil.to_item(delib, fetched_from=url)
