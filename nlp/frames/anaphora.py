"""Sentence frames the pairwise gap rules cannot see: fronted clauses, possessives, anaphora, quotes.

Each frame is a pattern of French syntax, read once per sentence on the text around the entities:

* fronted participle: "Fondée en 2019 par A, B et C, la société X…", "Mise en demeure par la
  CNIL, la société X…", "Passée par A puis par B, X a rejoint…" (the agents follow *par*, the
  argument is the first entity after the clause's closing comma);
* fronted apposition: "Ancien cadre du PS, X…", "Directrice générale de Y, X…" (read as if it
  were "X, ancien cadre du PS" with the gap rules);
* possessive: "son fondateur, X", "a annoncé sa présidente, X" (the organisation is the nearest
  earlier one, or the sentence's first after a speech verb);
* *en* anaphora: "X en est la présidente", "X, qui en détient l'intégralité";
* joint subject: "A et l'éditeur B ont noué un partenariat", "les deux sociétés ont signé un accord";
* quote: "« Nous avons accompagné X… », explique Y, directrice de Z" (X client of Z).

Example:
    >>> FRONTED[0].predicate
    'FOUNDED'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.records import doc_text
from nlp.relations import ACTOR, ANY, ORG, VENDOR, is_negated, match_gap, normalise_gap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: (subject, object, predicate, confidence, rule)
Triple = tuple["Span", "Span", str, float, str]

_LEAD = r"^\s*(?:(?:en|dès|depuis|début|fin|courant)\s+(?:[a-zéû]+\s+)?\d{4}\s*,\s*)?"
_PAR = r"\b[^;«»]{0,140}?\bpar\s"
#: Text between the fronted clause and the entity it describes: a comma, then an optional
#: article and lower-case descriptor ("la start-up lyonnaise").
_MAIN_GAP = re.compile(r"^\s*\)?\s*(?:(?:en|dès|depuis|le|début|fin)\s+[^,;]{1,20})?,\s*(?:(?:le|la|les|l'|l’|un|une)\s*)?(?:[a-zà-ÿ'’-]+\s+){0,3}$")
_AGENT_LINK = re.compile(r"^\s*(?:,|et|ou|ainsi que|puis|, puis|, et)\s*(?:par|chez|à|au)?\s*"
                         r"(?:(?:le|la|les|l'|l’|un|une)\s*)?(?:[a-zà-ÿ'’-]+\s+){0,4}?"
                         r"(?:(?:de|du|des|d'|d’|de la|de l'|de l’)\s*)?$")


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

_ROLE = (r"(?P<role>co-?fondat\w*|fondat\w*|créat\w*|président\w*|directeur général|directrice générale|"
         r"directeur|directrice|dirigeant\w*|gérant\w*|patron\w*|pdg|p-dg|actionnaire\w*(?: majoritaire|"
         r" principal| unique)?|propriétaire|éditeur|prestataire|fournisseur|filiale|maison mère|"
         r"logiciel|application|plateforme|outil|salariée?|consultante?|trésori\w+|porte-parole|"
         r"secrétaire général\w*|membre)")
#: role word -> (predicate, the named entity is the subject?, its allowed labels, org labels)
_ROLES: dict[str, tuple[str, bool, tuple[str, ...], tuple[str, ...]]] = {
    "fondat": ("FOUNDED", True, ("PERSON",), ANY),
    "créat": ("FOUNDED", True, ("PERSON",), ANY),
    "cofondat": ("FOUNDED", True, ("PERSON",), ANY),
    "président": ("DIRECTS", True, ("PERSON",), ORG),
    "directeur": ("DIRECTS", True, ("PERSON",), ORG),
    "directrice": ("DIRECTS", True, ("PERSON",), ORG),
    "dirigeant": ("DIRECTS", True, ("PERSON",), ORG),
    "gérant": ("DIRECTS", True, ("PERSON",), ORG),
    "patron": ("DIRECTS", True, ("PERSON",), ORG),
    "pdg": ("DIRECTS", True, ("PERSON",), ORG),
    "p-dg": ("DIRECTS", True, ("PERSON",), ORG),
    "secrétaire": ("DIRECTS", True, ("PERSON",), ("PARTY", "PUBLIC_BODY")),
    "actionnaire": ("OWNS", True, ("PERSON", "COMPANY"), ("COMPANY", "MEDIA")),
    "propriétaire": ("OWNS", True, ("PERSON", "COMPANY"), ("COMPANY", "MEDIA", "PRODUCT")),
    "éditeur": ("OWNS", True, ("COMPANY",), ("PRODUCT", "MEDIA")),
    "prestataire": ("CLIENT_OF", False, VENDOR, ACTOR),
    "fournisseur": ("CLIENT_OF", False, VENDOR, ACTOR),
    "filiale": ("SUBSIDIARY_OF", True, ("COMPANY", "MEDIA"), ("COMPANY",)),
    "maison": ("SUBSIDIARY_OF", False, ("COMPANY",), ("COMPANY", "MEDIA")),
    "logiciel": ("OWNS", False, ("PRODUCT",), ORG),
    "application": ("OWNS", False, ("PRODUCT",), ORG),
    "plateforme": ("OWNS", False, ("PRODUCT",), ORG),
    "outil": ("OWNS", False, ("PRODUCT",), ORG),
    "salarié": ("WORKS_FOR", True, ("PERSON",), ORG),
    "consultant": ("WORKS_FOR", True, ("PERSON",), ORG),
    "trésori": ("MEMBER_OF", True, ("PERSON",), ("PARTY",)),
    "porte-parole": ("MEMBER_OF", True, ("PERSON",), ("PARTY",)),
    "membre": ("MEMBER_OF", True, ("PERSON",), ("PARTY", "PUBLIC_BODY")),
}
_POSSESSIVE = re.compile(rf"\b(?:son|sa|ses|leur|leurs)\s+(?:(?:ancien|ancienne|nouveau|nouvelle|actuel|"
                         rf"actuelle|principal|principale|jeune)\s+)?{_ROLE}s?\s*,?\s*(?:(?:la|le|l'|l’)\s*(?:société|agence|"
                         rf"cabinet|start-?up|institut|entreprise|groupe)\s+)?$", re.IGNORECASE)
_CEDED = re.compile(r"\b(?:cédé|vendu|revendu|cède|vend|revend|cédée|vendue)\s*$", re.IGNORECASE)
_SPEECH = re.compile(r"(?:annonc|expliqu|précis|indiqu|confi|déclar|affirm|soulign|assur|reconn|"
                     r"comment|raconte|estime|rappel|ajout|selon)\w*\s*$", re.IGNORECASE)
_EN = re.compile(rf"^\s*,?\s*(?:qui\s+)?en\s+(?:(?:est|était|a été|reste|demeure|devient|est devenue?|"
                 rf"sera)\s+(?:(?:toujours|aujourd'hui|désormais|actuellement|encore|aussi|également|depuis \d{{4}})\s+)*"
                 rf"(?:l'|l’|le |la |un |une |l'un |l'une )?(?:des |de ses )?{_ROLE}|(?P<own>détient|"
                 rf"possède|contrôle|détenait|possédait|a (?:racheté|acquis|repris)|avait (?:racheté|acquis|repris)))", re.IGNORECASE)
_JOINT = re.compile(r"^\s*,?\s*(?:ont|avaient|se sont|s'étaient|viennent de|ont également|ont déjà)?\s*"
                    r"(?:[a-zé]+ment\s+|déjà\s+|aussi\s+|récemment\s+)?(?:(?:noué|signé|conclu|scellé|"
                    r"annoncé|officialisé|lancé)\s+(?:un|une)\s+(?:partenariat|accord|alliance|"
                    r"offre commune|contrat de distribution)|(?:associée?s|alliée?s)\b|s'associent|"
                    r"s'allient|(?:sont|étaient) partenaires)", re.IGNORECASE)
_BOTH = re.compile(r"\b(?:les deux|ces deux)\s+(?:sociétés|entreprises|groupes|firmes|start-?up|"
                   r"cabinets|agences|partis|éditeurs|partenaires)\s+(?:ont|avaient|se sont)\s+"
                   r"(?:[a-zé]+ment\s+|déjà\s+|aussi\s+)?(?:noué|signé|conclu|scellé|officialisé)\s+"
                   r"(?:un|une)\s+(?:partenariat|accord|alliance)", re.IGNORECASE)
_JOINT_LINK = re.compile(r"^\s*(?:,|et|ainsi que)\s*(?:(?:le|la|les|l'|l’)\s*)?"
                         r"(?:[a-zà-ÿ'’-]+\s+){0,4}$")
_QUOTE_US = re.compile(r"«[^»]*?\bnous\s+(?:l'|les\s+)?(?:(?:avons|avions)\s+(?:notamment\s+|aussi\s+|"
                       r"longtemps\s+|déjà\s+)?(?:accompagné|conseillé|équipé|aidé|servi|formé|"
                       r"travaillé (?:pour|avec))|accompagnons|conseillons|équipons|travaillons (?:pour|avec))",
                       re.IGNORECASE)


def _role_key(role: str) -> tuple[str, bool, tuple[str, ...], tuple[str, ...]] | None:
    role = role.lower().replace("co-", "co")
    for key in sorted(_ROLES, key=len, reverse=True):
        if role.startswith(key):
            return _ROLES[key]
    return None


def _text(doc: Doc, start: int, end: int) -> str:
    return doc_text(doc)[start:end]


def fronted(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """Relations stated by a participle clause opening the sentence."""
    if not ents:
        return []
    head = _text(doc, sent.start_char, ents[0].start_char)
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
            if not _AGENT_LINK.match(_text(doc, prev.end_char, ent.start_char)):
                break
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
    if not rest:
        return []
    main = rest[0]
    if not re.match(r"^[^,;.«»]{0,40},\s*(?:(?:le|la|les|l'|l’)\s*)?(?:[a-zà-ÿ-]+\s+){0,2}$",
                    text[ents[0].end_char:main.start_char]):
        return []
    rule = match_gap(", " + head, "", main.label_, ents[0].label_)
    if rule is None or rule.prefix is not None:
        return []
    subj, obj = (main, ents[0]) if rule.direction == "fwd" else (ents[0], main)
    return [(subj, obj, rule.predicate, rule.confidence - 0.05, f"frame.apposition.{rule.name}")]


def _nearest_org(ents: list[Span], before: int, labels: tuple[str, ...],
                 previous: list[Span]) -> Span | None:
    for ent in reversed([e for e in ents if e.end_char <= before]):
        if ent.label_ in labels:
            return ent
    for ent in previous:  # across sentences, the previous sentence's topic (its first firm)
        if ent.label_ in labels:
            return ent
    return None


def possessives(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"son fondateur, X" / "sa présidente X": X linked to the organisation the possessive names."""
    out: list[Triple] = []
    for ent in ents:
        left = _text(doc, max(sent.start_char, ent.start_char - 70), ent.start_char)
        m = _POSSESSIVE.search(left)
        if not m:
            continue
        spec = _role_key(m["role"])
        if m["role"].lower().startswith(("création", "fondation")):  # "depuis sa création": an event
            continue
        if spec is None or ent.label_ not in spec[2]:
            continue
        predicate, named_is_subject, _, org_labels = spec
        before = left[:m.start()]
        if _CEDED.search(before):  # "a cédé sa filiale X à Y": no longer its subsidiary
            continue
        if _SPEECH.search(before):  # "…, a annoncé sa présidente, X": the sentence's subject
            org = next((e for e in ents if e.label_ in org_labels and e is not ent), None)
        else:
            org = _nearest_org(ents, ent.start_char - len(left) + m.start(), org_labels, previous)
        if org is None or org is ent or is_negated(normalise_gap(before[-40:])):
            continue
        subj, obj = (ent, org) if named_is_subject else (org, ent)
        out.append((subj, obj, predicate, 0.65, f"frame.possessive.{predicate.lower()}"))
    return out


