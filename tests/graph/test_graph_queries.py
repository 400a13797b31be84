"""Cypher builders' exact text, the Lucene query builder, and the read-only cypher runner.

Model: ``neo4j/neo4j-graphrag-python:tests/unit/test_neo4j_queries.py``.
"""

from __future__ import annotations

import pytest

from ciblage.errors import GraphError, ReadOnlyViolation
from graph import model, queries
from graph.cypher import parse_params, run_read_only
from graph.search import lucene_query


def test_upsert_nodes_query_merges_on_key_label_and_fixes_type_label() -> None:
    others = [f"`{lb}`" for lb in model.type_labels() if lb not in ("Company", "Document")]
    assert queries.upsert_nodes("Company") == (
        "UNWIND $rows AS row\n"
        "MERGE (n:`Entity` {id: row.id})\n"
        "SET n = row.props\n"
        "SET n:`Company`\n"
        "REMOVE n:" + ":".join(others)
    )
    assert queries.upsert_nodes("Document") == (
        "UNWIND $rows AS row\nMERGE (n:`Document` {id: row.id})\nSET n = row.props"
    )


def test_upsert_and_delete_edges_queries() -> None:
    assert queries.upsert_edges("CLIENT_OF") == (
        "UNWIND $rows AS row\n"
        "MATCH (a:`Entity` {id: row.source})\n"
        "MATCH (b:`Entity` {id: row.target})\n"
        "MERGE (a)-[r:`CLIENT_OF`]->(b)\n"
        "SET r = row.props"
    )
    assert queries.delete_edges("MENTIONS") == (
        "UNWIND $rows AS row\n"
        "MATCH (a:`Document` {id: row.source})-[r:`MENTIONS`]->(b:`Entity` {id: row.target})\n"
        "DELETE r"
    )
    assert queries.delete_nodes("Entity") == "UNWIND $ids AS id\nMATCH (n:`Entity` {id: id})\nDETACH DELETE n"


def test_shortest_paths_query_checks_hops_and_types() -> None:
    assert queries.shortest_paths(3, ["OWNS", "DIRECTS"]) == (
        "MATCH p = allShortestPaths((a:`Entity` {id: $a})-[:`DIRECTS`|`OWNS`*..3]-(b:`Entity` {id: $b}))\n"
        "RETURN [n IN nodes(p) | n.id] AS ids"
    )
    for bad in (0, 11, "3; MATCH (n) DETACH DELETE n", True):
        with pytest.raises(GraphError):
            queries.shortest_paths(bad, ["OWNS"])  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["Company`) DETACH DELETE (n", "Nope", "company"])
def test_builders_refuse_labels_outside_the_vocabulary(name: str) -> None:
    with pytest.raises(GraphError):
        queries.upsert_nodes(name)
    with pytest.raises(GraphError):
        queries.upsert_edges(name)


def test_neighbours_query_text() -> None:
    assert queries.neighbours("Entity", "out").splitlines()[0] == "MATCH (n:`Entity` {id: $id})-[r]->(m)"
    with pytest.raises(GraphError):
        queries.neighbours("Entity", "sideways")


def test_fulltext_index_uses_the_folding_analyzer() -> None:
    ddl = next(s for s in queries.SCHEMA if "FULLTEXT" in s)
    assert "ON EACH [n.name, n.aliases, n.search_keys]" in ddl
    assert "`fulltext.analyzer`: 'standard-folding'" in ddl


@pytest.mark.parametrize("text, expected", [
    ("Électeurs", "electeurs^4 electeurs* electeurs~2"),
    ("LMP", "lmp^4 lmp*"),
    ('a) OR name:"x" AND *', "or^4 name^4 name* name~1 and^4 and*"),  # no Lucene syntax passes
    ("732 829 320", "732^4 732* 829^4 829* 320^4 320* 732829320"),
])
def test_lucene_query_is_built_from_folded_words(text: str, expected: str) -> None:
    assert lucene_query(text) == expected


def test_parse_params_reads_json_when_it_can() -> None:
    assert parse_params(["n=3", "name=Zorbifex", 'ids=["a","b"]', "flag=true"]) == {
        "n": 3, "name": "Zorbifex", "ids": ["a", "b"], "flag": True}
    with pytest.raises(GraphError):
        parse_params(["no-equals"])


@pytest.mark.neo4j
def test_cypher_runs_reads_with_params(neo4j_clean) -> None:
    neo4j_clean.execute_query("CREATE (:Entity:Company {id: 'x', name: 'Zorbifex'})", database_="neo4j")
    columns, rows, truncated = run_read_only(neo4j_clean, "MATCH (n:Entity {id: $id}) RETURN n.name AS name, n",
                                             {"id": "x"}, database="neo4j")
    assert columns == ["name", "n"] and rows[0]["name"] == "Zorbifex" and not truncated
    assert rows[0]["n"]["labels"] == ["Company", "Entity"]
    _, rows, truncated = run_read_only(neo4j_clean, "UNWIND range(1, 50) AS i RETURN i", database="neo4j", max_rows=10)
    assert len(rows) == 10 and truncated


@pytest.mark.neo4j
@pytest.mark.parametrize("query", [
    "CREATE (n:Entity {id: 'evil'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Entity) SET n.name = 'x' RETURN n",
    "MERGE (n:Entity {id: 'evil'}) RETURN n",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
])
def test_cypher_refuses_writes(neo4j_clean, query: str) -> None:
    neo4j_clean.execute_query("CREATE (:Entity {id: 'x', name: 'kept'})", database_="neo4j")
    with pytest.raises(ReadOnlyViolation):
        run_read_only(neo4j_clean, query, database="neo4j")
    records, _, _ = neo4j_clean.execute_query("MATCH (n) RETURN n.name AS name, n.id AS id", database_="neo4j")
    assert [(r["id"], r["name"]) for r in records] == [("x", "kept")]


@pytest.mark.neo4j
def test_cypher_times_out(neo4j_clean) -> None:
    slow = "UNWIND range(1, 300000000) AS i WITH i WHERE i % 7 = 0 RETURN count(i) AS n"
    with pytest.raises(GraphError, match="timeout"):
        run_read_only(neo4j_clean, slow, database="neo4j", timeout=0.5)


@pytest.mark.neo4j
def test_cypher_reports_syntax_errors(neo4j_clean) -> None:
    with pytest.raises(GraphError):
        run_read_only(neo4j_clean, "MATCH (n RETURN n", database="neo4j")
