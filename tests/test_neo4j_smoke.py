"""The local Neo4j server (graph/server.py): a write/read round trip and the connection errors."""

from __future__ import annotations

import time

import pytest

from ciblage import settings
from ciblage.errors import Neo4jUnavailable
from graph import server


@pytest.mark.neo4j
def test_create_read_delete_node(neo4j_clean) -> None:
    db = settings.neo4j_database()
    neo4j_clean.execute_query("CREATE (:SmokeTest {key: $key, name: $name})",
                              key="smoke-1", name="Agence Électorale", database_=db)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (n:SmokeTest {key: $key}) RETURN n.name AS name", key="smoke-1", database_=db)
    assert [r["name"] for r in records] == ["Agence Électorale"]
    _, summary, _ = neo4j_clean.execute_query(
        "MATCH (n:SmokeTest {key: $key}) DELETE n", key="smoke-1", database_=db)
    assert summary.counters.nodes_deleted == 1
    records, _, _ = neo4j_clean.execute_query("MATCH (n:SmokeTest) RETURN count(n) AS c", database_=db)
    assert records[0]["c"] == 0


@pytest.mark.neo4j
def test_server_reports_neo4j_5(neo4j_driver) -> None:
    version = server.check_connection()
    assert int(version.split(".")[0]) >= 5


@pytest.mark.neo4j
def test_wrong_password_is_a_clear_error(neo4j_driver) -> None:
    with pytest.raises(Neo4jUnavailable, match="refused the credentials of user"):
        server.check_connection(password="definitely-not-the-password", timeout=5)


@pytest.mark.neo4j
def test_missing_database_is_a_clear_error(neo4j_driver) -> None:
    with pytest.raises(Neo4jUnavailable, match="has no database 'nosuchdb'"):
        server.check_connection(database="nosuchdb", timeout=5)


def test_unreachable_port_fails_fast_with_a_clear_error() -> None:
    began = time.monotonic()
    with pytest.raises(Neo4jUnavailable, match=r"unreachable at bolt://127\.0\.0\.1:1"):
        server.connect(uri="bolt://127.0.0.1:1", user="neo4j", password="whatever-pass", timeout=3)
    assert time.monotonic() - began < 15


def test_bad_uri_is_a_clear_error() -> None:
    with pytest.raises(Neo4jUnavailable, match="invalid NEO4J_URI"):
        server.check_connection(uri="ftp://127.0.0.1:7687", timeout=3)


def test_pom_pins_one_neo4j_5_26_version() -> None:
    version = server.neo4j_version()
    assert version.startswith("5.26.") and version.count(".") == 2


def test_configure_writes_loopback_conf(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIBLAGE_NEO4J_BOLT_PORT", "17687")
    monkeypatch.setenv("CIBLAGE_NEO4J_HTTP_PORT", "17474")
    monkeypatch.setenv("CIBLAGE_NEO4J_HEAP", "2g")
    (tmp_path / "data" / "databases" / "system").mkdir(parents=True)  # existing store: no neo4j-admin
    assert server.configure(tmp_path) is False
    conf = (tmp_path / "conf" / "neo4j.conf").read_text()
    assert "server.bolt.listen_address=127.0.0.1:17687" in conf
    assert "server.http.listen_address=127.0.0.1:17474" in conf
    assert "server.memory.heap.max_size=2g" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "dbms.usage_report.enabled=false" in conf


def test_status_of_an_empty_home(tmp_path) -> None:
    info = server.status(tmp_path)
    assert info["installed"] is False and info["running"] is False and info["version"] is None


def test_server_older_than_5_is_refused() -> None:
    class OldServer:  # what a Neo4j 4.4 answers to dbms.components()
        def verify_connectivity(self) -> None:
            pass

        def session(self, database: str):
            import contextlib
            from unittest import mock

            run = mock.Mock(return_value=mock.Mock(single=lambda strict: {"version": "4.4.30"}))
            return contextlib.nullcontext(mock.Mock(run=run))

    with pytest.raises(Neo4jUnavailable, match="version 4.4.30; ciblage needs Neo4j 5"):
        server._server_version(OldServer(), "bolt://old:7687", "neo4j", "neo4j")
