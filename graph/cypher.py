"""``ciblage cypher``: a journalist's own Cypher, read-only, bounded in time and rows.

Defence in depth: the query is first planned with ``EXPLAIN`` and refused unless the planner
calls it read-only (``summary.query_type == 'r'``); it then runs in a READ-mode session, in a
transaction with a timeout, and only the first ``max_rows`` records are kept. ``LOAD CSV`` is
refused outright: it is a read, but it reads files and URLs.

Example:
    >>> run_read_only(driver, "MATCH (n:Entity {id: $id}) RETURN n.name AS name",
    ...               {"id": "siren:732829320"}, database="neo4j")
    (['name'], [{'name': 'Zorbifex Data'}], False)
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ciblage.errors import GraphError, ReadOnlyViolation

if TYPE_CHECKING:
    import neo4j

_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.IGNORECASE)


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; values are JSON when they parse as JSON, else strings."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier():
            raise GraphError(f"bad --param {pair!r}: expected key=value", hint='Example: --param name="Zorbifex"')
        try:
            params[key] = json.loads(raw)
        except ValueError:
            params[key] = raw
    return params


def check_read_only(session: neo4j.Session, query: str, params: dict[str, Any]) -> str:
    """Plan the query and return its type; raise unless it is read-only."""
    if _LOAD_CSV.search(query):
        raise ReadOnlyViolation("LOAD CSV is not allowed in ciblage cypher")
    body = _PREFIX.sub("", query, count=1)
    summary = session.run("EXPLAIN " + body, params).consume()
    if summary.query_type != "r":
        raise ReadOnlyViolation(f"refused: the query would write (query type {summary.query_type!r})")
    return summary.query_type


def to_plain(value: Any) -> Any:
    """Nodes, relationships, paths and temporal values as JSON-able data."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **_public(dict(value))}
    if isinstance(value, Relationship):
        return {"type": value.type, "start": value.start_node.get("id") if value.start_node else None,
                "end": value.end_node.get("id") if value.end_node else None, **_public(dict(value))}
    if isinstance(value, Path):
        return {"nodes": [to_plain(n) for n in value.nodes], "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _public(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if not k.startswith("_")}


def run_read_only(
    driver: neo4j.Driver, query: str, params: dict[str, Any] | None = None, *, database: str,
    timeout: float = 30.0, max_rows: int = 1000,
) -> tuple[list[str], list[dict[str, Any]], bool]:
    """Run a read-only query. Returns ``(columns, rows, truncated)``.

    Raises:
        ReadOnlyViolation: when the query would write (or uses LOAD CSV).
        GraphError: on a syntax error, a timeout or another refusal by the server.
    """
    import neo4j
    from neo4j.exceptions import ClientError, Neo4jError

    params = params or {}
    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            check_read_only(session, query, params)

            def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]], bool]:
                result = tx.run(query, params)
                columns = list(result.keys())
                rows, truncated = [], False
                for record in result:
                    if len(rows) >= max_rows:
                        truncated = True
                        break
                    rows.append({k: to_plain(record[k]) for k in columns})
                result.consume()
                return columns, rows, truncated

            return session.execute_read(neo4j.unit_of_work(timeout=timeout)(work))
    except ReadOnlyViolation:
        raise
    except ClientError as exc:
        code = exc.code or ""
        if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
            raise ReadOnlyViolation(f"refused by the server: {exc.message}") from exc
        if "Timeout" in code or "TransactionTimedOut" in code or "Terminated" in code:
            raise GraphError(f"query stopped after the {timeout:g} s timeout ({code})",
                             hint="Narrow the query (labels, LIMIT) or raise --timeout.") from exc
        raise GraphError(f"Neo4j refused the query: {exc.message} ({code})") from exc
    except Neo4jError as exc:
        raise GraphError(f"Neo4j error: {exc.message} ({exc.code})") from exc
