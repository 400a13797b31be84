"""``ciblage_attribute_ruler``: the stock attribute ruler, its single-token rules applied per doc
with array operations instead of one Span and one Python call per matched token.

The stock French model's ``attribute_ruler`` holds 23 rules, each of one token ("POS ADJ → TAG
ADJ", "a space → POS SPACE"). Almost every token matches one, and spaCy sets each match through
a Span and ``set_token_attrs``: about 3% of the whole extraction's time for a copy of POS into
TAG. This subclass works out once what the rules do to a token with a given combination of the
tested values (in the stock order: a later rule overrides an earlier one, every rule tested on
the token as it came), maps a doc's tokens to those outcomes in one pass and writes back, with
numpy, only the columns that changed.
The annotations are the stock ruler's, bit for bit (``tests/nlp/test_stock_components.py``).

Rules it cannot read this way (several tokens, operators, regular expressions, morphology or
extension attributes, other columns to set) make it run the stock matcher for the whole
ruler: a model with such rules is annotated as before, only not faster.

:func:`speed_up` swaps it in for a pipeline's stock ``attribute_ruler`` with the same rules;
``nlp/config.cfg`` (``[pipeline] fast_stock``) says whether the pipeline does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

log = logging.getLogger(__name__)

#: Token columns a rule may test: string columns (compared as string ids) and lexical flags.
_TESTABLE = frozenset({ORTH, LOWER, NORM, LEMMA, POS, TAG, DEP}) | frozenset(
    IDS[name] for name in IDS if name.startswith(("IS_", "LIKE_")) and IDS[name] < 64)
#: Columns a rule may set: ``Doc.from_array`` writes them as ``set_token_attrs`` does.
_SETTABLE = frozenset({TAG, POS, MORPH, DEP, LEMMA})

#: One token test: (column, values, whether the value must be in them rather than out).
Test = tuple[int, frozenset[int], bool]


@dataclass(frozen=True)
class Rule:
    """A rule read as column tests: any of its alternatives (all tests true) sets ``attrs``."""

    alternatives: tuple[tuple[Test, ...], ...]
    attrs: tuple[tuple[int, int], ...]


def _value(strings: Any, value: Any) -> int | None:
    """A pattern value as the Matcher compares it (a string as its id, a bool as 0/1)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(strings.add(value))
    return None


def _test(strings: Any, key: str, spec: Any) -> Test | None:
    """One ``{"KEY": spec}`` entry of a token pattern as a column test (None: not readable)."""
    column = ORTH if key.upper() == "TEXT" else IDS.get(key.upper())
    if column not in _TESTABLE:
        return None
    if isinstance(spec, dict):
        if len(spec) != 1 or next(iter(spec)) not in ("IN", "NOT_IN"):
            return None
        predicate, values = next(iter(spec.items()))
        ids = {_value(strings, v) for v in values}
        if None in ids:
            return None
        return column, frozenset(i for i in ids if i is not None), predicate == "IN"
    found = _value(strings, spec)
    return None if found is None else (column, frozenset({found}), True)


def compile_rules(ruler: AttributeRuler) -> list[Rule] | None:
    """The ruler's rules as column tests, in order; None when one of them is not a single-token
    rule of plain values (then only the stock matcher reads it correctly)."""
    strings = ruler.vocab.strings
    rules: list[Rule] = []
    for i, attrs in enumerate(ruler.attrs):
        if ruler.indices[i] not in (0, -1) or not set(attrs) <= _SETTABLE:
            return None
        alternatives = []
        for pattern in ruler.matcher.get(str(i))[1]:
            if len(pattern) != 1:
                return None
            tests = [_test(strings, key, spec) for key, spec in pattern[0].items()]
            if None in tests:
                return None
            alternatives.append(tuple(t for t in tests if t is not None))
        rules.append(Rule(tuple(alternatives), tuple((int(a), int(v)) for a, v in attrs.items())))
    return rules


