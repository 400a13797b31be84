"""Dependency fallback for relations: a trigger verb and the entities the parser attached to it.

Used for pairs the gap rules of :mod:`nlp.rules` missed, typically because an incise or a
complement separates the verb from its arguments ("La CNIL a, après un contrôle mené en 2022,
sanctionné Zorbifex"). Arguments are found by climbing from the entity's root through
coordination (``conj``), apposition, names and generic heads ("les équipes de X", "les services
de X", "la liste de X", "le groupement formé par X et Y") up to the verb; "dont celles de X"
climbs to the noun *celles* stands for. The verb's voice decides which argument is the agent.

A trigger is looked up in :data:`VERBS` under, in order: the light-verb key "<lemma> <object
noun>" ("avoir recours", "faire appel", "signer accord"), the pronominal key "se <lemma>" ("se
offrir", "se adresser", "se associer"), then the bare lemma. A symmetric trigger (PARTNER_OF)
also links coordinated agents ("A et B ont signé un accord").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.attrs import POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB

from nlp.records import Relation, make_relation
from nlp.rules import DEP_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: lemma -> alternatives (:class:`~nlp.rules.base.Trigger`); each family module of
#: :mod:`nlp.rules` owns its verbs. The first alternative whose types fit wins.
VERBS = DEP_VERBS


def _lemma_prefixes(verbs: dict[str, object]) -> frozenset[str]:
    """Every lemma that can make a key of ``verbs`` under :func:`trigger_key`: a key, a key
    without its "se ", a key cut before one of its spaces ("<lemma> <noun>")."""
    out: set[str] = set()
    for key in verbs:
        out.add(key)
        if key.startswith("se "):
            out.add(key[3:])
        out.update(key[:i] for i, c in enumerate(key) if c == " ")
    return frozenset(out)


#: Lemmas worth looking up with :func:`trigger_key` (any other verb has no key in :data:`VERBS`).
_LEMMAS = _lemma_prefixes(VERBS)
#: Lemmas that begin a light-verb key ("avoir" for "avoir recours"): only their objects are read.
_LIGHT = frozenset(key[:i] for key in VERBS for i, c in enumerate(key) if c == " ")
#: Lemmas with a pronominal key ("offrir" for "se offrir"): only they look for "se".
_PRONOMINAL = frozenset(key[3:] for key in VERBS if key.startswith("se "))
#: Generic head nouns an entity may hang on and still be the verb's argument ("les équipes de X").
_HEADS = frozenset({
    "équipe", "campagne", "candidat", "candidate", "staff", "entourage", "qg", "service", "outil",
    "logiciel", "plateforme", "application", "solution", "société", "start-up", "entreprise",
    "amende", "sanction", "avertissement", "marché", "contrat", "prestation", "parti", "agence",
    "cabinet", "mouvement", "fichier", "donnée", "conseil", "liste", "permanence", "comité",
    "groupement", "consortium", "lot", "appel", "offre", "numéro", "accord-cadre", "convention",
    "offre", "expertise", "prestataire", "institut", "compte", "cellule", "direction", "siège",
    "fédération", "section", "groupe", "cabinet", "bureau", "site", "boutique", "base",
    "up",  # "la start-up X": the tokenizer splits start-up
})
#: Verbs an entity may hang on through a participle ("le groupement formé par X et Y").
_FORMING = frozenset({"former", "constituer", "composer", "réunir", "associer", "mener", "conduire"})
_DEMONSTRATIVES = frozenset({"celui", "celle", "ceux", "celles"})
_REFLEXIVE = frozenset({"se", "s'", "s’"})
_EVENTS = frozenset({"affaire", "scandale", "dossier", "procès", "révélations"})
_AGENT = {"nsubj", "obl:agent"}
_PATIENT = {"obl:cleft", "obj", "xcomp", "obl:arg", "obl", "iobj", "nsubj:pass", "obl:mod"}
_HEDGES = frozenset({"pouvoir", "devoir", "envisager", "négocier", "vouloir", "souhaiter", "démentir"})
_NEG = frozenset({"pas", "jamais", "ne", "n'", "aucun", "aucune", "plus"})
_SYMMETRIC = frozenset({"PARTNER_OF"})


def string_ids(words: Iterable[str]) -> frozenset[int]:
    """String ids of ``words``: ``tok.lower in string_ids(W)`` is ``tok.lower_ in W`` (and
    ``tok.lemma`` for ``tok.lemma_``) without decoding the token's string, which spaCy does anew
    on every access."""
    return frozenset(get_string_id(w) for w in words)


_REFLEXIVE_IDS, _NEG_IDS, _HEDGE_IDS = string_ids(_REFLEXIVE), string_ids(_NEG), string_ids(_HEDGES)
_QUE_IDS = string_ids(("que", "qu'", "qu’"))
_SOURCE_IDS = string_ids(("selon", "d'après", "d’après"))
#: ``tok.pos in _VERB_POS`` is ``tok.pos_ in ("VERB", "AUX")``, a little cheaper on every token.
_VERB_POS = frozenset({VERB, AUX})
#: Lemma string id -> lower-cased lemma (see :func:`lower_lemma`).
_LOWER_LEMMAS: dict[int, str] = {}


def lower_lemma(tok: Token) -> str:
    """``tok.lemma_.lower()``, memoised on the lemma's string id (cheaper to read than the lemma)."""
    lemma = _LOWER_LEMMAS.get(tok.lemma)
    if lemma is None:
        if len(_LOWER_LEMMAS) > 100_000:  # bound the memo on an endless stream of new words
            _LOWER_LEMMAS.clear()
        lemma = _LOWER_LEMMAS[tok.lemma] = tok.lemma_.lower()
    return lemma


