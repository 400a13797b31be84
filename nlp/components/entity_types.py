"""``ciblage_typer``: the model's PER/LOC/ORG/MISC become the project's seven types.

Order of evidence: the gazetteer (already typed, kept as is), then the context a journalist
writes ("la start-up X", "le logiciel X", "X, société de conseil", "X SAS", "le parti X"),
then words inside the name ("ministère", "Parti", "Consulting"), then the model's label
(PER -> PERSON, LOC -> PLACE, ORG -> COMPANY; MISC is dropped unless context types it).
Context cues also *find* names the model missed ("la start-up Zorbifex", "Garance Tibolet" after a
common first name). A lone word the model reads as a person stays PERSON in a person's context
("les équipes de X", "M. X", "X a déclaré", listed with other persons), else it is a firm. Spans
lose their leading determiners ("la CNIL" -> "CNIL"). Finally :func:`nlp.coref.link_short_names`
gives "Macron" after "Emmanuel Macron" (and "Datavox" after "Datavox Conseil") the full name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from ciblage.ids import ENTITY_TYPES
from nlp.components.cue_sites import CueSites, finditer_before, search_at
from nlp.coref import link_short_names, may_link
from nlp.lexicon import (FIRST_NAMES, NAME_KEYWORDS, PARTY_HEADS, PERSON_CONTEXT, POLITICAL_WORDS, POST_CUES,
                         PRE_CUES)
from nlp.places import is_known_place, looks_like_place
from nlp.records import doc_text
from nlp.rules.leads import FoldedSearch, Scan, ScanGroup, with_lead

#: Words the model tags as entities but that never name an actor in this corpus.
NOT_NAMES = frozenset({"SIREN", "SIRET", "RCS", "TVA", "NAF", "APE", "RGPD", "CEO", "PDG", "DG", "SAS",
                       "SARL", "SA", "HT", "TTC", "AFP PHOTO", "UE", "PME", "ETI", "IA", "API", "URL",
                       "SMS", "WEB", "INTERNET", "DATA", "BIG DATA"})
_TITLES = {"m.", "mme", "mlle", "me", "dr", "pr", "monsieur", "madame", "maître"}
_DETS = {"le", "la", "les", "l'", "l’", "un", "une", "des", "du", "de", "d'", "d’", "au", "aux"}
_PERSON_NOUNS = {"député", "députée", "ministre", "président", "présidente", "candidat", "candidate",
                 "maire", "sénateur", "sénatrice", "sieur", "camarade", "ex-président", "eurodéputé",
                 "eurodéputée", "conseiller", "conseillère", "militant", "militante", "m", "mme"}
_SPEECH_VERBS = {"déclarer", "affirmer", "expliquer", "dire", "estimer", "assurer", "confier", "répondre",
                 "souligner", "indiquer", "préciser", "rappeler", "raconter", "dénoncer", "ajouter",
                 "témoigner", "reconnaître", "admettre", "glisser", "marteler", "regretter",
                 "promettre", "tweeter", "réagir", "ironiser", "s'agacer", "insister"}
_SPEECH_FORMS = {f"{v[:-2]}{end}" for v in _SPEECH_VERBS if v.endswith("er") for end in (
    "e", "ent", "é", "a", "ait", "aient", "era")} | {
    "dit", "disent", "dira", "disait", "reconnaît", "reconnaissent", "reconnu", "admet", "admis",
    "promet", "promis", "répond", "répondu", "s'agace", "insiste"}
_NAME_DETS = {"le", "la", "les", "l'", "l’"}
_TRIM_TAIL = set(",;:.!?()[]«»\"'’-–—")
#: A capitalised name of up to five words, joined by "de", "des", "du", "&" ("Gazette des Élus").
_NAME = (r"[A-ZÀ-ÖØ-Ý0-9][\w&@+'’-]*\w(?:[ \u00a0](?:(?:&|de|des|du|d['’])[ \u00a0]?)?"
         r"[A-ZÀ-ÖØ-Ý0-9][\w&@+'’-]*\w){0,4}|[A-ZÀ-ÖØ-Ý0-9]")
_LEGAL = r"(?:SASU|SAS|SARL|EURL|SA|SCOP|SNC)\b"
_LEGAL_AFTER = re.compile(rf"\s+{_LEGAL}")  # "Datavox SAS"
#: The first letters of the legal forms after a name: of ``_LEGAL`` and of ``EntityTyper.post_re``'s
#: case-insensitive "SAS|SARL" ("ſ" matches "s" there).
_LEGAL_OPENINGS = frozenset("ESsſ")
BODY_RE = Scan(re.compile(
    r"\b(?:[Mm]inistère|[Pp]réfecture|[Mm]airie|[Cc]onseil (?:régional|départemental|municipal)"
    r"|[Tt]ribunal (?:correctionnel|judiciaire|administratif|de commerce)|[Cc]our d['’]appel"
    r"|Région|[Vv]ille|[Mm]étropole|[Cc]ommune|Département|[Cc]ommunauté d['’]agglomération|[Cc]ommunauté de communes"
    r"|[Cc]ommunauté urbaine|[Cc]onseil de territoire|[Ss]yndicat (?:mixte|intercommunal|départemental)(?: [a-zé]+)?"
    r"|[Cc]hambre régionale des comptes)"
    r" (?:de la |de l['’]|des |du |de |d['’])"
    r"[A-ZÀ-ÖØ-Ý][\w'’-]*(?:[ -](?:et )?[A-ZÀ-ÖØ-Ý][\w'’-]*)*"
    # "le syndicat mixte Seine-Aval", "le Sivom Val-de-Loire": an intercommunal body named bare
    r"|\b(?:[Ss]yndicat (?:mixte|intercommunal)(?: [a-zé]+)?|[Cc]hambre régionale des comptes|région) "
    r"[A-ZÀ-ÖØ-Ý][\w'’-]*(?:[ -][A-ZÀ-ÖØ-Ý][\w'’-]*)*(?: d['’][A-ZÀ-ÖØ-Ý][\w'’-]*)?"
))


#: A business slot the model often leaves empty for an unknown brand ("s'est associé à Géoprisme").
#: Capitalised words joined by a spaced "&": a firm's name (persons are joined by "et").
_AMPERSAND_NAME = Scan(re.compile(r"\b(?!(?:Chez|Pour|Avec|Selon|Après|Avant|Depuis|Dans|Sur|Par|Entre|Comme|Et|Mais|Or)\b)[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)? & [A-ZÀ-Ý][\w'’-]*\w(?: [A-ZÀ-Ý][\w'’-]*\w){0,2}"))
_BUSINESS_ARG = Scan(re.compile(
    r"\b(?:associée?s? (?:à|avec)|alliée?s? (?:à|avec)|partenariat avec|rachat d[e']|racheté|rachète|"
    r"capital d[e']|filiale d[e']|cliente? d[e']|appel à|recours à|attribué à|confié à|"
    r"[Aa]ncienne? (?:salariée? |employée? |consultante? )?d[e']|consultante? chez|salariée? d[e']|"
    r"(?:travaillé|travaille) (?:pour|avec)|rejoint|dirige|préside|utilise|utilisé par|"
    r"(?:édité|développé|conçu)e? par|détient|racheter|acquis|acquisition d[e'])\s+"
    r"(?:l['’]|la |le )?(?P<name>[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){0,2})"))


#: "les équipes de X", "l'entourage de X", "la campagne de X": what belongs to a person.
_PERSON_OF = FoldedSearch(re.compile(
    rf"\b(?:{'|'.join(sorted(PERSON_CONTEXT, key=len, reverse=True))})\s+(?:de\s+|d['’]\s*)$",
    re.IGNORECASE))
_COORD = {",", "et", "ou", "ni"}
#: An office sought or won, not the authority acting: "brigue la mairie de X", "candidat à la mairie d'X".
_OFFICE_BEFORE = re.compile(r"(?:brigu\w*|candidat\w*(?: [a-zé]+)? à|conquête d[eu']|course à|élue? à|battue? à|"
                            r"(?:a |avait )?(?:perdu|remporté|gagné|conquis|ravi)|présenter à|se présente à)\s+"
                            r"(?:la |le |l['’])?$", re.IGNORECASE)
#: A known commune, département or région the model missed, after a preposition ("d'Auvergne-Rhône-Alpes").
#: (behind a look-ahead on the prepositions' first letters: a whole-text scan, see leads.with_lead)
_PLACE_CANDIDATE = with_lead(re.compile(r"\b(?:de|d['’]|à|en|dans|du|sur|près de)\s*"
                                        r"(?P<name>[A-ZÀ-ÖØ-Ý][\w'’]*(?:-[\w'’]+)*(?: [A-ZÀ-ÖØ-Ý][\w'’]+)?)"))
_LOCATIVE_BEFORE = re.compile(r"\b(?:dans|en|vers|près de)\s+(?:la |le |l['’])?$", re.IGNORECASE)


class _Typing:
    """The doc being typed, its tokens and its text, read once (``doc[i]`` builds a new Token on
    every access); set for the duration of :meth:`EntityTyper.__call__` only, since a retokenised
    doc invalidates them. A helper called on another doc reads that doc afresh (so a second
    thread typing another doc is slower, never wrong): an identity test, cheaper than a weak
    dictionary lookup, which builds a weak reference on every call."""

    doc: Doc | None = None
    toks: list[Token] = []
    text = ""
    titles: list[int] = []  # positions of the title-case tokens


def _tokens(doc: Doc) -> list[Token]:
    return _Typing.toks if doc is _Typing.doc else list(doc)


def _title_positions(doc: Doc) -> list[int]:
    if doc is _Typing.doc:
        return _Typing.titles
    return [i for i, tok in enumerate(doc) if tok.is_title]


def _text(doc: Doc) -> str:
    return _Typing.text if doc is _Typing.doc else doc_text(doc)


#: String ids of the words before an unknown subject the model missed (", Électorama n'a…").
_SUBJECT_OPENER_IDS = frozenset(get_string_id(w) for w in (",", "«", ":"))


#: The longest article before a cue in ``EntityTyper.find_re`` ("cette", "notre", "d'une").
_FIND_ARTICLE = 5


def _cue_alt(cues: dict[str, str]) -> str:
    return "|".join(sorted((re.escape(c) for c in cues), key=len, reverse=True))


class EntityTyper:
    """Retype, discover and clean entity spans (see the module docstring)."""

    def __init__(self, name: str, *, pre_cues: dict[str, str], post_cues: dict[str, str],
                 keywords: dict[str, str], org_default: str, drop_misc: bool) -> None:
        self.name = name
        self.pre_cues = {k.lower(): v for k, v in pre_cues.items()}
        self.post_cues = {k.lower(): v for k, v in post_cues.items()}
        self.keywords = {k.lower(): v for k, v in keywords.items()}
        self.org_default = org_default
        self.drop_misc = drop_misc
        alt = _cue_alt(self.pre_cues)
        stop = r"(?!(?:de|du|des|d|à|au|aux|par|pour|avec|et|ou|chez|sur|dans|qui|que|en|depuis|pendant|dès)\b)"
        # "le logiciel de gestion des adhérents X", "l'agence de communication lyonnaise X"
        tail = rf"(?:\s+(?:de|d['’]|en|des|du|à)\s*[a-zà-ÿ-]+){{0,2}}(?:\s+{stop}[a-zà-ÿ-]+){{0,2}}?"
        # Only the cue is case-insensitive: "le cabinet Ostral, Hugo Lemaire" must not cue Lemaire.
        self.pre_re = re.compile(rf"(?i:\b(?P<cue>{alt})){tail}\s*[,:]?\s*$")
        # Cue and article case-insensitive, the name itself must be capitalised.
        self.find_re = re.compile(
            rf"(?i:\b(?:la|le|les|l['’]|une?|cette|ce|sa|son|leur|notre|du|des|au|aux|d['’]une?)\s*(?P<cue>{alt})){tail}"
            rf"\s+(?=[^\s,;.]*[A-Za-zÀ-ÿ])(?P<name>{_NAME}(?:\s+{_LEGAL})?)")
        self.legal_re = re.compile(rf"(?P<name>{_NAME})\s+{_LEGAL}")
        # (run only on a text holding a legal form's needle, "SA", "EURL", "SCOP" or "SNC", read from the regex)
        self._legal_scan = Scan(self.legal_re)
        # discover's whole-text scans, their needles looked for in one pass
        self._scans = ScanGroup([BODY_RE, _BUSINESS_ARG, _AMPERSAND_NAME, self._legal_scan])
        self.post_re = re.compile(
            rf"^\s*,\s*(?:(?:une?|la|le|l['’]|cette|ce)\s*)?(?:(?:petite?|jeune|nouvelle?|modeste|ancienne?|grande?|"
            rf"discrète?)\s+)?(?P<cue>{_cue_alt(self.post_cues)})\b(?!\s+(?:chez|pour|rejoindre|vers|avec|en|à|au)\b)"
            rf"|^\s+(?P<cue2>SAS|SARL)\b", re.IGNORECASE)
        self.kw_re = re.compile(rf"\b(?:{_cue_alt(self.keywords)})\b", re.IGNORECASE)
        # kw_re is tried only where a keyword occurs (its matches open with one)
        self._kw_sites = CueSites(self.keywords)
        # pre_re and find_re open with a pre cue (find_re after an article of up to 5 characters,
        # "cette", "d'une"): they are tried only where a pre cue occurs.
        self._cues = CueSites(self.pre_cues)
        self._starts: tuple[Doc | None, list[int] | None] = (None, None)  # (doc being typed, its cue starts)

    def cue_starts(self, doc: Doc) -> list[int] | None:
        """Where pre cues occur in ``doc``'s text (:meth:`CueSites.starts`), computed once per call."""
        typed, starts = self._starts
        return starts if doc is typed else self._cues.starts(_text(doc))

    # -- typing ------------------------------------------------------------------------------

    def context_label(self, doc: Doc, start: int, end: int) -> str | None:
        text = _text(doc)
        lo = max(0, start - 60)
        m = search_at(self.pre_re, text[lo:start], self.cue_starts(doc), lo)
        if m and m["cue"][0].islower():  # "Parti socialiste" is a name, "le parti X" a cue
            return self.pre_cues.get(m["cue"].lower())
        after = text[end:end + 40]
        opening = after.lstrip()[:1]
        if opening != "," and not (after[:1].isspace() and opening in _LEGAL_OPENINGS):
            return None  # the cues after a name open with a comma (", société…") or a legal form
        m = self.post_re.match(after)
        if m and not (m["cue"] and _introduces_next(text[end + m.end():end + m.end() + 50])):
            return self.post_cues.get((m["cue"] or m["cue2"]).lower())
        if _LEGAL_AFTER.match(text[end:end + 8]):
            return "COMPANY"
        return None

    def person_evidence(self, doc: Doc, span: Span) -> bool:
        if span[0].lower_ in getattr(self, "_surnames", ()):
            return True
        toks = _tokens(doc)  # (slices of the token list: a slice of the doc builds a Span)
        before = [t.lower_.rstrip(".") for t in toks[max(0, span.start - 2):span.start]]
        if any(w in _TITLES for w in before) or (before and before[-1] in _PERSON_NOUNS):
            return True
        if _PERSON_OF.search(_text(doc)[max(0, span.start_char - 40):span.start_char]):
            return True
        after = [t for t in toks[span.end:span.end + 3] if t.pos_ not in ("ADV", "PART")]
        if after and after[0].pos_ == "AUX" and after[0].lemma_ == "avoir" and len(after) > 1:
            after = after[1:]  # "X a déclaré"
        return bool(after) and (after[0].lemma_ in _SPEECH_VERBS or after[0].lower_ in _SPEECH_FORMS)

    def keyword_label(self, text: str) -> str | None:
        m = search_at(self.kw_re, text, self._kw_sites.starts(text))
        return self.keywords.get(m.group().lower()) if m else None

    def label_for(self, doc: Doc, span: Span) -> str | None:
        start_char, end_char = span.start_char, span.end_char
        text = _text(doc)[start_char:end_char]  # span.text, without rebuilding it from the tokens
        ctx = self.context_label(doc, start_char, end_char)
        model = span.label_
        if model in ("MISC", "ORG") and not ctx and _media_context(doc, span):
            return "MEDIA"
        toks = _tokens(doc)
        if model == "PER" and any(toks[i].is_digit for i in range(span.start, span.end)):
            return self.org_default  # "Numéria 360": no person's name has digits
        if model == "PER":
            # A person keeps PER unless the context says firm/product; a lone all-caps token
            # ("LMP") is an acronym, not a person.
            named = len(span) > 1 and toks[span.start].text in FIRST_NAMES
            if ctx in ("COMPANY", "PRODUCT", "PARTY", "MEDIA") and not (
                    named and span.start > 0 and toks[span.start - 1].text == ","):
                return ctx  # but "l'assistant du parti, Étienne Caradec": a first name after a comma
            if not named and _party_shaped(span):
                return "PARTY"  # "Résistance Citoyenne" read as a person by the model
            kw = self.keyword_label(text) if len(span) > 1 else None
            if kw in ("COMPANY", "MEDIA"):  # "Breizh Analytics" read as a person by the model
                return kw
            if len(span) > 1 and _dictionary_word_name(span) and not self.person_evidence(doc, span):
                return self.org_default  # "Atelier Agora", "Écoute Terrain": words, not a first name
            if len(span) == 1 and text.isupper() and len(text) > 1:
                return self.keyword_label(text) or self.org_default
            if len(span) == 1 and not self.person_evidence(doc, span):
                # A lone capitalised word the model calls a person ("ancien directeur de Sondix")
                # is a brand unless it repeats a person's surname, follows a title, belongs to a
                # person's context ("l'entourage de X") or is coordinated with a person.
                self._lone.add(span.start)
                return self.org_default
            return "PERSON"
        kw = self.keyword_label(text)
        if kw == "PUBLIC_BODY" and self.kw_re.match(text):
            return kw  # "chef de cabinet du président de la région Bretagne": the name says it
        if ctx:
            return ctx
        if kw:
            return kw
        if _party_shaped(span):
            return "PARTY"
        if model == "LOC" and len(span) == 1 and not is_known_place(text):
            if self.person_evidence(doc, span):  # "les équipes de Dupuis": read as LOC by the model
                return "PERSON"
            if not looks_like_place(doc, span):
                self._lone.add(span.start)
                return self.org_default
        if model == "LOC":
            # The model's LOC is weak on invented brand names ("Géovote"): keep PLACE for known
            # or place-shaped names and names after a locative preposition, else a firm.
            return "PLACE" if looks_like_place(doc, span) else self.org_default
        if model == "ORG":
            return self.org_default
        if model == "MISC" and _brand_shaped(doc, span):
            return self.org_default
        return None if self.drop_misc else self.org_default

    # -- discovery ---------------------------------------------------------------------------

    def discover(self, doc: Doc, weak: list[Span], persons: list[Span] | None = None) -> list[Span]:
        """Names the model missed (cue + name, public bodies, legal forms…); weak guesses go to
        ``weak``. ``persons``: :func:`first_name_persons` of ``doc`` when already computed."""
        spans = []
        text = _text(doc)
        bodies, business, ampersands, legal_forms = self._scans.finditers(text)
        for m in finditer_before(self.find_re, text, self.cue_starts(doc), _FIND_ARTICLE):
            label = self.pre_cues.get(m["cue"].lower()) if m["cue"][0].islower() else None
            if not label:
                continue
            span = doc.char_span(m.start("name"), m.end("name"), label=label, alignment_mode="contract")
            if span is not None and label == "PARTY":
                span = _with_adjectives(span)  # "le parti Renouveau citoyen", "le mouvement Cap démocrate"
            if span is not None:
                spans.append(span)
        for m in bodies:
            if _LOCATIVE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "dans la commune de X" is a place
            if _OFFICE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                # "brigue la mairie de Rennes": the office sought, the city is a place
                place = re.search(r"(?:\bde la |\bde l['’]|\bdes |\bdu |\bde |\bd['’])(?=[A-ZÀ-Ý])", m.group())
                if place:
                    span = doc.char_span(m.start() + place.end(), m.end(), label="PLACE", alignment_mode="contract")
                    if span is not None:
                        weak.append(span)
                continue
            span = doc.char_span(m.start(), m.end(), label="PUBLIC_BODY", alignment_mode="contract")
            if span is not None:
                spans.append(span)
        for m in business:
            span = doc.char_span(m.start("name"), m.end("name"), label="COMPANY", alignment_mode="contract")
            if span is not None and not is_known_place(name := text[span.start_char:span.end_char]) and (
                    all(t.is_oov for t in span) or self.keyword_label(name) == "COMPANY"):
                weak.append(span)
        toks = _tokens(doc)
        for i in _title_positions(doc):  # title-case tokens only
            if toks[i - 1].orth not in _SUBJECT_OPENER_IDS:  # (the word before, by string id)
                continue
            tok = toks[i]  # ", Électorama n'a jamais…": an unknown capitalised subject of a verb
            if (tok.is_title and tok.is_oov and not tok.is_sent_start and i + 1 < len(doc)
                    and toks[i - 1].text in (",", "«", ":") and len(tok) > 3
                    and (toks[i + 1].pos_ in ("AUX", "VERB") or toks[i + 1].lower_ in ("n'", "ne", "n’"))
                    and not is_known_place(tok.text)):
                weak.append(Span(doc, i, i + 1, label="COMPANY"))
        weak.extend(first_name_persons(doc) if persons is None else persons)
        weak.extend(_known_places(doc))
        for m in ampersands:  # "Rousseau & Sangaré Associés", "Urnea & Co"
            span = doc.char_span(m.start(), m.end(), label="COMPANY", alignment_mode="contract")
            if span is not None and not _starts_sentence_word(span):
                spans.append(span)
        for m in legal_forms:
            span = doc.char_span(m.start(), m.end(), label="COMPANY", alignment_mode="contract")
            if span is not None and not _starts_sentence_word(span):
                spans.append(span)
        return spans

    def _common_word(self, doc: Doc, span: Span) -> bool:
        """A one-word guess that is no name: no letter ("2017"), a stop word ("Or, …"), or a
        dictionary word capitalised only because it opens the sentence ("Intendance : …"),
        unless the model reads it as an organisation followed by its verb or a cue types it."""
        if len(span) != 1:
            return False
        toks = _tokens(doc)
        i = span.start
        tok, word, lower = toks[i], toks[i].text, toks[i].lower_
        if not any(c.isalpha() for c in word) or doc.vocab[lower].is_stop:
            return True
        if lower in self.pre_cues or lower in _PERSON_NOUNS:
            return True  # "Filiale à 100 % de…", "Député depuis 2017, …": a descriptor, not a name
        heading = i + 1 >= len(toks) or toks[i + 1].is_punct
        return bool(tok.is_sent_start and word[1:].islower() and not doc.vocab[lower].is_oov
                and (heading or span.label_ != "ORG")  # "Orange a racheté…": the model's ORG stands
                and not self.context_label(doc, span.start_char, span.end_char))

    def __call__(self, doc: Doc) -> Doc:
        _Typing.doc, _Typing.toks, _Typing.text = doc, list(doc), doc_text(doc)
        _Typing.titles = [i for i, tok in enumerate(_Typing.toks) if tok.is_title]
        self._starts = (doc, self._cues.starts(_Typing.text))
        try:
            return self._type(doc)
        finally:
            _Typing.doc, _Typing.toks, _Typing.text, _Typing.titles = None, [], "", []
            self._starts = (None, None)

    def _type(self, doc: Doc) -> Doc:
        fixed: list[Span] = []  # gazetteer spans (label already a project type)
        guessed: list[Span] = []
        ents = doc.ents  # not changed before the end: read once
        toks, text = _tokens(doc), _text(doc)
        self._surnames = {toks[e.end - 1].lower_ for e in ents if len(e) > 1 and e.label_ in ("PER", "PERSON")}
        self._lone: set[int] = set()  # lone PER words typed as firms for want of person evidence
        for ent in ents:
            ent_label = ent.label_
            if ent.id or ent_label in ENTITY_TYPES:  # (ent.id: a number, 0 where ent.id_ is empty)
                if ent_label == "COMPANY" and self.context_label(
                        doc, ent.start_char, ent.end_char) == "PRODUCT":  # "le logiciel NationBuilder"
                    ent = Span(doc, ent.start, ent.end, label="PRODUCT", kb_id=ent.kb_id, span_id=ent.id)
                fixed.append(ent)
                continue
            for piece in _split_coordination(ent):
                trimmed = _trim(piece)
                if trimmed is None or text[trimmed.start_char:trimmed.end_char].upper() in NOT_NAMES or (
                        self._common_word(doc, trimmed)):
                    continue
                piece = _complete(trimmed, ents)
                label = self.label_for(doc, piece)
                if label:
                    guessed.append(Span(doc, piece.start, piece.end, label=label))
        persons = first_name_persons(doc)  # doc.ents is not changed before the end: read once
        guessed = _whole_persons(fixed, guessed, persons)
        weak: list[Span] = []  # unknown names in a business slot, used only where nothing else is
        found = [s for s in map(_trim, self.discover(doc, weak, persons)) if s is not None]
        taken = {i for s in fixed for i in range(s.start, s.end)}
        found = [s for s in filter_spans(found) if not taken.intersection(range(s.start, s.end))]
        taken |= {i for s in found for i in range(s.start, s.end)}
        guessed = [s for s in guessed if not taken.intersection(range(s.start, s.end))]
        taken |= {i for s in guessed for i in range(s.start, s.end)}
        weak = [s for s in filter_spans(weak) if not taken.intersection(range(s.start, s.end))]
        guessed = _coordinated_persons([*fixed, *found], guessed, self._lone)
        typed = filter_spans([*fixed, *found, *guessed, *weak])
        doc.set_ents(typed)  # (doc.ents = … would rebuild each span)
        if may_link(s.label_ for s in typed):  # (else no short name repeats another: doc.ents is not read again)
            link_short_names(doc, _ents_as_set(doc, typed))
        return doc


