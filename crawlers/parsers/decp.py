"""DECP (données essentielles de la commande publique): one contract → record, entities,
``AWARDED`` / ``AWARDED_TO`` / ``CONTRACT_WITH`` statements.

Reads both published schemas (SOURCES.md §3): 2019 (``{"marches": [...]}``, ``acheteur{id, nom}``,
flat ``titulaires[{typeIdentifiant, id, denominationSociale}]``) and 2022
(``{"marches": {"marche": [...]}}``, ``titulaires[{titulaire{typeIdentifiant, id}}]``, no names),
plus the flattened rows of the Explore API (``acheteur_id``, ``titulaire_id_1``...; field
names looked up case- and underscore-insensitively). Names missing from the source are set to
the SIRET with ``needs_name`` until the entreprises spider fills them.
"""

from __future__ import annotations

import re
from typing import Any

from ciblage.ids import clean_siren, contract_id, entity_id
from crawlers.items import EntityItem, RecordItem, StatementItem
from crawlers.parsers.common import quote, truncate, warn_leftovers

SOURCE = "decp"
EXTRACTOR = "crawlers.decp"
KNOWN = frozenset(k.lower() for k in (
    "id", "uid", "_type", "acheteur", "nature", "objet", "codeCPV", "procedure", "lieuExecution", "dureeMois",
    "dateNotification", "datePublicationDonnees", "montant", "formePrix", "titulaires", "modifications",
    "techniques", "modalitesExecution", "idAccordCadre", "typesPrix", "attributionAvance", "tauxAvance",
    "origineUE", "origineFrance", "marcheInnovant", "ccag", "offresRecues", "typeGroupementOperateurs",
    "sousTraitanceDeclaree", "actesSousTraitance", "modificationsActesSousTraitance", "considerationsSociales",
    "considerationsEnvironnementales", "source", "donneesActuelles",
))
_FLAT_HOLDER = re.compile(r"^titulaires?_?(?P<field>.*?)_?(?P<n>\d+)$")


