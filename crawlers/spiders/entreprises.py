"""API Recherche d'entreprises (DINUM): companies, their officers, their type.

Arguments:
    q: company names, ``|``-separated (only results whose name, legal name, sigle or trade
        name equals the query are kept, unless ``match=all``).
    siren: SIRENs or SIRETs, comma-separated (a SIRET gives its SIREN).
    base_url: the API root (default ``https://recherche-entreprises.api.gouv.fr``).
Without ``q`` or ``siren``: the watchlist names plus the ledger's COMPANY entities without a
SIREN yet (e.g. organisations the NLP found). Rate limit: 7 requests/s per IP (published);
one request at a time with a 0.2 s delay stays under it.
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
from crawlers.parsers import entreprises
from crawlers.watchlist import Watchlist


class EntreprisesSpider(CiblageSpider):
    name = "entreprises"
    source = "entreprises"
    default_base_url = "https://recherche-entreprises.api.gouv.fr"
    custom_settings = {
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 0.2,
        "AUTOTHROTTLE_START_DELAY": 0.2,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    }
    per_page = 10

    def __init__(self, q: str = "", siren: str = "", match: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.names = self.arg_list(q, "|")
        self.sirens = []
        for value in self.arg_list(siren):
            s = clean_siren(value)
            if not s:
                raise self.bad_argument(f"not a SIREN or SIRET: {value!r}")
            self.sirens.append(s)
        self.keep_all = match.strip().lower() == "all"

    def default_names(self) -> list[str]:
        names = Watchlist.load().names
        data_dir = Path(self.settings.get("CIBLAGE_DATA_DIR") or env.data_dir())
        if (data_dir / "ledger.sqlite").exists():
            with Ledger.open(data_dir) as ledger:
                names += [e["name"] for e in ledger.entities()
                          if e["type"] == "COMPANY" and not e["id"].startswith("siren:")
                          and not e["identifiers"].get("siren")]
        return sorted(set(names))

    async def start(self) -> AsyncIterator[Any]:
        names = self.names if (self.names or self.sirens) else self.default_names()
        for s in self.sirens:
            yield self.search(s, query_kind="siren")
        for name in names:
            yield self.search(name, query_kind="name")

    def search(self, q: str, query_kind: str, page: int = 1) -> Any:
        url = f"{self.base_url}/search?" + urlencode({"q": q, "page": page, "per_page": self.per_page})
        return self.request(url, self.parse_search, meta={"q": q, "query_kind": query_kind})

    def parse_search(self, response: Response) -> Iterator[Any]:
        payload = json.loads(response.text)
        q, kind = response.meta["q"], response.meta["query_kind"]
        kept = 0
        for result in payload.get("results") or []:
            if kind == "name" and not self.keep_all and not entreprises.matches_query(result, q):
                continue
            if kind == "siren" and str(result.get("siren")) != q:
                continue
            kept += 1
            yield entreprises.parse_result(result, url=response.url)
        if not kept:
            self.logger.info("no matching company q=%s results=%s", q, payload.get("total_results"))
