"""BODACC annonces commerciales (Opendatasoft Explore v2.1): one notice → record + company.

Fields per SOURCES.md §2; the JSON-in-a-string fields (``listepersonnes``, ``jugement``,
``acte``, ``modificationsgenerales``, ``radiationaurcs``, ``depot``...) are decoded. The
company (``registre`` SIREN) gets its name from ``commercant`` and the life event as a
property. Statements only where the notice states a relation: the officers listed in
``listepersonnes.personne.administration`` ("Président : DUPONT Jean.") become ``DIRECTS``
with a lower confidence (free text written by the greffe).
"""

from __future__ import annotations

import copy
import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ciblage.ids import clean_siren, entity_id, normalise_name
from crawlers.items import EntityItem, RecordItem, StatementItem
from crawlers.parsers.common import json_field, person_name, truncate, warn_leftovers
from crawlers.roles import role

SOURCE = "bodacc"
EXTRACTOR = "crawlers.bodacc"
NOTICE_URL = "https://www.bodacc.fr/annonce/detail-annonce/{publicationavis}/{parution}/{numeroannonce}"
JSON_FIELDS = ("listepersonnes", "jugement", "acte", "modificationsgenerales", "radiationaurcs",
               "acteradiationaurcs", "depot", "listeetablissements", "listeprecedentexploitant",
               "listeprecedentproprietaire", "divers", "parutionavisprecedent")
IGNORED = frozenset({"publicationavis_facette", "typeavis", "numerodepartement", "departement_nom_officiel",
                     "region_code", "region_nom_officiel", "cp", "ville", "url_complete", "familleavis_lib",
                     "typeavis_lib", "tribunal", *JSON_FIELDS})
# "Président : DUPONT Jean." / "Directeur général : X (nomination)." in the administration text.
_OFFICER = re.compile(r"(?P<role>[A-ZÉÈa-zéèêëàâîïôûüç' -]{3,60}?)\s*:\s*(?P<who>[^.;:]+?)\s*(?=\.|;|$)")
_SIREN_IN = re.compile(r"\((?P<siren>\d{3}\s?\d{3}\s?\d{3})\b[^)]*\)")


@lru_cache(maxsize=1)
def familles() -> dict[str, str]:
    path = Path(__file__).resolve().parent.parent / "data" / "bodacc_familles.csv"
    with path.open(encoding="utf-8") as fh:
        return {r["familleavis"]: r["kind"] for r in csv.DictReader(line for line in fh if not line.startswith("#"))}


def siren_of(registre: Any) -> str | None:
    """``"833 310 592,833310592"`` (or a list of them) → ``"833310592"``."""
    values = registre if isinstance(registre, list) else str(registre or "").split(",")
    return next((s for s in (clean_siren(v) for v in values) if s), None)


