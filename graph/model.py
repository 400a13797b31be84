"""The graph model, read from ``vocabulary.json``: node labels, relationship types, symmetry.

Both stores, the loader, the Cypher builders and the exports take labels and types from here
and only from here, so a label that is not in the vocabulary can never reach a query.
Model: ``alephdata/followthemoney:followthemoney/schema/Ownership.yaml`` (``edge:`` block).

Example:
    >>> label_for("PUBLIC_BODY")
    'PublicBody'
    >>> is_symmetric("PARTNER_OF"), quote("Company")
    (True, '`Company`')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ciblage.errors import GraphError
from ciblage.ids import PREDICATES, TYPE_LABELS

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.json")
ENTITY = "Entity"
DOCUMENT = "Document"


@dataclass(frozen=True)
class NodeKind:
    """A node type: the ledger type, its label, the key label it is looked up by."""

    type: str
    label: str
    key_label: str
    color: str
    ftm: str | None


@dataclass(frozen=True)
class RelKind:
    """A relationship type, read subject -> object; symmetric ones are stored once."""

    type: str
    reads: str
    symmetric: bool
    ftm: str | None
    ftm_roles: tuple[str, ...]
    role: str | None


@cache
def vocabulary() -> dict[str, Any]:
    data = json.loads(VOCABULARY_FILE.read_text("utf-8"))
    _check(data)
    return data


def _check(data: dict[str, Any]) -> None:
    for etype, spec in data["nodes"].items():
        if TYPE_LABELS.get(etype) != spec["label"]:
            raise GraphError(f"vocabulary: {etype} is labelled {spec['label']}, ids.TYPE_LABELS says otherwise")
    if set(data["relationships"]) != set(PREDICATES):
        raise GraphError("vocabulary: relationship types differ from ids.PREDICATES")


@cache
def node_kinds() -> dict[str, NodeKind]:
    """Ledger type -> node kind."""
    return {
        etype: NodeKind(etype, s["label"], s["key_label"], s["color"], s.get("ftm"))
        for etype, s in vocabulary()["nodes"].items()
    }


@cache
def rel_kinds() -> dict[str, RelKind]:
    """Relationship type -> kind."""
    return {
        rtype: RelKind(rtype, s["reads"], bool(s["symmetric"]), s.get("ftm"),
                       tuple(s.get("ftm_roles") or ()), s.get("role"))
        for rtype, s in vocabulary()["relationships"].items()
    }


@cache
def labels() -> tuple[str, ...]:
    """Every node label of the vocabulary (type labels, then the key labels)."""
    out = [k.label for k in node_kinds().values()]
    return tuple(out) + tuple(sorted({ENTITY, DOCUMENT} - set(out)))


def type_labels() -> tuple[str, ...]:
    """The labels that name a node's type (Company, Person, ..., Document)."""
    return tuple(k.label for k in node_kinds().values())


def label_for(etype: str) -> str:
    try:
        return node_kinds()[etype.upper()].label
    except KeyError as exc:
        raise GraphError(f"unknown entity type {etype!r}") from exc


def kind_of_label(label: str) -> NodeKind:
    for kind in node_kinds().values():
        if kind.label == label:
            return kind
    raise GraphError(f"unknown node label {label!r}")


def key_label(label: str) -> str:
    """The label a node is merged and matched on: ``Entity`` or ``Document``."""
    return kind_of_label(label).key_label


def is_symmetric(rtype: str) -> bool:
    return rel_kinds()[rtype].symmetric


def cooccurrence_types() -> frozenset[str]:
    """Relationship types left out of paths, centrality and maps by default."""
    return frozenset(vocabulary()["cooccurrence"])


def fact_types() -> tuple[str, ...]:
    """Relationship types that state a fact (everything but mentions and co-occurrence)."""
    skip = cooccurrence_types()
    return tuple(r for r in rel_kinds() if r not in skip)


def check_rel_type(rtype: str) -> str:
    if rtype not in rel_kinds():
        raise GraphError(f"unknown relationship type {rtype!r}; known: {', '.join(rel_kinds())}")
    return rtype


def check_label(label: str) -> str:
    if label not in labels():
        raise GraphError(f"unknown node label {label!r}; known: {', '.join(labels())}")
    return label


def quote(name: str) -> str:
    """Backtick-quote a label or type, after checking it is in the vocabulary."""
    if name not in labels() and name not in rel_kinds():
        raise GraphError(f"{name!r} is not in the graph vocabulary")
    return f"`{name}`"


def color(label: str) -> str:
    try:
        return kind_of_label(label).color
    except GraphError:
        return "#999999"
