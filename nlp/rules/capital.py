"""Gap rules for capital: SUBSIDIARY_OF and OWNS (stakes, takeovers, sales, editors).

"filiale de", "fait partie du groupe", "rachetée par", "a cédé X à Y", "détient 40 % de",
"l'éditeur de" (a company owns its product).
"""

from __future__ import annotations

from nlp.rules.base import _DE, Rule, Trigger

RULES: tuple[Rule, ...] = (
    # -- ownership ------------------------------------------------------------------------------
    Rule("gap.subsidiary_of.noun", "SUBSIDIARY_OF",
         r"(?:(?:la|une|l'une des|l'une|sa|ex-|ancienne) )*filiales?(?: (?:à 100 %|[a-zé]+e))?\s+"
         rf"{_DE}", subj=("COMPANY", "MEDIA"), obj=("COMPANY", "MEDIA"), confidence=0.8),
    Rule("gap.subsidiary_of.group", "SUBSIDIARY_OF",
         r"(?:(?:fait|faisait|font|faisaient) partie|(?:une |la |l')?(?:société|entité|marque|agence|"
         r"structure|branche|enseigne|pôle)|(?:est |a été )?(?:intégrée?|rattachée?|adossée?)s?)\s+"
         r"(?:d[eu']|des|au|à la|à l')\s*(?:groupe|holding|galaxie|nébuleuse)\b",
         subj=("COMPANY", "MEDIA"), obj=("COMPANY", "MEDIA"), confidence=0.65),
    Rule("gap.subsidiary_of.parent", "SUBSIDIARY_OF",
         rf"(?:(?:la|sa) )?(?:maison mère|société mère)\s+{_DE}", direction="rev",
         subj=("COMPANY", "MEDIA"), obj=("COMPANY",)),
    Rule("gap.owns.passive", "OWNS",
         r"(?:a été |ont été |est |sont |été |était )?(?:rachetée?s?|acquise?s?|détenue?s?|possédée?s?|"
         r"contrôlée?s?|reprise?s?|absorbée?s?|éditée?s?|développée?s?|conçue?s?|commercialisée?s?|"
         r"exploitée?s?|produite?s?)\s+(?:[^,;]{0,50}?\s)?par|(?:appartient|appartenait|"
         r"appartiennent|appartenant) (?:[^,;]{0,30}?\s)?(?:à|au|aux)|propriété d[eu']?|"
         r"(?:(?:passée?s?|tombée?s?|entrée?s?|rentrée?s?)\s+(?:en \d{4}\s+)?)?"
         r"(?:dans le giron|sous le contrôle|dans l'escarcelle) d[eu']?", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT")),
    Rule("gap.owns.deal", "OWNS",
         r"(?:(?:a |ont )?(?:finalis|boucl|annonc|officialis|réalis|conclu|opér|achev)\w*\s+)?"
         rf"(?:le |l')(?:rachat|acquisition|reprise)\s+(?:de \d+[,.]?\d*\s?% )?{_DE}",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT")),
    Rule("gap.owns.ceded", "OWNS",
         r"(?:[^;§]{0,60}?\s)?(?:qu'(?:il|elle|ils|elles) (?:a|ont|avait|avaient) )?(?:cédée?s?|vendue?s?|"
         r"revendue?s?)(?!\s+(?:ses|son|sa|leur|leurs|des|un|une|les|le|la|l'|ce|cet|cette|ces)\b)"
         r"\s+(?:[^,;§]{0,40}?\s)?(?:à|au|aux)(?: (?:son|sa|leur) associée?,?)?",
         direction="rev", subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"),
         confidence=0.65),
    Rule("gap.owns.ceded_to", "OWNS", r"(?:à|au|aux)", direction="rev",
         subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"), confidence=0.65,
         prefix=r"(?:cédé|vendu|revendu|cède|vend|revend)e?s?\s+(?:(?:sa|son|ses|leur|la|le|l')\s*)?"
                r"(?:filiale|participation|société|start-up|activité|pôle|logiciel|application|agence|"
                r"titre|journal)?"),
    Rule("gap.owns.verb", "OWNS",
         r"(?:détien\w*|détenait|possèd\w*|possédait|rachet\w*|rachèt\w*|acqui\w*|acquis|reprend|"
         r"(?:a |ont )?repris|absorb\w*|contrôl\w*|(?:a |ont )?pris le contrôle d[eu']?|prend le contrôle "
         r"d[eu']?|(?:a |ont )?pris une participation (?:(?:de |d')?\d+[,.]?\d*\s?% )?(?:dans|au capital d[eu'])|(?:est |sont )?(?:entrée?s?|"
         r"montée?s?) au capital d[eu']?|(?:l'|le |un |une |principal )?(?:actionnaire|propriétaire)s?"
         rf"(?: (?:majoritaire|principal|unique|minoritaire|de référence))?\s+{_DE}|investi\w* dans)"
         r"(?:(?:\s+(?:désormais|déjà|encore|aujourd'hui|[a-zé]+ment))?\s+(?:\d+[,.]?\d*\s?%|la majorité|l'intégralité|une partie|la totalité)(?: du capital)?"
         rf"\s+{_DE})?", subj=("COMPANY", "PERSON", "PARTY"), obj=("COMPANY", "MEDIA", "PRODUCT"),
         confidence=0.7),
    Rule("gap.owns.editor", "OWNS",
         r"(?:(?:l'|un |son |le )?(?:éditeur|concepteur|développeur|créateur)s?\s+(?:[a-zé]+\s+)?"
         rf"{_DE}|(?:édit|développ|commercialis|exploit)\w*)", subj=("COMPANY",), obj=("PRODUCT",),
         confidence=0.7),
)


#: Trigger verbs read through the dependency parse (lemma -> alternatives, first fit wins).
DEP_VERBS: dict[str, tuple[Trigger, ...]] = {
    **{v: (Trigger("OWNS", True, ("COMPANY", "PERSON", "PARTY"), ("COMPANY", "MEDIA", "PRODUCT")),)
       for v in ("détenir", "posséder", "racheter", "acquérir", "absorber")},
    "contrôler": (Trigger("OWNS", True, ("COMPANY", "PERSON"), ("COMPANY", "MEDIA")),),
}