#: (doc, every word's POS id): the doc whose sentences are being read (see :func:`doc_pos`).
_POS: list = [None, []]


def doc_pos(doc: Doc) -> list[int]:
    """``[tok.pos for tok in doc]``, read with one ``doc.to_array`` while the doc's sentences are
    read (again if its length changed): scanning a sentence for verbs or nouns then builds a
    Token only for them, where reading each word's POS built one per word, in each function."""
    if _POS[0] is not doc or len(_POS[1]) != len(doc):
        _POS[:] = [doc, doc.to_array(POS).tolist()]
    return _POS[1]  # type: ignore[no-any-return]


def _antecedent(pron: Token) -> Token | None:
    """The noun a demonstrative stands for ("les permanences de …, dont celles de X"): the
    nearest ancestor noun agreeing with it in gender and number."""
    want = (pron.morph.get("Gender"), pron.morph.get("Number"))
    tok = pron.head
    for _ in range(4):
        if tok.pos_ in ("NOUN", "PROPN") and (tok.morph.get("Gender"), tok.morph.get("Number")) == want:
            return tok
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _appos_anchor(tok: Token, verb: Token) -> Token | None:
    """An apposition the parser hung on the verb ("s'est adressé au même prestataire, X"): the
    verb's dependent just before it, which X renames."""
    left = [c for c in verb.children if c.i < tok.i and c.dep_ not in ("punct", "aux:tense", "aux:pass", "cc")]
    return left[-1] if left and left[-1].pos_ in ("NOUN", "PROPN") else None


def _climb(ent: Span, verb: Token) -> Token | None:
    """The token by which ``ent`` hangs on ``verb`` (climbing a few steps), or None."""
    tok = root = ent.root
    if verb.head.i in range(ent.start, ent.end) and _rel_subject(verb):
        return verb  # "C'est X qui a remporté…", "X, qui utilise…": X is the relative's subject
    relative = verb.dep_ == "acl:relcl"
    for _ in range(8):
        head = tok.head
        if head == tok:
            return None
        dep = tok.dep_
        if head == verb or (head.head == verb and (head.dep_.startswith("aux") or (
                head.dep_ == "advmod" and head.pos_ == "ADV"))):  # "a eu, lors des X, recours à Y"
            if tok.i > 0 and tok.doc[tok.i - 1].text == "," and (dep in ("appos", "dep") or (
                    dep.startswith("obl") and not any(c.dep_ == "case" for c in tok.children))):
                return _appos_anchor(tok, verb)
            return tok
        if relative and head == verb.head and tok == root and _rel_subject(verb):
            return verb
        if dep == "nmod" and lower_lemma(head) in _DEMONSTRATIVES:
            tok = _antecedent(head)
            if tok is None:
                return None
            continue
        if dep in ("conj", "appos", "flat:name", "flat", "fixed") or (
            dep in ("nmod", "amod") and lower_lemma(head) in _HEADS  # amod: "la société X" mis-tagged
        ) or (dep == "obl:agent" and lower_lemma(head) in _FORMING and head.dep_ == "acl"):
            tok = head
            continue
        return None
    return None


_COPULA = frozenset({"est", "était", "fut", "sera", "serait"})


