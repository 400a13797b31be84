"""The graph as a projection of the ledger: node and relationship rows, with their provenance.

Every entity id goes through :func:`nlp.resolve.canonical_ids` (the ledger's source ids are
never rewritten; the canonical node lists the ids merged into it). One relationship per
(canonical subject, predicate, canonical object) aggregates all its statements: sources,
source URLs, deduplicated evidence with the date and source of each quote, first/last seen,
extractors, the highest confidence and a count. Only current statements count (the latest
version of each document or record), and a statement without a source never enters.

Example:
    >>> with Ledger.open(data_dir) as ledger:
    ...     projection = project(ledger)
    >>> len(projection.nodes), len(projection.edges)
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ciblage.ids import content_hash, display_name
from graph import model

if TYPE_CHECKING:
    from ciblage.ledger import Ledger

log = logging.getLogger(__name__)

#: Bumped when the projection's output changes shape, so stores built by an older one reload.
PROJECTION_VERSION = "2"
#: Node properties computed here; ledger props with these names are not copied over them.
RESERVED = frozenset({
    "id", "label", "type", "name", "aliases", "merged_ids", "identifiers", "search_keys",
    "first_seen", "last_seen", "_hash", "key",
})
#: Statement props that describe one reading, not the relationship: left in the ledger.
STATEMENT_ONLY = frozenset({"subject_text", "object_text", "subject_span", "object_span"})
#: Id prefixes of ledger ids, used when a statement names an entity the ledger lacks.
PREFIX_TYPES = {
    "siren": "COMPANY", "company": "COMPANY", "party": "PARTY", "publicbody": "PUBLIC_BODY",
    "person": "PERSON", "product": "PRODUCT", "media": "MEDIA", "place": "PLACE",
    "contract": "CONTRACT",
}


@dataclass
class NodeRow:
    """A node: id, type label, properties (JSON-able scalars and homogeneous lists)."""

    id: str
    label: str
    props: dict[str, Any]

    @property
    def key_label(self) -> str:
        return model.key_label(self.label)

    @property
    def hash(self) -> str:
        return content_hash(self.label, _canonical_json(self.props))


@dataclass
class EdgeRow:
    """A relationship: type, source and target ids, properties with their provenance."""

    type: str
    source: str
    target: str
    props: dict[str, Any]

    @property
    def key(self) -> str:
        return edge_key(self.type, self.source, self.target)

    @property
    def hash(self) -> str:
        return content_hash(self.key, _canonical_json(self.props))


@dataclass
class Projection:
    nodes: dict[str, NodeRow] = field(default_factory=dict)
    edges: dict[str, EdgeRow] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    revision: int = 0


def edge_key(rtype: str, source: str, target: str) -> str:
    return f"{rtype}|{source}|{target}"


def split_key(key: str) -> tuple[str, str, str]:
    rtype, rest = key.split("|", 1)
    source, target = rest.rsplit("|", 1)
    return rtype, source, target


def _canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def storable(value: Any) -> Any:
    """A value Neo4j, GraphML and JSON all accept: scalars, or lists of strings/numbers."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set)):
        items = [v for v in value if v is not None]
        if all(isinstance(v, str) for v in items):
            return list(items)
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
            return list(items)
        return [v if isinstance(v, str) else _canonical_json(v) for v in items]
    return _canonical_json(value)


def project(ledger: Ledger) -> Projection:
    """Build the whole graph projection from the ledger."""
    from nlp.resolve import canonical_ids

    canon = canonical_ids(ledger)
    proj = Projection(revision=ledger.revision)
    _entity_nodes(proj, ledger.entities(), canon)
    documents = _document_nodes(proj, ledger.documents())
    _statement_edges(proj, ledger.statements(), canon)
    _mention_edges(proj, ledger.mentions(), canon, documents)
    if proj.skipped:
        log.info("projection skipped rows", extra={"skipped": dict(proj.skipped)})
    return proj


