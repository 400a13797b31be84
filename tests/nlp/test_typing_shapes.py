"""Entity typing for names no list knows: brand-shaped MISC, names the model cut short, common-noun
"persons", intercommunal bodies, known communes. Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from nlp.places import is_known_place

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from nlp.pipeline import load_pipeline
    return load_pipeline()


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize(("text", "expected"), [
    # the model's MISC on an unknown brand named bare
    ("La prise de participation de Caldera Invest dans Plumétis remonte à 2020.", ("Plumétis", "COMPANY")),
    ("Le groupe détient aussi Urne Express depuis l'an dernier.", ("Urne Express", "COMPANY")),
    # a known vendor name that opens a longer name is not that vendor
    ("Au sein de Quorum Analytica, Pauline Verdier suivait les sondages.", ("Quorum Analytica", "COMPANY")),
    # a two-word "person" made of common nouns
    ("Le partenariat entre Polaris Civitas et Écoute Citoyenne a été signé en mai.",
     ("Écoute Citoyenne", "COMPANY")),
    # a name the model cut short on the left
    ("Le candidat a signé un devis avec KLM Stratégies et une agence lyonnaise.", ("KLM Stratégies", "COMPANY")),
    # public bodies
    ("Le syndicat mixte Val-Morvan a confié le marché à Tessia.", ("syndicat mixte Val-Morvan", "PUBLIC_BODY")),
    ("Elle a travaillé au service de presse de la ville de Rennes.", ("ville de Rennes", "PUBLIC_BODY")),
    # a party introduced by its descriptor, with a lower-case word in its name
    ("Le parti Avenir commun a fait appel à une agence de Lille.", ("Avenir commun", "PARTY")),
])
def test_unknown_names_are_typed(nlp, text: str, expected: tuple[str, str]) -> None:
    assert expected in ents(nlp, text)


def test_a_dative_after_an_incise_is_no_place(nlp) -> None:
    found = ents(nlp, "Le marché a été attribué, après une longue procédure, à Civiqua.")
    assert ("Civiqua", "COMPANY") in found


def test_events_and_first_names_are_not_brands(nlp) -> None:
    found = ents(nlp, "Ancienne de Pollux Data, Sophie Lenfant a organisé la Grande Marche.")
    assert ("Sophie Lenfant", "PERSON") in found
    assert not any(text == "Grande Marche" for text, _ in found)


def test_hyphenated_commune_is_not_a_known_person(nlp) -> None:
    found = ents(nlp, "Elle a travaillé pour la liste de Mélanie Grosjean à Clermont-Ferrand en 2020.")
    assert not any(text == "Ferrand" for text, _ in found)


def test_communes_are_known_places() -> None:
    assert is_known_place("Vénissieux") and is_known_place("Auvergne-Rhône-Alpes")
    assert not is_known_place("Plumétis")


@pytest.mark.parametrize(("text", "expected"), [
    ("Yannick Morel-Diouf quitte Votalis pour rejoindre une agence.", ("Yannick Morel-Diouf", "PERSON")),
    ("Elle y succède à Gérald Tassin, parti chez Fidelio Conseil.", ("Gérald Tassin", "PERSON")),
    ("La start-up Prismatik Tech a levé deux millions.", ("Prismatik Tech", "COMPANY")),
    ("Elle a réglé à la société Civiflex des prestations de phoning.", ("Civiflex", "COMPANY")),
    ("Il dirige aussi l'hebdomadaire Gazette des Maires.", ("Gazette des Maires", "MEDIA")),
    ("Le groupe a racheté Tabula, une société qui édite le logiciel de gestion des dons Donorix.",
     ("Donorix", "PRODUCT")),
    ("Selon un rapport consulté par La Vigie Normande, la mairie a payé.", ("La Vigie Normande", "MEDIA")),
    ("Conseiller régional d'Auvergne-Rhône-Alpes, il a quitté le parti.", ("Auvergne-Rhône-Alpes", "PLACE")),
    ("Le candidat qui brigue la mairie de Quimper a recruté un consultant.", ("Quimper", "PLACE")),
])
def test_more_shapes(nlp, text: str, expected: tuple[str, str]) -> None:
    assert expected in ents(nlp, text)


def test_descriptor_of_the_next_name_does_not_type_the_previous(nlp) -> None:
    found = ents(nlp, "Fondée en 2019 par Armelle Quéré, la société Novalix vend des fichiers.")
    assert ("Armelle Quéré", "PERSON") in found and ("Novalix", "COMPANY") in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Le Rassemblement des Monts et Rivières a fait appel à une agence.", ("Rassemblement des Monts et Rivières", "PARTY")),
    ("Titulaire du marché, la SARL Civitas Numérique 56 héberge la plateforme.", ("Civitas Numérique 56", "COMPANY")),
])
def test_compound_names_and_legal_forms(nlp, text: str, expected: tuple[str, str]) -> None:
    assert expected in ents(nlp, text)


def test_a_sentence_initial_descriptor_is_no_name(nlp) -> None:
    found = ents(nlp, "Filiale à 100 % du groupe Ortolan, la société Vexin Data gère les envois.")
    assert not any(text == "Filiale" for text, _ in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Le député Renaissance Octave Brunel a signé avec une agence.", ("Octave Brunel", "PERSON")),
    ("Le député Renaissance Octave Brunel a signé avec une agence.", ("Renaissance", "PARTY")),
    ("Orlane et Numéria 360 unissent leurs forces.", ("Numéria 360", "COMPANY")),
    ("Le spécialiste des SMS électoraux Textivox passe dans le giron du groupe Barnabé-Lindqvist Holding.",
     ("Textivox", "COMPANY")),
    ("Le titre passe dans le giron du groupe de communication Barnabé-Lindqvist Holding.",
     ("Barnabé-Lindqvist Holding", "COMPANY")),
])
def test_labels_digits_and_descriptors(nlp, text: str, expected: tuple[str, str]) -> None:
    assert expected in ents(nlp, text)


def test_a_year_after_a_cue_is_no_name(nlp) -> None:
    found = ents(nlp, "Il était directeur de l'entreprise depuis 2022.")
    assert not any(text == "2022" for text, _ in found)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("La chambre régionale des comptes des Hauts-de-France a épinglé la gestion de la commune.",
     ("chambre régionale des comptes des Hauts-de-France", "PUBLIC_BODY")),
    ("La chambre régionale des comptes d'Occitanie a contrôlé la mairie de Nîmes.",
     ("chambre régionale des comptes d'Occitanie", "PUBLIC_BODY")),
    # a first name, a particle and a surname the model read as a firm
    ("Sixtine de Beaulaincourt, ancienne de Debout la France, a rejoint le mouvement.",
     ("Sixtine de Beaulaincourt", "PERSON")),
    # a party name closed by a number takes no following word
    ("Le mouvement Élan Citoyen 2027 revendique 4 000 adhérents.", ("Élan Citoyen 2027", "PARTY")),
    # party-shaped names with no cue
    ("La CNIL a adressé un avertissement à l'Union des Démocrates Ruraux.", ("Union des Démocrates Ruraux", "PARTY")),
    ("Elle était secrétaire générale adjointe de la Nouvelle Alliance Citoyenne.",
     ("Nouvelle Alliance Citoyenne", "PARTY")),
    # a given name after a comma cue stays a person
    ("L'entreprise était dirigée par un ancien assistant du parti, Étienne Caradec-Bakari.",
     ("Étienne Caradec-Bakari", "PERSON")),
])
def test_bodies_persons_and_parties_by_shape(text: str, expected: tuple[str, str]) -> None:
    from nlp.extract import extract_text

    assert expected in {(e["text"], e["label"]) for e in extract_text(text)["entities"]}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Le nouvel outil de la région Normandie a été confié à Quadrivium Data SAS.", ("région Normandie", "PUBLIC_BODY")),
    ("La région Provence-Alpes-Côte d'Azur a retenu Arènes Publiques.",
     ("région Provence-Alpes-Côte d'Azur", "PUBLIC_BODY")),
    # a cue reaching over "du président de la" does not retype a body that names itself
    ("Ancien chef de cabinet du président de la région Bretagne, Erwan Le Guellec a rejoint Influens Publics.",
     ("région Bretagne", "PUBLIC_BODY")),
    ("Ballotix Services est la branche française de Ballotix Ltd, dont le siège est à Dublin.", ("Dublin", "PLACE")),
    ("Rousseau & Sangaré Associés : un cabinet créé en 2014 par Bastien Rousseau.",
     ("Rousseau & Sangaré Associés", "COMPANY")),
    ("Chez Forum & Cité, elle a dirigé le pôle data.", ("Forum & Cité", "COMPANY")),
    ("Enquêtia et CartoElec mettent en commun leurs bases.", ("CartoElec", "COMPANY")),
    ("Elle utilise la messagerie de campagne Callio.", ("Callio", "PRODUCT")),
])
def test_regions_seats_ampersands_and_lists(text: str, expected: tuple[str, str]) -> None:
    from nlp.extract import extract_text

    assert expected in {(e["text"], e["label"]) for e in extract_text(text)["entities"]}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("La société a ouvert un bureau à Dakar et travaille au Bénin.", ("Bénin", "PLACE")),
    ("Le groupe, basé à Rabat, a racheté la start-up Oudayo.", ("Rabat", "PLACE")),
    ("Le PTB et le MR ont tous deux fait appel à l'agence Kivuli.", ("PTB", "PARTY")),
    ("L'Autorité de protection des données a sanctionné Lumavox.", ("Autorité de protection des données", "PUBLIC_BODY")),
    ("Selon Jeune Afrique, la société Tropik Data travaille pour le Pastef.", ("Jeune Afrique", "MEDIA")),
])
def test_foreign_places_parties_bodies_and_media(text: str, expected: tuple[str, str]) -> None:
    from nlp.extract import extract_text

    assert expected in {(e["text"], e["label"]) for e in extract_text(text)["entities"]}
