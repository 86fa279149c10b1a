"""Rule 1 of DESIGN.md: whether the CRA, the reporting obligation or a deadline applies to a case.

The helpdesk never answers that question, however it is put: directly ("moeten wij dit melden?"), as a case ("is
this a 'severe incident'?"), as wondering before a how-to question ("we are not sure we count as the manufacturer;
if so, where do we report?"). Procedural questions that share the words ("do we have to send it to ENISA as
well?") are not applicability. Everything here reads folded text.
"""

from __future__ import annotations

import re

from helpdesk.text.split import sentences

# After an article or a possessive "report" is the noun: "do we need to list the countries in the report?" asks what
# goes in it, and "een notified body" is no notification at all.
_REPORT_VERB = (
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bour )(?<!\bthis )(?<!\bthat )(?<!\bde )(?<!\bhet )(?<!\been )(?<!\bonze )"
    # "before we can file anything": what the asker may do, not what it must.
    r"(?<!\bcan )(?<!\bcould )(?<!\bmay )"
    r"(report|notify|notif|file|disclose|declare|send (a|an|the)? ?(report|notification)|melden|aanmelden|rapporteren|"
    r"doorgeven|gemeld|gerapporteerd|meldingen? (doen|maken|indienen))"
)
_YES_NO_OBLIGATION = (
    r"^(and |en )?((do|does|did|would|will|are|is|am|have)\b[^?.]{0,60}\b(have to|has to|need to|needs to|required|"
    r"obliged|obligated|supposed to|necessary|mandatory|compulsory)|(must|should|shall|need|ought)\b)"
    rf"[^?.]{{0,60}}\b{_REPORT_VERB}"
)
_DUTCH_YES_NO_OBLIGATION = (
    # Not "is/zijn": "is het genoeg om te melden dat ...", "is there an API for submitting notifications" ask how.
    rf"^(en |maar )?(moet|moeten|hoef|hoeft|hoeven|dien|dient|dienen)\b[^?.]{{0,120}}\b{_REPORT_VERB}"
)
# How-to details that turn an "obligation + report" question into a procedural one:
# "do we have to send it to ENISA separately", "moeten we ook bij ENISA melden".
_PROCEDURAL = re.compile(
    r"\b(enisa|separately|apart|again|opnieuw|twice|both|english|engels|dutch|nederlands|language|taal|via|through|"
    r"platform|portal|portaal|e-?mail|form|formulier|format|template|within|binnen|deadline|termijn|hours?|uur|days?|"
    r"dagen|weekend|early warning|vroegtijdige|final report|eindverslag|intermediate|tussentijds|update|correct|"
    r"(a|an) (complete |completely |whole |entirely )?(new|fresh) (notification|report)|existing|bestaande|register\w*|"
    r"registr\w*|from (zero|scratch)|nieuwe melding|helemaal opnieuw|meldplatform|account|"
    r"eerst|first|beforehand|vooraf|"
    r"aanvullen|which|welke|where|waar|when|wanneer|how|hoe|(to|bij|aan) (who|wie)|whom|to which|bij welk|what|wat|"
    # "moeten wij bij het CCB melden of bij jullie": which of two, not whether.
    r"(bij|aan|naar) (het|de|jullie|u) [\w-]*\b[^?.]{0,30}\b(of|or) (bij|aan|naar|to))\b"
)
_SCOPE_WORDS = (
    r"\b(in scope|within (the )?scope|out of scope|scope of|covered by|subject to|fall(s)? (under|within)|"
    r"(exempt(ed)?|excluded|uitgezonderd|vrijgesteld)\b[^?.]{0,30}\b(cra|regulation|verordening|obligations?|"
    r"dut(y|ies)|requirements?|rules|verplichting|meldplicht|regels|scope)|"
    # "are we exempt from the 24-hour deadline": the company is; "are weekends excluded from the deadlines" asks how.
    r"(exempt(ed)?|vrijgesteld)\b[^?.]{0,30}\b(deadlines?|termijn(en)?|early warning|reporting|melden)|reportable|notifiable|meldplichtig|meldingsplichtig|"
    r"onder de (cra|cyber ?resilience ?act|meldplicht|verordening|regels)|toepassingsgebied|reikwijdte)\b"
)
_CASE_TERMS = (
    r"(severe incident|serious incident|significant incident|actively exploited vulnerability|actively exploited|"
    r"actief misbruikt|actively abused|"
    r"exploited vulnerability|ernstig incident|ernstige incident|actief uitgebuite kwetsbaarheid|actief uitgebuit|"
    r"meldplichtig|meldingsplichtig|manufacturer|fabrikant|product with digital elements|product met digitale elementen)"
)
_DATE_QUESTION = re.compile(
    r"\b(from when|since when|from what date|from which date|which date|what date|when (do|does|will)|starting when|"
    r"vanaf wanneer|sinds wanneer|per wanneer|welke datum|wanneer (gaat|geldt|gelden|treedt|begint|start)|"
    r"(date|datum) (from which|as of which|on which|vanaf welke|waarop|per welke)|"
    r"(appl(y|ies)|start|starts|begin|begins|gelden|geldt|ingaan|gaat in) (from|since|as of|vanaf|sinds|per)\b)"
)


