"""The network as a picture: an interactive HTML map (pyvis, works offline) and PNG/SVG.

Nodes are coloured by type and sized by degree; each edge's tooltip carries its evidence
quotes and sources; a legend names the colours. The vis.js library is inlined
(``cdn_resources="in_line"``) and pyvis's CDN stylesheet links are stripped, so the file opens
with no network at all.

Example:
    >>> write_network_html(data_dir=Path("ciblage-data"), path=Path("network.html"))
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph import model

if TYPE_CHECKING:
    from graph.store.base import GraphStore

#: Largest map drawn; beyond it the best-connected nodes are kept.
MAX_NODES = 600
_EXTERNAL_TAG = re.compile(r"<(?:link|script)\b[^>]*(?:href|src)=[\"']https?://[^>]*>(?:\s*</script>)?", re.I)


def _graph_of(store_or_graph: GraphStore | nx.Graph | None, *, around: str | None, depth: int,
              data_dir: Path | None, backend: str | None) -> nx.MultiDiGraph:
    from graph.export import select

    if isinstance(store_or_graph, nx.Graph):
        g = store_or_graph
        if around is not None:
            g = g.subgraph(nx.ego_graph(g.to_undirected(as_view=True), around, radius=depth)).copy()
        return g  # type: ignore[return-value]
    if store_or_graph is not None:
        return select(store_or_graph, around=around, depth=depth, documents=False, cooccurrence=False)
    from graph.store import open_store

    with open_store(backend, data_dir=data_dir) as store:
        return select(store, around=around, depth=depth, documents=False, cooccurrence=False)


def _trim(g: nx.MultiDiGraph, max_nodes: int, *, keep_isolated: bool = False) -> nx.MultiDiGraph:
    if not keep_isolated:
        # Entities only mentioned, with no relation, say nothing on a map; search finds them.
        linked = [n for n in g.nodes if g.degree(n) > 0]
        if linked and len(linked) < g.number_of_nodes():
            g = g.subgraph(linked).copy()
    if g.number_of_nodes() <= max_nodes:
        return g
    keep = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:max_nodes]
    return g.subgraph(keep).copy()


def _edge_title(u: str, v: str, a: dict[str, Any], g: nx.MultiDiGraph) -> str:
    lines = [f"{g.nodes[u].get('name', u)} —{a['type']}→ {g.nodes[v].get('name', v)}"]
    for quote in (a.get("evidence") or [])[:5]:
        lines.append(f"« {quote} »")
    sources = a.get("source_urls") or a.get("sources") or []
    if sources:
        lines.append("sources: " + ", ".join(sources[:5]))
    return "\n".join(lines)


def write_network_html(
    store_or_graph: GraphStore | nx.Graph | None = None, path: Path | str | None = None, around: str | None = None,
    depth: int = 2, *, data_dir: Path | None = None, backend: str | None = None, max_nodes: int = MAX_NODES,
    title: str = "ciblage — réseau",
) -> Path:
    """Write the interactive map of a store, a networkx graph, or the store of ``data_dir``.

    Args:
        store_or_graph: an open store, a graph from :func:`graph.export.select`, or None to
            open the store of ``backend`` in ``data_dir``.
        path: the HTML file (default ``<data_dir>/network.html``).
        around: an entity id or name: draw only its ego network, ``depth`` hops deep.
    """
    from pyvis.network import Network

    from ciblage import settings

    if isinstance(store_or_graph, nx.Graph) and around is not None and around not in store_or_graph:
        around = None if not store_or_graph else around
    g = _trim(_graph_of(store_or_graph, around=around, depth=depth, data_dir=data_dir, backend=backend), max_nodes)
    out = Path(path) if path is not None else Path(data_dir or settings.data_dir()) / "network.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    net = Network(height="850px", width="100%", directed=True, cdn_resources="in_line", notebook=False,
                  heading="")
    degree = dict(g.degree())
    for n, a in sorted(g.nodes(data=True)):
        label = a.get("type") or "Entity"
        tip = [f"{a.get('name', n)} ({label})", n, *(f"alias: {x}" for x in (a.get("aliases") or [])[:5])]
        net.add_node(n, label=a.get("name") or n, title="\n".join(tip), color=model.color(label),
                     size=10 + 4 * min(degree.get(n, 0), 15))
    for u, v, a in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        net.add_edge(u, v, title=_edge_title(u, v, a, g), label=a["type"], arrows="" if model.is_symmetric(a["type"]) else "to",
                     width=1 + min(int(a.get("count", 1)), 5), font={"size": 9, "align": "middle"})
    net.toggle_physics(True)
    page = _EXTERNAL_TAG.sub("", net.generate_html(notebook=False))
    present = sorted({a.get("type") for _, a in g.nodes(data=True) if a.get("type")})
    legend = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;width:12px;'
        f'height:12px;border-radius:6px;background:{model.color(t)};margin-right:4px"></span>{html_lib.escape(t)}</span>'
        for t in present)
    header = (f'<div id="ciblage-legend" style="font-family:sans-serif;padding:8px">'
              f'<strong>{html_lib.escape(title)}</strong> — {g.number_of_nodes()} entités, '
              f'{g.number_of_edges()} relations<br>{legend}</div>')
    page = page.replace("<body>", "<body>\n" + header, 1)
    out.write_text(page, encoding="utf-8")
    return out


def write_network_image(g: nx.MultiDiGraph, path: Path, *, max_nodes: int = 300) -> Path:
    """PNG or SVG (from the file's suffix; PNG otherwise) drawn by matplotlib, seeded layout."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g = _trim(g, max_nodes)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    simple = nx.Graph(g.to_undirected())
    pos = nx.spring_layout(simple, seed=42) if simple else {}
    fig, ax = plt.subplots(figsize=(14, 10))
    labels = [a.get("type") or "Entity" for _, a in simple.nodes(data=True)]
    nx.draw_networkx_edges(simple, pos, ax=ax, alpha=0.4)
    nx.draw_networkx_nodes(simple, pos, ax=ax, node_color=[model.color(lb) for lb in labels],
                           node_size=[80 + 40 * simple.degree(n) for n in simple])
    nx.draw_networkx_labels(simple, pos, ax=ax, font_size=7,
                            labels={n: a.get("name") or n for n, a in simple.nodes(data=True)})
    for t in sorted(set(labels)):
        ax.scatter([], [], color=model.color(t), label=t)
    if labels:
        ax.legend(loc="lower left", fontsize=8)
    ax.set_axis_off()
    fmt = "svg" if path.suffix.lower() == ".svg" else "png"
    fig.savefig(path, format=fmt, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path