def _ents_as_set(doc: Doc, spans: list[Span]) -> list[Span]:
    """``doc.ents`` right after ``doc.set_ents(spans)`` (``spans`` sorted, not overlapping), without
    reading every token again: the spans themselves, but a span without an id takes the one its
    first token kept (``set_ents`` leaves a token's id when the span has none), and an empty or
    unlabelled span is no entity."""
    toks = _tokens(doc)
    out = []
    for span in spans:
        if span.end > span.start and span.label:
            ent_id = toks[span.start].ent_id
            out.append(span if span.id == ent_id else Span(
                doc, span.start, span.end, label=span.label, kb_id=span.kb_id, span_id=ent_id))
    return out


#: Words before a MISC name that make it an event, a work or a common noun phrase, not a brand:
#: "la Grande Marche", "du Brexit", "l'affaire X", "« Objectif 2027 »".
_EVENT_BEFORE = frozenset({"le", "la", "les", "l'", "l’", "un", "une", "du", "des", "au", "aux", "sa", "son",
                           "ses", "leur", "leurs", "cette", "ce", "cet", "notre", "«", '"', "“", "affaire",
                           "opération", "loi", "plan", "programme", "dispositif", "scandale", "projet"})


_MODEL_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
_LEGAL_FORMS = frozenset({"SARL", "SAS", "SASU", "EURL", "SCOP", "SNC", "SA"})
_IDENTIFIER_WORDS = frozenset({"SIREN", "SIRET", "RCS", "TVA", "NAF", "APE", "RGPD", "HT", "TTC"})
_NOT_NAME_POS = frozenset({"ADP", "DET", "PRON", "ADV", "VERB", "AUX", "CCONJ", "SCONJ", "NUM", "PUNCT"})


