"""Make any stored text safe for spaCy without moving a character: offsets stay valid.

HTML tags, script/style blocks, entities, control characters and replacement characters are
blanked with spaces *of the same length*, so a mention's offsets point into the original
document text. Long texts are cut at paragraph boundaries into chunks (spaCy's ``max_length``
is never reached and memory stays bounded). The language is guessed from stop words: cheap,
and enough to skip relation rules written for French.

Example:
    >>> prep = prepare("<p>La CNIL a sanctionné Spallian.</p>")
    >>> prep.text
    '   La CNIL a sanctionné Spallian.    '
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHUNK_CHARS = 8_000
_TAG_BLOCK = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<!--.*?-->|<!?/?[a-zA-Z][^<>]{0,2000}>", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ufeff\u200b-\u200d\u2028\u2029]")
_WORD = re.compile(r"[a-zà-ÿ']+")
_ENTITY_CHARS = {"&nbsp;": " ", "&amp;": "&", "&quot;": '"', "&apos;": "'", "&lt;": "<", "&gt;": ">",
                 "&rsquo;": "’", "&lsquo;": "‘", "&eacute;": "é", "&egrave;": "è", "&agrave;": "à",
                 "&ccedil;": "ç", "&ecirc;": "ê", "&laquo;": "«", "&raquo;": "»"}

STOPWORDS = {
    "fr": frozenset("le la les de des du et est un une que qui dans pour pas sur au aux par avec son sa ses "
                    "ont été il elle ce cette sont mais ou plus nous vous leur".split()),
    "en": frozenset("the of and to in is that for it with as was on be by this are from at an have has "
                    "which or not but their".split()),
    "de": frozenset("der die das und ist nicht mit von den dem zu ein eine auf für sich des im auch".split()),
    "es": frozenset("el los las y es en que por con para una del se su al lo como pero sus".split()),
    "it": frozenset("il di che è per con non una della sono gli le dei nel alla anche".split()),
}


def _stop_languages() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for lang, stops in STOPWORDS.items():
        for word in stops:
            out[word] = (*out.get(word, ()), lang)
    return out


#: Stop word -> the languages it is a stop word of ("la": French and Italian).
_STOP_LANGUAGES = _stop_languages()


@dataclass
class Prepared:
    """A text made safe: same length as the input, its chunks, language and any problem."""

    text: str
    language: str = "fr"
    reason: str | None = None
    chunks: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False when nothing can be extracted (empty or garbage)."""
        return bool(self.chunks)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _entity(match: re.Match[str]) -> str:
    value = _ENTITY_CHARS.get(match.group().lower(), " ")
    return value + " " * (len(match.group()) - len(value))


def clean(text: str) -> tuple[str, bool]:
    """Blank markup and control characters; returns the text and whether HTML was found."""
    had_html = bool(_TAG.search(text))
    if had_html:
        text = _TAG_BLOCK.sub(_blank, text)
        text = _TAG.sub(_blank, text)
        text = _ENTITY.sub(_entity, text)
    return _CONTROL.sub(" ", text), had_html


def guess_language(text: str) -> str:
    """``fr`` unless another language's stop words clearly dominate (short texts: ``fr``)."""
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < 12:
        return "fr"
    scores = dict.fromkeys(STOPWORDS, 0)
    for w in words:  # one pass: each word counts for every language it is a stop word of
        for lang in _STOP_LANGUAGES.get(w, ()):
            scores[lang] += 1
    best = max(scores, key=lambda k: scores[k])
    if best != "fr" and scores[best] > 2 * max(scores["fr"], 1) and scores[best] >= 0.1 * len(words):
        return best
    return "fr"


def chunk(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``size`` characters, cut at paragraph breaks,
    else line or sentence ends, else whitespace."""
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            window = text[start:end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(sep, size // 4)
                if cut != -1:
                    cut += len(sep)
                    break
            if cut > 0:
                end = start + cut
        if text[start:end].strip():
            pieces.append((start, text[start:end]))
        start = end
    return pieces


def prepare(text: str | bytes | None, *, chunk_chars: int = CHUNK_CHARS) -> Prepared:
    """Clean, check and chunk one text. Never raises on content."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text or ""
    if not text.strip():
        return Prepared(text=text, reason="empty text")
    bad = len(_CONTROL.findall(text))
    if bad > 0.2 * len(text):
        return Prepared(text=text, reason=f"garbage: {bad} control or undecodable characters of {len(text)}")
    cleaned, _ = clean(text)
    letters = sum(map(str.isalpha, cleaned))  # (a generator per character cost 5x more)
    if letters < 0.3 * len(cleaned.strip() or "x"):
        return Prepared(text=cleaned, reason="garbage: too few letters to be prose")
    language = guess_language(cleaned)
    # Stripped HTML is repaired, not reported; another language is reported (relations skipped).
    reason = f"language {language}: relations skipped" if language != "fr" else None
    return Prepared(text=cleaned, language=language, reason=reason, chunks=chunk(cleaned, chunk_chars))
