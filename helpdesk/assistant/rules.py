"""The classifications of DESIGN.md as small named rules, each recording why it fired.

Rules read folded text (lower case, no accents). Message rules look at the whole new text of a message;
question rules at one question of it. The assistant applies them in the order of the tables at the bottom.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from helpdesk.assistant.applicability import applicability, indirect_applicability
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


# --- A person, please (rule 4) -----------------------------------------------------------------------------------

_asks_for_person = _any(
    r"\b(speak|talk|chat) (to|with) (a |an |someone|somebody|one of|your|a real|an actual|staff|a human|a person|an employee|a colleague|an expert)",
    r"\b(real|actual|live) (person|human|people|agent)\b",
    # "Zouden we een kort overleg kunnen inplannen met iemand van jullie?", "can we schedule a call with you?"
    r"\b(overleg|afspraak|gesprek|meeting|call|videocall|belafspraak)\b[^.?!]{0,60}\b(inplannen|plannen|schedule|arrange)\b",
    r"\b(schedule|arrange|set up|plan|book) (a|an) (short |quick |brief )?(call|meeting|video call|teams call|teams meeting)\b",
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
    r"prima|fijn|clear|understood|begrepen|got it|that'?s all|dat was het|dat is alles|brilliant|awesome|excellent)\b"
)
CLOSING_MAX_WORDS = 30
# Thanks that come before a question ("thanks in advance, where do we report") do not close anything.
_STILL_ASKING = re.compile(
    r"\b(in advance|alvast|where|when|how|which|who|why|waar|wanneer|hoe|welke|wie|waarom)\b|"
    # "Noted with thanks. Kindly also clarify the timelines ..." asks on.
    r"\b(kindly|please (clarify|advise|confirm|explain|share|let)|could you|can you|kunt u|kunnen jullie)\b|"
    r"\bwhat\b(?! i (wanted|needed|was looking for)\b)|"
    r"\bwat\b(?! (een|fijn|ons betreft|mij betreft|ik wilde weten|ik wou weten|ik nodig had))"
)


# "No further questions from our side": done, however long the message that says it.
_DONE = re.compile(
    r"\b(no further questions?|no more questions?|no other questions?|geen (verdere |andere )?vragen meer|"
    r"geen (verdere|andere) vragen)\b|\b(vraag|ticket|zaak|dossier|question|case)\b[^.?!]{0,40}\b(afgehandeld|gesloten|"
    r"closed|resolved)\b|"
    # "U kunt het dossier wat mij betreft sluiten", "you can close the ticket".
    r"\b(dossier|ticket|zaak|case|vraag)\b[^.?!]{0,30}\b(sluiten|afsluiten)\b|\b(you|u) (can|may|mag|kunt) (now )?close\b|"
    r"\b(closing the loop|all sorted|all set now|we'?re all set|alles (is )?geregeld|alles is rond)\b|"
    # "Wij weten nu wat we moeten doen.", "Now we know what to do."
    r"\b(wij|we|ik) (weten|weet) nu (wat|hoe)\b|\b(we|i) (now )?know (now )?(what|how) (to|we)\b|"
    r"\b(nothing else|nothing more|niets meer|verder niets)( for now| voor nu)?\b|"
    r"\b(exactly )?what (i|we) needed\b|\bprecies wat (ik|we|wij) nodig (had|hadden)\b"
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
    r"\b(ik|wij|we) (wil|willen) (graag )?(een|bij deze een|hierbij een) melding (doen|maken)\b|"
    r"\b(hierbij|bij deze) (wil|willen) (ik|wij|we) (graag )?melden\b|\bi (want|would like|wish) to report (an? |the )?(actively )?"
    r"(exploited|vulnerability|incident|severe|security)\b|\bhierbij (melden|meld|informeren) (wij|we|ik)\b|\bwij (willen )?(hierbij )?(melden|rapporteren) "
    r"(een|het volgende|u)\b|^\s*(melding|notification|report|early warning|vroegtijdige waarschuwing|incident report|"
    r"vulnerability report)( van)?( een)?( ernstig| actief)?[^:\n]{0,40}(:|\n)|\bplease (find|see) (attached |below |enclosed )?"
    r"(our|the) (notification|early warning|final report|report)\b|"
    # "please accept this e-mail as our early warning", "hierbij doen wij een vroegtijdige waarschuwing",
    # "sturen wij onze incidentmelding via deze weg": the message says it is the report.
    r"\b(please|pls|kindly) (accept|treat|consider|regard|log|record|register|file) this (e-?mail|message|mail)? ?as "
    r"(our|the|a|an|their|my)\b|"
    # "reporting an incident here: ...", "submitting here per our runbook", "bij deze laten wij weten dat ...".
    r"(^|\b(i'?m|i am|we'?re|we are) )reporting (an?|the|our) (\w+ ){0,2}(incident|vulnerability|breach|attack)\b|"
    r"\b(submitting|filing) (it |this )?here\b|\b(hierbij|bij deze|bij dezen) (laten|laat) (wij|we|ik) (u |jullie )?weten\b|"
    r"\bplease (accept|treat|consider|regard|log|record) this (e-?mail|message|mail)? ?as\b[^\n]{0,40}\b(early warning|"
    r"notification|report|submittal|filing)\b|\b(please|pls|kindly) (log|record) this\b|"
    r"\b(please|pls|kindly) (forward|pass) (this|it) (on )?to (whoever|the right|the responsible|someone)\b|"
    r"\bthis (e-?mail|message|mail) (is|serves as|constitutes) (our|the|a|an) (early warning|notification|final report)|"
    r"\bhierbij doet\b[^\n]{0,60}\bmelding van\b|\bhierbij doet\b[^\n]{0,160}\b(een )?(vroegtijdige waarschuwing|"
    r"incidentmelding|kwetsbaarheidsmelding|eindverslag)\b|"
    # "With this e-mail we submit the early warning", "MELDING!! onze backend is gehackt"
    r"\bwith this (e-?mail|message|mail|letter),? (we|i) (hereby )?(submit|send|report|notify|file)\b|"
    r"\b(sending|send|submitting|submit|filing) (this|it) (through |in )?as (our|the|an|a) (early warning|notification|"
    r"report|final report)\b|"
    r"\bmet (deze|dit) (e-?mail|mail|bericht) (dienen|sturen|melden|doen) (wij|we|ik)\b|"
    r"^\s*(melding|notification|report|incident|urgent|spoed)\s*!+|\bhierbij (doen|doe|sturen|stuur|zenden|zend|dienen|dien|geven|geef) (wij|we|ik)\b[^.\n]{0,120}\b(melding|waarschuwing|eindverslag|verslag)|"
    r"\b(sturen|zenden|versturen) (wij|we|ik) (u )?(hierbij )?(onze|ons|mijn|de) [^.\n]{0,20}(melding|waarschuwing|eindverslag)\b|"
    r"\b(dit|deze) (bericht|e-?mail|mail) (is|geldt als|dient als) (onze|ons|de|een) [^.\n]{0,20}(melding|waarschuwing|eindverslag)\b|"
    # "This is our early warning under Article 14(4)(a)", "ik meld bij deze een incident": the report itself.
    r"\b(this is|that'?s|thats|here'?s|heres) (our|the|an?) (early warning|(vulnerability |incident )?notification|final report)\b|"
    r"\bdit is (onze|ons|de|een) (\w*melding|vroegtijdige waarschuwing|eindverslag)\b|"
    r"\b(ik|wij|we) (wil|willen) (graag |even )?(bij deze |hierbij )?melden dat\b|"
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
    r"(?m)^\s*(?:[-*\u2022]\s*)?(product|manufacturer|fabrikant|producent|affected versions?|getroffen versies?|"
    r"vulnerability|kwetsbaarheid|impact|severity|ernst|mitigation|mitigatie|issue|awareness|apparaat|device|bevinding|"
    r"getroffen|affected|impacted|became aware|description|beschrijving|measures|maatregelen)\s*:",
    r"\b(version|versions|versie|versies|firmware|firmwareversie|softwareversie|fw|build) v?\d+(\.\d+)+",
    r"\b(iocs?|indicators of compromise|botnet|active exploitation|exploitation confirmed)\b",
    r"\b(attackers?|aanvallers?|threat actors?|hackers?|ransomware|malware|malafide)\b",
    r"\b(compromised|gecompromitteerd|breach|breached|hacked|gehackt|ingebroken)\b",
    r"\bip[- ]?(adres|address)(sen|es)?\b",
    r"\b(stolen|gestolen|exfiltrated|leaked|gelekt|malicious update|kwaadaardige update)\b",
    # "someone pushed rogue firmware to our bikes", "een aangepaste update op de server gezet"
    r"\b(rogue|malicious|tampered|kwaadaardige|aangepaste|gemanipuleerde|valse) (firmware|update|software)\b",
    # "iemand heeft via internet in de deurbellen gezeten", "about 80 units sold"
    r"\b(via (het )?internet|remotely|op afstand)\b[^.\n]{0,60}\b(gezeten|binnengedrongen|overgenomen|accessed|took over|"
    r"taken over|toegang)\b",
    r"\b\d+ (stuks|units|devices|apparaten|klanten|customers|installaties|installations|accounts|gateways|sloten|locks|"
    r"sensoren|sensors|cameras|camera's)\b",
    r"\b(we became aware|we discovered|we detected|we found out|wij ontdekten|we ontdekten|we hebben ontdekt|ontdekt op)\b",
    r"\b(this morning|last night|yesterday|vanochtend|vannacht|gisteren|vanmorgen) (at|om)?\b",
    r"\b(confirm (the )?receipt|acknowledge (the )?receipt|ontvangstbevestiging|ontvangst (te )?bevestigen|"
    r"bevestigen dat (de|onze|mijn) melding (binnen|ontvangen)|confirm (that )?(you|the ncsc) (received|have received))\b|"
    r"\bontvangst van (deze|onze|mijn|de) (melding|waarschuwing|e-?mail)\b[^.\n]{0,30}\bbevestigen\b",
    r"\b(exploited in the wild|actively being exploited|being actively exploited|wordt actief misbruikt|"
    r"actief wordt misbruikt|actief misbruikt wordt|actief uitgebuit wordt|actief wordt uitgebuit)\b",
    r"\b(taken offline|offline gehaald|hotfix|workaround (is )?(available|beschikbaar)|getroffen product|affected product)\b",
    # A researcher's or bystander's report: "attached are my technical details and a video".
    r"\b(attached|enclosed|bijgevoegd|bijgaand|in de bijlage)\b[^.\n]{0,30}\b(details|proof|poc|video|logs?|"
    r"screenshots?|bewijs|requests|ip-adressen|ip addresses)\b",
    r"\b(details|poc|proof|logs?|video|screenshots?)\b[^.\n]{0,20}\b(attached|enclosed|bijgevoegd)\b",
    r"\b(can be|could be|kan worden|is te) (bypassed|bypass|omzeild)\b",
]


_FACT_PATTERNS = [re.compile(p) for p in _NOTIFICATION_FACTS]
# "Early warning per CRA Art. 14(2)(a)." as the first line: the message is the report it names.
_REPORT_TITLE = re.compile(
    r"^\s*(early warning|vulnerability notification|incident notification|notification|final report|incident report|"
    r"melding|vroegtijdige waarschuwing|kwetsbaarheidsmelding|incidentmelding|eindverslag)\b[^?\n]*$"
)


def _notification(text: str) -> str | None:
    statements = [s for s in re.split(r"(?<=[.?!:])\s+", text) if s and not _is_question(s)]
    opener = next((m for s in statements if (m := _NOTIFICATION_OPENERS.search(s))), None)
    opener = opener or _REPORT_TITLE.match(text.split("\n", 1)[0])
    facts = [m.group(0) for p in _FACT_PATTERNS if (m := p.search(text))]
    if opener and facts:
        return f"notification {opener.group(0).strip()!r} with {facts[0]!r}"
    forwarded = next((m for s in statements if (m := _FORWARDED_REPORT.search(s))), None)
    if forwarded:
        return f"a copy of a report: {forwarded.group(0).strip()!r}"
    # "If an attacker used stolen keys to ..., does that count as ...?" tells facts only within its question; facts
    # told to ask "does this already count as actively exploited?" are the asker's doubt, not a report.
    questions = [s for s in sentences(text) if s.rstrip().endswith("?")]
    if len(facts) >= 3 and text.count("?") <= 1 and statements and not any(map(applicability, questions)):
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

# Another law's reporting: a question about it is that law's, however much it speaks of reporting.
_OTHER_REGIME = (
    r"\b(nis2|nis 2|cyberbeveiligingswet|cbw|gdpr|avg|datalek|data breach notification|personal data breach|"
    r"autoriteit persoonsgegevens)\b"
)
_other_regime = _any(_OTHER_REGIME)
_UNDER_THE_CRA = re.compile(
    r"\b(onder|under|within|binnen) (de |het |the )?(meldplicht |reporting obligation )?(van de |of the )?"
    r"(cra|cyber ?resilience ?act|cyberweerbaarheidsverordening|meldplicht|reporting obligation)\b|"
    # "Does the CRA reporting obligation even apply to a pure SaaS product, or is this NIS2 territory only?"
    r"\b(cra|cyber ?resilience ?act|cyberweerbaarheidsverordening)\b[^?.]{0,40}\b(appl(y|ies)|van toepassing|geldt|gelden)\b"
)
_outside_reporting = _any(
    r"\bce[- ]?(mark|marking|markering|keurmerk|label)\b",
    r"\b(conformity assessment|conformiteitsbeoordeling|declaration of conformity|conformiteitsverklaring|notified bod(y|ies)|aangemelde instantie)",
    r"\b(sbom|s-bom|software bill of materials|cyclonedx|spdx)\b",
    r"\b(support period|ondersteuningsperiode|supportperiode|supporttermijn|ondersteuningstermijn|end of life|end-of-life|how long (must|should|do|will) (we|i) (have to |need to )?(keep |continue )?(provid|offer|deliver|support|ship|releas|maintain)|"
    r"how long (are|is) (we|i|the manufacturer|a manufacturer) (required|obliged|expected|supposed) to (keep )?"
    r"(provid|offer|deliver|support|ship|releas|maintain)|how many years\b[^?.]{0,40}\b(updates|support)|(obliged|required|have) to (provide|ship|deliver) (security )?updates|hoe lang (moeten|moet) (we|wij|ik)\b[^?.]{0,20}\b(updates|beveiligingsupdates|ondersteuning|support)|"
    r"(gehouden|verplicht)\b[^?.]{0,30}\b(updates|beveiligingsupdates) te (leveren|verstrekken|bieden|blijven leveren))",
    # Building a secure product (Annex I), not reporting: "how should we store passwords securely?"
    r"\b(store|hash|encrypt|protect) (the |our |(customer|user|client)(s|'s|s')? )*(passwords?|credentials|secrets|keys)\b"
    r"|\b(wachtwoorden|inloggegevens|sleutels) (veilig )?(opslaan|versleutelen|beveiligen)\b|"
    r"\b(secure (coding|development|by design)|security by design|veilig (programmeren|ontwikkelen))\b",
    r"\b(technical file|technisch dossier|technical documentation|technische documentatie|harmoni[sz]ed standards?|geharmoniseerde normen?|essential requirements|essentiele eisen|annex i\b|bijlage i\b)",
    r"\b(penetration test|pentest|pen test|security audit|certification|certificering|certificaat|certificate)\b",
    r"\b(test|scan|audit|check|review|assess|examine)\b[^.?!]{0,20}\b(our|my) (firmware|software|product|device|code|app|application)",
    r"\b(onze|mijn) (firmware|software|product|apparaat|code|app|applicatie)\b[^.?!]{0,40}\b(testen|scannen|auditen|doorlichten|controleren|onderzoeken)\b",
    # "fine" alone is also "all right": "is an email to customers fine?"
    r"\b(fines|fined|boetes?|geldboetes?|penalt(y|ies)|sancties|sanctions|handhaving|enforcement)\b|\b(a|any|the) fine\b|"
    r"\bfine (us|me|them|you)\b|"
    r"\b(maximum|max|possible|potential|hoogste|maximale) (fine|boete)\b",
    r"\b(cost|costs|kost|kosten|price|prices|prijs|tarief|tarieven|fee|fees)\b",
    _OTHER_REGIME,
    r"\b(vulnerability disclosure policy|cvd[- ]beleid|bug bounty|security\.txt)\b",
    r"\b(beleid|policy|procedure)\b[^.?!]{0,30}\b(coordinated vulnerability disclosure|cvd|gecoordineerde "
    r"(kwetsbaarheidsmelding|openbaarmaking|melding van kwetsbaarheden))\b",
    r"\b(product classification|important products?|critical products?|belangrijke producten|kritieke producten|class i{1,2}\b|klasse i{1,2}\b)",
)


# --- The tables: order matters, the first message rule that fires decides ----------------------------------------

MESSAGE_RULES: tuple[Rule, ...] = (
    Rule("actual-notification", _notification),
    Rule("asks-for-person", _asks_for_person),
    Rule("closing", _closing),
)
QUESTION_RULES: tuple[Rule, ...] = (
    Rule("applicability", applicability),
    Rule("outside-reporting", _outside_reporting),
)
# A question on an outside topic that says nothing of reporting ("must the SBOM be public?", "is five years of updates
# enough under the CRA?") is that topic's, even put as whether something is required: staff answer it or send it on.
_SPEAKS_OF_REPORTING = re.compile(
    r"\b(meld\w*|gemeld|report\w*|notify\w*|notification\w*|rapport\w*|deadlines?|termijn\w*|early warning|"
    r"waarschuwing|eindverslag|final report|exploit\w*|uitgebuit\w*|misbruik\w*|incident\w*|vulnerabilit\w*|kwetsba\w*)\b"
)


def classify_question(text: str, context: str = "") -> tuple[str, str] | None:
    """The question rule that decides for `text` and why, or None: the first in QUESTION_RULES that fires, except
    that an outside topic - in the question or in the statements before it (`context`: "A customer asks for an
    SBOM. Is that mandatory under the CRA?") - wins over applicability when the question does not speak of
    reporting."""
    fired = [(rule.name, reason) for rule in QUESTION_RULES if (reason := rule(text))]
    names = [name for name, _ in fired]
    other_regime = _other_regime(fold(text))
    if "applicability" in names and other_regime and not _UNDER_THE_CRA.search(fold(text)):
        # "Moeten we dit ook bij de Autoriteit Persoonsgegevens melden?": whether that law applies is not ours (but
        # "vallen wij onder de meldplicht van de CRA, of alleen onder NIS2?" asks about the CRA).
        return "outside-reporting", other_regime
    if "applicability" in names and not _SPEAKS_OF_REPORTING.search(fold(text)):
        if "outside-reporting" in names:
            return fired[names.index("outside-reporting")]
        elsewhere = _outside_reporting(fold(context)) if context else None
        if elsewhere:
            return "outside-reporting", f"{elsewhere}, in the statements before the question"
    return fired[0] if fired else None


# Checked on the statements before a question ("I don't know whether we are covered. If so, how long ...?").
CONTEXT_RULES: tuple[Rule, ...] = (Rule("applicability", indirect_applicability),)
