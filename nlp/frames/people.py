"""Sentence frames of the people family (see :mod:`nlp.frames`); each takes
``(doc, sent, ents, previous)`` and returns :data:`~nlp.frames.base.Triple` records.

* role of a described organisation: "X, alors PDG de l'entreprise", "Y, fondateur de la société"
  (the organisation is the sentence's nearest fitting one, else the next, else the previous
  sentence's topic);
* office label: "Nouvelle gérante : X, en remplacement de Y", "Président : X" (registry notices,
  nomination briefs: both the new and the replaced officer DIRECTS the notice's firm);
* relative on the organisation with a pronoun subject: "Z, la jeune pousse qu'elle a cofondée avec
  Y" (the pronoun is the sentence's earlier person; co-founders after *avec*);
* fronted infinitive: "Avant de créer en 2021 le cabinet Z, X a…", "Après avoir dirigé Z, X…"
  (the verb's subject is the main clause's);
* person description: "Cette ancienne de l'institut Z était…" (the previous sentence's person
  worked for Z);
* compound titles ("présidente fondatrice de Z"), appointments by the organisation ("Z a nommé X
  au poste de directeur général"), "Elle y succède à Z", gerund roles ("tout en restant consultant
  pour Z").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from nlp.frames.anaphora import _role_key
from nlp.frames.base import Triple, _after, _text
from nlp.frames.gates import Gate
from nlp.rules import ORG, RULES, is_negated, match_gap, normalise_gap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_FAMILY = frozenset({"FOUNDED", "DIRECTS", "WORKS_FOR", "MEMBER_OF"})
_PEOPLE_RULES = tuple(r for r in RULES if r.predicate in _FAMILY and r.prefix is None)

_ROLE_WORDS = (r"co-?fondat\w*|fondat\w*|créat\w*|président\w*|directeur général|directrice générale|"
               r"directeur|directrice|dirigeant\w*|gérant\w*|co-?gérant\w*|patron\w*|pdg|p-dg|"
               r"salariée?|consultante?|trésori\w+|porte-parole|secrétaire général\w*|membre")
_NOUN_LABELS: dict[str, tuple[str, ...]] = {"parti": ("PARTY",), "mouvement": ("PARTY",), "formation": ("PARTY",)}
#: "X, alors PDG de l'entreprise": a role whose organisation is a description, not a name.
_DESCRIBED_ROLE = re.compile(
    r"^\s*,\s*(?:(?:alors|aujourd'hui|désormais|actuel(?:le)?|ancien(?:ne)?|l'ancien(?:ne)?|l'actuel(?:le)?|"
    r"le|la|l'|un|une|l'un|l'une|co)\s*)*(?P<role>" + _ROLE_WORDS + r")s?\s+(?:(?:et|puis)\s+[a-zé -]{3,30}?\s+)?"
    r"(?:de l'|de la |du |des |de cette |de ce |de cet )\s*(?P<noun>entreprise|société|cabinet|agence|"
    r"start-?up|institut|groupe|firme|jeune pousse|structure|parti|mouvement|formation)\b(?!\s+[A-ZÀ-Ý0-9])",
    re.IGNORECASE)


def _org_for(ents: list[Span], ent: Span, labels: tuple[str, ...], previous: list[Span]) -> Span | None:
    """The nearest earlier organisation of the sentence, else the next one, else the previous
    sentence's first."""
    for other in reversed([e for e in ents if e.end_char <= ent.start_char]):
        if other.label_ in labels:
            return other
    for other in ents:
        if other.start_char >= ent.end_char and other.label_ in labels:
            return other
    return next((e for e in previous if e.label_ in labels), None)