def _cleft(verb: Token) -> tuple[int, int] | None:
    """The focused stretch of a cleft ("C'est vers X que s'est tourné Y", "C'est à X que Y a
    confié…", "C'est l'agence X qu'a choisie Y") as token bounds (after "c'est", before "que"),
    whatever the parser made of it."""
    que = next((c for c in verb.lefts if c.lower in _QUE_IDS), None)
    if que is None:
        return None
    doc = verb.doc
    for i in range(que.i - 2, max(verb.sent.start, que.i - 12) - 1, -1):
        if doc[i].lower_ in ("c'", "c’", "ce") and doc[i + 1].lower_ in _COPULA:
            between = doc[i + 2:que.i]
            if any(t.lower_ in ("qui", "que", "qu'", "qu’", ",", ";", ":") for t in between):
                return None
            return i + 2, que.i
    return None


_NO_FOCUS = (-1, -1)


def _attachment(ent: Span, verb: Token, focus: tuple[int, int] | None = _NO_FOCUS) -> tuple[str, Token] | None:
    """The dependency label by which ``ent`` hangs on ``verb`` and the attached token, or None
    (``focus``: the verb's cleft bounds when the caller computed them once per verb)."""
    if focus == _NO_FOCUS:
        focus = _cleft(verb)
    if focus is not None:
        if focus[0] <= ent.start and ent.end <= focus[1]:
            return "obl:cleft", ent.root
        if ent.start > verb.i and all(t.pos_ in ("DET", "NOUN", "ADJ") for t in verb.doc[verb.i + 1:ent.start]) \
                and ent.start - verb.i <= 4 and not any(c.dep_ == "nsubj" for c in verb.lefts):
            return "nsubj", ent.root  # inverted subject: "C'est X qu'a choisi (la candidate) Y"
    tok = _climb(ent, verb)
    if tok is None:
        return None
    if tok == verb:
        return "nsubj", ent.root
    if tok.dep_ == "nsubj" and verb.dep_ == "acl:relcl":
        return None
    return tok.dep_, tok


def _in_event_name(ent: Span) -> bool:
    """"l'affaire Cambridge Analytica", "le scandale X": the name labels an event, not an actor;
    "selon Le Monde": a cited source, not an argument."""
    doc, i = ent.doc, ent.start
    for j in range(max(0, i - 2), i):
        tok = doc[j]
        if lower_lemma(tok) in _EVENTS or tok.lower in _SOURCE_IDS:
            return True
    return False


def _prepositions(ent: Span, attached: Token) -> set[str]:
    """The prepositions on the way from the entity up to the token hanging on the verb ("pour la
    liste de X" -> {"de", "pour"}; "aux services de X" -> {"de", "à"})."""
    out = {_CASES.get(c.lower_, c.lower_) for c in attached.lefts if c.dep_ == "case"}

    tok = ent.root
    for _ in range(8):
        out.update(_CASES.get(c.lower_, c.lower_) for c in tok.lefts if c.dep_ in ("case", "mark"))
        if tok == attached or tok.head == tok:
            break
        tok = tok.head
    return out


def _cleft_prepositions(ent: Span, verb: Token) -> set[str]:
    """"C'est vers X que…": the prepositions between "c'est" and the focused entity."""
    focus = _cleft(verb)
    start = focus[0] if focus else ent.start
    return {_CASES.get(t.lower_, t.lower_) for t in ent.doc[start:ent.start] if t.pos_ == "ADP"}


_CASES = {"aux": "à", "au": "à", "d'": "de", "du": "de", "des": "de", "auprès": "auprès"}


def _rel_subject(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in ("qui", "lequel", "laquelle") for c in verb.children)


def trigger_key(verb: Token, lemma: str) -> str | None:
    """The first key of :data:`VERBS` the verb (lower-cased lemma ``lemma``) is found under, trying
    in order: light verb + object noun (each object in turn), pronominal, bare lemma. Only a lemma
    that begins a light-verb key reads its objects, only one with a "se" key looks for "se"."""
    if lemma in _LIGHT:
        for c in verb.children:
            if c.dep_ == "obj" and c.pos_ == "NOUN":
                key = f"{lemma} {lower_lemma(c)}"
                if key in VERBS:
                    return key
    if lemma in _PRONOMINAL and any(c.lower in _REFLEXIVE_IDS for c in verb.lefts):
        return f"se {lemma}"
    return lemma if lemma in VERBS else None


#: (morphological analysis key, field, value) -> whether the field holds the value.
_FEATURES: dict[tuple[int, str, str], bool] = {}


def has_feature(tok: Token, field: str, value: str) -> bool:
    """``value in tok.morph.get(field)``, memoised on the analysis key: decoding a token's
    features anew for every child of every trigger was the dearest part of :func:`_denied`."""
    morph = tok.morph
    key = (morph.key, field, value)  # type: ignore[attr-defined]  # readonly, missing from spaCy's stub
    found = _FEATURES.get(key)
    if found is None:
        found = _FEATURES[key] = value in morph.get(field)
    return found