# Indirect questions: "we wonder whether we must report", "ik weet niet of onze app onder de CRA valt".
_WHETHER: list[tuple[str, str]] = [
    (
        "whether",
        # Not "whether we can send the notification to this address": what the asker may do is procedure.
        # Nor "whether it is possible that the NCSC waits", "if it is necessary to list all countries".
        r"\b(whether|(know|wondering|wonder|ask|asking|check|confirm|tell me|tell us|advise|clarify|sure|idk|dunno) if) (the cra|the (reporting )?obligations?|the (company|manufacturer|firm|client|parent( company)?)|(our|my) (company|firm|client)|art\.? ?14|article 14|reporting|we|i|our|this|it|that|the (incident|vulnerability|bug|attack))\b(?![^?.]{0,30}\b(can|may|could)\b)(?![^?.]{0,60}\b(submitted|sent|send|submit|filed|provided|delivered) (through|via|by|in|on|per)\b)(?! is (possible|allowed|enough|sufficient|ok|okay|necessary to (list|include|mention|give|add|fill|use|send|provide|describe|state|specify|repeat))\b)[^?.]{0,100}\b(appl|(?<!the )(?<!a )(?<!final )(?<!our )(?<!this )report|notif(?!ied bod)|in scope|cover|comes? under|severe|serious|actively|manufacturer|obliged|obligat|must|have to|need to|gotta|count|qualif|falls? (on|upon|to)|lies with|rests with)(?!ied bod)",
    ),
    (
        "whether",
        # Not "of hij dat zelf ergens kan melden": what someone may do is procedure.
        r"\bof (we|wij|ik|dit|dat|het|deze|de cra|de meldplicht|ons|onze|hij|zij|ze|cliente|client|mijn client)\b"
        # Whole words: "of het meldingsplatform ook in het Nederlands is" asks about the platform.
        r"(?![^?.]{0,60}\b(kan|kunnen|mag|mogen)\b)[^?.]{0,80}\b(melden|melding|van toepassing|"
        r"geldt|valt|onder|verplicht|meldplichtig|ernstig|actief uitgebuit\w*|fabrikant|importeur|"
        r"product met digitale elementen)\b",
    ),
    (
        # "mijn baas vraagt of een ddos-aanval op onze cloud een ernstig incident is"
        "whether",
        r"\bof (een|de|het|zo'?n|dit|dat|deze)\b[^?.]{0,80}\b(een|als) ['\"\u2018\u201c]?(ernstig incident|ernstige incident|"
        r"actief uitgebuite kwetsbaarheid)\b",
    ),
    (
        # "een klant vraagt of een phishingaanval als 'ernstig incident' onder de CRA telt"
        "whether",
        r"\bof (een|de|het|zo'?n)\b[^?.]{0,80}\b(als|onder)\b[^?.]{0,40}\b(telt|tellen|valt|vallen|geldt|kwalificeert)\b",
    ),
    (
        # "Namens cliënte vraag ik u of er sprake is van een meldplicht"
        "whether",
        r"\bof er\b[^?.]{0,40}\b(meldplicht|meldingsplicht|verplicht|gemeld moet|melden moeten)|"
        # "Gaarne vernemen wij of hier sprake is van een actief uitgebuite kwetsbaarheid"
        rf"\bof (er|hier|daar|in dit geval)\b[^?.]{{0,20}}\bsprake (is|zou zijn) van (een )?['\"\u2018\u201c]?{_CASE_TERMS}",
    ),
    (
        # "Not sure we even count as a 'manufacturer'", "ik twijfel of onze app een product met digitale elementen is".
        "not sure",
        r"\b(not sure|not certain|unsure|uncertain|niet zeker|twijfel\w*|onzeker)\b[^?.]{0,100}\b(count|qualif|manufacturer|"
        r"importer|product with digital elements|scope|covered|appl|fabrikant|importeur|"
        r"product met digitale elementen|valt|onder de cra|van toepassing|severe|serious|ernstig|actively exploited|"
        r"fall under|falls under|fall within|come under|comes under|duty to (notify|report)|lies with|rests with|ligt bij|"
        r"actief uitgebuit|in the legal sense|in legal terms|juridisch gezien|in juridische zin|"
        r"(reported|gemeld|report|melden)\b[^?.]{0,10}\b(at all|uberhaupt|eigenlijk wel))",
    ),
    (
        # "We're trying to figure out whether a vulnerability only our pen tester exploited counts as 'actively exploited'"
        "whether",
        r"\b(whether|if|of)\b[^?.]{0,120}\b(counts? as|qualif(y|ies) as|telt als|tellen als|geldt als|kwalificeert als)\b",
    ),
    (
        # "We would like to know if these old models are also concerned by the reporting obligation"
        "whether",
        r"\b(whether|if|of)\b[^?.]{0,100}\b(concerned by|covered by|subject to|onder|valt|vallen)\b[^?.]{0,20}\b(the )?"
        r"(cra|reporting obligation|obligation (of|to) (notification|report)|meldplicht|notification obligation)",
    ),
    (
        # "Mijn buurman zegt dat ik het niet hoef te melden. Klopt dat?": someone's verdict that there is no duty, to be
        # confirmed. ("Our lawyer says we must report this. What goes in it?" takes the duty as given and asks how.)
        "verdict to confirm",
        r"\b(zegt|zeggen|zei|says|said|told (me|us)|claims?|beweert|denkt|thinks)\b[^.?!]{0,120}"
        r"\b(niet (hoef|hoeft|hoeven|verplicht)|(hoef|hoeft|hoeven) (het |dit |dat )?niet|(don'?t|doesn'?t|do not|does not|"
        r"no) (need|have|has)|not (required|obliged|obligated))\b[^.?!]{0,40}\b(melden|report|notify)",
    ),
    (
        # "Our lawyer says maybe the sensors are not a 'product with digital elements'. Is this correct?"
        "verdict to confirm",
        r"\b(zegt|zeggen|zei|says|said|told (me|us)|claims?|beweert|denkt|thinks)\b[^.?!]{0,80}\b(not|geen|niet)\b"
        rf"[^.?!]{{0,10}}\b(a |an |een )?['\"\u2018\u201c]?{_CASE_TERMS}",
    ),
]


