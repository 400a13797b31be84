"""A small invented graph, built through the ledger as the pipeline would build it.

Names are invented. Shape: a party client of two vendors (one known under two ids merged by a
judgement), a director, a public body awarding a contract to a vendor, a partnership, a
co-occurrence, mentions in two articles, and one statement that is later corrected away.
"""

from __future__ import annotations

from pathlib import Path

from ciblage.ids import entity_id
from ciblage.ledger import Ledger

ZORBI = entity_id("COMPANY", "Zorbifex Data", siren="732829320")
ELECT = entity_id("COMPANY", "Électeurs Analytique")
ELECT_DUP = entity_id("COMPANY", "EA Conseil")
PARTY = entity_id("PARTY", "Parti Écologiste Inventé")
PERSON = entity_id("PERSON", "Jeanne Dupré-Valmont")
TOWN = entity_id("PUBLIC_BODY", "Mairie de Villeneuve-sur-Test")
MEDIA = entity_id("MEDIA", "Le Courrier Inventé")
CONTRACT = "contract:villeneuve-2021-017"
SIREN = "732829320"

ARTICLE_1 = (
    "Le Parti Écologiste Inventé a fait appel à Zorbifex Data pour sa campagne. "
    "Le parti utilise aussi le logiciel d'Électeurs Analytique."
)
ARTICLE_2 = (
    "EA Conseil s'associe à Zorbifex Data. Le Parti Écologiste Inventé salue l'accord, "
    "selon Le Courrier Inventé."
)


def build(data_dir: Path) -> dict[str, str]:
    """Write the fixture into the ledger of ``data_dir``; returns the document ids."""
    with Ledger.open(data_dir) as ledger, ledger.batch():
        _, d1, v1 = ledger.upsert_document(source="press", url="https://news.example.org/a1",
                                           title="Le parti et ses prestataires", text=ARTICLE_1,
                                           published="2021-03-04")
        _, d2, v2 = ledger.upsert_document(source="press", url="https://news.example.org/a2",
                                           title="Un partenariat dans la data électorale", text=ARTICLE_2,
                                           published="2022-01-10")
        ledger.upsert_record(record_id=f"entreprises:{SIREN}", source="entreprises", kind="company",
                             raw={"siren": SIREN}, url=f"https://registry.example.org/{SIREN}")
        ledger.upsert_record(record_id="decp:villeneuve-2021-017", source="decp", kind="contract",
                             raw={"id": "2021-017"}, url="https://decp.example.org/2021-017")
        ledger.upsert_entity(ZORBI, "COMPANY", "Zorbifex Data", aliases=["Zorbifex"],
                             identifiers={"siren": SIREN, "siret": SIREN + "00017"}, props={"naf": "62.01Z"})
        ledger.upsert_entity(ELECT, "COMPANY", "Électeurs Analytique", aliases=["Electeurs Analytique"])
        ledger.upsert_entity(ELECT_DUP, "COMPANY", "EA Conseil")
        ledger.upsert_entity(PARTY, "PARTY", "Parti Écologiste Inventé", aliases=["PEI"])
        ledger.upsert_entity(PERSON, "PERSON", "Jeanne Dupré-Valmont")
        ledger.upsert_entity(TOWN, "PUBLIC_BODY", "Mairie de Villeneuve-sur-Test")
        ledger.upsert_entity(MEDIA, "MEDIA", "Le Courrier Inventé")
        ledger.upsert_entity(CONTRACT, "CONTRACT", "Plateforme de gestion de la relation citoyenne",
                             props={"amount": 45000.0, "cpv": "72000000-5"})
        ledger.add_judgement(ELECT, ELECT_DUP, "same", "rule:name", score=100.0)

        def doc(subject: str, predicate: str, obj: str, doc_id: str, version: int, evidence: str,
                observed: str, confidence: float = 0.7, **props: object) -> None:
            ledger.add_statement(subject=subject, predicate=predicate, object=obj, source_kind="document",
                                 source_id=doc_id, source_version=version, evidence=evidence,
                                 extractor="nlp.rules.v1", confidence=confidence, observed=observed,
                                 source_url=f"https://news.example.org/{'a1' if doc_id == d1 else 'a2'}",
                                 props=props)

        def rec(subject: str, predicate: str, obj: str, record_id: str, evidence: str, observed: str,
                **props: object) -> None:
            ledger.add_statement(subject=subject, predicate=predicate, object=obj, source_kind="record",
                                 source_id=record_id, source_version=1, evidence=evidence,
                                 extractor="registry.v1", confidence=1.0, observed=observed,
                                 source_url="https://registry.example.org/x", props=props)

        doc(PARTY, "CLIENT_OF", ZORBI, d1, v1, ARTICLE_1.split(". ")[0] + ".", "2021-03-04")
        doc(PARTY, "CLIENT_OF", ELECT, d1, v1, ARTICLE_1.split(". ")[1], "2021-03-04", 0.6)
        doc(ELECT_DUP, "PARTNER_OF", ZORBI, d2, v2, "EA Conseil s'associe à Zorbifex Data.", "2022-01-10")
        doc(PARTY, "MENTIONED_WITH", MEDIA, d2, v2, ARTICLE_2.split(". ")[1], "2022-01-10", 0.3)
        rec(PERSON, "DIRECTS", ZORBI, f"entreprises:{SIREN}", "Dirigeant : Jeanne Dupré-Valmont, Présidente",
            "2019-06-01", role="Présidente")
        rec(TOWN, "AWARDED", CONTRACT, "decp:villeneuve-2021-017",
            "Acheteur : Mairie de Villeneuve-sur-Test ; marché 2021-017", "2021-05-20")
        rec(CONTRACT, "AWARDED_TO", ZORBI, "decp:villeneuve-2021-017",
            "Titulaire : Zorbifex Data (SIRET 73282932000017) ; montant 45 000 €", "2021-05-20", amount=45000.0)
        ledger.add_statement(subject=ZORBI, predicate="OWNS", value="capital 10 000 €", source_kind="record",
                             source_id=f"entreprises:{SIREN}", source_version=1, evidence="Capital : 10 000 €",
                             extractor="registry.v1", confidence=1.0)
        mentions = [
            (d1, v1, ARTICLE_1, "Parti Écologiste Inventé", "PARTY", PARTY),
            (d1, v1, ARTICLE_1, "Zorbifex Data", "COMPANY", ZORBI),
            (d1, v1, ARTICLE_1, "Électeurs Analytique", "COMPANY", ELECT),
            (d2, v2, ARTICLE_2, "EA Conseil", "COMPANY", ELECT_DUP),
            (d2, v2, ARTICLE_2, "Zorbifex Data", "COMPANY", ZORBI),
            (d2, v2, ARTICLE_2, "Parti Écologiste Inventé", "PARTY", PARTY),
            (d2, v2, ARTICLE_2, "Le Courrier Inventé", "MEDIA", MEDIA),
        ]
        for doc_id, version, text, surface, label, eid in mentions:
            start = text.index(surface)
            ledger.add_mentions(doc_id, version, [{"start": start, "end": start + len(surface), "text": surface,
                                                   "label": label, "entity_id": eid}], extractor="nlp.v1")
    return {"d1": d1, "d2": d2}


def correct_article_2(data_dir: Path) -> None:
    """Publish a corrected version of article 2 that no longer states the partnership."""
    with Ledger.open(data_dir) as ledger:
        ledger.upsert_document(source="press", url="https://news.example.org/a2",
                               title="Un partenariat dans la data électorale (rectificatif)",
                               text="Rectificatif : aucun partenariat n'a été signé.", published="2022-01-10")
