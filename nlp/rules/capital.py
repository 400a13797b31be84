"""Gap rules for capital: SUBSIDIARY_OF and OWNS (stakes, takeovers, sales, editors).

"filiale de", "l'une des trois filiales du groupe", "dont la filiale", "chapeaute trois filiales,",
"fait partie du groupe", "rachetée par", "a mis la main sur", "a cédé X à Y", "cession des parts
sociales à Y", "détient 40 % de", "entre au capital de", "a ouvert son capital à", "l'éditeur de"
/ "dont la plateforme X" (a company owns its product).
"""

from __future__ import annotations

from nlp.rules.base import _DE, Rule, Trigger

#: One lower-case French word (adjectives after a noun: "française", "régionale").
_WORD = r"[a-zàâäçéèêëîïôöûüÿœ'-]+"
#: Adverbs a journalist slips after a verb ("détient également", "contrôle désormais").
_ADV = r"(?:\s+(?:désormais|déjà|encore|aujourd'hui|également|aussi|toujours|notamment|[a-zéè]+ment))*"
#: Owner descriptors the shared object fragment lacks ("la PME alsacienne", "le business angel").
_OWNER_NOUN = (rf"(?:\s+(?:la |une |le |un |l'|son |sa |leur )?(?:pme|tpe|eti|jeune pousse|pépite|studio|"
               rf"business angels?|family office|investisseur|fonds|holding|maison|concurrente?|rivale?|"
               rf"(?:ancien |ex-)?partenaire|associée?|actionnaire|voisine?|entrepreneu(?:r|se)|homme d'affaires|"
               rf"femme d'affaires|industriel(?:le)?|milliardaire|opérateur|géant|acteur|spécialiste|groupe|"
               rf"société|entreprise|agence|cabinet|éditeur|start-?up)(?: {_WORD}){{0,2}}?)?")
#: Descriptors of a firm or a product bought or sold ("l'agence rennaise", "l'institut", "la PME").
_THING = (r"(?:(?:agence|société|start-?up|entreprise|cabinet|institut|firme|plateforme|application|appli|logiciel|"
          r"outil|solution|éditeur|pme|tpe|studio|groupe|titre|journal|quotidien|site|marque|structure|"
          r"filiale|activité|pôle|maison|jeune pousse|opérateur|spécialiste)(?: [a-zàâäçéèêëîïôöûüÿœ'-]+){0,2}?\s*)?")
#: A price ("pour un euro symbolique", "pour 12 millions d'euros").
_PRICE = (r"(?:pour (?:un euro symbolique|une somme [a-zé]+|un montant [a-zé]+|(?:près de |environ |plus de )?"
          r"\d+[,.]?\d*\s?(?:millions?|milliards?|m€|k€|€|euros)(?: d'euros)?)\s+)?")
#: The word before a nominalisation, read so that hedges ("le futur rachat", "pas l'acquisition") veto it.
_HEDGE_SLOT = r"(?:\b[a-zé]+\s+(?:l'|le\s+|la\s+|une?\s+)?)?"
#: Nouns of a takeover ("la reprise de X par Y").
_DEAL = (r"(?:rachat|reprise|acquisition|absorption|achat|prise de contrôle|prise de participation"
         r"(?: majoritaire| minoritaire)?(?: dans| au capital d[eu']?)?|entrée au capital|montée au capital|"
         r"passage sous (?:le )?contrôle)")
#: A time adverbial or an incise inside a verb phrase ("a mis la main, fin 2023, sur").
_WHEN = r"(?:\s*,[^,;§]{1,30},|\s(?:en|fin|début|mi-|dès)\s*[a-zéû0-9]+(?: \d{4})?)?"
#: A stake: "40 %", "à hauteur de 20 %", "la majorité du capital".
_STAKE = (r"(?:(?:à hauteur de |près de |environ |plus de |moins de )?\d+[,.]?\d*\s?%|la majorité|"
          r"l'intégralité|une partie|la totalité|le solde)(?: (?:du capital|des parts|des actions|des titres))?")
_OWNER = ("COMPANY", "PERSON", "PARTY")
_OWNED = ("COMPANY", "MEDIA", "PRODUCT")
_FIRM = ("COMPANY", "MEDIA")