def _complete(span: Span, ents: tuple[Span, ...]) -> Span:
    """A firm's name the model cut short: "BVL Conseil" read as "Conseil", "Hexagone Affaires
    Publiques" as "Hexagone". Adjacent capitalised words (no punctuation between) that belong to no
    other entity (of ``ents``, the doc's) are taken in, on either side; persons are left as the model read them."""
    toks = _tokens(span.doc)

    def owned(i: int) -> bool:  # in another entity (a lone non-person word after this one does not count)
        return any(e.start <= i < e.end and e != span and not (
            len(e) == 1 and e.start >= span.end and e.label_ != "PER") for e in ents)
    if span.label_ in ("PER", "PERSON"):
        end = span.end
        while end + 1 < len(toks) and toks[end].text == "-" and not toks[end - 1].whitespace_ and not toks[
                end].whitespace_ and toks[end + 1].is_title and not owned(end + 1):
            end += 2  # "Ludivine Achard" of "Ludivine Achard-Mbaye"
        return span if end == span.end else Span(span.doc, span.start, end, label=span.label)

    def name_word(tok: Token) -> bool:
        return (tok.is_alpha and (tok.is_title or tok.is_upper) and len(tok) > 1
                and tok.pos_ not in _NOT_NAME_POS and not tok.is_stop and tok.text not in FIRST_NAMES
                and tok.text.upper() not in _IDENTIFIER_WORDS and not owned(tok.i))

    start, end = span.start, span.end
    while start > span.start - 2 and start > 0 and name_word(toks[start - 1]) and (
            not toks[start - 1].is_sent_start or toks[start - 1].pos_ in ("NOUN", "PROPN")) and (
            toks[start - 1].whitespace_ == " "):
        start -= 1
    # (the parser sometimes opens a sentence inside a name: "Vox Populi | Tech")
    while end < span.end + 2 and end < len(toks) and name_word(toks[end]) and toks[end - 1].whitespace_ == " ":
        end += 1
    # "Mouvement des Bourgs et Vallées": a compound name with "de" goes on over "et" + a name word
    if (end + 1 < len(toks) and toks[end].lower_ == "et" and any(t.lower_ in ("de", "des", "du") for t in toks[start:end])
            and toks[end + 1].is_title and not toks[end + 1].is_stop and toks[end + 1].text not in FIRST_NAMES
            and (end + 2 == len(toks) or not toks[end + 2].is_title)):
        end += 2
    # "Agora Numérique 34", "Scrutin 360": a short number ends the name (not a year)
    if end < len(toks) and toks[end].is_digit and len(toks[end]) <= 3 and toks[end - 1].whitespace_ == " " and (
            toks[end - 1].is_title or toks[end - 1].is_upper):
        end += 1
    # a hyphenated surname or name the model cut at the hyphen ("Achard" of "Achard-Mbaye")
    while end + 1 < len(toks) and toks[end].text == "-" and not toks[end - 1].whitespace_ and not toks[
            end].whitespace_ and toks[end + 1].is_title and not owned(end + 1):
        end += 2
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id)


