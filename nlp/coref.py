"""In-document coreference of short names: "Macron" after "Emmanuel Macron", "Datavox" after "Datavox Conseil".

Press articles give a full name once, then the surname (persons) or the first word of a firm's
name. :func:`link_short_names` gives such a short mention the canonical name of the full one:

- a PERSON mention that is a bare surname ("Macron", "Le Pen", "Dupont-Aignan") takes the
  canonical name of the one full-name PERSON mentioned *earlier* in the document with that
  surname. It overrides a gazetteer surname alias only when the document itself names another
  person with that surname ("Jean-Marie Le Pen ... Le Pen");
- a one-word COMPANY mention unknown to the gazetteer and the registry takes the canonical name
  of the longer COMPANY name starting with that word, when exactly one such name occurs in the
  document and it was written earlier ("Datavox Conseil ... Datavox").

Ambiguous short names (two earlier "Macron", two "Datavox ...") are left as they are.

Example:
    >>> surname_forms("Dominique de Villepin")
    ['de Villepin', 'Villepin']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span

from nlp.records import clean_surface, doc_text

#: Lower-case words that start a surname ("Marine Le Pen", "Dominique de Villepin").
PARTICLES = frozenset({"le", "la", "de", "du", "des", "d'", "van", "von", "di", "da", "del", "della", "ben"})


def surname_forms(full_name: str) -> list[str]:
    """The ways an article may repeat a person's surname alone, longest first."""
    words = clean_surface(full_name).split()
    if len(words) < 2 or words[0].lower() in PARTICLES:
        return []
    forms = [" ".join(words[1:])]
    if len(words) > 2 and words[1].lower() in PARTICLES and words[1].islower():
        forms.append(" ".join(words[2:]))  # "de Villepin" -> "Villepin" (but "Le Pen" stays whole)
    elif len(words) > 2 and words[-2].lower() not in PARTICLES:
        forms.append(words[-1])  # "Jean Pierre Dupuis" -> "Dupuis"
    return list(dict.fromkeys(forms))


def is_surname_only(text: str) -> bool:
    """One word, or a particle and one word ("Le Pen", "de Villepin")."""
    words = clean_surface(text).split()
    return len(words) == 1 or (len(words) == 2 and words[0].lower() in PARTICLES)


def may_link(labels: Iterable[str]) -> bool:
    """Whether :func:`link` (``retype`` false) may change a mention among mentions with these
    labels: a short name only takes the name of another mention with its label, PERSON or
    COMPANY, so with fewer than two of each nothing changes."""
    labels = list(labels)
    return labels.count("PERSON") > 1 or labels.count("COMPANY") > 1


def link(mentions: list[tuple[str, str, str, bool]], *, retype: bool = False) -> list[tuple[str, str] | None]:
    """New ``(canonical, label)`` for mentions given in text order, None where nothing changes.

    Args:
        mentions: ``(text, label, canonical, known)`` per mention; ``known`` is true when the
            gazetteer or the registry named it (its canonical is then theirs).
        retype: also turn an unknown one-word COMPANY that repeats the surname of an earlier
            person into that PERSON (the typer does so inside a chunk; this is for whole documents).
    """
    texts = [clean_surface(text) for text, _, _, _ in mentions]
    heads: dict[str, set[str]] = {}  # first word of an unknown multi-word firm -> its names
    for text, (_, label, canonical, known) in zip(texts, mentions):
        if label == "COMPANY" and not known and len(words := text.split()) > 1:
            heads.setdefault(words[0], set()).add(canonical)
    surnames: dict[str, set[str]] = {}
    seen: set[str] = set()
    out: list[tuple[str, str] | None] = []
    for text, (_, label, canonical, known) in zip(texts, mentions):
        new = None
        if retype and label == "COMPANY" and not known and " " not in text and len(surnames.get(text, ())) == 1:
            label = "PERSON"
        if label == "PERSON":
            if is_surname_only(text):
                found = surnames.get(text, set())
                new = next(iter(found)) if len(found) == 1 else None
            else:
                for form in surname_forms(text):
                    surnames.setdefault(form, set()).add(canonical)
        elif label == "COMPANY":
            if " " in text:
                seen.add(canonical)
            elif not known and len(text) >= 3 and text[0].isupper():
                found = heads.get(text, set())
                new = next(iter(found)) if len(found) == 1 and found <= seen else None
        out.append((new, label) if new and new != canonical else None)
    return out


def link_short_names(doc: Doc, ents: Sequence[Span] | None = None) -> None:
    """Set ``Span.id_`` of short person/company mentions to their full name's canonical (in place).

    Args:
        ents: ``doc.ents``, when the caller has them (else read from the doc).
    """
    ents = doc.ents if ents is None else ents
    text = doc_text(doc)
    mentions = []
    for e in ents:
        surface = text[e.start_char:e.end_char]  # Span.text, without rebuilding it
        # (ids read as numbers: 0 is the empty string, e.id_ is looked up only when set)
        mentions.append((surface, e.label_, e.id_ if e.id else clean_surface(surface), bool(e.id or e.kb_id)))
    new = link(mentions)
    if any(new):  # (Doc.set_ents: the doc.ents setter would rebuild every span)
        doc.set_ents([Span(doc, e.start, e.end, label=e.label, kb_id=e.kb_id, span_id=n[0]) if n else e
                      for e, n in zip(ents, new, strict=True)])
