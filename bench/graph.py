"""Graph benchmark: Neo4j load rate (UNWIND batches vs one transaction per row) and query latency.

A generated graph (default one million relationships, ``--rels`` to scale down) is written
through the stores' own writers. Printed: the UNWIND load rate, the per-row rate on a sample in
the same run and their ratio, then p50/p95 of search, neighbours and path on both backends.

The Neo4j part WIPES the configured database; it refuses to run on a non-empty one unless
``--wipe`` is given.

Usage:
    python bench/graph.py --rels 100000 [--wipe] [--skip-neo4j] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import analysis  # noqa: E402
from graph.project import EdgeRow, NodeRow  # noqa: E402
from graph.search import search  # noqa: E402

SYLLABLES = ["zor", "bi", "fex", "lu", "mia", "tra", "cen", "do", "vak", "ri", "po", "sel", "an", "ty", "qua", "nor"]
LABELS = [("Company", 0.45), ("Person", 0.35), ("Party", 0.03), ("PublicBody", 0.1), ("Media", 0.04), ("Product", 0.03)]
TYPES = ["CLIENT_OF", "CONTRACT_WITH", "DIRECTS", "WORKS_FOR", "OWNS", "PARTNER_OF", "MEMBER_OF", "FOUNDED"]


def generate(n_rels: int, seed: int = 7) -> tuple[list[NodeRow], list[EdgeRow]]:
    rng = random.Random(seed)
    n_nodes = max(10, n_rels // 5)
    labels = rng.choices([lb for lb, _ in LABELS], weights=[w for _, w in LABELS], k=n_nodes)
    nodes = []
    for i, label in enumerate(labels):
        name = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                        for _ in range(rng.randint(1, 3)))
        props = {"id": f"bench:{i}", "name": name, "type": label, "aliases": [name.upper()],
                 "merged_ids": [f"bench:{i}"], "search_keys": [f"bench:{i}", f"{100000000 + i}"],
                 "siren": f"{100000000 + i}"}
        nodes.append(NodeRow(f"bench:{i}", label, props))
    edges: dict[str, EdgeRow] = {}
    while len(edges) < n_rels:
        a, b = rng.randrange(n_nodes), int(rng.paretovariate(1.2)) % n_nodes  # a few hubs
        if a == b:
            continue
        rtype = rng.choice(TYPES)
        src, dst = f"bench:{a}", f"bench:{b}"
        if rtype == "PARTNER_OF" and dst < src:
            src, dst = dst, src
        row = EdgeRow(rtype, src, dst, {
            "sources": [f"doc:{rng.randrange(10**6)}"], "evidence": [f"Phrase {len(edges)} qui cite les deux."],
            "first_seen": "2021-01-01", "last_seen": "2022-01-01", "confidence": 0.7, "count": 1,
        })
        edges[row.key] = row
    return nodes, list(edges.values())


def percentiles(fn: Callable[[Any], Any], args: list[Any]) -> dict[str, float]:
    times = []
    for a in args:
        t = time.perf_counter()
        fn(a)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "n": len(times)}


def query_latencies(view: Any, nodes: list[NodeRow], rng: random.Random, n: int) -> dict[str, Any]:
    sample = rng.sample(nodes, min(n, len(nodes)))
    words = [r.props["name"].split()[0].lower()[:-1] for r in sample]  # a truncated word: fuzzy
    pairs = [(sample[i].id, sample[(i + 1) % len(sample)].id) for i in range(len(sample))]
    return {
        "search": percentiles(lambda w: search(view, w, limit=10), words),
        "neighbors": percentiles(lambda i: analysis.neighbors(view, i), [r.id for r in sample]),
        "path": percentiles(lambda p: analysis.paths(view, p[0], p[1], max_hops=3, limit=5), pairs),
    }


def bench_networkx(nodes: list[NodeRow], edges: list[EdgeRow], queries: int) -> dict[str, Any]:
    from graph.store.memory import MemoryStore

    store = MemoryStore(Path(tempfile.mkdtemp(prefix="ciblage-bench-")))
    t = time.perf_counter()
    with store.writer() as w:
        w.upsert_nodes(nodes)
        w.upsert_edges(edges)
    load_s = time.perf_counter() - t
    return {"load_seconds": round(load_s, 2), "rows_per_s": round((len(nodes) + len(edges)) / load_s),
            **query_latencies(store.view(), nodes, random.Random(1), queries)}


def bench_neo4j(nodes: list[NodeRow], edges: list[EdgeRow], queries: int, per_row_sample: int, wipe: bool,
                batch: int) -> dict[str, Any]:
    from graph.store.neo4j import Neo4jStore
    from graph import queries as q

    store = Neo4jStore(Path(tempfile.mkdtemp(prefix="ciblage-bench-")))
    existing = store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
    if existing and not wipe:
        raise SystemExit(f"the Neo4j database holds {existing} nodes; rerun with --wipe to let the bench delete them")
    with store.driver.session(database=store.database) as session:  # IN TRANSACTIONS needs auto-commit
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    t = time.perf_counter()
    with store.writer(batch_size=batch) as w:
        w.upsert_nodes(nodes)
    node_s = time.perf_counter() - t
    sample, bulk = edges[:per_row_sample], edges[per_row_sample:]
    t = time.perf_counter()
    with store.writer(batch_size=batch) as w:
        w.upsert_edges(bulk)
    unwind_s = time.perf_counter() - t
    t = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for row in sample:  # one managed transaction per relationship, same MERGE
            rows = [{"source": row.source, "target": row.target, "props": {**row.props, "_hash": row.hash}}]
            session.execute_write(lambda tx, r=rows, text=q.upsert_edges(row.type): tx.run(text, rows=r).consume())
    per_row_s = time.perf_counter() - t
    unwind_rate, per_row_rate = len(bulk) / unwind_s, len(sample) / per_row_s
    out = {
        "batch_size": batch, "nodes_per_s": round(len(nodes) / node_s),
        "rels_unwind_per_s": round(unwind_rate), "rels_per_row_tx_per_s": round(per_row_rate, 1),
        "per_row_sample": len(sample), "unwind_speedup": round(unwind_rate / per_row_rate, 1),
        "load_seconds": round(node_s + unwind_s, 1),
        **query_latencies(store.view(), nodes, random.Random(1), queries),
    }
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rels", type=int, default=1_000_000, help="relationships generated")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind for the percentiles")
    parser.add_argument("--per-row-sample", type=int, default=2000, help="relationships loaded one tx each")
    parser.add_argument("--batch", type=int, default=5000, help="rows per UNWIND batch")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--wipe", action="store_true", help="allow deleting a non-empty Neo4j database")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    nodes, edges = generate(args.rels)
    result: dict[str, Any] = {"nodes": len(nodes), "relationships": len(edges),
                              "generate_seconds": round(time.perf_counter() - t, 1)}
    result["networkx"] = bench_networkx(nodes, edges, args.queries)
    if not args.skip_neo4j:
        result["neo4j"] = bench_neo4j(nodes, edges, args.queries, args.per_row_sample, args.wipe, args.batch)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['nodes']} nodes, {result['relationships']} relationships")
        for backend in ("networkx", "neo4j"):
            if backend in result:
                r = result[backend]
                print(f"[{backend}] " + ", ".join(f"{k}={v}" for k, v in r.items() if not isinstance(v, dict)))
                for kind in ("search", "neighbors", "path"):
                    print(f"  {kind:9s} p50 {r[kind]['p50_ms']} ms  p95 {r[kind]['p95_ms']} ms  (n={r[kind]['n']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
