"""Gap rules for regulators: SANCTIONED and REGULATES.

"a été mise en demeure par la CNIL", "la CNIL a infligé une amende à X", "a adressé un rappel à
l'ordre à son client, X", "la mise en demeure que lui avait adressée la CNIL", "a rejeté le compte
de campagne de X", "inscrite au répertoire tenu par Y", "figure au répertoire de la HATVP",
"a ouvert une enquête sur X", "a contrôlé les serveurs de X". The subject is always a PUBLIC_BODY.
"""

from __future__ import annotations

from nlp.rules.base import _DE, ANY, Rule, Trigger

_WORD = r"[a-zàâäçéèêëîïôöûüÿœ'-]+"
#: A measure a regulator or a court hands down.
_MEASURE = (r"(?:amende|sanction|pénalité|avertissement|rappel à l'ordre|mise en demeure|blâme|astreinte|"
            r"injonction|condamnation)")
#: "à son client, le parti": a possessive apposition before the named object.
_APPOS = r"(?:\s+(?:son|sa|leur|ses|leurs) (?:client|prestataire|partenaire|éditeur|sous-traitant|fournisseur)e?s?,)?"
#: What an inspection looks at: "les serveurs de", "les formulaires en ligne d'".
_TARGET = (r"(?:\s+(?:(?:en|fin|début|mi-)\s*[a-zéû]+(?: \d{4})?|en \d{4}|le \d{1,2}(?:er)? [a-zéû]+(?: \d{4})?),?)?"
           r"(?:\s+(?:les |le |la |l'|ses |son |sa )?(?:serveurs?|locaux|sites?(?: internet| web)?|fichiers?|"
           r"traitements?|bases? de données|comptes?|pratiques|formulaires?|données|outils?|applications?|"
           r"dossiers?|siège|activités?|dispositifs?|registres?|systèmes? d'information|campagnes?|"
           r"messages?|envois?|listes?)"
           rf"(?: {_WORD}){{0,2}}? (?:de |d'|du |des ))?")

