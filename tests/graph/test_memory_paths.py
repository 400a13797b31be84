"""The embedded store's bidirectional path search agrees with networkx on random graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.store.memory import MemoryView


@pytest.mark.parametrize("seed", range(5))
def test_shortest_paths_match_networkx_on_random_graphs(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        n = rng.randint(2, 30)
        g = nx.MultiDiGraph()
        g.add_nodes_from(str(i) for i in range(n))
        for _ in range(rng.randint(0, 60)):
            g.add_edge(str(rng.randrange(n)), str(rng.randrange(n)), type=rng.choice(["CLIENT_OF", "OWNS"]))
        view = MemoryView.__new__(MemoryView)
        view.g = g
        a, b, hops = str(rng.randrange(n)), str(rng.randrange(n)), rng.randint(1, 5)
        und = nx.Graph()
        und.add_nodes_from(g.nodes)
        und.add_edges_from((u, v) for u, v, t in g.edges(data="type") if t == "CLIENT_OF")
        try:
            expected = sorted(p for p in nx.all_shortest_paths(und, a, b) if len(p) - 1 <= hops)
        except nx.NetworkXNoPath:
            expected = []
        assert view.shortest_paths(a, b, hops, ["CLIENT_OF"]) == expected
