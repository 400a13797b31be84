"""Gap rules for regulators: SANCTIONED and REGULATES.

"a été mise en demeure par la CNIL", "la CNIL a infligé une amende à X", "inscrite au
répertoire tenu par Y", "a ouvert une enquête sur X". The subject is always a PUBLIC_BODY.
"""

from __future__ import annotations

from nlp.rules.base import _DE, ANY, Rule, Trigger

RULES: tuple[Rule, ...] = (
    # -- regulators -----------------------------------------------------------------------------
    Rule("gap.sanctioned.passive", "SANCTIONED",
         r"(?:a été |ont été |est |sont |été |était |avait été )?(?:sanctionnée?s?|condamnée?s?|"
         r"mise?s? en demeure|épinglée?s?|avertie?s?|rappelée?s? à l'ordre|verbalisée?s?|"
         r"mise?s? à l'amende|pénalisée?s?)(?:[^;]{0,80}?)?\s(?:par|de la part d[eu'])",
         direction="rev", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.8),
    Rule("gap.sanctioned.verb", "SANCTIONED",
         r"(?:sanctionn\w*|condamn\w*|(?:a |ont )?mis en demeure|met en demeure|mettre en demeure|"
         r"(?:a |ont )?(?:infligé|inflige|prononcé|prononce|adressé|adresse|notifié|délivré|imposé|"
         r"impose)\s+(?:[^;]{0,80}?\s)?(?:amende|sanction|pénalité|avertissement|rappel à l'ordre|"
         r"mise en demeure|blâme|astreinte)s?\b(?:[^;]{0,60}?\s)?(?:à|au|aux|à l'encontre d[eu']?|contre|"
         r"envers)|averti\w*|rappel\w* à l'ordre|épingl\w*|verbalis\w*|(?:a )?mis à l'amende|"
         r"met à l'amende)", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.8),
    Rule("gap.sanctioned.prefix", "SANCTIONED", r"(?:à|au|aux|à l'encontre d[eu']?|contre|envers)",
         subj=("PUBLIC_BODY",), obj=ANY,
         prefix=r"(?:amende|sanction|avertissement|mise en demeure|rappel à l'ordre)s?\s+(?:[^,;]{0,30}\s)?"
                r"(?:infligée?s?|prononcée?s?|adressée?s?|notifiée?s?)\s+par", confidence=0.7),
    Rule("gap.regulates.passive", "REGULATES",
         r"(?:a été |est |sont |été )?(?:contrôlée?s?|auditée?s?|auditionnée?s?|convoquée?s?|"
         r"examinée?s?)\s+(?:[^,;]{0,40}?\s)?par|(?:est |a été |sont )?inscrite?s?\s+(?:[^,;]{0,30}\s)?"
         r"(?:au|sur le|dans le) (?:répertoire|registre)[^,;]{0,60}?\s(?:de|du|d'|des|tenu par)|(?:visée?s? par une (?:enquête|procédure)[^,;]{0,30}?|"
         rf"dans le viseur|sous la surveillance)\s+{_DE}", direction="rev", subj=("PUBLIC_BODY",), obj=ANY),
    Rule("gap.regulates.verb", "REGULATES",
         r"(?:contrôl\w*|enquêt\w* sur|(?:a |ont )?(?:ouvert|lancé|mené|diligenté|conduit|effectué|"
         r"réalisé|engagé|ouvre|lance|mène)\s+(?:[^,;]{0,30}?\s)?(?:une |un |des )?(?:enquête|contrôle|"
         r"procédure|investigation|instruction|audit|mission de contrôle)s?(?: sur place| sur pièces|"
         r" [a-zé]+)?\s+(?:sur|visant|contre|chez|auprès d[eu']|concernant|à l'encontre d[eu']?|d[eu']|"
         r"dans les locaux d[eu']|au siège d[eu'])|(?:s'est |a été )?saisie?\s+"
         r"(?:du cas |du dossier |au sujet )?(?:d[eu']|des)|audit\w*|examin\w*|régul\w*|supervis\w*|"
         r"surveill\w*|(?:a |ont )?(?:interrogé|auditionné|convoqué))",
         subj=("PUBLIC_BODY",), obj=ANY, confidence=0.7),
)


#: Trigger verbs read through the dependency parse (lemma -> alternatives, first fit wins).
DEP_VERBS: dict[str, tuple[Trigger, ...]] = {
    "contrôler": (Trigger("REGULATES", True, ("PUBLIC_BODY",), ANY),),
    **{v: (Trigger("SANCTIONED", True, ("PUBLIC_BODY",), ANY),) for v in (
        "sanctionner", "condamner", "épingler", "verbaliser", "avertir", "infliger", "pénaliser")},
}