RULES: tuple[Rule, ...] = (
    # -- regulators -----------------------------------------------------------------------------
    Rule("gap.sanctioned.passive", "SANCTIONED",
         r"(?:a été |ont été |est |sont |été |était |avait été )?(?:sanctionnée?s?|condamnée?s?|"
         r"mise?s? en demeure|épinglée?s?|avertie?s?|rappelée?s? à l'ordre|verbalisée?s?|"
         r"mise?s? à l'amende|pénalisée?s?|déclarée?s? inéligibles?)(?:[^;]{0,80}?)?\s(?:par|de la part d[eu'])|"
         r"(?:[^;§]{0,40}?\s)?compte(?: de campagne)? (?:a été |avait été |est )?(?:rejeté|réformé|invalidé)\s+"
         r"(?:[^,;§]{0,20}?\s)?par",
         direction="rev", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.8),
    Rule("gap.sanctioned.received", "SANCTIONED",
         rf"(?:(?:a |ont |avait |avaient )?écopé|(?:a |ont )?fait l'objet|s'(?:est|sont|était) vue?s? "
         rf"(?:infliger|adresser|notifier|imposer|signifier|délivrer)|(?:a |ont )?reçu)\s+(?:d'|de )?(?:une |un |des |deux |trois )?"
         rf"(?:(?!procédure|enquête|instruction|menace|risque)[^,;§]){{0,30}}?\s?{_MEASURE}s?\b(?:[^,;§]{{0,40}}?\s)?"
         r"(?:de la part d[eu']|infligée?s? par|prononcée?s? par|adressée?s? par|notifiée?s? par|par|de|du|des|d')|"
         r"s'(?:est|sont|était) vue?s? (?:infliger|adresser|notifier|imposer|signifier|délivrer)\s+"
         r"(?:[^,;§]{0,20}?\s)?par",
         direction="rev", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.75),
    Rule("gap.sanctioned.appeal", "SANCTIONED",
         rf"(?:[^;§]{{0,40}}?\s)?contre (?:l'|la |le |les |une |un |cette |sa |son )?{_MEASURE}s?"
         r"(?: [^,;§]{0,30}?)?\s(?:de la part d[eu']|de la|du|de|d'|des|(?:infligée?|prononcée?|adressée?|"
         r"notifiée?)s? par)", direction="rev", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.7),
    Rule("gap.sanctioned.relative", "SANCTIONED",
         rf"(?:[^;§]{{0,60}}?\s)?(?:l'|la |le |les |une |un |cette |sa |son |ses )?{_MEASURE}s?\s+"
         r"(?:[^,;§]{0,30}?\s)?(?:que|qu')\s*(?:lui|leur)\s+(?:a|ont|avait|avaient|avait déjà)?\s*"
         r"(?:infligée?s?|adressée?s?|notifiée?s?|prononcée?s?|imposée?s?|délivrée?s?|envoyée?s?)"
         r"(?:\s+(?:[a-zé]+ment|en \d{4}))?",
         direction="rev", subj=("PUBLIC_BODY",), obj=ANY, confidence=0.75),
    Rule("gap.sanctioned.verb", "SANCTIONED",
         r"(?:sanctionn\w*|condamn\w*|(?:a |ont )?mis en demeure|met en demeure|mettre en demeure|"
         r"(?:a |ont )?(?:infligé|inflige|prononcé|prononce|adressé|adresse|notifié|délivré|imposé|"
         rf"impose)\s+(?:[^;]{{0,80}}?\s)?{_MEASURE}s?\b(?:[^;]{{0,60}}?\s)?(?:à|au|aux|à l'encontre d[eu']?|contre|"
         rf"envers){_APPOS}|averti\w*|rappel\w* à l'ordre|épingl\w*|verbalis\w*|(?:a )?mis à l'amende|"
         r"met à l'amende|(?:a |ont )?(?:prononcé|infligé|prononce|inflige)\s+(?:[^;§]{0,20}?\s)?"
         r"(?:à l'encontre d[eu']?|contre)|(?:a |ont )?(?:rejeté|rejette|réformé|réforme|invalidé|invalide)\s+(?:[^,;§]{0,20}?\s)?"
         r"(?:le |les )comptes?(?: de campagne)?\s+(?:d[eu']|des)|(?:a |ont )?déclaré inéligibles?)",
         subj=("PUBLIC_BODY",), obj=ANY, confidence=0.8),
    Rule("gap.sanctioned.prefix", "SANCTIONED", r"(?:à|au|aux|à l'encontre d[eu']?|contre|envers)",
         subj=("PUBLIC_BODY",), obj=ANY,
         prefix=r"(?:amende|sanction|avertissement|mise en demeure|rappel à l'ordre)s?\s+(?:[^,;]{0,30}\s)?"
                r"(?:infligée?s?|prononcée?s?|adressée?s?|notifiée?s?)\s+par", confidence=0.7),
    Rule("gap.sanctioned.prefix_after", "SANCTIONED", r",?\s*par", direction="rev",
         subj=("PUBLIC_BODY",), obj=ANY,
         prefix=rf"{_MEASURE}s?\s+(?:[^,;]{{0,30}}\s)?(?:infligée?s?|prononcée?s?|adressée?s?|notifiée?s?|"
                r"imposée?s?)\s+(?:à|au|aux|à l'encontre d[eu']?|contre|envers)", confidence=0.7),
    Rule("gap.sanctioned.noun", "SANCTIONED", r"(?:en \d{4}\s*)?(?:contre|à l'encontre d[eu']?|visant|envers)",
         subj=("PUBLIC_BODY",), obj=ANY, prefix=rf"{_MEASURE}s?\s+(?:[^,;§]{{0,30}}\s)?(?:d[eu']|de la|des)",
         confidence=0.7),
    Rule("gap.regulates.noun", "REGULATES",
         r"(?:(?:en \d{4}|lieu)\s*)?(?:sur|visant|contre|chez|concernant|à l'encontre d[eu']?|auprès d[eu'])",
         subj=("PUBLIC_BODY",), obj=ANY, confidence=0.65,
         prefix=r"(?:enquête|contrôle|procédure|investigation|instruction|audit|inspection)s?(?: (?:ouverte?|"
                r"lancée?|menée?|diligentée?|conduite?|effectuée?|réalisée?|engagée?)s?)?\s+(?:par|d[eu']|de la|des)"),
    Rule("gap.regulates.passive", "REGULATES",
         r"(?:a été |est |sont |été )?(?:contrôlée?s?|auditée?s?|auditionnée?s?|convoquée?s?|"
         r"examinée?s?|inspectée?s?)\s+(?:[^,;]{0,40}?\s)?par|(?:(?:s'est |se sont |est |a été |sont |"
         r"s'était |était )?(?:inscrite?s?|enregistrée?s?|référencée?s?|déclarée?s?)|figur\w*|apparaît|"
         r"apparaissait)\s+(?:[^,;§]{0,30}\s)?(?:au|sur le|dans le) (?:répertoire|registre)[^,;§]{0,60}?\s"
         r"(?:de|du|d'|des|tenu par|de la part d[eu'])|(?:visée?s? par une (?:enquête|procédure)[^,;]{0,30}?|"
         rf"dans le viseur|sous la surveillance)\s+{_DE}|(?:a |ont )?fait l'objet d'(?:une |un )(?:[a-zé]+ )?(?:enquête|"
         r"contrôle|procédure|investigation|instruction|audit|inspection)s?(?: (?:de |d')?[a-zé]+)?\s+(?:de la part d[eu']|"
         r"d[eu']|de la|des|diligentée? par|menée? par|ouverte? par)|(?:a |ont )?(?:reçu|reçoit|reçoivent) la visite "
         r"(?:des (?:contrôleurs|agents|enquêteurs|inspecteurs) )?(?:d[eu']|des)|(?:inscrite?s?|enregistrée?s?|"
         r"déclarée?s?) (?:[^,;§]{0,30}\s)?auprès d[eu']", direction="rev", subj=("PUBLIC_BODY",), obj=ANY),
    Rule("gap.regulates.verb", "REGULATES",
         rf"(?:(?:contrôl|audit|inspect|perquisitionn)\w*{_TARGET}|enquêt\w* sur|(?:a |ont )?(?:ouvert|lancé|"
         r"mené|diligenté|conduit|effectué|réalisé|engagé|ouvre|lance|mène|(?:procédé|procède)(?:\s+(?:en|fin|début|mi-)\s*[a-zéû]+(?: \d{4})?,?)? à)\s+"
         r"(?:[^,;]{0,30}?\s)?(?:une |un |des )?(?:enquête|contrôle|procédure|investigation|instruction|audit|"
         r"mission de contrôle|inspection|vérification|perquisition)s?(?: sur place| sur pièces| en ligne| [a-zé]+)?"
         rf"(?:\s+(?:en|fin|début|mi-)\s*[a-zéû]+(?: \d{{4}})?)?\s+(?:sur|visant|contre|chez|auprès d[eu']|"
         rf"concernant|à l'encontre d[eu']?|d[eu']|dans les locaux d[eu']|au siège d[eu']){_TARGET}|(?:s'est |a été )?saisie?\s+"
         r"(?:du cas |du dossier |au sujet )?(?:d[eu']|des)|examin\w*|régul\w*|supervis\w*|"
         r"surveill\w*|(?:a |ont )?(?:interrogé|auditionné|convoqué))",
         subj=("PUBLIC_BODY",), obj=ANY, confidence=0.7),
)


#: Trigger verbs read through the dependency parse (lemma -> alternatives, first fit wins).
DEP_VERBS: dict[str, tuple[Trigger, ...]] = {
    **{v: (Trigger("REGULATES", True, ("PUBLIC_BODY",), ANY),) for v in (
        "contrôler", "auditer", "inspecter", "perquisitionner", "auditionner", "convoquer", "superviser",
        "surveiller")},
    "enquêter": (Trigger("REGULATES", True, ("PUBLIC_BODY",), ANY, ("sur",)),),
    **{v: (Trigger("SANCTIONED", True, ("PUBLIC_BODY",), ANY),) for v in (
        "sanctionner", "condamner", "épingler", "verbaliser", "avertir", "infliger", "pénaliser", "blâmer",
        "amender", "mettre demeure")},
}
