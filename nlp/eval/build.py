"""Build ``dev.jsonl`` and ``test.jsonl`` from the annotated sources in ``source/``.

Offsets are never counted by hand: passages are written with inline marks
``[[surface text|LABEL]]``, and this script strips the marks and records where each surface
string lands. Source format, one block per passage, blocks separated by a blank line::

    id: dev-001
    text: Fondée par [[Guillaume Liegey|PERSON]], ...
    rel: Guillaume Liegey | FOUNDED | Liegey Muller Pons
    alias: CNIL = Commission nationale de l'informatique et des libertés

Run ``python nlp/eval/build.py`` after editing a source file; it refuses malformed passages.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {"COMPANY", "PARTY", "PUBLIC_BODY", "PERSON", "PRODUCT", "MEDIA", "PLACE"}
PREDICATES = {
    "CLIENT_OF", "CONTRACT_WITH", "FOUNDED", "DIRECTS", "WORKS_FOR", "MEMBER_OF", "OWNS",
    "SUBSIDIARY_OF", "PARTNER_OF", "REGULATES", "SANCTIONED",
}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")


def parse_text(marked: str) -> tuple[str, list[dict]]:
    """Strip ``[[surface|LABEL]]`` marks, returning the plain text and its entity spans."""
    parts: list[str] = []
    entities: list[dict] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[pos:m.start()]
        parts.append(before)
        length += len(before)
        surface, label = m.group(1), m.group(2)
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {marked[:60]!r}")
        entities.append({"start": length, "end": length + len(surface), "label": label,
                         "text": surface})
        parts.append(surface)
        length += len(surface)
        pos = m.end()
    parts.append(marked[pos:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced mark in {marked[:60]!r}")
    for ent in entities:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    return text, entities


def parse_block(block: str) -> dict:
    record: dict = {"id": None, "text": None, "entities": [], "relations": []}
    aliases: dict[str, list[str]] = {}
    for line in block.strip().splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "id":
            record["id"] = value
        elif key == "text":
            record["text"], record["entities"] = parse_text(value)
        elif key == "rel":
            subj, pred, obj = (p.strip() for p in value.split("|"))
            record["relations"].append({"subject": subj, "predicate": pred, "object": obj})
        elif key == "alias":
            name, _, other = value.partition("=")
            aliases.setdefault(name.strip(), []).append(other.strip())
        else:
            raise ValueError(f"unknown key {key!r} in block {block[:60]!r}")
    if aliases:
        record["aliases"] = aliases
    check(record)
    return record


def check(record: dict) -> None:
    """Refuse a passage whose relations do not name annotated mentions."""
    surfaces = {e["text"] for e in record["entities"]}
    seen = set()
    for rel in record["relations"]:
        if rel["predicate"] not in PREDICATES:
            raise ValueError(f"{record['id']}: unknown predicate {rel['predicate']}")
        for arg in (rel["subject"], rel["object"]):
            if arg not in surfaces:
                raise ValueError(f"{record['id']}: argument {arg!r} is not an annotated mention")
        key = (rel["subject"], rel["predicate"], rel["object"])
        if key in seen:
            raise ValueError(f"{record['id']}: duplicate relation {key}")
        seen.add(key)
    for name, others in record.get("aliases", {}).items():
        for n in [name, *others]:
            if n not in surfaces:
                raise ValueError(f"{record['id']}: alias {n!r} is not an annotated mention")


def build(split: str) -> list[dict]:
    source = (HERE / "source" / f"{split}.txt").read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n\s*\n", source) if b.strip() and not b.lstrip().startswith("#")]
    records = [parse_block(b) for b in blocks]
    out = HERE / f"{split}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return records


if __name__ == "__main__":
    for name in sys.argv[1:] or sorted(p.stem for p in (HERE / "source").glob("*.txt")):
        if (HERE / "source" / f"{name}.txt").exists():
            recs = build(name)
            print(name, len(recs), "passages")
