"""DECP public contracts: a published JSON file, or the Explore API for a buyer or supplier.

Arguments:
    url: DECP JSON files (2019 or 2022 schema), comma-separated; URLs, paths or file:// URLs.
    siret / siren: a buyer's or supplier's identifier, looked up in the Explore API dataset.
    dataset: Explore dataset id (default ``decp-2022-marches-valides``).
    base_url: Explore portal root (default ``https://data.economie.gouv.fr``).
Files are parsed in a streaming way from disk (:mod:`crawlers.parsers.jsonstream`).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Response

from ciblage.ids import clean_siren
from crawlers.base import CiblageSpider
from crawlers.bulk import BULK_SETTINGS, local_path, spooled
from crawlers.parsers import decp
from crawlers.parsers.jsonstream import iter_array

LIMIT = 100


class DecpSpider(CiblageSpider):
    name = "decp"
    source = "decp"
    default_base_url = "https://data.economie.gouv.fr"
    custom_settings = {**BULK_SETTINGS, "DOWNLOAD_DELAY": 0.5}

    def __init__(self, url: str = "", siret: str = "", siren: str = "", dataset: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = self.arg_list(url)
        self.ids = [v for v in (self.arg_list(siret) + self.arg_list(siren))]
        for value in self.ids:
            if not clean_siren(value):
                raise self.bad_argument(f"not a SIRET or SIREN: {value!r}")
        if not (self.urls or self.ids):
            raise self.bad_argument("decp needs -a url=FILE or -a siret=/-a siren=")
        self.dataset = dataset or "decp-2022-marches-valides"

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            path = local_path(url)
            if path is not None:
                for item in self.parse_path(path, path.resolve().as_uri()):
                    yield item
            else:
                yield self.request(url, self.parse_file)
        for ident in self.ids:
            yield self.api_page(ident, 0)

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
                for n, marche in enumerate(iter_array(fh, ["marches", "marche"]), 1):
                    yield from self.contract(marche, url, f"{url}#{n}")
        except ValueError as exc:
            yield self.failure(url, "invalid_json", f"after {n} contracts: {exc}")

    def contract(self, marche: Any, url: str, where: str) -> Iterator[Any]:
        try:
            yield decp.parse_contract(marche, url)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            yield self.failure(where, "parse_error", f"{type(exc).__name__}: {exc}")

    def api_page(self, ident: str, offset: int) -> Any:
        digits = "".join(c for c in ident if c.isdigit())
        fields = ["acheteur_id", "titulaire_id_1", "titulaire_id_2", "titulaire_id_3"]
        if len(digits) == 14:
            where = " or ".join(f'{f}="{digits}"' for f in fields)
        else:
            where = " or ".join(f'startswith({f}, "{digits}")' for f in fields)
        query = urlencode({"where": where, "limit": LIMIT, "offset": offset, "order_by": "datenotification desc"})
        url = f"{self.base_url}/api/explore/v2.1/catalog/datasets/{self.dataset}/records?{query}"
        return self.request(url, self.parse_api, meta={"ident": ident, "offset": offset})

    def parse_api(self, response: Response) -> Iterator[Any]:
        payload = json.loads(response.text)
        for i, row in enumerate(payload.get("results") or []):
            yield from self.contract(row, response.url, f"{response.url}#{i}")
        offset, total = response.meta["offset"] + LIMIT, int(payload.get("total_count") or 0)
        if offset < total and offset + LIMIT <= 10_000:
            yield self.api_page(response.meta["ident"], offset)
