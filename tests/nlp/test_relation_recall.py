"""Recall on phrasings absent from the evaluation splits: clients, contracts, officers, staff.

Invented names throughout. The gap tests are fast (no model); the sentence tests run the real
pipeline and are marked slow.
"""

from __future__ import annotations

import pytest

from nlp.extract import extract_texts
from nlp.rules import match_gap, normalise_gap

GAPS = [
    (" a déboursé 30 000 euros auprès de l'agence ", "PARTY", "COMPANY", "CLIENT_OF", "fwd"),
    (" s'est offert les services de la start-up ", "PERSON", "COMPANY", "CLIENT_OF", "fwd"),
    (" figure parmi les clients de la start-up ", "PARTY", "COMPANY", "CLIENT_OF", "fwd"),
    (" qui gère le fichier militant du ", "COMPANY", "PARTY", "CLIENT_OF", "rev"),
    (" a facturé 12 000 euros au ", "COMPANY", "PARTY", "CLIENT_OF", "rev"),
]


@pytest.mark.parametrize(("gap", "a", "b", "predicate", "direction"), GAPS, ids=[g[0] for g in GAPS])
def test_gap_rules(gap: str, a: str, b: str, predicate: str, direction: str) -> None:
    rule = match_gap(normalise_gap(gap), "", a, b)
    assert rule is not None and (rule.predicate, rule.direction) == (predicate, direction)


@pytest.mark.parametrize("gap", [" n'a pas déboursé un centime auprès de ", " aurait déboursé 10 000 euros auprès de "])
def test_gap_rules_skip_denials_and_conditionals(gap: str) -> None:
    assert match_gap(normalise_gap(gap), "", "PARTY", "COMPANY") is None


def test_prefix_rules() -> None:
    rule = match_gap(",", normalise_gap("Sous contrat avec la "), "PUBLIC_BODY", "COMPANY")
    assert rule is not None and rule.predicate == "CONTRACT_WITH"
    rule = match_gap(",", normalise_gap("Ex-salarié de "), "COMPANY", "PERSON")
    assert rule is not None and (rule.predicate, rule.direction) == ("WORKS_FOR", "rev")


POSITIVE: list[tuple[str, set[tuple[str, str, str]]]] = [
    ("L'agence Pollux Data a travaillé pour la campagne de Garance Tibolet en 2020.",
     {("Garance Tibolet", "CLIENT_OF", "Pollux Data")}),
    ("Soucieuse de moderniser son fichier, Garance Tibolet s'est offert les services de la start-up Ombrelis.",
     {("Garance Tibolet", "CLIENT_OF", "Ombrelis")}),
    ("La jeune pousse Ombrelis compte parmi ses clients le parti Horizons.", {("Horizons", "CLIENT_OF", "Ombrelis")}),
    ("C'est la société Quimbert Data qui gère le fichier militant du Parti socialiste.",
     {("Parti socialiste", "CLIENT_OF", "Quimbert Data")}),
    ("Le Parti communiste français a déboursé 30 000 euros auprès de l'agence Pollux Data.",
     {("Parti communiste français", "CLIENT_OF", "Pollux Data")}),
    ("Renaissance figure parmi les clients de la start-up Ombrelis.", {("Renaissance", "CLIENT_OF", "Ombrelis")}),
    ("La société Brindille a facturé 12 000 euros au Parti socialiste.", {("Parti socialiste", "CLIENT_OF", "Brindille")}),
    ("La région Occitanie a choisi Ombrelis pour cartographier ses électeurs.",
     {("région Occitanie", "CONTRACT_WITH", "Ombrelis")}),
    ("La société Quimbert Data a décroché un contrat de 200 000 euros auprès du conseil départemental de la Gironde.",
     {("conseil départemental de la Gironde", "CONTRACT_WITH", "Quimbert Data")}),
    ("Le conseil départemental du Nord a passé commande à Pollux Data pour une étude.",
     {("conseil départemental du Nord", "CONTRACT_WITH", "Pollux Data")}),
    ("Sous contrat avec la métropole de Lyon, Quimbert Data fournit des données de mobilité.",
     {("métropole de Lyon", "CONTRACT_WITH", "Quimbert Data")}),
    ("Mandatée par la région Bretagne, la start-up Ombrelis analyse les votes.",
     {("région Bretagne", "CONTRACT_WITH", "Ombrelis")}),
    ("Hugo Vernaz, qui préside la société Ombrelis, refuse de commenter.", {("Hugo Vernaz", "DIRECTS", "Ombrelis")}),
    ("À la tête de Quimbert Data depuis 2019, Léa Fontanieu revendique vingt clients.",
     {("Léa Fontanieu", "DIRECTS", "Quimbert Data")}),
    ("Marc Delorge, patron de Pollux Data, assume ses choix.", {("Marc Delorge", "DIRECTS", "Pollux Data")}),
    ("Le directeur général de Brindille, Paul Sarrazin, a démissionné.", {("Paul Sarrazin", "DIRECTS", "Brindille")}),
    ("Nadia Berthollet a pris la direction de Quimbert Data en janvier.",
     {("Nadia Berthollet", "DIRECTS", "Quimbert Data")}),
    ("Thomas Gravelin, consultant chez Ombrelis, connaît bien le terrain.", {("Thomas Gravelin", "WORKS_FOR", "Ombrelis")}),
    ("Julie Marmande, salariée de Pollux Data, a témoigné devant les juges.",
     {("Julie Marmande", "WORKS_FOR", "Pollux Data")}),
    ("Antoine Ribéry a été recruté par Quimbert Data l'an dernier.", {("Antoine Ribéry", "WORKS_FOR", "Quimbert Data")}),
    ("Claire Aubertin officie chez Brindille depuis trois ans.", {("Claire Aubertin", "WORKS_FOR", "Brindille")}),
    ("Ancienne de Pollux Data, Sophie Lenfant a rejoint Ombrelis en 2021.",
     {("Sophie Lenfant", "WORKS_FOR", "Pollux Data"), ("Sophie Lenfant", "WORKS_FOR", "Ombrelis")}),
    ("Ex-salarié de Quimbert Data, Marc Delorge conseille désormais les candidats.",
     {("Marc Delorge", "WORKS_FOR", "Quimbert Data")}),
    ("Pour gérer ses envois de SMS, l'équipe de Garance Tibolet s'est tournée vers la société Brindille.",
     {("Garance Tibolet", "CLIENT_OF", "Brindille")}),
    ("Parmi les prestataires de la campagne de Renaissance figure la start-up Ombrelis.",
     {("Renaissance", "CLIENT_OF", "Ombrelis")}),
    ("Ombrelis revendique parmi ses clients le Parti socialiste et Les Républicains.",
     {("Parti socialiste", "CLIENT_OF", "Ombrelis"), ("Les Républicains", "CLIENT_OF", "Ombrelis")}),
    ("Lauréate d'un appel d'offres de la région Grand Est, la société Pollux Data a livré son outil en mars.",
     {("région Grand Est", "CONTRACT_WITH", "Pollux Data")}),
    ("Marc Delorge dirige Pollux Data d'une main de fer.", {("Marc Delorge", "DIRECTS", "Pollux Data")}),
    ("Paul Sarrazin a été nommé directeur général de Brindille en 2022.", {("Paul Sarrazin", "DIRECTS", "Brindille")}),
    ("Julie Marmande travaille depuis 2018 pour la société Pollux Data.",
     {("Julie Marmande", "WORKS_FOR", "Pollux Data")}),
    ("Jordan Bardella a choisi Pollux Data. Bardella a ensuite signé avec Brindille.",
     {("Jordan Bardella", "CLIENT_OF", "Pollux Data"), ("Bardella", "CLIENT_OF", "Brindille")}),
    ("Le parti Horizons a signé en mars un contrat de 50 000 euros avec la société Brindille.",
     {("Horizons", "CONTRACT_WITH", "Brindille")}),
    ("Hugo Vernaz, ex-directeur de la stratégie chez Ombrelis, a fondé sa propre agence.",
     {("Hugo Vernaz", "WORKS_FOR", "Ombrelis")}),
    ("Aux commandes de Quimbert Data depuis 2021, Nadia Berthollet a doublé le chiffre d'affaires.",
     {("Nadia Berthollet", "DIRECTS", "Quimbert Data")}),
    ("La start-up Ombrelis a pour principal client le conseil départemental du Var.",
     {("conseil départemental du Var", "CONTRACT_WITH", "Ombrelis")}),
]