def _denied(verb: Token) -> bool:
    """Denied, conditional ("aurait dirigé") or hedged ("pourrait sanctionner")."""
    return any(c.lower in _NEG_IDS or c.lemma in _HEDGE_IDS or has_feature(c, "Mood", "Cnd")
               for c in verb.children) or has_feature(verb, "Mood", "Cnd") or (
        verb.dep_ == "xcomp" and verb.head.lemma in _HEDGE_IDS)


def _participle_holder(verb: Token, ents: list[Span], taken: list[Span]) -> Span | None:
    """The entity a subjectless participle says something about: the noun it hangs on ("la
    société X, associée à Y") or, fronted before a comma, the main clause's subject ("Associée à
    Y, X a remporté…")."""
    if not has_feature(verb, "VerbForm", "Part") or any(
            c.dep_.startswith(("nsubj", "aux")) for c in verb.children):
        return None
    free = [e for e in ents if e not in taken]
    if verb.dep_ == "acl":
        return next((e for e in free if e.start <= verb.head.i < e.end or e.root.head == verb.head), None)
    comma = next((t for t in verb.sent[verb.i - verb.sent.start:] if t.text == ","), None)
    if verb.i == verb.sent.start and comma is not None:
        main = next((t for t in verb.sent if t.i > comma.i and t.dep_ == "ROOT"), None)
        subj = next((c for c in main.children if c.dep_ == "nsubj"), None) if main is not None else None
        if subj is not None:
            return next((e for e in free if e.start <= subj.i < e.end), None)
    return None


def relation(sent: Span, subj: Span, obj: Span, predicate: str, rule: str,
             confidence: float = 0.6) -> Relation:
    """The relation between two entity spans of ``sent`` (also used by :mod:`nlp.nouns`)."""
    return make_relation(sent, subj, obj, predicate, confidence, rule)


def dependency_relations(doc: Doc, sent: Span, ents: list[Span]) -> list[Relation]:
    """Relations read through trigger verbs of :data:`VERBS` in one sentence."""
    rels: list[Relation] = []
    actors: list[Span] | None = None  # the entities not naming an event, once a trigger is found
    pos = doc_pos(doc)
    for i in range(sent.start, sent.end):
        if pos[i] not in _VERB_POS:
            continue
        verb = doc[i]
        lemma = lower_lemma(verb)
        if lemma not in _LEMMAS:
            continue
        key = trigger_key(verb, lemma)
        if key is None:
            continue
        if actors is None:
            actors = [ent for ent in ents if not _in_event_name(ent)]
        alts = VERBS[key]
        passive = any(c.dep_ == "aux:pass" for c in verb.children)
        focus = _cleft(verb)
        agents: list[Span] = []
        patients: list[tuple[Span, set[str]]] = []
        for ent in actors:
            found = _attachment(ent, verb, focus)
            if found is None:
                continue
            dep, tok = found
            if dep == "nsubj:pass" and key.startswith("se ") and not passive:
                dep = "nsubj"  # "X s'est associé à Y" parsed as a reflexive passive
            if dep in _AGENT and not (passive and dep == "nsubj"):
                agents.append(ent)
            elif dep in _PATIENT or (passive and dep == "nsubj"):
                patients.append((ent, _cleft_prepositions(ent, verb) if dep == "obl:cleft"
                                  else _prepositions(ent, tok)))
        if not (agents or patients) or _denied(verb):
            continue  # nothing to link (a holder alone makes no pair), or denied (checked last: it reads every child's morphology)
        if any(t.predicate in _SYMMETRIC for t in alts):  # "Associée à X, la société Y…": Y is associated with X
            implied = _participle_holder(verb, ents, agents + [p for p, _ in patients])
            if implied is not None:
                agents.append(implied)
        rule = f"dep.{{}}.{key.replace(' ', '_')}"
        for a in agents:
            for p, preps_found in patients:
                if a == p:
                    continue
                for predicate, agent_is_subject, subj_types, obj_types, preps in alts:
                    subj, obj = (a, p) if agent_is_subject else (p, a)
                    if preps and not preps_found.intersection(preps):
                        continue
                    if subj.label_ in subj_types and obj.label_ in obj_types:
                        rels.append(relation(sent, subj, obj, predicate, rule.format(predicate.lower())))
                        break
        for i, a in enumerate(agents):  # "A et B ont signé un accord": symmetric among the agents
            for b in agents[i + 1:]:
                for predicate, _, subj_types, obj_types, _ in alts:
                    if predicate in _SYMMETRIC and a.label_ in subj_types and b.label_ in obj_types:
                        rels.append(relation(sent, a, b, predicate, rule.format(predicate.lower())))
                        break
    return rels