def _entity_nodes(proj: Projection, entities: Iterable[dict[str, Any]], canon: dict[str, str]) -> None:
    clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in entities:
        if e["type"].upper() == "DOCUMENT":
            continue  # documents come from the documents table
        clusters[canon.get(e["id"], e["id"])].append(e)
    for cid, members in clusters.items():
        members.sort(key=lambda e: (e["id"] != cid, e["id"]))
        head = members[0]
        try:
            label = model.label_for(head["type"])
        except Exception:
            proj.skipped["unknown_type"] += 1
            continue
        names: set[str] = set()
        identifiers: dict[str, list[str]] = defaultdict(list)
        extra: dict[str, Any] = {}
        for e in members:
            names.update([e["name"], *(e.get("aliases") or [])])
            for scheme, value in (e.get("identifiers") or {}).items():
                for v in value if isinstance(value, list) else [value]:
                    if v not in (None, "") and str(v) not in identifiers[scheme]:
                        identifiers[scheme].append(str(v))
            for key, value in (e.get("props") or {}).items():
                if key not in RESERVED and not key.startswith("_") and key not in extra:
                    extra[key] = storable(value)
        if cid.startswith("siren:") and cid[6:] not in identifiers["siren"]:
            identifiers["siren"].insert(0, cid[6:])
        props: dict[str, Any] = {k: v for k, v in extra.items() if v is not None}
        for scheme, values in sorted(identifiers.items()):
            if values:
                props[scheme] = values[0] if len(values) == 1 else values
        name = display_name(head["name"], sorted(names))
        props.update({
            "id": cid,
            "name": name,
            "type": label,
            "aliases": sorted(names - {name, ""}),
            "merged_ids": sorted(e["id"] for e in members),
            "search_keys": sorted({v for vs in identifiers.values() for v in vs} | {cid}),
            "first_seen": min(e["first_seen"] for e in members),
            "last_seen": max(e["last_seen"] for e in members),
        })
        proj.nodes[cid] = NodeRow(cid, label, props)


def _document_nodes(proj: Projection, documents: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    docs = {}
    for d in documents:
        docs[d["id"]] = d
        props = {
            "id": d["id"], "type": model.DOCUMENT, "name": d.get("title") or d["url"],
            "title": d.get("title"), "url": d.get("canonical_url") or d["url"],
            "source": d["source"], "published": d.get("published"), "author": d.get("author"),
            "version": d["version"],
        }
        proj.nodes[d["id"]] = NodeRow(d["id"], model.DOCUMENT, {k: v for k, v in props.items() if v is not None})
    return docs


def _ensure_node(proj: Projection, eid: str) -> bool:
    """True when ``eid`` is a node; a statement may name an entity by an id the ledger lacks."""
    if eid in proj.nodes:
        return True
    etype = PREFIX_TYPES.get(eid.split(":", 1)[0])
    if etype is None:
        return False
    props = {"id": eid, "name": eid, "type": model.label_for(etype), "aliases": [], "merged_ids": [eid], "search_keys": [eid]}
    if eid.startswith("siren:"):
        props["siren"] = eid[6:]
        props["search_keys"] = sorted({eid, eid[6:]})
    proj.nodes[eid] = NodeRow(eid, model.label_for(etype), props)
    return True


class _Aggregate:
    """Provenance of one relationship, accumulated statement by statement."""

    def __init__(self) -> None:
        self.quotes: dict[str, tuple[str, str, str]] = {}  # evidence -> (date, source id, url)
        self.sources: set[str] = set()
        self.urls: set[str] = set()
        self.extractors: set[str] = set()
        self.dates: list[str] = []
        self.confidence = 0.0
        self.count = 0
        self.props: dict[str, set[str]] = defaultdict(set)
        self.raw_props: dict[str, Any] = {}

    def add(self, st: dict[str, Any]) -> None:
        date = st.get("observed") or st["created_at"]
        quote = " ".join(st["evidence"].split())
        prior = self.quotes.get(quote)
        entry = (date, st["source_id"], st.get("source_url") or "")
        if prior is None or entry < prior:
            self.quotes[quote] = entry
        self.sources.add(st["source_id"])
        if st.get("source_url"):
            self.urls.add(st["source_url"])
        self.extractors.add(st["extractor"])
        self.dates.append(date)
        self.confidence = max(self.confidence, float(st["confidence"]))
        self.count += 1
        for key, value in (st.get("props") or {}).items():
            if value is None or key in RESERVED or key in STATEMENT_ONLY:
                continue
            self.props[key].add(_canonical_json(value))
            self.raw_props.setdefault(key, value)

    def to_props(self) -> dict[str, Any]:
        ordered = sorted(self.quotes.items(), key=lambda kv: (kv[1], kv[0]))
        props: dict[str, Any] = {}
        for key, values in sorted(self.props.items()):
            if len(values) == 1:
                props[key] = storable(self.raw_props[key])
            else:
                decoded = [json.loads(v) for v in values]
                if all(isinstance(v, str) for v in decoded):
                    props[key] = sorted(decoded)
                elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in decoded):
                    props[key] = sorted(decoded)
                else:
                    props[key] = sorted(values)
        props.update({
            "sources": sorted(self.sources),
            "source_urls": sorted(self.urls),
            "evidence": [q for q, _ in ordered],
            "evidence_dates": [e[0] for _, e in ordered],
            "evidence_sources": [e[1] for _, e in ordered],
            "evidence_urls": [e[2] for _, e in ordered],
            "first_seen": min(self.dates),
            "last_seen": max(self.dates),
            "extractors": sorted(self.extractors),
            "confidence": round(self.confidence, 4),
            "count": self.count,
        })
        return props