RULES: tuple[Rule, ...] = (
    # -- subsidiaries ---------------------------------------------------------------------------
    Rule("gap.subsidiary_of.parent_possessive", "SUBSIDIARY_OF",
         r"(?:[^,;§]{0,50}?\s)?(?:par|à|dans|de|avec|chez) (?:sa|son|leur) (?:maison|société) mère\s*,?",
         subj=_FIRM, obj=("COMPANY",), confidence=0.7),
    Rule("gap.subsidiary_of.noun", "SUBSIDIARY_OF",
         r"(?:(?:apparaît|apparaissait|figure|figurait|reste|demeure|devient|devenue?) (?:comme )?)?"
         r"(?:,\s*(?:un|une|le|la|l')\s*[^,;§]{1,60}?\s(?:et|mais aussi|ainsi que)\s+)?"
         r"(?:(?:la|une|l'une des|l'une|une des|sa|ex-|ancienne|nouvelle|principale|seule|dernière) )*"
         r"(?:(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|nombreuses) )?(?:filiales?|succursales?)"
         rf"(?: (?:(?:détenue? )?à (?:\d+[,.]?\d*\s?%|100 %)|{_WORD}))?(?: (?:de|d'|dédiée? à|spécialisée? dans|"
         rf"chargée? d[eu']?|en charge d[eu']?)\s*[^,;§]{{0,40}}?)?\s+{_DE}{_OWNER_NOUN}", subj=_FIRM, obj=_FIRM,
         confidence=0.8),
    Rule("gap.subsidiary_of.fronted", "SUBSIDIARY_OF", r"\s*,", direction="rev", subj=_FIRM, obj=("COMPANY",),
         confidence=0.7, prefix=r"^\s*(?:(?:ancienne|nouvelle|principale|seule|une|la) )?(?:filiale|succursale)"
                                rf"(?: {_WORD}){{0,2}}? (?:(?:détenue )?à \d+[,.]?\d*\s?% )?(?:d[eu']|des)\s*"
                                rf"(?:l'|la |le )?{_THING}"),
    Rule("gap.subsidiary_of.dont", "SUBSIDIARY_OF",
         rf",?\s*dont (?:la |les |l'une des |une des |sa |ses )?(?:(?:nouvelle|principale|jeune) )?filiales?"
         rf"(?: {_WORD})?", direction="rev", subj=_FIRM, obj=("COMPANY",), confidence=0.75),
    Rule("gap.subsidiary_of.possessive", "SUBSIDIARY_OF",
         rf"\s*(?:,|et|ainsi que|avec|via|par|à travers)\s+(?:sa|son|leur|ses|leurs) (?:(?:nouvelle|jeune|"
         rf"principale|ancienne) )?(?:filiales?|succursales?)(?: {_WORD})?\s*,?",
         direction="rev", subj=_FIRM, obj=("COMPANY",), confidence=0.7),
    Rule("gap.subsidiary_of.dont_parent", "SUBSIDIARY_OF",
         r",?\s*dont (?:la |sa )?(?:maison|société) mère(?:,| est| reste| demeure)?", subj=_FIRM, obj=("COMPANY",),
         confidence=0.75),
    Rule("gap.subsidiary_of.list", "SUBSIDIARY_OF",
         rf"(?:chapeaut|regroup|coiff|contrôl|détien|possèd|compt|rassembl|réuni|pilot|a créé|crée|"
         rf"a lancé|lance|a monté|monte|a ouvert|ouvre|s'est dotée? d'|se dote d')\w*{_ADV}\s+"
         rf"(?:[^,;§:]{{0,25}}?\s)?filiales?(?: {_WORD})?\s*(?:,|:|, dont|, parmi lesquelles|baptisée|nommée|"
         r"appelée|dénommée|notamment)?", direction="rev", subj=_FIRM, obj=("COMPANY",), confidence=0.7),
    Rule("gap.subsidiary_of.group", "SUBSIDIARY_OF",
         r"(?:(?:fait|faisait|font|faisaient) partie|(?:une |la |l')?(?:société|entité|marque|agence|"
         r"structure|branche|enseigne|pôle)|(?:est |a été )?(?:intégrée?|rattachée?|adossée?)s?)\s+"
         r"(?:d[eu']|des|au|à la|à l')\s*(?:groupe|holding|galaxie|nébuleuse)\b",
         subj=_FIRM, obj=_FIRM, confidence=0.65),
    Rule("gap.subsidiary_of.parent", "SUBSIDIARY_OF",
         rf"(?:(?:la|sa) )?(?:maison mère|société mère)\s+{_DE}", direction="rev",
         subj=_FIRM, obj=("COMPANY",)),
    # -- ownership ------------------------------------------------------------------------------
    Rule("gap.owns.passive", "OWNS",
         rf"(?:,\s*(?:l'|le |la |un |une )?(?:outil|solution|service|produit|site|marque|appli|offre)s?"
         rf"(?: {_WORD}){{0,3}}?\s)?"
         r"(?:(?:a été |ont été |est |sont |été |était )?(?:rachetée?s?|acquise?s?|détenue?s?|possédée?s?|"
         r"contrôlée?s?|reprise?s?|absorbée?s?|éditée?s?|développée?s?|conçue?s?|commercialisée?s?|"
         r"exploitée?s?|produite?s?)\s+(?:[^,;]{0,50}?\s)?par|(?:appartient|appartenait|"
         r"appartiennent|appartenant) (?:[^,;]{0,30}?\s)?(?:à|au|aux)|propriété d[eu']?|"
         r"(?:(?:pass|tomb|entr|rentr|bascul|retomb)\w*\s+(?:en \d{4}\s+|[a-zé]+ment\s+|désormais\s+)?)?"
         rf"(?:dans le giron|sous le contrôle|dans l'escarcelle|dans le portefeuille) d[eu']?){_OWNER_NOUN}",
         direction="rev", subj=_OWNER, obj=_OWNED),
    Rule("gap.owns.deal_by", "OWNS", r"(?:\s*\([^)]*\))?(?:\s*,[^,;§]{1,60},)?\s*(?:par|de la part d[eu']?)"
         rf"{_OWNER_NOUN}", direction="rev", subj=_OWNER, obj=_OWNED, confidence=0.7,
         prefix=rf"{_HEDGE_SLOT}\b{_DEAL}\s+(?:[a-zé]+\s+)?(?:des|du|de|d')\s*(?:l'|la |le |les )?{_THING}"),
    Rule("gap.owns.sale_to", "OWNS", rf"(?:\s*\([^)]*\))?(?:\s*,[^,;§]{{1,60}},)?\s*{_PRICE}"
         rf"(?:à|au|aux|au profit d[eu']?){_OWNER_NOUN}", direction="rev", subj=_OWNER, obj=_OWNED,
         confidence=0.7, prefix=rf"{_HEDGE_SLOT}\b(?:cession|vente|revente|transfert)\s+(?:[a-zé]+\s+)?(?:des|du|de|d')\s*"
                               rf"(?:l'|la |le |les )?{_THING}"),
    Rule("gap.owns.fronted_capital", "OWNS",
         r"\s*,?\s*(?:figur\w*|(?:on )?(?:re)?trouv\w*|se trouv\w*|sièg\w*|apparai\w*|apparaî\w*|"
         r"(?:sont |est )?(?:présente?s?|représentée?s?|entrée?s?))(?: [a-zé]+ment| désormais| aussi| également| "
         rf"notamment| déjà| toujours| encore)*,?{_OWNER_NOUN}", direction="rev", subj=_OWNER, obj=("COMPANY", "MEDIA"),
         confidence=0.65, prefix=r"\b(?:au|dans le) (?:capital|tour de table) d[eu']?"),
    Rule("gap.owns.fundraise", "OWNS",
         r"(?:(?:a |ont |vient de |viennent de )?(?:l[eè]v|boucl|clôtur)\w*\s+"
         r"(?:[^,;§]{0,60}?\s)?(?:auprès d[eu']|de la part d[eu']|(?:mené|conduit|emmené|piloté)e?s? par)|"
         r"(?:a |ont )?(?:l[eè]v|boucl)\w* (?:[^,;§]{0,40}?\s)?(?:tour de table|levée de fonds|financement)s?"
         r"(?: [^,;§]{0,30}?)?\s(?:mené|conduit|emmené|piloté)e?s? par)"
         rf"(?:\s+(?:les fonds|le fonds|l'investisseur|les investisseurs|ses actionnaires))?{_OWNER_NOUN}",
         subj=("COMPANY", "PERSON"), obj=("COMPANY",), direction="rev", confidence=0.65),
    Rule("gap.owns.deal", "OWNS",
         r"(?:(?:a |ont )?(?:finalis|boucl|annonc|officialis|réalis|conclu|opér|achev)\w*\s+)?"
         rf"(?:le |l')(?:rachat|acquisition|reprise)\s+(?:de \d+[,.]?\d*\s?% )?{_DE}",
         subj=_OWNER, obj=_OWNED),
    Rule("gap.owns.shares_sold", "OWNS",
         r"\s*(?:\(lieu\)\s*)?[:,—–-]?\s*(?:cession|vente|transfert|apport)\s+(?:de |d')?"
         r"(?:l'intégralité |la totalité |la majorité |\d+[,.]?\d*\s?% |une partie )?(?:des |du |de )?"
         r"(?:parts(?: sociales)?|actions|titres|capital)(?: [^,;§]{0,30}?)?\s+(?:à|au|aux|au profit d[eu']?)",
         direction="rev", subj=_OWNER, obj=("COMPANY", "MEDIA"), confidence=0.7),
    Rule("gap.owns.ceded", "OWNS",
         r"(?:[^;§]{0,60}?\s)?(?:qu'(?:il|elle|ils|elles) (?:a|ont|avait|avaient) )?(?:cédée?s?|vendue?s?|"
         r"revendue?s?)(?!\s+(?:ses|son|sa|leur|leurs|des|un|une|les|le|la|l'|ce|cet|cette|ces)\b)"
         r"\s+(?:(?:(?!\b(?:ses|son|sa|leur|leurs|des|un|une|les|ce|cet|cette|ces)\b)[^,;§]){0,40}?\s)?"
         r"(?:à|au|aux)(?: (?:son|sa|leur) associée?,?)?",
         direction="rev", subj=_OWNER, obj=_OWNED, confidence=0.65),
    Rule("gap.owns.ceded_to", "OWNS", rf"(?:à|au|aux){_OWNER_NOUN}", direction="rev",
         subj=_OWNER, obj=_OWNED, confidence=0.65,
         prefix=r"(?:[a-zé']+\s+){0,3}(?:cédé|vendu|revendu|transféré|cède|vend|revend|transfère)e?s?\s+"
                r"(?:(?:en|dès|fin|début|mi-)\s*[a-zéû]+(?: \d{4})?\s+|en \d{4}\s+|le \d{1,2}(?:er)? [a-zéû]+\s+)?"
                rf"{_PRICE}(?:(?:sa|ses|son|leur|leurs|la|les) (?:participation (?:de \d+[,.]?\d*\s?% )?|"
                r"\d+[,.]?\d*\s?% |parts |actions )(?:dans|de|du|d'|au capital d[eu']?)\s*)?"
                rf"(?:(?:sa|son|ses|leur|leurs|la|le|les|l')\s*)?(?:(?:filiale|participation|société|start-?up|"
                r"institut|cabinet|studio|entreprise|pme|maison|agence|"
                r"activité|pôle|logiciel|application|appli|plateforme|outil|solution|agence|titre|journal|"
                r"marque|site|fichier|base de données)s?(?: [a-zéèêàç'-]+){0,3}?)?"),
    Rule("gap.owns.capital_opened", "OWNS",
         r"(?:a |ont |avait |avaient )?(?:ouvert|ouvre|ouvrent|cédé|cède|cèdent|vendu|vend|vendent)\s+"
         r"(?:[^,;§]{0,30}?\s)?(?:son|leur) capital\s+"
         rf"(?:[^,;§]{{0,30}}?\s)?(?:à|au|aux){_OWNER_NOUN}", direction="rev", subj=_OWNER,
         obj=("COMPANY", "MEDIA"), confidence=0.7),
    Rule("gap.owns.verb", "OWNS",
         r"(?:(?:rachet\w*|rachèt\w*|acqui\w*|acquis|reprend|(?:a |ont )?repris)(?![^§]*\s(?:à|au|aux)\s)|"
         rf"(?:a |ont )?pris{_WHEN}\s+{_STAKE}\s+{_DE}|"
         r"détien\w*|détenait|possèd\w*|possédait|absorb\w*|contrôl\w*|(?:a |ont )?pris le contrôle d[eu']?|prend le contrôle "
         r"d[eu']?|(?:a |ont )?pris une participation (?:(?:de |d')?\d+[,.]?\d*\s?% )?(?:dans|au capital d[eu'])|"
         r"(?:a |ont )?(?:fait|fait) l'acquisition d[eu']?|s'(?:est |sont )?(?:emparée?s?|empare|emparent) d[eu']?|"
         rf"(?:a |ont )?(?:mis|met|mettent) la main{_WHEN}\s*sur|(?:a |ont )?fait main basse{_WHEN}\s*sur|"
         r"s'(?:est|sont|était) (?:vue?s?|fait) (?:céder|vendre|transférer)|"
         r"(?:est |sont |a |ont )?(?:entrée?s?|entre|entrent|montée?s?|monte|montent|monté)"
         r"(?: [^,;§]{0,30}?)? (?:au|dans le) capital d[eu']?|"
         r"(?:a |ont )?(?:souscrit|participé) (?:[^,;§]{0,30}?\s)?à (?:l'|une )augmentation de capital d[eu']?|"
         r"(?:l'|le |un |une |principal |nouvel |nouveau )?(?:actionnaire|propriétaire)s?"
         r"(?: (?:majoritaire|principal|unique|minoritaire|de référence|historique))?"
         rf"(?: à (?:hauteur de )?\d+[,.]?\d*\s?%)?\s+{_DE}|investi\w* dans)"
         rf"{_ADV}(?:\s+{_STAKE}\s+{_DE})?{_OWNER_NOUN}", subj=_OWNER, obj=_OWNED, confidence=0.7),
    Rule("gap.owns.inverted", "OWNS",
         r",?\s*(?:que|qu')\s*(?:détient|détenait|possède|possédait|contrôle|contrôlait|édite|éditait|développe|"
         r"commercialise|a (?:racheté|acquis|repris|absorbé)e?s?|avait (?:racheté|acquis|repris|absorbé)e?s?)"
         rf"{_ADV}(?:\s+(?:en \d{{4}}|{_STAKE}))?",
         direction="rev", subj=_OWNER, obj=_OWNED, confidence=0.7),
    Rule("gap.owns.dont_capital", "OWNS",
         r",?\s*dont (?:le capital|les parts(?: sociales)?|les actions|les titres|la majorité|l'intégralité)"
         rf"(?: du capital)? (?:est |sont |était |étaient |a été |ont été )?(?:(?:détenue?s?|contrôlée?s?|"
         rf"possédée?s?)(?: [^,;§]{{0,30}}?)? par|(?:répartie?s?|partagée?s?) entre|appartien\w* (?:à|au|aux)){_OWNER_NOUN}",
         direction="rev", subj=_OWNER, obj=("COMPANY", "MEDIA"), confidence=0.7),
    Rule("gap.owns.dont_product", "OWNS",
         r",?\s*dont (?:le |la |les |l')(?:logiciel|application|appli|plateforme|outil|solution|produit|"
         r"service|site|marque|base de données|offre)s?(?: [^,;§]{0,30}?)?", subj=("COMPANY",),
         obj=("PRODUCT",), confidence=0.7),
    Rule("gap.owns.editor", "OWNS",
         r"(?:(?:l'|un |son |le )?(?:éditeur|concepteur|développeur|créateur)s?\s+(?:[a-zé]+\s+)?"
         rf"{_DE}|(?:édit|développ|commercialis|exploit)\w*)", subj=("COMPANY",), obj=("PRODUCT",),
         confidence=0.7),
)


#: Trigger verbs read through the dependency parse (lemma -> alternatives, first fit wins).
DEP_VERBS: dict[str, tuple[Trigger, ...]] = {
    # preps=("",): a bare object; "a racheté des fichiers à X" does not make X owned.
    **{v: (Trigger("OWNS", True, _OWNER, _OWNED, ("",)),)
       for v in ("détenir", "posséder", "racheter", "acquérir", "absorber", "reprendre")},
    # buying a firm or a title makes it yours (buying a product does not: a client buys software)
    **{v: (Trigger("OWNS", True, _OWNER, _FIRM, ("",)),) for v in ("acheter", "se offrir", "avaler", "phagocyter")},
    "contrôler": (Trigger("OWNS", True, ("COMPANY", "PERSON"), ("COMPANY", "MEDIA")),),
    # "Y appartient (depuis 2020) à X": the patient after "à" owns the subject
    "appartenir": (Trigger("OWNS", False, _OWNER, _OWNED, ("à",)),),
    # a firm that publishes, develops or designs a product or a title owns it
    **{v: (Trigger("OWNS", True, ("COMPANY",), ("PRODUCT", "MEDIA"), ("",)),)
       for v in ("éditer", "développer", "concevoir", "publier")},
}
