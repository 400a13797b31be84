"""Gap rules for people and organisations: FOUNDED, MEMBER_OF, DIRECTS, WORKS_FOR.

Founders ("fondée par", "cofondateur de"), party members and college members, officers
("présidée par", "directeur général de", "X, dont le président, Y"), staff ("a rejoint",
"ancien salarié de", "recruté par"). They come before the client rules, so "directeur de
campagne de" is a job, not a purchase. ``gap.owns.inverted`` ("X, que détient Y") sits with
its sibling ``gap.directs.inverted`` because first match wins and the order is kept as is.
"""

from __future__ import annotations

from nlp.rules.base import _DE, ANY, ORG, Rule, Trigger

#: Time and sequence adverbials a journalist puts inside a role ("était jusqu'ici directrice",
#: "salarié jusqu'en 2022 de", "consultant de 2018 à 2021 chez").
_WHEN = (r"(?:(?:jusqu'ici|jusque-là|jusqu'alors|jusqu'à présent|auparavant|précédemment|autrefois|naguère|"
         r"alors|brièvement|longtemps|jusqu'en \d{4}|de \d{4} à \d{4}|entre \d{4} et \d{4}|depuis \d{4}|"
         r"en \d{4}|pendant [a-z0-9-]+ ans?|durant [a-z0-9-]+ ans?),?\s+)*")
#: Adjectives after a job noun: "consultant rémunéré de", "collaborateur parlementaire passé par".
_QUAL = (r"(?:\s+(?:rémunérée?|indépendante?|externe|extérieure?|senior|junior|principale?|occasionnel\w*|"
         r"bénévole|free-?lance|parlementaire|permanente?|stagiaire|salariée?))?")
#: What a relative or inverted subject may carry before the name ("que dirige un ancien consultant
#: de campagne, X"; "que préside l'ancienne adjointe PS au maire de Lyon X").
_AGENT_DESC = r"(?:\s+(?:l'|le |la |un |une |son |sa )[^,;]{0,70}?(?:,\s*|\s))?"
#: Taking or holding an office: "a pris en mars la direction générale de", "pour prendre la tête de",
#: "assure depuis 2020 la présidence de".
_TAKE = (r"(?:a |ont |avait |vient de |va |pour |afin de )?(?:pris|prend|prendre|prendra|repris|reprend|reprendre|"
         r"reprendra|assure|assurait|a assuré|assurer|occupe|occupait|a occupé|occuper)\s+(?:[^,;§]{0,30}?\s)?"
         r"(?:la |les |sa )(?:tête|direction(?: générale| exécutive| opérationnelle| générale déléguée)?"
         r"(?! de (?:la )?campagne| de la communication| des (?:opérations|études|ventes|programmes|affaires)| du (?:pôle|"
         r"service|département|numérique|digital|développement|marketing))|"
         r"présidence(?: du directoire| du conseil d'administration| du conseil de surveillance| exécutive)?|"
         r"co-?présidence|gérance|co-?gérance|rênes|commandes) d[eu']?")
#: A company described by a common noun ("sa propre structure", "son cabinet de conseil").
_OWN_FIRM = (r"(?:sa|son|leur) (?:propre |nouvelle |nouveau |petite |petit )?(?:structure|société|agence|cabinet|"
             r"entreprise|start-?up|boîte|firme|jeune pousse|institut|activité)(?: [a-zéè' -]{0,40}?)?,?")