def _statement_edges(proj: Projection, statements: Iterable[dict[str, Any]], canon: dict[str, str]) -> None:
    aggregates: dict[tuple[str, str, str], _Aggregate] = {}
    for st in statements:
        if not st.get("object"):
            proj.skipped["literal_statement"] += 1  # values (not links) stay in the ledger
            continue
        if not st.get("source_id") or not (st.get("evidence") or "").strip():
            proj.skipped["unsourced"] += 1
            continue
        rtype = st["predicate"]
        if rtype not in model.rel_kinds() or rtype == "MENTIONS":
            proj.skipped["unknown_predicate"] += 1
            continue
        source, target = canon.get(st["subject"], st["subject"]), canon.get(st["object"], st["object"])
        if source == target:
            proj.skipped["self_loop"] += 1
            continue
        if not (_ensure_node(proj, source) and _ensure_node(proj, target)):
            proj.skipped["dangling"] += 1
            continue
        if model.DOCUMENT in (proj.nodes[source].label, proj.nodes[target].label):
            proj.skipped["document_endpoint"] += 1
            continue
        if model.is_symmetric(rtype) and target < source:
            source, target = target, source
        aggregates.setdefault((rtype, source, target), _Aggregate()).add(st)
    for (rtype, source, target), agg in aggregates.items():
        props = agg.to_props()
        if rtype == "MENTIONED_WITH":
            props["weight"] = props["count"]
        row = EdgeRow(rtype, source, target, props)
        proj.edges[row.key] = row


def _mention_edges(
    proj: Projection, mentions: list[dict[str, Any]], canon: dict[str, str], documents: dict[str, dict[str, Any]],
) -> None:
    per_doc: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        doc = documents.get(m["doc_id"])
        if doc is None or m["doc_version"] != doc["version"] or not m.get("entity_id"):
            continue
        eid = canon.get(m["entity_id"], m["entity_id"])
        if eid not in proj.nodes or proj.nodes[eid].label == model.DOCUMENT:
            proj.skipped["mention_of_unknown_entity"] += 1
            continue
        per_doc[m["doc_id"]][eid].append((m["start"], m["end"]))
    for doc_id in sorted(per_doc):
        doc, by_entity = documents[doc_id], per_doc[doc_id]
        date = doc.get("published") or doc["fetched_at"]
        url = doc.get("canonical_url") or doc["url"]
        for eid, spans in sorted(by_entity.items()):
            spans = sorted(set(spans))
            row = EdgeRow("MENTIONS", doc_id, eid, {
                "starts": [s for s, _ in spans], "ends": [e for _, e in spans], "count": len(spans),
                "sources": [doc_id], "source_urls": [url], "first_seen": date, "last_seen": date,
                "doc_version": doc["version"],
            })
            proj.edges[row.key] = row
