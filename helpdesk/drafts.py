"""Checking a draft early warning, notification or final report for the elements Art. 14 asks for.

It says which elements are *present*, never whether they are right or whether the draft must be submitted at all.
An element counts as present when the draft has a heading or field for it ("Member States:", "Lidstaten:") or
wording that can only be about it ("made available in Germany and France"). The table of elements is the
Regulation's: Art. 14(2)(a)-(c) for actively exploited vulnerabilities, Art. 14(4)(a)-(c) for severe incidents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpdesk.text.normalise import fold

TRACKS = ("vulnerability", "incident")
STAGES = ("early_warning", "notification", "final_report")


@dataclass(frozen=True)
class Element:
    id: str
    article: str
    pattern: re.Pattern[str]


def _element(id: str, article: str, *patterns: str) -> Element:
    return Element(id, article, re.compile("|".join(f"(?:{p})" for p in patterns)))


_COUNTRIES = (
    r"austria|oostenrijk|belgium|belgie|bulgaria|bulgarije|croatia|kroatie|cyprus|czechia|czech republic|tsjechie|"
    r"denmark|denemarken|estonia|estland|finland|france|frankrijk|germany|duitsland|greece|griekenland|hungary|"
    r"hongarije|ireland|ierland|italy|italie|latvia|letland|lithuania|litouwen|luxembourg|luxemburg|malta|"
    r"netherlands|nederland|poland|polen|portugal|romania|roemenie|slovakia|slowakije|slovenia|slovenie|spain|"
    r"spanje|sweden|zweden"
)
_MEMBER_STATES = _element(
    "member_states",
    "",
    r"\bmember states?\b|\blidsta(at|ten)\b",
    rf"\b({_COUNTRIES})\b",
    r"\b(all|every) (eu )?countr",
    r"\bhele eu\b",
    r"\balle (eu-)?landen\b",
    r"\beu-wide\b|\beu-breed\b",
)
_SENSITIVITY = _element(
    "sensitivity",
    "",
    r"\bsensitiv",
    r"\bconfidential",
    r"\btlp\b",
    r"\bvertrouwelijk",
    r"\bgevoelig",
    r"\btraffic light protocol\b",
)
_CORRECTIVE_TAKEN = _element(
    "corrective_measures_taken",
    "",
    r"\b(corrective|mitigating|remedial) (or mitigating )?(measures?|actions?) (taken|we took|already)",
    r"\b(measures?|actions?) (taken|we have taken)\b",
    r"\bwe (have )?(released|deployed|rolled out|disabled|blocked|"
    r"revoked|isolated|taken)\b",
    r"\b(genomen|getroffen) (corrigerende |mitigerende )?maatregelen\b",
    r"\bmaatregelen (genomen|getroffen)\b",
    r"\b(wij|we) hebben [^.\n]{0,60}(uitgebracht|uitgerold|uitgeschakeld|"
    r"geblokkeerd|ingetrokken|geisoleerd|genomen|doorgevoerd|offline gehaald)\b",
)
_USER_MEASURES = _element(
    "user_measures",
    "",
    r"\b(users|customers|operators|administrators) (can|should|must|are advised|may)\b",
    r"\b(measures|steps|actions|advice) (for|to|that) (users|customers)\b",
    r"\buser (measures|actions|advice)\b",
    r"\b(gebruikers|klanten|beheerders) (kunnen|moeten|wordt aangeraden|wordt geadviseerd|dienen)\b",
    r"\b(maatregelen|advies) (voor|aan) (gebruikers|klanten)\b",
)
_DESCRIPTION_SEVERITY = _element(
    "description_severity_impact",
    "",
    r"\bseverity\b",
    r"\bcvss\b",
    r"\bimpact\b",
    r"\bernst\b",
    r"\bgevolgen\b",
)

ELEMENTS: dict[tuple[str, str], tuple[Element, ...]] = {
    ("vulnerability", "early_warning"): (Element("member_states", "Art. 14(2)(a)", _MEMBER_STATES.pattern),),
    ("vulnerability", "notification"): (
        _element("product_information", "Art. 14(2)(b)", r"\bproduct\b", r"\b(model|version|versie|firmware)s?\b"),
        _element(
            "nature_of_exploit_and_vulnerability",
            "Art. 14(2)(b)",
            r"\b(nature|aard|type) (of|van) (the |de )?(exploit|vulnerabilit|kwetsbaarheid)",
            r"\bcve-\d{4}-\d+",
            r"\bcwe-\d+",
            r"\b(vulnerability|kwetsbaarheid|exploit)\b[^.\n]{0,80}\b(allows|enables|"
            r"lets|permits|maakt het mogelijk|stelt .{0,30} in staat|leidt tot)\b",
            r"\b(buffer overflow|injection|injectie|authentication bypass|remote code execution|privilege escalation|"
            r"cross-site|path traversal|deserialization)\b",
        ),
        Element("corrective_measures_taken", "Art. 14(2)(b)", _CORRECTIVE_TAKEN.pattern),
        Element("user_measures", "Art. 14(2)(b)", _USER_MEASURES.pattern),
        Element("sensitivity", "Art. 14(2)(b)", _SENSITIVITY.pattern),
    ),
    ("vulnerability", "final_report"): (
        Element("description_severity_impact", "Art. 14(2)(c)(i)", _DESCRIPTION_SEVERITY.pattern),
        _element(
            "malicious_actor",
            "Art. 14(2)(c)(ii)",
            r"\b(malicious|threat) actors?\b",
            r"\battacker",
            r"\baanvaller",
            r"\b(apt|threat group|dader)",
            r"\bactor\b",
        ),
        _element(
            "security_update_details",
            "Art. 14(2)(c)(iii)",
            r"\bsecurity update",
            r"\bbeveiligingsupdate",
            r"\b(patch|update|fix|hotfix)\b[^.\n]{0,60}\b(version|versie|"
            r"release|\d+\.\d+)",
            r"\b(version|versie) v?\d+(\.\d+)+ (fixes|remedies|contains|verhelpt|bevat)",
        ),
    ),
    ("incident", "early_warning"): (
        _element(
            "suspected_malicious",
            "Art. 14(4)(a)",
            r"\b(unlawful|malicious|criminal)\b",
            r"\b(onrechtmatig|kwaadwillig|kwaadaardig|crimineel|strafbaar)",
            r"\b(suspect|suspected|vermoed|vermoeden)\b[^.\n]{0,60}\b(attack|aanval|opzet|deliberate)",
        ),
        Element("member_states", "Art. 14(4)(a)", _MEMBER_STATES.pattern),
    ),
    ("incident", "notification"): (
        _element(
            "nature_of_incident",
            "Art. 14(4)(b)",
            r"\b(nature|aard|type) (of|van) (the |het )?incident",
            r"\bwhat happened\b",
            r"\bwat er (is )?gebeurd\b",
            r"\b(ransomware|compromis|breach|inbraak|ingebroken|gehackt|hacked|ddos|supply chain)",
        ),
        _element(
            "initial_assessment",
            "Art. 14(4)(b)",
            r"\b(initial|preliminary|first) (assessment|analysis|evaluation)\b",
            r"\b(eerste|voorlopige|initiele) (beoordeling|inschatting|analyse|evaluatie)\b",
        ),
        Element("corrective_measures_taken", "Art. 14(4)(b)", _CORRECTIVE_TAKEN.pattern),
        Element("user_measures", "Art. 14(4)(b)", _USER_MEASURES.pattern),
        Element("sensitivity", "Art. 14(4)(b)", _SENSITIVITY.pattern),
    ),
    ("incident", "final_report"): (
        Element("description_severity_impact", "Art. 14(4)(c)(i)", _DESCRIPTION_SEVERITY.pattern),
        _element(
            "threat_or_root_cause",
            "Art. 14(4)(c)(ii)",
            r"\broot cause\b",
            r"\b(type of )?threat\b",
            r"\b(grond)?oorzaak\b",
            r"\bcaused by\b",
            r"\bveroorzaakt door\b",
            r"\btype dreiging\b|\bdreigingstype\b",
        ),
        _element(
            "mitigation_measures",
            "Art. 14(4)(c)(iii)",
            r"\bmitigation measures\b",
            r"\b(applied|ongoing) (and ongoing )?(mitigation|measures)\b",
            r"\bmitigerende maatregelen\b",
            r"\b(genomen|lopende) (en lopende )?maatregelen\b",
            r"\bmaatregelen (genomen|getroffen|lopen)\b",
        ),
    ),
}

_TRACK_WORDS = {
    "incident": re.compile(r"\b(severe incident|ernstig incident|incident ?(notification|melding)|incident)\b"),
    "vulnerability": re.compile(r"\b(vulnerabilit|kwetsbaarhe|cve-|exploit)"),
}
_STAGE_WORDS = {
    "final_report": re.compile(r"\b(final report|eindverslag|eindrapport)"),
    "early_warning": re.compile(r"\b(early warning|vroegtijdige waarschuwing)"),
    "notification": re.compile(r"\b(notification|melding|72 ?(hour|uur))"),
}


@dataclass(frozen=True)
class DraftCheck:
    track: str
    stage: str
    present: tuple[str, ...]
    missing: tuple[str, ...]
    articles: dict[str, str]  # element id -> "Art. 14(2)(b)"

    def record(self) -> dict[str, object]:
        return {"track": self.track, "stage": self.stage, "present": list(self.present), "missing": list(self.missing)}


def recognise(draft: str) -> tuple[str, str]:
    """The track and stage a draft names; the incident track wins when it says "incident" explicitly."""
    text = fold(draft)
    track = "incident" if _TRACK_WORDS["incident"].search(text) else "vulnerability"
    stage = next((s for s, pattern in _STAGE_WORDS.items() if pattern.search(text)), "notification")
    return track, stage


def check_draft(draft: str, track: str | None = None, stage: str | None = None) -> DraftCheck:
    """Which elements of Art. 14 the draft has and lacks, for the given or recognised track and stage."""
    guessed_track, guessed_stage = recognise(draft)
    track, stage = track or guessed_track, stage or guessed_stage
    if track not in TRACKS or stage not in STAGES:
        raise ValueError(f"unknown track or stage: {track!r}, {stage!r} (tracks {TRACKS}, stages {STAGES})")
    text = fold(draft)
    elements = ELEMENTS[(track, stage)]
    present = tuple(e.id for e in elements if e.pattern.search(text))
    missing = tuple(e.id for e in elements if e.id not in present)
    return DraftCheck(track, stage, present, missing, {e.id: e.article for e in elements})


LABELS: dict[str, dict[str, str]] = {
    "member_states": {
        "en": "Member States where the product is made available",
        "nl": "lidstaten waar het product op de markt is aangeboden",
    },
    "product_information": {
        "en": "general information about the product",
        "nl": "algemene informatie over het product",
    },
    "nature_of_exploit_and_vulnerability": {
        "en": "general nature of the exploit and the vulnerability",
        "nl": "algemene aard van de exploit en de kwetsbaarheid",
    },
    "corrective_measures_taken": {
        "en": "corrective or mitigating measures taken",
        "nl": "genomen corrigerende of mitigerende maatregelen",
    },
    "user_measures": {
        "en": "corrective or mitigating measures users can take",
        "nl": "maatregelen die gebruikers kunnen nemen",
    },
    "sensitivity": {"en": "how sensitive the information is", "nl": "hoe gevoelig de informatie is"},
    "description_severity_impact": {
        "en": "description including severity and impact",
        "nl": "beschrijving met ernst en gevolgen",
    },
    "malicious_actor": {
        "en": "information on the malicious actor (where available)",
        "nl": "informatie over de kwaadwillende actor (waar beschikbaar)",
    },
    "security_update_details": {
        "en": "details of the security update or other corrective measures",
        "nl": "details van de beveiligingsupdate of andere corrigerende maatregelen",
    },
    "suspected_malicious": {
        "en": "whether unlawful or malicious acts are suspected",
        "nl": "of onrechtmatige of kwaadwillige handelingen worden vermoed",
    },
    "nature_of_incident": {"en": "general nature of the incident", "nl": "algemene aard van het incident"},
    "initial_assessment": {"en": "initial assessment of the incident", "nl": "eerste beoordeling van het incident"},
    "threat_or_root_cause": {"en": "type of threat or root cause", "nl": "type dreiging of grondoorzaak"},
    "mitigation_measures": {
        "en": "applied and ongoing mitigation measures",
        "nl": "toegepaste en lopende mitigerende maatregelen",
    },
}
# The knowledge-base article that explains each stage of each track.
STAGE_ARTICLES = {
    ("vulnerability", "early_warning"): "vulnerability-early-warning",
    ("vulnerability", "notification"): "vulnerability-notification",
    ("vulnerability", "final_report"): "vulnerability-final-report",
    ("incident", "early_warning"): "incident-early-warning",
    ("incident", "notification"): "incident-notification",
    ("incident", "final_report"): "incident-final-report",
}
# Asking for a check: "check my draft", "controleer mijn concept", "is our draft notification complete?".
ASKS_FOR_CHECK = re.compile(
    r"\b(check|review|look at|verify|controleer|controleren|nakijken|bekijk|bekijken)\b[^.?!\n]{0,40}"
    r"\b(draft|concept|conceptmelding|conceptverslag)\b"
    r"|\b(draft|concept|conceptmelding|conceptverslag)\b[^.?!\n]{0,40}"
    r"\b(check|checked|review|reviewed|controleren|nakijken|bekijken|complete|compleet|volledig)\b"
)


def asks_for_check(text: str) -> bool:
    return bool(ASKS_FOR_CHECK.search(fold(text)))


def details(result: DraftCheck, language: str) -> dict[str, object]:
    """The check for a reply: each element with its label and article."""

    def describe(ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"id": i, "label": LABELS[i][language], "article": result.articles[i]} for i in ids]

    return result.record() | {
        "present_elements": describe(result.present),
        "missing_elements": describe(result.missing),
    }
