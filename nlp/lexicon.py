"""Cue words that type a name from its context, as data (lower case; matched case-insensitively).

``PRE_CUES``: the noun before a name ("la start-up X"). ``POST_CUES``: the apposition after it
("X, société de conseil"). ``NAME_KEYWORDS``: words inside a name ("Parti", "ministère").
Add words here rather than ``if`` branches in the components.
"""

from __future__ import annotations

from pathlib import Path

_COMPANY = (
    "start-up", "startup", "start up", "jeune pousse", "société", "entreprise", "agence", "cabinet",
    "firme", "groupe", "prestataire", "fournisseur", "éditeur", "filiale", "sous-traitant", "pme",
    "institut", "maison mère", "holding", "imprimeur", "imprimerie", "routeur", "hébergeur", "fonds", "fonds d'investissement", "boîte", "compagnie", "consultancy", "agence digitale",
    "société de conseil", "cabinet de conseil", "agence de communication", "institut de sondage",
    "entreprise de données", "courtier en données", "data broker", "licorne", "scale-up",
    "sarl", "sas", "société anonyme", "géant",
)
_PRODUCT = ("logiciel", "application", "appli", "app", "plateforme", "outil", "solution", "progiciel",
            "messagerie", "messagerie de campagne", "application mobile", "crm",
            "algorithme", "chatbot", "extension", "base de données")
_PARTY = ("parti", "mouvement", "formation politique", "parti politique", "micro-parti", "microparti")
_MEDIA = ("journal", "quotidien", "hebdomadaire", "magazine", "mensuel", "site d'information",
          "site d’information", "média", "pure player", "radio", "chaîne", "newsletter", "lettre confidentielle")
_PUBLIC = ("autorité", "administration", "collectivité", "préfecture", "mairie", "commune", "ministère",
           "régulateur", "gendarme", "juridiction", "tribunal")

PRE_CUES: dict[str, str] = {
    **{c: "COMPANY" for c in _COMPANY},
    **{c: "PRODUCT" for c in _PRODUCT},
    **{c: "PARTY" for c in _PARTY},
    **{c: "MEDIA" for c in _MEDIA},
    **{c: "PUBLIC_BODY" for c in _PUBLIC},
}
# "gendarme" and "autorité" cue the name that follows ("le gendarme des données, la CNIL").

POST_CUES: dict[str, str] = {
    **{c: "COMPANY" for c in _COMPANY if c not in ("groupe", "institut", "géant")},
    **{c: "PRODUCT" for c in ("logiciel", "application", "plateforme", "outil", "solution")},
    **{c: "PARTY" for c in ("parti", "mouvement", "formation politique")},
    **{c: "MEDIA" for c in ("journal", "quotidien", "hebdomadaire", "magazine", "site d'information")},
}

#: Nouns whose complement is a person: "les équipes de X", "l'entourage de X" (lone surnames).
PERSON_CONTEXT: tuple[str, ...] = (
    "équipe", "équipes", "entourage", "campagne", "candidature", "camp", "partisans", "soutiens",
    "proches", "fidèles", "lieutenants", "électeurs", "électorat", "militants", "meeting", "meetings",
    "QG", "staff", "directeur de campagne", "directrice de campagne", "porte-parole", "bras droit",
    "conseillers", "conseillère", "conseiller", "plume", "gouvernement", "quinquennat", "mandat",
    "premier cercle", "garde rapprochée", "écurie", "rival", "rivale", "adversaire", "successeur",
    "prédécesseur", "épouse", "mari", "fils", "fille", "frère", "sœur", "chef de cabinet",
)