RULES: tuple[Rule, ...] = (
    # -- founders, officers, staff (before clients: "directeur de campagne de") -------------
    Rule("gap.founded.passive", "FOUNDED",
         r"(?:a été |ont été |est |été |fut )?(?:co-?)?(?:fondée?s?|créée?s?|lancée?s?|imaginée?s?)"
         r"\s+(?:[^,;]{0,50}?\s)?(?:par|à l'initiative d[eu']?|sous l'impulsion d[eu']?)", direction="rev",
         subj=("PERSON", "COMPANY", "PARTY"), obj=ANY),
    Rule("gap.founded.noun", "FOUNDED",
         r"(?:(?:le|la|l'|un|une|l'un|l'une|ancien|ancienne|jeune|des|de ses|ses|deux|trois|quatre|cinq|associée?s?|"
         r"l'associée?|principal|principale|véritable) )*(?:co-?fondat\w*|fondat\w*|créat\w*)s?\s+(?:et [^,;]{0,30}?\s)?"
         + _DE,
         subj=("PERSON", "COMPANY"), obj=ANY, confidence=0.8),
    Rule("gap.founded.verb", "FOUNDED",
         r"(?:(?:co-?)?fond(?:e|é|ent|a|èrent|ait|aient|er)|cré(?:e|é|ent|a|èrent|ait|aient|er)|"
         r"lanc(?:e|é|ent|a|èrent|ait|aient|er))\b", subj=("PERSON",), obj=ANY),
    Rule("gap.founded.own", "FOUNDED",
         r"(?:(?:co-?)?fond\w*|cré\w*|lan[cç]\w*|mont\w*|ouvr\w*|ouvert|immatricul\w*) "
         r"(?:en \d{4} |en [a-zéû]+ \d{4} |aussi |également |désormais |alors )?" + _OWN_FIRM,
         subj=("PERSON",), obj=("COMPANY",), confidence=0.7),
    Rule("gap.founded.origin", "FOUNDED",
         r"(?:(?:a |ont |avait |avaient )?(?:mont(?:e|é|ent|a|èrent|er))|(?:est|était|sont|étaient) (?:à l'origine|"
         r"l'initiat\w+|les? (?:co-?)?initiat\w+) d[eu']?)", subj=("PERSON",), obj=("COMPANY", "PARTY"), confidence=0.65),
    Rule("gap.founded.with", "FOUNDED", r"avec", direction="rev", subj=("PERSON",), obj=(*ORG, "PRODUCT"),
         prefix=r"(?:(?:co-?)?fond|cré|lanc|mont)(?:é|ée|és|ées|e|ent|a|èrent)\s*(?:en \d{4}\s*|[a-zé]+ment\s*)?"
                r"(?:(?:le|la|l'|sa|son)\s*)?(?:(?:start-?up|société|agence|cabinet|entreprise|institut|jeune pousse|"
                r"mouvement|parti|association|plateforme)\s*)?", confidence=0.65),
    Rule("gap.founded.prefix", "FOUNDED", r",|:", direction="rev", subj=("PERSON",), obj=ANY,
         prefix=rf"(?:co-?fondat\w*|fondat\w*|créat\w*)s?\s+{_DE}", confidence=0.7),
    Rule("gap.works_for.role", "WORKS_FOR",
         r"(?:fut |furent |sera |deviendra |devient )?" + _WHEN +
         r"(?:(?:le|la|l'|un|une|son|sa|ancien|ancienne) |ex-\s*|l'(?=ancien|ex))*(?:directeur|directrice)(?:s| adjointe?s?)? "
         r"(?:de (?:la |)campagne|de la communication|de (?:la )?clientèle|de (?:la )?conformité|de (?:la )?recherche|"
         r"de (?:la )?production|des (?:ressources humaines|relations [a-zé]+|partenariats|systèmes d'information|"
         r"données|contenus|produits?)|de (?:mission|projets?|la stratégie|l'innovation|l'information)|"
         r"(?:du |de la |des )?(?:numérique|digital|data|stratégie|technique|commerciale?|marketing|opérations|"
         r"développement|études|juridique|financi(?:er|ère)|administrati(?:f|ve)|artistique|éditoriale?|"
         r"informatique|scientifique|technologique|adjointe?|associée?|conseil|pôle [a-zé]+|"
         r"département [a-zé]+|service [a-zé]+))s?\s+"
         rf"(?:{_DE}|chez|au sein d[eu'])", subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.member_of.noun", "MEMBER_OF",
         r"(?:(?:le|la|l'|un|une|son|sa|ancien|ancienne|jeune|figure|cadre|élu|élue) |ex-\s*)*"
         r"(?:membre|militante?|adhérente?|cadre|élue?|député\w*|sénat\w*|eurodéputé\w*|"
         r"conseill\w+ (?:municipal|régional|départemental)\w*|candidat\w*|tête de liste|porte-parole|maire|"
         r"adjointe?s?(?: au maire)?|vice-président\w* de groupe|référente?s?(?: [a-zé]+)?|déléguée?s?(?: [a-zé]+)?|"
         r"secrétaire (?:départementale?|fédérale?|régionale?)|responsable (?:fédérale?|nationale?|départementale?)|"
         r"investie?|"
         r"secrétaire nationale?|trésori\w+|figure)s?(?:\s+(?:malheureuse?|officielle?|dissidente?|sortante?|"
         r"désignée?|historique|influente?|montante?))?(?:\s+(?:du|de la) (?:bureau|conseil|comité|direction|secrétariat|"
         r"commission|fédération)(?: [a-zé]+){0,2})?(?:\s+(?:d[eu']|des|investie? par|soutenue? par))?",
         subj=("PERSON",), obj=("PARTY",), confidence=0.7),
    Rule("gap.member_of.group", "MEMBER_OF",
         r"(?:(?:le|la|l'|un|une|ancien|ancienne) |ex-\s*)*(?:co-?président\w*|président\w*|vice-président\w*|membre|"
         r"secrétaire\w*|trésori\w+|responsable|porte-parole|(?:(?:a |avait )?siégé|siège|siégeait|siégera|"
         r"(?:est |a été )?(?:entrée?|élue?|nommée?|cooptée?))(?: [a-zé0-9]+){0,2} au)s?\s+(?:du groupe|de la fédération|de la section|"
         r"de la délégation|des jeunes|du conseil national|du bureau national|bureau (?:national|politique|exécutif)|"
         r"conseil national|comité (?:directeur|politique|exécutif))(?: [a-zé]+)?(?:\s+(?:d[eu']|des))?",
         subj=("PERSON",), obj=("PARTY",), confidence=0.65),
    Rule("gap.member_of.label", "MEMBER_OF",
         r"(?:(?:a été |est |fut |avait été )?(?:élue?|réélue?|investie?|candidate?|présentée?|engagée?) )?"
         r"(?:sous (?:l'étiquette|les couleurs|la bannière)|avec l'investiture|avec l'étiquette) (?:d[eu']|des)?",
         subj=("PERSON",), obj=("PARTY",), confidence=0.7),
    Rule("gap.member_of.left", "MEMBER_OF",
         r"(?:a été |avait été |est |été )?(?:exclue?|radiée?|suspendue?) (?:[^,;]{0,20}?\s)?(?:du|de|des|d')",
         subj=("PERSON",), obj=("PARTY",), confidence=0.6),
    Rule("gap.member_of.college", "MEMBER_OF",
         r"(?:(?:(?:le|la|l'|un|une|ancien|ancienne) |ex-\s*)*(?:membre|commissaire|conseill\w+|magistrat\w*)s?|"
         r"(?:a été |est |fut |avait été )?(?:nommée?|élue?|désignée?|reconduite?|entrée?|(?:a |avait )?siégé|"
         r"siège|siégeait|siégera)(?: [^,;§]{1,20}?)?)\s+"
         r"(?:du collège|du conseil|de la commission|de la formation restreinte|du bureau|du comité|"
         r"au collège|au conseil|à la commission|à la formation restreinte|au comité)\s+"
         rf"{_DE}", subj=("PERSON",), obj=("PUBLIC_BODY",), confidence=0.7),
    Rule("gap.member_of.verb", "MEMBER_OF",
         r"(?:adhér\w+ (?:à|au)|milit\w+ (?:à|au|pour|dans|chez)|(?:a |ont )?rejoint|rejoin\w*|"
         r"(?:a été |est )?investie? par|encartée? (?:à|au|chez)|a pris sa carte (?:à|au|chez))",
         subj=("PERSON",), obj=("PARTY",), confidence=0.7),
    Rule("gap.founded.dont", "FOUNDED",
         r",?\s*dont (?:le |la |l'|les |l'un des |l'une des )?(?:co-?fondat\w*|fondat\w*|créat\w*)s?,?",
         direction="rev", subj=("PERSON",), obj=ANY, confidence=0.7),
    Rule("gap.directs.dont", "DIRECTS",
         r",?\s*dont (?:le |la |l'|l'actuel |l'actuelle |l'ancien |l'ancienne )?(?:co-?)?(?:président\w*|directeur général|directrice générale|pdg|gérant\w*|"
         r"dirigeant\w*|patron\w*|secrétaire général\w*)s?,?", direction="rev", subj=("PERSON",), obj=ORG,
         confidence=0.7),
    Rule("gap.directs.has", "DIRECTS",
         r"(?:a|avait|aura|a eu) (?:pour|comme) (?:co-?)?(?:président-directeur général|présidente?|directeur général|"
         r"directrice générale|pdg|gérante?|co-?gérante?|dirigeante?|patronne?|secrétaire général\w*|administrat\w+|"
         r"(?:nouveau |nouvelle )?(?:présidente?|directeur|directrice|gérante?))s?|"
         r"(?:s'est |se sont |se )?(?:dotée?s?|dote|dotent|donnée?s?|donne|choisie?s?|choisit) (?:d'|de )?(?:une? |un |une )"
         r"(?:nouveau |nouvelle |premier |première )?(?:co-?)?(?:président-directeur général|présidente?|directeur général|"
         r"directrice générale|pdg|gérante?|secrétaire général\w*|dirigeante?|patronne?)s?", direction="rev",
         subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.founded.has", "FOUNDED",
         r"(?:a|avait) (?:pour|comme) (?:co-?)?(?:fondat\w+|créat\w+)s?", direction="rev",
         subj=("PERSON",), obj=ANY, confidence=0.7),
    Rule("gap.directs.inverted", "DIRECTS",
         r",?\s*(?:que |qu')(?:dirige|dirigeait|a dirigé|avait dirigé|préside|présidait|a présidé|avait présidé|"
         r"gère|gérait|a géré|pilote|pilotait|a piloté|administre|administrait)" + _AGENT_DESC, direction="rev", subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.founded.inverted", "FOUNDED",
         r",?\s*(?:que |qu')(?:a |ont |avait |avaient )?(?:co-?)?(?:fondée?s?|créée?s?|lancée?s?|fonde|fondent|"
         r"fondèrent|fonda|créa|créèrent|cofonda|cofondèrent)" + _AGENT_DESC, direction="rev",
         subj=("PERSON",), obj=ANY, confidence=0.7),
    Rule("gap.owns.inverted", "OWNS",
         r",\s*(?:que|qu') (?:détient|détenait|possède|possédait|contrôle|contrôlait|a racheté|"
         r"avait racheté|a acquis|a repris)", direction="rev", subj=("COMPANY", "PERSON", "PARTY"),
         obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.7),
    # "X, qui gère ... de Y, est dirigée par P": Y closes an incise, it is not the verb's subject.
    Rule("gap.directs.passive", "DIRECTS",
         r"(?:a été |est |était |été |fut )?(?<!^, est )(?<!^, a été )(?<!^, était )(?<!^, fut )(?<!^, sont )(?:dirigée?s?|présidée?s?|gérée?s?|pilotée?s?|administrée?s?)"
         r"\s+(?:[^,;]{0,40}?\s)?par", direction="rev", subj=("PERSON",), obj=ORG),
    Rule("gap.directs.noun", "DIRECTS",
         r"(?:(?:le|la|l'|un|une|son|sa|l'actuel|l'actuelle|l'ex|l'ancien|l'ancienne|nouveau|nouvelle|"
         r"ancien|ancienne|actuel|actuelle) |ex-\s*)*(?:co-?|associée?-)?(?:président-directeur général|"
         r"présidente-directrice générale|présidente? du (?:directoire|conseil de surveillance)|"
         r"présidente? du conseil d'administration|membre du (?:directoire|conseil d'administration|"
         r"conseil de surveillance)|directeur général délégué|directrice générale déléguée|directeur général|directrice générale|directeur exécutif|"
         r"directrice exécutive|président\w*|directeur|directrice|pdg|p-dg|ceo|dg|gérant\w*|patron\w*|"
         rf"dirigeant\w*|administrat\w+|secrétaire général\w*|numéro un)s?\s+(?:et [^,;]{{0,30}}?\s)?{_DE}",
         subj=("PERSON",), obj=ORG),
    Rule("gap.directs.verb", "DIRECTS",
         r"(?:(?:dirig\w*|présid\w*|gèr\w*|gér\w*|pilot\w*)(?:\s+(?:jusqu'ici|jusque-là|jusqu'alors|auparavant|"
         r"précédemment|alors|naguère|autrefois|longtemps|(?:pendant|durant) (?:[a-z0-9-]+ )?(?:ans?|années|mois)|"
         r"de \d{4} à \d{4}|entre \d{4} et \d{4}|depuis \d{4}|jusqu'en \d{4}),?)*(?:\s+(?:la |sa |leur |une )?(?:filiale|branche|antenne|"
         r"holding|structure|jeune pousse|pme|association|fédération))?|(?:siège|siégeait|siégé|a siégé|est entrée? |"
         r"(?:a été |est )?(?:nommée?|élue?) )(?:[^,;]{0,20}\s)?au (?:conseil d'administration|"
         r"conseil de surveillance|directoire|bureau) d[eu']|(?:a |ont )?pris la (?:tête|direction|présidence)"
         r" d[eu']?|(?:est |était )?(?:à la tête|aux commandes|aux manettes) d[eu']?|"
         r"(?:succède|succédé|succéder|succédant|succédera|remplace|remplacé|remplacer|remplaçant)(?: [^,;§]{1,25}?)? (?:à )?§"
         r"(?:,[^;§]{0,60},)?\s+(?:à la (?:tête|direction(?: générale)?|présidence|gérance)|au poste de [a-zé ]{3,40}?"
         r"|aux commandes|comme [a-zé ]{3,40}?) d[eu']?|"
         r"(?:a été |est |sera |avait été )?(?:nommée?|promue?|désignée?|élue?|devenue?|devient|deviendra|reconduite?|propulsée?|confirmée?|installée?) "
         r"(?:au poste de |comme |à la fonction de )?(?:co-?)?(?:président-directeur général|présidente? du (?:directoire|"
         r"conseil de surveillance|conseil d'administration)|directeur général|"
         r"directrice générale|président\w*|directeur|directrice|pdg|gérant\w*|patron\w*|dirigeant\w*)"
         rf"(?: [a-zé]+)?\s+{_DE})", subj=("PERSON",), obj=ORG),
    Rule("gap.directs.take", "DIRECTS",
         r"(?:,(?:(?!\bqui\b|\bque\b|\bqu'|\bdont\b|\boù\b)[^;]){0,140}?,\s*)?" + _TAKE, subj=("PERSON",), obj=ORG),
    Rule("gap.directs.move", "DIRECTS",
         r"(?:quitte|quittera|quittant|(?:a |avait )?quitté) §(?:,[^;]{0,120}?,|\s+[^,;§]{0,30}?)?\s+" + _TAKE, subj=("PERSON",), obj=ORG),
    Rule("gap.works_for.move", "WORKS_FOR",
         r"(?:quitte|quittera|quittant|(?:a |avait )?quitté) §(?:,[^;]{0,120}?,|\s+[^,;§]{0,30}?)?\s+(?:pour|afin de) "
         r"(?:rejoindre|intégrer|entrer chez|travailler (?:pour|chez))", subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.directs.post", "DIRECTS",
         r"(?:occupe|occupait|a occupé|occuper|prend|a pris|prendre|obtient|a obtenu|hérite|a hérité|assume|assumait)"
         r"\s+(?:[^,;§]{0,30}?\s)?(?:du |le )?(?:poste|fauteuil|siège|fonctions?) de (?:co-?)?(?:président-directeur général|"
         r"présidente?|directeur général|directrice générale|pdg|gérante?|dirigeante?|secrétaire général\w*)"
         r"(?: déléguée?| exécutif| exécutive)?\s+d[eu']?", subj=("PERSON",), obj=ORG),
    Rule("gap.works_for.post", "WORKS_FOR",
         r"(?:occupe|occupait|a occupé|occuper|prend|a pris|obtient|a obtenu)\s+(?:[^,;§]{0,30}?\s)?(?:le )?"
         r"(?:poste|fonctions?) de [a-zéèêà' -]{3,40}?\s+(?:d[eu']?|chez|au sein d[eu'])", subj=("PERSON",),
         obj=ORG, confidence=0.65),
    Rule("gap.directs.left", "DIRECTS",
         r"(?:a |avait |vient de )?(?:quitt\w*|céd\w*|cède|abandonn\w*|lâch\w*|transm\w*|laiss\w*|démissionn\w* de) "
         r"(?:[^,;§]{0,20}?\s)?(?:la |sa |les )(?:présidence|co-?présidence|direction générale|tête|gérance|rênes) d[eu']?",
         subj=("PERSON",), obj=ORG, confidence=0.65),
    Rule("gap.directs.handover", "DIRECTS", r"à", direction="rev", subj=("PERSON",), obj=ORG, confidence=0.65,
         prefix=r"(?:céd\w*|cède|transm\w*|laiss\w*|confi\w*|passé|passe) (?:la |sa )(?:présidence|co-?présidence|"
                r"direction générale|tête|gérance|rênes)\s+(?:d[eu']?|des)"),
    Rule("gap.directs.nomination", "DIRECTS",
         r"(?:,[^,;§]{0,40},\s*)?(?:au poste de (?:co-?)?(?:président\w*|directeur général|directrice générale|pdg|"
         r"gérant\w*)(?: déléguée?)?|à la (?:tête|présidence|co-?présidence|direction générale|gérance)|comme (?:co-?)?"
         r"(?:président\w*|directeur général|directrice générale|pdg|gérant\w*)|en tant que (?:co-?)?(?:président\w*|"
         r"directeur général|directrice générale|pdg|gérant\w*)) d[eu']?", subj=("PERSON",), obj=ORG, confidence=0.65,
         prefix=r"(?:nomination|arrivée|désignation|élection|promotion|intronisation|installation|reconduction|"
                r"recrutement|réélection)\s+(?:d[eu']?|des)"),
    Rule("gap.directs.described", "DIRECTS",
         r"(?:dirig\w*|présid\w*|gèr\w*|gér\w*|(?:a |avait )?(?:co-?)?fond\w*)(?:\s+(?:jusqu'ici|jusque-là|auparavant|"
         r"précédemment|alors|naguère|longtemps|depuis \d{4}|de \d{4} à \d{4}))*\s+(?:l'|le |la |les |un |une )"
         r"(?!campagne|communication|stratégie|équipe|service|pôle|cellule|liste|fédération|section|comité|direction|"
         r"département|division|rédaction|bureau|groupe parlementaire|antenne|branche)"
         r"[a-zéèêà-]{3,}(?: (?:de|d'|du|des) ?[a-zéèêà'-]+){0,3}", subj=("PERSON",), obj=("COMPANY", "MEDIA"),
         confidence=0.6),
    Rule("gap.directs.board", "DIRECTS",
         r"(?:compte|comptait|accueille|accueillait|a accueilli|a fait entrer|fait entrer|a coopté|coopte|"
         r"a nommé|nomme)\s+(?:[a-zéè]+ )?(?:aussi |également |désormais |notamment |depuis \d{4} )?"
         r"(?:à|dans|au sein de|parmi les membres de|au sein d')\s*(?:son|sa|ses|leur) (?:conseil d'administration|"
         r"conseil de surveillance|directoire|bureau|comité de direction|comité exécutif|instances dirigeantes)",
         direction="rev", subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.directs.prefix", "DIRECTS", r",|:", direction="rev", subj=("PERSON",), obj=ORG,
         prefix=r"(?:président\w*|directeur général|directrice générale|pdg|patron\w*|dirigeant\w*|"
                rf"gérant\w*|directeur|directrice)s?\s+{_DE}", confidence=0.7),
    Rule("gap.works_for.noun", "WORKS_FOR",
         _WHEN + r"(?:(?:le|la|l'|un|une|son|sa|ancien|ancienne) |ex-\s*|l'(?=ancien|ex))*(?:responsable[^,;]{0,40}?|"
         r"chargée? de [a-zé ]{3,30}?|cheff?e? de projet|consultante?|collaborat\w+|salariée?|employée?|"
         r"ingénieure?|analyste|data scientist|développeu\w+|conseill\w+(?: (?:spéciale?|politique|"
         r"technique|numérique|en [a-zé]+))?|porte-parole|attachée? de presse|stagiaire|associée?|"
         r"journaliste|rédact\w+ en chef|ancien(?:ne)?|passée?|transfuge|pilier|cadre dirigeant\w*|"
         r"recrue|assistante?|secrétaire|comptable|juriste|avocate? conseil|directeur associé|directrice associée|"
         r"head of [a-z]+|(?:senior |key account |account |product |project |country )?manager|"
         r"chief [a-z]+ officer|(?:senior )?(?:vice-president|vp|lead) [a-z]+|growth hacker)s?" + _QUAL + r"\s+" + _WHEN +
         rf"(?:{_DE}|chez|au sein d[eu']|pour|à|par)", subj=("PERSON",), obj=ORG, confidence=0.65),
    Rule("gap.works_for.passed", "WORKS_FOR",
         r"(?:,\s*)?(?:(?:un|une|l'|le|la|ex-|ancien|ancienne)\s*)?[a-zé'-]+(?: [a-zé'-]+){0,3}?,? "
         r"(?:passée?|formée?) (?:notamment |aussi |également |longtemps |brièvement )?(?:par|chez)",
         subj=("PERSON",), obj=ORG, confidence=0.6),
    Rule("gap.works_for.verb", "WORKS_FOR",
         r"(?:travaill\w*(?: (?:depuis|dès|en) (?:\d{4}|[a-zéû]+(?: \d{4})?)| désormais| toujours| aujourd'hui|"
         r" actuellement| (?:pendant |durant )?(?:[a-z0-9-]+ (?:ans|années|mois)|longtemps|brièvement))?"
         r"(?: (?:depuis \d{4} )?(?:comme|en tant que|en qualité de) [a-zé-]+(?: [a-zé-]+)?)? "
         r"(?:pour|chez|à|au sein d[eu']|dans)|(?:a |avait )?(?:passé|effectué) (?:[^,;]{0,30}?\s)?"
         r"(?:chez|au sein d[eu'])|(?:a |avait )?fait (?:toute )?(?:sa )?carrière (?:chez|au sein d[eu']|à)|"
         r"(?:a |avait )?fait (?:ses|ses premières) armes (?:chez|au sein d[eu']|à)|(?:a |ont |avait )?travaillé (?:pour|chez|"
         r"à|au sein d[eu']|dans)|(?:a |ont |avait )?rejoint|rejoin\w*|(?:est |a été |sont )?"
         r"(?:recrutée?|embauchée?|engagée?|débauchée?|chassée?|repérée?|licenciée?|remerciée?)s? (?:[^,;]{0,30}?\s)?par|"
         r"(?:a |avait )?démissionné (?:[^,;]{0,20}?\s)?(?:de|du|d')|(?:a |avait )?quitté|quitte|quittera|quittant|(?:est |a été )?(?:passée?|entrée?) "
         r"(?:chez|à|au)|officie (?:chez|à|au)|employée? (?:par|chez)|salarié\w* (?:de|d'|du|chez)|"
         r"(?:est |était |, )?(?:partie?s?|repartie?s?) (?:depuis |ensuite |entre-temps )?(?:chez|rejoindre))",
         subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.member_of.prefix", "MEMBER_OF", r",|:", direction="rev", subj=("PERSON",), obj=("PARTY",),
         prefix=rf"(?:ancien(?:ne)?|ex-)\s*(?:cadre|militante?|membre|adhérente?|élue?|figure)s?\s+{_DE}", confidence=0.65),
    Rule("gap.works_for.prefix", "WORKS_FOR", r",|:", direction="rev", subj=("PERSON",), obj=ORG,
         prefix=r"(?:ancien(?:ne)?|ex-)\s*(?:(?:salariée?|employée?|consultante?|cadre|collaborat\w+)\s+)?"
                rf"{_DE}|(?:passée?|formée?) (?:par|chez)|(?:consultante?|salariée?|employée?) (?:chez|{_DE})",
         confidence=0.65),
    Rule("gap.works_for.employs", "WORKS_FOR",
         r"(?:emploie|employait|a employé|salarie|salariait|compte|comptait) (?:[^,;§]{0,30}?\s)?"
         r"(?:comme|en tant que|au poste de) (?!clients?\b|clientes?\b|partenaires?\b|actionnaires?\b|investisseu\w+|"
         r"fournisseu\w+|prestataires?\b|soutiens?\b|mécènes?\b|donat\w+|ambassad\w+|parrain\w*|marraine)"
         r"[a-zé' -]{3,40}?", direction="rev", subj=("PERSON",), obj=ORG,
         confidence=0.65),
    Rule("gap.works_for.hire", "WORKS_FOR",
         r"(?:recrut\w*|embauch\w*|débauch\w*)", direction="rev", subj=("PERSON",), obj=ORG),
)


