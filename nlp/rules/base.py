"""Relation rules: trigger words read in the text between two entities of one sentence.

A rule is data: a regular expression over the lower-cased *gap* between entity A and a later
entity B (optionally also over the sentence text before A), a predicate, a direction
(``fwd``: A is the subject; ``rev``: B is), and the entity types allowed as subject and
object. Passive voice ("X a été sanctionnée par la CNIL") is a ``rev`` rule; apposition
("Guillaume Liegey, cofondateur de LMP") a noun trigger after a comma; relative clauses
("X, dont les clients comptent Y") a ``rev`` rule; coordination ("Fillon, Mélenchon et
Cheminade utilisent X") is handled by :mod:`nlp.components.relations`, which applies a rule to
every member of a coordinated group. The first matching rule wins for a pair, so specific
rules come before general ones. Negated gaps ("n'a jamais utilisé") never match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ORG = ("COMPANY", "PARTY", "PUBLIC_BODY", "MEDIA")
ACTOR = (*ORG, "PERSON")
VENDOR = ("COMPANY", "PRODUCT")
ANY = (*ACTOR, "PRODUCT")

_PRE = (
    r"^\s*\)?\s*(?:,[^,;]{1,140},\s*)?(?:,\s*(?:une |la |le |l')?(?:[a-zéè]+ )?(?:société|start-?up|entreprise|agence|"
    r"cabinet|filiale|éditeur|prestataire|firme|groupe|institut|parti|mouvement|plateforme|"
    r"application|logiciel)(?: [a-zéèêàç'-]+){0,4}?\s)?(?:,\s*)?(?:(?:qui|lequel|laquelle|lesquels|lesquelles|et|ont|a|avait|"
    r"avaient|aurait|auraient|aura|auront|avoir|ayant|est|sont|était|étaient|sera|seront|serait|"
    r"seraient|été|être|va|vont|allait|allaient|doit|doivent|devait|devaient|devrait|devraient|"
    r"pourrait|pourraient|peut|peuvent|pu|vient de|viennent de|venait de|continue d'|continuent d'|"
    r"continue à|continuent à|décidé de|choisi de|accepté de|également|aussi|déjà|toujours|"
    r"notamment|encore|bien|alors|ensuite|désormais|longtemps|même|aujourd'hui|actuellement|jadis|"
    r"finalement|pourtant|devenue?s?|redevenue?s?|"
    r"(?:à|en|dans|près de) lieu|"
    r"lui-même|elle-même|eux-mêmes|"
    r"[a-zéèê]{3,}ment|en \d{4}|dès \d{4}|depuis \d{4}|en [a-zéû]+ \d{4}|le \d{1,2}(?:er)? [a-zéû]+"
    r"(?: \d{4})?|,)\s*)*"
)
_NATION = (r"(?:américain|britannique|français|allemand|italien|espagnol|belge|suisse|canadien|"
           r"israélien|russe|chinois|néerlandais|irlandais|luxembourgeois|européen|parisien|lyonnais|"
           r"marseillais|bordelais|nantais|lillois|toulousain)(?:e|s|es)?")
_DET = (r"(?:(?:le|la|les|l'|un|une|des|du|de la|de l'|de|d'|au|aux|à la|à l'|à|son|sa|ses|"
        rf"leur|leurs|ce|cette|ces|notre|nos|{_NATION})\s*)*")
_OBJ = (
    r"(?:(?:services?|offres?|devis|propositions?|outils?|logiciels?|plateformes?|applications?|appli|solutions?|prestations?|"
    r"technologies?|fichiers?|conseils?|expertise|savoir-faire|sociétés?|start-?ups?|start up|"
    r"entreprises?|agences?|cabinets?|firmes?|prestataires?|éditeurs?|instituts?|groupes?|partis?|"
    r"mouvements?|candidate?s?|équipes?|campagnes?|jeune pousse|fonds|holding|banques?|investisseurs?|sites?|"
    r"journal|quotidien|titre|imprimeurs?|fournisseurs?|routeurs?|hébergeurs?|sous-traitants?|associations?|fondations?|collectifs?|syndicats?|clubs?)"
    r"(?:\s+(?:(?:de |d'|à |en )?[a-zéèêàç-]+)){0,3}?\s+"
    r"(?:(?:de|du|des|d'|de la|de l')\s*)?)*"
)
# After the trigger: time adverbials ("a rejoint en septembre"), a list announced by a colon
# ("a retenu deux prestataires : l'institut X"), then determiners and descriptors.
_TIME = (r"(?:(?:en|dès|depuis|début|fin|courant|mi-)\s*[a-zéû]+(?: \d{4})?|en \d{4}|depuis \d{4}|"
         r"aujourd'hui|désormais|toujours|encore|déjà|actuellement|officiellement|"
         r"le \d{1,2}(?:er)? [a-zéû]+(?: \d{4})?|,)\s*")
_LIST = r"(?:[^,;:.]{0,60}?\s*:\s*)?"
_END = rf"\s*(?:{_TIME})*{_LIST}{_DET}{_OBJ}{_DET}$"
_NEGATION = re.compile(r"\b(?:ne|n'|pas|jamais|aucun|aucune|nullement|dément\w*|démenti|refus\w*|"
                       r"aurai[st]|auraient|pourrai[st]|pourraient|devrai[st]|devraient|envisag\w*|"
                       r"négoci\w*|projett?\w* de|souhait\w* de|compt\w* (?:racheter|recourir|faire)|"
                       r"serai[st]|seraient|nie|nient|conteste\w*)\b")
_DE = r"(?:d[eu']|des)"
#: Hedged nominalisations: "la cession possible de X", "le futur rachat de X" state no fact.
_HEDGED = re.compile(r"\b(?:possibles?|éventuel\w*|envisag\w*|projet\w*|future?s?|hypothétique\w*|"
                     r"annoncée?s?|prévue?s?|probables?)\b")
#: Attribution incises between commas, skipped inside a gap: ", d'après des documents consultés par X,".
_INCISE = re.compile(r",\s*(?:selon|d'après|de source [a-zé]+|à en croire|comme l'a révélé|comme l'indique)"
                     r"[^,;]{0,120},")


@dataclass(frozen=True)
class Rule:
    """One trigger pattern. ``subj``/``obj`` are the allowed labels of the subject and object."""

    name: str
    predicate: str
    pattern: str
    direction: str = "fwd"
    subj: tuple[str, ...] = ACTOR
    obj: tuple[str, ...] = ORG
    confidence: float = 0.75
    prefix: str | None = None
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    prefix_regex: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.prefix is None:
            body = rf"{_PRE}(?:{self.pattern}){_END}"
        else:
            body = rf"^\s*(?:{self.pattern}){_END}"
        object.__setattr__(self, "regex", re.compile(body))
        object.__setattr__(self, "prefix_regex",
                           re.compile(rf"(?:{self.prefix})\s*{_DET}$") if self.prefix else None)


RULES: tuple[Rule, ...] = (
    # -- nominalisations: "le contrat liant X à Y", "le recours de X à Y", "la cession de X à Y" ---
    Rule("gap.contract_with.binding", "CONTRACT_WITH", r"(?:à|au|aux|avec|et)", subj=("PUBLIC_BODY",),
         obj=("COMPANY",), confidence=0.7,
         prefix=r"(?:marché|contrat|convention|accord-cadre)s?\s+(?:[a-zé]+\s+)?(?:liant|unissant|"
                r"passée? entre|signée? entre|conclue? entre|entre)"),
    Rule("gap.client_of.recourse", "CLIENT_OF", r"(?:à|au|aux|auprès d[eu'])", subj=ACTOR, obj=VENDOR,
         confidence=0.7, prefix=r"\b(?:recours|appel)\s+(?:[a-zé]+\s+)?d[eu']?"),
    Rule("gap.owns.cession", "OWNS", r"(?:à|au|aux)", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"\b(?:cession|vente|revente)\s+(?:(?:totale|partielle|définitive)\s+)?d[eu']?"),
    Rule("gap.owns.takeover_by", "OWNS", r"par", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"\b(?:rachat|acquisition|reprise|absorption)\s+(?:(?:de \d+[,.]?\d*\s?%\s+)?d[eu']?)"),
    Rule("gap.owns.stake", "OWNS", r"(?:dans|au capital d[eu']?)",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"\b(?:prise de participation|participation|entrée|montée|investissement)\s+(?:[a-zé]+\s+)?d[eu']?"
                r"(?:\s*(?:fonds|groupe|société|holding|investisseur|financier|homme d'affaires))?"),
    Rule("gap.client_of.campaign_run_by", "CLIENT_OF",
         r"(?:a été |avait été |est |était |sera |fut )?(?:[a-zà-ÿ]+ment )?(?:pilotée?|orchestrée?|conçue?|"
         r"gérée?|organisée?|menée?|réalisée?|animée?|confiée?)s?\s+(?:[^,;]{0,40}?\s)?(?:par|à)",
         subj=("PERSON", "PARTY"), obj=("COMPANY",), confidence=0.65,
         prefix=r"\bcampagnes?(?:\s+[a-zé]+)?\s+d[eu']?"),
    Rule("gap.works_for.fronted_at", "WORKS_FOR", r",\s*(?:où [^,;]{0,80},\s*)?", direction="rev",
         subj=("PERSON",), obj=("COMPANY", "MEDIA", "PUBLIC_BODY"), confidence=0.6,
         prefix=r"^\s*(?:au sein d[eu']?|chez)"),
    # -- public contracts -----------------------------------------------------------------
    Rule("gap.contract_with.award", "CONTRACT_WITH",
         r"(?:attribu\w*|notifi\w*|confi\w*)\s+(?:[^,;]{0,60}?\s)?(?:marché|contrat|accord-cadre|"
         r"prestation|mission|lot)s?\b[^,;]{0,40}?\s(?:à|au|aux)", subj=("PUBLIC_BODY",), obj=("COMPANY",)),
    Rule("gap.contract_with.attribute", "CONTRACT_WITH",
         r"attribu\w*\s+(?![^,;]*(?:amende|sanction|avertissement))(?:[^,;]{0,60}?\s)?(?:à|au|aux)",
         subj=("PUBLIC_BODY",), obj=("COMPANY",)),
    Rule("gap.contract_with.notified", "CONTRACT_WITH", r"(?:à|au|aux)", subj=("PUBLIC_BODY",),
         obj=("COMPANY",), prefix=r"(?:marché|contrat|accord-cadre|lot|convention)s?\b[^;]{0,80}?"
         r"(?:attribuée?|notifiée?|confiée?|passée?|signée?)s?\s(?:[^;]{0,40}?\s)?par", confidence=0.7),
    Rule("gap.contract_with.sign", "CONTRACT_WITH",
         r"(?:sign\w*|conclu\w*|pass\w*)\s+(?:(?:en|dès|début|fin|le|courant) [a-zéû0-9 ]{1,20}?\s+)?(?:un |une |le |la )?(?:marché|contrat|convention|"
         r"accord-cadre|commande)s?\b[^,;]{0,40}?\s(?:avec|à|auprès d[eu]|au)",
         subj=("PUBLIC_BODY", "PARTY"), obj=("COMPANY",)),
    Rule("gap.contract_with.bound", "CONTRACT_WITH",
         r"(?:est |sont |était |a été )?(?:liée?s?|engagée?s?) (?:par|dans) (?:un|une) (?:contrat|marché|convention|"
         r"accord-cadre)s?\b[^,;]{0,40}?\s(?:à|au|aux|avec)", subj=("PUBLIC_BODY",), obj=("COMPANY",),
         confidence=0.7),
    Rule("gap.contract_with.signed_by_supplier", "CONTRACT_WITH",
         r"(?:sign\w*|conclu\w*|pass\w*)\s+(?:un |une |le |la )?(?:marché|contrat|convention|"
         r"accord-cadre)s?\b[^,;]{0,40}?\s(?:avec|auprès d[eu])", direction="rev",
         subj=("PUBLIC_BODY",), obj=("COMPANY",), confidence=0.7),
    Rule("gap.contract_with.prefix", "CONTRACT_WITH", r",|:", subj=("PUBLIC_BODY",), obj=("COMPANY",),
         prefix=r"(?:sous contrat|liée? par (?:un|une) (?:contrat|marché|convention)|(?:titulaire|attributaire|lauréate?|"
                r"gagnante?|vainqueur) d'un (?:marché|contrat|accord-cadre|appel d'offres)(?: public)?|mandatée?|missionnée?|retenue?|choisie?)"
                r"\s+(?:avec|par|auprès d[eu']|d[eu'])", confidence=0.7),
    Rule("gap.contract_with.win", "CONTRACT_WITH",
         r"(?:remport\w*|décroch\w*|obten\w*|obtenu|gagn\w*|titulaire|attributaire)\s+(?:[a-z0-9']+ ){0,3}"
         r"(?:marché|contrat|appel d'offres|accord-cadre|lot)s?\b[^,;]{0,60}?\s(?:de|du|des|d'|avec|"
         r"auprès d[eu]|lancé par|passé par|par|pour)", direction="rev",
         subj=("PUBLIC_BODY",), obj=("COMPANY",), confidence=0.7),
    # -- founders, officers, staff (before clients: "directeur de campagne de") -------------
    Rule("gap.founded.passive", "FOUNDED",
         r"(?:a été |ont été |est |été |fut )?(?:co-?)?(?:fondée?s?|créée?s?|lancée?s?|imaginée?s?)"
         r"\s+(?:[^,;]{0,50}?\s)?par", direction="rev", subj=("PERSON", "COMPANY", "PARTY"), obj=ANY),
    Rule("gap.founded.noun", "FOUNDED",
         r"(?:(?:le|la|l'|un|une|l'un|l'une|ancien|ancienne|jeune|des|de ses|ses) )*"
         rf"(?:co-?fondat\w*|fondat\w*|créat\w*)s?\s+(?:et [^,;]{{0,30}}?\s)?{_DE}",
         subj=("PERSON", "COMPANY"), obj=ANY, confidence=0.8),
    Rule("gap.founded.verb", "FOUNDED",
         r"(?:(?:co-?)?fond(?:e|é|ent|a|èrent|ait|aient|er)|cré(?:e|é|ent|a|èrent|ait|aient|er)|"
         r"lanc(?:e|é|ent|a|èrent|ait|aient|er))\b", subj=("PERSON",), obj=ANY),
    Rule("gap.founded.with", "FOUNDED", r"avec", direction="rev", subj=("PERSON",), obj=(*ORG, "PRODUCT"),
         prefix=r"(?:(?:co-?)?fond|cré|lanc)(?:é|ée|és|ées|e|ent|a|èrent)\s*", confidence=0.65),
    Rule("gap.founded.prefix", "FOUNDED", r",|:", direction="rev", subj=("PERSON",), obj=ANY,
         prefix=rf"(?:co-?fondat\w*|fondat\w*|créat\w*)s?\s+{_DE}", confidence=0.7),
    Rule("gap.works_for.role", "WORKS_FOR",
         r"(?:(?:le|la|l'|un|une|son|sa|ancien|ancienne) |ex-\s*)*(?:directeur|directrice) "
         r"(?:de (?:la |)campagne|de la communication|(?:du |de la |des )?(?:numérique|digital|data|"
         r"stratégie|technique|commerciale?|marketing|opérations|développement|études))s?\s+"
         rf"(?:{_DE}|chez|au sein d[eu'])", subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.member_of.noun", "MEMBER_OF",
         r"(?:(?:le|la|l'|un|une|son|sa|ancien|ancienne|ex-|jeune|figure|cadre|élu|élue) )*"
         r"(?:membre|militante?|adhérente?|cadre|élue?|député\w*|sénat\w*|eurodéputé\w*|"
         r"conseill\w+ (?:municipal|régional|départemental)\w*|candidat\w*|tête de liste|porte-parole|"
         r"secrétaire nationale?|trésori\w+|figure)s?(?:\s+(?:d[eu']|des|investie? par|soutenue? par))?",
         subj=("PERSON",), obj=("PARTY",), confidence=0.7),
    Rule("gap.member_of.college", "MEMBER_OF",
         r"(?:(?:le|la|l'|un|une|ancien|ancienne) |ex-\s*)*(?:membre|commissaire|conseill\w+|magistrat\w*)s?\s+"
         r"(?:du collège|du conseil|de la commission|de la formation restreinte|du bureau|du comité)\s+"
         rf"{_DE}", subj=("PERSON",), obj=("PUBLIC_BODY",), confidence=0.7),
    Rule("gap.member_of.verb", "MEMBER_OF",
         r"(?:adhér\w+ (?:à|au)|milit\w+ (?:à|au|pour|dans|chez)|(?:a |ont )?rejoint|rejoin\w*|"
         r"(?:a été |est )?investie? par|encartée? (?:à|au|chez)|a pris sa carte (?:à|au|chez))",
         subj=("PERSON",), obj=("PARTY",), confidence=0.7),
    Rule("gap.founded.dont", "FOUNDED",
         r", dont (?:le |la |l'|les |l'un des |l'une des )?(?:co-?fondat\w*|fondat\w*|créat\w*)s?,?",
         direction="rev", subj=("PERSON",), obj=ANY, confidence=0.7),
    Rule("gap.directs.dont", "DIRECTS",
         r", dont (?:le |la |l')?(?:président\w*|directeur général|directrice générale|pdg|gérant\w*|"
         r"dirigeant\w*|patron\w*|secrétaire général\w*)s?,?", direction="rev", subj=("PERSON",), obj=ORG,
         confidence=0.7),
    Rule("gap.directs.inverted", "DIRECTS",
         r",\s*(?:que|qu') (?:dirige|dirigeait|a dirigé|préside|présidait|a présidé|gère|gérait|a géré|"
         r"pilote|pilotait)", direction="rev", subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.owns.inverted", "OWNS",
         r",\s*(?:que|qu') (?:détient|détenait|possède|possédait|contrôle|contrôlait|a racheté|"
         r"avait racheté|a acquis|a repris)", direction="rev", subj=("COMPANY", "PERSON", "PARTY"),
         obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.7),
    Rule("gap.directs.passive", "DIRECTS",
         r"(?:a été |est |était |été )?(?:dirigée?s?|présidée?s?|gérée?s?|pilotée?s?|administrée?s?)"
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
         r"(?:dirig\w*|présid\w*|gèr\w*|gér\w*|pilot\w*|(?:siège|siégeait|siégé|a siégé|est entrée? |"
         r"(?:a été |est )?(?:nommée?|élue?) )(?:[^,;]{0,20}\s)?au (?:conseil d'administration|"
         r"conseil de surveillance|directoire|bureau) d[eu']|(?:a |ont )?pris la (?:tête|direction|présidence)"
         r" d[eu']?|(?:est |était )?(?:à la tête|aux commandes|aux manettes) d[eu']?|prend la (?:tête|direction|présidence) d[eu']?|"
         r"(?:a été |est |sera |avait été )?(?:nommée?|promue?|désignée?|élue?|devenue?|reconduite?|propulsée?) "
         r"(?:au poste de |comme |à la fonction de )?(?:co-?)?(?:président-directeur général|présidente? du (?:directoire|"
         r"conseil de surveillance|conseil d'administration)|directeur général|"
         r"directrice générale|président\w*|directeur|directrice|pdg|gérant\w*|patron\w*|dirigeant\w*)"
         rf"(?: [a-zé]+)?\s+{_DE})", subj=("PERSON",), obj=ORG),
    Rule("gap.directs.prefix", "DIRECTS", r",|:", direction="rev", subj=("PERSON",), obj=ORG,
         prefix=r"(?:président\w*|directeur général|directrice générale|pdg|patron\w*|dirigeant\w*|"
                rf"gérant\w*|directeur|directrice)s?\s+{_DE}", confidence=0.7),
    Rule("gap.works_for.noun", "WORKS_FOR",
         r"(?:(?:le|la|l'|un|une|son|sa|ancien|ancienne) |ex-\s*)*(?:responsable[^,;]{0,40}?|"
         r"chargée? de [a-zé ]{3,30}?|cheff?e? de projet|consultante?|collaborat\w+|salariée?|employée?|"
         r"ingénieure?|analyste|data scientist|développeu\w+|conseill\w+(?: (?:spéciale?|politique|"
         r"technique|numérique|en [a-zé]+))?|porte-parole|attachée? de presse|stagiaire|associée?|"
         r"journaliste|rédact\w+ en chef|ancien(?:ne)?|passée?)s?\s+"
         rf"(?:{_DE}|chez|au sein d[eu']|pour|à|par)", subj=("PERSON",), obj=ORG, confidence=0.65),
    Rule("gap.works_for.verb", "WORKS_FOR",
         r"(?:travaill\w*(?: (?:depuis|dès|en) (?:\d{4}|[a-zéû]+(?: \d{4})?)| désormais| toujours| aujourd'hui|"
         r" actuellement)? (?:pour|chez|à|au sein d[eu']|dans)|(?:a |avait )?(?:passé|effectué) (?:[^,;]{0,30}?\s)?"
         r"(?:chez|au sein d[eu'])|(?:a |avait )?fait (?:toute )?(?:sa )?carrière (?:chez|au sein d[eu']|à)|"
         r"(?:a |avait )?fait (?:ses|ses premières) armes (?:chez|au sein d[eu']|à)|(?:a |ont |avait )?travaillé (?:pour|chez|"
         r"à|au sein d[eu']|dans)|(?:a |ont |avait )?rejoint|rejoin\w*|(?:est |a été |sont )?"
         r"(?:recrutée?|embauchée?|engagée?)s? (?:[^,;]{0,30}?\s)?par|(?:a |avait )?quitté|(?:est |a été )?(?:passée?|entrée?) "
         r"(?:chez|à|au)|officie (?:chez|à|au)|employée? (?:par|chez)|salarié\w* (?:de|d'|du|chez))",
         subj=("PERSON",), obj=ORG, confidence=0.7),
    Rule("gap.works_for.prefix", "WORKS_FOR", r",|:", direction="rev", subj=("PERSON",), obj=ORG,
         prefix=r"(?:ancien(?:ne)?|ex-)\s*(?:(?:salariée?|employée?|consultante?|cadre|collaborat\w+)\s+)?"
                rf"{_DE}|(?:passée?|formée?) (?:par|chez)|(?:consultante?|salariée?|employée?) (?:chez|{_DE})",
         confidence=0.65),
    Rule("gap.works_for.hire", "WORKS_FOR",
         r"(?:recrut\w*|embauch\w*|débauch\w*)", direction="rev", subj=("PERSON",), obj=ORG),
    # -- ownership ------------------------------------------------------------------------------
    Rule("gap.subsidiary_of.noun", "SUBSIDIARY_OF",
         r"(?:(?:la|une|l'une des|l'une|sa|ex-|ancienne) )*filiales?(?: (?:à 100 %|[a-zé]+e))?\s+"
         rf"{_DE}", subj=("COMPANY", "MEDIA"), obj=("COMPANY", "MEDIA"), confidence=0.8),
    Rule("gap.subsidiary_of.group", "SUBSIDIARY_OF",
         r"(?:(?:fait|faisait|font|faisaient) partie|(?:une |la |l')?(?:société|entité|marque|agence|"
         r"structure|branche|enseigne|pôle)|(?:est |a été )?(?:intégrée?|rattachée?|adossée?)s?)\s+"
         r"(?:d[eu']|des|au|à la|à l')\s*(?:groupe|holding|galaxie|nébuleuse)\b",
         subj=("COMPANY", "MEDIA"), obj=("COMPANY", "MEDIA"), confidence=0.65),
    Rule("gap.subsidiary_of.parent", "SUBSIDIARY_OF",
         rf"(?:(?:la|sa) )?(?:maison mère|société mère)\s+{_DE}", direction="rev",
         subj=("COMPANY", "MEDIA"), obj=("COMPANY",)),
    Rule("gap.owns.passive", "OWNS",
         r"(?:a été |ont été |est |sont |été |était )?(?:rachetée?s?|acquise?s?|détenue?s?|possédée?s?|"
         r"contrôlée?s?|reprise?s?|absorbée?s?|éditée?s?|développée?s?|conçue?s?|commercialisée?s?|"
         r"exploitée?s?|produite?s?)\s+(?:[^,;]{0,50}?\s)?par|(?:appartient|appartenait|"
         r"appartiennent|appartenant) (?:[^,;]{0,30}?\s)?(?:à|au|aux)|propriété d[eu']?|"
         r"(?:(?:passée?s?|tombée?s?|entrée?s?|rentrée?s?)\s+(?:en \d{4}\s+)?)?"
         r"(?:dans le giron|sous le contrôle|dans l'escarcelle) d[eu']?", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT")),
    Rule("gap.owns.deal", "OWNS",
         r"(?:(?:a |ont )?(?:finalis|boucl|annonc|officialis|réalis|conclu|opér|achev)\w*\s+)?"
         rf"(?:le |l')(?:rachat|acquisition|reprise)\s+(?:de \d+[,.]?\d*\s?% )?{_DE}",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT")),
    Rule("gap.owns.ceded", "OWNS",
         r"(?:[^;§]{0,60}?\s)?(?:qu'(?:il|elle|ils|elles) (?:a|ont|avait|avaient) )?(?:cédée?s?|vendue?s?|"
         r"revendue?s?)(?!\s+(?:ses|son|sa|leur|leurs|des|un|une|les|le|la|l'|ce|cet|cette|ces)\b)"
         r"\s+(?:[^,;§]{0,40}?\s)?(?:à|au|aux)(?: (?:son|sa|leur) associée?,?)?",
         direction="rev", subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"),
         confidence=0.65),
    Rule("gap.owns.ceded_to", "OWNS", r"(?:à|au|aux)", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"(?:cédé|vendu|revendu|cède|vend|revend)e?s?\s+(?:(?:sa|son|ses|leur|la|le|l')\s*)?"
                r"(?:filiale|participation|société|start-up|activité|pôle|logiciel|application|agence|"
                r"titre|journal)?"),
    Rule("gap.owns.verb", "OWNS",
         r"(?:détien\w*|détenait|possèd\w*|possédait|rachet\w*|rachèt\w*|acqui\w*|acquis|reprend|"
         r"(?:a |ont )?repris|absorb\w*|contrôl\w*|(?:a |ont )?pris le contrôle d[eu']?|prend le contrôle "
         r"d[eu']?|(?:a |ont )?pris une participation (?:(?:de |d')?\d+[,.]?\d*\s?% )?(?:dans|au capital d[eu'])|(?:est |sont )?(?:entrée?s?|"
         r"montée?s?) au capital d[eu']?|(?:l'|le |un |une |principal )?(?:actionnaire|propriétaire)s?"
         rf"(?: (?:majoritaire|principal|unique|minoritaire|de référence))?\s+{_DE}|investi\w* dans)"
         r"(?:(?:\s+(?:désormais|déjà|encore|aujourd'hui|[a-zé]+ment))?\s+(?:\d+[,.]?\d*\s?%|la majorité|l'intégralité|une partie|la totalité)(?: du capital)?"
         rf"\s+{_DE})?", subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"),
         confidence=0.7),
    Rule("gap.owns.editor", "OWNS",
         r"(?:(?:l'|un |son |le )?(?:éditeur|concepteur|développeur|créateur)s?\s+(?:[a-zé]+\s+)?"
         rf"{_DE}|(?:édit|développ|commercialis|exploit)\w*)", subj=("COMPANY",), obj=("PRODUCT",),
         confidence=0.7),
    # -- regulators -----------------------------------------------------------------------------
    Rule("gap.sanctioned.passive", "SANCTIONED",
         r"(?:a été |ont été |est |sont |été |était |avait été )?(?:sanctionnée?s?|condamnée?s?|"
         r"mise?s? en demeure|épinglée?s?|avertie?s?|rappelée?s? à l'ordre|verbalisée?s?|"
         r"mise?s? à l'amende|pénalisée?s?)(?:[^;]{0,80}?)?\s(?:par|de la part d[eu'])",
         direction="rev", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.8),
    Rule("gap.sanctioned.verb", "SANCTIONED",
         r"(?:sanctionn\w*|condamn\w*|(?:a |ont )?mis en demeure|met en demeure|mettre en demeure|"
         r"(?:a |ont )?(?:infligé|inflige|prononcé|prononce|adressé|adresse|notifié|délivré|imposé|"
         r"impose)\s+(?:[^;]{0,80}?\s)?(?:amende|sanction|pénalité|avertissement|rappel à l'ordre|"
         r"mise en demeure|blâme|astreinte)s?\b(?:[^;]{0,60}?\s)?(?:à|au|aux|à l'encontre d[eu']?|contre|"
         r"envers)|averti\w*|rappel\w* à l'ordre|épingl\w*|verbalis\w*|(?:a )?mis à l'amende|"
         r"met à l'amende)", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.8),
    Rule("gap.sanctioned.prefix", "SANCTIONED", r"(?:à|au|aux|à l'encontre d[eu']?|contre|envers)",
         subj=("PUBLIC_BODY",), obj=ANY,
         prefix=r"(?:amende|sanction|avertissement|mise en demeure|rappel à l'ordre)s?\s+(?:[^,;]{0,30}\s)?"
                r"(?:infligée?s?|prononcée?s?|adressée?s?|notifiée?s?)\s+par", confidence=0.7),
    Rule("gap.regulates.passive", "REGULATES",
         r"(?:a été |est |sont |été )?(?:contrôlée?s?|auditée?s?|auditionnée?s?|convoquée?s?|"
         r"examinée?s?)\s+(?:[^,;]{0,40}?\s)?par|(?:est |a été |sont )?inscrite?s?\s+(?:[^,;]{0,30}\s)?"
         r"(?:au|sur le|dans le) (?:répertoire|registre)[^,;]{0,60}?\s(?:de|du|d'|des|tenu par)|(?:visée?s? par une (?:enquête|procédure)[^,;]{0,30}?|"
         rf"dans le viseur|sous la surveillance)\s+{_DE}", direction="rev", subj=("PUBLIC_BODY",), obj=ANY),
    Rule("gap.regulates.verb", "REGULATES",
         r"(?:contrôl\w*|enquêt\w* sur|(?:a |ont )?(?:ouvert|lancé|mené|diligenté|conduit|effectué|"
         r"réalisé|engagé|ouvre|lance|mène)\s+(?:[^,;]{0,30}?\s)?(?:une |un |des )?(?:enquête|contrôle|"
         r"procédure|investigation|instruction|audit|mission de contrôle)s?(?: sur place| sur pièces|"
         r" [a-zé]+)?\s+(?:sur|visant|contre|chez|auprès d[eu']|concernant|à l'encontre d[eu']?|d[eu']|"
         r"dans les locaux d[eu']|au siège d[eu'])|(?:s'est |a été )?saisie?\s+"
         r"(?:du cas |du dossier |au sujet )?(?:d[eu']|des)|audit\w*|examin\w*|régul\w*|supervis\w*|"
         r"surveill\w*|(?:a |ont )?(?:interrogé|auditionné|convoqué))",
         subj=("PUBLIC_BODY",), obj=ANY, confidence=0.7),
    # -- partners and clients -------------------------------------------------------------------
    Rule("gap.partner_of.ally", "PARTNER_OF",
         r"(?:(?:s'est |se sont |s'|se )?(?:associ|alli)\w*\s+(?:à|avec|au)|partenaires?\s+"
         rf"{_DE}|(?:a |ont )?(?:noué|signé|conclu|annoncé|scellé) (?:un )?partenariat\s+(?:avec|à)|"
         r"en partenariat avec|s'est rapprochée? d[eu']?)", subj=ORG, obj=ORG, confidence=0.7),
    Rule("gap.partner_of.work", "PARTNER_OF",
         r"(?:(?:a |ont )?(?:travaillé|collaboré|coopéré) (?:main dans la main )?(?:avec|aux côtés d[eu'])"
         r"|travaill\w* (?:avec|aux côtés d[eu'])|collabor\w* avec)",
         subj=("COMPANY", "MEDIA", "PRODUCT"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.6),
    Rule("gap.client_of.passive", "CLIENT_OF",
         r"(?:a été |ont été |est |sont |été |était |étaient |sera )?(?:utilisé|employé|choisi|retenu|"
         r"sélectionné|mandaté|engagé|sollicité|rémunéré|payé|adopté|déployé|missionné|recruté)e?s?"
         r"\s+(?:[^,;]{0,50}?\s)?par", direction="rev", subj=ACTOR, obj=VENDOR),
    Rule("gap.client_of.use", "CLIENT_OF",
         r"(?:utilis\w*|emploi\w*|employ\w*|recour\w*|recouru|(?:a|ont|avoir|avait|aurait|ayant) "
         r"(?:eu )?recours|fai\w* appel|fait appel|s'appu\w+ sur|s'(?:est|sont|était|étaient) appuyée?s? sur|s'adress\w+|choisi\w*|retenu|reten\w*|"
         r"retien\w*|sélectionn\w*|mandat\w*|missionn\w*|engag\w*|sollicit\w*|rémunér\w*|pay\w*|"
         r"adopt\w*|déploy\w*|dot\w+ d[eu]|s'équip\w+ (?:d[eu]|auprès d[eu]|chez)|équipée?s? (?:d[eu]|par)"
         r"|s'offr\w+|s'(?:est|sont|était|étaient) (?:offert|tourné)\w*(?: vers)?|se tourn\w* vers|(?:pay|vers|régl|débours|dépens|lâch|investi)\w*\s+"
         r"(?:[^,;]{0,40}?\s)?(?:euros?|€)\s+(?:à|au|aux|auprès d[eu']|chez|pour (?:les services|s'offrir les services) d[eu'])|"
         r"(?:figur\w*|compt\w*|se trouv\w*|est|sont|était|étaient) (?:parmi (?:les|des)|au nombre des) (?:principaux |premiers |"
         r"plus gros |grands )?clients d[eu']?|\w+ (?:[^,;]{0,60}\s)?(?:via|grâce à|au moyen d[eu']|par l'intermédiaire d[eu'])|achet\w+ (?:[^,;]{0,40}\s)?(?:à|auprès d[eu]|chez)|command\w+ (?:[^,;]{0,40}\s)?"
         r"(?:à|auprès d[eu])|souscri\w+ (?:[^,;]{0,40}\s)?(?:à|auprès d[eu])|confi\w+ (?:[^,;]{0,60}\s)?"
         r"(?:à|au|aux)|(?:l'une?|une?) d(?:es|e ses) (?:principaux |premiers |plus gros |grands )?clients? d[eu']?|clientes?|clients?(?: historiques?| fidèles?)? d[eu']?|travaill\w+ avec|(?:a|ont) "
         r"travaillé avec|sous-trait\w+ (?:[^,;]{0,40}\s)?(?:à|au))", subj=ACTOR, obj=VENDOR),
    Rule("gap.client_of.signed", "CLIENT_OF",
         r"(?:sign\w*|conclu\w*|contractualis\w*|recrut\w*|embauch\w*)(?:\s+(?:en|dès|début|fin|le|au|"
         r"courant) [a-zéû0-9 ]{1,20}?)?(?:\s+(?:un |une )?(?:contrat|accord|"
         r"devis|bon de commande|convention)s?\b[^,;]{0,40}?)?\s*(?:avec|auprès d[eu'])?",
         subj=("PERSON", "PARTY", "PUBLIC_BODY"), obj=VENDOR, confidence=0.7),
    Rule("gap.client_of.serve", "CLIENT_OF",
         r"(?:équip\w*|accompagn\w*|conseill\w*|travaill\w+ (?:pour|aux côtés d[eu]|au service d[eu])|"
         r"(?:a|ont|avait) travaillé pour|fourni\w* (?:[^,;]{0,50}\s)?(?:à|au|aux)|fournit (?:[^,;]{0,50}"
         r"\s)?(?:à|au|aux)|livr\w+ (?:[^,;]{0,40}\s)?(?:à|au|aux)|vend\w* (?:[^,;§]{0,40}\s)?(?:à|au|aux)|"
         r"serv\w+|assist\w+|\w+ (?:[^,;]{0,40}\s)?pour le compte d[eu']|(?:prestataire|fournisseur)\w*(?: (?:historique|attitré|officiel|principal|habituel)\w*)? d[eu']?|(?:a|ont) (?:notamment )?"
         r"(?:compté|eu) (?:parmi ses|pour|comme) clients?|(?:compt|revendiqu|affich|cit)\w+ (?:notamment )?parmi ses clients|"
         r"a (?:notamment )?pour (?:principa(?:l|ux) |premiers? |plus gros |grands? )?clients?|(?:dont|parmi) (?:les |ses )?clients?(?: (?:comptent|comptaient|"
         r"incluent|incluaient|comprennent|sont|étaient|figurent|figuraient|se trouvent|on trouve|"
         r"on retrouve))?(?: notamment)?\s*:?|(?:a|ont) (?:notamment )?(?:réalisé|mené|conçu|piloté|"
         r"orchestré|géré) (?:[^,;]{0,50}\s)?(?:campagne|stratégie|communication|site|application|"
         r"porte-à-porte)[^,;]{0,40}?\s(?:de|du|des|d'|pour)|(?:gèr\w*|gér\w*|administr\w*|héberg\w*|"
         r"pilot\w*|anim\w*|conç\w*|tien\w*|tenait) (?:[^,;]{0,30}\s)?(?:fichiers?|campagnes?|stratégie|"
         r"communication|sites?|applications?|bases?|newsletters?|envois?|sondages?|réseaux sociaux|"
         r"porte-à-porte)[^,;]{0,40}?\s(?:de|du|des|d'|pour)|factur\w* (?:[^,;]{0,40}\s)?(?:à|au|aux))",
         direction="rev", subj=ACTOR, obj=VENDOR, confidence=0.7),
    Rule("gap.client_of.provider_prefix", "CLIENT_OF",
         r"(?:,\s*)?(?:figurent|figure|on (?:trouve|retrouve|compte)|se trouvent|il y a|:|,)?(?:\s*notamment)?",
         subj=ACTOR, obj=VENDOR, confidence=0.7,
         prefix=rf"parmi (?:les|ses) (?:principaux |premiers )?(?:prestataires|fournisseurs|sous-traitants)\s+{_DE}"
                rf"(?:\s*(?:la |sa )?campagne\s+{_DE})?"),
    Rule("gap.client_of.prefix", "CLIENT_OF",
         r"(?:,\s*)?(?:figurent|figure|on (?:trouve|retrouve|compte)|se trouvent|il y a|:|,)?"
         r"(?:\s*notamment)?", direction="rev", subj=ACTOR, obj=VENDOR,
         prefix=rf"parmi (?:les|ses) (?:principaux |premiers )?clients\s+{_DE}", confidence=0.7),
)


def normalise_gap(text: str) -> str:
    """Lower case, typographic apostrophes and spaces made plain, whitespace collapsed."""
    text = text.lower().replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split()).replace(" ,", ",")


def is_negated(gap: str) -> bool:
    return bool(_NEGATION.search(gap))


def match_gap(gap: str, prefix: str, label_a: str, label_b: str,
              rules: tuple[Rule, ...] = RULES) -> Rule | None:
    """The first rule whose pattern matches the gap and whose types fit, or None.

    Args:
        gap: text between entity A and entity B (already normalised).
        prefix: sentence text before entity A (already normalised).
        label_a: label of A (the earlier entity); label_b: label of B.
    """
    if is_negated(gap):
        return None
    gap = " ".join(_INCISE.sub(" ", gap).split())
    if len(gap) > 160:
        return None
    for rule in rules:
        subj, obj = (label_a, label_b) if rule.direction == "fwd" else (label_b, label_a)
        if subj not in rule.subj or obj not in rule.obj:
            continue
        if rule.prefix_regex is not None:
            found = rule.prefix_regex.search(prefix)
            if found is None or is_negated(found.group(0)) or _HEDGED.search(found.group(0)):
                continue
        # The trailing space lets a final descriptor ("de l'agence") end like a word.
        if rule.regex.match((" " + gap if not gap.startswith((" ", ",")) else gap) + " "):
            return rule
    return None
