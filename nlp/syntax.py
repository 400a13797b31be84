"""Dependency fallback for relations: a trigger verb and the entities the parser attached to it.

Used for pairs the gap rules of :mod:`nlp.rules` missed, typically because an incise or a
complement separates the verb from its arguments ("La CNIL a, après un contrôle mené en 2022,
sanctionné Zorbifex"). Arguments are found by climbing from the entity's root through
coordination (``conj``), apposition, names and generic heads ("les équipes de X", "une amende
à X") up to the verb; the verb's voice decides which argument is the agent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.records import Relation
from nlp.rules import DEP_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: lemma -> alternatives (:class:`~nlp.rules.base.Trigger`); each family module of
#: :mod:`nlp.rules` owns its verbs. The first alternative whose types fit wins.
VERBS = DEP_VERBS
_HEADS = frozenset({
    "équipe", "campagne", "candidat", "candidate", "staff", "entourage", "qg", "service", "outil",
    "logiciel", "plateforme", "application", "solution", "société", "start-up", "entreprise",
    "amende", "sanction", "avertissement", "marché", "contrat", "prestation", "parti", "agence",
    "cabinet", "mouvement", "fichier", "donnée", "conseil",
})
_EVENTS = frozenset({"affaire", "scandale", "dossier", "procès", "révélations"})
_AGENT = {"nsubj", "obl:agent"}
_PATIENT = {"obj", "xcomp", "obl:arg", "obl", "iobj", "nsubj:pass", "obl:mod"}
_HEDGES = frozenset({"pouvoir", "devoir", "envisager", "négocier", "vouloir", "souhaiter", "démentir"})
_NEG = frozenset({"pas", "jamais", "ne", "n'", "aucun", "aucune", "plus"})


def _attachment(ent: Span, verb: Token) -> str | None:
    """The dependency label by which ``ent`` hangs on ``verb`` (climbing a few steps), or None."""
    tok = ent.root
    for _ in range(5):
        head = tok.head
        if head == tok:
            return None
        if head == verb:
            dep = tok.dep_
            if dep == "nsubj" and verb.dep_ == "acl:relcl":
                return None
            return dep
        if verb.dep_ == "acl:relcl" and head == verb.head and tok == ent.root and _rel_subject(verb):
            # "X, qui utilise Y": X is the subject of the relative clause.
            return "nsubj"
        if tok.dep_ in ("conj", "appos", "flat:name", "flat", "fixed") or (
            tok.dep_ == "nmod" and head.lemma_.lower() in _HEADS
        ):
            tok = head
            continue
        return None
    return None


def _in_event_name(ent: Span) -> bool:
    """"l'affaire Cambridge Analytica", "le scandale X": the name labels an event, not an actor;
    "selon Le Monde": a cited source, not an argument."""
    doc, i = ent.doc, ent.start
    return any(doc[j].lemma_.lower() in _EVENTS or doc[j].lower_ in ("selon", "d'après", "d’après")
               for j in range(max(0, i - 2), i))


def _preposition(ent: Span) -> str:
    """The preposition the entity (or the head noun it hangs on) is introduced by ("pour", "à")."""
    tok = ent.root
    for _ in range(3):
        case = [c.lower_ for c in tok.children if c.dep_ == "case"]
        if case:
            return case[0]
        if tok.dep_ not in ("conj", "appos", "flat:name", "nmod") or tok.head == tok:
            break
        tok = tok.head
    return ""


def _rel_subject(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in ("qui", "lequel", "laquelle") for c in verb.children)


def dependency_relations(doc: Doc, sent: Span, ents: list[Span]) -> list[Relation]:
    rels: list[Relation] = []
    for verb in sent:
        alts = VERBS.get(verb.lemma_.lower())
        if not alts or verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.lower_ in _NEG or c.lemma_ in _HEDGES or "Cnd" in c.morph.get("Mood")
               for c in verb.children) or "Cnd" in verb.morph.get("Mood"):
            continue  # denied, conditional ("aurait dirigé") or hedged ("pourrait sanctionner")
        passive = any(c.dep_ == "aux:pass" for c in verb.children)
        agents, patients = [], []
        for ent in ents:
            if _in_event_name(ent):
                continue
            dep = _attachment(ent, verb)
            if dep is None:
                continue
            if dep in _AGENT and not (passive and dep == "nsubj"):
                agents.append(ent)
            elif dep in _PATIENT or (passive and dep == "nsubj"):
                patients.append(ent)
        for a in agents:
            for p in patients:
                if a == p:
                    continue
                for predicate, agent_is_subject, subj_types, obj_types, preps in alts:
                    subj, obj = (a, p) if agent_is_subject else (p, a)
                    if preps and _preposition(p) not in preps:
                        continue
                    if subj.label_ in subj_types and obj.label_ in obj_types:
                        rels.append(Relation(
                            subject_span=(subj.start_char, subj.end_char),
                            object_span=(obj.start_char, obj.end_char), predicate=predicate,
                            subject_text=subj.text, object_text=obj.text,
                            evidence_span=(sent.start_char, sent.end_char), confidence=0.6,
                            rule=f"dep.{predicate.lower()}.{verb.lemma_.lower()}",
                            subject_label=subj.label_, object_label=obj.label_,
                        ))
                        break
    return rels