# "the client found a vuln in their pentest - do they have to report it?": the question after a dash, semicolon or
# colon is read from its own start too.
_CLAUSE_BREAK = re.compile(
    r"\s[-\u2013\u2014]\s|;\s|:\s|"
    # "mijn slot zit ook in hun app, moet ik dan nog melden of zij?"
    r",\s(?=(?:moet|moeten|hoef|hoeven) (?:ik|we|wij) (?:dan|nu|nog|eigenlijk|zelf)\b|"
    r"(?:do|must|should) (?:we|i) (?:then|still|even|actually|really)\b)"
)


def applicability(text: str) -> str | None:
    """A question whether an obligation applies to a case, in any of the ways people put it."""
    for sentence in sentences(text):
        for clause in (sentence, *_CLAUSE_BREAK.split(sentence)[1:]):
            reason = _applicability_sentence(clause.strip())
            if reason:
                return reason
    return None


def indirect_applicability(text: str) -> str | None:
    """A statement around a question that wonders whether the obligation applies: the question then depends on it."""
    for sentence in sentences(text):
        for name, pattern in _WHETHER_PATTERNS:
            match = pattern.search(sentence)
            if match:
                return f"{name}: {match.group(0).strip()[:80]!r}"
    return None


# "In your view, is that a severe incident?", "If a bug turns up in my library, do I have to report?": a lead phrase
# or a condition before the question leaves it the same question. (A greeting is gone already: text/cleanup.py.)
_LEAD_PHRASE = re.compile(
    r"^(in your (view|opinion)|naar (uw|jullie) (mening|oordeel)|volgens (u|jullie)|quick question|snelle vraag),?:?\s+"
)
_CONDITION_FIRST = re.compile(r"^(if|als|indien|when|wanneer)\b[^,?]{0,100},\s*")


# "Does the 24 hour deadline apply to the final report too?" asks which deadline, not whether there is a duty.
_DEADLINE_APPLIES = re.compile(
    r"\b(deadlines?|time limits?|periods?|termijn(en)?|24[- ]?(hours?|hour|h|uur|u)|72[- ]?(hours?|hour|h|uur|u)|"
    r"14 (days|dagen)|one month|een maand|clock|klok)\b[^?.]{0,30}\b(apply|applies|gelden|geldt|van toepassing)\b"
    r"[^?.]{0,15}\b(to|for|voor|op) (the |het |de |an? |een )?(final report|eindverslag|early warning|"
    r"vroegtijdige waarschuwing|notification|melding|intermediate report|tussentijds verslag|weekends?|holidays?|"
    r"feestdagen|incidents?)\b|"
    # "Geldt de termijn van 24 uur ook voor de melding van een incident?"
    r"\b(geldt|gelden)\b (de|die|deze|dezelfde|een)? ?(termijn(en)?|deadlines?|24|72)\b[^?.]{0,25}\b(ook |wel |dan )?voor "
    r"(de|het|een|die|dat)? ?(melding|eindverslag|vroegtijdige waarschuwing|tussentijds verslag|weekend|feestdagen|"
    r"incident\w*)\b"
)
# "Geldt de 24-uurstermijn voor de vroegtijdige waarschuwing ook voor ons?" asks whether it binds the asker after all.
_FOR_US = re.compile(r"\b(voor|for|to) (ons|mij|us|me|onze|our|my|mijn|a company like)\b")
# "Which conditions apply to that?", "welke voorwaarden zijn daarop van toepassing?" ask what, not whether.
_WHICH_RULES = re.compile(
    r"^(and |en )?(which|what|welke|wat voor) (conditions|rules|requirements|deadlines|voorwaarden|regels|eisen|"
    r"termijnen)\b"
)


