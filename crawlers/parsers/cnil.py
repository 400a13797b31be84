"""CNIL deliberations in DILA's open-data XML (``CNILTEXT*.xml``): document + decisions.

Elements are read by local name (``ID``, ``NATURE``, ``TITRE``, ``TITREFULL``, ``NUMERO``,
``NATURE_DELIB``, ``DATE_TEXTE``, ``DATE_PUBLI``, ``ETAT_JURIDIQUE``, ``BLOC_TEXTUEL/CONTENU``)
whatever the wrapper (``TEXTE_CNIL``...). Each deliberation becomes a document for the NLP.
Decisions stated in the text become statements of the CNIL (``publicbody:cnil``) with the
sentence as evidence: a sanction ("prononcer à l'encontre de la société X une amende") →
``SANCTIONED``; a mise en demeure ("la société X est mise en demeure") → ``REGULATES``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ciblage.ids import clean_siren, entity_id
from crawlers.items import DocumentItem, EntityItem, StatementItem
from crawlers.parsers.common import normalise_text

SOURCE = "cnil"
EXTRACTOR = "crawlers.cnil"
PUBLIC_URL = "https://www.legifrance.gouv.fr/cnil/id/{id}/"
CNIL_ID = entity_id("PUBLIC_BODY", "CNIL")
FIELDS = ("ID", "NATURE", "TITRE", "TITREFULL", "NUMERO", "NATURE_DELIB", "DATE_TEXTE", "DATE_PUBLI",
          "ETAT_JURIDIQUE", "NOR", "ORIGINE", "ANCIEN_ID")

_UP = r"A-Z0-9ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ"
_NAME = rf"(?P<name>[{_UP}][\w&'’.\-]*(?:\s+(?:[{_UP}&][\w&'’.\-]*|de|du|des|et|d'|l')){{0,7}})"
_KIND = r"(?P<kind>la soci[ée]t[ée]|l['’]association|le parti|le groupement|la fondation|l['’]organisme|la commune|le syndicat|la SAS|la SARL|la SA)"
_SANCTION = re.compile(rf"(?:à|a) l['’]encontre (?:de |d['’]){_KIND}\s+{_NAME}")
_MED = (re.compile(rf"met en demeure {_KIND}\s+{_NAME}"),
        re.compile(rf"{_KIND}\s+{_NAME}(?:\s*\([^)]*\))?,?\s+(?:est|soit)\s+mise? en demeure"))
_SIREN = re.compile(r"SIREN\s*(?:n°\s*)?(?P<num>\d{3}\s?\d{3}\s?\d{3})")
_AMOUNT = re.compile(r"amende[^.]{0,80}?(?P<amount>\d{1,3}(?:[\s\u00a0\u202f.]\d{3})+|\d+)\s*(?:\([^)]*\)\s*)?(?:euros|€)")
_BLOCK = re.compile(r"<\s*(?:/p|br\s*/?|/div|/li|/h\d|/tr)\s*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.;!?»])\s+(?=[«A-ZÀÂÉÈÊÎÔ])|\n+")


@dataclass
class Deliberation:
    fields: dict[str, str]
    text: str

    @property
    def id(self) -> str:
        return self.fields.get("ID", "")


def parse_xml(body: bytes) -> Deliberation:
    """The fields and plain text of one deliberation. Raises ValueError when it has no ID."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True, recover=False))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"malformed CNIL XML: {exc}") from exc
    fields = {}
    for name in FIELDS:
        found = root.xpath(f"//*[local-name()='{name}']")
        if found and (found[0].text or "").strip():
            fields[name] = found[0].text.strip()
    if not fields.get("ID"):
        raise ValueError("no <ID> element: not a CNIL text")
    blocks = root.xpath("//*[local-name()='BLOC_TEXTUEL']/*[local-name()='CONTENU']") or root.xpath("//*[local-name()='CONTENU']")
    return Deliberation(fields, normalise_text("\n\n".join(html_to_text(b) for b in blocks)))


def html_to_text(el: Any) -> str:
    """CONTENU holds HTML, as elements or as escaped text; keep paragraph breaks."""
    if len(el):
        inner = (el.text or "") + "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in el)
    else:
        inner = el.text or ""
    return html.unescape(_TAG.sub("", _BLOCK.sub("\n", inner)))


def to_item(delib: Deliberation, fetched_from: str | None = None) -> DocumentItem:
    f = delib.fields
    url = PUBLIC_URL.format(id=delib.id)
    statements, entities = decisions(delib, url)
    meta = {k.lower(): v for k, v in f.items() if k not in ("ID", "TITREFULL")}
    meta["cnil_id"] = delib.id
    if fetched_from:
        meta["fetched_from"] = fetched_from
    return DocumentItem(source=SOURCE, url=url, canonical_url=url, title=f.get("TITREFULL") or f.get("TITRE"),
                        text=delib.text, published=f.get("DATE_TEXTE"), language="fr", meta=meta,
                        entities=entities, statements=statements, spider="cnil", source_url=fetched_from or url)


def decisions(delib: Deliberation, url: str) -> tuple[list[StatementItem], list[EntityItem]]:
    """SANCTIONED / REGULATES statements found in the text, with their sentences."""
    f, text = delib.fields, delib.text
    numero, nature = f.get("NUMERO", ""), f.get("NATURE_DELIB", "").lower()
    found: list[tuple[str, re.Match[str], str]] = []
    if numero.upper().startswith("SAN") or "sanction" in nature or _SANCTION.search(text):
        found += [("SANCTIONED", m, "sanction") for m in _SANCTION.finditer(text)]
    if numero.upper().startswith("MED") or "demeure" in nature or "mise en demeure" in text.lower():
        found += [("REGULATES", m, "mise en demeure") for rx in _MED for m in rx.finditer(text)]
    statements, entities, seen = [], [EntityItem(id=CNIL_ID, type="PUBLIC_BODY", name="CNIL",
                                                 aliases=["Commission nationale de l'informatique et des libertés"])], set()
    for predicate, m, decision in found:
        name = (m.group("name") or "").strip(" ,.")
        kind = (m.group("kind") or "").lower()
        if len(name) < 2 or name in ("X", "Y", "Z"):
            continue
        siren = _siren_near(text, name)
        etype = "PARTY" if "parti" in kind else "PUBLIC_BODY" if kind in ("la commune",) else "COMPANY"
        oid = entity_id(etype, name, siren=siren)
        if (predicate, oid) in seen:
            continue
        seen.add((predicate, oid))
        start, end = _sentence(text, m.start())
        sentence = text[start:end]
        amount = _AMOUNT.search(sentence)
        entities.append(EntityItem(id=oid, type=etype, name=name, identifiers={"siren": siren} if siren else {}))
        statements.append(StatementItem(
            subject=CNIL_ID, predicate=predicate, object=oid, evidence=sentence, extractor=EXTRACTOR,
            source_kind="document", source_url=url, start=start, end=end, confidence=0.9,
            observed=f.get("DATE_TEXTE"),
            props={k: v for k, v in {"decision": decision, "numero": numero or None, "date": f.get("DATE_TEXTE"),
                                     "amount": int(re.sub(r"\D", "", amount.group("amount"))) if amount else None}.items() if v},
        ))
    return statements, entities


def _siren_near(text: str, name: str) -> str | None:
    for m in re.finditer(re.escape(name), text):
        near = _SIREN.search(text, m.end(), m.end() + 400)
        if near:
            return clean_siren(near.group("num"))
    return None


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    end = m.start() if m else len(text)
    return start, end
