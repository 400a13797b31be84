"""Gap rules for partners and clients: PARTNER_OF and CLIENT_OF, the most general rules.

"s'est associé à", "a travaillé avec" (between firms); "a fait appel à", "utilise", "a été
choisie par", "accompagne", "parmi ses clients". They come last in :data:`nlp.rules.RULES`:
first match wins, and these triggers are the broadest.
"""

from __future__ import annotations

from nlp.rules.base import _DE, ACTOR, ORG, VENDOR, Rule, Trigger

RULES: tuple[Rule, ...] = (
    # -- partners and clients -------------------------------------------------------------------
    Rule("gap.partner_of.ally", "PARTNER_OF",
         r"(?:(?:s'est |se sont |s'|se )?(?:associ|alli)\w*\s+(?:à|avec|au)|partenaires?\s+"
         rf"{_DE}|(?:a |ont )?(?:noué|signé|conclu|annoncé|scellé) (?:un )?partenariat\s+(?:avec|à)|"
         r"en partenariat avec|s'est rapprochée? d[eu']?)", subj=ORG, obj=ORG, confidence=0.7),
    Rule("gap.partner_of.work", "PARTNER_OF",
         r"(?:(?:a |ont )?(?:travaillé|collaboré|coopéré) (?:main dans la main )?(?:avec|aux côtés d[eu'])"
         r"|travaill\w* (?:avec|aux côtés d[eu'])|collabor\w* avec)",
         subj=("COMPANY", "MEDIA", "PRODUCT"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.6),
    Rule("gap.client_of.passive", "CLIENT_OF",
         r"(?:a été |ont été |est |sont |été |était |étaient |sera )?(?:utilisé|employé|choisi|retenu|"
         r"sélectionné|mandaté|engagé|sollicité|rémunéré|payé|adopté|déployé|missionné|recruté)e?s?"
         r"\s+(?:[^,;]{0,50}?\s)?par", direction="rev", subj=ACTOR, obj=VENDOR),
    Rule("gap.client_of.use", "CLIENT_OF",
         r"(?:utilis\w*|emploi\w*|employ\w*|recour\w*|recouru|(?:a|ont|avoir|avait|aurait|ayant) "
         r"(?:eu )?recours|fai\w* appel|fait appel|s'appu\w+ sur|s'(?:est|sont|était|étaient) appuyée?s? sur|s'adress\w+|choisi\w*|retenu|reten\w*|"
         r"retien\w*|sélectionn\w*|mandat\w*|missionn\w*|engag\w*|sollicit\w*|rémunér\w*|pay\w*|"
         r"adopt\w*|déploy\w*|dot\w+ d[eu]|s'équip\w+ (?:d[eu]|auprès d[eu]|chez)|équipée?s? (?:d[eu]|par)"
         r"|s'offr\w+|s'(?:est|sont|était|étaient) (?:offert|tourné)\w*(?: vers)?|se tourn\w* vers|(?:pay|vers|régl|débours|dépens|lâch|investi)\w*\s+"
         r"(?:[^,;]{0,40}?\s)?(?:euros?|€)\s+(?:à|au|aux|auprès d[eu']|chez|pour (?:les services|s'offrir les services) d[eu'])|"
         r"(?:figur\w*|compt\w*|se trouv\w*|est|sont|était|étaient) (?:parmi (?:les|des)|au nombre des) (?:principaux |premiers |"
         r"plus gros |grands )?clients d[eu']?|\w+ (?:[^,;]{0,60}\s)?(?:via|grâce à|au moyen d[eu']|par l'intermédiaire d[eu'])|achet\w+ (?:[^,;]{0,40}\s)?(?:à|auprès d[eu]|chez)|command\w+ (?:[^,;]{0,40}\s)?"
         r"(?:à|auprès d[eu])|souscri\w+ (?:[^,;]{0,40}\s)?(?:à|auprès d[eu])|confi\w+ (?:[^,;]{0,60}\s)?"
         r"(?:à|au|aux)|(?:l'une?|une?) d(?:es|e ses) (?:principaux |premiers |plus gros |grands )?clients? d[eu']?|clientes?|clients?(?: historiques?| fidèles?)? d[eu']?|travaill\w+ avec|(?:a|ont) "
         r"travaillé avec|sous-trait\w+ (?:[^,;]{0,40}\s)?(?:à|au))", subj=ACTOR, obj=VENDOR),
    Rule("gap.client_of.signed", "CLIENT_OF",
         r"(?:sign\w*|conclu\w*|contractualis\w*|recrut\w*|embauch\w*)(?:\s+(?:en|dès|début|fin|le|au|"
         r"courant) [a-zéû0-9 ]{1,20}?)?(?:\s+(?:un |une )?(?:contrat|accord|"
         r"devis|bon de commande|convention)s?\b[^,;]{0,40}?)?\s*(?:avec|auprès d[eu'])?",
         subj=("PERSON", "PARTY", "PUBLIC_BODY"), obj=VENDOR, confidence=0.7),
    Rule("gap.client_of.serve", "CLIENT_OF",
         r"(?:équip\w*|accompagn\w*|conseill\w*|travaill\w+ (?:pour|aux côtés d[eu]|au service d[eu])|"
         r"(?:a|ont|avait) travaillé pour|fourni\w* (?:[^,;]{0,50}\s)?(?:à|au|aux)|fournit (?:[^,;]{0,50}"
         r"\s)?(?:à|au|aux)|livr\w+ (?:[^,;]{0,40}\s)?(?:à|au|aux)|vend\w* (?:[^,;§]{0,40}\s)?(?:à|au|aux)|"
         r"serv\w+|assist\w+|\w+ (?:[^,;]{0,40}\s)?pour le compte d[eu']|(?:prestataire|fournisseur)\w*(?: (?:historique|attitré|officiel|principal|habituel)\w*)? d[eu']?|(?:a|ont) (?:notamment )?"
         r"(?:compté|eu) (?:parmi ses|pour|comme) clients?|(?:compt|revendiqu|affich|cit)\w+ (?:notamment )?parmi ses clients|"
         r"a (?:notamment )?pour (?:principa(?:l|ux) |premiers? |plus gros |grands? )?clients?|(?:dont|parmi) (?:les |ses )?clients?(?: (?:comptent|comptaient|"
         r"incluent|incluaient|comprennent|sont|étaient|figurent|figuraient|se trouvent|on trouve|"
         r"on retrouve))?(?: notamment)?\s*:?|(?:a|ont) (?:notamment )?(?:réalisé|mené|conçu|piloté|"
         r"orchestré|géré) (?:[^,;]{0,50}\s)?(?:campagne|stratégie|communication|site|application|"
         r"porte-à-porte)[^,;]{0,40}?\s(?:de|du|des|d'|pour)|(?:gèr\w*|gér\w*|administr\w*|héberg\w*|"
         r"pilot\w*|anim\w*|conç\w*|tien\w*|tenait) (?:[^,;]{0,30}\s)?(?:fichiers?|campagnes?|stratégie|"
         r"communication|sites?|applications?|bases?|newsletters?|envois?|sondages?|réseaux sociaux|"
         r"porte-à-porte)[^,;]{0,40}?\s(?:de|du|des|d'|pour)|factur\w* (?:[^,;]{0,40}\s)?(?:à|au|aux))",
         direction="rev", subj=ACTOR, obj=VENDOR, confidence=0.7),
    Rule("gap.client_of.provider_prefix", "CLIENT_OF",
         r"(?:,\s*)?(?:figurent|figure|on (?:trouve|retrouve|compte)|se trouvent|il y a|:|,)?(?:\s*notamment)?",
         subj=ACTOR, obj=VENDOR, confidence=0.7,
         prefix=rf"parmi (?:les|ses) (?:principaux |premiers )?(?:prestataires|fournisseurs|sous-traitants)\s+{_DE}"
                rf"(?:\s*(?:la |sa )?campagne\s+{_DE})?"),
    Rule("gap.client_of.prefix", "CLIENT_OF",
         r"(?:,\s*)?(?:figurent|figure|on (?:trouve|retrouve|compte)|se trouvent|il y a|:|,)?"
         r"(?:\s*notamment)?", direction="rev", subj=ACTOR, obj=VENDOR,
         prefix=rf"parmi (?:les|ses) (?:principaux |premiers )?clients\s+{_DE}", confidence=0.7),
)


#: Trigger verbs read through the dependency parse (lemma, "se <lemma>" or "<lemma> <object noun>"
#: -> alternatives, first fit wins; see :mod:`nlp.syntax`).
_PARTNERS = ("COMPANY", "MEDIA", "PARTY")
_PARTNER = (Trigger("PARTNER_OF", True, _PARTNERS, _PARTNERS, ("à", "avec", "aux", "au")),)
_DEAL = (Trigger("PARTNER_OF", True, _PARTNERS, _PARTNERS, ("avec",)),)
DEP_VERBS: dict[str, tuple[Trigger, ...]] = {
    # the client acts: "X utilise Y", "X a eu recours aux services de Y", "X s'est offert Y"
    **{v: (Trigger("CLIENT_OF", True, ACTOR, VENDOR),) for v in (
        "utiliser", "employer", "choisir", "retenir", "mandater", "solliciter", "adopter", "déployer",
        "payer", "rémunérer", "missionner", "sélectionner", "acheter", "commander", "engager",
        "privilégier", "se offrir", "se payer", "se attacher", "recruter", "mobiliser", "embaucher",
        "enrôler", "dépêcher", "louer", "acquérir", "se procurer")},
    # "X a signé avec Y", "X a traité avec Y" (a deal, not a partnership: that takes "accord")
    **{v: (Trigger("CLIENT_OF", True, ("PERSON", "PARTY", "PUBLIC_BODY"), VENDOR, ("avec",)),) for v in (
        "signer", "contracter", "traiter")},
    **{v: (Trigger("CLIENT_OF", True, ACTOR, VENDOR, ("à", "auprès", "aux", "au")),) for v in (
        "recourir", "avoir recours", "faire appel", "se adresser", "confier", "sous-traiter", "régler",
        "verser", "se abonner", "souscrire", "déléguer", "externaliser")},
    **{v: (Trigger("CLIENT_OF", True, ACTOR, VENDOR, ("de", "auprès", "chez", "sur")),) for v in (
        "se équiper", "se doter", "se appuyer", "se fournir")},
    **{v: (Trigger("CLIENT_OF", True, ACTOR, VENDOR, ("vers",)),) for v in ("se tourner",)},
    # the vendor acts: "X équipe Y", "X a travaillé pour la liste de Y", "X a réalisé une étude pour Y"
    **{v: (Trigger("CLIENT_OF", False, ACTOR, VENDOR),) for v in (
        "équiper", "accompagner", "conseiller", "piloter", "orchestrer", "servir", "assister", "épauler",
        "aider", "outiller", "coacher", "appuyer", "seconder", "approvisionner")},
    **{v: (Trigger("CLIENT_OF", False, ACTOR, VENDOR, ("pour", "auprès")),) for v in (
        "travailler", "œuvrer", "réaliser", "mener", "effectuer", "conduire", "concevoir", "produire",
        "développer", "organiser", "officier", "démarcher", "prospecter", "phoner", "sonder", "cibler",
        "cartographier", "créer", "bâtir", "programmer", "rédiger", "animer", "coordonner", "superviser",
        "élaborer", "imaginer", "fabriquer", "gérer", "opérer", "intervenir", "plancher", "bosser",
        "collecter", "analyser", "envoyer", "expédier", "router", "héberger")},
    **{v: (Trigger("CLIENT_OF", False, ACTOR, VENDOR, ("à", "aux", "au")),) for v in (
        "fournir", "facturer", "livrer")},
    # partners: "X s'est associé à Y", "A et B ont signé un accord de distribution"
    **{v: _PARTNER for v in ("se associer", "se allier", "associer", "allier", "se joindre", "se coaliser")},
    **{f"{v} {n}": _DEAL for v in ("signer", "nouer", "conclure", "sceller", "officialiser", "annoncer", "parapher")
       for n in ("accord", "partenariat", "alliance", "contrat de distribution")},
}
