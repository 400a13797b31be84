"""Gap rules for public contracts (CONTRACT_WITH): awarded, signed, won, bound by.

"La région a attribué le marché à X", "X a remporté un accord-cadre de la ville", "X, titulaire
d'un marché de Y". The subject is the PUBLIC_BODY (or a party signing), the object the firm.
"""

from __future__ import annotations

from nlp.rules.base import Rule, Trigger

RULES: tuple[Rule, ...] = (
    # -- public contracts -----------------------------------------------------------------
    Rule("gap.contract_with.award", "CONTRACT_WITH",
         r"(?:attribu\w*|notifi\w*|confi\w*)\s+(?:[^,;]{0,60}?\s)?(?:marché|contrat|accord-cadre|"
         r"prestation|mission|lot)s?\b[^,;]{0,40}?\s(?:à|au|aux)", subj=("PUBLIC_BODY",), obj=("COMPANY",)),
    Rule("gap.contract_with.attribute", "CONTRACT_WITH",
         r"attribu\w*\s+(?![^,;]*(?:amende|sanction|avertissement))(?:[^,;]{0,60}?\s)?(?:à|au|aux)",
         subj=("PUBLIC_BODY",), obj=("COMPANY",)),
    Rule("gap.contract_with.notified", "CONTRACT_WITH", r"(?:à|au|aux)", subj=("PUBLIC_BODY",),
         obj=("COMPANY",), prefix=r"(?:marché|contrat|accord-cadre|lot|convention)s?\b[^;]{0,80}?"
         r"(?:attribuée?|notifiée?|confiée?|passée?|signée?)s?\s(?:[^;]{0,40}?\s)?par", confidence=0.7),
    Rule("gap.contract_with.sign", "CONTRACT_WITH",
         r"(?:sign\w*|conclu\w*|pass\w*)\s+(?:(?:en|dès|début|fin|le|courant) [a-zéû0-9 ]{1,20}?\s+)?(?:un |une |le |la )?(?:marché|contrat|convention|"
         r"accord-cadre|commande)s?\b[^,;]{0,40}?\s(?:avec|à|auprès d[eu]|au)",
         subj=("PUBLIC_BODY", "PARTY"), obj=("COMPANY",)),
    Rule("gap.contract_with.bound", "CONTRACT_WITH",
         r"(?:est |sont |était |a été )?(?:liée?s?|engagée?s?) (?:par|dans) (?:un|une) (?:contrat|marché|convention|"
         r"accord-cadre)s?\b[^,;]{0,40}?\s(?:à|au|aux|avec)", subj=("PUBLIC_BODY",), obj=("COMPANY",),
         confidence=0.7),
    Rule("gap.contract_with.signed_by_supplier", "CONTRACT_WITH",
         r"(?:sign\w*|conclu\w*|pass\w*)\s+(?:un |une |le |la )?(?:marché|contrat|convention|"
         r"accord-cadre)s?\b[^,;]{0,40}?\s(?:avec|auprès d[eu])", direction="rev",
         subj=("PUBLIC_BODY",), obj=("COMPANY",), confidence=0.7),
    Rule("gap.contract_with.prefix", "CONTRACT_WITH", r",|:", subj=("PUBLIC_BODY",), obj=("COMPANY",),
         prefix=r"(?:sous contrat|liée? par (?:un|une) (?:contrat|marché|convention)|(?:titulaire|attributaire|lauréate?|"
                r"gagnante?|vainqueur) d'un (?:marché|contrat|accord-cadre|appel d'offres)(?: public)?|mandatée?|missionnée?|retenue?|choisie?)"
                r"\s+(?:avec|par|auprès d[eu']|d[eu'])", confidence=0.7),
    Rule("gap.contract_with.win", "CONTRACT_WITH",
         r"(?:remport\w*|décroch\w*|obten\w*|obtenu|gagn\w*|rafl\w*|titulaire|attributaire)(?:,[^,;]{1,60},)?\s+"
         r"(?:[a-z0-9']+ ){0,3}"
         r"(?:marché|contrat|appel d'offres|accord-cadre|lot)s?\b[^,;]{0,60}?\s(?:de|du|des|d'|avec|"
         r"auprès d[eu]|lancé par|passé par|par|pour)", direction="rev",
         subj=("PUBLIC_BODY",), obj=("COMPANY",), confidence=0.7),
)


_BODY, _FIRM = ("PUBLIC_BODY",), ("COMPANY",)
_SIGNED = (Trigger("CONTRACT_WITH", True, _BODY, _FIRM, ("avec", "auprès")),
           Trigger("CONTRACT_WITH", False, _BODY, _FIRM, ("avec", "auprès")))
#: Trigger verbs read through the dependency parse (lemma, "se <lemma>" or "<lemma> <object noun>"
#: -> alternatives, first fit wins; see :mod:`nlp.syntax`).
DEP_VERBS: dict[str, tuple[Trigger, ...]] = {
    # the buyer acts: "la région a attribué le marché à X", "la ville a signé une convention avec X"
    **{v: (Trigger("CONTRACT_WITH", True, _BODY, _FIRM),) for v in ("attribuer", "adjuger", "notifier")},
    **{f"{v} {n}": _SIGNED for v in ("signer", "conclure", "passer", "parapher", "reconduire", "renouveler")
       for n in ("contrat", "convention", "marché", "accord-cadre", "commande", "accord")},
    # the supplier acts: "X a remporté le marché de la ville", "X a décroché l'appel d'offres de Y"
    **{v: (Trigger("CONTRACT_WITH", False, _BODY, _FIRM),) for v in (
        "remporter", "décrocher", "rafler", "emporter", "gagner")},
}
