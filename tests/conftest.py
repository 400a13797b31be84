"""Shared fixtures: every test gets a fresh data directory, so order never matters."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary CIBLAGE_DATA for each test, with the networkx backend."""
    path = tmp_path / "ciblage-data"
    monkeypatch.setenv("CIBLAGE_DATA", str(path))
    monkeypatch.setenv("CIBLAGE_BACKEND", os.environ.get("CIBLAGE_TEST_BACKEND", "networkx"))
    monkeypatch.setenv("CIBLAGE_HTTPCACHE", "0")
    return path
