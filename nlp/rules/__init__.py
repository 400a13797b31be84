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

__all__ = ["ACTOR", "ANY", "DEP_VERBS", "ORG", "RULES", "VENDOR", "Rule", "Trigger", "fitting_rules",
           "is_negated", "match_gap", "normalise_gap", "rules_without"]

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
    """Where to look in a tuple of rules, as bit masks over its positions (bit ``k``: ``rules[k]``):
    the rules tried whatever the gap holds (no needles, or needles :data:`_FINDER` does not know),
    per needle of :data:`_FINDER` the rules that have it, and per pair of labels (filled on first
    use) the rules whose types fit."""

    rules: tuple[Rule, ...]
    always: int
    by_needle: dict[str, int]
    fitting: dict[tuple[str, str], int]


#: :class:`_Index` per tuple of rules handed to :func:`match_gap`, keyed by the tuple's id (the
#: index holds the tuple, so that a new tuple reusing a freed id is never served another's index).
_INDEXES: dict[int, _Index] = {}


def _index(rules: tuple[Rule, ...]) -> _Index:
    index = _INDEXES.get(id(rules))
    if index is not None and index.rules is rules:
        return index
    always = 0
    by_needle: dict[str, int] = {}
    for k, rule in enumerate(rules):
        if rule.needles is None or id(rule) not in _FOUND_BY_FINDER:
            always |= 1 << k
        else:
            for needle in rule.needles:
                by_needle[needle] = by_needle.get(needle, 0) | 1 << k
    index = _Index(rules, always, by_needle, {})
    if len(_INDEXES) >= 1024:  # callers' one-off tuples ("the rules but this one") come and go
        _INDEXES.clear()
    _INDEXES[id(rules)] = index
    return index


def _fitting_mask(index: _Index, label_a: str, label_b: str) -> int:
    """The bits of the index's rules whose types fit A (the earlier entity) and B."""
    mask = index.fitting.get((label_a, label_b))
    if mask is None:
        mask = index.fitting[(label_a, label_b)] = sum(
            1 << k for k, rule in enumerate(index.rules) if fits(rule, label_a, label_b))
    return mask


def rules_without(rules: tuple[Rule, ...], predicate: str) -> tuple[Rule, ...]:
    """``rules`` but those of ``predicate`` (a second role after "et" must be another one), one
    tuple per pair: :func:`match_gap` indexes each tuple it is handed once."""
    key = (id(rules), predicate)
    entry = _WITHOUT.get(key)
    if entry is None or entry[0] is not rules:
        if len(_WITHOUT) >= 1024:
            _WITHOUT.clear()
        entry = _WITHOUT[key] = (rules, tuple(r for r in rules if r.predicate != predicate))
    return entry[1]


#: :func:`rules_without` per (id of the tuple, predicate), with the tuple (see :data:`_INDEXES`).
_WITHOUT: dict[tuple[int, str], tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {}


def _prefix_holds(rule: Rule, prefix: str) -> bool:
    """The rule's prefix pattern is found, neither negated nor hedged, at the end of ``prefix``.
    Memoised for the last prefix: a left entity's prefix is tested against every entity after it,
    and the needles of every prefix pattern are found in it in one pass."""
    if _PREFIX[0] != prefix:
        _PREFIX[:] = [prefix, {}, _PREFIX_FINDER.present(prefix)]
    held = _PREFIX[1].get(rule.prefix)  # the answer depends on the rule's prefix pattern alone
    if held is None:
        held = _PREFIX[1][rule.prefix] = _prefix_found(rule, prefix, _PREFIX[2])
    return held


def _prefix_found(rule: Rule, prefix: str, present: set[str]) -> bool:
    """:func:`_prefix_holds` computed (``present``: the needles of :data:`_PREFIX_FINDER` in the
    prefix, which holds those of every rule of :data:`RULES`; a pattern none of whose needles is
    there cannot match)."""
    if rule.prefix_needles is not None and (
            present.isdisjoint(rule.prefix_needles) if id(rule) in _FOUND_BY_FINDER
            else not any(n in prefix for n in rule.prefix_needles)):
        return False
    found = rule.prefix_regex.search(prefix)  # type: ignore[union-attr]
    return found is not None and not is_negated(found[0]) and HEDGED.search(found[0]) is None


#: The needles of every prefix pattern of :data:`RULES`, found in a prefix in one pass.
_PREFIX_FINDER = NeedleFinder(frozenset().union(*(r.prefix_needles for r in RULES
                                                   if r.prefix_needles is not None)))
#: (the last prefix :func:`_prefix_holds` read, prefix pattern -> its answer there, the needles
#: of :data:`_PREFIX_FINDER` in it).
_PREFIX: list = [None, {}, set()]


def match_gap(gap: str, prefix: str, label_a: str, label_b: str,
              rules: tuple[Rule, ...] = RULES) -> Rule | None:
    """The first rule whose pattern matches the gap and whose types fit, or None.

    Args:
        gap: text between entity A and entity B (already normalised).
        prefix: sentence text before entity A (already normalised).
        label_a: label of A (the earlier entity); label_b: label of B.
    """
    if rules is RULES:  # the default (not a caller's own tuple): only the rules that fit the labels
        rules = fitting_rules(label_a, label_b)
    index = _index(rules)
    fitting = _fitting_mask(index, label_a, label_b)
    if not fitting or is_negated(gap):  # no rule fits (None whatever the gap), or a negated gap
        return None
    gap = " ".join((_INCISE.sub(" ", gap) if "," in gap else gap).split())  # every incise opens with a comma
    if len(gap) > 160:
        return None
    # The trailing space lets a final descriptor ("de l'agence") end like a word.
    text = (" " + gap if not gap.startswith((" ", ",")) else gap) + " "
    # Only the rules one of whose needles is in the gap (and those without known needles) can
    # match: one Aho-Corasick pass finds the needles, the index gives their rules, tried in order.
    tried = (index.always | _FINDER.mask(text, index.by_needle)) & fitting
    while tried:
        low = tried & -tried
        tried ^= low
        rule = rules[low.bit_length() - 1]
        if rule.needle_regex is not None and id(rule) not in _FOUND_BY_FINDER \
                and rule.needle_regex.search(text) is None:
            continue  # a rule of the caller's own, not in RULES: its needles searched here
        if rule.prefix_regex is not None and not _prefix_holds(rule, prefix):
            continue
        if rule.regex.match(text):
            return rule
    return None
