"""Public API of the extraction layer: texts in, entities/relations/identifiers out; the ledger run.

Example:
    >>> result = extract_text("Guillaume Liegey, cofondateur de LMP, conseille le PS.")
    >>> [(r["subject"], r["predicate"], r["object"]) for r in result["relations"]][0]
    ('Guillaume Liegey', 'FOUNDED', 'Liegey Muller Pons')
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ciblage.ids import entity_id
from nlp.coref import link
from nlp.records import IDS_KEY, LANGUAGE_EXT, RELATIONS_EXT, VALUE_EXT, canonical_of, doc_text, make_doc
from nlp.textprep import Prepared, prepare

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ciblage.ledger import Ledger

log = logging.getLogger(__name__)

EXTRACTOR = "nlp.rules.v1"
#: Relations read by the trained model (rule ``learned.*``), kept apart in the graph's provenance.
LEARNED_EXTRACTOR = "nlp.learned.v1"
COOCCURRENCE_EXTRACTOR = "nlp.cooccurrence.v1"
#: Texts (chunks of at most 8,000 characters) per ``nlp.pipe`` batch. 256 was tried: its gain in
#: wall-clock time on the bench corpus did not survive a CPU-time measurement (7.24 s vs 7.26 s).
DEFAULT_BATCH = 64
_PUBLIC_REL_KEYS = ("subject", "predicate", "object", "evidence", "confidence", "subject_text",
                    "object_text", "subject_span", "object_span", "evidence_span", "rule")


def _evidence(text: str, start: int, end: int) -> tuple[str, int, int]:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    return " ".join(raw.split()), start + lead, end - trail


def _doc_result(doc: Doc, offset: int, full_text: str) -> dict[str, list[dict[str, Any]]]:
    """Everything read in one chunk, offsets moved to the whole text; internal keys kept."""
    ents: dict[tuple[int, int], dict[str, Any]] = {}
    text = doc_text(doc)
    for ent in doc.ents:
        start, end = ent.start_char, ent.end_char
        surface, kb_id = text[start:end], ent.kb_id_  # the doc's text between the bounds is Span.text
        ents[(start + offset, end + offset)] = {
            "text": surface, "label": ent.label_, "start": start + offset, "end": end + offset,
            "canonical": canonical_of(ent, surface), "kb_id": kb_id, "_known": bool(ent.id_ or kb_id)}
    relations: list[dict[str, Any]] = []
    cooc: list[dict[str, Any]] = []
    # Per evidence span, its cleaned text: a sentence is the evidence of all its pairs.
    evidences: dict[tuple[int, int], tuple[str, int, int]] = {}
    for rel in getattr(doc._, RELATIONS_EXT) or []:
        s = ents.get((rel["subject_span"][0] + offset, rel["subject_span"][1] + offset))
        o = ents.get((rel["object_span"][0] + offset, rel["object_span"][1] + offset))
        if s is None or o is None:
            continue
        span = (rel["evidence_span"][0] + offset, rel["evidence_span"][1] + offset)
        found = evidences.get(span)
        if found is None:
            found = evidences[span] = _evidence(full_text, *span)
        evidence, ev_start, ev_end = found
        item = {
            "subject": s["canonical"], "predicate": rel["predicate"], "object": o["canonical"],
            "evidence": evidence, "confidence": rel["confidence"], "subject_text": s["text"],
            "object_text": o["text"], "subject_span": [s["start"], s["end"]],
            "object_span": [o["start"], o["end"]], "evidence_span": [ev_start, ev_end],
            "rule": rel["rule"], "_subject": s, "_object": o,
        }
        (cooc if rel["predicate"] == "MENTIONED_WITH" else relations).append(item)
    identifiers = [
        {"text": span.text, "label": span.label_, "start": span.start_char + offset,
         "end": span.end_char + offset, "value": span._.get(VALUE_EXT)}
        for span in doc.spans.get(IDS_KEY, [])
    ]
    return {"entities": list(ents.values()), "relations": relations, "identifiers": identifiers,
            "cooccurrences": cooc}


def _public(result: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {
        "entities": [{k: e[k] for k in ("text", "label", "start", "end", "canonical")}
                     for e in result["entities"]],
        "relations": [{k: r[k] for k in _PUBLIC_REL_KEYS} for r in result["relations"]],
        "identifiers": result["identifiers"],
    }


def _empty() -> dict[str, list[dict[str, Any]]]:
    return {"entities": [], "relations": [], "identifiers": [], "cooccurrences": []}


#: What :func:`run` hands its chunks to: ``nlp.pipe``'s shape (docs in, the same docs out, in order).
Pipe = Callable[[Iterator["Doc"], int], Iterable["Doc"]]


def run(texts: Iterable[str | None], nlp: Language | None = None, *, n_process: int = 1,
        batch_size: int = DEFAULT_BATCH, pipe: Pipe | None = None,
        ) -> Iterator[tuple[Prepared, dict[str, list[dict[str, Any]]]]]:
    """Yield ``(prepared, result)`` per input text, in order; chunks go through ``nlp.pipe``, or
    through ``pipe(docs, batch_size)`` when given (``bench/nlp.py`` times the stages that way)."""
    from nlp.pipeline import load_pipeline

    nlp = nlp or load_pipeline()
    pending: deque[tuple[int, int, bool]] = deque()  # (text index, chunk offset, last chunk)
    prepared: dict[int, Prepared] = {}

    def docs() -> Iterator[Doc]:
        for i, text in enumerate(texts):
            prep = prepare(text)
            prepared[i] = prep
            if not prep.ok:
                pending.append((i, -1, True))
                continue
            for k, (offset, piece) in enumerate(prep.chunks):
                doc = make_doc(nlp, piece)
                doc._.set(LANGUAGE_EXT, prep.language)
                pending.append((i, offset, k == len(prep.chunks) - 1))
                yield doc

    current = _empty()
    stream = (pipe(docs(), batch_size) if pipe is not None
              else nlp.pipe(docs(), n_process=n_process, batch_size=batch_size))
    for doc in stream:
        # Texts that produced no chunk are settled when they reach the head of the queue.
        while pending[0][1] == -1:
            i, _, _ = pending.popleft()
            yield prepared.pop(i), _empty()
        i, offset, last = pending.popleft()
        part = _doc_result(doc, offset, prepared[i].text)
        for key, values in part.items():
            current[key].extend(values)
        if last:
            if offset > 0:  # several chunks: short names may refer to a full name in an earlier one
                _link_across_chunks(current)
            yield prepared.pop(i), current
            current = _empty()
    while pending:
        i, _, _ = pending.popleft()
        yield prepared.pop(i), _empty()


def _link_across_chunks(result: dict[str, list[dict[str, Any]]]) -> None:
    """Document-wide :func:`nlp.coref.link` over the merged chunks (entities, then relations)."""
    ents = sorted(result["entities"], key=lambda e: e["start"])
    new = link([(e["text"], e["label"], e["canonical"], e.get("_known", False)) for e in ents], retype=True)
    for ent, change in zip(ents, new, strict=True):
        if change:
            ent["canonical"], ent["label"] = change
            ent["_known"] = True
    for rel in (*result["relations"], *result["cooccurrences"]):
        rel["subject"], rel["object"] = rel["_subject"]["canonical"], rel["_object"]["canonical"]


def extract_texts(texts: list[str], nlp: Language | None = None, n_process: int = 1,
                  batch_size: int = DEFAULT_BATCH) -> list[dict[str, Any]]:
    """:func:`extract_text` for many texts, through ``nlp.pipe`` (``n_process`` workers)."""
    return [_public(result) for _, result in run(texts, nlp, n_process=n_process, batch_size=batch_size)]


def extract_text(text: str, nlp: Language | None = None) -> dict[str, Any]:
    """Entities, typed relations and identifiers of one text, as ``extract --file --json`` prints.

    Returns:
        ``{"entities": [...], "relations": [...], "identifiers": [...]}`` with character offsets
        into ``text``; labels are project types and ``subject``/``object`` canonical names.
        Bad input (empty, garbage) gives empty lists, never an exception.
    """
    return extract_texts([text], nlp)[0]


def entity_key(ent: dict[str, Any]) -> str:
    """Ledger id of an extracted entity: its ``siren:`` id when the gazetteer knows it."""
    kb = ent.get("kb_id") or ""
    return entity_id(ent["label"], ent["canonical"], siren=kb[6:] if kb.startswith("siren:") else None)


def extract_pending(ledger: Ledger, *, processes: int = 1, batch_size: int = DEFAULT_BATCH,
                    progress: bool | None = None) -> dict[str, int]:
    """Extract every document the ledger has not processed yet; see :mod:`nlp.store`."""
    from nlp.store import extract_pending as _impl

    return _impl(ledger, processes=processes, batch_size=batch_size, progress=progress)
