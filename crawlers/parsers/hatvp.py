"""HATVP register of interest representatives: one organisation → record, entities, statements.

Fields per SOURCES.md §4a (``{"publications": [org...]}``; note the source's misspelling
``reponsablesPublics``). The organisation is ``siren:`` when ``typeIdentifiantNational`` is
SIREN, else ``company:<slug>``. ``dirigeants`` → ``DIRECTS`` (role from ``fonction``),
``collaborateurs`` → ``WORKS_FOR``, ``clients`` and the third parties (``tiers``) of its
declared activities (minus the "(en propre)" entry) → ``LOBBIES_FOR`` (lobbyist → client).
"""

from __future__ import annotations

import copy
from typing import Any

from ciblage.ids import clean_siren, entity_id, normalise_name
from crawlers.items import EntityItem, RecordItem, StatementItem
from crawlers.parsers.common import person_name, truncate, warn_leftovers
from crawlers.roles import role

SOURCE = "hatvp"
EXTRACTOR = "crawlers.hatvp"
PAGE_URL = "https://www.hatvp.fr/fiche-organisation/?organisation={ident}"
IGNORED = frozenset({
    "emailDeContact", "telephoneDeContact", "publierMonAdresseEmail", "publierMonAdressePhysique",
    "publierMonTelephoneDeContact", "lienPageTwitter", "lienPageFacebook", "lienPageLinkedin", "lienListeTiers",
    "declarationTiers", "declarationOrgaAppartenance", "isActivitesPubliees", "motivationDesinscription",
})


def org_entity_id(org: dict[str, Any]) -> str:
    siren = clean_siren(org.get("identifiantNational")) if (org.get("typeIdentifiantNational") or "").upper() == "SIREN" else None
    return entity_id("COMPANY", org.get("denomination") or org.get("identifiantNational") or "?", siren=siren)


