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


@pytest.fixture(scope="session")
def neo4j_driver():
    """A driver on the Neo4j at NEO4J_URI (NEO4J_USER/NEO4J_PASSWORD), shared by the session.

    Unreachable: the test fails under ``CI=true`` (``.ci/run`` starts a server, so never skip
    there) and skips elsewhere with how to start one.
    """
    from ciblage import settings
    from ciblage.errors import Neo4jUnavailable
    from graph.server import connect

    try:
        driver = connect(timeout=5)
    except Neo4jUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but Neo4j is not usable at NEO4J_URI={settings.neo4j_uri()}: {exc}")
        pytest.skip(f"Neo4j not reachable at NEO4J_URI={settings.neo4j_uri()} ({exc}); "
                    "start it with `ciblage neo4j start`")
    yield driver
    driver.close()


@pytest.fixture()
def neo4j_clean(neo4j_driver):
    """The session's Neo4j driver, on a database with every node deleted first."""
    from ciblage import settings

    with neo4j_driver.session(database=settings.neo4j_database()) as session:
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS").consume()
    return neo4j_driver