def _norm(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


def get(m: dict[str, Any], *names: str) -> Any:
    """A field by any of its spellings (``dateNotification``, ``datenotification``...)."""
    index = {_norm(k): k for k in m}
    for name in names:
        key = index.get(_norm(name))
        if key is not None and m[key] not in (None, ""):
            return m[key]
    return None


def buyer(m: dict[str, Any]) -> tuple[str | None, str | None]:
    a = get(m, "acheteur")
    if isinstance(a, dict):
        return (str(a.get("id")) if a.get("id") else None), a.get("nom")
    return (str(get(m, "acheteur_id", "acheteur.id") or "") or None), get(m, "acheteur_nom", "acheteur.nom")


def holders(m: dict[str, Any]) -> list[dict[str, str | None]]:
    """``[{"type", "id", "name"}]`` from either schema or the flattened Explore rows."""
    out = []
    for t in get(m, "titulaires") or []:
        t = t.get("titulaire", t) if isinstance(t, dict) else {}
        if t.get("id"):
            out.append({"type": t.get("typeIdentifiant"), "id": str(t["id"]), "name": t.get("denominationSociale")})
    flat: dict[str, dict[str, Any]] = {}
    for key, value in m.items():
        f = _FLAT_HOLDER.match(key.lower())
        if f and value not in (None, ""):
            field = _norm(f.group("field"))
            slot = flat.setdefault(f.group("n"), {})
            if field in ("id", "titulaireid"):
                slot["id"] = str(value)
            elif "type" in field:
                slot["type"] = value
            elif "denomination" in field or "nom" in field:
                slot["name"] = value
    out += [{"type": s.get("type"), "id": s["id"], "name": s.get("name")} for _, s in sorted(flat.items()) if s.get("id")]
    return out


def parse_contract(m: dict[str, Any], url: str | None = None) -> RecordItem:
    data = dict(m)
    mid = str(get(data, "id") or "")
    buyer_id, buyer_name = buyer(data)
    key = f"{buyer_id}{mid}" if buyer_id and mid else str(get(data, "uid") or mid)
    if not key:
        raise ValueError("DECP contract without id")
    record_id = f"{SOURCE}:{key}"
    cid = contract_id(SOURCE, key)
    objet = (get(data, "objet") or "").strip()
    montant = get(data, "montant")
    date = get(data, "dateNotification")
    lieu = get(data, "lieuExecution")
    lieu_text = " ".join(str(lieu.get(k)) for k in ("code", "typeCode", "nom") if lieu.get(k)) \
        if isinstance(lieu, dict) else get(data, "lieuExecution_code", "lieuexecution_code")
    props = {k: v for k, v in {
        "montant": montant, "dateNotification": date, "codeCPV": get(data, "codeCPV"),
        "procedure": get(data, "procedure"), "nature": get(data, "nature"), "dureeMois": get(data, "dureeMois"),
        "lieuExecution": lieu_text, "formePrix": get(data, "formePrix"), "objet": objet or None,
        "marche_id": mid or None, "acheteur_id": buyer_id,
    }.items() if v not in (None, "")}
    entities = [EntityItem(id=cid, type="CONTRACT", name=truncate(objet or f"Marché {mid}", 120),
                           identifiers={"decp_id": mid, **({"uid": get(data, "uid")} if get(data, "uid") else {})},
                           props=props)]
    statements: list[StatementItem] = []
    cite = f"(DECP, marché {mid}" + (f", notifié le {date}" if date else "") + ")"
    fields = {"objet": truncate(objet, 200), "montant": montant, "dateNotification": date}
    buyer_eid = None
    if buyer_id:
        bsiren = clean_siren(buyer_id)
        buyer_eid = entity_id("PUBLIC_BODY", buyer_name or buyer_id, siren=bsiren)
        entities.append(_party(buyer_eid, "PUBLIC_BODY", buyer_name, buyer_id, bsiren))
        statements.append(_st(buyer_eid, "AWARDED", cid, quote({"acheteur": _who(buyer_id, buyer_name), **fields}) + f" {cite}",
                              record_id, url, {"montant": montant, "date": date}))
    for h in holders(data):
        hsiren = clean_siren(h["id"]) if (h.get("type") or "SIRET").upper() in ("SIRET", "SIREN") else None
        heid = entity_id("COMPANY", h.get("name") or h["id"], siren=hsiren)
        entities.append(_party(heid, "COMPANY", h.get("name"), h["id"], hsiren, h.get("type")))
        titulaire = quote({"titulaire": _who(h["id"], h.get("name"))})
        statements.append(_st(cid, "AWARDED_TO", heid, f"{titulaire}; {quote(fields)} {cite}", record_id, url,
                              {"montant": montant, "date": date}))
        if buyer_eid:
            statements.append(_st(buyer_eid, "CONTRACT_WITH", heid,
                                  quote({"acheteur": _who(buyer_id, buyer_name)}) + f"; {titulaire}; {quote(fields)} {cite}",
                                  record_id, url, {"amount": montant, "date": date, "object": truncate(objet, 200),
                                                   "contract": cid}))
    warn_leftovers(SOURCE, record_id, {k: v for k, v in data.items()
                                       if k.lower() not in KNOWN and not _FLAT_HOLDER.match(k.lower())
                                       and not k.lower().startswith(("acheteur", "lieuexecution", "lieu_execution"))})
    return RecordItem(record_id=record_id, source=SOURCE, kind="contract", raw=m, url=url, entities=entities,
                      statements=statements, source_url=url)


def _who(ident: str, name: str | None) -> str:
    return f"{name} ({ident})" if name else ident


def _party(eid: str, etype: str, name: str | None, ident: str, siren: str | None, id_type: str | None = "SIRET") -> EntityItem:
    identifiers: dict[str, Any] = {"siren": siren} if siren else {}
    if siren and len(re.sub(r"\D", "", ident)) == 14:
        identifiers["siret"] = re.sub(r"\D", "", ident)
    elif not siren:
        identifiers[(id_type or "id").lower()] = ident
    props = {} if name else {"needs_name": True}
    return EntityItem(id=eid, type=etype, name=name or ident, identifiers=identifiers, props=props)


def _st(subject: str, predicate: str, obj: str, evidence: str, record_id: str, url: str | None,
        props: dict[str, Any]) -> StatementItem:
    return StatementItem(subject=subject, predicate=predicate, object=obj, evidence=evidence, extractor=EXTRACTOR,
                         source_kind="record", source_id=record_id, source_url=url, confidence=1.0,
                         observed=props.get("date"), props={k: v for k, v in props.items() if v not in (None, "")})