def parse_org(org: dict[str, Any], url: str | None = None) -> RecordItem:
    raw = copy.deepcopy(org)
    data = dict(org)
    name = (data.pop("denomination", None) or "").strip()
    ident = str(data.pop("identifiantNational", None) or "")
    id_type = (data.pop("typeIdentifiantNational", None) or "").upper()
    if not (name or ident):
        raise ValueError("HATVP organisation without denomination or identifier")
    siren = clean_siren(ident) if id_type == "SIREN" else None
    org_id = entity_id("COMPANY", name or ident, siren=siren)
    record_id = f"{SOURCE}:{ident or org_id}"
    page = PAGE_URL.format(ident=ident) if ident else url
    cat = data.pop("categorieOrganisation", None) or {}
    etype = "PUBLIC_BODY" if "PUBLIC" in f"{cat.get('categorie', '')} {cat.get('code', '')}".upper() else "COMPANY"
    aliases = [a for a in (data.pop("nomUsageHatvp", None), data.pop("nomUsage", None), data.pop("sigleHatvp", None),
                           data.pop("ancienNomHatvp", None)) if a]
    acts = data.pop("activites", None) or {}
    exercices = data.pop("exercices", None) or []
    props: dict[str, Any] = {k: v for k, v in {
        "hatvp_categorie": cat.get("label"), "adresse": data.pop("adresse", None),
        "code_postal": data.pop("codePostal", None), "ville": data.pop("ville", None), "pays": data.pop("pays", None),
        "site_web": data.pop("lienSiteWeb", None), "hatvp_date_inscription": data.pop("dateCreation", None),
        "hatvp_premiere_publication": data.pop("datePremierePublication", None),
        "hatvp_derniere_publication": data.pop("dateDernierePublicationActivite", None),
        "hatvp_cessation": data.pop("dateCessation", None), "hatvp_motif_desinscription": data.pop("motifDesinscription", None),
        "secteurs": [s.get("label") for s in acts.get("listSecteursActivites") or [] if s.get("label")] or None,
        "niveaux_intervention": [s.get("label") for s in acts.get("listNiveauIntervention") or [] if s.get("label")] or None,
        "affiliations": [a.get("denomination") for a in data.pop("affiliations", None) or [] if a.get("denomination")] or None,
    }.items() if v not in (None, "", [])}
    identifiers = {"hatvp": ident} if ident else {}
    if siren:
        identifiers["siren"] = siren
    cite = f"(HATVP, répertoire des représentants d'intérêts, {name}" + (f", {id_type} {ident}" if ident else "") + ")"
    entities = [EntityItem(id=org_id, type=etype, name=name or ident, aliases=aliases, identifiers=identifiers, props=props)]
    statements: list[StatementItem] = []

    def st(subject: str, predicate: str, obj: str, evidence: str, extra: dict[str, Any], confidence: float = 1.0) -> None:
        statements.append(StatementItem(subject=subject, predicate=predicate, object=obj, evidence=evidence,
                                        extractor=EXTRACTOR, source_kind="record", source_id=record_id,
                                        source_url=page, confidence=confidence,
                                        props={k: v for k, v in extra.items() if v}))

    for field, default in (("dirigeants", "DIRECTS"), ("collaborateurs", "WORKS_FOR")):
        for p in data.pop(field, None) or []:
            pname = person_name(p.get("prenom"), p.get("nom"))
            if not pname:
                continue
            pid = entity_id("PERSON", pname)
            entities.append(EntityItem(id=pid, type="PERSON", name=pname))
            role_name, predicate = role(p.get("fonction"), default_predicate=default)
            predicate = default if field == "collaborateurs" else (predicate or default)
            quoted = f'{field}: "{p.get("nom", "")} {p.get("prenom", "")}, {p.get("fonction") or "?"}" {cite}'
            st(pid, predicate, org_id, quoted, {"role": role_name, "fonction": p.get("fonction")})
    seen: set[str] = {normalise_name(name)} if name else set()
    for c in data.pop("clients", None) or []:
        cname = (c.get("denomination") or "").strip()
        if not cname or normalise_name(cname) in seen:
            continue
        seen.add(normalise_name(cname))
        csiren = clean_siren(c.get("identifiantNational")) if (c.get("typeIdentifiantNational") or "").upper() == "SIREN" else None
        cid = entity_id("COMPANY", cname, siren=csiren)
        entities.append(EntityItem(id=cid, type="COMPANY", name=cname, identifiers={"siren": csiren} if csiren else {}))
        st(org_id, "LOBBIES_FOR", cid, f'clients: "{cname}" {cite}', {"declared_as": "client"})
    summaries, tiers = _exercices(exercices)
    if summaries:
        props["hatvp_exercices"] = summaries
    for tname, act in tiers.items():
        if normalise_name(tname) in seen:
            continue
        seen.add(normalise_name(tname))
        tid = entity_id("COMPANY", tname)
        entities.append(EntityItem(id=tid, type="COMPANY", name=tname))
        evidence = (f'activites.actionsRepresentationInteret.tiers: "{tname}"; objet: "{truncate(act["objet"], 200)}" '
                    f'(HATVP, fiche {act["fiche"]}, exercice {act["exercice"]}, {name})')
        st(org_id, "LOBBIES_FOR", tid, evidence, {"declared_as": "tiers", "fiches": act["fiches"]}, confidence=0.9)
    warn_leftovers(SOURCE, record_id, data, IGNORED)
    return RecordItem(record_id=record_id, source=SOURCE, kind="lobbyist", raw=raw, url=page, entities=entities,
                      statements=statements, source_url=url)


def _exercices(exercices: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Per-year summaries, and the third parties of the activities (first activity kept as quote)."""
    summaries: list[dict[str, Any]] = []
    tiers: dict[str, dict[str, Any]] = {}
    for ex in exercices:
        pub = ex.get("publicationCourante") or ex
        period = f"{pub.get('dateDebut', '?')} – {pub.get('dateFin', '?')}"
        activites = pub.get("activites") or []
        summaries.append({k: v for k, v in {
            "dateDebut": pub.get("dateDebut"), "dateFin": pub.get("dateFin"), "montantDepense": pub.get("montantDepense"),
            "chiffreAffaire": pub.get("chiffreAffaire"), "nombreSalaries": pub.get("nombreSalaries"),
            "nombreActivite": pub.get("nombreActivite"),
            "objets": [truncate((a.get("publicationCourante") or a).get("objet") or "", 160) for a in activites][:10],
        }.items() if v not in (None, "", [])})
        for a in activites:
            act = a.get("publicationCourante") or a
            fiche = act.get("identifiantFiche") or "?"
            for action in act.get("actionsRepresentationInteret") or []:
                for t in action.get("tiers") or []:
                    t = ((t.get("denomination") or "") if isinstance(t, dict) else str(t or "")).strip()
                    if not t or "(en propre)" in t.lower():
                        continue
                    entry = tiers.setdefault(t, {"objet": act.get("objet") or "", "fiche": fiche, "exercice": period, "fiches": []})
                    if fiche not in entry["fiches"]:
                        entry["fiches"].append(fiche)
    return summaries, tiers