class RuleTable:
    """Rules applied per distinct combination of the tested columns' values.

    What the rules do to a token depends only on the values of the columns they test, and a doc
    has few distinct combinations (a POS, whether it is a space, whether it has a dependency
    label). Each combination met gets an outcome number once: per target column, whether a rule
    sets it and to what (every rule tested on the token as it came, a later rule overriding an
    earlier one, as in the stock ruler). A doc's tokens are then mapped to outcome numbers in one
    pass and the columns are rewritten with numpy.
    """

    #: Outcomes kept at most (beyond, they are forgotten before the next doc).
    limit = 100_000

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.tested = sorted({t[0] for rule in rules for alt in rule.alternatives for t in alt})
        self.targets = sorted({a for rule in rules for a, _ in rule.attrs})
        self.columns: list[int | str] = sorted(set(self.tested) | set(self.targets))
        self._numbers = _Numbers(self)
        self._sets: list[tuple[bool, ...]] = []
        self._values: list[tuple[int, ...]] = []
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None

    def outcome(self, key: tuple[int, ...]) -> tuple[tuple[bool, ...], tuple[int, ...]]:
        """For a token whose tested columns hold ``key``: per target column, whether a rule sets
        it, and to what."""
        values = dict(zip(self.tested, key))
        set_to: dict[int, int] = {}
        for rule in self.rules:
            if any(all((values[c] in vals) == inside for c, vals, inside in alt)
                   for alt in rule.alternatives):
                set_to.update(rule.attrs)
        return (tuple(t in set_to for t in self.targets),
                tuple(set_to.get(t, 0) for t in self.targets))

    def add_outcome(self, key: tuple[int, ...]) -> int:
        """Work out ``key``'s outcome and number it (:class:`_Numbers` asks, on a first meeting)."""
        sets, values = self.outcome(key)
        self._sets.append(sets)
        self._values.append(values)
        self._arrays = None
        return len(self._sets) - 1

    def apply(self, doc: Doc) -> None:
        """Set what the rules set on ``doc``'s tokens; only the columns that change are written."""
        if not len(doc) or not self.rules:
            return
        if len(self._sets) >= self.limit:  # rules testing the words themselves: stay bounded
            self._numbers.clear()  # (between docs: a doc's numbers must all stay valid)
            self._sets.clear()
            self._values.clear()
            self._arrays = None
        array = doc.to_array(self.columns)
        at = {c: k for k, c in enumerate(self.columns)}
        keys: Iterable[tuple[int, ...]] = (zip(*(array[:, at[c]].tolist() for c in self.tested))
                                           if self.tested else [()] * len(doc))
        numbers = np.fromiter(map(self._numbers.__getitem__, keys), dtype=np.intp, count=len(doc))
        if self._arrays is None:
            self._arrays = (np.array(self._sets, dtype=bool),
                            np.array(self._values, dtype=np.uint64))
        sets, values = (a[numbers] for a in self._arrays)
        changed: list[int | str] = []
        columns = []
        for j, target in enumerate(self.targets):
            old = array[:, at[target]]
            new = np.where(sets[:, j], values[:, j], old)
            if not np.array_equal(new, old):
                changed.append(target)
                columns.append(new)
        if changed:
            doc.from_array(changed, np.stack(columns, axis=1))  # type: ignore[arg-type]


class _Numbers(dict[tuple[int, ...], int]):
    """Combination of tested values → outcome number; a missing one is added by the table (a
    dict subclass, so that mapping a doc's tokens runs ``dict.__getitem__`` without a Python
    call per token)."""

    def __init__(self, table: RuleTable) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, key: tuple[int, ...]) -> int:
        number = self[key] = self.table.add_outcome(key)
        return number


class TableAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose rules, when they are all single-token ones, run as
    :class:`RuleTable`. Adding or clearing rules recompiles them."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        self._table: RuleTable | None = None
        self._compiled = False
        super().__init__(vocab, name, **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        if not self._compiled:
            rules = compile_rules(self)
            self._table, self._compiled = (RuleTable(rules) if rules is not None else None), True
        if self._table is None:
            return super().__call__(doc)
        self._table.apply(doc)
        return doc

    def add(self, *args: Any, **kwargs: Any) -> None:
        super().add(*args, **kwargs)
        self._compiled = False

    def clear(self) -> None:
        super().clear()
        self._compiled = False


@Language.factory(
    "ciblage_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def create_attribute_ruler(nlp: Language, name: str, validate: bool,
                           scorer: Any) -> TableAttributeRuler:
    return TableAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def speed_up(nlp: Language, name: str) -> bool:
    """Swap ``nlp``'s stock component ``name`` for its faster version, with the same rules, in the
    same place, when this module has one for its kind (an attribute ruler); False, and the
    component kept, otherwise (or when it is the faster one already)."""
    stock = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(stock, AttributeRuler) or isinstance(stock, TableAttributeRuler):
        log.info("no faster version of %r: the component is kept", name)
        return False
    patterns = stock.patterns
    fast = nlp.replace_pipe(name, "ciblage_attribute_ruler")
    assert isinstance(fast, TableAttributeRuler)
    fast.add_patterns(patterns)
    return True


__all__ = ["Rule", "RuleTable", "TableAttributeRuler", "compile_rules", "speed_up"]
