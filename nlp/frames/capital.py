"""Sentence frames of the capital and regulator families (see :mod:`nlp.frames`).

Each takes ``(doc, sent, ents, previous)`` and returns :data:`~nlp.frames.base.Triple` records:

* fronted inspection: "Après avoir contrôlé les serveurs de X, la CNIL…", "À l'issue d'une
  enquête sur X, l'ICO…" (the body REGULATES X);
* fronted purchase: "Après avoir racheté X, le groupe Y…", "En rachetant X, Y…" (Y OWNS X);
* split measure: "la CNIL a mis la société X en demeure", "a rappelé X à l'ordre";
* pronoun sanction: "…, la CNIL lui a infligé une amende", "la CNIL l'a mise en demeure" (the
  pronoun is the fronted clause's target, else the sentence's or the previous sentence's firm);
* inverted relative: "la start-up X, que le groupe Y a rachetée en 2021" (Y OWNS X);
* fronted owners: "Cofondée par A et B, qui en détiennent chacun 40 %, la société X…";
* *dont* + role: "X, dont le fondateur Y détient 70 %" (Y OWNS X);
* *dont* + pronoun: "la société X, dont il était actionnaire" (the sentence's first person);
* possessive owner: "son actionnaire, le fonds X", "son nouveau propriétaire, l'homme d'affaires X";
* co-owner: "A détient 35 % de Y, aux côtés de son fondateur, X" (X OWNS Y);
* remaining stake: "les 8 % restants appartiennent à son gérant, X";
* ordinal anaphora: "A et B… l'outil X du second" (B OWNS X).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from nlp.frames.base import Triple, _after, _text
from nlp.frames.gates import Gate
from nlp.rules import ANY, is_negated, normalise_gap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_FIRM = ("COMPANY", "MEDIA")
_OWNED = ("COMPANY", "MEDIA", "PRODUCT")
_OWNER = ("COMPANY", "PERSON", "PARTY")
_ADV = r"(?:(?:[a-zéè]+ment|aussi|également|déjà|ensuite|alors|finalement|encore|toujours|aujourd'hui)\s+)*"
_MEASURE = (r"(?:amende|sanction|pénalité|avertissement|rappel à l'ordre|mise en demeure|blâme|astreinte|"
            r"injonction)")

_PURCHASE = re.compile(r"^\s*(?:après|depuis|en)\s+(?:avoir\s+)?" + _ADV + r"(?:racheté|acquis|repris|absorbé|"
                       r"rachetant|acquérant|reprenant|absorbant|pris le contrôle d[eu']?|mis la main sur)\b")
_INSPECTION = re.compile(
    r"^\s*(?:après|à l'issue d'|au terme d'|lors d'|suite à|à la suite d'|au cours d'|dans le cadre d'|"
    r"au terme de|à l'issue de|lors de|à la suite de|au cours de|dans le cadre de)\s*"
    r"(?:avoir\s+" + _ADV + r"(?:contrôlé|audité|inspecté|enquêté sur|examiné|perquisitionné|vérifié)|"
    r"(?:un|une|son|sa|ses|leur|des|plusieurs|deux|trois|la|le|l')\s*(?:[a-zé]+\s+)?(?:contrôles?|"
    r"enquêtes?|inspections?|audits?|investigations?|vérifications?|missions? de contrôle|perquisitions?))\b")
_SUBJECT_INTRO = re.compile(r",\s*(?:(?:la|le|l'|les)\s*(?:[a-zé-]+\s+){0,2})?$")
_BODY_INTRO = re.compile(r",\s*(?:(?:la|le|l'|les)\s*)?$")
_PRONOUN_SANCTION = re.compile(
    r"^\s*(?:,[^,;]{0,60},\s*)?(?:(?:lui|leur)\s+(?:a|ont|avait|avaient)\s+" + _ADV
    + r"(?:infligé|adressé|notifié|imposé|délivré|envoyé|prononcé contre)\s+(?:un|une|des|deux|trois|"
    r"sa|son)\s+(?:[^,;]{0,25}\s)?" + _MEASURE + r"|(?:l'|les\s)\s*(?:a|ont|avait|avaient)\s+" + _ADV
    + r"(?:sanctionnée?s?|condamnée?s?|mise?s? en demeure|épinglée?s?|rappelée?s? à l'ordre|averties?|"
    r"verbalisée?s?|mise?s? à l'amende))\b")
_SPLIT_VERB = re.compile(r"^\s*(?:a|ont|avait|avaient)\s+" + _ADV + r"(?:mis|rappelé)\s+"
                         r"(?:(?:la|le|l'|les)\s*(?:[a-zé-]+\s+){0,2})?$")
_SPLIT_TAIL = re.compile(r"^\s*(?:,[^,;]{0,60},\s*)?(?:en demeure|à l'ordre)\b")
_QUE = re.compile(r"^\s*,?\s*(?:que|qu')\s*(?:(?:la|le|l'|les)\s*(?:[a-zé-]+\s+){0,2})?$")
_OWNS_AFTER = re.compile(r"^\s*(?:,[^,;]{0,40},\s*)?(?:a|avait|ont|avaient)\s+" + _ADV
                         + r"(?:rachetée?s?|acquise?s?|reprise?s?|absorbée?s?|achetée?s?)\b")
_DONT_ROLE = re.compile(r"^\s*,?\s*dont\s+(?:le|la|les|l'|son|sa|ses)\s*(?!(?:concurrent|rival|client|partenaire|"
                        r"prestataire|fournisseur)\w*)(?:co-?)?[a-zéèêû-]+(?:\s+[a-zéèêû-]+)?"
                        r"\s*,?\s*$")
_HOLDS = re.compile(r"^\s*,?\s*" + _ADV + r"(?:détient|détenait|possède|possédait|contrôle|contrôlait|"
                    r"détiennent|possèdent|conserve|garde|(?:est|était|reste|demeure|sont|étaient)\s+" + _ADV
                    + r"(?:l'|le\s+|la\s+|un\s+|une\s+|les\s+)?(?:principale?\s+|seule?\s+|unique\s+)?"
                    r"(?:actionnaires?|propriétaires?|associée?s?)\b)")
_BESIDE = re.compile(r"^\s*(?:(?:depuis|en|dès) \d{4}\s*)?,?\s*(?:aux côtés|à côté|en compagnie) d[eu']\s*(?:(?:son|sa|ses|leur|leurs|"
                     r"la|le|l'|les|des)\s*(?:[a-zé-]+\s*){0,2},?\s*)?$")
_STAKE_VERB = re.compile(r"\b(?:détien\w*|détenai\w*|possèd\w*|possédai\w*|contrôl\w*|(?:entr|mont)\w* au capital|"
                         r"actionnaires?|(?:a|ont) (?:investi|souscrit|pris une participation))\b")
_PARTICIPLE = re.compile(r"^\s*(?:co-?)?[a-zéèêû]+(?:ée?s?|ie?s?|ue?s?|te?s?)\b")
_EN_OWNS = re.compile(
    r"^\s*,\s*qui\s+en\s+" + _ADV + r"(?:détien\w*|détenai\w*|possèd\w*|possédai\w*|contrôl\w*|"
    r"(?:sont|est|étaient|était|restent|reste|demeurent|demeure)\s+(?:toujours\s+|encore\s+|"
    r"aujourd'hui\s+|les\s+|l'|le\s+|la\s+|seule?s?\s+|principaux\s+|principale?s?\s+|uniques?\s+)*"
    r"(?:actionnaires?|propriétaires?|associée?s?))\b[^,;]*,\s*(?:(?:la|le|l'|les)\s*(?:[a-zé-]+\s+){0,2})?$")
_COORD = re.compile(r"^\s*(?:,|et|ainsi que|, et)\s*$")
_DONT_PRONOUN = re.compile(
    r"\bdont\s+(?:il|elle|ils|elles)\s+" + _ADV + r"(?:détien\w*|détenai\w*|possèd\w*|possédai\w*|"
    r"contrôl\w*|(?:est|était|sont|étaient|reste|restait|demeure|fut|a été|avait été)\s+(?:toujours\s+|"
    r"encore\s+|aujourd'hui\s+|alors\s+|l'|le\s+|la\s+|un\s+|une\s+|les\s+|seule?s?\s+|principale?s?\s+|"
    r"principaux\s+|unique\s+|premier\s+|première\s+)*(?:actionnaires?|propriétaires?|associée?s?))\b")
_POSSESSIVE_OWNER = re.compile(
    r"\b(?:son|sa|leur)\s+(?:(?:nouvel|nouveau|nouvelle|principal|principale|premier|unique|seul|ancien|"
    r"ancienne)\s+)?(?:actionnaire|propriétaire|repreneur|acquéreur|investisseur)s?(?:\s+(?:majoritaire|"
    r"principal|unique|de référence|minoritaire|historique))?\s*,?\s*(?:(?:le|la|l'|les|un|une)\s*)?"
    r"(?:(?:fonds|holding|groupe|société|business angel|homme d'affaires|femme d'affaires|investisseur|"
    r"family office|banque|entrepreneur|industriel|milliardaire)(?:\s+[a-zéèêàç'-]+){0,2}?\s+)?$")
_REMAINING = re.compile(
    r"\b(?:\d+[,.]?\d*\s?%|le solde|le reste)(?:\s+(?:restants?|du capital|des parts|des actions))*\s+"
    r"(?:appartien\w*|(?:sont|est) (?:détenue?s? par|entre les mains d[eu']?)|revien\w*)\s+"
    r"(?:(?:à|au|aux|par)\s+)?(?:(?:son|sa|leur|le|la|l')\s*[a-zéèê'-]+(?:\s+[a-zéèê'-]+)?\s*,?\s*)?$")
_STAKE_OF = re.compile(r"\d\s?%\s+(?:du capital\s+|des parts\s+|des actions\s+)?(?:de|d'|du)\s*"
                       r"(?:(?:la|le|l')\s*)?(?:[a-zé-]+\s+)?$")
_ORDINAL = re.compile(r"^\s*(?:du|de la)\s+(?P<which>premier|première|second|seconde|deuxième|dernier|dernière)"
                      r"\b")
_PAIR = re.compile(r"^\s*(?:et|,|ainsi que)\s*(?:(?:l'|le |la )\s*(?:[a-zé-]+\s+)?)?$")


def _left(doc: Doc, sent: Span, ent: Span, width: int = 80) -> str:
    return normalise_gap(_text(doc, max(sent.start_char, ent.start_char - width), ent.start_char)) + " "


def _first_firm(ents: list[Span], previous: list[Span], before: int, labels: tuple[str, ...]) -> Span | None:
    for ent in reversed([e for e in ents if e.end_char <= before]):
        if ent.label_ in labels:
            return ent
    return next((e for e in previous if e.label_ in labels), None)


def inspections(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Après un contrôle des serveurs de X, la CNIL lui a infligé une amende": REGULATES, SANCTIONED."""
    out: list[Triple] = []
    text = normalise_gap(_text(doc, sent.start_char, sent.end_char))
    fronted = _INSPECTION.match(text)
    targets: list[Span] = []
    for body in (e for e in ents if e.label_ == "PUBLIC_BODY"):
        if fronted and not targets:
            clause = _text(doc, sent.start_char, body.start_char)
            if _BODY_INTRO.search(normalise_gap(clause)) and ";" not in clause and not is_negated(
                    normalise_gap(clause)):
                targets = [e for e in ents if e.end_char <= body.start_char and e.label_ in ANY]
                if any(e.label_ in ("MEDIA", "PUBLIC_BODY") for e in targets):
                    targets = []  # another body or a medium ran it ("une enquête de Mediapart sur X")
                out.extend((body, t, "REGULATES", 0.65, "frame.capital.inspection") for t in targets)
        tail = normalise_gap(_after(doc, sent, body, 120))
        if not _PRONOUN_SANCTION.match(tail):
            continue
        named = targets or [e for e in ents if e.end_char <= body.start_char and e.label_ in ANY
                            and e.label_ != "PUBLIC_BODY"][-1:] or [
            e for e in previous if e.label_ in ANY and e.label_ != "PUBLIC_BODY"][:1]
        out.extend((body, t, "SANCTIONED", 0.65, "frame.capital.pronoun_sanction") for t in named)
    return out