def en_anaphora(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X en est la présidente", "X, qui en détient l'intégralité": *en* names an earlier firm."""
    out: list[Triple] = []
    for ent in ents:
        if ent.label_ not in ("PERSON", "COMPANY"):
            continue
        m = _EN.match(_text(doc, ent.end_char, min(sent.end_char, ent.end_char + 90)))
        if not m:
            continue
        if m["own"]:
            spec = ("OWNS", True, ("PERSON", "COMPANY"), ("COMPANY", "MEDIA", "PRODUCT"))
        else:
            spec = _role_key(m["role"])
        if spec is None or ent.label_ not in spec[2] or not spec[1]:
            continue
        org = _nearest_org(ents, ent.start_char, spec[3], previous)
        if org is not None and org is not ent:
            out.append((ent, org, spec[0], 0.65, f"frame.en.{spec[0].lower()}"))
    return out


def joint_subjects(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"A et l'éditeur B ont noué un partenariat"; "les deux sociétés ont signé un accord"."""
    out: list[Triple] = []
    orgs = [e for e in ents if e.label_ in ORG]
    for a, b in zip(orgs, orgs[1:], strict=False):
        if _JOINT_LINK.match(_text(doc, a.end_char, b.start_char)) and _JOINT.match(
                _text(doc, b.end_char, min(sent.end_char, b.end_char + 80))):
            out.append((a, b, "PARTNER_OF", 0.7, "frame.joint.partner_of"))
    text = doc_text(doc)[sent.start_char:sent.end_char]
    m = _BOTH.search(text) if "deux" in text else None
    if m and not is_negated(normalise_gap(m.group())):
        at = sent.start_char + m.start()
        labels = ("PARTY",) if "parti" in m.group().lower() else ("COMPANY",)
        named = [e for e in ents if e.end_char <= at and e.label_ in labels]
        if len(named) < 2:
            named = [e for e in previous if e.label_ in labels] + named
        if len(named) >= 2 and named[-1].text != named[-2].text:
            out.append((named[-2], named[-1], "PARTNER_OF", 0.6, "frame.both.partner_of"))
    return out


def quotes(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """"« Nous avons accompagné X », explique Y, directrice de Z": X is Z's client."""
    text = doc_text(doc)[sent.start_char:sent.end_char]
    m = _QUOTE_US.search(text) if "«" in text else None
    if not m or is_negated(normalise_gap(m.group())):
        return []
    start = sent.start_char + m.start()
    close = text.find("»", m.end())
    if close < 0:
        return []
    close += sent.start_char
    clients = [e for e in ents if start + len(m.group()) <= e.start_char < close and e.label_ in ACTOR]
    vendor = next((e for e in ents if e.start_char > close and e.label_ == "COMPANY"), None)
    if vendor is None:
        return []
    return [(c, vendor, "CLIENT_OF", 0.65, "frame.quote.client_of") for c in clients[:3]]


_LABEL_ROLE = re.compile(r"\b(?:député|députée|sénateur|sénatrice|eurodéputée?|maire|élue?|conseillère?|"
                         r"candidate?|militante?|cadre|ministre|adhérente?|présidente? de groupe)"
                         r"(?:\s+(?:municipale?|régionale?|départementale?|sortante?|européen(?:ne)?))?\s*$",
                         re.IGNORECASE)


def party_labels(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """"la députée Renaissance Camille Ortiz", "le maire LR X": the party is the person's label."""
    out: list[Triple] = []
    text = doc_text(doc)
    for party, person in zip(ents, ents[1:], strict=False):
        if party.label_ != "PARTY" or person.label_ != "PERSON":
            continue
        if text[party.end_char:person.start_char].strip() or not _LABEL_ROLE.search(
                text[max(sent.start_char, party.start_char - 40):party.start_char]):
            continue
        out.append((person, party, "MEMBER_OF", 0.7, "frame.label.member_of"))
    return out



_DESCRIPTION = re.compile(
    r"\s*(?:(?:le|la|l'|l’|cette|ce)\s*(?P<noun>société|entreprise|cabinet|agence|start-?up|groupe|"
    r"institut|firme|éditeur|prestataire|parti|mouvement|formation|logiciel|application|plateforme)"
    r"|(?P<pron>elle|il))\b", re.IGNORECASE)
_DESCRIPTION_LABELS = {"parti": ("PARTY",), "mouvement": ("PARTY",), "formation": ("PARTY",),
                       "logiciel": ("PRODUCT",), "application": ("PRODUCT",),
                       "plateforme": ("PRODUCT",)}


def description_anaphora(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X… . La société a été mise en demeure par la CNIL": the description names X.

    A sentence opening with a definite description ("la société", "le parti") or a subject
    pronoun refers to the previous sentence's first entity of a fitting type.
    """
    if not previous:
        return []
    text = doc_text(doc)
    m = _DESCRIPTION.match(text, sent.start_char, min(sent.end_char, sent.start_char + 40))
    if not m or (ents and (ents[0].start_char < m.end() or not text[m.end():ents[0].start_char].strip())):
        return []  # "La société Mapix…" names its subject
    if m["noun"]:
        labels = _DESCRIPTION_LABELS.get(m["noun"].lower(), ("COMPANY",))
        candidates = [e for e in previous if e.label_ in labels][:1]
    else:  # "il"/"elle": the previous sentence's topic, whatever it is
        candidates = previous[:1]
    out: list[Triple] = []
    for ante in candidates:
        for ent in ents:
            gap = normalise_gap(text[m.end():ent.start_char])
            if "§" in gap or any(m.end() <= e.start_char < ent.start_char for e in ents):
                break  # only the first entity after the description, across no other name
            rule = match_gap(gap, "", ante.label_, ent.label_)
            if rule is not None and rule.prefix is None:
                subj, obj = (ante, ent) if rule.direction == "fwd" else (ent, ante)
                out.append((subj, obj, rule.predicate, rule.confidence - 0.1,
                            f"frame.description.{rule.name}"))
            break
    return out


_DONT = re.compile(r"^\s*,?\s*(?:(?P<dont>dont)|(?P<to>à laquelle|auquel|à qui|auprès de laquelle|auprès duquel|"
                   r"auprès de qui|pour laquelle|pour lequel|pour qui|chez qui))\s+(?:(?:le|la|les|l'|l’)\s*)?"
                   r"(?:(?:groupe|fonds|société|holding|parti|mouvement|candidat|candidate|"
                   r"homme d'affaires|femme d'affaires|investisseur|mairie|région|ville)\s+)?$", re.IGNORECASE)
_TO_TAIL = re.compile(r"^\s*(?:(?:[a-zà-ÿ]+ment|aussi|également|déjà|ensuite|alors|en \d{4})\s+)*(?:"
                      r"(?P<client>(?:a|avait|ont|avaient)\s+(?:[a-zà-ÿ]+ment\s+)?(?:confié|commandé|acheté|"
                      r"versé|payé|fait appel|eu recours|sous-traité|délégué)|confie|commande|achète|verse|paie|"
                      r"fait appel|recourt|a recours)|(?P<works>travaille|travaillait|a travaillé|"
                      r"avait travaillé|officie|officiait))", re.IGNORECASE)
_DONT_TAIL = re.compile(
    r"^\s*(?:(?:[a-zà-ÿ]+ment|aussi|également|désormais|toujours|depuis \d{4})\s+)*(?:"
    r"(?P<directs>(?:assure|assurait|a assuré|avait assuré|prend|a pris|avait pris|occupe|a occupé)\s+"
    r"(?:la |les )?(?:gestion|direction|présidence|gérance|tête|rênes)|(?:est|était|a été|reste|demeure)\s+"
    r"(?:aujourd'hui |depuis \d{4} |toujours |désormais )?(?:le |la |l'|l’)?(?:co-?)?(?:président\w*|"
    r"directeur général|directrice générale|gérant\w*|pdg|dirigeant\w*|patron\w*)\b)|"
    r"(?P<owns>détient|détenait|possède|possédait|contrôle|contrôlait|a racheté|avait racheté|"
    r"(?:est|était|reste|demeure) (?:le |la |l'|l’)?(?:actionnaire|propriétaire)))", re.IGNORECASE)


def dont_clauses(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """"la société X, dont Y assure la gestion" / "dont Y détient 40 %": a relative on *dont*."""
    out: list[Triple] = []
    for org, agent in zip(ents, ents[1:], strict=False):
        if org.label_ not in ("COMPANY", "PARTY", "PUBLIC_BODY", "MEDIA"):
            continue
        link = _DONT.match(_text(doc, org.end_char, agent.start_char))
        if not link:
            continue
        tail = _text(doc, agent.end_char, min(sent.end_char, agent.end_char + 80))
        if link["to"]:
            m = _TO_TAIL.match(tail)
            if not m or is_negated(m.group()):
                continue
            pour = link["to"].startswith("pour") or link["to"] == "chez qui"
            if m["client"] and not pour and org.label_ == "COMPANY":
                out.append((agent, org, "CLIENT_OF", 0.65, "frame.relative.client_of"))
            elif m["works"] and pour and agent.label_ == "PERSON":
                out.append((agent, org, "WORKS_FOR", 0.65, "frame.relative.works_for"))
            continue
        m = _DONT_TAIL.match(tail)
        if not m or is_negated(m.group()):
            continue
        if m["directs"] and agent.label_ == "PERSON":
            out.append((agent, org, "DIRECTS", 0.65, "frame.dont.directs"))
        elif m["owns"] and agent.label_ in ("PERSON", "COMPANY") and org.label_ in ("COMPANY", "MEDIA"):
            out.append((agent, org, "OWNS", 0.65, "frame.dont.owns"))
    return out
