"""Per-doc caches (``doc_text``, ``sentences_with_ents``) follow the doc they were computed for."""

from __future__ import annotations

import gc

import pytest
import spacy
from spacy.tokens import Span

import nlp.components.relations as relations_module
from nlp.components.relations import _SENTENCES, sentences_with_ents
from nlp.records import _TEXTS, doc_text, make_doc


def _doc(text: str):  # a blank French pipeline with a sentencizer: no model needed
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def test_doc_text_is_per_doc_and_released_with_the_doc() -> None:
    a, b = _doc("La CNIL a sanctionné Zorbifex."), _doc("Datavox équipe le parti.")
    assert doc_text(a) == a.text and doc_text(b) == b.text and doc_text(a) == a.text
    before = len(_TEXTS)
    del a
    gc.collect()
    assert len(_TEXTS) == before - 1


def test_make_doc_knows_the_text_the_tokens_rebuild() -> None:
    nlp = spacy.blank("fr")
    for text in ("", "  ", "Le  groupe\u00a0Vasseur\t(SAS)\r\n\r\na racheté l’agence…  ", "emoji 🙂 et\u202fespaces ",
                 "l'équipe d'En Marche !\n\n\n"):
        doc = make_doc(nlp, text)
        assert doc_text(doc) == doc.text == text


def test_sentences_follow_a_change_of_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc("Zorbifex équipe Datavox. Orlanda dirige Pimpax.")
    doc.ents = [Span(doc, 0, 1, label="COMPANY"), Span(doc, 2, 3, label="COMPANY")]
    first = sentences_with_ents(doc)
    assert [[e.text for e in ents] for _, ents in first] == [["Zorbifex", "Datavox"]]
    computed = []
    monkeypatch.setattr(relations_module, "_sentence_bounds",
                        lambda *args: computed.append(1) or pytest.fail("computed twice"))
    assert sentences_with_ents(doc) == first and not computed  # same doc, same entities: computed once
    monkeypatch.undo()
    doc.ents = [*doc.ents, Span(doc, 6, 7, label="COMPANY")]
    again = sentences_with_ents(doc)
    assert [[e.text for e in ents] for _, ents in again] == [["Zorbifex", "Datavox"], ["Pimpax"]]
    doc.ents = [Span(doc, 0, 1, label="PERSON"), *doc.ents[1:]]  # a new label is a new set
    assert sentences_with_ents(doc)[0][1][0].label_ == "PERSON"


def test_sentences_are_released_with_the_doc() -> None:
    doc = _doc("Zorbifex équipe Datavox. Orlanda dirige Pimpax.")
    doc.ents = [Span(doc, 0, 1, label="COMPANY"), Span(doc, 2, 3, label="COMPANY")]
    assert sentences_with_ents(doc)
    before = len(_SENTENCES)
    del doc
    gc.collect()
    assert len(_SENTENCES) == before - 1  # the cached sentences do not hold the doc


def test_loading_the_pipeline_freezes_the_model_out_of_full_collections() -> None:
    """``load_pipeline`` collects garbage, then freezes what is alive (the model): dead cycles
    are not kept, and the model's objects are no longer walked by each full collection."""
    import weakref

    from nlp.pipeline import _freeze_garbage_collector, load_pipeline

    load_pipeline()
    assert gc.get_freeze_count() > 100_000  # the model's tables and layers

    class Node:
        pass

    node = Node()
    node.self = node  # a cycle: only the cyclic collector frees it
    dead = weakref.ref(node)
    del node
    before = gc.get_freeze_count()
    _freeze_garbage_collector()
    assert dead() is None
    assert gc.get_freeze_count() >= before
