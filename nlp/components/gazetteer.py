"""``ciblage_gazetteer``: known actors matched with PhraseMatchers, overriding the model's guesses.

The stock model calls Spallian a person and Fédéravox a place; a gazetteer match wins over any
overlapping model entity and carries its canonical name (``Span.id_``) and, for registry names,
its ``siren:`` id (``Span.kb_id_``). Entries are loaded at ``initialize`` and saved with the
pipeline (``entries.jsonl``), never pasted into the config.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from nlp.gazetteer import Entry, load_entries


@registry.misc("ciblage.gazetteer_entries.v1")
def make_gazetteer_entries(
    paths: list[str] | None = None, include_user: bool = True
) -> Callable[[], list[dict[str, Any]]]:
    """Shipped entries (or ``paths``) plus ``CIBLAGE_GAZETTEER``, read when initialising."""

    def read() -> list[dict[str, Any]]:
        chosen = [Path(p) for p in paths] if paths else None
        return [e.to_dict() for e in load_entries(chosen, include_user=include_user)]

    return read


class GazetteerRuler:
    """Match known names and put them on ``doc.ents`` with their project label.

    Example:
        >>> nlp = spacy.blank("fr")
        >>> ruler = nlp.add_pipe("ciblage_gazetteer")
        >>> ruler.add_entries([Entry("Liegey Muller Pons", "COMPANY", aliases=("LMP",))])
        >>> [(e.text, e.label_, e.id_) for e in nlp("LMP conseille.").ents]
        [('LMP', 'COMPANY', 'Liegey Muller Pons')]
    """

    def __init__(self, nlp: Language, name: str, *, overwrite_ents: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.entries: list[Entry] = []
        self.dynamic: list[Entry] = []
        self._build()

    # -- patterns ---------------------------------------------------------------------------

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None,
        entries: Callable[[], list[dict[str, Any]]] | list[dict[str, Any]] | None = None,
    ) -> None:
        """Load the entries (a list of dicts, or a callable returning one)."""
        data = entries() if callable(entries) else entries or []
        self.entries = [Entry.from_dict(d) for d in data]
        self._build()

    def add_entries(self, entries: Iterable[Entry]) -> None:
        self.entries.extend(entries)
        self._build()

    def set_dynamic(self, entries: Iterable[Entry]) -> None:
        """Replace the entries learned at run time (registry names from the ledger)."""
        self.dynamic = list(entries)
        self._build()

    def _build(self) -> None:
        vocab = self.nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.table: list[Entry] = [*self.entries, *self.dynamic]
        # Later entries win for the same alias: user files override shipped ones, the
        # registry overrides both (it knows the SIREN).
        exact: dict[str, int] = {}
        lower: dict[str, int] = {}
        for idx, entry in enumerate(self.table):
            for alias in entry.names:
                exact[alias] = idx
                if entry.ignore_case:
                    lower[alias.lower()] = idx
        for matcher, keyed in ((self.exact, exact), (self.lower, lower)):
            by_idx: dict[int, list[str]] = {}
            for alias, idx in keyed.items():
                by_idx.setdefault(idx, []).append(alias)
            for idx, aliases in by_idx.items():
                matcher.add(str(idx), [self.nlp.make_doc(a) for a in aliases])

    # -- annotation -------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[Span]:
        spans = []
        strings = self.nlp.vocab.strings
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                entry = self.table[int(strings[match_id])]
                spans.append(Span(doc, start, end, label=entry.label, kb_id=entry.kb_id,
                                  span_id=entry.canonical))
        return filter_spans(spans)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        if not spans:
            return
        ents = list(doc.ents)  # spaCy builds every Span anew on each read of doc.ents: read once
        # A known surname inside a longer name the model read ("Brigitte Macron", "Pénélope
        # Fillon") belongs to that other person: the model's full name is kept.
        people = [e for e in ents if e.label_ in ("PER", "PERSON")]
        spans = [s for s in spans if s.label_ != "PERSON" or not (any(
            e.start <= s.start and s.end <= e.end and any(
                _name_word(t) for t in (*doc[e.start:s.start], *doc[s.end:e.end])) for e in people)
            or (s.text != s.id_ and _inside_other_name(s)))]
        # A known name the model read inside a longer one ("Quorum Analytics" is not the vendor
        # Quorum, "Arcane Capital" not the magazine): the model's longer name stands.
        spans = [s for s in spans if s.label_ == "PERSON" or not any(
            e.start <= s.start and s.end <= e.end and len(e) > len(s) and not _label_before_person(s, e)
            and all(_name_word(t) for t in (*doc[e.start:s.start], *doc[s.end:e.end])) for e in ents)]
        taken = {i for s in spans for i in range(s.start, s.end)}
        kept = [e for e in ents if not taken.intersection(range(e.start, e.end))]
        # "le député Renaissance Félix Amarante" read as one person: the label, then the person
        kept += [Span(doc, g.end, e.end, label=e.label_) for e in ents for g in spans
                 if _label_before_person(g, e) and taken.isdisjoint(range(g.end, e.end))]
        if not self.overwrite_ents:
            own = {i for e in ents for i in range(e.start, e.end)}
            spans = [s for s in spans if not own.intersection(range(s.start, s.end))]
            kept = list(ents)
        doc.ents = sorted([*kept, *spans], key=lambda s: s.start)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- serialisation ----------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "entries.jsonl", [e.to_dict() for e in self.entries])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerRuler:
        file = Path(path) / "entries.jsonl"
        self.entries = [Entry.from_dict(d) for d in srsly.read_jsonl(file)] if file.exists() else []
        self._build()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps([e.to_dict() for e in self.entries], ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> GazetteerRuler:
        self.entries = [Entry.from_dict(d) for d in json.loads(data.decode("utf-8"))]
        self._build()
        return self


_TITLE_WORDS = frozenset({"m", "mme", "mlle", "monsieur", "madame", "président", "présidente", "ministre",
                          "candidat", "candidate", "député", "députée", "sénateur", "maire", "selon",
                          "pour", "avec", "contre", "chez", "et", "ou", "mais", "quand", "si", "comme"})


def _label_before_person(known: Span, ent: Span) -> bool:
    """A known party, body or medium opening a longer name the model read as a person."""
    return (ent.label_ in ("PER", "PERSON") and known.label_ in ("PARTY", "PUBLIC_BODY", "MEDIA")
            and ent.start == known.start and ent.end - known.end >= 2)


def _name_word(tok: Any) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.lower_.rstrip(".") not in _TITLE_WORDS


def _inside_other_name(span: Span) -> bool:
    """A surname alias glued to other capitalised words ("la société Fillon Conseil", "Brigitte
    Macron") is part of another name, not the known person."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text == "-" and not doc[span.start - 1].whitespace_:
        return True  # "Clermont-Ferrand" is not Richard Ferrand
    if span.end < len(doc) and _name_word(doc[span.end]) and "\n" not in span[-1].whitespace_:
        return True
    if span.start > 0:
        prev = doc[span.start - 1]
        return _name_word(prev) and not prev.is_sent_start and "\n" not in prev.whitespace_
    return False


@Language.factory(
    "ciblage_gazetteer",
    default_config={"overwrite_ents": True},
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
)
def create_gazetteer(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, overwrite_ents=overwrite_ents)
