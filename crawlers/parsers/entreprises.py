"""API Recherche d'entreprises: one ``/search`` result → record, entities, statements.

Fields per the OpenAPI spec (SOURCES.md §1). Each field is popped as it is used; what is left
is logged as drift. Officers: natural persons become ``Person`` entities (id from first given
name + family name; birth year kept as an identifier), legal persons ``siren:`` companies,
each with a ``DIRECTS`` statement (role from ``crawlers/data/roles.csv``) quoting the record.
Auditors (commissaires aux comptes) are kept as a property, not as officers.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ciblage.ids import clean_siren, entity_id, fold
from crawlers.items import EntityItem, RecordItem, StatementItem
from crawlers.parsers.common import person_name, quote, warn_leftovers
from crawlers.roles import role

SOURCE = "entreprises"
LABEL = "Recherche d'entreprises"
EXTRACTOR = "crawlers.entreprises"
PARTY_NAF = {"94.92Z"}
PUBLIC_URL = "https://annuaire-entreprises.data.gouv.fr/entreprise/{siren}"
# Fields read elsewhere or deliberately not modelled (finances are kept in the raw record).
IGNORED = frozenset({
    "nombre_etablissements", "nombre_etablissements_ouverts", "activite_principale_naf25",
    "section_activite_principale", "caractere_employeur", "annee_categorie_entreprise",
    "date_mise_a_jour", "date_mise_a_jour_insee", "date_mise_a_jour_rne", "tranche_effectif_salarie",
    "annee_tranche_effectif_salarie", "statut_diffusion", "matching_etablissements", "finances",
    "score", "tva", "complements",
})


def entity_type(result: dict[str, Any]) -> str:
    """PARTY for NAF 94.92Z, PUBLIC_BODY for local authorities, administrations and public-law
    legal forms (catégorie juridique 7xxx), else COMPANY."""
    comp = result.get("complements") or {}
    if (result.get("activite_principale") or "").upper() in PARTY_NAF:
        return "PARTY"
    if comp.get("collectivite_territoriale") or comp.get("est_collectivite_territoriale") \
            or comp.get("est_administration") or str(result.get("nature_juridique") or "").startswith("7"):
        return "PUBLIC_BODY"
    return "COMPANY"


def display_name(result: dict[str, Any]) -> str:
    name = (result.get("nom_complet") or result.get("nom_raison_sociale") or "").strip()
    sigle = (result.get("sigle") or "").strip()
    if sigle and name.endswith(f"({sigle})"):
        name = name[: -len(sigle) - 2].strip()
    return name or str(result.get("siren"))


def parse_result(result: dict[str, Any], url: str | None = None) -> RecordItem:
    """One ``results[]`` item → a :class:`RecordItem` carrying the entities and statements."""
    raw = copy.deepcopy(result)
    data = dict(result)
    siren = clean_siren(data.pop("siren", None))
    if not siren:
        raise ValueError("result without a valid siren")
    record_id = f"{SOURCE}:{siren}"
    api_url, url = url, PUBLIC_URL.format(siren=siren)
    etype = entity_type(data)
    name = display_name(data)
    org_id = f"siren:{siren}"
    aliases = [a for a in (data.pop("nom_complet", None), data.pop("nom_raison_sociale", None),
                           data.pop("sigle", None)) if a]
    siege = data.pop("siege", None) or {}
    aliases += [n for n in (siege.get("nom_commercial"), *(siege.get("liste_enseignes") or [])) if n]
    naf = data.pop("activite_principale", None)
    comp = data.get("complements") or {}
    props = {k: v for k, v in {
        "date_creation": data.pop("date_creation", None), "date_fermeture": data.pop("date_fermeture", None),
        "etat_administratif": data.pop("etat_administratif", None),
        "nature_juridique": data.pop("nature_juridique", None),
        "categorie_entreprise": data.pop("categorie_entreprise", None),
        "adresse": siege.get("adresse"), "commune": siege.get("libelle_commune"),
        "code_postal": siege.get("code_postal"), "departement": siege.get("departement"),
        "naf": naf, "est_association": comp.get("est_association") or None,
        "identifiant_association": comp.get("identifiant_association"),
    }.items() if v not in (None, "")}
    identifiers = {k: v for k, v in {"siren": siren, "siret": siege.get("siret"), "naf": naf,
                                     "rna": comp.get("identifiant_association")}.items() if v}
    entities: list[EntityItem] = []
    statements: list[StatementItem] = []
    cite = f"({LABEL}, SIREN {siren})"
    auditors = []
    for d in data.pop("dirigeants", None) or []:
        d = dict(d)
        kind = (d.pop("type_dirigeant", "") or "").lower()
        qualite = d.pop("qualite", None)
        role_name, predicate = role(qualite)
        if "morale" in kind or d.get("denomination"):
            other = clean_siren(d.pop("siren", None))
            oname = (d.pop("denomination", None) or other or "").strip()
            if not oname:
                continue
            subject = entity_id("COMPANY", oname, siren=other)
            entities.append(EntityItem(id=subject, type="COMPANY", name=oname,
                                       identifiers={"siren": other} if other else {}))
            shown = f"{oname}" + (f" (SIREN {other})" if other else "")
        else:
            first, last = d.pop("prenoms", None), d.pop("nom", None)
            pname = person_name(first, last)
            if not pname:
                continue
            subject = entity_id("PERSON", pname)
            year = d.pop("annee_de_naissance", None)
            born = d.pop("date_de_naissance", None)
            entities.append(EntityItem(id=subject, type="PERSON", name=pname, identifiers={
                k: v for k, v in {"annee_de_naissance": year, "date_de_naissance": born}.items() if v},
                props={k: v for k, v in {"nationalite": d.pop("nationalite", None)}.items() if v}))
            shown = " ".join(p for p in (last, first) if p) + (f" (né(e) en {year})" if year else "")
        evidence = f'dirigeants: "{shown}, {qualite or "?"}" {cite}'
        if predicate is None:
            auditors.append(f"{shown} ({role_name})")
            continue
        statements.append(_statement(subject, predicate, org_id, evidence, record_id, url,
                                     {"role": role_name, "qualite": qualite}))
        warn_leftovers(SOURCE, record_id, d)
    coll = comp.get("collectivite_territoriale") or {}
    for elu in coll.get("elus") or []:
        elu = dict(elu)
        first, last = elu.pop("prenoms", None), elu.pop("nom", None)
        pname = person_name(first, last)
        if not pname:
            continue
        fonction = elu.pop("fonction", None)
        role_name, predicate = role(fonction, default_predicate="MEMBER_OF")
        subject = entity_id("PERSON", pname)
        year = elu.pop("annee_de_naissance", None)
        entities.append(EntityItem(id=subject, type="PERSON", name=pname,
                                   identifiers={"annee_de_naissance": year} if year else {}))
        evidence = f'elus: "{last} {first}, {fonction or "?"}" {cite}'
        statements.append(_statement(subject, predicate or "MEMBER_OF", org_id, evidence, record_id, url,
                                     {"role": role_name, "fonction": fonction}))
    if auditors:
        props["commissaires_aux_comptes"] = auditors
    if coll:
        props["collectivite"] = {k: coll.get(k) for k in ("code", "code_insee", "niveau") if coll.get(k)}
    entities.insert(0, EntityItem(id=org_id, type=etype, name=name, aliases=aliases, identifiers=identifiers,
                                  props=props))
    warn_leftovers(SOURCE, record_id, data, IGNORED)
    return RecordItem(record_id=record_id, source=SOURCE, kind=etype.lower(), raw=raw, url=url,
                      entities=entities, statements=statements, source_url=api_url or url)


def _statement(subject: str, predicate: str, obj: str, evidence: str, record_id: str, url: str | None,
               props: dict[str, Any]) -> StatementItem:
    return StatementItem(subject=subject, predicate=predicate, object=obj, evidence=evidence,
                         extractor=EXTRACTOR, source_kind="record", source_id=record_id, source_url=url,
                         confidence=1.0, props={k: v for k, v in props.items() if v})


def matches_query(result: dict[str, Any], query: str) -> bool:
    """Whether a result answers a name query (normalised name, legal name, sigle or trade name)."""
    from ciblage.ids import normalise_name

    wanted = normalise_name(query)
    siege = result.get("siege") or {}
    names = [result.get("nom_complet"), result.get("nom_raison_sociale"), result.get("sigle"),
             display_name(result), siege.get("nom_commercial"), *(siege.get("liste_enseignes") or [])]
    return any(n and normalise_name(n) == wanted for n in names) or \
        re.sub(r"\D", "", query) == str(result.get("siren")) or fold(query) == fold(str(result.get("siren")))