def _party_shaped(span: Span) -> bool:
    """"Union des Démocrates Ruraux", "Nouvelle Alliance Citoyenne", "Ligue des Provinces Unies":
    a party-name head word then a political word, nothing that names a firm."""
    words = [t.lower_ for t in span if t.is_alpha]
    if words[:1] in (["les"], ["la"], ["le"], ["l'"]):
        words = words[1:]
    return len(words) >= 2 and words[0] in PARTY_HEADS and any(w in POLITICAL_WORDS for w in words[1:])


def _dictionary_word_name(span: Span) -> bool:
    """A two- or three-word "person" that opens with a common noun, not a first name ("Écoute
    Terrain", "Sondages Martin"): its word vector sits with common nouns, far from first names."""
    first = span[0]
    if first.text in FIRST_NAMES or "-" in first.text or len(span) > 3 or not first.has_vector:
        return False
    names, nouns = _centroids(span.doc.vocab)
    vec = numpy.asarray(first.vector)
    vec = vec / (numpy.linalg.norm(vec) or 1.0)
    return float(vec @ names) < 0.15 and float(vec @ nouns) > 0.25


_NOUNS = ("maison voiture conseil société travail table ville stratégie donnée opinion marché analyse "
          "campagne vote terrain image lumière porte voix cité avenir ligne réseau").split()


