"""Recall of the capital and regulator families: OWNS, SUBSIDIARY_OF, REGULATES, SANCTIONED.

Invented names throughout. Gap tests are fast (no model); sentence tests run the real pipeline
and are marked slow.
"""

from __future__ import annotations

import pytest

from nlp.extract import extract_texts
from nlp.rules import match_gap, normalise_gap

# (gap, label of A, label of B, predicate, direction, prefix)
GAPS = [
    # subsidiaries
    (", filiale néerlandaise du ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    (", l'une des quatre filiales de la holding ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    (", la filiale d'études d'opinion du groupe ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    (" figurait comme une filiale du groupe ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    (", dont la nouvelle filiale ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "rev", ""),
    (" regroupe désormais deux filiales : ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "rev", ""),
    (" a créé en 2021 une filiale baptisée ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "rev", ""),
    (", fusionnée l'an dernier avec sa maison mère, ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    # ownership
    (" a fait main basse sur ", "COMPANY", "COMPANY", "OWNS", "fwd", ""),
    (" a mis la main en 2022 sur l'agence ", "COMPANY", "COMPANY", "OWNS", "fwd", ""),
    (" s'est emparé de la start-up ", "COMPANY", "COMPANY", "OWNS", "fwd", ""),
    (" possède aussi ", "COMPANY", "MEDIA", "OWNS", "fwd", ""),
    (" est entré à hauteur de 15 % au capital de ", "COMPANY", "COMPANY", "OWNS", "fwd", ""),
    (" monte au capital d'", "PERSON", "COMPANY", "OWNS", "fwd", ""),
    (" a souscrit à l'augmentation de capital de ", "COMPANY", "COMPANY", "OWNS", "fwd", ""),
    (" s'est vu céder le logiciel ", "COMPANY", "PRODUCT", "OWNS", "fwd", ""),
    (" a ouvert en 2023 son capital au fonds ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (" ouvre son capital à l'investisseur ", "COMPANY", "PERSON", "OWNS", "rev", ""),
    (" : cession de 60 % des actions au profit de la société ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (", l'outil conçu par la jeune pousse bretonne ", "PRODUCT", "COMPANY", "OWNS", "rev", ""),
    (", dont le logiciel de porte-à-porte ", "COMPANY", "PRODUCT", "OWNS", "fwd", ""),
    (" au groupe ", "PRODUCT", "COMPANY", "OWNS", "rev", "Brivex a vendu début mars sa plateforme d'envoi "),
    # regulators
    (" a contrôlé en février les fichiers de la société ", "PUBLIC_BODY", "COMPANY", "REGULATES", "fwd", ""),
    (" a inspecté le siège d'", "PUBLIC_BODY", "COMPANY", "REGULATES", "fwd", ""),
    (" a mené une inspection sur place chez ", "PUBLIC_BODY", "COMPANY", "REGULATES", "fwd", ""),
    (" est enregistrée depuis 2021 au répertoire des représentants d'intérêts tenu par la ",
     "COMPANY", "PUBLIC_BODY", "REGULATES", "rev", ""),
    (" apparaît dans le registre de transparence de la ", "COMPANY", "PUBLIC_BODY", "REGULATES", "rev", ""),
    (" a fait appel de l'amende que lui a infligée la ", "COMPANY", "PUBLIC_BODY", "SANCTIONED", "rev", ""),
    (" a notifié un avertissement à son prestataire, la société ", "PUBLIC_BODY", "COMPANY", "SANCTIONED",
     "fwd", ""),
    (" a réformé le compte de campagne du ", "PUBLIC_BODY", "PERSON", "SANCTIONED", "fwd", ""),
    (" a déclaré inéligible ", "PUBLIC_BODY", "PERSON", "SANCTIONED", "fwd", ""),
    (", dont le compte a été rejeté par la ", "PERSON", "PUBLIC_BODY", "SANCTIONED", "rev", ""),
    (" par la ", "COMPANY", "PUBLIC_BODY", "SANCTIONED", "rev", "la mise en demeure adressée à "),
    (" a écopé en 2021 d'un blâme de la ", "COMPANY", "PUBLIC_BODY", "SANCTIONED", "rev", ""),
    (" s'est vu notifier une injonction par le ", "COMPANY", "PUBLIC_BODY", "SANCTIONED", "rev", ""),
    (" a prononcé contre ", "PUBLIC_BODY", "PERSON", "SANCTIONED", "fwd", ""),
    (" contre la société ", "PUBLIC_BODY", "COMPANY", "SANCTIONED", "fwd", "la lourde amende de la "),
    (" a fait l'objet d'un contrôle de la ", "COMPANY", "PUBLIC_BODY", "REGULATES", "rev", ""),
    (" a reçu la visite des enquêteurs de la ", "COMPANY", "PUBLIC_BODY", "REGULATES", "rev", ""),
    (" est enregistré auprès de la ", "COMPANY", "PUBLIC_BODY", "REGULATES", "rev", ""),
    (" visant ", "PUBLIC_BODY", "COMPANY", "REGULATES", "fwd", "l'enquête menée par l'"),
    (" ainsi que sa succursale belge, ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "rev", ""),
    (" a pris en 2020 la majorité du capital de ", "COMPANY", "COMPANY", "OWNS", "fwd", ""),
    (" est actionnaire à hauteur de 12 % de ", "PERSON", "COMPANY", "OWNS", "fwd", ""),
    (", qu'a rachetée en 2019 le groupe ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (", que détient désormais ", "COMPANY", "PERSON", "OWNS", "rev", ""),
    (" a cédé 25 % de son capital au fonds ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (" a été reprise en 2023 par son concurrent ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (" s'est vu imposer par la ", "COMPANY", "PUBLIC_BODY", "SANCTIONED", "rev", ""),
    # a sanction procedure is not yet a sanction: supervision only
    (" fait l'objet d'une procédure de sanction de la ", "COMPANY", "PUBLIC_BODY", "REGULATES", "rev", ""),
    (", dont le capital est détenu à 60 % par la holding ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (", dont les parts sont réparties entre ", "COMPANY", "PERSON", "OWNS", "rev", ""),
    (", dont la maison mère, ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    # nominalisations: the takeover "de X par Y", the sale "de X à Y"
    (" par le groupe ", "COMPANY", "COMPANY", "OWNS", "rev", "L'absorption de la PME auvergnate "),
    (", conclue en avril, par l'industriel ", "COMPANY", "PERSON", "OWNS", "rev", "la prise de contrôle de "),
    (" par ", "MEDIA", "COMPANY", "OWNS", "rev", "depuis l'acquisition du titre régional "),
    (" à l'homme d'affaires ", "COMPANY", "PERSON", "OWNS", "rev", "la revente de l'institut "),
    (" pour 3 millions d'euros au fonds ", "COMPANY", "COMPANY", "OWNS", "rev", "la vente de la start-up "),
    # a sale with a price and descriptors
    (" à l'entrepreneuse nantaise ", "COMPANY", "PERSON", "OWNS", "rev",
     "Le groupe Ferlane a revendu pour un euro symbolique le cabinet "),
    # a fronted subsidiary with its stake and a descriptor of the parent
    (", filiale détenue à 80 % par l'opérateur ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (", filiale à 100 % du géant allemand ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    # fundraising: the investors take a stake
    (" a levé 6 millions d'euros auprès du fonds ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    (" clôture une levée de fonds de 2 millions d'euros menée par ", "COMPANY", "COMPANY", "OWNS", "rev", ""),
    # fronted shareholders: "Au capital de X figurent Y"
    (" figurent aussi la holding ", "COMPANY", "COMPANY", "OWNS", "rev", "Au capital de "),
    (", on trouve l'industriel ", "COMPANY", "PERSON", "OWNS", "rev", "Dans le tour de table de "),
    # takeover in any tense, coordinated apposition, fronted subsidiary, sold stake
    (" bascule dans le giron du groupe de presse ", "MEDIA", "COMPANY", "OWNS", "rev", ""),
    (", une agence installée à Tours et filiale du groupe ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "fwd", ""),
    (", ", "COMPANY", "COMPANY", "SUBSIDIARY_OF", "rev", "Filiale espagnole de l'opérateur "),
    (" à ", "COMPANY", "COMPANY", "OWNS", "rev", "Le fonds Orsel a vendu sa participation de 20 % dans la société "),
    # inspections: "procéder à", the target's activities
    (" a procédé en juin à une inspection dans les locaux d'", "PUBLIC_BODY", "COMPANY", "REGULATES", "fwd", ""),
    (" a lancé une enquête sur les pratiques commerciales de la société ", "PUBLIC_BODY", "COMPANY",
     "REGULATES", "fwd", ""),
]


@pytest.mark.parametrize(("gap", "a", "b", "predicate", "direction", "prefix"), GAPS,
                         ids=[g[0].strip() for g in GAPS])
def test_gap_rules_capital_and_regulators(gap: str, a: str, b: str, predicate: str, direction: str,
                                          prefix: str) -> None:
    rule = match_gap(normalise_gap(gap), normalise_gap(prefix), a, b)
    assert rule is not None and (rule.predicate, rule.direction) == (predicate, direction), rule


NO_GAPS = [
    (" n'a jamais mis la main sur ", "COMPANY", "COMPANY"),
    (" envisage d'entrer au capital de ", "COMPANY", "COMPANY"),
    (" pourrait ouvrir son capital au fonds ", "COMPANY", "COMPANY"),
    (" a cédé en mai sa filiale à ", "COMPANY", "COMPANY"),  # the seller owns nothing after a sale
    (" n'a pas contrôlé les serveurs de ", "PUBLIC_BODY", "COMPANY"),
    (" n'a jamais rejeté le compte de ", "PUBLIC_BODY", "PERSON"),
    (" aurait adressé un rappel à l'ordre à ", "PUBLIC_BODY", "COMPANY"),
    (" a racheté des fichiers d'électeurs à l'agence ", "COMPANY", "COMPANY"),  # a purchase, not a stake
    (" pourrait faire l'objet d'une enquête de la ", "COMPANY", "PUBLIC_BODY"),
    (" n'a pas procédé à un contrôle chez ", "PUBLIC_BODY", "COMPANY"),
    (" aurait procédé à une inspection chez ", "PUBLIC_BODY", "COMPANY"),
    (" a réalisé une enquête d'opinion auprès de ", "COMPANY", "COMPANY"),
    (" pourrait lever 2 millions d'euros auprès de ", "COMPANY", "COMPANY"),
    (" a obtenu un prêt auprès de la banque ", "COMPANY", "COMPANY"),
]


@pytest.mark.parametrize(("gap", "a", "b"), NO_GAPS, ids=[g[0].strip() for g in NO_GAPS])
def test_gap_rules_skip_denials_plans_and_sellers(gap: str, a: str, b: str) -> None:
    rule = match_gap(normalise_gap(gap), "", a, b)
    assert rule is None or rule.predicate not in ("OWNS", "SUBSIDIARY_OF", "REGULATES", "SANCTIONED")


#: (gap, label of A, label of B, prefix): a hedged or planned nominalisation states no takeover.
HEDGED_PREFIXES = [
    (" par le groupe ", "COMPANY", "COMPANY", "le futur rachat de l'agence "),
    (" au fonds ", "COMPANY", "COMPANY", "l'éventuelle cession de la start-up "),
    (" par ", "COMPANY", "COMPANY", "n'envisage pas l'acquisition de la société "),
]


@pytest.mark.parametrize(("gap", "a", "b", "prefix"), HEDGED_PREFIXES, ids=[p[3].strip() for p in HEDGED_PREFIXES])
def test_hedged_nominalisations_skipped(gap: str, a: str, b: str, prefix: str) -> None:
    rule = match_gap(normalise_gap(gap), normalise_gap(prefix), a, b)
    assert rule is None or rule.predicate != "OWNS"


SENTENCES = [
    # nominalisations and sales with descriptors
    ("L'acquisition de la start-up toulousaine Vortimo par Brindel Conseil a été bouclée en mars.",
     {("Brindel Conseil", "OWNS", "Vortimo")}),
    ("Le groupe Rivamar a cédé pour un euro symbolique l'institut Ploumark à l'entrepreneur lillois "
     "Justin Garrabé.",
     {("Justin Garrabé", "OWNS", "Ploumark")}),
    ("Filiale à 100 % de l'opérateur suisse Zentrax, la société Murvello gère des campagnes de SMS.",
     {("Murvello", "SUBSIDIARY_OF", "Zentrax")}),
    ("La Haute Autorité pour la transparence de la vie publique a ouvert une enquête sur les activités du "
     "cabinet Brindel Conseil.",
     {("Haute Autorité pour la transparence de la vie publique", "REGULATES", "Brindel Conseil")}),
    ("La CNIL a procédé en mai à un contrôle sur place chez Vortimo.", {("CNIL", "REGULATES", "Vortimo")}),
    ("Parvis Conseil, une agence fondée en 2012 à Lille par deux anciens journalistes, appartient depuis "
     "2020 à Hexaprim Groupe.", {("Hexaprim Groupe", "OWNS", "Parvis Conseil")}),
    ("La jeune pousse Gravelo lève 3 millions d'euros auprès de Pinson Ventures.",
     {("Pinson Ventures", "OWNS", "Gravelo")}),
    ("Au capital de Mirval SAS figurent désormais le fonds Perle Partners et l'homme d'affaires Jonas Ferrandi.",
     {("Perle Partners", "OWNS", "Mirval SAS")}),
    ("Filiale française du groupe britannique Corrigan Ltd, Sondal France est pilotée depuis Nantes.",
     {("Sondal France", "SUBSIDIARY_OF", "Corrigan Ltd")}),
    # fronted inspection, pronoun sanction
    ("À l'issue d'une inspection des locaux de la société Trévalis, la CNIL lui a adressé une mise en "
     "demeure.",
     {("CNIL", "REGULATES", "Trévalis"), ("CNIL", "SANCTIONED", "Trévalis")}),
    ("Lors d'un audit mené en 2022 chez l'éditeur Numéralis, la CNIL a relevé plusieurs manquements.",
     {("CNIL", "REGULATES", "Numéralis")}),
    ("La start-up Cadrivote conservait les fichiers sans limite. La CNIL l'a finalement sanctionnée en "
     "juin.",
     {("CNIL", "SANCTIONED", "Cadrivote")}),
    ("En mars, la CNIL a mis la start-up Ravelis en demeure de supprimer ses fichiers.",
     {("CNIL", "SANCTIONED", "Ravelis")}),
    ("L'agence Mirabel, que le groupe Tessaro a rachetée l'an dernier, vend des panels aux mairies.",
     {("Tessaro", "OWNS", "Mirabel")}),
    ("Kelvane, dont la cofondatrice Anaïs Brunet possède encore 55 %, a levé 2 millions d'euros.",
     {("Anaïs Brunet", "OWNS", "Kelvane")}),
    ("Solvane Capital est entrée au capital d'Electis aux côtés de l'investisseur Marc Dalbret.",
     {("Solvane Capital", "OWNS", "Electis"), ("Marc Dalbret", "OWNS", "Electis")}),
    ("En rachetant l'institut Sondara, le groupe Belcourt a doublé son chiffre d'affaires.",
     {("Belcourt", "OWNS", "Sondara")}),
    ("La fédération Unis pour Agir a réglé la société Fidelia, dont son trésorier, Joël Keller, est "
     "l'unique actionnaire.",
     {("Joël Keller", "OWNS", "Fidelia")}),
    ("Le tribunal administratif a rejeté le recours de Sonalis contre la mise en demeure de la CNIL.",
     {("CNIL", "SANCTIONED", "Sonalis")}),
    # fronted owners with "en"
    ("Fondée en 2015 par Paul Vernhes et Léa Corbin, qui en possèdent toujours la majorité, la société "
     "Orbeval vend des fichiers électoraux.",
     {("Paul Vernhes", "OWNS", "Orbeval"), ("Léa Corbin", "OWNS", "Orbeval")}),
    # dont + pronoun
    ("Le candidat Bastien Roque a payé la société Pixelvote, dont il est l'actionnaire principal, pour "
     "ses envois de SMS.",
     {("Bastien Roque", "OWNS", "Pixelvote")}),
    # possessive owner, remaining stake
    ("Nouvelle levée pour Campanil : son actionnaire majoritaire, la holding Ferrand Invest, a remis "
     "500 000 euros.",
     {("Ferrand Invest", "OWNS", "Campanil")}),
    ("La holding Belvane détient 70 % de Scrutix ; les 30 % restants appartiennent à son président, "
     "Olivier Mesnard.",
     {("Belvane", "OWNS", "Scrutix"), ("Olivier Mesnard", "OWNS", "Scrutix")}),
    # ordinal anaphora
    ("Telvox et Agorado ont noué un partenariat : le second distribuera le logiciel Tribuna du premier.",
     {("Telvox", "OWNS", "Tribuna")}),
    # gap rules in context
    ("Le groupe Marvane a fait main basse en 2021 sur Civitel, une start-up qui édite l'application "
     "Porteo.",
     {("Marvane", "OWNS", "Civitel")}),
    ("Faute de trésorerie, Dorsel a revendu en mai son logiciel de cartographie Géovote au groupe "
     "Altimap.",
     {("Altimap", "OWNS", "Géovote")}),
    ("Le groupe Kerlan chapeaute trois filiales, Kerlan Data, Kerlan Sondages et Kerlan Conseil.",
     {("Kerlan Data", "SUBSIDIARY_OF", "Kerlan"), ("Kerlan Sondages", "SUBSIDIARY_OF", "Kerlan"),
      ("Kerlan Conseil", "SUBSIDIARY_OF", "Kerlan")}),
    ("Le cabinet Vireo Conseil est inscrit depuis 2020 au répertoire des représentants d'intérêts de la "
     "HATVP.",
     {("HATVP", "REGULATES", "Vireo Conseil")}),
]


@pytest.fixture(scope="module")
def sentence_results() -> dict[str, set[tuple[str, str, str]]]:
    texts = [t for t, _ in SENTENCES] + NEGATIVE + [t for t, _ in WRONG]
    results = extract_texts(texts)
    return {t: {(r["subject_text"], r["predicate"], r["object_text"]) for r in res["relations"]}
            for t, res in zip(texts, results, strict=True)}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[t[:40] for t, _ in SENTENCES])
def test_sentences_capital_and_regulators(sentence_results: dict, text: str, expected: set) -> None:
    assert expected <= sentence_results[text]


NEGATIVE = [
    "Le groupe Rivamar n'a jamais cédé l'institut Ploumark à l'entrepreneur Justin Garrabé.",
    "La CNIL n'a pas procédé à un contrôle chez Vortimo.",
    "La start-up Gravelo envisage de lever 3 millions d'euros auprès de Pinson Ventures.",
    "Au capital de Mirval SAS ne figure plus le fonds Perle Partners.",
    "La CNIL aurait contrôlé en 2022 les serveurs de la société Brixel.",
    "Avant un éventuel contrôle des serveurs de la société Brixel, la CNIL lui a demandé des pièces.",
    "La CNIL pourrait lui infliger une amende, estime la société Tarvel.",
    "Fondée par Marc Aubel, qui en aurait détenu la majorité, la société Quorvis reste discrète.",
    "Le groupe Néoprim envisage de mettre la main sur la start-up Valcivis.",
    "La société Ardelis, dont il n'a jamais été actionnaire, a facturé Jules Perrot.",
    "Son actionnaire, le fonds Mistral Ventures, aurait-il racheté Velbo ?",
    "La CNIL n'a pas mis la société Quintal en demeure.",
    "Après avoir envisagé de racheter Tramvote, le groupe Ostrel a renoncé.",
    "Kartel Data, dont le concurrent Sonexa possède un fichier rival, recrute.",
    "Après une enquête de Mediapart sur la société Orvidia, la CNIL a ouvert un dossier.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:40] for t in NEGATIVE])
def test_negative_sentences_capital_and_regulators(sentence_results: dict, text: str) -> None:
    found = {r for r in sentence_results[text]
             if r[1] in ("OWNS", "SUBSIDIARY_OF", "REGULATES", "SANCTIONED")}
    assert not found


#: Sentences with a true capital relation where a near-miss must not be read.
WRONG = [
    ("Le fonds Pyla détient 30 % de Cibleo, qui travaille aux côtés de l'agence Marvix.",
     ("Marvix", "OWNS", "Cibleo")),
    ("Le groupe Tessane a cédé en 2020 la start-up Ovalis au fonds Brisa.", ("Tessane", "OWNS", "Ovalis")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "wrong"), WRONG, ids=[t[:40] for t, _ in WRONG])
def test_near_misses_not_read(sentence_results: dict, text: str, wrong: tuple[str, str, str]) -> None:
    assert wrong not in sentence_results[text]