def parse_notice(notice: dict[str, Any], api_url: str | None = None) -> RecordItem:
    raw = copy.deepcopy(notice)
    data = dict(notice)
    nid = str(data.pop("id", "") or "")
    if not nid:
        raise ValueError("BODACC notice without id")
    record_id = f"{SOURCE}:{nid}"
    decoded = {k: json_field(data.get(k)) for k in JSON_FIELDS if data.get(k)}
    famille = data.pop("familleavis", None) or ""
    kind = familles().get(famille, famille or "annonce")
    date = data.pop("dateparution", None)
    parts = {k: data.pop(k, None) for k in ("publicationavis", "parution", "numeroannonce")}
    url = NOTICE_URL.format(**parts) if all(parts.values()) else data.get("url_complete") or api_url
    siren = siren_of(data.pop("registre", None))
    name = (data.pop("commercant", None) or "").strip()
    personne = _personne(decoded.get("listepersonnes"))
    entities: list[EntityItem] = []
    statements: list[StatementItem] = []
    if siren:
        org_id = f"siren:{siren}"
        aliases = [a for a in (personne.get("denomination"), personne.get("sigle"), personne.get("nomCommercial")) if a]
        event = {k: v for k, v in {"date": date, "famille": kind, "id": nid,
                                    "detail": _event_detail(decoded)}.items() if v}
        props: dict[str, Any] = {f"bodacc_{_key(kind)}": event}
        if personne.get("formeJuridique"):
            props["forme_juridique"] = personne["formeJuridique"]
        old = _former_name(decoded.get("modificationsgenerales"))
        if old:
            aliases.append(old)
        entities.append(EntityItem(id=org_id, type="COMPANY", name=name or personne.get("denomination") or siren,
                                   aliases=aliases, identifiers={"siren": siren}, props=props))
        admin = personne.get("administration") or ""
        for officer_role, who in officers(admin):
            role_name, predicate = role(officer_role)
            if predicate is None:
                continue
            subject, ent = _officer_entity(who)
            entities.append(ent)
            evidence = f'listepersonnes.administration: "{officer_role} : {who}" (BODACC {parts["publicationavis"]}, {date}, annonce {parts["numeroannonce"]}, SIREN {siren})'
            statements.append(StatementItem(
                subject=subject, predicate=predicate, object=org_id, evidence=evidence, extractor=EXTRACTOR,
                source_kind="record", source_id=record_id, source_url=url, confidence=0.8, observed=date,
                props={"role": role_name, "since": date} if "nomination" in who.lower() else {"role": role_name},
            ))
    warn_leftovers(SOURCE, record_id, data, IGNORED)
    return RecordItem(record_id=record_id, source=SOURCE, kind=kind, raw=raw, url=url, entities=entities,
                      statements=statements, source_url=api_url or url)


def _personne(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        p = value.get("personne", value)
        if isinstance(p, list):
            p = p[0] if p else {}
        return p if isinstance(p, dict) else {}
    return {}


def officers(text: str) -> list[tuple[str, str]]:
    """``[(role, who)]`` from an administration text such as ``"Président : DUPONT Jean."``."""
    out = []
    for m in _OFFICER.finditer(text or ""):
        role_text, who = m.group("role").strip(" .,"), m.group("who").strip()
        who = re.sub(r"\s*\((?:nomination|modification|confirmation)\)\s*$", "", who, flags=re.I)
        if " en remplacement de " in who:
            who = who.split(" en remplacement de ")[0]
        if role_text and who and not role_text.lower().startswith("modification"):
            out.append((role_text, who.strip()))
    return out


def _officer_entity(who: str) -> tuple[str, EntityItem]:
    """An officer named in notice text: a company when a SIREN follows or the name is a
    registered denomination (several capitalised words, no given name), else a person written
    ``NOM Prénom``."""
    m = _SIREN_IN.search(who)
    if m:
        name = who[: m.start()].strip()
        siren = clean_siren(m.group("siren"))
        return f"siren:{siren}", EntityItem(id=f"siren:{siren}", type="COMPANY", name=name, identifiers={"siren": siren})
    words = who.split()
    upper = [w for w in words if w.isupper()]
    given = [w for w in words if not w.isupper()]
    if given and upper:
        pname = person_name(" ".join(given), " ".join(upper))
        return entity_id("PERSON", pname), EntityItem(id=entity_id("PERSON", pname), type="PERSON", name=pname)
    return entity_id("COMPANY", who), EntityItem(id=entity_id("COMPANY", who), type="COMPANY", name=who)


def _event_detail(decoded: dict[str, Any]) -> str | None:
    for key, path in (("jugement", ("nature",)), ("depot", ("typeDepot",)), ("modificationsgenerales", ("descriptif",)),
                      ("acte", ("descriptif",)), ("radiationaurcs", ("radiationPM",))):
        value = decoded.get(key)
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        if value:
            extra = decoded.get(key, {}).get("date") if key == "jugement" else None
            return truncate(f"{value} ({extra})" if extra else str(value), 300)
    return None


def _former_name(value: Any) -> str | None:
    text = value.get("descriptif", "") if isinstance(value, dict) else str(value or "")
    m = re.search(r"[Aa]ncienne d[ée]nomination\s*:\s*([^.]+)", text)
    return m.group(1).strip() if m else None


def _key(kind: str) -> str:
    return normalise_name(kind, drop_legal_form=False).replace(" ", "_")