@lru_cache(maxsize=4)
def _centroids(vocab: Vocab) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Unit centroids of the word vectors of common first names and of common nouns."""
    def centroid(words: Iterable[str]) -> numpy.ndarray:
        vecs = [v / n for v in (numpy.asarray(vocab[w].vector) for w in words) if (n := numpy.linalg.norm(v)) > 0]
        mean = numpy.mean(vecs, axis=0) if vecs else numpy.zeros(vocab.vectors_length or 1)
        return mean / (numpy.linalg.norm(mean) or 1.0)
    return centroid(sorted(FIRST_NAMES)), centroid(_NOUNS)


def _with_adjectives(span: Span) -> Span:
    """A party's name goes on over one or two lower-case adjectives ("Renouveau citoyen")."""
    end = span.end
    doc = span.doc
    if span[-1].like_num:
        return span  # "Élan Citoyen 2027 revendique…": a name closed by a number takes no adjective
    for ent in doc.ents:  # the model read the whole name ("Renouveau citoyen" as ORG)
        if ent.start == span.start and span.end < ent.end <= span.end + 2 and all(
                t.is_alpha and t.pos_ not in ("VERB", "AUX") for t in doc[span.end:ent.end]):
            return Span(doc, span.start, ent.end, label=span.label)
    while end < len(doc) and end - span.end < 2 and doc[end].pos_ == "ADJ" and doc[end].is_lower and (
            "\n" not in doc[end - 1].whitespace_):
        end += 1
    return Span(doc, span.start, end, label=span.label)


