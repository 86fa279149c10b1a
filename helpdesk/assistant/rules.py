"""The classifications of DESIGN.md as small named rules, each recording why it fired.

Rules read folded text (lower case, no accents). Message rules look at the whole new text of a message;
question rules at one question of it. The assistant applies them in the order of the tables at the bottom.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from helpdesk.text.normalise import fold
from helpdesk.text.split import sentences

Check = Callable[[str], str | None]


@dataclass(frozen=True)
class Rule:
    name: str
    check: Check

    def __call__(self, text: str) -> str | None:
        """The reason the rule fired for `text`, or None."""
        return self.check(fold(text))


def _any(*patterns: str) -> Check:
    compiled = [re.compile(p) for p in patterns]

    def check(text: str) -> str | None:
        for pattern in compiled:
            match = pattern.search(text)
            if match:
                return f"matched {match.group(0).strip()!r}"
        return None

    return check


# --- Applicability: whether the CRA, the obligation or a deadline applies to a case (rule 1) -------------------

_REPORT_VERB = (
    r"(report|notify|notif|disclose|declare|send (a|an|the)? ?(report|notification)|melden|aanmelden|rapporteren|"
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
    r"(a|an) new (notification|report)|from (zero|scratch)|nieuwe melding|helemaal opnieuw|meldplatform|account|"
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
    r"(severe incident|serious incident|significant incident|actively exploited|exploited vulnerability|"
    r"ernstig incident|ernstige incident|actief uitgebuit|meldplichtig|meldingsplichtig|manufacturer|fabrikant)"
)
_DATE_QUESTION = re.compile(
    r"\b(from when|since when|from what date|from which date|which date|what date|when (do|does|will)|starting when|"
    r"vanaf wanneer|sinds wanneer|per wanneer|welke datum|wanneer (gaat|geldt|gelden|treedt|begint|start)|"
    r"(appl(y|ies)|start|starts|begin|begins|gelden|geldt|ingaan|gaat in) (from|since|as of|vanaf|sinds|per)\b)"
)


# Indirect questions: "we wonder whether we must report", "ik weet niet of onze app onder de CRA valt".
_WHETHER: list[tuple[str, str]] = [
    (
        "whether",
        r"\b(whether|(know|wondering|wonder|ask|asking|check|confirm|tell me|tell us|advise|clarify|sure) if) (the cra|the obligation|the reporting obligation|we|i|our|this|it|that|the (incident|vulnerability|bug|attack))\b[^?.]{0,60}\b(appl|report|notif|in scope|cover|severe|serious|actively|manufacturer|obliged|must|have to|need to|count|qualif)",
    ),
    (
        "whether",
        r"\bof (we|wij|ik|dit|dat|het|deze|de cra|de meldplicht|ons|onze|hij|zij|ze)\b[^?.]{0,80}\b(melden|melding|van toepassing|"
        r"geldt|valt|onder|verplicht|meldplichtig|ernstig|actief uitgebuit\w*|fabrikant|importeur|"
        r"product met digitale elementen)",
    ),
    (
        # "een klant vraagt of een phishingaanval als 'ernstig incident' onder de CRA telt"
        "whether",
        r"\bof (een|de|het|zo'?n)\b[^?.]{0,80}\b(als|onder)\b[^?.]{0,40}\b(telt|tellen|valt|vallen|geldt|kwalificeert)\b",
    ),
    (
        # "Namens cliënte vraag ik u of er sprake is van een meldplicht"
        "whether",
        r"\bof er\b[^?.]{0,40}\b(meldplicht|meldingsplicht|verplicht|gemeld moet|melden moeten)",
    ),
    (
        # "Not sure we even count as a 'manufacturer'", "ik twijfel of onze app een product met digitale elementen is".
        "not sure",
        r"\b(not sure|unsure|uncertain|niet zeker|twijfel\w*|onzeker)\b[^?.]{0,100}\b(count|qualif|manufacturer|"
        r"importer|product with digital elements|scope|covered|appl|fabrikant|importeur|"
        r"product met digitale elementen|valt|onder de cra|van toepassing)",
    ),
]


def _applicability(text: str) -> str | None:
    """A question whether an obligation applies to a case, in any of the ways people put it."""
    for sentence in sentences(text):
        reason = _applicability_sentence(sentence.strip())
        if reason:
            return reason
    return None


def _indirect_applicability(text: str) -> str | None:
    """A statement around a question that wonders whether the obligation applies: the question then depends on it."""
    for sentence in sentences(text):
        for name, pattern in _WHETHER:
            match = re.search(pattern, sentence)
            if match:
                return f"{name}: {match.group(0).strip()[:80]!r}"
    return None


# "hoi moet ik dit melden?", "If a bug turns up in my library, do I have to report?": a greeting or a condition
# before the question leaves it the same question.
_GREETING = re.compile(
    r"^(hoi|hallo|hi|hey|hello|dag|beste|goedemorgen|goedemiddag|good morning|dear [\w ]{0,20}|in your (view|opinion)|"
    r"naar (uw|jullie) (mening|oordeel)|volgens (u|jullie)|quick question|snelle vraag),?:?\s+"
)
_CONDITION_FIRST = re.compile(r"^(if|als|indien|when|wanneer)\b[^,?]{0,100},\s*")


# "Which conditions apply to that?", "welke voorwaarden zijn daarop van toepassing?" ask what, not whether.
_WHICH_RULES = re.compile(
    r"^(and |en )?(which|what|welke|wat voor) (conditions|rules|requirements|deadlines|voorwaarden|regels|eisen|"
    r"termijnen)\b"
)


def _applicability_sentence(s: str) -> str | None:
    s = _CONDITION_FIRST.sub("", _GREETING.sub("", s))
    for name, pattern in _WHETHER:
        # "Please confirm whether our product falls under the CRA and, if so, from which date": the wondering
        # counts even beside a date question.
        match = re.search(pattern, s)
        if match:
            return f"{name}: {match.group(0).strip()[:80]!r}"
    if _DATE_QUESTION.search(s) or _WHICH_RULES.search(s):
        return None  # "since when does the obligation apply" asks for a date, not for a verdict
    checks: list[tuple[str, str]] = [
        # [^?] not [^?.]: "does Art. 14 apply to us" holds an abbreviation's full stop.
        ("applies", r"\b(do|does|would|will|could|can)\b[^?]{0,80}\b(apply|applies|applicable|relevant)\b"),
        ("applies", r"\b(do|does|would|will)\b (this|that|it)\b[^?.]{0,30}\b(trigger|triggers|activate|activates)\b"),
        (
            "covers",
            r"(^(and |en )?(does|do|would|will|is|are)|\b(does|do|would|will) (the|this|that|it|cra|reporting|our))\b"
            r"[^?.]{0,60}\b(cover|covers|covered)\b[^?.]{0,20}\b(our|my|this|the|a|an|us|we|it)\b",
        ),
        ("applies", r"\b(is|are)\b[^?.]{0,80}\b(applicable|relevant) (to|for)\b"),
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
            r"(?!.*\b(formaat|format|template|sjabloon|fields|velden|taal|language)\b).*"
            + _SCOPE_WORDS
            + r"[^?.]{0,40}\?",
        ),
        (
            "case",
            rf"^(and |en )?(is|are|was|were|would|counts?|telt|tellen|zijn|wordt|geldt|kwalificeert)\b[^?]{{0,120}}\b(a|an|as|als|een) ['\"\u2018\u201c]?{_CASE_TERMS}",
        ),
        # Not "what counts as the start of the 24-hour clock", which asks when the clock starts.
        (
            "counts as",
            r"\b(count|counts|qualify|qualifies|classify|classifies|considered|regarded|deemed|seen) as\b"
            r"(?! (the )?(start|begin|beginning|moment)\b)",
        ),
        # "We must report this or not?", "moeten we dit melden of niet?"
        ("or not", rf"\b{_REPORT_VERB}\w*\b[^?.]{{0,30}}\b(or not|of niet)\b"),
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
            r"\b(telt|tellen|geldt|gelden|kwalificeert|beschouwd|aangemerkt|gezien) (dit|dat|het|deze|die)?\s?(als|mee als)\b",
        ),
        (
            "we are",
            r"(^(and |en )?(are|am|is) (we|i|our company|our firm|my company|they|it)|\b(are|am) (we|i))\b[^?.]{0,60}\b(a |an |the )?(manufacturer|importer|distributor|steward|obliged|required|obligated|responsible|covered)\b",
        ),
        (
            # "Worden wij dan als fabrikant gezien?"
            "we are",
            r"\b(worden|word|zijn|ben) (wij|we|ik)\b[^?.]{0,30}\bals (fabrikant|importeur|distributeur|manufacturer)\b",
        ),
        (
            "we are",
            r"^(en )?(ben|zijn|is) (ik|we|wij|ons bedrijf|mijn bedrijf|het|dit|zij)\b[^?.]{0,60}\b(fabrikant|importeur|distributeur|verplicht|verantwoordelijk|meldplichtig)\b",
        ),
        ("applies", r"\b(valt|vallen|vallt)\b[^?.]{0,80}\bonder\b"),
        # A yes/no question: "geldt die 24 uurs termijn ook voor ons"; not "which procedure applies to us".
        ("applies to us", r"^(en |maar )?(geldt|gelden)\b[^?.]{0,60}\b(ook )?voor (ons|mij|onze)\b"),
        ("applies to us", r"^(en |maar )?(geldt|gelden)\b[^?]{0,60}\book voor\b"),
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
            r"verantwoordelijkheid|plicht)\b",
        ),
        (
            # "are we the ones that must notify, or they?", "something we are obliged to report?"
            "whose obligation",
            r"\b(are|is) (we|i|they|it|he|she) the ones? (that|who) (must|has to|have to|should|need to|needs to)\b"
            r"|\b(something|anything) (that )?(we|i) (are|am|would be|will be) (obliged|required|obligated|supposed) to "
            r"(report|notify)"
            r"|\b(something|anything) (that )?(we|i) (must|have to|need to|should|ought to) (report|notify)\b",
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
    for name, pattern in checks:
        match = re.search(pattern, s)
        if match:
            return f"{name}: {match.group(0).strip()[:80]!r}"
    at_all = re.search(rf"\b{_REPORT_VERB}\b[^?.]{{0,30}}\b(at all|in the first place|uberhaupt|eigenlijk wel)\b", s)
    if at_all:
        return f"report at all: {at_all.group(0).strip()[:80]!r}"
    for pattern in (_YES_NO_OBLIGATION, _DUTCH_YES_NO_OBLIGATION):
        match = re.search(pattern, s)
        if match and not _PROCEDURAL.search(s):
            return f"obliged to report: {match.group(0).strip()[:80]!r}"
    return None


# --- A person, please (rule 4) -----------------------------------------------------------------------------------

_asks_for_person = _any(
    r"\b(speak|talk|chat) (to|with) (a |an |someone|somebody|one of|your|a real|an actual|staff|a human|a person|an employee|a colleague|an expert)",
    r"\b(real|actual|live) (person|human|people|agent)\b",
    r"\b(human|person|employee|staff member|agent|expert|colleague) (please|instead)\b",
    r"\b(call|ring|phone) (me|us) (back)?\b",
    r"\b(can|could|may) (i|we) (call|phone|ring) (you|someone|somebody)\b",
    r"\b(phone number|telephone number) (of|for) (a |an |the )?(person|someone|staff|employee|helpdesk|you)\b",
    r"\bcontact (with )?(a |an )?(person|human|someone|employee|staff)\b",
    # Addressed to the helpdesk: "please escalate this", not "the person on duty didn't escalate it".
    r"\b(please|kindly|could you|can you|would you|i'?d like to|i want to|we'?d like to|we want to) (escalate|hand (this|it) "
    r"over)\b|\bescalate (this|my|our) (question|case|ticket|request|message)\b|\b(escalation|escalatie) (please|graag)\b",
    r"\b(iemand|een mens|een medewerker|een persoon|een collega|een deskundige|een expert)\b[^.?!]{0,40}\b(spreken|bellen|praten|chatten|contact|aan de (lijn|telefoon))",
    r"\b(someone|somebody|a person|a human|an? (staff member|employee|agent)) on the (phone|line)\b",
    r"\b(spreken|praten|contact) met (iemand|een mens|een medewerker|een persoon|een collega|uw collega)\b",
    r"\b(terugbellen|bel (me|mij|ons)|kunt u (me|mij|ons) bellen|kan iemand (me|mij|ons) bellen|telefonisch contact)\b",
    r"\b(echte|echt) (persoon|mens|medewerker)\b",
    r"\b(medewerker|mens|persoon) (graag|aub|alstublieft|a\.u\.b\.)\b",
)

# --- Closing: thanks, done (rule 5) --------------------------------------------------------------------------------

_THANKS = re.compile(
    r"\b(thank|thanks|thx|thnx|tnx|ty|cheers|bedankt|dank|dankjewel|dankje|merci|top|helder|duidelijk|perfect|great|"
    r"prima|fijn|clear|understood|begrepen|got it|that'?s all|dat was het|dat is alles)\b"
)
CLOSING_MAX_WORDS = 20
# Thanks that come before a question ("thanks in advance, where do we report") do not close anything.
_STILL_ASKING = re.compile(
    r"\b(in advance|alvast|where|when|how|which|who|why|waar|wanneer|hoe|welke|wie|waarom)\b|"
    r"\bwhat\b(?! i (wanted|needed) to know)|"
    r"\bwat\b(?! (een|fijn|ons betreft|mij betreft|ik wilde weten|ik wou weten|ik nodig had))"
)


# "No further questions from our side": done, however long the message that says it.
_DONE = re.compile(
    r"\b(no further questions|no more questions|geen (verdere |andere )?vragen meer|geen verdere vragen)\b"
)


def _closing(text: str) -> str | None:
    """Thanks without a question. The assistant still checks that nothing in it asks for an answer."""
    thanked = _THANKS.search(text)
    if thanked and "?" not in text and _DONE.search(text):
        return f"thanks: {thanked.group(0)!r}, done"
    if not thanked or "?" in text or _STILL_ASKING.search(text) or len(text.split()) > CLOSING_MAX_WORDS:
        return None
    return f"thanks: {thanked.group(0)!r}"


# --- An actual notification sent to the helpdesk (rule 3) -----------------------------------------------------------

_NOTIFICATION_OPENERS = re.compile(
    r"(\bhereby (we |i )?(report|notify|submit|inform you)|\bwe (hereby |would like to |want to |wish to )?(report|notify you of) "
    r"(an?|the|our|following)\b|\bi (want|would like|wish) to report (an?|the)\b|"
    r"\b(ik|wij|we) (wil|willen) (graag )?(een|bij deze een|hierbij een) melding (doen|maken)\b|\bhierbij (melden|meld|informeren) (wij|we|ik)\b|\bwij (willen )?(hierbij )?(melden|rapporteren) "
    r"(een|het volgende|u)\b|^\s*(melding|notification|report|early warning|vroegtijdige waarschuwing|incident report|"
    r"vulnerability report)( van)?( een)?( ernstig| actief)?[^:\n]{0,40}(:|\n)|\bplease (find|see) (attached |below |enclosed )?"
    r"(our|the) (notification|early warning|final report|report)\b|"
    # "please accept this e-mail as our early warning", "hierbij doen wij een vroegtijdige waarschuwing",
    # "sturen wij onze incidentmelding via deze weg": the message says it is the report.
    r"\bplease (accept|treat|consider|regard) this (e-?mail|message|mail)? ?as (our|the|a|an|their|my)\b|"
    r"\bthis (e-?mail|message|mail) (is|serves as|constitutes) (our|the|a|an) (early warning|notification|final report)|"
    r"\bhierbij (doen|sturen|zenden|dienen|geven) (wij|we|ik)\b[^.\n]{0,120}\b(melding|waarschuwing|eindverslag|verslag)|"
    r"\b(sturen|zenden|versturen) (wij|we|ik) (u )?(hierbij )?(onze|ons|mijn|de) [^.\n]{0,20}(melding|waarschuwing|eindverslag)\b|"
    r"\b(dit|deze) (bericht|e-?mail|mail) (is|geldt als|dient als) (onze|ons|de|een) [^.\n]{0,20}(melding|waarschuwing|eindverslag)\b|"
    # "This is our early warning under Article 14(4)(a)", "ik meld bij deze een incident": the report itself.
    r"\bthis is (our|the|an?) (early warning|(vulnerability |incident )?notification|final report)\b|"
    r"\bdit is (onze|ons|de|een) (\w*melding|vroegtijdige waarschuwing|eindverslag)\b|"
    r"\b(ik|wij|we) (wil|willen) (graag )?(bij deze |hierbij )?melden dat\b|"
    r"\b(i'?m|i am|we'?re|we are) reporting this\b|\b(ik|wij|we) (meld|melden) dit\b|"
    r"\b(ik|wij|we) (meld|melden) (u )?(bij deze|bij dezen|hierbij)\b|\bbij dezen? (meld|melden) (ik|wij|we)\b)"
)
# "Zie hieronder onze kwetsbaarheidsmelding", "please find attached our early warning": a copy of the report is below
# (often as forwarded history, which is cut before the rules see the text) or attached; no facts need to be visible.
_FORWARDED_REPORT = re.compile(
    r"\b(see below|below is|below you find|please find (attached|below|enclosed)|attached (is|are|you find)|"
    r"zie (hieronder|onder|bijlage|de bijlage)|hieronder (vindt u |vind je |staat )?|onderstaand|bijgaand|"
    r"in de bijlage)\s*:?\s*(onze|ons|our) (\w+ )?"
    r"(\w*(melding|waarschuwing|eindverslag)|(vulnerability |incident )?(notification|early warning|final report))\b"
    # "Zie hieronder de melding van ons PSIRT, graag in behandeling nemen."
    r"|\b(zie|see) (hieronder|below) (de|the) (\w+ )?(melding|notification|report)\b[^\n]{0,60}"
    r"\b(in behandeling|behandelen|verwerken|process|handle)"
)
_NOTIFICATION_FACTS = [
    r"\bcve-\d{4}-\d{3,}\b",
    # The fields of a filled-in report: "Product: SmartHub Pro", "Fabrikant: ..."
    r"(?m)^\s*(product|manufacturer|fabrikant|producent|affected versions?|getroffen versies?|vulnerability|kwetsbaarheid|"
    r"impact|severity|ernst|mitigation|mitigatie)\s*:",
    r"\b(version|versions|versie|versies|firmware|build) v?\d+(\.\d+)+",
    r"\b(attackers?|aanvallers?|threat actors?|hackers?|ransomware|malware|malafide)\b",
    r"\b(compromised|gecompromitteerd|breached|was hacked|zijn gehackt|is gehackt|ingebroken)\b",
    r"\b(we became aware|we discovered|we detected|we found out|wij ontdekten|we ontdekten|we hebben ontdekt|ontdekt op)\b",
    r"\b(this morning|last night|yesterday|vanochtend|vannacht|gisteren|vanmorgen) (at|om)?\b",
    r"\b(confirm receipt|acknowledge receipt|ontvangstbevestiging|ontvangst (te )?bevestigen)\b",
    r"\b(exploited in the wild|actively being exploited|being actively exploited|wordt actief misbruikt|"
    r"actief wordt misbruikt|actief misbruikt wordt|actief uitgebuit wordt|actief wordt uitgebuit)\b",
    r"\b(taken offline|offline gehaald|hotfix|workaround (is )?(available|beschikbaar)|getroffen product|affected product)\b",
    # A researcher's or bystander's report: "attached are my technical details and a video".
    r"\b(attached|enclosed|bijgevoegd|bijgaand|in de bijlage)\b[^.\n]{0,30}\b(details|proof|poc|video|logs?|"
    r"screenshots?|bewijs|requests|ip-adressen|ip addresses)\b",
    r"\b(details|poc|proof|logs?|video|screenshots?)\b[^.\n]{0,20}\b(attached|enclosed|bijgevoegd)\b",
    r"\b(can be|could be|kan worden|is te) (bypassed|bypass|omzeild)\b",
]


def _notification(text: str) -> str | None:
    statements = [s for s in re.split(r"(?<=[.?!:])\s+", text) if s and not _is_question(s)]
    opener = next((m for s in statements if (m := _NOTIFICATION_OPENERS.search(s))), None)
    facts = [m.group(0) for p in _NOTIFICATION_FACTS if (m := re.search(p, text))]
    if opener and facts:
        return f"notification {opener.group(0).strip()!r} with {facts[0]!r}"
    forwarded = next((m for s in statements if (m := _FORWARDED_REPORT.search(s))), None)
    if forwarded:
        return f"a copy of a report: {forwarded.group(0).strip()!r}"
    if len(facts) >= 3 and text.count("?") <= 1:
        return f"reads as a notification: {', '.join(repr(f) for f in facts[:3])}"
    return None


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(
        re.match(
            r"\s*(how|what|where|when|which|who|can|could|should|must|do|does|hoe|wat|waar|wanneer|welke|wie|kan|kunnen|moet|moeten)\b",
            sentence,
        )
    )


# --- Outside reporting: CE marking, SBOMs, support periods... (escalate, no article) -----------------------------

_outside_reporting = _any(
    r"\bce[- ]?(mark|marking|markering|keurmerk|label)\b",
    r"\b(conformity assessment|conformiteitsbeoordeling|declaration of conformity|conformiteitsverklaring|notified bod(y|ies)|aangemelde instantie)",
    r"\b(sbom|s-bom|software bill of materials)\b",
    r"\b(support period|ondersteuningsperiode|supportperiode|supporttermijn|ondersteuningstermijn|end of life|end-of-life|how long (must|should|do) we (provide|offer|deliver|support)|hoe lang (moeten|moet) (we|wij|ik)\b[^?.]{0,20}\b(updates|beveiligingsupdates|ondersteuning|support))",
    r"\b(technical documentation|technische documentatie|harmoni[sz]ed standards?|geharmoniseerde normen?|essential requirements|essentiele eisen|annex i\b|bijlage i\b)",
    r"\b(penetration test|pentest|pen test|security audit|certification|certificering|certificaat|certificate)\b",
    r"\b(test|scan|audit|check|review|assess|examine)\b[^.?!]{0,20}\b(our|my) (firmware|software|product|device|code|app|application)",
    r"\b(onze|mijn) (firmware|software|product|apparaat|code|app|applicatie)\b[^.?!]{0,40}\b(testen|scannen|auditen|doorlichten|controleren|onderzoeken)\b",
    # "fine" alone is also "all right": "is an email to customers fine?"
    r"\b(fines|fined|boetes?|penalt(y|ies)|sancties|sanctions)\b|\b(a|any|the) fine\b|\bfine (us|me|them|you)\b|"
    r"\b(maximum|max|possible|potential|hoogste|maximale) (fine|boete)\b",
    r"\b(cost|costs|kost|kosten|price|prices|prijs|tarief|tarieven|fee|fees)\b",
    r"\b(nis2|nis 2|cyberbeveiligingswet|cbw|gdpr|avg|datalek|data breach notification|autoriteit persoonsgegevens)\b",
    r"\b(vulnerability disclosure policy|cvd[- ]beleid|bug bounty|security\.txt)\b",
    r"\b(beleid|policy|procedure)\b[^.?!]{0,30}\b(coordinated vulnerability disclosure|cvd)\b",
    r"\b(product classification|important products?|critical products?|belangrijke producten|kritieke producten|class i{1,2}\b|klasse i{1,2}\b)",
)


# --- The tables: order matters, the first message rule that fires decides ----------------------------------------

MESSAGE_RULES: tuple[Rule, ...] = (
    Rule("actual-notification", _notification),
    Rule("asks-for-person", _asks_for_person),
    Rule("closing", _closing),
)
QUESTION_RULES: tuple[Rule, ...] = (
    Rule("applicability", _applicability),
    Rule("outside-reporting", _outside_reporting),
)
# Checked on the statements before a question ("I don't know whether we are covered. If so, how long ...?").
CONTEXT_RULES: tuple[Rule, ...] = (Rule("applicability", _indirect_applicability),)
