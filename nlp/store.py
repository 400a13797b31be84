"""``extract_pending``: run the pipeline over the ledger's unprocessed documents and store the results.

Per document, in one ``ledger.batch()``: entities (``upsert_entity`` with the surface forms as
aliases), mentions, one statement per typed relation (extractor ``nlp.rules.v1``, or
``nlp.learned.v1`` for the trained model's readings; the rule name in ``props``) and one weak MENTIONED_WITH statement per co-occurring pair of a sentence
(``nlp.cooccurrence.v1``), then ``mark_processed`` with the reason when something was wrong.
A failing document never stops the run: it is marked with its error and the rest goes on.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from nlp.extract import COOCCURRENCE_EXTRACTOR, DEFAULT_BATCH, EXTRACTOR, LEARNED_EXTRACTOR, entity_key, run
from nlp.gazetteer import gazetteer_from_ledger

if TYPE_CHECKING:
    from ciblage.ledger import Ledger
    from nlp.textprep import Prepared

log = logging.getLogger(__name__)
GROUP = 256  # documents per nlp.pipe call; a crash inside one group is retried doc by doc


def store_result(ledger: Ledger, doc: dict[str, Any], prep: Prepared,
                 result: dict[str, list[dict[str, Any]]]) -> tuple[int, int]:
    """Write one document's entities, mentions and statements. Returns (entities, statements)."""
    doc_id, version = doc["id"], int(doc["version"])
    n_statements = 0
    with ledger.batch():
        ids: dict[tuple[int, int], str] = {}
        seen: set[str] = set()
        for ent in result["entities"]:
            eid = entity_key(ent)
            ids[(ent["start"], ent["end"])] = eid
            ledger.upsert_entity(eid, ent["label"], ent["canonical"], aliases=[ent["text"]],
                                 identifiers={"siren": ent["kb_id"][6:]} if ent.get("kb_id") else None)
            seen.add(eid)
        ledger.add_mentions(doc_id, version, [
            {"start": e["start"], "end": e["end"], "text": e["text"], "label": e["label"],
             "entity_id": ids[(e["start"], e["end"])]} for e in result["entities"]
        ], extractor=EXTRACTOR)
        for rel, extractor in [(r, LEARNED_EXTRACTOR if r["rule"].startswith("learned.") else EXTRACTOR)
                               for r in result["relations"]] + [
            (r, COOCCURRENCE_EXTRACTOR) for r in result["cooccurrences"]
        ]:
            subject = ids.get(tuple(rel["subject_span"]))  # type: ignore[arg-type]
            obj = ids.get(tuple(rel["object_span"]))  # type: ignore[arg-type]
            if not subject or not obj or subject == obj or not rel["evidence"]:
                continue
            ledger.add_statement(
                subject=subject, predicate=rel["predicate"], object=obj, source_kind="document",
                source_id=doc_id, source_version=version, source_url=doc.get("url"),
                evidence=rel["evidence"], start=rel["evidence_span"][0], end=rel["evidence_span"][1],
                confidence=rel["confidence"], extractor=extractor, observed=doc.get("published"),
                props={"rule": rel["rule"], "subject_text": rel["subject_text"],
                       "object_text": rel["object_text"], "subject_span": rel["subject_span"],
                       "object_span": rel["object_span"]},
            )
            n_statements += 1
        ledger.mark_processed(doc_id, version, prep.reason)
    return len(seen), n_statements


def _progress(enabled: bool, total: int) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ciblage.console import err

    return Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=err, disable=not enabled or total == 0, transient=False)


def extract_pending(ledger: Ledger, *, processes: int = 1, batch_size: int = DEFAULT_BATCH,
                    progress: bool | None = None) -> dict[str, int]:
    """Extract all documents not yet processed (``ledger.documents_to_process()``).

    Returns:
        Counts: ``processed`` (documents marked processed, reasons included), ``failed``
        (empty, garbage or crashed), ``entities`` (entity upserts), ``statements``.
    """
    from nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    if "ciblage_gazetteer" in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("ciblage_gazetteer")
        ruler.set_dynamic(gazetteer_from_ledger(ledger))
    docs = ledger.documents_to_process()
    counts = {"processed": 0, "failed": 0, "entities": 0, "statements": 0}
    with _progress(bool(progress), len(docs)) as bar:
        task = bar.add_task("extract", total=len(docs))
        for g in range(0, len(docs), GROUP):
            group = docs[g:g + GROUP]
            try:
                outputs = list(run([d["text"] for d in group], nlp, n_process=processes,
                                   batch_size=batch_size))
            except Exception as exc:  # one bad document must not sink the group
                log.warning("pipe failed, retrying one by one", extra={"error": repr(exc)})
                outputs = []
                for d in group:
                    try:
                        outputs.extend(run([d["text"]], nlp))
                    except Exception as one_exc:  # noqa: BLE001
                        outputs.append((None, repr(one_exc)))  # type: ignore[arg-type]
            for doc, (prep, result) in zip(group, outputs, strict=True):
                _store_one(ledger, doc, prep, result, counts)
                bar.advance(task)
    log.info("extract done", extra=counts)
    return counts


def _store_one(ledger: Ledger, doc: dict[str, Any], prep: Prepared | None, result: Any,
               counts: dict[str, int]) -> None:
    if prep is None:
        ledger.mark_processed(doc["id"], int(doc["version"]), f"extraction failed: {result}")
        counts["failed"] += 1
        return
    if not prep.ok:
        ledger.mark_processed(doc["id"], int(doc["version"]), prep.reason or "nothing to extract")
        counts["failed"] += 1
        return
    try:
        n_ents, n_statements = store_result(ledger, doc, prep, result)
    except Exception as exc:  # noqa: BLE001 - recorded on the document, the run goes on
        log.warning("store failed", extra={"doc_id": doc["id"], "error": repr(exc)})
        ledger.mark_processed(doc["id"], int(doc["version"]), f"store failed: {exc!r}")
        counts["failed"] += 1
        return
    counts["processed"] += 1
    counts["entities"] += n_ents
    counts["statements"] += n_statements

