"""Every Cypher query of ciblage: named constants and small builders, one clause per line.

Values always travel as ``$parameters``. Labels and relationship types come only from the
vocabulary (:mod:`graph.model`), backtick-quoted by :func:`graph.model.quote`; builders check
them and refuse anything else, so user text never becomes Cypher.
Model: ``neo4j/neo4j-graphrag-python:src/neo4j_graphrag/neo4j_queries.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ciblage.errors import GraphError
from graph.model import DOCUMENT, ENTITY, key_label, quote, type_labels

#: Label of the node holding the load marker (bookkeeping; never matched by entity queries).
LOAD_LABEL = "`CiblageLoad`"
FULLTEXT_INDEX = "entity_names"
FULLTEXT_ANALYZER = "standard-folding"
MAX_HOPS_LIMIT = 10

SCHEMA = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS\nFOR (n:`Entity`)\nREQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS\nFOR (n:`Document`)\nREQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT contract_id IF NOT EXISTS\nFOR (n:`Contract`)\nREQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT load_marker_key IF NOT EXISTS\nFOR (n:`CiblageLoad`)\nREQUIRE n.key IS UNIQUE",
    "CREATE INDEX entity_siren IF NOT EXISTS\nFOR (n:`Entity`)\nON (n.siren)",
    "CREATE INDEX entity_type IF NOT EXISTS\nFOR (n:`Entity`)\nON (n.type)",
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS\nFOR (n:`Entity`)\n"
    "ON EACH [n.name, n.aliases, n.search_keys]\n"
    f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{FULLTEXT_ANALYZER}'}}}}",
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

GET_MARKER = f"MATCH (m:{LOAD_LABEL} {{key: $key}})\nRETURN properties(m) AS marker"
SET_MARKER = f"MERGE (m:{LOAD_LABEL} {{key: $key}})\nSET m = $props"

NODE_HASHES = (
    "MATCH (n:`Entity`)\nRETURN n.id AS id, n._hash AS hash\n"
    "UNION ALL\n"
    "MATCH (n:`Document`)\nRETURN n.id AS id, n._hash AS hash"
)
EDGE_HASHES = (
    "MATCH (a)-[r]->(b)\n"
    "WHERE r._hash IS NOT NULL\n"
    "RETURN type(r) AS type, a.id AS source, b.id AS target, r._hash AS hash"
)

GET_NODE = (
    "MATCH (n:`Entity` {id: $id})\nRETURN properties(n) AS node\n"
    "UNION ALL\n"
    "MATCH (n:`Document` {id: $id})\nRETURN properties(n) AS node"
)
GET_MERGED = "MATCH (n:`Entity`)\nWHERE $id IN n.merged_ids\nRETURN properties(n) AS node\nORDER BY n.id\nLIMIT 1"
ALL_NODES = (
    "MATCH (n)\n"
    "WHERE (n:`Entity` OR n:`Document`)\n"
    "AND ($labels IS NULL OR n.type IN $labels)\n"
    "RETURN properties(n) AS node"
)
ALL_EDGES = (
    "MATCH (a)-[r]->(b)\n"
    "WHERE r._hash IS NOT NULL\n"
    "AND ($types IS NULL OR type(r) IN $types)\n"
    "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props"
)
SEARCH_FULLTEXT = (
    f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $query, {{limit: $limit}})\n"
    "YIELD node, score\n"
    "RETURN properties(node) AS node, score"
)
EDGES_BETWEEN = (
    "MATCH (a:`Entity` {id: $a})-[r]-(b:`Entity` {id: $b})\n"
    "WHERE $types IS NULL OR type(r) IN $types\n"
    "RETURN type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS props"
)
COUNT_NODES = (
    "MATCH (n)\n"
    "WHERE n:`Entity` OR n:`Document`\n"
    "RETURN n.type AS label, count(*) AS n"
)
COUNT_RELATIONSHIPS = "MATCH ()-[r]->()\nWHERE r._hash IS NOT NULL\nRETURN type(r) AS type, count(*) AS n"


def upsert_nodes(label: str) -> str:
    """MERGE nodes of one type label on their key label's ``id``, replacing their properties.

    A node whose type changed (a correction) loses its former type label.
    """
    key = key_label(label)
    lines = ["UNWIND $rows AS row", f"MERGE (n:{quote(key)} {{id: row.id}})", "SET n = row.props"]
    if label != key:
        lines.append(f"SET n:{quote(label)}")
        others = [o for o in type_labels() if o != label and key_label(o) == key]
        if others:
            lines.append("REMOVE n:" + ":".join(quote(o) for o in others))
    return "\n".join(lines)


def endpoint_labels(rtype: str) -> tuple[str, str]:
    """Key labels of a relationship's ends: MENTIONS goes from a Document, the rest join entities."""
    return (DOCUMENT, ENTITY) if rtype == "MENTIONS" else (ENTITY, ENTITY)


def upsert_edges(rtype: str) -> str:
    """MERGE relationships of one type between existing nodes, replacing their properties."""
    src, dst = endpoint_labels(rtype)
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (a:{quote(src)} {{id: row.source}})",
        f"MATCH (b:{quote(dst)} {{id: row.target}})",
        f"MERGE (a)-[r:{quote(rtype)}]->(b)",
        "SET r = row.props",
    ])


def delete_edges(rtype: str) -> str:
    src, dst = endpoint_labels(rtype)
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (a:{quote(src)} {{id: row.source}})-[r:{quote(rtype)}]->(b:{quote(dst)} {{id: row.target}})",
        "DELETE r",
    ])


def delete_nodes(key: str) -> str:
    if key not in (ENTITY, DOCUMENT):
        raise GraphError(f"{key!r} is not a key label")
    return "\n".join(["UNWIND $ids AS id", f"MATCH (n:{quote(key)} {{id: id}})", "DETACH DELETE n"])


def neighbours(key: str, direction: str) -> str:
    """Relationships of one node with the nodes at their other end; filters are parameters."""
    patterns = {"out": "-[r]->", "in": "<-[r]-", "both": "-[r]-"}
    if direction not in patterns or key not in (ENTITY, DOCUMENT):
        raise GraphError(f"bad neighbours query: {key!r} {direction!r}")
    return "\n".join([
        f"MATCH (n:{quote(key)} {{id: $id}}){patterns[direction]}(m)",
        "WHERE ($types IS NULL OR type(r) IN $types)",
        "AND ($labels IS NULL OR m.type IN $labels)",
        "AND r._hash IS NOT NULL",
        "RETURN type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, "
        "properties(r) AS props, properties(m) AS node",
    ])


def shortest_paths(max_hops: int, rel_types: Iterable[str]) -> str:
    """All shortest undirected paths between two entities over the given types.

    Cypher cannot take a variable-length bound as a parameter, so ``max_hops`` is checked to
    be an integer in range before it is written into the text.
    """
    if isinstance(max_hops, bool) or not isinstance(max_hops, int) or not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise GraphError(f"max hops must be an integer from 1 to {MAX_HOPS_LIMIT}, not {max_hops!r}")
    types = sorted(set(rel_types))
    if not types:
        raise GraphError("a path needs at least one relationship type")
    alternatives = "|".join(quote(t) for t in types)
    return "\n".join([
        f"MATCH p = allShortestPaths((a:`Entity` {{id: $a}})-[:{alternatives}*..{max_hops}]-(b:`Entity` {{id: $b}}))",
        "RETURN [n IN nodes(p) | n.id] AS ids",
    ])