NAME_KEYWORDS: dict[str, str] = {
    **{w: "PUBLIC_BODY" for w in (
        "ministère", "préfecture", "mairie", "conseil régional", "conseil départemental",
        "conseil municipal", "conseil d'état", "conseil constitutionnel", "commission", "autorité",
        "tribunal", "cour", "parquet", "assemblée", "sénat", "haute autorité", "direction générale",
        "inspection", "agence nationale", "région", "département", "ville de", "métropole",
        "université", "gendarmerie", "police", "préfet", "conseil supérieur", "office national",
        "caisse", "communauté de communes", "secrétariat", "gouvernement", "établissement public",
        "syndicat mixte", "chambre régionale", "service public",
    )},
    **{w: "PARTY" for w in ("parti", "rassemblement", "union pour", "front", "mouvement", "les jeunes")},
    **{w: "COMPANY" for w in (
        "consulting", "conseil", "conseils", "technologies", "technology", "solutions", "data",
        "group", "groupe", "digital", "labs", "lab", "analytics", "partners", "associés", "software",
        "sas", "sarl", "inc", "ltd", "gmbh", "corp", "strategies", "stratégies", "communication",
        "agency", "media group", "holding", "studio", "systems", "tech", "atelier", "ateliers",
        "sondages", "sondage", "opinion", "études", "research", "institute", "insights", "affaires publiques",
        "influence", "participations", "capital", "invest", "ventures", "networks", "numérique",
        "médiation", "civic", "civique", "mobile", "phoning", "conseil & associés", "interactive", "compliance",
        "public affairs", "affaires publiques", "& co", "& fils", "associates", "factory", "consultants",
    )},
    **{w: "MEDIA" for w in ("journal", "magazine", "radio", "tv", "télévision", "hebdo", "presse", "news")},
}

#: First words of party and movement names ("Union des Démocrates Ruraux", "Nouvelle Alliance
#: Citoyenne"): with a word of :data:`POLITICAL_WORDS` and no company keyword, the name is a party.
PARTY_HEADS: frozenset[str] = frozenset("""
alliance union ligue rassemblement mouvement parti front nouvelle nouveau génération générations debout
résistance renouveau convention centre collectif coordination fédération citoyens patriotes démocrates
républicains écologistes socialistes progressistes centristes souverainistes libéraux insoumis
""".split())
POLITICAL_WORDS: frozenset[str] = frozenset("""
démocrate démocrates démocratique citoyen citoyenne citoyens citoyennes républicain républicaine
républicains républicaines république patriote patriotes patriotique populaire populaires peuple
territoires provinces nation nationale national nationaliste souverain souveraine souverainiste
souveraineté socialiste socialistes social sociale écologiste écologistes écologie progressiste
progressistes libéral libérale libéraux gauche droite centre centriste france français française
français ruraux rurale insoumis insoumise liberté libertés solidaire solidaires solidarité laïque
humaniste humanistes identitaire fraternité égalité européenne européens
""".split())

#: Common given names: "Garance Tibolet" is a person even when the model misses it. The longer
#: list of ``nlp/data/first_names.txt`` (any origin) is added to these.
_COMMON_FIRST_NAMES = frozenset("""
Adrien Agnès Alain Alexandra Alexandre Alexis Alice Aline Amandine Amélie Anaïs André Anne Annie
Antoine Arnaud Arthur Aurélie Aurélien Axel Baptiste Barbara Benjamin Benoît Bernard Bertrand Brigitte
Bruno Camille Caroline Catherine Cécile Céline Charles Charlotte Chloé Christian Christine Christophe
Claire Claude Clément Clémentine Colette Corinne Cyril Damien Daniel David Delphine Denis Didier
Dominique Édouard Edouard Élise Élisabeth Elisabeth Éloïse Emma Emmanuel Emmanuelle Éric Eric Estelle
Étienne Fabien Fabienne Fabrice Fanny Florence Florian Franck François Françoise Frédéric Gabriel
Gaëlle Garance Geneviève Georges Gérald Gérard Gilles Guillaume Hélène Henri Hervé Hugo Hugues Inès
Isabelle Jacques Jean Jeanne Jérémie Jérôme Joël Jonathan Jordan Joseph Julie Julien Juliette Justine
Karim Karine Kevin Laetitia Laura Laure Laurence Laurent Léa Léo Léon Lionel Louis Louise Luc Lucas
Lucie Ludovic Manon Manuel Marc Marie Marine Marion Martin Martine Mathieu Mathilde Matthieu Maxime
Mélanie Michel Michèle Mickaël Nadia Nadine Nathalie Nicolas Noémie Olivier Pascal Pascale Patricia
Patrick Paul Pauline Philippe Pierre Quentin Rachida Raphaël Raphaëlle Rémi Renaud Richard Robert
Romain Sabine Samuel Sandrine Sarah Sébastien Sylvain Sylvie Simon Sophie Stéphane Stéphanie Suzanne
Sylvia Thibault Thierry Thomas Valérie Valentin Véronique Victor Vincent Virginie Xavier Yannick Yves
Yann Yaël Zoé
""".split())


def _read_names(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(w for line in lines if not line.lstrip().startswith("#") for w in line.split())


FIRST_NAMES: frozenset[str] = _COMMON_FIRST_NAMES | _read_names(Path(__file__).parent / "data" / "first_names.txt")
