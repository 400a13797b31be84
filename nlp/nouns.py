"""Role nouns read through the dependency parse: the fallback for "X, ancienne directrice
commerciale de Y", "X est depuis 2021 l'actionnaire majoritaire de Y", "Y a nommé X directeur
général", "le président de Y, X", "Fondatrice de Y, X a…".

A *role noun* (président, gérante, salarié, actionnaire, filiale, prestataire...) links its
*holder* (the entity it describes: apposition, copula or naming verb, fronted apposition) to its
*complement* (the entity introduced by "de"/"chez"/"au sein de", possibly through a descriptor:
"de la société Y"). The lexicon is data (:data:`ROLE_NOUNS`); the predicate can depend on the
complement's type (a party's "trésorier" is MEMBER_OF, a firm's "directeur commercial" WORKS_FOR,
a "directeur général" DIRECTS). Used only for pairs no gap rule, frame or verb trigger linked.

Example:
    >>> role_triggers("directrice", ["générale"])[0].predicate
    'DIRECTS'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.symbols import ADJ, NOUN, PROPN

from nlp.records import Relation
from nlp.rules.base import ACTOR, ORG, VENDOR, Trigger
from nlp.syntax import doc_pos, has_feature, relation, string_ids

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_PERSON = ("PERSON",)
_EMPLOYERS = ("COMPANY", "PUBLIC_BODY", "MEDIA", "PARTY")
_FIRMS = ("COMPANY", "MEDIA")

_DIRECT = (Trigger("DIRECTS", True, _PERSON, ORG),)
_WORK = (Trigger("MEMBER_OF", True, _PERSON, ("PARTY",)), Trigger("WORKS_FOR", True, _PERSON, _EMPLOYERS))
_STAFF = (Trigger("WORKS_FOR", True, _PERSON, _EMPLOYERS),)
_MEMBER = (Trigger("MEMBER_OF", True, _PERSON, ("PARTY", "PUBLIC_BODY")),)
_FOUND = (Trigger("FOUNDED", True, _PERSON, (*ORG, "PRODUCT")),)

#: lemma (lower case, masculine and feminine) -> alternatives, first fit wins.
ROLE_NOUNS: dict[str, tuple[Trigger, ...]] = {
    **{w: _DIRECT for w in (
        "président", "présidente", "pdg", "p-dg", "ceo", "gérant", "gérante", "cogérant", "cogérante",
        "dirigeant", "dirigeante", "patron", "patronne", "administrateur", "administratrice",
        "coprésident", "coprésidente", "vice-président", "vice-présidente")},
    **{w: _FOUND for w in ("fondateur", "fondatrice", "cofondateur", "cofondatrice", "co-fondateur",
                           "co-fondatrice", "créateur", "créatrice")},
    **{w: _STAFF for w in ("salarié", "salariée", "employé", "employée", "collaborateur", "collaboratrice",
                           "stagiaire", "recrue", "ingénieur", "ingénieure", "développeur", "développeuse",
                           "analyste", "consultant", "consultante")},
    **{w: _WORK for w in ("directeur", "directrice", "responsable", "chargé", "chargée", "chef", "cadre",
                          "conseiller", "conseillère", "associé", "associée")},
    **{w: _MEMBER for w in ("membre", "adhérent", "adhérente", "militant", "militante", "trésorier",
                            "trésorière", "porte-parole", "député", "députée", "sénateur", "sénatrice",
                            "élu", "élue", "eurodéputé", "eurodéputée")},
    **{w: (Trigger("OWNS", True, ("PERSON", "COMPANY", "PARTY"), (*_FIRMS, "PRODUCT")),)
       for w in ("actionnaire", "propriétaire", "détenteur", "détentrice", "coactionnaire", "copropriétaire",
                 "repreneur", "repreneuse", "acquéreur", "acquéreuse", "investisseur", "investisseuse",
                 "coinvestisseur", "co-investisseur")},
    **{w: (Trigger("OWNS", True, ("COMPANY",), ("PRODUCT", "MEDIA")),)
       for w in ("éditeur", "éditrice", "concepteur", "conceptrice")},
    **{w: (Trigger("SUBSIDIARY_OF", True, _FIRMS, ("COMPANY",)),) for w in ("filiale", "succursale", "sous-filiale")},
    **{w: (Trigger("SUBSIDIARY_OF", False, _FIRMS, ("COMPANY",)),) for w in ("maison-mère", "société-mère")},
    "client": (Trigger("CLIENT_OF", True, ACTOR, VENDOR),),
    "cliente": (Trigger("CLIENT_OF", True, ACTOR, VENDOR),),
    **{w: (Trigger("CLIENT_OF", False, VENDOR, ACTOR),)
       for w in ("prestataire", "fournisseur", "sous-traitant", "sous-traitante")},
    **{w: (Trigger("PARTNER_OF", True, ORG, ORG),) for w in ("partenaire", "allié", "alliée")},
}
#: "directeur général", "secrétaire générale", "directrice exécutive": the head of the organisation.
_HEAD_MODIFIERS = frozenset({"général", "générale", "exécutif", "exécutive", "délégué", "déléguée"})
_HEAD_NOUNS = frozenset({"directeur", "directrice", "secrétaire", "délégué", "déléguée"})
#: Descriptors between a role noun and its complement: "directrice de la société Y".
_DESCRIPTORS = frozenset({
    "société", "entreprise", "agence", "cabinet", "groupe", "start-up", "startup", "institut", "firme",
    "parti", "mouvement", "formation", "holding", "fonds", "éditeur", "plateforme", "application",
    "logiciel", "outil", "pôle", "service", "département", "équipe", "équipes", "direction", "structure",
    "filiale", "association", "collectif", "coopérative", "journal", "quotidien", "hebdomadaire", "site",
})
#: Every word :func:`role_triggers` can find something for: any other noun is no role noun.
_ROLE_WORDS = frozenset(ROLE_NOUNS) | _HEAD_NOUNS
_COMPLEMENT_CASES = frozenset({"de", "d'", "d’", "du", "des", "chez", "sein", "auprès"})
#: Verbs naming a role ("X a été nommée directrice de Y", "Y a recruté X comme consultant").
_NAMING = frozenset({"nommer", "désigner", "élire", "devenir", "rester", "demeurer", "recruter", "embaucher",
                     "engager", "promouvoir", "installer", "choisir", "titulariser", "être"})
_NEG = frozenset({"pas", "jamais", "aucun", "aucune", "nullement", "plus"})
_HEDGES = frozenset({"pouvoir", "devoir", "envisager", "négocier", "vouloir", "souhaiter", "démentir", "nier"})
_NEG_IDS, _HEDGE_IDS = string_ids(_NEG), string_ids(_HEDGES)
_NOMINAL_POS = frozenset({NOUN, PROPN, ADJ})  # tok.pos in it: tok.pos_ in ("NOUN", "PROPN", "ADJ")
#: (form id, lemma id) -> whether the word may be a role noun (see :func:`_maybe_role`).
_MAYBE_ROLE: dict[tuple[int, int], bool] = {}


def role_triggers(word: str, modifiers: list[str]) -> tuple[Trigger, ...]:
    """The triggers of a role noun given its adjective modifiers ("directeur" + "général")."""
    word = word.lower()
    if word in _HEAD_NOUNS and _HEAD_MODIFIERS.intersection(m.lower() for m in modifiers):
        return _DIRECT
    return ROLE_NOUNS.get(word, ())


def _members(ent: Span, by_token: dict[int, Span]) -> list[Span]:
    """The entity and those coordinated with it ("de A et de B")."""
    out = [ent]
    for tok in ent.root.subtree:
        if tok.dep_ == "conj" and any(tok.head.i in range(e.start, e.end) for e in out):
            other = by_token.get(tok.i)
            if other is not None and other not in out:
                out.append(other)
    return out


def _complements(noun: Token, by_token: dict[int, Span]) -> list[Span]:
    """Entities introduced by "de"/"chez"/"au sein de" under the role noun, through a descriptor."""
    out: list[Span] = []
    frontier = [noun]
    for depth in range(2):
        nxt = []
        for head in frontier:
            for child in head.children:
                if child.dep_ not in ("nmod", "obl", "obl:mod", "obl:arg", "appos", "flat:name"):
                    continue
                cases = {c.lower_ for c in child.children if c.dep_ in ("case", "fixed")}
                if depth == 0 and not cases & _COMPLEMENT_CASES:
                    continue
                ent = by_token.get(child.i)
                if ent is not None:
                    out.extend(_members(ent, by_token))
                elif child.lemma_.lower() in _DESCRIPTORS:
                    nxt.append(child)
        frontier = nxt
    return out


def _holders(noun: Token, by_token: dict[int, Span]) -> list[Span]:
    """Entities the role noun describes."""
    out: list[Span] = []
    head = noun.head
    if noun.dep_ == "appos" and head.i in by_token:  # "X, ancienne directrice de Y"
        out.append(by_token[head.i])
    for child in noun.children:  # "le président de Y, X" / "X est la présidente de Y"
        if child.dep_ in ("appos", "nsubj", "nsubj:pass") and child.i in by_token and child.i > noun.i - 40:
            if child.dep_ == "appos" or any(c.dep_ == "cop" for c in noun.children):
                out.append(by_token[child.i])
    verb = head if noun.dep_ in ("xcomp", "obj", "obl:mod", "obl", "advcl", "nmod", "acl", "dislocated") else None
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        naming = verb.lemma_.lower() in _NAMING
        for child in verb.children:
            if child.i not in by_token:
                continue
            if naming and child.dep_ in ("nsubj:pass", "obj") and noun.dep_ in ("xcomp", "obl:mod", "obl"):
                out.append(by_token[child.i])  # "X a été nommée directrice", "a recruté X comme consultant"
            elif naming and child.dep_ == "nsubj" and verb.lemma_.lower() in ("devenir", "rester", "demeurer", "être"):
                out.append(by_token[child.i])  # "X est devenu l'actionnaire de Y"
            elif child.dep_ == "nsubj" and noun.i < child.i and _fronted(noun, child):
                out.append(by_token[child.i])  # "Fondatrice de Y, X a…"
    return [m for h in out for m in _members(h, by_token)]


def _fronted(noun: Token, subject: Token) -> bool:
    """The role noun opens the clause and a comma closes its phrase before the subject."""
    doc = noun.doc
    last = max(t.i for t in noun.subtree)
    return last + 1 < subject.i + 1 and doc[last + 1].text == "," and noun.i <= noun.sent.start + 3


def _maybe_role(tok: Token) -> bool:
    """Whether :func:`role_triggers` can find anything for the token's form or lemma (lower-cased),
    whatever its modifiers; memoised on the string ids, which are cheaper to read than the strings
    for every noun of the sentence."""
    key = (tok.lower, tok.lemma)
    found = _MAYBE_ROLE.get(key)
    if found is None:
        if len(_MAYBE_ROLE) > 100_000:  # bound the memo on an endless stream of new words
            _MAYBE_ROLE.clear()
        found = _MAYBE_ROLE[key] = tok.lower_.lower() in _ROLE_WORDS or tok.lemma_.lower() in _ROLE_WORDS
    return found


def _denied(noun: Token) -> bool:
    """The role itself is denied or hedged: "X n'est pas l'actionnaire de Y", "X aurait été nommé
    directeur de Y" (a negated main verb elsewhere in the sentence does not deny an apposition)."""
    tokens = [noun]
    if noun.dep_ in ("xcomp", "obj", "obl", "obl:mod") and noun.head.lemma_.lower() in _NAMING:
        tokens.append(noun.head)
    for tok in tokens:
        if any(c.lower in _NEG_IDS or c.lemma in _HEDGE_IDS or has_feature(c, "Mood", "Cnd")
               for c in tok.children) or has_feature(tok, "Mood", "Cnd") or tok.head.lemma in _HEDGE_IDS:
            return True
    return False