NEGATIVE: list[tuple[str, set[tuple[str, str, str]]]] = [
    ("La France insoumise n'a jamais travaillé avec Quimbert Data.", {("La France insoumise", "CLIENT_OF", "Quimbert Data")}),
    ("Le Parti socialiste pourrait faire appel à Ombrelis en 2027.", {("Parti socialiste", "CLIENT_OF", "Ombrelis")}),
    ("Le parti Horizons n'a pas déboursé un centime auprès de Pollux Data.", {("Horizons", "CLIENT_OF", "Pollux Data")}),
    ("Le parti Horizons aurait déboursé 10 000 euros auprès de Brindille.", {("Horizons", "CLIENT_OF", "Brindille")}),
    ("Ombrelis n'a jamais été rémunérée par Renaissance, assure son fondateur.", {("Renaissance", "CLIENT_OF", "Ombrelis")}),
    ("Le Parti socialiste envisage de confier son fichier à Quimbert Data.", {("Parti socialiste", "CLIENT_OF", "Quimbert Data")}),
    ("Le Parti socialiste n'a pas signé avec Brindille.", {("Parti socialiste", "CLIENT_OF", "Brindille")}),
    ("Gérant de Brindille depuis sa création, Paul Sarrazin reste discret.", {("Paul Sarrazin", "FOUNDED", "Brindille")}),
]


def _rels(result: dict) -> set[tuple[str, str, str]]:
    return {(r["subject_text"], r["predicate"], r["object_text"]) for r in result["relations"]}


@pytest.fixture(scope="module")
def results() -> dict[str, set[tuple[str, str, str]]]:
    texts = [t for t, _ in POSITIVE + NEGATIVE]
    return {t: _rels(r) for t, r in zip(texts, extract_texts(texts), strict=True)}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t[:40] for t, _ in POSITIVE])
def test_recall_pattern_found(results: dict, text: str, expected: set) -> None:
    assert expected <= results[text]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "absent"), NEGATIVE, ids=[t[:40] for t, _ in NEGATIVE])
def test_recall_denial_or_conditional_not_found(results: dict, text: str, absent: set) -> None:
    assert not absent & results[text]


@pytest.mark.slow
def test_recall_subject_is_never_object(results: dict) -> None:
    assert all(s != o for rels in results.values() for s, _, o in rels)