#: Trigger verbs read through the dependency parse (lemma -> alternatives, first fit wins).
DEP_VERBS: dict[str, tuple[Trigger, ...]] = {
    **{v: (Trigger("FOUNDED", True, ("PERSON",), (*ORG, "PRODUCT")),) for v in ("fonder", "cofonder", "créer")},
    **{v: (Trigger("DIRECTS", True, ("PERSON",), ORG),) for v in ("diriger", "présider", "gérer", "codiriger",
                                                                 "coprésider", "cogérer", "administrer")},
    "cocréer": (Trigger("FOUNDED", True, ("PERSON",), (*ORG, "PRODUCT")),),
    **{v: (Trigger("WORKS_FOR", False, ("PERSON",), ORG),) for v in ("employer", "salarier", "débaucher")},
    "travailler": (Trigger("WORKS_FOR", True, ("PERSON",), ("COMPANY", "MEDIA", "PUBLIC_BODY"),
                           ("pour", "chez", "au sein de", "auprès de")),),
    "officier": (Trigger("WORKS_FOR", True, ("PERSON",), ORG, ("chez", "pour", "au sein de")),),
    "adhérer": (Trigger("MEMBER_OF", True, ("PERSON",), ("PARTY",), ("à", "au")),),
    "militer": (Trigger("MEMBER_OF", True, ("PERSON",), ("PARTY",), ("à", "au", "chez", "dans", "au sein de")),),
    "rejoindre": (Trigger("MEMBER_OF", True, ("PERSON",), ("PARTY",)), Trigger("WORKS_FOR", True, ("PERSON",), ORG)),
    "recruter": (Trigger("WORKS_FOR", False, ("PERSON",), ORG),),
    "embaucher": (Trigger("WORKS_FOR", False, ("PERSON",), ORG),),
}