def noun_relations(doc: Doc, sent: Span, ents: list[Span]) -> list[Relation]:
    """Relations a role noun states between two entities of the sentence (see module docstring)."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    rels: list[Relation] = []
    pos = doc_pos(doc)
    for i in range(sent.start, sent.end):
        if i in by_token or pos[i] not in _NOMINAL_POS:  # no Token built for the other words
            continue
        noun = doc[i]
        if not _maybe_role(noun):
            continue
        lower, lemma = noun.lower_, noun.lemma_
        # only a head noun's modifiers can change its triggers ("directeur" + "général")
        modifiers = [c.lower_ for c in noun.children if c.dep_ == "amod"] if (
            lower.lower() in _HEAD_NOUNS or lemma.lower() in _HEAD_NOUNS) else []
        triggers = role_triggers(lower, modifiers) or role_triggers(lemma, modifiers)
        if not triggers:
            continue
        complements = _complements(noun, by_token)
        if not complements or _denied(noun):  # most role nouns have no complement: that test first
            continue
        holders = _holders(noun, by_token)
        for holder in holders:
            for comp in complements:
                if holder == comp:
                    continue
                for predicate, holder_is_subject, subj_types, obj_types, _ in triggers:
                    subj, obj = (holder, comp) if holder_is_subject else (comp, holder)
                    if subj.label_ in subj_types and obj.label_ in obj_types:
                        rule = f"noun.{predicate.lower()}.{lower}"
                        rels.append(relation(sent, subj, obj, predicate, rule, confidence=0.55))
                        break
    return rels