_NEXT_NAME = re.compile(r"\s+((?:[a-zà-ÿ'’-]+\s+){0,3})[A-ZÀ-Ý]")
_NOT_DESCRIPTOR = re.compile(r"\b(?:qui|que|dont|par|pour|chez|avec|sur|à|au|aux)\b|\w(?:ée?s?|ant)\s")


def _introduces_next(after: str) -> bool:
    """"A, B et C, la société X…": the cue names the next name ("la société X"), it does not
    describe C; "X, la plateforme utilisée par Y" does describe X."""
    m = _NEXT_NAME.match(after)
    return m is not None and not _NOT_DESCRIPTOR.search(m.group(1) + " ")


#: A newspaper cited as the source: "révèle Le Dauphiné libéré", "consultés par La Gazette".
_MEDIA_VERB = FoldedSearch(re.compile(
    r"(?:révèle|révélait|a révélé|rapporte|rapportait|a rapporté|a appris|dévoile|"
    r"a dévoilé|dans les colonnes d[eu']|à la une d[eu']|écrit|écrivait)\s*$", re.IGNORECASE))
_MEDIA_SOURCE = FoldedSearch(re.compile(
    r"(?:selon|d['’]après|consultée?s? par|publiée?s? par|interrogée?s? par|"
    r"contactée?s? par|jointe?s? par|a (?:indiqué|déclaré|confié|expliqué|assuré) à)\s*$",
    re.IGNORECASE))


