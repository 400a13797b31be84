"""Sentence frames of the clients family (see :mod:`nlp.frames`); each takes
``(doc, sent, ents, previous)`` and returns :data:`~nlp.frames.base.Triple` records.

* groupement: "le groupement formé par A et B", "le groupement A – B" (PARTNER_OF);
* award: the buyer named by a procurement noun ("l'appel d'offres de la Ville de Y", "accord-cadre
  … du conseil départemental Y") and each firm the lot or contract went to ("le lot n° 2 par X",
  "est revenu à X", "a été attribué, après …, à X"; fronted "Titulaire depuis 2021 du marché de Y,
  la coopérative X"), with the members of a winning groupement (CONTRACT_WITH);
* client description: "Y, son ancien client", "son client, le parti Y", "Y, pourtant client de
  l'entreprise" (CLIENT_OF of the nearest firm named before).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from nlp.frames.base import Triple, _after, _text
from nlp.frames.gates import Gate
from nlp.rules import ACTOR, is_negated, normalise_gap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_FIRM_DESC = r"(?:(?:la|le|l'|les)\s*(?:société|cabinet|agence|entreprise|start-?up|institut|coopérative|groupe)s?\s+)?"
_GROUP = re.compile(r"\b(?:groupement|consortium)(?:\s+(?:momentané d'entreprises|solidaire|conjoint))?\s+"
                    r"(?:(?:formé|constitué|composé|emmené|mené|réunissant)e?\s+(?:par|de)?\s*)?" + _FIRM_DESC + "$")
_GROUP_LINK = re.compile(r"^\s*(?:et|–|—|-|/|,|, et)\s*" + _FIRM_DESC + "$")
_BUYER = re.compile(r"\b(?:marché|accord-cadre|appel d'offres|lot|contrat|convention|consultation|"
                    r"délégation de service public)s?\b[^.;]{0,80}?(?:\bde|\bdu|\bdes|\bd')\s*(?:la\s+|le\s+|l')?$")
_AWARD = re.compile(r"(?:(?:remporté|attribué|adjugé|revenu|échu|décroché|confié|notifié)e?s?\b(?:,[^,;]{1,80},)?"
                    r"\s*(?:[^,;:]{0,40}?\s)?(?:par|à|au|aux)|\blots?\s+(?:n°\s*)?\d+\s*(?:\([^)]*\)\s*)?"
                    r"(?:par|à|au|aux|:))\s+(?:(?:le|au)\s+groupement\s+)?" + _FIRM_DESC + "$")
_FRONTED = re.compile(r"^\s*(?:titulaire|attributaire|lauréate?|adjudicataire)s?\b", re.IGNORECASE)
_CLIENT_AFTER = re.compile(r"^\s*,\s*(?:(?:pourtant|alors|aussi|également|longtemps|lui-même|elle-même|déjà)\s+)*"
                           r"(?:(?:son|sa|leur)\s+(?:(?:ancien|ancienne|principal|principale|fidèle|premier|"
                           r"première|plus gros|gros)\s+)?client(?:e)?\b|(?:(?:un|une|l'un|l'une)\s+des\s+)?"
                           r"(?:anciens?\s+|anciennes?\s+)?cliente?s?\s+(?:de\s+(?:l'|la\s+)|du\s+)(?:entreprise|"
                           r"société|agence|cabinet|start-?up|institut|firme|prestataire|éditeur))")
_CLIENT_BEFORE = re.compile(r"\b(?:son|sa|leur)\s+(?:(?:ancien|ancienne|principal|principale|fidèle|premier|"
                            r"première|nouveau|nouvelle)\s+)?client(?:e)?\s*,\s*(?:(?:le|la|l')\s*(?:parti|"
                            r"mouvement|députée?|sénat\w+|maire|candidate?|ville|mairie|région)\s+)?$")


def groupements(ents: list[Span], doc: Doc, sent: Span) -> list[list[Span]]:
    """Firms named as one groupement, in order."""
    out: list[list[Span]] = []
    firms = [e for e in ents if e.label_ == "COMPANY"]
    for i, first in enumerate(firms):
        if not _GROUP.search(normalise_gap(_text(doc, max(sent.start_char, first.start_char - 80), first.start_char)) + " "):
            continue
        members = [first]
        for nxt in firms[i + 1:]:
            if not _GROUP_LINK.match(normalise_gap(_text(doc, members[-1].end_char, nxt.start_char)) + " "):
                break
            members.append(nxt)
        if len(members) > 1:
            out.append(members)
    return out


def partners_in_groupement(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"le groupement formé par A et B": A and B are partners."""
    return [(a, b, "PARTNER_OF", 0.65, "frame.groupement.partner_of")
            for members in groupements(ents, doc, sent) for i, a in enumerate(members) for b in members[i + 1:]]


def awards(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """The buyer of a procurement noun and the firms its lots or contract went to."""
    buyers = [e for e in ents if e.label_ == "PUBLIC_BODY" and _BUYER.search(
        normalise_gap(_text(doc, max(sent.start_char, e.start_char - 120), e.start_char)) + " ")]
    if not buyers:
        return []
    winners: list[Span] = []
    fronted = _FRONTED.match(_text(doc, sent.start_char, buyers[0].start_char))
    for ent in ents:
        if ent.label_ != "COMPANY":
            continue
        left = normalise_gap(_text(doc, max(sent.start_char, ent.start_char - 120), ent.start_char)) + " "
        m = _AWARD.search(left)
        if m and not is_negated(left[max(0, m.start() - 30):m.end()]):
            winners.append(ent)
        elif fronted and ent.start_char > buyers[0].end_char and not winners and "," in _text(
                doc, buyers[0].end_char, ent.start_char) and not is_negated(normalise_gap(fronted.string)):
            winners.append(ent)
            fronted = None
    for members in groupements(ents, doc, sent):
        if any(m in winners for m in members):
            winners.extend(m for m in members if m not in winners)
    out = []
    for firm in winners:
        before = [b for b in buyers if b.start_char < firm.start_char]
        buyer = before[-1] if before else buyers[0]
        out.append((buyer, firm, "CONTRACT_WITH", 0.65, "frame.award.contract_with"))
    return out


def client_descriptions(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Y, son ancien client" / "son client, le parti Y" / "Y, pourtant client de l'entreprise"."""
    out: list[Triple] = []
    for ent in ents:
        if ent.label_ not in ACTOR:
            continue
        after = normalise_gap(_after(doc, sent, ent, 80))
        before = normalise_gap(_text(doc, max(sent.start_char, ent.start_char - 60), ent.start_char)) + " "
        if not (_CLIENT_AFTER.match(after) or _CLIENT_BEFORE.search(before.rstrip())):
            continue
        vendor = next((e for e in reversed(ents) if e.end_char <= ent.start_char and e.label_ == "COMPANY"
                       and e.text != ent.text), None)
        if vendor is not None and not is_negated(before[-40:]):
            out.append((ent, vendor, "CLIENT_OF", 0.6, "frame.description.client_of"))
    return out


#: Appended to :data:`nlp.frames.FRAMES`, in order.
FRAMES: tuple[Callable[..., list[Triple]], ...] = (
    Gate(partners_in_groupement, (_GROUP,), frozenset({"COMPANY"})),
    Gate(awards, (_BUYER,), frozenset({"PUBLIC_BODY"})),
    Gate(client_descriptions, (_CLIENT_AFTER, _CLIENT_BEFORE), frozenset({"COMPANY"})),
)
