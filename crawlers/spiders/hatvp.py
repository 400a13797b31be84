"""HATVP register of interest representatives (the ~140 MB JSON export), streamed.

Arguments:
    url: the export (default ``https://www.hatvp.fr/agora/opendata/agora_repertoire_opendata.json``);
        a URL, a path or a file:// URL.
The body is written to a temporary file and its ``publications`` array decoded one
organisation at a time (:mod:`crawlers.parsers.jsonstream`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from scrapy.http import Response

from crawlers.base import CiblageSpider
from crawlers.bulk import BULK_SETTINGS, local_path, spooled
from crawlers.parsers import hatvp
from crawlers.parsers.jsonstream import iter_array

DEFAULT_URL = "https://www.hatvp.fr/agora/opendata/agora_repertoire_opendata.json"


class HatvpSpider(CiblageSpider):
    name = "hatvp"
    source = "hatvp"
    custom_settings = dict(BULK_SETTINGS)

    def __init__(self, url: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = self.arg_list(url) or [DEFAULT_URL]

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            path = local_path(url)
            if path is not None:
                for item in self.parse_path(path, path.resolve().as_uri()):
                    yield item
            else:
                yield self.request(url, self.parse_file)

    def parse_file(self, response: Response) -> Iterator[Any]:
        with spooled(response.body, ".json") as path:
            yield from self.parse_path(path, response.url)

    def parse_path(self, path: Path, url: str) -> Iterator[Any]:
        if not path.is_file():
            yield self.failure(url, "not_found", f"no such file: {path}")
            return
        n = 0
        try:
            with path.open("rb") as fh:
                for n, org in enumerate(iter_array(fh, ["publications"]), 1):
                    try:
                        yield hatvp.parse_org(org, url)
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        yield self.failure(f"{url}#{n}", "parse_error", f"{type(exc).__name__}: {exc}")
        except ValueError as exc:
            yield self.failure(url, "invalid_json", f"after {n} organisations: {exc}")