def _media_context(doc: Doc, span: Span) -> bool:
    before = _text(doc)[max(0, span.start_char - 40):span.start_char]
    if _MEDIA_VERB.search(before):
        return True
    return bool(_MEDIA_SOURCE.search(before)) and span[0].lower_ in ("le", "la", "l'", "l’", "les")


_CONNECTORS = frozenset({"de", "des", "du", "et", "&", "à", "la", "le", "les", "en", "sur", "pour"})


def _brand_shaped(doc: Doc, span: Span) -> bool:
    """A MISC name the model could not type that reads as a brand: capitalised words with at least
    one proper or unknown word, named bare (no article: "recours à Votéo", "chez Quorum
    Analytics"). Firms and apps are what this press names that way; events and works take an
    article ("la Grande Marche", "le Brexit")."""
    if not span[0].text[:1].isupper() or span.text.upper() in NOT_NAMES or span[0].text in FIRST_NAMES:
        return False  # "Sophie" read as MISC: the first-name rule makes "Sophie Lenfant" a person
    titled = [t for t in span if t.is_alpha and t.text[:1].isupper()]
    if not any(t.pos_ == "PROPN" or t.is_oov for t in span) and len(titled) < 2:
        return False  # one capitalised dictionary word; "Scrutin Plus", "Stratège Opinion" pass
    if any(t.is_alpha and t.text[:1].islower() and t.lower_ not in _CONNECTORS for t in span) or (
            span[-1].text[:1].islower()):
        return False  # "Coupe du monde", "Jeux olympiques": a phrase, not a brand
    prev = doc[span.start - 1].lower_ if span.start else ""
    if _PERSON_OF.search(_text(doc)[max(0, span.start_char - 40):span.start_char]):
        return False  # "la campagne de X", "les équipes de X": a candidate or a party, not a brand
    return prev not in _EVENT_BEFORE and (not span[0].is_sent_start or span[0].is_oov)


def _coordinated_persons(sure: list[Span], guessed: list[Span], lone: set[int]) -> list[Span]:
    """Lone PER words typed as firms become persons when listed with a person ("Fillon, Hamon et X")."""
    if not lone:
        return guessed
    spans = sorted([*sure, *guessed], key=lambda s: s.start)
    persons = {s.start for s in spans if s.label_ == "PERSON"}
    chains: list[list[Span]] = []  # "A, B et C": a list closed by a conjunction (not an apposition)
    closed: list[bool] = []
    for a, b in zip(spans, spans[1:]):
        gap = {t.lower_ for t in a.doc[a.end:b.start]}
        if gap and gap <= _COORD:
            if not chains or chains[-1][-1] is not a:
                chains.append([a])
                closed.append(False)
            chains[-1].append(b)
            closed[-1] = closed[-1] or bool(gap - {","})
    for chain, ok in zip(chains, closed):
        if ok and any(s.start in persons for s in chain):
            persons |= {s.start for s in chain if s.start in lone}
    return [Span(s.doc, s.start, s.end, label="PERSON") if s.start in lone and s.start in persons else s
            for s in guessed]


_NAME_TAILS = frozenset({"fils", "associés", "associées", "associés", "compagnie", "cie", "co", "frères", "sœurs", "partenaires"})


def _split_coordination(ent: Span) -> list[Span]:
    """"Enquêtia et CartoElec" read by the model as one name: two names of one or two capitalised
    words each side of "et" are two entities ("Martin et Fils", "Bourgs et Vallées" after "de" stay one)."""
    if "et" not in _text(ent.doc)[ent.start_char:ent.end_char].lower():
        return [ent]  # (no token of the name is "et": the common case, read without its tokens)
    words = [t for t in ent if t.lower_ == "et"]
    if len(words) != 1 or any(t.lower_ in ("de", "des", "du", "d'", "d’") for t in ent):
        return [ent]
    k = words[0].i
    left, right = ent.doc[ent.start:k], ent.doc[k + 1:ent.end]
    if not (1 <= len(left) <= 2 and 1 <= len(right) <= 2) or right[0].lower_ in _NAME_TAILS or not all(
            t.text[:1].isupper() for t in (*left, *right)):
        return [ent]
    return [Span(ent.doc, left.start, left.end, label=ent.label), Span(ent.doc, right.start, right.end, label=ent.label)]


def _whole_persons(fixed: list[Span], guessed: list[Span], persons: list[Span] | None = None) -> list[Span]:
    """"Sixtine de Beaulaincourt" read by the model as "Beaulaincourt" (a firm): a first name then
    a surname with its particle replaces the shorter names it contains."""
    if not guessed:
        return guessed
    doc = guessed[0].doc
    taken = {i for s in fixed for i in range(s.start, s.end)}
    out = list(guessed)
    for person in first_name_persons(doc) if persons is None else persons:
        inner = [g for g in out if person.start <= g.start and g.end <= person.end and len(g) < len(person)]
        if inner and not taken.intersection(range(person.start, person.end)) and not any(
                g for g in out if g not in inner and g.start < person.end and person.start < g.end):
            out = [g for g in out if g not in inner] + [person]
    return sorted(out, key=lambda s: s.start)


def first_name_persons(doc: Doc) -> list[Span]:
    """"Garance Tibolet", "Anne-Sophie Lenfant": a common first name then a capitalised surname."""
    out = []
    after = 0  # tokens before this belong to a name already read
    ids = _first_name_ids()
    toks = _tokens(doc)
    # (every first name is title-case, a test checks it: the title-case tokens are read once per
    # call, and testing a flag is cheaper than reading each token's ORTH, a new 64-bit integer)
    for i in [i for i in _title_positions(doc) if toks[i].orth in ids]:
        if i < after or i >= len(toks) - 1:
            continue
        tok = toks[i]
        if tok.text not in FIRST_NAMES or (i > 0 and toks[i - 1].text[:1].isupper() and toks[i - 1].is_alpha
                                           and not toks[i - 1].is_sent_start and toks[i - 1].ent_type_ != "PARTY"):
            continue
        j = i + 1
        while j + 1 < len(toks) and toks[j].text == "-" and toks[j + 1].text in FIRST_NAMES:  # Anne-Sophie
            j += 2
        k = j
        while k < len(toks) and (toks[k].is_title or toks[k].text == "-" or (
                toks[k].lower_ in ("de", "le", "la", "du") and k + 1 < len(toks) and toks[k + 1].is_title)):
            if "\n" in toks[k].whitespace_:
                k += 1
                break
            k += 1
        while k > j and not toks[k - 1].is_title:
            k -= 1
        if k > j and k - j <= 3:
            out.append(Span(doc, i, k, label="PERSON"))
        after = max(k, i + 1)
    return out


