"""Gap rules anchored on a nominalisation or a fronted preposition before entity A.

"le contrat liant X à Y", "le recours de X à Y", "la cession de X à Y", "le rachat de X par Y",
"la campagne de X pilotée par Y", "Au sein de X, Y…". Each rule has a ``prefix`` read on the
sentence text before A; these come first in :data:`nlp.rules.RULES`.
"""

from __future__ import annotations

from nlp.rules.base import ACTOR, VENDOR, Rule

RULES: tuple[Rule, ...] = (
    # -- nominalisations: "le contrat liant X à Y", "le recours de X à Y", "la cession de X à Y" ---
    Rule("gap.contract_with.binding", "CONTRACT_WITH", r"(?:à|au|aux|avec|et)", subj=("PUBLIC_BODY",),
         obj=("COMPANY",), confidence=0.7,
         prefix=r"(?:marché|contrat|convention|accord-cadre)s?\s+(?:[a-zé]+\s+)?(?:liant|unissant|"
                r"passée? entre|signée? entre|conclue? entre|entre)"),
    Rule("gap.client_of.recourse", "CLIENT_OF", r"(?:à|au|aux|auprès d[eu'])", subj=ACTOR, obj=VENDOR,
         confidence=0.7, prefix=r"\b(?:recours|appel)\s+(?:[a-zé]+\s+)?d[eu']?"),
    Rule("gap.owns.cession", "OWNS", r"(?:à|au|aux)", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"\b(?:cession|vente|revente)\s+(?:(?:totale|partielle|définitive)\s+)?d[eu']?"),
    Rule("gap.owns.takeover_by", "OWNS", r"par", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"\b(?:rachat|acquisition|reprise|absorption)\s+(?:(?:de \d+[,.]?\d*\s?%\s+)?d[eu']?)"),
    Rule("gap.owns.stake", "OWNS", r"(?:dans|au capital d[eu']?)",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"\b(?:prise de participation|participation|entrée|montée|investissement)\s+(?:[a-zé]+\s+)?d[eu']?"
                r"(?:\s*(?:fonds|groupe|société|holding|investisseur|financier|homme d'affaires))?"),
    Rule("gap.client_of.campaign_run_by", "CLIENT_OF",
         r"(?:a été |avait été |est |était |sera |fut )?(?:[a-zà-ÿ]+ment )?(?:pilotée?|orchestrée?|conçue?|"
         r"gérée?|organisée?|menée?|réalisée?|animée?|confiée?)s?\s+(?:[^,;]{0,40}?\s)?(?:par|à)",
         subj=("PERSON", "PARTY"), obj=("COMPANY",), confidence=0.65,
         prefix=r"\bcampagnes?(?:\s+[a-zé]+)?\s+d[eu']?"),
    Rule("gap.works_for.fronted_at", "WORKS_FOR", r",\s*(?:où [^,;]{0,80},\s*)?", direction="rev",
         subj=("PERSON",), obj=("COMPANY", "MEDIA", "PUBLIC_BODY"), confidence=0.6,
         prefix=r"^\s*(?:au sein d[eu']?|chez)"),
)
