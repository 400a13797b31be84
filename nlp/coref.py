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

from spacy.tokens import Doc, Span

from nlp.records import canonical_of, clean_surface

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


def _with_id(span: Span, canonical: str) -> Span:
    return Span(span.doc, span.start, span.end, label=span.label_, kb_id=span.kb_id_, span_id=canonical)


def _person_link(ent: Span, surnames: dict[str, set[str]]) -> str | None:
    text = clean_surface(ent.text)
    if not is_surname_only(text):
        return None
    found = surnames.get(text, set())
    if len(found) != 1:
        return None
    (canonical,) = found
    return canonical if canonical != canonical_of(ent) else None


def _company_heads(ents: list[Span]) -> dict[str, set[str]]:
    heads: dict[str, set[str]] = {}
    for ent in ents:
        if ent.label_ == "COMPANY" and not ent.id_ and not ent.kb_id_ and len(ent) > 1:
            heads.setdefault(ent[0].text, set()).add(canonical_of(ent))
    return heads


def _company_link(ent: Span, heads: dict[str, set[str]], seen: set[str]) -> str | None:
    if ent.label_ != "COMPANY" or ent.id_ or ent.kb_id_ or len(ent) != 1:
        return None
    text = ent.text
    if len(text) < 3 or not text[0].isupper():
        return None
    found = heads.get(text, set())
    if len(found) != 1:
        return None
    (canonical,) = found
    return canonical if canonical in seen else None


def link_short_names(doc: Doc) -> None:
    """Set ``Span.id_`` of short person/company mentions to their full name's canonical (in place)."""
    ents = list(doc.ents)
    heads = _company_heads(ents)
    surnames: dict[str, set[str]] = {}
    seen: set[str] = set()
    out: list[Span] = []
    changed = False
    for ent in ents:
        canonical = None
        if ent.label_ == "PERSON":
            canonical = _person_link(ent, surnames)
            if not is_surname_only(ent.text):
                for form in surname_forms(ent.text):
                    surnames.setdefault(form, set()).add(canonical_of(ent))
        elif ent.label_ == "COMPANY":
            canonical = _company_link(ent, heads, seen)
            if len(ent) > 1:
                seen.add(canonical_of(ent))
        if canonical:
            ent = _with_id(ent, canonical)
            changed = True
        out.append(ent)
    if changed:
        doc.ents = out