_CHECK_PATTERNS: list[tuple[str, str]] = [
    # [^?] not [^?.]: "does Art. 14 apply to us" holds an abbreviation's full stop.
    ("applies", r"\b(do|does|would|will|could|can)\b[^?]{0,80}\b(apply|applies|applicable|relevant)\b"),
    ("applies", r"\b(do|does|would|will)\b (this|that|it)\b[^?.]{0,30}\b(trigger|triggers|activate|activates)\b"),
    (
        "covers",
        r"(^(and |en )?(does|do|would|will|is|are)|\b(does|do|would|will) (the|this|that|it|cra|reporting|our))\b"
        # Not "what does the notification need to cover beyond the early warning?", which asks for content.
        r"[^?.]{0,60}(?<!need to )(?<!needs to )(?<!must )(?<!should )\b(cover|covers|covered)\b[^?.]{0,20}"
        r"\b(our|my|this|the|a|an|us|we|it)\b",
    ),
    ("applies", r"\b(is|are)\b[^?.]{0,80}\b(applicable|relevant) (also |even |still )?(to|for)\b"),
    # "does cra even cover f2p online games?"
    (
        "covers",
        r"^(and |so )?(does|do|would|will) (the )?(cra|regulation|law|reporting obligation|obligation)\b[^?.]{0,20}"
        r"\b(cover|covers|apply to|applies to)\b",
    ),
    # "Is the reporting obligation applying also to our controllers?": the same question in learner's English.
    ("applies", r"^(and )?(is|are)\b[^?.]{0,60}\b(applying|valid) (also |even )?(to|for)\b"),
    (
        "scope",
        rf"^(and |en )?(is|are|am|does|do|would|will|valt|vallen|geldt|gelden|zijn|ben|is|telt|tellen)\b[^?]{{0,120}}{_SCOPE_WORDS}",
    ),
    # "... onder de CRA?" closing a question; not "welk formaat moet onze SBOM hebben onder de CRA?", which asks how.
    (
        "scope",
        # Nor "bij welk CSIRT moet de fabrikant onder de CRA melden?", which asks where.
        r"^(?!(bij|aan|naar|to|with) (welk|welke|which)\b|(where|waar)\b)"
        r"(?!.*\b(formaat|format|template|sjabloon|fields|velden|taal|language)\b).*" + _SCOPE_WORDS + r"[^?.]{0,40}\?",
    ),
    (
        "case",
        # Not "Would you be able to tell me what goes into the early warning if we are hit by a severe incident?"
        rf"^(and |en )?(is|are|was|were|would(?! you| it be possible)|counts?|zijn|wordt)\b[^?]{{0,120}}"
        rf"\b(a|an|as|als|een|zo'?n) ['\"\u2018\u201c]?{_CASE_TERMS}|"
        # "telt dit als een ernstig incident"; not "geldt voor het eindverslag inzake een actief uitgebuite kwetsbaarheid
        # dezelfde termijn?", which asks which deadline.
        rf"^(en )?(telt|tellen|geldt|gelden|kwalificeert)\b[^?]{{0,120}}\b(as|als) (een )?['\"\u2018\u201c]?{_CASE_TERMS}",
    ),
    # Not "what counts as the start of the 24-hour clock", which asks when the clock starts.
    (
        "counts as",
        r"\b(count|counts|qualify|qualifies|classify|classifies|considered|regarded|deemed|seen|consider (this|it|that)) as\b"
        r"(?! (the )?(start|begin|beginning|moment)\b)",
    ),
    (
        # "Is it considered a vulnerability of our product which we have to report?"
        "counts as",
        r"^(and )?(is|are|would) (it|this|that|these|they) (be )?considered (a|an)\b|"
        # 'Is this considered "actively exploited", given that the attempts failed?'
        rf"\bconsidered (as )?(a |an )?['\"\u2018\u201c]?{_CASE_TERMS}",
    ),
    # "We must report this or not?", "moeten we dit melden of niet?"
    ("or not", rf"\b{_REPORT_VERB}\w*\b[^?.]{{0,30}}\b(or not|of niet|of nie)\b"),
    (
        # "Is this 'actively exploited' in the meaning of the law?"
        "case",
        rf"['\"\u2018\u201c]{_CASE_TERMS}['\"\u2019\u201d]\s*(in the (meaning|sense)|within the meaning|in de zin van|"
        r"under the (law|cra|regulation)|onder de (cra|wet|verordening)|volgens de (wet|cra|verordening))",
    ),
    (
        # "Is a flaw only our own pentesters exploited 'actively exploited'?": a legal term quoted to be judged.
        "case",
        rf"^(and |en )?(is|are|was|were|would|does|do|telt|is dit|zijn)\b[^?]{{0,120}}['\"\u2018\u201c]{_CASE_TERMS}"
        r"['\"\u2019\u201d]\s*\?",
    ),
    (
        "counts as",
        r"\b(telt|tellen|geldt|gelden|kwalificeert|beschouwd|aangemerkt|gezien) (dit|dat|het|deze|die|zoiets|zo'?n)?\s?"
        r"((dan|nou|nu|ook|eigenlijk) )?(als|mee als)\b",
    ),
    # "... of cliënte als fabrikant in de zin van artikel 3 kwalificeert", "does this constitute a severe incident"
    ("counts as", rf"\bals ['\"\u2018\u201c]?{_CASE_TERMS}\b[^?.]{{0,60}}\bkwalificeert\b"),
    ("case", rf"\b(constitutes?|amounts? to)\b[^?.]{{0,20}}\b(a|an)? ?['\"\u2018\u201c]?{_CASE_TERMS}"),
    # "... zodat cliënte niet tot melding gehouden is?", "of cliënte gehouden is tot melding"
    ("obliged", r"\bgehouden\b[^?.]{0,20}\btot (melding|melden|het melden)|\btot (melding|melden) gehouden\b"),
    # "Who is the manufacturer in this case, we or the brand?", "wie is hier de fabrikant?"
    (
        "who is",
        r"\b(who|which (of us|company|party|one)) (is|would be|counts as)\b(?! not\b)[^?.]{0,15}\b(the|a)?\s*['\"\u201c]?"
        r"(manufacturer|importer|distributor)\b|"
        # "Does that make us the 'manufacturer' for this reporting stuff?", "maakt dat ons de fabrikant?"
        r"\b(does|would|will|do) (that|this|it) make (us|me|them)\b[^?.]{0,10}\b(the|a|an)?\s*['\"\u201c]?"
        r"(manufacturer|importer|distributor)\b|\bmaakt (dat|dit|het) (ons|mij|hen)\b[^?.]{0,10}\b(fabrikant|importeur)\b|"
        r"\bwie (is|zijn|wordt) (hier |dan |nu )?(de |als )?(fabrikant|importeur|distributeur)\b",
    ),
    # "Tellen die (in 2023 verkochte deurbellen) nog mee?", "do those still count?" - not weekends or hours.
    (
        "counts",
        r"^(en |and )?(tellen|telt|do|does) (die|deze|ze|onze|oude|mijn|they|those|these|our|old|older|my|dat|dit|zoiets)\b"
        r"(?![^?.]*\b(weekends?|dag|dagen|days?|uur|uren|hours?|feestdag\w*|holidays?|vakantie)\b)[^?.]{0,30}"
        r"\b(mee|count)\b",
    ),
    # "Is this 'actively exploited vulnerability' which we must notify?": the legal term without its article.
    (
        "case",
        rf"^(and |en )?(is|are|was|were) (this|that|it|dit|dat|het)\s+(an? |een )?['\"\u2018\u201c]?{_CASE_TERMS}",
    ),
    # "Hadden wij dit eigenlijk moeten melden?", "Should we have reported it?": the duty, asked of the past.
    (
        "obliged to report",
        r"^(en |maar )?(hadden|had|zouden|zou) (wij|we|ik)\b[^?.]{0,40}\bmoeten (melden|rapporteren)\b|"
        r"^(and |but )?(should|did|would) (we|i) (have )?(reported|had to report|have to report|need to report)\b",
    ),
    # "who actually carries the Article 14 reporting obligation: we or our importer?"
    (
        "whose obligation",
        r"\b(who|wie)\b[^?.]{0,30}\b(carries|bears|holds|has|draagt|heeft)\b[^?.]{0,40}\b(obligation|duty|"
        r"meldplicht|verplichting)\b",
    ),
    # "is that on us to report?", "is it on the importer to notify, or on us?"
    (
        "whose obligation",
        r"\b(is|are|would|will) (that|this|it|these|those|the (bug|vulnerability|incident|flaw))( then| really| still)? "
        r"(be )?on (us|me|them|the (importer|manufacturer|vendor|supplier|maintainer))\b[^?.]{0,20}\b(to )?"
        r"(report|notify|file|melden)",
    ),
    # "Does the reporting obligation still concern us?", "Is hij dan degene die moet melden?"
    ("applies", r"\b(does|do|would|will)\b[^?]{0,60}\b(concern|concerns)\s+(us|me|our|them)\b"),
    ("who must", r"\b(degene|diegene|the one|the party) (die|who|that) (moet|must|has to|should) (melden|report)"),
    # "is the CRA for us?", "is de meldplicht ook voor ons?"
    (
        "applies to us",
        r"^(and |en |so |dus )?(is|does) (the |de )?(cra|regulation|verordening|reporting obligation|meldplicht)\b"
        r"[^?.]{0,15}\b(for|voor) (us|me|ons|mij|our|onze)\b",
    ),
    # "we must report this within 24h now??": the duty, asked back as a question.
    (
        "obliged to report",
        r"^(so |and |but )?(we|i) (must|have to|need to|should|gotta) (report|notify) (this|it|that)\b[^?]{0,30}\?",
    ),
    # "So we must even report this?": a statement asked back as a question.
    (
        "obliged to report",
        r"^(so |and |but |dus |en )?(we|i|wij|ik) (must|have to|need to|should|moeten|moet)\b[^?.]{0,15}\b"
        r"(even|still|really|actually|then|dan|echt|toch)\b[^?.]{0,10}\b(report|notify|melden)\b[^?.]{0,20}\?",
    ),
    (
        "we are",
        r"(^(and |en )?(are|am|is) (we|i|our company|our firm|my company|they)|\b(are|am) (we|i))\b[^?.]{0,60}\b(a |an |the )?(manufacturer|importer|distributor|steward|obliged|required|obligated|responsible|covered)\b",
    ),
    (
        # "Worden wij dan als fabrikant gezien?"
        "we are",
        r"\b(worden|word|zijn|ben) (wij|we|ik)\b[^?.]{0,30}\bals (fabrikant|importeur|distributeur|manufacturer)\b",
    ),
    (
        "we are",
        r"^(en |of |maar |dus )?(ben|zijn|is) (ik|we|wij|ons bedrijf|mijn bedrijf|het|dit|zij)\b[^?.]{0,60}\b(fabrikant|importeur|distributeur|verplicht|verantwoordelijk|meldplichtig)\b",
    ),
    ("applies", r"\b(valt|vallen|vallt|val)\b[^?.]{0,80}\bonder\b"),
    # A yes/no question: "geldt die 24 uurs termijn ook voor ons"; not "which procedure applies to us".
    ("applies to us", r"^(en |maar )?(geldt|gelden)\b[^?.]{0,60}\b(ook )?voor (ons|mij|onze)\b"),
    # Not "geldt die termijn ook voor het eindverslag?", which asks which deadline.
    (
        "applies to us",
        r"^(en |maar )?(geldt|gelden)\b[^?]{0,60}\book voor\b(?!\s+(het |de |een |die |dat )?(eindverslag|melding\w*|"
        r"waarschuwing|verslag|incident\w*|kwetsba\w*|weekend\w*|feestdag\w*|stap|fase|tussentijds\w*)\b)",
    ),
    # "Geldt dat hele meldgedoe eigenlijk wel voor zo'n klein bedrijfje als wij?"
    ("applies to us", r"^(en |maar )?(geldt|gelden)\b[^?]{0,80}\b(eigenlijk wel|uberhaupt|wel) voor\b"),
    ("applies to us", r"^(en |maar )?(geldt|gelden)\b[^?]{0,80}\bvoor\b[^?]{0,40}\b(als|zoals) (wij|ons|ik|mij)\b"),
    # "Is this serious enough that we must report it?", "is dit erg genoeg om te melden?"
    (
        "serious enough",
        r"\b(serious|severe|bad|big|significant|grave|ernstig|erg|groot|zwaar) enough\b[^?.]{0,30}\b(report|notif)|"
        r"\b(ernstig|erg|groot|zwaar) genoeg\b[^?.]{0,30}\b(melden|melding|gemeld)",
    ),
    # "... dan hoeven we toch niet te melden?", "so we don't need to report it, right?": no duty, to be confirmed.
    (
        "no duty to confirm",
        r"\b(hoeven|hoeft|hoef) (we|wij|ik|ze|zij|hij|jullie)\b[^?.]{0,20}\bniet\b[^?.]{0,10}\b(te )?(melden|rapporteren)\b"
        r"|\b(we|i) (don'?t|do not|wouldn'?t|would not|won'?t|will not) (need|have) to (report|notify)\b"
        r"(?![^?]{0,60}\b(twice|again|separately|both|as well|too)\b)[^?]{0,60}\?",
    ),
    # "We kindly request your confirmation that the obligations of Article 14 apply to this legacy product"
    (
        "verdict to confirm",
        r"\b(confirm|confirmation|bevestig\w*) (that|dat)\b[^?.]{0,80}\b(apply|applies|van toepassing|geldt|gelden|"
        r"covered|subject to|fall under|falls under|valt onder|vallen onder)\b",
    ),
    # "This need to be reported?", "Dit moet gemeld worden?"
    (
        "obliged to report",
        r"^(so |and |en |dus )?(this|it|that|dit|dat) (need|needs|has|have|must|should|moet|hoeft)\b[^?.]{0,15}"
        r"\b(reported|notified|gemeld)\b[^?]{0,20}\?",
    ),
    # "... or there is some exception for startups?", "geldt er een uitzondering voor kleine bedrijven?"
    (
        "exempt",
        # Of the reporting duty, not of fines ("Geldt daarvoor een uitzondering voor kleine ondernemingen?").
        r"\b(report\w*|meld\w*|notif\w*|cra|obligations?|verplichting\w*)\b[^?]{0,80}"
        r"\b(exception|exemption|uitzondering|vrijstelling)s? (for|voor) (small|startups?|micro|smes?|kleine|mkb|"
        r"start-?ups?|companies|bedrijven|ondernemingen|us|ons)\b",
    ),
    # "Telt dat dan voor mij, of moet die Chinese fabrikant dat melden?", "of geldt die wet alleen voor wat ik verkoop?"
    (
        "applies to us",
        r"^(en |maar )?(telt|tellen|geldt|gelden) (dat|dit|het|zoiets)( dan| nou| nu)? (ook |wel )?voor (mij|ons)\b|"
        r"\b(geldt|gelden) (die|de|deze) (wet|regels?|cra|verordening|meldplicht)\b[^?.]{0,10}\b(alleen|ook|wel|niet) voor\b",
    ),
    (
        "whose obligation",
        r"\b(of|or) (moet|moeten|must|should|does|do) (die|de|het|the|hij|zij|ze|they|he|she)\b[^?]{0,40}"
        r"\b(melden|report|notify)\b[^?]{0,10}\?",
    ),
    # "Noemen ze dat dan een 'actief uitgebuite kwetsbaarheid'?", "would you call this a severe incident?"
    (
        "case",
        rf"\b(noemen|noem|noemt|call|calls)( ze| je| jullie| we| you| they| u)? (dat|dit|this|that|it)( dan)? "
        rf"(een |a |an )?['\"\u2018\u201c]?{_CASE_TERMS}",
    ),
    # "Is zo'n gratis programmaatje nou ook iets waar die nieuwe wet over gaat?", "aan die meldplicht houden of nie?"
    (
        "applies",
        r"\biets waar (die|de|deze) (nieuwe )?(wet|cra|regels?|verordening|meldplicht) (over gaat|voor geldt|op ziet)\b|"
        r"\b(something|anything) (that )?the (cra|law|regulation|reporting obligation) (covers|is about|applies to)\b|"
        # Not "krijgen we een bevestiging dat we aan de CRA voldoen?", which asks what happens after reporting.
        r"\b(ons|zich|me|mij) aan (die|de|deze) (meldplicht|cra|regels|wet|verordening) (houden|te houden)\b",
    ),
    # "... dat deze software niet als in de handel gebracht product met digitale elementen dient te worden aangemerkt"
    (
        "counts as",
        rf"\bals\b[^?.]{{0,60}}{_CASE_TERMS}[^?.]{{0,30}}\b(aangemerkt|beschouwd|gezien|gekwalificeerd)\b",
    ),
    # "... te bevestigen dat de meldplicht zich niet uitstrekt tot deze producten", "Rust de meldplicht op ons?"
    (
        "whose obligation",
        r"\b(meldplicht|verplichting|obligation|duty|cra|verordening|art\.? ?14|article 14|artikel 14)\b[^?.]{0,80}"
        r"\b(uitstrekt|strekt zich|extends? to)\b|"
        r"\b(rust|ligt|rusten|liggen) (de |die |deze )?(meldplicht|verplichting|plicht)\b[^?.]{0,40}\b(op|bij)\b|"
        r"\b(does|would|will) the (reporting )?(obligation|duty) (rest|lie|fall) (on|with|upon)\b",
    ),
    # "is that OUR incident to report or theirs?", "does the Breda BV have its own reporting duty?"
    (
        "whose obligation",
        r"\b(our|my|their|ons|onze|hun|mijn) (incident|vulnerability|lek|probleem|problem|breach)\b[^?.]{0,15}\bto "
        r"(report|notify)\b|\b(have|has|heeft|hebben) (its|their|our|his|her|zijn|haar|onze|hun|een) (own |eigen )?"
        r"(reporting duty|reporting obligation|duty to report|obligation to report|meldplicht)\b|"
        r"\b(attributable|toe te rekenen|toerekenbaar) (to|aan)\b",
    ),
    # "wie er nu eigenlijk 'de fabrikant' is", "Of geldt die alleen voor producten die na een bepaalde datum ...?"
    (
        "who is",
        r"\bwie\b[^?.]{0,30}['\"\u2018\u201c]?de (fabrikant|importeur|distributeur)['\"\u2019\u201d]? (is|zijn|wordt)\b|"
        r"^(of |en |maar )?(geldt|gelden) (die|dat|het|deze)( dan| nou)? alleen voor (producten|bedrijven|apparaten|wat|"
        r"nieuwe|grote|fabrikanten)\b",
    ),
    # "CRA apply to us or not?", "zijn we dan wel groot genoeg voor die meldplicht?", "of is dat alleen voor grote
    # bedrijven?"
    (
        "applies to us",
        r"\b(cra|regulation|law|reporting obligation|obligation|meldplicht|verordening)\b[^?.]{0,20}\b(apply|applies|"
        r"applicable) (to|for) (us|me|our|my)\b|"
        r"\b(groot|klein|big|large|small) genoeg\b[^?.]{0,20}\b(voor|for) (de|die|deze|the|this)? ?(meldplicht|cra|regels|"
        r"wet|verordening|reporting obligation|rules|law)\b|"
        r"\b(alleen|only|just) (voor|for) (grote|kleine|big|large|small) (bedrijven|ondernemingen|fabrikanten|companies|"
        r"firms|manufacturers)\b",
    ),
    # "We must report vulnerabilities also for the sensors or only for the gateway?"
    (
        "obliged to report",
        r"^(and |so )?(we|i) (must|have to|need to|should) (report|notify)\b[^?]{0,80}\b(or|of) (only|just|alleen)\b",
    ),
    # "severe incident under CRA y/n?"
    ("case", rf"{_CASE_TERMS}[^?.]{{0,40}}(\by/n\b|\byes or no\b|\bja of nee\b|\bja/nee\b)"),
    (
        "applies",
        r"\b(van toepassing|toepasselijk|geldt (de|die|deze|dat|het)? ?([\w-]+ ){0,2}(cra|meldplicht|verplichting|verordening|termijn|regel)|gelden (de )?(regels|verplichtingen|termijnen))\b",
    ),
    *_WHETHER,
    (
        "who must",
        r"\b(who|which (companies|products|organisations|organizations|manufacturers)) (must|has to|have to|is required|are required|needs? to|should)\b[^?.]{0,30}\b(report|notify|comply)",
    ),
    (
        "who must",
        # "bij wie / aan wie moet ik melden" asks where to report, not who is obliged.
        r"(?<!bij )(?<!aan )(?<!naar )\b(wie|welke (bedrijven|producten|organisaties|fabrikanten)) (moet|moeten|dient|dienen)\b[^?.]{0,30}\b(melden|voldoen)",
    ),
    (
        "ours to report",
        r"\b((ours|our (job|responsibility|duty|obligation|problem)|up to us) to|(aan ons|onze (taak|verantwoordelijkheid|"
        r"plicht)) om)\b[^?.]{0,20}\b(report|notify|melden|rapporteren)\b",
    ),
    (
        # "is the 24h reporting our job or not?"
        "ours to report",
        r"^(and |en )?(is|are|would|zou)\b[^?.]{0,60}\b(our|my|onze|mijn) (job|responsibility|duty|obligation|taak|"
        r"verantwoordelijkheid|plicht|meldplicht|meldingsplicht|verplichting|reporting obligation|duty to report)\b",
    ),
    (
        # "are we the ones that must notify, or they?", "something we are obliged to report?"
        "whose obligation",
        r"\b(are|is) (we|i|they|it|he|she) the ones? (that|who) (must|has to|have to|should|need to|needs to)\b"
        r"|\b(something|anything) (that )?(we|i) (are|am|would be|will be) (obliged|required|obligated|supposed) to "
        r"(report|notify)"
        r"|\b(something|anything|one|a case|a thing|the kind of thing) (that |which )?(we|i) (must|have to|need to|should|"
        r"ought to) (report|notify)\b"
        r"|\biets (wat|dat) (wij|we|ik) (moeten|moet|dienen|dien) (te )?melden\b",
    ),
    (
        "mandatory",
        r"^(and |en )?(is|are)\b[^?.]{0,40}\b(mandatory|compulsory|obligatory|required|necessary)\b[^?.]{0,40}\b(report|notif)",
    ),
    ("mandatory", r"^(en )?(is|zijn)\b[^?.]{0,40}\b(verplicht|nodig|noodzakelijk)\b[^?.]{0,40}\b(melden|melding)"),
    # "so is it optional for us?", "is het voor ons vrijwillig?": whether the duty binds the asker.
    (
        "mandatory",
        r"\b(is|are) (it|this|that|reporting|the (obligation|deadline|early warning))\b[^?.]{0,20}\b(optional|voluntary|"
        r"mandatory|compulsory)\b[^?.]{0,10}\b(for us|for me|for a company like ours)\b|\b(is|zijn) (het|dit|dat|melden)"
        r"\b[^?.]{0,20}\b(optioneel|vrijwillig|verplicht)\b[^?.]{0,10}\bvoor (ons|mij)\b",
    ),
]
# Compiled once: the rule runs on every question.
_CHECKS = [(name, re.compile(pattern)) for name, pattern in _CHECK_PATTERNS]
_WHETHER_PATTERNS = [(name, re.compile(pattern)) for name, pattern in _WHETHER]
_AT_ALL = re.compile(rf"\b{_REPORT_VERB}\b[^?.]{{0,30}}\b(at all|in the first place|uberhaupt|eigenlijk wel)\b")
_OBLIGATION_QUESTIONS = (re.compile(_YES_NO_OBLIGATION), re.compile(_DUTCH_YES_NO_OBLIGATION))


def _applicability_sentence(s: str) -> str | None:
    s = _CONDITION_FIRST.sub("", _LEAD_PHRASE.sub("", s))
    for name, pattern in _WHETHER_PATTERNS:
        # "Please confirm whether our product falls under the CRA and, if so, from which date": the wondering
        # counts even beside a date question.
        match = pattern.search(s)
        if match:
            return f"{name}: {match.group(0).strip()[:80]!r}"
    deadline_of_a_stage = _DEADLINE_APPLIES.search(s) and not _FOR_US.search(s)
    if _DATE_QUESTION.search(s) or _WHICH_RULES.search(s) or deadline_of_a_stage:
        return None  # "since when does the obligation apply" asks for a date, not for a verdict
    for name, pattern in _CHECKS:
        match = pattern.search(s)
        if match:
            return f"{name}: {match.group(0).strip()[:80]!r}"
    at_all = _AT_ALL.search(s)
    if at_all:
        return f"report at all: {at_all.group(0).strip()[:80]!r}"
    for pattern in _OBLIGATION_QUESTIONS:
        match = pattern.search(s)
        if match and not _PROCEDURAL.search(s):
            return f"obliged to report: {match.group(0).strip()[:80]!r}"
    return None
