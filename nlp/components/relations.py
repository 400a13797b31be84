"""``ciblage_relations``: typed relations between the entities of each sentence, with evidence.

For every sentence (parser splits inside a name or without end punctuation are merged back):
entities joined by "," / "et" / "ou" / "ainsi que" form coordinated groups; for each ordered
pair of groups the gap between them (other entities masked) is matched against the rules of
:mod:`nlp.rules` (first match wins; a second role after "et" is also kept), and the relation
is emitted for every member of both groups whose type fits. A left entity sitting in an agent
complement, relative clause or apposition is not the subject of the next verb. Parallel
prepositional arguments ("sur X … et sur Y") copy a relation. The frames of :mod:`nlp.frames`
then read fronted clauses, possessives, anaphora, joint subjects, quotes and party labels; a
dependency fallback reads verb triggers the parser attached directly. Subject = object is never
emitted, and a public body's CLIENT_OF becomes CONTRACT_WITH. Every pair of co-occurring
entities also yields a weak MENTIONED_WITH record (rule ``cooccurrence``).
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ciblage.ids import fold
from nlp import frames
from nlp.records import (LANGUAGE_EXT, RELATIONS_EXT, Relation, doc_text, entity_facts, make_relation,
                          relation_between, relation_dicts)
from nlp.rules import RULES, Rule, is_negated, match_gap, normalise_gap, rules_without
from nlp.rules.base import _DET, _OBJ, fits
from nlp.nouns import noun_relations
from nlp.syntax import dependency_relations

_COORD = re.compile(r"^\s*(?:,|et|ou|, et|, ou|ainsi que|comme|de même que|/)\s*"
                    r"(?:(?:le|la|les|l'|l’)\s*(?:(?:société|cabinet|agence|institut|start-?up|groupe|"
                    r"entreprise|éditeur|logiciel|application|plateforme|parti|mouvement|député|députée|"
                    r"sénateur|sénatrice|maire)\s+)?)?$", re.IGNORECASE)


#: :func:`~ciblage.ids.fold` of entity texts, which come back for every relation they are in.
fold_cached = lru_cache(maxsize=4096)(fold)

_MIXABLE = frozenset({"COMPANY", "PARTY", "PUBLIC_BODY", "MEDIA", "PERSON"})
_COORD_WORD = re.compile(r"\b(?:et|ou|ainsi que)\b")
_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)")
_LIST_GOES_ON = re.compile(r"\s*,?\s*(?:et|ou|ainsi que)\b")
_CLOSERS = {".", "!", "?", "»", "…", '"', "”"}
#: The left entity sits in an agent complement or a relative clause of its own ("…, éditée par
#: X, a été…", "…, qui brigue la mairie de X, s'appuie…"), so it is not the next verb's subject.
_EMBEDDED = re.compile(r"(?:(?:\bpar|\bqui|\bque|\bqu'|\bdont)\s+(?:[^,;]{0,40}\s)?|,\s*(?:[a-zà-ÿ'-]+\s+)"
                       r"{1,4}?(?:de|du|des|d'|pour|chez|au sein de)\s*)" + _DET + _OBJ + r"$")
_PREP_BEFORE = re.compile(r"\b(?P<prep>sur|par|avec|chez|à|auprès de)\s+" + _DET + _OBJ + r"$")
_PARALLEL = re.compile(r"^[^;.§]{0,80}?\s(?:et|ainsi que|puis|mais aussi)\s+(?P<prep>sur|par|avec|chez|à|"
                       r"auprès de)\s+" + _DET + _OBJ + r"$")


@registry.misc("ciblage.relation_rules.v1")
def relation_rules() -> tuple[Rule, ...]:
    """The gap rules of :mod:`nlp.rules`."""
    return RULES


class RelationExtractor:
    """Fill ``doc._.ciblage_relations`` with :class:`Relation` dicts."""

    def __init__(self, name: str, *, rules: tuple[Rule, ...], cooccurrence: bool,
                 cooccurrence_confidence: float, use_dependencies: bool, max_ents: int) -> None:
        self.name = name
        self.rules = tuple(rules)
        self.cooccurrence = cooccurrence
        self.cooccurrence_confidence = cooccurrence_confidence
        self.use_dependencies = use_dependencies
        self.max_ents = max_ents
        self._typed: dict[tuple[str, str], tuple[Rule, ...]] = {}

    def rules_for(self, label_a: str, label_b: str) -> tuple[Rule, ...]:
        """The rules whose types fit A (earlier) and B, in order; :func:`match_gap` would skip
        the others, so handing it only these never changes the first match."""
        rules = self._typed.get((label_a, label_b))
        if rules is None:
            rules = self._typed[(label_a, label_b)] = tuple(r for r in self.rules if fits(r, label_a, label_b))
        return rules

    def __call__(self, doc: Doc) -> Doc:
        out: list[dict[str, object]] = []
        ext = doc._  # spaCy builds this accessor anew on each read of doc._: read once
        skip_typed = getattr(ext, LANGUAGE_EXT) not in (None, "fr")
        previous: list[Span] = []
        for sent, ents in sentences_with_ents(doc):
            found: dict[tuple[int, int, str], Relation] = {}
            if not skip_typed and len(ents) <= self.max_ents:
                for rel in self.typed_relations(doc, sent, ents, previous):
                    key = (rel.subject_span[0], rel.object_span[0], rel.predicate)
                    found.setdefault(key, rel)
            out.extend(r.to_dict() for r in found.values())
            if self.cooccurrence and len(ents) >= 2:
                out.extend(self.cooccurrences(sent, ents))
            previous = ents
        ext.set(RELATIONS_EXT, out)
        return doc

    def typed_relations(self, doc: Doc, sent: Span, ents: list[Span],
                        previous: list[Span]) -> list[Relation]:
        """Gap rules, then sentence frames, then the dependency fallback, filtered and fixed."""
        rels: list[Relation] = []
        if len(ents) >= 2:
            rels.extend(self.gap_relations(doc, sent, ents))
            rels.extend(parallel_arguments(doc, ents, rels))
        triples = frames.sentence_triples(doc, sent, ents, previous)
        rels.extend(make_relation(sent, s, o, p, c, r) for s, o, p, c, r in triples
                    if s.start_char != o.start_char)
        if self.use_dependencies and len(ents) >= 2:
            pairs = {frozenset((r.subject_span[0], r.object_span[0])) for r in rels}
            # a party read as a label ("le député LR X") is not the subject of the clause's verb
            labels = {o.start_char for _, o, p, _, r in triples if r == "frame.label.member_of"}
            if not all_linked(ents, pairs):
                rels.extend(r for r in dependency_relations(doc, sent, ents)
                            if frozenset((r.subject_span[0], r.object_span[0])) not in pairs
                            and r.subject_span[0] not in labels)
                pairs = {frozenset((r.subject_span[0], r.object_span[0])) for r in rels}
            if not all_linked(ents, pairs):
                rels.extend(r for r in noun_relations(doc, sent, ents)
                            if frozenset((r.subject_span[0], r.object_span[0])) not in pairs
                            and r.subject_span[0] not in labels)
        text = doc_text(doc)
        # a sigle in brackets right after its long form: the text between is the cheapest test, first
        sigles = {frozenset((fold_cached(text[a.start_char:a.end_char]), fold_cached(text[b.start_char:b.end_char])))
                  for a, b in zip(ents, ents[1:]) if not text[a.end_char:b.start_char].strip(" (")
                  and in_parenthesis(doc, b) and a.label_ == b.label_}
        return [fix_predicate(r) for r in rels if not same_entity(doc, r) and not (
                sigles and frozenset((fold_cached(r.subject_text), fold_cached(r.object_text))) in sigles)]

    def gap_relations(self, doc: Doc, sent: Span, ents: list[Span]) -> list[Relation]:
        text = doc_text(doc)
        labels = [e.label_ for e in ents]  # entities are read once: groups hold their positions
        bounds = [(e.start_char, e.end_char) for e in ents]
        groups: list[list[int]] = [[0]]
        closed = [False]  # the group's list has a conjunction ("A, B et C"), not only commas
        for k in range(1, len(ents)):
            between = text[bounds[k - 1][1]:bounds[k][0]]
            label, prev_label = labels[k], labels[k - 1]
            if (label == prev_label or (
                    _MIXABLE.issuperset((label, prev_label)) and _COORD_WORD.search(between)
            )) and _COORD.match(between):
                groups[-1].append(k)
                closed[-1] = closed[-1] or bool(_COORD_WORD.search(between))
            else:
                groups.append([k])
                closed.append(False)
        for k, group in enumerate(groups):  # "A, B et l'hebdomadaire C": the list goes on
            end = bounds[group[-1]][1]
            closed[k] = closed[k] or bool(_LIST_GOES_ON.match(text[end:end + 12]))
        # Commas alone do not make a list: "Après avoir racheté A, le groupe B a absorbé C".
        groups = [g for group, ok in zip(groups, closed) for g in ([group] if ok else [[k] for k in group])]
        marks = [("lieu" if label == "PLACE" else "§") for label in labels]
        evidence = (sent.start_char, sent.end_char)
        facts = [(span, text[span[0]:span[1]], label) for span, label in zip(bounds, labels)]  # see entity_facts
        rels: list[Relation] = []
        for i, left in enumerate(groups):
            ia = left[-1]
            if _in_parenthesis(text, *bounds[ia]):
                continue  # "X (LR) a fait appel à Y": the label is not the subject
            left_start = bounds[left[0]][0]
            prefix = normalise_gap(text[max(evidence[0], left_start - 80):left_start])
            for right in groups[i + 1:]:
                ib = right[0]
                typed = self.rules_for(labels[ia], labels[ib])
                if not typed and _never_too_long(bounds[ia][1], bounds[ib][0], ib - ia - 1):
                    continue  # no rule fits, and the gap cannot be the one too long to go on
                # a parenthesis between the two ("X (LR) a fait appel à Y") is an aside
                # (entities are sorted and never overlap: only those between A and B are in the gap)
                gap = _masked_text(text, bounds[ia][1], bounds[ib][0], bounds[ia + 1:ib], marks[ia + 1:ib])
                gap = normalise_gap(_PARENTHESIS.sub("", gap) if "(" in gap else gap)
                if len(gap) > 160:
                    break
                rule = match_gap(gap, prefix, labels[ia], labels[ib], typed)
                if rule is None:
                    continue
                rules = [rule]
                if " et " in gap:  # "cofondateur et président de X": both roles
                    second = match_gap(", " + gap.split(" et ", 1)[1], prefix, labels[ia], labels[ib],
                                       rules_without(typed, rule.predicate))
                    if second is not None and second.direction == rule.direction:
                        rules.append(second)
                if gap.startswith(",") and _verb_after(doc, ents[ia]) and _EMBEDDED.search(prefix + " "):
                    continue  # "…, éditée par X, a été utilisée par Y": X is not the subject
                penalty = 0.05 if len(left) + len(right) > 2 else 0.0
                for rule in rules:
                    for x in left:
                        for y in right:
                            subj, obj = (x, y) if rule.direction == "fwd" else (y, x)
                            if labels[subj] in rule.subj and labels[obj] in rule.obj:
                                rels.append(relation_between(evidence, facts[subj], facts[obj], rule.predicate,
                                                             rule.confidence - penalty, rule.name))
        return rels

    def cooccurrences(self, sent: Span, ents: list[Span]) -> list[dict[str, Any]]:
        """``MENTIONED_WITH`` between every two differently named entities of the sentence, as
        :meth:`Relation.to_dict` dicts (built straight, see :func:`~nlp.records.relation_dicts`)."""
        text = doc_text(sent.doc)
        facts = [entity_facts(text, e) for e in ents]
        names = [e.id_ or f[1] for e, f in zip(ents, facts)]  # f[1]: the span's text, sliced
        seen: set[tuple[str, str]] = set()
        pairs = []
        for i in range(len(ents)):
            for j in range(i + 1, len(ents)):
                x, y = names[i], names[j]
                key = (x, y) if x <= y else (y, x)
                if x == y or key in seen:
                    continue
                seen.add(key)
                pairs.append((i, j))
        return relation_dicts((sent.start_char, sent.end_char), facts, pairs, "MENTIONED_WITH",
                              self.cooccurrence_confidence, "cooccurrence")


#: :func:`sentences_with_ents` per live doc, with the entities it was computed for: the relation
#: components and the learned model read the same sentences. Only numbers are kept (per sentence:
#: its token bounds and the range of its entities in ``doc.ents``): a cached Span holds its doc,
#: and the entry would keep the doc alive for ever (the weak key never dies).
_SENTENCES: weakref.WeakKeyDictionary[Doc, tuple[tuple[Any, ...], list[tuple[int, int, int, int]]]] = (
    weakref.WeakKeyDictionary())


def sentences_with_ents(doc: Doc) -> list[tuple[Span, list[Span]]]:
    """Sentences and their entities; a parser split inside a name or without end punctuation
    ("Le groupe de communication Vasseur | Médias a…") is merged back. Computed once per doc
    and set of entities."""
    ents = list(doc.ents)  # spaCy builds every Span anew on each read of doc.ents: read once
    key = tuple((e.start, e.end, e.label, e.kb_id, e.id) for e in ents)
    cached = _SENTENCES.get(doc)
    if cached is None or cached[0] != key:
        cached = _SENTENCES[doc] = (key, _sentence_bounds(doc, ents))
    return [(doc[start:end], ents[i:j]) for start, end, i, j in cached[1]]


def _sentence_bounds(doc: Doc, ents: list[Span]) -> list[tuple[int, int, int, int]]:
    """Per sentence with entities: its token start and end, and the range of its entities in
    ``ents`` (sorted, so a sentence's entities follow each other)."""
    bounds: list[list[int]] = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        tail = last = doc[end - 1]  # the last token, and the last that is not a space
        while last.is_space and last.i > start:
            last = doc[last.i - 1]
        if bounds and not bounds[-1][2]:
            bounds[-1][1] = end
        else:
            bounds.append([start, end, 0])
        closed = not last.is_space and (last.text in _CLOSERS or "\n" in tail.text_with_ws)
        bounds[-1][2] = int(closed)
    for ent in ents:  # an entity across a boundary joins the two sentences
        for i in range(len(bounds) - 1):
            if ent.start < bounds[i][1] < ent.end:
                bounds[i][1] = bounds[i + 1][1]
                bounds[i + 1][0] = bounds[i][1]
    out: list[tuple[int, int, int, int]] = []
    k = 0
    for start, end, _ in bounds:
        if start >= end:
            continue
        first = None
        while k < len(ents) and ents[k].start < end:
            if first is None and ents[k].start >= start:
                first = k
            k += 1
        if first is not None:
            out.append((start, end, first, k))
    return out


def _never_too_long(start: int, end: int, masked: int) -> bool:
    """Whether the gap from ``start`` to ``end`` (``masked``: the entities inside it) stays within
    the 160 characters past which :meth:`RelationExtractor.gap_relations` stops, once masked and
    normalised: a mark has at most 4 characters for an entity of at least 1, lower-casing makes
    at most 3 characters of one, and normalising never lengthens the text otherwise."""
    return 3 * (end - start + 3 * masked) <= 160


def all_linked(ents: list[Span], pairs: set[frozenset[int]]) -> bool:
    """Every two entities of the sentence are already related (``pairs``: the start offsets of
    each relation's two entities). The fallbacks relate two entities of the sentence and only
    keep pairs not related yet, so they would add nothing: they are not run."""
    if len(pairs) < len(ents) * (len(ents) - 1) // 2:
        return False
    starts = [e.start_char for e in ents]
    return all(frozenset((a, b)) in pairs for i, a in enumerate(starts) for b in starts[i + 1:])


def in_parenthesis(doc: Doc, ent: Span) -> bool:
    """The entity stands alone in brackets: "X (LR)", a label or a sigle, not an argument."""
    return _in_parenthesis(doc_text(doc), ent.start_char, ent.end_char)


def _in_parenthesis(text: str, start: int, end: int) -> bool:
    return text[max(0, start - 2):start].strip().endswith("(") and text[end:end + 2].strip().startswith(")")


def _masked(doc: Doc, start: int, end: int, ents: list[Span]) -> str:
    """The text between two entities, other entities inside it replaced by a placeholder."""
    return _masked_text(doc_text(doc), start, end, [(e.start_char, e.end_char) for e in ents],
                        [("lieu" if e.label_ == "PLACE" else "§") for e in ents])


def _masked_text(text: str, start: int, end: int, bounds: list[tuple[int, int]], marks: list[str]) -> str:
    """:func:`_masked` on the doc's text, the entities' character bounds and placeholders."""
    gap = text[start:end]
    for k in range(len(bounds) - 1, -1, -1):  # a place reads as a plain complement ("à Brest")
        ent_start, ent_end = bounds[k]
        if start <= ent_start and ent_end <= end:
            gap = gap[:ent_start - start] + marks[k] + gap[ent_end - start:]
    return gap


def same_entity(doc: Doc, rel: Relation) -> bool:
    """Subject and object are one entity: same name, or a sigle after its long form."""
    s, o = rel.subject_text, rel.object_text
    if fold_cached(s) == fold_cached(o):
        return True
    if rel.subject_label != rel.object_label:  # "le sénateur X (LR)": a label, not a sigle of X
        return False
    first, second = sorted((rel.subject_span, rel.object_span))
    between = doc_text(doc)[first[1]:second[0]].strip()
    return between == "(" and doc_text(doc)[second[1]:second[1] + 1] == ")"


def fix_predicate(rel: Relation) -> Relation:
    """A public body paying for a firm's services is a contract, not a client (guidelines)."""
    if rel.predicate == "CLIENT_OF" and rel.subject_label == "PUBLIC_BODY":
        return replace(rel, predicate="CONTRACT_WITH", rule=rel.rule + ".public")
    return rel


def parallel_arguments(doc: Doc, ents: list[Span], rels: list[Relation]) -> list[Relation]:
    """"s'appuie sur le logiciel X … et sur l'institut Y": Y takes X's place in the relation."""
    out = []
    by_start = {e.start_char: e for e in ents}
    for rel in rels:
        late = max(rel.subject_span, rel.object_span)
        x = by_start.get(late[0])
        if x is None:
            continue
        # only a later entity of the same role can take X's place: looked for before the text
        later = [y for y in ents if y.start_char > x.end_char and _same_role(x.label_, y.label_)]
        if not later:
            continue
        m = _PREP_BEFORE.search(normalise_gap(doc_text(doc)[max(0, x.start_char - 60):x.start_char]) + " ")
        if not m:
            continue
        for y in later:
            gap = normalise_gap(_masked(doc, x.end_char, y.start_char, ents)) + " "
            pm = _PARALLEL.match(gap)
            if pm and pm["prep"] == m["prep"] and "§" not in gap:
                span = (y.start_char, y.end_char)
                subj = span if late == rel.subject_span else rel.subject_span
                obj = span if late == rel.object_span else rel.object_span
                out.append(replace(rel, subject_span=subj, object_span=obj,
                                   subject_text=doc_text(doc)[subj[0]:subj[1]],
                                   object_text=doc_text(doc)[obj[0]:obj[1]],
                                   confidence=round(rel.confidence - 0.05, 3),
                                   rule=rel.rule + ".parallel"))
                break
    return out


_CLITICS = frozenset({"se", "s'", "s’", "l'", "l’", "le", "la", "les", "lui", "leur", "en", "y", "ne", "n'",
                      "n’"})


def _verb_after(doc: Doc, ent: Span) -> bool:
    """The first word after the entity's comma is a verb: the clause's predicate follows."""
    i = ent.end
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space or doc[i].lower_ in _CLITICS):
        i += 1
    return i < len(doc) and doc[i].pos_ in ("AUX", "VERB")


def _same_role(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"COMPANY", "PRODUCT"} or {a, b} <= {"PERSON", "PARTY"}


__all__ = ["RelationExtractor", "fix_predicate", "fold_cached", "in_parenthesis", "is_negated", "make_relation",
           "same_entity", "sentences_with_ents"]


@Language.factory(
    "ciblage_relations",
    default_config={
        "rules": {"@misc": "ciblage.relation_rules.v1"},
        "cooccurrence": True,
        "cooccurrence_confidence": 0.2,
        "use_dependencies": True,
        "max_ents": 40,
    },
    assigns=[f"doc._.{RELATIONS_EXT}"],
    requires=["doc.ents", "doc.sents"],
)
def create_relations(nlp: Language, name: str, rules: tuple[Rule, ...], cooccurrence: bool,
                     cooccurrence_confidence: float, use_dependencies: bool,
                     max_ents: int) -> RelationExtractor:
    return RelationExtractor(name, rules=rules, cooccurrence=cooccurrence,
                             cooccurrence_confidence=cooccurrence_confidence,
                             use_dependencies=use_dependencies, max_ents=max_ents)
