"""Fixtures of the crawler tests: the source-format fixtures served on 127.0.0.1."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.localserver import LocalServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
#: Settings for crawls against the local server: no politeness delays, quick backoff.
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "HTTPCACHE_ENABLED": False,
        "CIBLAGE_BACKOFF_BASE": 0.05, "RETRY_TIMES": 2, "LOG_LEVEL": "INFO"}


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """A private copy of the fixtures, so a test can change a page between two crawls."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES, root)
    return root


@pytest.fixture()
def server(site: Path) -> Iterator[LocalServer]:
    with LocalServer(site) as srv:
        yield srv
