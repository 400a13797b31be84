"""BODACC annonces commerciales through the Opendatasoft Explore v2.1 API.

Arguments:
    siren: SIRENs, comma-separated. Without it: every ``siren:`` company of the ledger.
    base_url: the portal root (default ``https://bodacc-datadila.opendatasoft.com``).
Pages of 100 notices (``limit`` ≤ 100, ``offset + limit`` ≤ 10 000 on the records endpoint).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Response

from ciblage import settings as env
from ciblage.ids import clean_siren
from ciblage.ledger import Ledger
from crawlers.base import CiblageSpider
from crawlers.parsers import bodacc

RECORDS = "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"
LIMIT = 100
MAX_WINDOW = 10_000


class BodaccSpider(CiblageSpider):
    name = "bodacc"
    source = "bodacc"
    default_base_url = "https://bodacc-datadila.opendatasoft.com"
    custom_settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0.5}

    def __init__(self, siren: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sirens = []
        for value in self.arg_list(siren):
            s = clean_siren(value)
            if not s:
                raise self.bad_argument(f"not a SIREN: {value!r}")
            self.sirens.append(s)

    def ledger_sirens(self) -> list[str]:
        data_dir = Path(self.settings.get("CIBLAGE_DATA_DIR") or env.data_dir())
        if not (data_dir / "ledger.sqlite").exists():
            return []
        with Ledger.open(data_dir) as ledger:
            return sorted({e["id"][6:] for e in ledger.entities() if e["id"].startswith("siren:")})

    async def start(self) -> AsyncIterator[Any]:
        for siren in self.sirens or self.ledger_sirens():
            yield self.page(siren, 0)

    def page(self, siren: str, offset: int) -> Any:
        query = urlencode({"where": f'registre like "{siren}"', "order_by": "dateparution desc",
                           "limit": LIMIT, "offset": offset})
        return self.request(f"{self.base_url}{RECORDS}?{query}", self.parse_records,
                            meta={"siren": siren, "offset": offset})

    def parse_records(self, response: Response) -> Iterator[Any]:
        payload = json.loads(response.text)
        results = payload.get("results")
        if results is None and "records" in payload:  # legacy v1 shape: records[].fields
            results = [r.get("fields", {}) for r in payload["records"]]
        for notice in results or []:
            yield bodacc.parse_notice(notice, api_url=response.url)
        offset, total = response.meta["offset"] + LIMIT, int(payload.get("total_count") or 0)
        if offset < total and offset + LIMIT <= MAX_WINDOW:
            yield self.page(response.meta["siren"], offset)
