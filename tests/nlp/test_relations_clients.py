"""Clients, contracts and partners: dependency triggers (light verbs, pronominal verbs, generic
heads, "dont celles de"), award frames, groupements, client descriptions. Invented names only."""

from __future__ import annotations

import pytest

from nlp.extract import extract_text


def _rels(text: str) -> set[tuple[str, str, str]]:
    out = extract_text(text)
    return {(r["subject_text"], r["predicate"], r["object_text"]) for r in out["relations"]
            if r["predicate"] != "MENTIONED_WITH"}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # light verb "avoir recours" through "les équipes de X" and "aux services de Y"
    ("Les équipes de Rosine Kerbrat et de Gaspard Lemonnier ont eu recours, lors des municipales, "
     "aux services de Quorvane.",
     {("Rosine Kerbrat", "CLIENT_OF", "Quorvane"), ("Gaspard Lemonnier", "CLIENT_OF", "Quorvane")}),
    ("Le parti Avenir Solidaire a fait appel en 2022 à la société Brivalto pour ses sondages.",
     {("Avenir Solidaire", "CLIENT_OF", "Brivalto")}),
    # pronominal verbs
    ("Le mouvement Cap Citoyen s'est offert les services du cabinet Tramelune avant les européennes.",
     {("Cap Citoyen", "CLIENT_OF", "Tramelune")}),
    ("Pour leurs pétitions, Les Républicains et le MoDem se sont adressés l'an dernier au même "
     "prestataire, Ondivox.",
     {("Les Républicains", "CLIENT_OF", "Ondivox"), ("MoDem", "CLIENT_OF", "Ondivox")}),
    # "dont celles de X": the demonstrative stands for the head noun
    ("L'application Porteval a équipé en 2024 les permanences de plusieurs élus, dont celles de "
     "Maëlle Carvin et de Joachim Ribeau.",
     {("Maëlle Carvin", "CLIENT_OF", "Porteval"), ("Joachim Ribeau", "CLIENT_OF", "Porteval")}),
    # prepositional verb "travailler pour", through "la liste de X"
    ("L'agence Sorbelle a travaillé en 2021 pour la liste de Clémence Vautrin à Limoges.",
     {("Clémence Vautrin", "CLIENT_OF", "Sorbelle")}),
    # cleft "C'est X qui a remporté le marché de Y"
    ("C'est finalement Dravelis Conseil qui a remporté, pour 80 000 euros, le marché de la mairie "
     "de Quimper.",
     {("mairie de Quimper", "CONTRACT_WITH", "Dravelis Conseil")}),
    # symmetric deal between coordinated subjects, pronominal "s'associer"
    ("L'institut Fenouil Data et l'éditeur Marbrelle Analytics ont signé en mars un accord de distribution.",
     {("Fenouil Data", "PARTNER_OF", "Marbrelle Analytics")}),
    ("Vigneron Analytics s'est associé en avril à Cordelune pour vendre des panels.",
     {("Vigneron Analytics", "PARTNER_OF", "Cordelune")}),
])
def test_dependency_triggers(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _rels(text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Le parti Avenir Solidaire n'a jamais eu recours aux services de Brivalto.",
    "Le mouvement Cap Citoyen aurait fait appel à la société Tramelune, selon un ancien cadre.",
    "Le parti Avenir Solidaire envisage de s'offrir les services de Brivalto.",
    "Fenouil Data et Marbrelle pourraient signer un accord de distribution ?",
    "L'agence Sorbelle n'a pas travaillé pour la liste de Clémence Vautrin.",
])
def test_negated_or_hedged(text: str) -> None:
    preds = {p for _, p, _ in _rels(text)}
    assert not preds & {"CLIENT_OF", "CONTRACT_WITH", "PARTNER_OF"}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Le marché de la région Occitanie a été attribué en mars au groupement formé par la société "
     "Pertuis Conseil et le cabinet Vellane Études.",
     {("Pertuis Conseil", "PARTNER_OF", "Vellane Études"),
      ("région Occitanie", "CONTRACT_WITH", "Pertuis Conseil")}),
    ("Le lot n° 2 de l'appel d'offres de la mairie de Rennes est revenu à Cartolis.",
     {("mairie de Rennes", "CONTRACT_WITH", "Cartolis")}),
    ("Titulaire depuis 2020 du marché de la métropole de Lyon pour ses sondages, la société Orvane "
     "Études voit son contrat prolongé.",
     {("métropole de Lyon", "CONTRACT_WITH", "Orvane Études")}),
    ("La société Quillane a dû indemniser le parti Avenir Solidaire, son ancien client.",
     {("Avenir Solidaire", "CLIENT_OF", "Quillane")}),
])
def test_frames(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _rels(text)


@pytest.mark.slow
def test_award_not_asserted() -> None:
    text = "Le marché de la mairie de Rennes n'a pas été attribué à Cartolis."
    assert not {p for _, p, _ in _rels(text)} & {"CONTRACT_WITH"}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # cleft: "C'est (prép) X que VERB Y", with a plain or an inverted subject
    ("C'est vers le cabinet Brindille Data que s'est tournée la candidate Solène Marivaux.",
     {("Solène Marivaux", "CLIENT_OF", "Brindille Data")}),
    ("C'est au cabinet Brindille Data que la candidate Solène Marivaux a confié l'analyse de ses fichiers.",
     {("Solène Marivaux", "CLIENT_OF", "Brindille Data")}),
    ("C'est l'agence Pivoine Stratégies qu'a choisie Gaspard Leclou pour sa campagne.",
     {("Gaspard Leclou", "CLIENT_OF", "Pivoine Stratégies")}),
    # broader lexicon: signing with a vendor, vendors helping or working for a client
    ("Le député Octave Ravenel a signé avec Datazur Analytics pour sa campagne.",
     {("Octave Ravenel", "CLIENT_OF", "Datazur Analytics")}),
    ("Le maire sortant Edmond Périac a recruté l'agence Coquelicot Média pour les municipales.",
     {("Edmond Périac", "CLIENT_OF", "Coquelicot Média")}),
    ("L'agence Bleuet Conseil a épaulé la candidate Irène Vasseur pendant les municipales.",
     {("Irène Vasseur", "CLIENT_OF", "Bleuet Conseil")}),
    # a subjectless participle says something about the noun it hangs on
    ("La mairie a retenu la société Fenouil Data, associée à Marbrelle, pour la refonte de son outil.",
     {("Fenouil Data", "PARTNER_OF", "Marbrelle")}),
])
def test_cleft_and_lexicon(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _rels(text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Ce n'est pas vers le cabinet Brindille Data que s'est tournée la candidate Solène Marivaux.",
    "C'est vers Brindille Data que se tournerait la candidate Solène Marivaux.",
    "Le député Octave Ravenel n'a jamais signé avec Datazur Analytics.",
    "Le député Octave Ravenel envisage de signer avec Datazur Analytics.",
    "Le maire Edmond Périac a-t-il recruté l'agence Coquelicot Média ?",
])
def test_cleft_and_lexicon_negatives(text: str) -> None:
    preds = {p for _, p, _ in _rels(text)}
    assert not preds & {"CLIENT_OF", "CONTRACT_WITH", "PARTNER_OF"}
