"""Fast tests of the short-name coreference and of the shipped persons gazetteer (blank pipeline)."""

from __future__ import annotations

import random

import spacy
from spacy.tokens import Span

import nlp.components  # noqa: F401
from nlp.coref import is_surname_only, link, link_short_names, may_link, surname_forms
from nlp.gazetteer import load_entries


def _doc(text: str, ents: list[tuple[str, str, str]]):
    """A blank doc whose ``ents`` are (surface, label, span_id) found left to right."""
    doc = spacy.blank("fr")(text)
    spans, pos = [], 0
    for surface, label, span_id in ents:
        start = text.index(surface, pos)
        pos = start + len(surface)
        spans.append(doc.char_span(start, pos, label=label, span_id=span_id))
    doc.ents = spans
    return doc


def _canon(doc) -> list[tuple[str, str]]:
    return [(e.text, e.id_ or e.text) for e in doc.ents]


def test_surname_forms() -> None:
    assert surname_forms("Emmanuel Macron") == ["Macron"]
    assert surname_forms("Marine Le Pen") == ["Le Pen"]
    assert surname_forms("Dominique de Villepin") == ["de Villepin", "Villepin"]
    assert surname_forms("Nicolas Dupont-Aignan") == ["Dupont-Aignan"]
    assert surname_forms("Macron") == []
    assert is_surname_only("Le Pen") and is_surname_only("Vaubrac") and not is_surname_only("Ada Vaubrac")


def test_person_surname_takes_the_earlier_full_name() -> None:
    doc = _doc("Ada Vaubrac a parlé. Puis Vaubrac a signé.", [("Ada Vaubrac", "PERSON", ""), ("Vaubrac", "PERSON", "")])
    link_short_names(doc)
    assert _canon(doc)[1] == ("Vaubrac", "Ada Vaubrac")


def test_person_surname_before_the_full_name_or_ambiguous_is_left() -> None:
    doc = _doc("Vaubrac a parlé. Ada Vaubrac a signé.", [("Vaubrac", "PERSON", ""), ("Ada Vaubrac", "PERSON", "")])
    link_short_names(doc)
    assert _canon(doc)[0] == ("Vaubrac", "Vaubrac")
    doc = _doc("Ada Vaubrac et Léo Vaubrac ont parlé. Vaubrac a signé.",
               [("Ada Vaubrac", "PERSON", ""), ("Léo Vaubrac", "PERSON", ""), ("Vaubrac", "PERSON", "")])
    link_short_names(doc)
    assert _canon(doc)[2] == ("Vaubrac", "Vaubrac")


def test_in_document_full_name_beats_a_gazetteer_surname_alias() -> None:
    doc = _doc("Jean-Marie Le Pen a fondé le parti. Le Pen a parlé.",
               [("Jean-Marie Le Pen", "PERSON", "Jean-Marie Le Pen"), ("Le Pen", "PERSON", "Marine Le Pen")])
    link_short_names(doc)
    assert _canon(doc)[1] == ("Le Pen", "Jean-Marie Le Pen")


def test_company_short_form_only_when_unique_and_earlier() -> None:
    doc = _doc("Datavox Conseil a gagné. Datavox a livré.", [("Datavox Conseil", "COMPANY", ""), ("Datavox", "COMPANY", "")])
    link_short_names(doc)
    assert _canon(doc)[1] == ("Datavox", "Datavox Conseil")
    doc = _doc("Datavox Conseil et Datavox Média ont gagné. Datavox a livré.",
               [("Datavox Conseil", "COMPANY", ""), ("Datavox Média", "COMPANY", ""), ("Datavox", "COMPANY", "")])
    link_short_names(doc)
    assert _canon(doc)[2] == ("Datavox", "Datavox")
    doc = _doc("Datavox a livré. Datavox Conseil a gagné.", [("Datavox", "COMPANY", ""), ("Datavox Conseil", "COMPANY", "")])
    link_short_names(doc)
    assert _canon(doc)[0] == ("Datavox", "Datavox")


def test_company_short_form_not_for_persons_or_gazetteer_names() -> None:
    doc = _doc("Liegey Muller Pons a gagné. Liegey a parlé.",
               [("Liegey Muller Pons", "COMPANY", "Liegey Muller Pons"), ("Liegey", "PERSON", "")])
    link_short_names(doc)
    assert _canon(doc)[1] == ("Liegey", "Liegey")


def test_shipped_persons_gazetteer_has_surnames_but_no_common_words() -> None:
    persons = {e.canonical: e for e in load_entries() if e.label == "PERSON"}
    assert len(persons) >= 50
    assert "Fillon" in persons["François Fillon"].aliases
    assert "Le Pen" in persons["Marine Le Pen"].aliases
    aliases = {a for e in persons.values() for a in e.aliases}
    assert not {"Philippe", "Hollande", "Royal", "Borne", "Bertrand", "Le Maire", "Maréchal"} & aliases
    assert all(a[:1].isupper() or a[:3] == "de " for a in aliases)
    assert all(not e.ignore_case for e in persons.values())


def test_gazetteer_surname_inside_another_name_is_not_the_person() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("ciblage_gazetteer").initialize(entries=[
        {"canonical": "François Fillon", "label": "PERSON", "aliases": ["Fillon"]}])
    assert [(e.text, e.id_) for e in nlp("Selon Fillon, tout va bien.").ents] == [("Fillon", "François Fillon")]
    assert list(nlp("La société Fillon Conseil a gagné.").ents) == []
    assert list(nlp("Il a vu Pénélope Fillon hier.").ents) == []


def test_may_link_is_false_only_where_link_changes_nothing() -> None:
    """Random mention lists over shared names: wherever may_link says no, link changes nothing."""
    rng = random.Random(3)
    texts = ["Ada Vaubrac", "Vaubrac", "Datavox", "Datavox Conseil", "Le Pen", "Marine Le Pen", "Vaubrac Conseil"]
    labels = ["PERSON", "COMPANY", "ORG", "PLACE"]
    linked = 0
    for _ in range(3000):
        mentions = [(t, rng.choice(labels), t if rng.random() < 0.8 else "X", rng.random() < 0.2)
                    for t in rng.choices(texts, k=rng.randint(1, 5))]
        out = link(mentions)
        if not may_link(label for _, label, _, _ in mentions):
            assert not any(out)
        linked += any(out)
    assert linked > 20
