"""Frames naming an entity's role before it: fronted participles, fronted appositions, party labels.

* fronted participle: "Fondée en 2019 par A, B et C, la société X…", "Mise en demeure par la
  CNIL, la société X…", "Passée par A puis par B, X a rejoint…" (the agents follow *par*, the
  argument is the first entity after the clause's closing comma);
* fronted apposition: "Ancien cadre du PS, X…", "Directrice générale de Y, X…" (read as if it
  were "X, ancien cadre du PS" with the gap rules);
* party label: "la députée Renaissance Camille Ortiz", "le maire LR X" (MEMBER_OF).

Example:
    >>> FRONTED[0].predicate
    'FOUNDED'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.frames.base import Triple, _text
from nlp.records import doc_text
from nlp.rules import ACTOR, ANY, ORG, VENDOR, is_negated, match_gap, normalise_gap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_LEAD = r"^\s*(?:(?:en|dès|depuis|début|fin|courant)\s+(?:[a-zéû]+\s+)?\d{4}\s*,\s*)?"
_PAR = r"\b[^;«»]{0,140}?\bpar\s"
#: Text between the fronted clause and the entity it describes: a comma, then an optional
#: article and lower-case descriptor ("la start-up lyonnaise").
_MAIN_GAP = re.compile(r"^\s*\)?\s*(?:(?:en|dès|depuis|le|début|fin)\s+[^,;]{1,20})?"
                       r"(?:,\s*(?:qui|dont|lesquels|lesquelles|où|là où)\s[^,;]{1,80})?,\s*(?:(?:le|la|les|l'|l’|un|une)\s*)?(?:[a-zà-ÿ'’-]+\s+){0,3}$"
                       r"(?<!\bde )(?<!\bdu )(?<!\bdes )(?<!\bd')(?<!\bd’)(?<!\bchez )(?<!\bpour )")
_AGENT_LINK = re.compile(r"^\s*(?:,|et|ou|ainsi que|puis|, puis|, et)\s*(?:par|chez|à|au)?\s*"
                         r"(?:(?:le|la|les|l'|l’|un|une)\s*)?(?:[a-zà-ÿ'’-]+\s+){0,4}?"
                         r"(?:(?:de|du|des|d'|d’|de la|de l'|de l’)\s*)?$")


_APPOSED_COMPLEMENT = re.compile(r"^\s*,\s*(?:(?:le|la|l'|l’|un|une)\s*)?(?:[a-zà-ÿ'’-]+\s+){1,4}?"
                                 r"(?:de|du|des|d'|d’|chez)\s*(?:(?:la|l'|l’)\s*)?$")


@dataclass(frozen=True)
class Fronted:
    """A participle opening the sentence; agents follow *par*, ``main`` is the described entity."""

    predicate: str
    pattern: str
    agent_is_subject: bool
    agents: tuple[str, ...]
    main: tuple[str, ...]

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(_LEAD + pattern, re.IGNORECASE)
    return _CACHE[pattern]


FRONTED: tuple[Fronted, ...] = (
    Fronted("FOUNDED", rf"(?:co-?)?(?:fondée?s?|créée?s?|lancée?s?|imaginée?s?){_PAR}", True,
            ("PERSON", "COMPANY", "PARTY"), (*ORG, "PRODUCT")),
    Fronted("DIRECTS", rf"(?:dirigée?s?|présidée?s?|gérée?s?|pilotée?s?|administrée?s?){_PAR}", True,
            ("PERSON",), ORG),
    Fronted("REGULATES", rf"(?:contrôlée?s?|auditée?s?|visée?s? par une enquête|inscrite?s?\b[^;]{{0,80}}?"
            rf"(?:répertoire|registre)){_PAR}", True, ("PUBLIC_BODY",), ANY),
    Fronted("OWNS", rf"(?:éditée?s?|développée?s?|conçue?s?|commercialisée?s?|rachetée?s?|acquise?s?|"
            rf"détenue?s?|possédée?s?|contrôlée?s?|reprise?s?){_PAR}", True,
            ("COMPANY", "PERSON", "PARTY", "MEDIA"), ("COMPANY", "MEDIA", "PRODUCT")),
    Fronted("SANCTIONED", rf"(?:mise?s? en demeure|sanctionnée?s?|condamnée?s?|épinglée?s?|avertie?s?|"
            rf"rappelée?s? à l'ordre|mise?s? à l'amende){_PAR}", True, ("PUBLIC_BODY",), ANY),
    Fronted("CLIENT_OF", rf"(?:utilisée?s?|choisie?s?|retenue?s?|employée?s?|adoptée?s?|déployée?s?|"
            rf"mandatée?s?|missionnée?s?){_PAR}", True, ACTOR, VENDOR),
    Fronted("WORKS_FOR", rf"(?:passée?s?|formée?s?|recrutée?s?|employée?s?|salariée?s?){_PAR}|"
            r"(?:passée?s?|ancien(?:ne)?s?) (?:chez|de|d'|du)\s", False, ORG, ("PERSON",)),
)


#: Words one of which every :data:`FRONTED` clause holds ("par", or "passé"/"ancien" of "passée
#: chez X" / "ancien de X"); checked on the case-folded head before the clauses' regexes.
FRONTED_NEEDLES = ("par", "pass", "ancien")


def fronted(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """Relations stated by a participle clause opening the sentence."""
    # A place inside the clause is no argument: "Fondée à Brest par X, la société Y…".
    ents = ents[next((i for i, e in enumerate(ents) if e.label_ != "PLACE"), len(ents)):]
    if not ents:
        return []
    head = _text(doc, sent.start_char, ents[0].start_char)
    folded = head.casefold()
    if not any(n in folded for n in FRONTED_NEEDLES):
        return []
    out: list[Triple] = []
    for frame in FRONTED:
        m = frame.regex.match(head + " ") if len(head) < 400 else None
        if not m:
            # Agents may be separated by other entities ("par A puis par B"): match on the text up
            # to the first agent only.
            continue
        if is_negated(m.group()):
            return []
        main = None
        for i in range(1, len(ents)):
            if ents[i].label_ in frame.main and _MAIN_GAP.match(
                    _text(doc, ents[i - 1].end_char, ents[i].start_char)):
                main = i
                break
        if main is None:
            return []
        agents = [e for e in ents[:main] if e.label_ in frame.agents]
        agents = _drop_genitive_head(doc, agents)
        linked = agents[:1]
        for prev, ent in zip(agents, agents[1:], strict=False):
            link = _text(doc, prev.end_char, ent.start_char)
            if not _AGENT_LINK.match(link) or _APPOSED_COMPLEMENT.match(link):
                break  # "par A, ancien directeur de B": B qualifies A, it is no co-agent
            linked.append(ent)
        for agent in linked:
            subj, obj = (agent, ents[main]) if frame.agent_is_subject else (ents[main], agent)
            out.append((subj, obj, frame.predicate, 0.7, f"frame.fronted.{frame.predicate.lower()}"))
        return out
    return out


def _drop_genitive_head(doc: Doc, agents: list[Span]) -> list[Span]:
    """"par des bénévoles de la campagne de A, B, C et D": A is a complement, B-D the agents."""
    if len(agents) >= 3 and re.search(r"\b(?:de|du|d'|d’)\s*$", _text(doc, agents[0].start_char - 6,
                                                                      agents[0].start_char)):
        if _text(doc, agents[0].end_char, agents[1].start_char).strip() == ",":
            return agents[1:]
    return agents


def fronted_apposition(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """"Ancien cadre du PS, X…", "Propriété du groupe Y, le site X…": the phrase describes X."""
    if len(ents) < 2 or ents[0].label_ not in ORG:
        return []
    text = doc_text(doc)
    head = normalise_gap(text[sent.start_char:ents[0].start_char])
    if not head or len(head) > 70 or not head[0].isalpha():
        return []
    rest = [e for e in ents[1:] if e.label_ != "PLACE"]
    group = [ents[0]]  # "Ex-salarié de A et de B, X…": the phrase names A and B
    while rest and rest[0].label_ == ents[0].label_ and _APPOSITION_COORD.match(
            text[group[-1].end_char:rest[0].start_char]):
        group.append(rest.pop(0))
    if not rest:
        return []
    main = rest[0]
    if not _APPOSITION_MAIN.match(text[group[-1].end_char:main.start_char]):
        return []
    rule = match_gap(", " + head, "", main.label_, ents[0].label_)
    if rule is None:  # "Ex-salarié de A et de B, X…" with A not recognised
        coordinated = _HEAD_COORD.match(head)
        if coordinated:
            rule = match_gap(", " + coordinated["role"], "", main.label_, ents[0].label_)
    if rule is None or rule.prefix is not None:
        return []
    out: list[Triple] = []
    for org in group:
        subj, obj = (main, org) if rule.direction == "fwd" else (org, main)
        out.append((subj, obj, rule.predicate, rule.confidence - 0.05, f"frame.apposition.{rule.name}"))
    return out


#: Between the phrase's last organisation and the described entity: "…, la société X".
_APPOSITION_MAIN = re.compile(r"^[^,;.«»]{0,40},\s*(?:(?:le|la|les|l'|l’)\s*)?(?:[a-zà-ÿ-]+\s+){0,2}$")
_HEAD_COORD = re.compile(r"^(?P<role>.{3,40}?\b(?:de|du|des|d'|chez))\s*[^,;]{1,40}?\s(?:et|ou)\s(?:de|du|des|d'|chez)\s*"
                         r"(?:(?:la|l')\s*)?$")
_APPOSITION_COORD = re.compile(r"^\s*(?:,|et|ou|puis|, puis|, et)\s*(?:(?:de|du|des|d'|d’|chez|au sein de)\s*)?"
                               r"(?:(?:la|l'|l’|le)\s*)?$")


_LABEL_ROLE = re.compile(r"\b(?:député|députée|sénateur|sénatrice|eurodéputée?|maire|élue?|conseill(?:er|ère)|"
                         r"candidate?|militante?|cadre|ministre|adhérente?|présidente? de groupe|adjointe?|"
                         r"vice-présidente?|porte-parole|trésorière?|secrétaire nationale?|responsable)"
                         r"(?:\s+(?:municipale?|régionale?|départementale?|sortante?|européen(?:ne)?))?\s*$",
                         re.IGNORECASE)


#: What may sit between a party label and the name: the office's place or body ("du Cantal",
#: "au maire de Lyon", "de la 3e circonscription du Nord", "au conseil régional").
_LABEL_TAIL = re.compile(r"^\s*(?:(?:du|de la|de l'|de l’|des|de|d'|d’|au|à la|aux|pour)\s*[^,;:()«»]{1,50}?)?\s*$")


_PAREN_OPEN = re.compile(r"^\s*\(\s*(?:ex-\s*)?$")


#: :class:`~nlp.frames.gates.Gate` data (regexes, labels): either path, a role before the party
#: or the party in brackets after the person.
PARTY_LABEL_GATE = ((_LABEL_ROLE, _PAREN_OPEN), frozenset({"PARTY"}))


def party_labels(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """"la députée Renaissance Camille Ortiz", "le maire LR du Cantal X", "l'adjointe PS au maire
    de Lyon X": the party is the person's label."""
    out: list[Triple] = []
    text = doc_text(doc)
    for i, party in enumerate(ents):
        if party.label_ != "PARTY" or not _LABEL_ROLE.search(
                text[max(sent.start_char, party.start_char - 40):party.start_char]):
            continue
        person = next((e for e in ents[i + 1:i + 4] if e.label_ != "PLACE"), None)
        if person is None or person.label_ != "PERSON":
            continue
        between = text[party.end_char:person.start_char]
        if between.strip() and not _LABEL_TAIL.match(between):
            continue
        out.append((person, party, "MEMBER_OF", 0.7, "frame.label.member_of"))
    for person, party in zip(ents, ents[1:], strict=False):  # "le sénateur X (LR)", "X (PS), maire de Y"
        if person.label_ == "PERSON" and party.label_ == "PARTY" and _PAREN_OPEN.match(
                text[person.end_char:party.start_char]) and text[party.end_char:party.end_char + 1] == ")":
            out.append((person, party, "MEMBER_OF", 0.7, "frame.label.member_of"))
    return out
