"""Relation rules: trigger words read in the text between two entities of one sentence.

A rule (:class:`~nlp.rules.base.Rule`) is data: a regular expression over the lower-cased *gap*
between entity A and a later entity B (optionally also over the sentence text before A), a
predicate, a direction (``fwd``: A is the subject; ``rev``: B is), and the entity types allowed
as subject and object. Passive voice ("X a été sanctionnée par la CNIL") is a ``rev`` rule;
apposition ("Guillaume Liegey, cofondateur de LMP") a noun trigger after a comma; relative
clauses ("X, dont les clients comptent Y") a ``rev`` rule; coordination ("Fillon, Mélenchon et
Cheminade utilisent X") is handled by :mod:`nlp.components.relations`, which applies a rule to
every member of a coordinated group. The first matching rule wins for a pair, so specific
rules come before general ones: :data:`RULES` concatenates the modules in this fixed order:
:mod:`~nlp.rules.nominal`, :mod:`~nlp.rules.contracts`, :mod:`~nlp.rules.people`,
:mod:`~nlp.rules.capital`, :mod:`~nlp.rules.regulation`, :mod:`~nlp.rules.clients`.
Negated gaps ("n'a jamais utilisé") never match.

Example:
    >>> match_gap(", cofondateur de", "", "PERSON", "COMPANY").name
    'gap.founded.noun'
"""

from __future__ import annotations

from typing import NamedTuple

from nlp.rules import capital, clients, contracts, nominal, people, regulation
from nlp.rules.base import _INCISE, ACTOR, ANY, HEDGED, ORG, VENDOR, Rule, Trigger, fits, is_negated, normalise_gap
from nlp.rules.needles import NeedleFinder

__all__ = ["ACTOR", "ANY", "DEP_VERBS", "ORG", "RULES", "VENDOR", "Rule", "Trigger", "fitting_rules", "is_negated",
           "match_gap", "normalise_gap"]

RULES: tuple[Rule, ...] = (*nominal.RULES, *contracts.RULES, *people.RULES, *capital.RULES,
                           *regulation.RULES, *clients.RULES)

#: The needles of every rule of :data:`RULES`, found in a gap in one pass; a rule of RULES (known by
#: its id) whose needles are all absent is skipped, exactly as its ``needle_regex`` would skip it.
_FINDER = NeedleFinder(frozenset().union(*(r.needles for r in RULES if r.needles is not None)))
_FOUND_BY_FINDER = frozenset(id(r) for r in RULES)


def _merge(*tables: dict[str, tuple[Trigger, ...]]) -> dict[str, tuple[Trigger, ...]]:
    merged: dict[str, tuple[Trigger, ...]] = {}
    for table in tables:
        for lemma, alts in table.items():
            merged[lemma] = (*merged.get(lemma, ()), *alts)
    return merged


#: Every family's trigger verbs for :mod:`nlp.syntax` (a lemma in two families: regulation's
#: alternative is tried before capital's, so "la CNIL a contrôlé X" is REGULATES).
DEP_VERBS: dict[str, tuple[Trigger, ...]] = _merge(regulation.DEP_VERBS, contracts.DEP_VERBS, people.DEP_VERBS,
                                                   capital.DEP_VERBS, clients.DEP_VERBS)


_FITTING: dict[tuple[str, str], tuple[Rule, ...]] = {}


def fitting_rules(label_a: str, label_b: str) -> tuple[Rule, ...]:
    """The rules of :data:`RULES` whose types fit A (the earlier entity) and B, in order, computed
    once per pair of labels: :func:`match_gap` skips the others, so they never change its answer."""
    rules = _FITTING.get((label_a, label_b))
    if rules is None:
        rules = _FITTING[(label_a, label_b)] = tuple(r for r in RULES if fits(r, label_a, label_b))
    return rules


class _Index(NamedTuple):
    """Where to look in a tuple of rules: the positions of the rules tried whatever the gap holds
    (no needles, or needles :data:`_FINDER` does not know), and per needle of :data:`_FINDER` the
    positions of the rules that have it."""

    always: tuple[int, ...]
    by_needle: dict[str, tuple[int, ...]]


#: :class:`_Index` per tuple of rules handed to :func:`match_gap`, keyed by the tuple's id (with the
#: tuple, so that a new tuple reusing a freed id is never served another's index).
_INDEXES: dict[int, tuple[tuple[Rule, ...], _Index]] = {}


def _index(rules: tuple[Rule, ...]) -> _Index:
    entry = _INDEXES.get(id(rules))
    if entry is not None and entry[0] is rules:
        return entry[1]
    always: list[int] = []
    by_needle: dict[str, list[int]] = {}
    for k, rule in enumerate(rules):
        if rule.needles is None or id(rule) not in _FOUND_BY_FINDER:
            always.append(k)
        else:
            for needle in rule.needles:
                by_needle.setdefault(needle, []).append(k)
    index = _Index(tuple(always), {n: tuple(ks) for n, ks in by_needle.items()})
    if len(_INDEXES) >= 1024:  # callers' one-off tuples ("the rules but this one") come and go
        _INDEXES.clear()
    _INDEXES[id(rules)] = (rules, index)
    return index


def match_gap(gap: str, prefix: str, label_a: str, label_b: str,
              rules: tuple[Rule, ...] = RULES) -> Rule | None:
    """The first rule whose pattern matches the gap and whose types fit, or None.

    Args:
        gap: text between entity A and entity B (already normalised).
        prefix: sentence text before entity A (already normalised).
        label_a: label of A (the earlier entity); label_b: label of B.
    """
    if is_negated(gap):
        return None
    gap = " ".join((_INCISE.sub(" ", gap) if "," in gap else gap).split())  # every incise opens with a comma
    if len(gap) > 160:
        return None
    # The trailing space lets a final descriptor ("de l'agence") end like a word.
    text = (" " + gap if not gap.startswith((" ", ",")) else gap) + " "
    if rules is RULES:  # the default (not a caller's own tuple): only the rules that fit the labels
        rules = fitting_rules(label_a, label_b)
    # Only the rules one of whose needles is in the gap (and those without known needles) can
    # match: one Aho-Corasick pass finds the needles, the index gives their rules, tried in order.
    index = _index(rules)
    tried = set(index.always)
    if index.by_needle:
        for needle in _FINDER.present(text):
            tried.update(index.by_needle.get(needle, ()))
    for k in sorted(tried):
        rule = rules[k]
        subj, obj = (label_a, label_b) if rule.direction == "fwd" else (label_b, label_a)
        if subj not in rule.subj or obj not in rule.obj:
            continue
        if rule.needle_regex is not None and id(rule) not in _FOUND_BY_FINDER \
                and rule.needle_regex.search(text) is None:
            continue  # a rule of the caller's own, not in RULES: its needles searched here
        if rule.prefix_regex is not None:
            if rule.prefix_needles is not None and not any(n in prefix for n in rule.prefix_needles):
                continue  # likewise, the prefix pattern's needles are not in the prefix
            found = rule.prefix_regex.search(prefix)
            if found is None or is_negated(found.group(0)) or HEDGED.search(found.group(0)):
                continue
        if rule.regex.match(text):
            return rule
    return None