def fronted_purchase(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Après avoir racheté X, le groupe Y…" / "En rachetant X, Y…": Y OWNS X."""
    text = normalise_gap(_text(doc, sent.start_char, sent.end_char))
    if not _PURCHASE.match(text) or is_negated(text[:60]):
        return []
    for i, owner in enumerate(ents):
        if i == 0 or owner.label_ not in _OWNER:
            continue
        if _SUBJECT_INTRO.search(normalise_gap(_text(doc, ents[i - 1].end_char, owner.start_char)) + " "):
            clause = _text(doc, sent.start_char, owner.start_char)
            if ";" in clause:
                return []
            return [(owner, e, "OWNS", 0.65, "frame.capital.fronted_purchase") for e in ents[:i]
                    if e.label_ in _OWNED]
    return []


def split_measure(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"la CNIL a mis l'éditeur X en demeure", "a rappelé X à l'ordre": the object sits inside."""
    out: list[Triple] = []
    for body, ent in zip(ents, ents[1:], strict=False):
        if body.label_ != "PUBLIC_BODY" or ent.label_ not in ANY:
            continue
        if _SPLIT_VERB.match(normalise_gap(_text(doc, body.end_char, ent.start_char)) + " ") and _SPLIT_TAIL.match(
                normalise_gap(_after(doc, sent, ent, 80))):
            out.append((body, ent, "SANCTIONED", 0.65, "frame.capital.split_measure"))
    return out


def inverted_owner(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"la start-up X, que le groupe Y a rachetée en 2021": Y OWNS X (verb after the agent)."""
    out: list[Triple] = []
    for owned, owner in zip(ents, ents[1:], strict=False):
        if owned.label_ not in _OWNED or owner.label_ not in _OWNER:
            continue
        if not _QUE.match(normalise_gap(_text(doc, owned.end_char, owner.start_char)) + " "):
            continue
        tail = normalise_gap(_after(doc, sent, owner, 60))
        m = _OWNS_AFTER.match(tail)
        if m and not is_negated(m.group()):
            out.append((owner, owned, "OWNS", 0.65, "frame.capital.inverted_owner"))
    return out


def dont_role_owner(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X, dont le fondateur Y détient 70 %": Y OWNS X (the role itself is the people family's)."""
    out: list[Triple] = []
    for org, owner in zip(ents, ents[1:], strict=False):
        if org.label_ not in _FIRM or owner.label_ not in ("PERSON", "COMPANY"):
            continue
        if not _DONT_ROLE.match(normalise_gap(_text(doc, org.end_char, owner.start_char)) + " "):
            continue
        m = _HOLDS.match(normalise_gap(_after(doc, sent, owner, 60)))
        if m and not is_negated(m.group()):
            out.append((owner, org, "OWNS", 0.65, "frame.capital.dont_role_owner"))
    return out


def co_owners(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"A détient 35 % de Y, aux côtés de son fondateur, X": X is a shareholder of Y too."""
    out: list[Triple] = []
    for owned, owner in zip(ents, ents[1:], strict=False):
        if owned.label_ not in _FIRM or owner.label_ not in _OWNER:
            continue
        if not _BESIDE.match(normalise_gap(_text(doc, owned.end_char, owner.start_char)) + " "):
            continue
        before = normalise_gap(_text(doc, sent.start_char, owned.start_char))
        if _STAKE_VERB.search(before) and not is_negated(before):
            out.append((owner, owned, "OWNS", 0.6, "frame.capital.co_owner"))
    return out


def fronted_owners(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"Cofondée par A et B, qui en détiennent 40 %, la société X…": A and B OWN X."""
    if not _PARTICIPLE.match(normalise_gap(_text(doc, sent.start_char, sent.start_char + 30))):
        return []
    for i, (owner, owned) in enumerate(zip(ents, ents[1:], strict=False)):
        gap = normalise_gap(_text(doc, owner.end_char, owned.start_char)) + " "
        if owner.label_ not in _OWNER or owned.label_ not in _OWNED or not _EN_OWNS.match(gap):
            continue
        if is_negated(gap):
            return []
        owners = [owner]
        for prev in reversed(ents[:i]):
            if prev.label_ != owner.label_ or not _COORD.match(_text(doc, prev.end_char, owners[0].start_char)):
                break
            owners.insert(0, prev)
        if any(e.label_ in _FIRM for e in ents[:i + 1 - len(owners)]):
            return []  # an earlier firm: "en" may name it, not the main subject
        return [(o, owned, "OWNS", 0.65, "frame.capital.fronted_owners") for o in owners]
    return []


def dont_pronoun_owner(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"…la société X, dont il était actionnaire": the sentence's first person OWNS X."""
    text = _text(doc, sent.start_char, sent.end_char)
    out: list[Triple] = []
    for m in _DONT_PRONOUN.finditer(normalise_gap(text)):
        at = sent.start_char + m.start()
        if is_negated(m.group()):
            continue
        # normalise_gap keeps lengths except collapsed spaces: find the raw offset of "dont".
        raw = text.lower().replace("’", "'").find("dont", max(0, m.start() - 5))
        at = sent.start_char + (raw if raw >= 0 else m.start())
        org = next((e for e in reversed(ents) if e.end_char <= at and e.label_ in _FIRM), None)
        if org is None:
            continue
        owner = next((e for e in ents if e.end_char <= org.start_char and e.label_ == "PERSON"), None)
        if owner is not None:
            out.append((owner, org, "OWNS", 0.6, "frame.capital.dont_pronoun"))
    return out


def possessive_owner(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"son actionnaire, le fonds X" / "les 8 % restants appartiennent à son gérant, X": X OWNS the firm."""
    out: list[Triple] = []
    for ent in ents:
        if ent.label_ not in _OWNER:
            continue
        left = _left(doc, sent, ent)
        m = _POSSESSIVE_OWNER.search(left)
        if m and not is_negated(left[max(0, m.start() - 40):]):
            org = _first_firm([e for e in ents if e is not ent], previous,
                              ent.start_char - (len(left) - m.start()), _FIRM)
            if org is not None and org.text != ent.text:
                out.append((ent, org, "OWNS", 0.65, "frame.capital.possessive_owner"))
            continue
        m = _REMAINING.search(left)
        if m and not is_negated(m.group()):
            firms = [e for e in ents if e.label_ in _FIRM and e.end_char <= ent.start_char]
            # "A détient 70 % de B ; les 30 % restants…": B, the firm whose stake is split
            staked = [e for e in firms if _STAKE_OF.search(_left(doc, sent, e, 40))]
            org = next(iter(staked or firms), None)
            if org is not None and org.text != ent.text:
                out.append((ent, org, "OWNS", 0.6, "frame.capital.remaining_stake"))
    return out


def ordinal_owner(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"A et B ont signé… : le premier commercialisera l'outil X du second": B OWNS X."""
    out: list[Triple] = []
    firms = [e for e in ents if e.label_ == "COMPANY"]
    pair = next(((a, b) for a, b in zip(firms, firms[1:], strict=False)
                 if _PAIR.match(_text(doc, a.end_char, b.start_char))), None)
    if pair is None:
        return out
    for ent in ents:
        if ent.label_ != "PRODUCT" or ent.start_char < pair[1].end_char:
            continue
        m = _ORDINAL.match(normalise_gap(_after(doc, sent, ent, 20)))
        if m:
            owner = pair[0] if m["which"].startswith("premi") else pair[1]
            out.append((owner, ent, "OWNS", 0.6, "frame.capital.ordinal"))
    return out


#: Appended to :data:`nlp.frames.FRAMES`, in order.
FRAMES: tuple[Callable[..., list[Triple]], ...] = (
    Gate(inspections, (_INSPECTION, _PRONOUN_SANCTION), frozenset({"PUBLIC_BODY"})),
    Gate(fronted_purchase, (_PURCHASE,), frozenset(_OWNER)),
    Gate(split_measure, (_SPLIT_TAIL,), frozenset({"PUBLIC_BODY"})),
    Gate(inverted_owner, (_OWNS_AFTER,), frozenset(_OWNER)),
    Gate(dont_role_owner, (_DONT_ROLE,), frozenset({"PERSON", "COMPANY"})),
    Gate(co_owners, (_BESIDE,), frozenset(_OWNER)),
    Gate(fronted_owners, (_EN_OWNS,), frozenset(_OWNER)),
    Gate(dont_pronoun_owner, (_DONT_PRONOUN,), frozenset({"PERSON"})),
    Gate(possessive_owner, (_POSSESSIVE_OWNER, _REMAINING), frozenset(_OWNER)),
    Gate(ordinal_owner, (_ORDINAL,), frozenset({"PRODUCT"})),
)