@lru_cache(maxsize=1)
def _first_name_ids() -> frozenset[int]:
    """The string ids (token ``ORTH`` values) of :data:`FIRST_NAMES`: candidates without a Token each."""
    return frozenset(get_string_id(name) for name in FIRST_NAMES)


def _known_places(doc: Doc) -> list[Span]:
    """Known places the model left untagged (used only where nothing else is)."""
    out = []
    text = _text(doc)
    for m in _PLACE_CANDIDATE.finditer(text):
        name = m["name"]
        if not is_known_place(name) and " " in name:
            name = name.split(" ")[0]
        if is_known_place(name):
            span = doc.char_span(m.start("name"), m.start("name") + len(name), label="PLACE", alignment_mode="strict")
            if span is not None:
                out.append(span)
    return out


def _starts_sentence_word(span: Span) -> bool:
    """'Le SA ...' style false hits: a single common word before the legal form."""
    return len(span) <= 2 and bool(span[0].is_sent_start) and span[0].lower_ in _DETS


def _keeps_determiner(toks: list[Token], i: int, end: int) -> bool:
    """A capitalised article inside a sentence belongs to the name ("a révélé Le Monde")."""
    tok = toks[i]
    return (tok.text[:1].isupper() and tok.lower_ in _NAME_DETS and not tok.is_sent_start
            and end - i >= 2 and toks[i + 1].text[:1].isupper()
            and not (i > 0 and toks[i - 1].is_punct and toks[i - 1].text in ".!?:«\""))


_TRIM_STOPS = (":", "«", "»", ";", "(", ")", "—", "–")
#: A line break or a character of _TRIM_STOPS: a name whose text holds none needs no walk over its tokens.
_BREAK_CHAR = re.compile("[\n" + re.escape("".join(_TRIM_STOPS)) + "]")


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    toks = _tokens(span.doc)
    if _BREAK_CHAR.search(_text(span.doc), span.start_char, span.end_char):
        for i in range(start, end):  # never across a line break (headline, paragraph) or a colon/quote
            if "\n" in toks[i].text or ("\n" in toks[i].whitespace_ and i + 1 < end):
                end = i if toks[i].is_space else i + 1
                break
            if i > start and toks[i].text in _TRIM_STOPS:
                end = i
                break
    while start < end - 1 and toks[start].lower_.rstrip(".") + ("." if toks[start].lower_ == "m." else "") in _TITLES:
        start += 1
    model_label = span.label_ in _MODEL_LABELS
    while model_label and start < end - 1 and (toks[start].text.upper() in NOT_NAMES or (
            toks[start].is_alpha and toks[start].is_lower and toks[start].lower_ not in _DETS
            and toks[start].lower_ not in NAME_KEYWORDS)) and any(
            t.text[:1].isupper() for t in toks[start + 1:end]):
        start += 1  # "SMS électoraux Textopoli", "ligne à Signaturia": lower-case words are no name
    while start < end and (toks[start].is_punct or toks[start].is_space or (
            toks[start].lower_ in _DETS and not _keeps_determiner(toks, start, end)) or (
            toks[start].text in _LEGAL_FORMS and end - start > 1 and toks[start + 1].is_title)):
        start += 1  # "la SARL Agora Numérique": a legal form before the name is a descriptor
    while end > start and (toks[end - 1].text in _TRIM_TAIL or toks[end - 1].is_space):
        end -= 1
    for i in range(start + 1, end - 1):  # "Pollux Data d'une main de fer": a lower-case tail
        if toks[i].lower_ in ("d'", "d’") and toks[i + 1].lower_ in ("un", "une") and not any(
                t.text[:1].isupper() for t in toks[i:end]):
            end = i
            break
    # "RCS de Nanterre" -> "Nanterre": an identifier word is not part of the name after it.
    while end - start > 2 and toks[start].text.upper() in NOT_NAMES and toks[start + 1].lower_ in (
            "de", "d'", "d’", "du"):
        start += 2
    # A capitalised participle opening the sentence ("Immatriculée au RCS...") is not a name.
    if end - start == 1 and toks[start].is_sent_start and toks[start].pos_ != "PROPN" and not toks[start].is_oov and (
            toks[start].lower_.endswith(("é", "ée", "és", "ées")) or toks[start].pos_ in ("ADJ", "VERB")):
        return None
    if start >= end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id)


@registry.misc("ciblage.type_cues.v1")
def type_cues() -> dict[str, dict[str, str]]:
    """The cue words of :mod:`nlp.lexicon` (pre, post, keywords), as a config block."""
    return {"pre": dict(PRE_CUES), "post": dict(POST_CUES), "keywords": dict(NAME_KEYWORDS)}


@Language.factory(
    "ciblage_typer",
    default_config={"cues": {"@misc": "ciblage.type_cues.v1"}, "org_default": "COMPANY",
                    "drop_misc": True},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def create_typer(nlp: Language, name: str, cues: dict[str, dict[str, str]], org_default: str,
                 drop_misc: bool) -> EntityTyper:
    return EntityTyper(name, pre_cues=cues["pre"], post_cues=cues["post"], keywords=cues["keywords"],
                       org_default=org_default, drop_misc=drop_misc)