def described_roles(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X, alors PDG de l'entreprise": X's role in the organisation the description names."""
    out: list[Triple] = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        m = _DESCRIBED_ROLE.match(_after(doc, sent, ent, 90))
        if not m:
            continue
        spec = _role_key(m["role"])
        if spec is None or not spec[1]:
            continue
        predicate, _, _, org_labels = spec
        labels = tuple(x for x in _NOUN_LABELS.get(m["noun"].lower(), ("COMPANY", "MEDIA")) if x in org_labels)
        org = _org_for(ents, ent, labels, previous)
        if org is not None:
            out.append((ent, org, predicate, 0.6, f"frame.described_role.{predicate.lower()}"))
    return out


#: "X, présidente fondatrice de Z": the second role word of a compound title (the gap rules read the first).
_COMPOUND_ROLE = re.compile(
    r"^\s*,\s*(?:(?:la|le|l'|l’|ancien(?:ne)?|actuel(?:le)?)\s*)?(?:président\w*|directeur général|directrice générale|"
    r"pdg|gérant\w*|dirigeant\w*)[- ](?P<second>co-?fondat\w*|fondat\w*|créat\w*)\s+(?:de la |de l'|de l’|du |des |de |d'|d’)"
    r"\s*(?:(?:société|agence|cabinet|start-?up|institut|groupe|entreprise|parti|mouvement)\s+)?$", re.IGNORECASE)


def compound_roles(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X, présidente fondatrice de Z": X directs and founded Z."""
    out: list[Triple] = []
    for person, org in zip(ents, ents[1:], strict=False):
        if person.label_ == "PERSON" and org.label_ in ORG and _COMPOUND_ROLE.match(
                _text(doc, person.end_char, org.start_char)):
            out.append((person, org, "DIRECTS", 0.7, "frame.compound_role.directs"))
            out.append((person, org, "FOUNDED", 0.7, "frame.compound_role.founded"))
    return out


#: "Z a nommé X au poste de directeur général", "Z recrute X comme directrice de la stratégie".
_APPOINT = re.compile(
    r"^\s*(?:(?:a|ont|vient de|viennent de|avait)\s+)?(?:[a-zé]+ment\s+)?(?:nommé|nomme|nommer|désigné|désigne|"
    r"désigner|choisi|choisit|choisir|recruté|recrute|recruter|embauché|embauche|embaucher|promu|promeut|"
    r"porté|porte|installé|installe|appelé|appelle|coopté|coopte|élu|élit|(?:annoncé|annonce|officialisé|officialise|"
    r"confirmé|confirme)\s+(?:l'|l’|la |le )\s*(?:arrivée|nomination|désignation|recrutement|élection|promotion)\s+(?:de|d'|d’))"
    r"\s*(?:en [a-zéû]+(?: \d{4})?\s+|"
    r"en \d{4}\s+)?$", re.IGNORECASE)
_APPOINT_ROLE = re.compile(
    r"^\s*,?\s*(?:(?:en [a-zéû]+(?: \d{4})?|en \d{4}|le mois dernier|cette semaine|début [a-zéû]+)\s*,?\s*)?"
    r"(?:au poste de|à la fonction de|aux fonctions de|comme|en tant que|en qualité de|à la|au)\s+"
    r"(?:(?:nouvelle?|nouveau)\s+)?(?P<role>(?P<top>co-?présidence|présidence|direction générale|tête|gérance|"
    r"co-?président\w*|président\w*|directeur général|directrice générale|pdg|co-?gérant\w*|gérant\w*|"
    r"conseil d'administration|conseil de surveillance|directoire)|[a-zéèêà' -]{3,40}?)\s*(?P<tail>[,.;]|$|"
    r"\s(?:de|du|d'|pour|afin|à|en)\b\s*(?:(?:la|l'|l’|sa|son|ses|leur)\s*)?(?P<what>[a-zé-]*))",
    re.IGNORECASE)


_WHOLE = frozenset({"société", "entreprise", "groupe", "cabinet", "agence", "start-up", "startup", "institut",
                    "parti", "mouvement", "firme", "structure", "holding", "maison"})


def appointments(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Z a nommé X au poste de directeur général" (DIRECTS); "Z recrute X comme analyste" (WORKS_FOR)."""
    out: list[Triple] = []
    for org, person in zip(ents, ents[1:], strict=False):
        if org.label_ not in ORG or person.label_ != "PERSON":
            continue
        link = _text(doc, org.end_char, person.start_char)
        if not _APPOINT.match(link) or is_negated(normalise_gap(link)):
            continue
        m = _APPOINT_ROLE.match(_after(doc, sent, person, 80))
        if not m:
            continue
        if m["top"] and m["what"] and m["what"].lower() not in _WHOLE:
            continue  # "à la tête de sa fédération du Nord": a part of the organisation, not its head
        predicate = "DIRECTS" if m["top"] else "WORKS_FOR"
        out.append((person, org, predicate, 0.65, f"frame.appointment.{predicate.lower()}"))
    return out


#: "Nouvelle gérante : X" / "Président : X" (notices and nomination briefs).
_OFFICE_LABEL = re.compile(
    r"(?:^|[.;—–-]\s*)(?:(?:nouvel(?:le)?|nouveau|nouvelle)\s+)?(?P<role>président(?:e)?(?:-directeur général|"
    r"-directrice générale)?|directeur général(?: délégué)?|directrice générale(?: déléguée)?|co-?gérante?|"
    r"gérante?|pdg|administrat(?:eur|rice))s?\s*:\s*$", re.IGNORECASE)
_REPLACED = re.compile(r"^\s*,?\s*(?:en remplacement de|qui remplace|remplaçant|succédant à|qui succède à|"
                       r"à la place de)\s*(?:(?:m\.|mme|monsieur|madame)\s*)?$", re.IGNORECASE)


def office_labels(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Nouvelle gérante : X, en remplacement de Y": X and Y officers of the notice's firm."""
    out: list[Triple] = []
    for i, ent in enumerate(ents):
        if ent.label_ != "PERSON":
            continue
        if not _OFFICE_LABEL.search(_text(doc, max(sent.start_char, ent.start_char - 60), ent.start_char)):
            continue
        orgs = [e for e in ents if e.label_ in ("COMPANY", "MEDIA") and e.end_char <= ent.start_char]
        org = orgs[0] if orgs else next((e for e in previous if e.label_ in ("COMPANY", "MEDIA")), None)
        if org is None:
            continue
        officers = [ent]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.label_ == "PERSON" and _REPLACED.match(_text(doc, ent.end_char, nxt.start_char)):
            officers.append(nxt)
        out.extend((p, org, "DIRECTS", 0.65, "frame.office_label.directs") for p in officers)
    return out


#: "Z, la jeune pousse qu'elle a cofondée (avec Y)": a relative whose subject is a pronoun.
_PRONOUN_RELATIVE = re.compile(
    r"^\s*,?\s*(?:(?:la|le|l'|l’|une|un|cette|ce)\s*(?:[a-zà-ÿ'’-]+\s+){0,3}?)?(?:que\s+|qu['’]\s*)"
    r"(?:il|elle|ils|elles)\s+(?:(?:a|avait|ont|avaient)\s+(?:(?:[a-zé]+ment|déjà|aussi)\s+)?"
    r"(?P<past>co-?fondée?s?|fondée?s?|créée?s?|lancée?s?|montée?s?|dirigée?s?|présidée?s?|rejointe?s?)|"
    r"(?P<present>dirige|dirigeait|préside|présidait|gère|gérait|cofonde|fonde|crée|lance))\b",
    re.IGNORECASE)
_VERB_PREDICATE = {"fond": "FOUNDED", "cofond": "FOUNDED", "co-fond": "FOUNDED", "cré": "FOUNDED",
                   "lanc": "FOUNDED", "mont": "FOUNDED", "dirig": "DIRECTS", "présid": "DIRECTS",
                   "gère": "DIRECTS", "gér": "DIRECTS", "rejoint": "WORKS_FOR"}
_WITH = re.compile(r"^\s*(?:(?:en|dès)\s+\d{4}\s+)?avec\s+(?:(?:son|sa|ses|leur)\s+[a-zé-]+\s+)?$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:,|et)\s*$")


def pronoun_relatives(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Z, la jeune pousse qu'elle a cofondée avec Y": the pronoun's person (and Y) founded Z."""
    out: list[Triple] = []
    for i, org in enumerate(ents):
        if org.label_ not in ORG:
            continue
        m = _PRONOUN_RELATIVE.match(_after(doc, sent, org, 90))
        if not m or is_negated(normalise_gap(m.group())):
            continue
        verb = (m["past"] or m["present"]).lower()
        predicate = next((p for stem, p in _VERB_PREDICATE.items() if verb.startswith(stem)), None)
        person = next((e for e in reversed(ents[:i]) if e.label_ == "PERSON"), None)
        if person is None and previous:
            person = next((e for e in previous if e.label_ == "PERSON"), None)
        if predicate is None or person is None:
            continue
        agents = [person]
        rest = [e for e in ents[i + 1:] if e.start_char >= org.end_char + m.end()]
        if predicate == "FOUNDED" and rest and rest[0].label_ == "PERSON" and _WITH.match(
                _text(doc, org.end_char + m.end(), rest[0].start_char)):
            agents.append(rest[0])
            for prev, nxt in zip(rest, rest[1:], strict=False):
                if nxt.label_ != "PERSON" or not _AND.match(_text(doc, prev.end_char, nxt.start_char)):
                    break
                agents.append(nxt)
        out.extend((a, org, predicate, 0.65, f"frame.pronoun_relative.{predicate.lower()}") for a in agents)
    return out


#: "Z, que X a fondée en 2019", "l'agence que X dirige": a relative on the organisation, named subject.
_NAMED_RELATIVE_OPEN = re.compile(r"^\s*,?\s*(?:(?:la|le|l'|l’|une|un|cette|ce)\s*(?:[a-zà-ÿ'’-]+\s+){0,3}?)?"
                                  r"(?:que\s+|qu['’]\s*)$", re.IGNORECASE)
_NAMED_RELATIVE_VERB = re.compile(
    r"^\s*(?:,[^,;]{1,60},\s*)?(?:(?:a|avait|ont|avaient)\s+(?:(?:[a-zé]+ment|déjà|aussi|longtemps|toujours)\s+)?"
    r"(?P<past>co-?fondée?s?|fondée?s?|créée?s?|lancée?s?|montée?s?|dirigée?s?|présidée?s?|rejointe?s?)|"
    r"(?P<present>dirige|dirigeait|préside|présidait|gère|gérait|cofonde|fonde|crée|lance|fonda|créa|lança))\b",
    re.IGNORECASE)


def named_relatives(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Z, que X a lancé en 2019 après…", "la société Z, que X préside": X founded / directs Z."""
    out: list[Triple] = []
    for org, person in zip(ents, ents[1:], strict=False):
        if org.label_ not in ORG or person.label_ != "PERSON":
            continue
        if not _NAMED_RELATIVE_OPEN.match(_text(doc, org.end_char, person.start_char)):
            continue
        m = _NAMED_RELATIVE_VERB.match(_after(doc, sent, person, 90))
        if not m or is_negated(normalise_gap(m.group())):
            continue
        verb = (m["past"] or m["present"]).lower()
        predicate = next((p for stem, p in _VERB_PREDICATE.items() if verb.startswith(stem)), None)
        if predicate is not None:
            out.append((person, org, predicate, 0.65, f"frame.named_relative.{predicate.lower()}"))
    return out


#: "Avant de créer en 2021 le cabinet Z, X a…": an infinitive clause opening the sentence.
_INFINITIVE = re.compile(r"^\s*(?:(?:peu|bien|juste|deux ans|un an|quelques (?:mois|années))\s+)?"
                         r"(?:avant de|avant d'|après avoir|après (?:plus de |près de |presque )?(?:[a-z0-9-]+ )?"
                         r"(?:ans|années|mois|décennies)(?: passée?s?)?|après|sitôt après avoir)\s+", re.IGNORECASE)
#: "Après six ans chez Z, X…": a stay at an organisation.
_STAY = re.compile(r"^\s*(?:chez|au sein d[eu']|au service d[eu'])\s*(?:(?:la|l')\s*)?$")
_MAIN_SUBJECT = re.compile(r"^[^,;«»]{0,40}?,\s*(?:(?:le|la|l'|l’)\s*(?:[a-zà-ÿ'’-]+\s+){0,3})?$")


def fronted_infinitives(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Avant de créer le cabinet Z, X a passé six ans chez…": X is the infinitive's subject."""
    if len(ents) < 2 or ents[0].label_ not in ORG:
        return []
    head = _text(doc, sent.start_char, ents[0].start_char)
    m = _INFINITIVE.match(head)
    if not m or len(head) > 90:
        return []
    person = next((e for e in ents[1:4] if e.label_ == "PERSON"), None)
    if person is None or not _MAIN_SUBJECT.match(_text(doc, ents[0].end_char, person.start_char)):
        return []
    rest = " " + normalise_gap(head[m.end():])
    if _STAY.match(rest) and m.group().lower().strip().startswith("après") and "avoir" not in m.group().lower():
        return [(person, ents[0], "WORKS_FOR", 0.6, "frame.infinitive.stay")]
    rule = match_gap(rest, "", "PERSON", ents[0].label_, _PEOPLE_RULES)
    if rule is None or rule.direction != "fwd":
        return []
    return [(person, ents[0], rule.predicate, rule.confidence - 0.1, f"frame.infinitive.{rule.name}")]


#: "Cette ancienne de l'institut Z…": a demonstrative description of the previous sentence's person.
_PERSON_DESCRIPTION = re.compile(
    r"^\s*(?:cette|cet|ce)\s+(?:ancienne?|ex-\s*[a-zé]+|transfuge|ancien(?:ne)?\s+(?:salariée?|cadre|consultante?|"
    r"collaborat\w+|responsable|directeur|directrice|employée?))\s+(?:de la |de l'|de l’|du |des |de |d'|d’)"
    r"\s*(?:(?:banque|société|agence|cabinet|institut|groupe|start-?up|entreprise|firme)\s+(?:[a-zé'-]+\s+){0,3}?)?$",
    re.IGNORECASE)


def person_descriptions(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X… . Cette ancienne de l'institut Z était…": X worked for Z."""
    if not ents or not previous or ents[0].label_ not in ORG:
        return []
    if not _PERSON_DESCRIPTION.match(_text(doc, sent.start_char, ents[0].start_char)):
        return []
    person = next((e for e in previous if e.label_ == "PERSON"), None)
    if person is None:
        return []
    return [(person, ents[0], "WORKS_FOR", 0.6, "frame.person_description.works_for")]


#: "Elle y succède à Z": *y* names the organisation the previous sentence's officer joined.
_Y_SUCCEEDS = re.compile(r"^\s*(?:il|elle)\s+y\s+(?:(?:a\s+)?succédé|succède|succédera|remplace|remplacera|(?:a\s+)?remplacé)"
                         r"\s+(?:à\s+)?(?:(?:m\.|mme)\s*)?$", re.IGNORECASE)


def succession_anaphora(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X prend la direction de B. Elle y succède à Z": Z directed B (the previous sentence's last firm)."""
    if not ents or ents[0].label_ != "PERSON" or not previous:
        return []
    if not _Y_SUCCEEDS.match(_text(doc, sent.start_char, ents[0].start_char)):
        return []
    org = next((e for e in reversed(previous) if e.label_ in ORG), None)
    return [(ents[0], org, "DIRECTS", 0.6, "frame.succession.directs")] if org is not None else []


#: "…, tout en restant consultant pour Z": a gerund clause whose subject is the sentence's person.
_GERUND = re.compile(r"\b(?:tout en|en)\s+(?:restant|étant|devenant|demeurant|redevenant)\s+(?P<role>[^,;«»]{3,60}?)$",
                     re.IGNORECASE)


def gerund_roles(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X a rejoint Y, tout en restant consultant pour Z": X works for Z."""
    out: list[Triple] = []
    for i, org in enumerate(ents):
        if org.label_ not in ORG or i == 0:
            continue
        m = _GERUND.search(_text(doc, max(sent.start_char, ents[i - 1].end_char), org.start_char))
        person = next((e for e in ents[:i] if e.label_ == "PERSON"), None)
        if not m or person is None:
            continue
        rule = match_gap(" " + normalise_gap(m["role"]) + " ", "", "PERSON", org.label_, _PEOPLE_RULES)
        if rule is not None and rule.direction == "fwd" and not is_negated(normalise_gap(m.group())):
            out.append((person, org, rule.predicate, rule.confidence - 0.1, f"frame.gerund.{rule.name}"))
    return out


_PERSON = frozenset({"PERSON"})  # frames that read nothing in a sentence without a person
#: Appended to :data:`nlp.frames.FRAMES`, in order.
FRAMES: tuple[Callable[..., list[Triple]], ...] = (
    Gate(described_roles, (_DESCRIBED_ROLE,), _PERSON),
    Gate(office_labels, (_OFFICE_LABEL,), _PERSON),
    Gate(pronoun_relatives, (_PRONOUN_RELATIVE,), frozenset(ORG)),
    Gate(named_relatives, (_NAMED_RELATIVE_VERB,), _PERSON),
    Gate(fronted_infinitives, (_INFINITIVE,), _PERSON),
    person_descriptions,
    Gate(compound_roles, (_COMPOUND_ROLE,), _PERSON),
    Gate(appointments, (_APPOINT,), _PERSON),
    Gate(succession_anaphora, (_Y_SUCCEEDS,), _PERSON),
    Gate(gerund_roles, (_GERUND,), _PERSON),
)
