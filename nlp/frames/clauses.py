"""Frames read on a clause around the entities: quotes and relatives on *dont* / *à laquelle*.

* quote: "« Nous avons accompagné X… », explique Y, directrice de Z" (X client of Z);
* relative: "la société X, dont Y assure la gestion" (DIRECTS), "dont Y détient 40 %" (OWNS),
  "X, à laquelle Y a confié…" (CLIENT_OF), "X, pour laquelle Y travaille" (WORKS_FOR).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlp.frames.base import Triple, _after, _text
from nlp.records import doc_text
from nlp.rules import ACTOR, is_negated, normalise_gap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_QUOTE_US = re.compile(r"«[^»]*?\bnous\s+(?:l'|les\s+)?(?:(?:avons|avions)\s+(?:notamment\s+|aussi\s+|"
                       r"longtemps\s+|déjà\s+)?(?:accompagné|conseillé|équipé|aidé|servi|formé|"
                       r"travaillé (?:pour|avec))|accompagnons|conseillons|équipons|travaillons (?:pour|avec))",
                       re.IGNORECASE)


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


#: :class:`~nlp.frames.gates.Gate` data (regexes, labels): the vendor is a company.
QUOTE_GATE = ((_QUOTE_US,), frozenset({"COMPANY"}))


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


#: The relative's antecedent is an organisation.
DONT_GATE = ((_DONT,), frozenset({"COMPANY", "PARTY", "PUBLIC_BODY", "MEDIA"}))


def dont_clauses(doc: Doc, sent: Span, ents: list[Span]) -> list[Triple]:
    """"la société X, dont Y assure la gestion" / "dont Y détient 40 %": a relative on *dont*."""
    out: list[Triple] = []
    for org, agent in zip(ents, ents[1:], strict=False):
        if org.label_ not in ("COMPANY", "PARTY", "PUBLIC_BODY", "MEDIA"):
            continue
        link = _DONT.match(_text(doc, org.end_char, agent.start_char))
        if not link:
            continue
        tail = _after(doc, sent, agent, 80)
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
