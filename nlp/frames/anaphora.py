"""Frames where a word points back to an organisation: possessives, *en*, descriptions, joint subjects.

* possessive: "son fondateur, X", "a annoncé sa présidente, X" (the organisation is the nearest
  earlier one, or the sentence's first after a speech verb);
* *en* anaphora: "X en est la présidente", "X, qui en détient l'intégralité";
* description anaphora: "X… . La société a été mise en demeure par la CNIL" (the description or
  subject pronoun names the previous sentence's first entity of a fitting type);
* joint subject: "A et l'éditeur B ont noué un partenariat", "les deux sociétés ont signé un accord".

The role words (``_ROLE``, ``_ROLES``) map "fondateur", "présidente", "filiale"… to a predicate.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlp.frames.base import Triple, _after, _text
from nlp.records import doc_text
from nlp.rules import (ACTOR, ANY, ORG, RULES, VENDOR, is_negated, match_gap, normalise_gap,
                        rules_without)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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


#: "X en assure la trésorerie": the office held in the organisation *en* names.
_DUTIES: dict[str, tuple[str, bool, tuple[str, ...], tuple[str, ...]]] = {
    "trésorerie": ("MEMBER_OF", True, ("PERSON",), ("PARTY",)),
    "secrétariat général": ("DIRECTS", True, ("PERSON",), ("PARTY", "PUBLIC_BODY")),
    "porte-parole": ("MEMBER_OF", True, ("PERSON",), ("PARTY",)),
    **{d: ("DIRECTS", True, ("PERSON",), ORG) for d in ("présidence", "coprésidence", "direction", "gérance")},
}


_POSSESSIVE = re.compile(rf"\b(?:son|sa|ses|leur|leurs)\s+(?:(?:ancien|ancienne|nouveau|nouvelle|actuel|"
                         rf"actuelle|principal|principale|jeune)\s+)?{_ROLE}s?\s*(?:,|:|\s(?:est|était|reste|demeure|"
                         rf"devient|sera|a été)\b)?\s*(?:(?:la|le|l'|l’)\s*(?:société|agence|"
                         rf"cabinet|start-?up|institut|entreprise|groupe)\s+)?$", re.IGNORECASE)
_CEDED = re.compile(r"\b(?:cédé|vendu|revendu|cède|vend|revend|cédée|vendue)\s*$", re.IGNORECASE)
_SPEECH = re.compile(r"(?:annonc|expliqu|précis|indiqu|confi|déclar|affirm|soulign|assur|reconn|"
                     r"comment|raconte|estime|rappel|ajout|selon)\w*\s*$", re.IGNORECASE)
_EN = re.compile(rf"^\s*,?\s*(?:qui\s+)?en\s+(?:(?:est|était|a été|reste|demeure|devient|est devenue?|"
                 rf"est restée?|sera)\s+(?:(?:toujours|aujourd'hui|désormais|actuellement|encore|aussi|également|depuis \d{{4}})\s+)*"
                 rf"(?:l'|l’|le |la |un |une |l'un |l'une )?(?:des |de ses )?{_ROLE}|"
                 rf"(?P<office>(?:assure|assurait|a assuré|occupe|occupait|a occupé|a pris|prend|tient|tenait|"
                 rf"conserve|conservait|garde|gardait|a repris|reprend)\s+"
                 rf"(?:(?:aussi|également|désormais|depuis \d{{4}})\s+)?(?:la majorité et )?(?:la |le )(?P<duty>trésorerie|présidence|"
                 rf"co-?présidence|direction|gérance|secrétariat général|porte-parole)\b)|(?P<own>détient|"
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


def _role_key(role: str) -> tuple[str, bool, tuple[str, ...], tuple[str, ...]] | None:
    role = role.lower().replace("co-", "co")
    for key in sorted(_ROLES, key=len, reverse=True):
        if role.startswith(key):
            return _ROLES[key]
    return None


def _nearest_org(ents: list[Span], before: int, labels: tuple[str, ...],
                 previous: list[Span]) -> Span | None:
    for ent in reversed([e for e in ents if e.end_char <= before]):
        if ent.label_ in labels:
            return ent
    return _topic(previous, labels)


_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})


def _topic(previous: list[Span], labels: tuple[str, ...]) -> Span | None:
    """Across sentences, the organisation the previous sentence is about: a firm or party before
    a public body ("La CNIL a sanctionné X. Son président…" is X's), then the clause's subject
    ("Passée dans le giron de Y, la société X… Son directeur…" is X's), then the first one."""
    found = [e for e in previous if e.label_ in labels]
    private = [e for e in found if e.label_ != "PUBLIC_BODY"]
    found = private or found
    return next((e for e in found if _is_subject(e)), found[0] if found else None)


def _is_subject(ent: Span) -> bool:
    """The entity, or the descriptor it names ("la société X", parsed as a modifier), is a subject."""
    tok = ent.root
    while tok.dep_ in ("flat:name", "amod", "appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in _SUBJECT_DEPS


_GENITIVE = re.compile(r"(?:\b(?:de|du|des)\s+|\bd['’]\s*)(?:(?:la|l'|l’)\s*)?"
                       r"(?:(?:société|groupe|holding|agence|cabinet|fonds|entreprise)\s+)?$", re.IGNORECASE)


_APPOSED = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?,\s*[^,;()]{1,60}$")


def _possessor(doc: Doc, ents: list[Span], before: int, labels: tuple[str, ...],
               previous: list[Span]) -> Span | None:
    """The organisation a possessive names: the nearest earlier one, unless it is only a complement
    in an apposition to an earlier one ("X, filiale de Y, … ; son président" is X's)."""
    nearest = _nearest_org(ents, before, labels, previous)
    if nearest is None or nearest not in ents:
        return nearest
    text = doc_text(doc)
    if not _GENITIVE.search(text[max(0, nearest.start_char - 30):nearest.start_char]):
        return nearest
    head = next((e for e in reversed(ents) if e.end_char <= nearest.start_char and e.label_ in labels), None)
    if head is not None and _APPOSED.match(text[head.end_char:nearest.start_char]):
        return head  # "X, filiale de Y, …": Y only qualifies X
    return nearest


#: What every :data:`_POSSESSIVE` match starts with, found once in the sentence before the
#: per-entity windows (no ``\b``: a window may start inside a word). Two matches never overlap
#: (none of the words holds another's start followed by a space), so ``finditer`` finds them all.
#: The look-ahead lists every character ``re.IGNORECASE`` matches with "s" or "l" ("ſ" too): it
#: lets the engine skip to candidate positions, four times faster than the bare alternation.
_POSSESSIVE_WORD = re.compile(r"(?=[sSſlL])(?:son|sa|ses|leur|leurs)\s", re.IGNORECASE)


def possessives(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"son fondateur, X" / "sa présidente X": X linked to the organisation the possessive names."""
    out: list[Triple] = []
    text = doc_text(doc)
    words = [m.start() for m in _POSSESSIVE_WORD.finditer(text, sent.start_char, sent.end_char)]
    if not words:
        return out
    for ent in ents:
        window = max(sent.start_char, ent.start_char - 70)
        left = text[window:ent.start_char]
        # _POSSESSIVE.search(left), tried only where a possessive word starts (in text order)
        m = next((found for found in (_POSSESSIVE.match(left, at - window) for at in words
                                      if window <= at < ent.start_char) if found), None)
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
            org = _possessor(doc, ents, ent.start_char - len(left) + m.start(), org_labels, previous)
        if org is None or org is ent or is_negated(normalise_gap(before[-40:])):
            continue
        subj, obj = (ent, org) if named_is_subject else (org, ent)
        out.append((subj, obj, predicate, 0.65, f"frame.possessive.{predicate.lower()}"))
    return out


#: :class:`~nlp.frames.gates.Gate` data (regexes, labels): the role after a possessive, and the
#: types a role lets the named entity have.
POSSESSIVE_GATE = ((_POSSESSIVE,), frozenset(label for spec in _ROLES.values() for label in spec[2]))


def en_anaphora(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X en est la présidente", "X, qui en détient l'intégralité": *en* names an earlier firm."""
    out: list[Triple] = []
    for ent in ents:
        if ent.label_ not in ("PERSON", "COMPANY"):
            continue
        m = _EN.match(_after(doc, sent, ent, 90))
        if not m:
            continue
        spec: tuple[str, bool, tuple[str, ...], tuple[str, ...]] | None
        if m["own"]:
            spec = ("OWNS", True, ("PERSON", "COMPANY"), ("COMPANY", "MEDIA", "PRODUCT"))
        elif m["office"]:
            spec = _DUTIES[m["duty"].lower().replace("co-", "co")]
        else:
            spec = _role_key(m["role"])
        if spec is None or ent.label_ not in spec[2] or not spec[1]:
            continue
        org = _nearest_org(ents, ent.start_char, spec[3], previous)
        if org is not None and org is not ent:
            out.append((ent, org, spec[0], 0.65, f"frame.en.{spec[0].lower()}"))
    return out


EN_GATE = ((_EN,), frozenset({"PERSON", "COMPANY"}))


def joint_subjects(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"A et l'éditeur B ont noué un partenariat"; "les deux sociétés ont signé un accord"."""
    out: list[Triple] = []
    orgs = [e for e in ents if e.label_ in ORG]
    for a, b in zip(orgs, orgs[1:], strict=False):
        if _JOINT_LINK.match(_text(doc, a.end_char, b.start_char)) and _JOINT.match(
                _after(doc, sent, b, 80)):
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


#: Either path: coordinated subjects before _JOINT, or "les deux sociétés" (_BOTH, any entity types).
JOINT_GATE = ((_JOINT, _BOTH), frozenset[str]())


_DESCRIPTION = re.compile(
    r"\s*(?:(?:le|la|l'|l’|cette|ce)\s*(?P<noun>société|entreprise|cabinet|agence|start-?up|groupe|"
    r"institut|firme|éditeur|prestataire|parti|mouvement|formation|logiciel|application|plateforme|"
    r"trentenaire|quadragénaire|quinquagénaire|sexagénaire|septuagénaire|intéressée?|entrepreneuse|entrepreneur|"
    r"homme d'affaires|femme d'affaires)"
    r"|(?P<pron>elle|il))\b", re.IGNORECASE)
#: Descriptions of a person ("le quadragénaire a fondé X"): the previous sentence's person.
_PERSON_NOUNS = ("trentenaire", "quadragénaire", "quinquagénaire", "sexagénaire", "septuagénaire", "intéressé",
                 "intéressée", "entrepreneuse", "entrepreneur", "homme d'affaires", "femme d'affaires")
_DESCRIPTION_LABELS = {"parti": ("PARTY",), "mouvement": ("PARTY",), "formation": ("PARTY",),
                       "logiciel": ("PRODUCT",), "application": ("PRODUCT",),
                       "plateforme": ("PRODUCT",)}


def description_anaphora(doc: Doc, sent: Span, ents: list[Span], previous: list[Span]) -> list[Triple]:
    """"X… . La société a été mise en demeure par la CNIL": the description names X.

    A sentence opening with a definite description ("la société", "le parti") or a subject
    pronoun refers to the previous sentence's first entity of a fitting type; a clause opening
    with a description after a semicolon ("X figure au répertoire ; le cabinet, que préside Y, …")
    refers to the sentence's first fitting entity before it.
    """
    text = doc_text(doc)
    out: list[Triple] = []
    starts = [(sent.start_char, previous)]
    if ";" in text[sent.start_char:sent.end_char]:
        for semi in re.finditer(";", text[sent.start_char:sent.end_char]):
            at = sent.start_char + semi.end()
            starts.append((at + len(text[at:]) - len(text[at:].lstrip()), [e for e in ents if e.end_char <= at]))
    for start, antecedents in starts:
        if antecedents:
            out.extend(_description_at(doc, text, start, sent, ents, antecedents, clause=start != sent.start_char))
    return out


def _description_at(doc: Doc, text: str, start: int, sent: Span, ents: list[Span], antecedents: list[Span],
                    clause: bool) -> list[Triple]:
    m = _DESCRIPTION.match(text, start, min(sent.end_char, start + 40))
    if not m:
        return []
    after = [e for e in ents if e.start_char >= start]
    if after and (after[0].start_char < m.end() or not text[m.end():after[0].start_char].strip()):
        return []  # "La société Mapix…" names its subject
    if m["noun"]:
        noun = m["noun"].lower().replace("’", "'")
        labels = ("PERSON",) if noun in _PERSON_NOUNS else _DESCRIPTION_LABELS.get(noun, ("COMPANY",))
        candidates = [e for e in antecedents if e.label_ in labels][:1]
    elif clause:
        return []  # a pronoun after a semicolon: too loose
    else:  # "il"/"elle": the previous sentence's topic, whatever it is
        candidates = antecedents[:1]
    out = _linked(doc, text, m.end(), after, candidates, clause)
    if not out and m["pron"] and candidates and candidates[0].label_ != "PERSON":
        # "Z promeut X au rang d'associée. Elle siège au bureau du parti Y": a role only a person
        # holds names the previous sentence's person, not its topic.
        person = [e for e in antecedents if e.label_ == "PERSON"][:1]
        out = [t for t in _linked(doc, text, m.end(), after, person, clause)
               if t[2] in ("DIRECTS", "WORKS_FOR", "MEMBER_OF", "FOUNDED") and t[0] in person]
    return out


def _linked(doc: Doc, text: str, end: int, after: list[Span], candidates: list[Span],
            clause: bool) -> list[Triple]:
    """Relations between each antecedent (standing at ``end``) and the entities after it."""
    out: list[Triple] = []
    for ante in candidates:
        skipped: list[Span] = []
        for ent in after:
            if ent.label_ in ("PLACE", "PARTY") and clause:
                skipped.append(ent)  # "que préside l'adjointe PS au maire de Lyon Y": labels, not arguments
                continue
            gap = text[end:ent.start_char]
            for other in reversed(skipped):
                mark = "lieu" if other.label_ == "PLACE" else "§"
                gap = gap[:other.start_char - end] + mark + gap[other.end_char - end:]
            gap = normalise_gap(gap)
            if "§" in gap and not clause:
                break
            first = match_gap(gap, "", ante.label_, ent.label_)
            rules = [first]
            if first is not None and " et " in gap:  # "fondé et dirigé par X": both roles
                rules.append(match_gap(", " + gap.split(" et ", 1)[1], "", ante.label_, ent.label_,
                                       rules_without(RULES, first.predicate)))
            for rule in rules:
                if first is not None and rule is not None and rule.prefix is None and rule.direction == first.direction:
                    subj, obj = (ante, ent) if rule.direction == "fwd" else (ent, ante)
                    out.append((subj, obj, rule.predicate, rule.confidence - 0.1,
                                f"frame.description.{rule.name}"))
            if not (clause and text[ent.end_char:ent.end_char + 2].strip().startswith(",")) or len(skipped) > 3:
                break
            skipped.append(ent)  # "le cabinet, dirigé par X, emploie Y": the incise closes, Y may follow
    return out
