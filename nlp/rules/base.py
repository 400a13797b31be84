"""Shared pieces of the relation gap rules: the :class:`Rule` type, regex fragments, negation.

A rule is data: a regular expression over the lower-cased *gap* between entity A and a later
entity B (optionally also over the sentence text before A), a predicate, a direction
(``fwd``: A is the subject; ``rev``: B is), and the entity types allowed as subject and
object. Every rule pattern is wrapped in the same fragments: ``_PRE`` (what may open a gap:
an incise, a descriptor, auxiliaries and adverbs) and ``_END`` (what may close it: time
adverbials, a list colon, determiners and descriptors such as "de l'agence"). Negated gaps
("n'a jamais utilisé") never match (:func:`is_negated`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from nlp.rules.leads import with_lead
from nlp.rules.needles import needles as find_needles

ORG = ("COMPANY", "PARTY", "PUBLIC_BODY", "MEDIA")
ACTOR = (*ORG, "PERSON")
VENDOR = ("COMPANY", "PRODUCT")
ANY = (*ACTOR, "PRODUCT")


class Trigger(NamedTuple):
    """A trigger verb read through the dependency parse (:mod:`nlp.syntax`), keyed by its lemma in
    each family module's ``DEP_VERBS``. ``agent_is_subject``: the verb's agent (active subject,
    passive ``par`` complement) is the relation's subject ("X utilise Y" -> X CLIENT_OF Y), else
    its patient is ("X équipe Y" -> Y CLIENT_OF X). ``preps``: when set, the patient must hang on
    the verb with one of these prepositions ("travailler *pour* X", not "avec X")."""

    predicate: str
    agent_is_subject: bool
    subj: tuple[str, ...]
    obj: tuple[str, ...]
    preps: tuple[str, ...] = ()

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
#: Searched in every gap: behind a look-ahead on its first letters (:func:`~nlp.rules.leads.with_lead`,
#: same matches), positions where no alternative can start are ruled out with one test.
_NEGATION = with_lead(re.compile(r"\b(?:ne|n'|pas|jamais|aucun|aucune|nullement|dément\w*|démenti|refus\w*|"
                                 r"aurai[st]|auraient|pourrai[st]|pourraient|devrai[st]|devraient|envisag\w*|"
                                 r"négoci\w*|projett?\w* de|souhait\w* de|compt\w* (?:racheter|recourir|faire)|"
                                 r"serai[st]|seraient|nie|nient|conteste\w*)\b"))
_DE = r"(?:d[eu']|des)"
#: Hedged nominalisations: "la cession possible de X", "le futur rachat de X" state no fact.
HEDGED = re.compile(r"\b(?:possibles?|éventuel\w*|envisag\w*|projet\w*|future?s?|hypothétique\w*|"
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
    #: Strings one of which every gap the rule matches contains (None: always try the regex),
    #: and the alternation that finds them (see :mod:`nlp.rules.needles`).
    needles: frozenset[str] | None = field(init=False, repr=False, compare=False)
    needle_regex: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    #: Likewise for ``prefix``: strings one of which every match of ``prefix_regex`` contains.
    prefix_needles: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.prefix is None:
            body = rf"{_PRE}(?:{self.pattern}){_END}"
        else:
            body = rf"^\s*(?:{self.pattern}){_END}"
        object.__setattr__(self, "regex", re.compile(body))
        object.__setattr__(self, "prefix_regex",
                           re.compile(rf"(?:{self.prefix})\s*{_DET}$") if self.prefix else None)
        found = find_needles(self.pattern)
        object.__setattr__(self, "needles", found)
        object.__setattr__(self, "needle_regex", re.compile("|".join(
            re.escape(n) for n in sorted(found))) if found else None)
        object.__setattr__(self, "prefix_needles", find_needles(self.prefix) if self.prefix else None)


def fits(rule: Rule, label_a: str, label_b: str) -> bool:
    """The rule's subject and object types allow entity A (the earlier) and entity B."""
    subj, obj = (label_a, label_b) if rule.direction == "fwd" else (label_b, label_a)
    return subj in rule.subj and obj in rule.obj


def normalise_gap(text: str) -> str:
    """Lower case, typographic apostrophes and spaces made plain, whitespace collapsed."""
    # str.split() already splits on the non-breaking spaces (U+00A0, U+202F are whitespace)
    return " ".join(text.lower().replace("’", "'").split()).replace(" ,", ",")


def is_negated(gap: str) -> bool:
    return bool(_NEGATION.search(gap))

