"""Concrete due moments from the moment a company became aware, in Dutch time.

Art. 14(2) and 14(4) count the early warning (24 hours) and the notification (72 hours) from becoming aware; the
vulnerability final report from when a corrective or mitigating measure is available (14 days); the incident
final report from the submission of the incident notification (one month). Hours are elapsed hours, so across a
change to or from summer time the clock time shifts by an hour; days and months are counted on the Dutch calendar,
so the clock time stays. Whether a deadline applies is never said here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from helpdesk.text.normalise import strip_accents

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_Day = TypeVar("_Day", bound=dt.date)
ZONES = {
    "utc": dt.UTC,
    "gmt": dt.UTC,
    "z": dt.UTC,
    "cet": dt.timezone(dt.timedelta(hours=1)),
    "cest": dt.timezone(dt.timedelta(hours=2)),
    "bst": dt.timezone(dt.timedelta(hours=1)),
    "est": dt.timezone(dt.timedelta(hours=-5)),
    "edt": dt.timezone(dt.timedelta(hours=-4)),
    "pst": dt.timezone(dt.timedelta(hours=-8)),
    "pdt": dt.timezone(dt.timedelta(hours=-7)),
}
MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "januari", "jan"),
            ("february", "februari", "feb"),
            ("march", "maart", "mar", "mrt"),
            ("april", "apr"),
            ("may", "mei"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "augustus", "aug"),
            ("september", "sept", "sep"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: n
    for n, names in enumerate(
        [
            ("monday", "maandag"),
            ("tuesday", "dinsdag"),
            ("wednesday", "woensdag"),
            ("thursday", "donderdag"),
            ("friday", "vrijdag"),
            ("saturday", "zaterdag"),
            ("sunday", "zondag"),
        ]
    )
    for name in names
}
RELATIVE_DAYS = {
    "today": 0,
    "vandaag": 0,
    "this morning": 0,
    "vanochtend": 0,
    "vanmorgen": 0,
    "this afternoon": 0,
    "vanmiddag": 0,
    "tonight": 0,
    "vanavond": 0,
    "yesterday": 1,
    "gisteren": 1,
    "gisterochtend": 1,
    "gistermiddag": 1,
    "gisteravond": 1,
    "last night": 1,
    "vannacht": 0,
    "eergisteren": 2,
    "the day before yesterday": 2,
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_NAME = "|".join(WEEKDAYS)
_RELATIVE = "|".join(sorted(RELATIVE_DAYS, key=len, reverse=True))
_TIME = (
    # "at 9", "om 9": a clock word makes a bare number a time; "since 12" may be a count, so it does not.
    r"(?:(?P<lead>at|om|around|rond)|vanaf|from|since|sinds)?\s*(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*"
    r"(?P<ampm>am|pm|a\.m\.|p\.m\.|uur|u\b|h\b)?\s*(?P<zone>utc|gmt|cest|cet|bst|est|edt|pst|pdt|z)?"
)
_DATE = re.compile(
    rf"\b(?P<rel>{_RELATIVE})\b|\b(?:on |op |since |sinds |last |vorige |afgelopen )?(?P<weekday>{_DAY_NAME})\b"
    rf"|\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th|e)?\s+(?P<mon1>{_MONTH})\.?(?:\s+(?P<y1>\d{{4}}))?"
    # "August 20" but not "August 2026": the day is not the first digits of a year.
    rf"|\b(?P<mon2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})\b|\b(?P<d4>\d{1,2})[-/](?P<m4>\d{1,2})(?:[-/](?P<y4>\d{2,4}))?\b"
)
_TIME_AFTER = re.compile(r"^[\s,]*" + _TIME)
_TIME_BEFORE = re.compile(r"\b" + _TIME + r"\s*(?:on|op)?\s*$")
_AWARE_WORDS = re.compile(
    r"\b(aware|found out|discovered|detected|noticed|learned|learnt|ontdekt|ontdekten|ontdekte|gemerkt|bekend|"
    r"kennis|geconstateerd|gezien|vastgesteld|sinds|since)\b"
)
_MEASURE = re.compile(
    r"\b(patch|fix|update|hotfix|workaround|corrective|mitigating|oplossing|maatregel)\w*\b[^.]{0,60}"
    r"\b(available|released|beschikbaar|uitgebracht|uitgerold|published|gepubliceerd)\b"
)
_SUBMITTED = re.compile(
    r"\b(incident notification|incidentmelding|72[- ]?(hour|uur|uurs)\w*)\b[^.]{0,60}"
    r"\b(submitted|sent|filed|ingediend|verstuurd|gedaan)\b"
)


MEASURE_NOT_GIVEN = "the date a corrective or mitigating measure became available"
SUBMISSION_NOT_GIVEN = "the date the incident notification was submitted"


@dataclass(frozen=True)
class Due:
    name: str  # early_warning | notification | vulnerability_final_report | incident_final_report
    moment: dt.date | None  # an aware datetime in Dutch time, or only a date when only a date was given
    missing: str = ""  # why it could not be computed


def _find_moment(text: str, now: dt.datetime) -> dt.datetime | None:
    """The first date with a time of day in `text`, as an aware datetime; a day without a time gives None."""
    local_now = now.astimezone(AMSTERDAM)
    for match in _DATE.finditer(text):
        day = _day_of(match, local_now)
        if day is None:
            continue
        clock = _clock(_TIME_AFTER.match(text[match.end() :])) or _clock(_TIME_BEFORE.search(text[: match.start()]))
        if clock is None:
            return None  # the hours cannot be counted without a time of day
        hour, minute, zone = clock
        return dt.datetime.combine(day, dt.time(hour, minute), zone or AMSTERDAM)
    return None


def _clock(match: re.Match[str] | None) -> tuple[int, int, dt.tzinfo | None] | None:
    """Hour, minute and zone of a time expression; None unless it is clearly a time ("16:30", "9 uur", "at 9pm")."""
    if match is None or not match.group("hour"):
        return None
    explicit = match.group("minute") or match.group("ampm") or match.group("lead")
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if not explicit or hour > 23 or minute > 59:
        return None
    if match.group("ampm") in ("pm", "p.m.") and hour < 12:
        hour += 12
    return hour, minute, ZONES.get(match.group("zone") or "")


def _day_of(match: re.Match[str], local_now: dt.datetime) -> dt.date | None:
    today = local_now.date()
    try:
        if match.group("rel"):
            return today - dt.timedelta(days=RELATIVE_DAYS[match.group("rel")])
        if match.group("weekday"):
            back = (today.weekday() - WEEKDAYS[match.group("weekday")]) % 7
            return today - dt.timedelta(days=back)
        for d, m, y in (("d1", "mon1", "y1"), ("d2", "mon2", "y2")):
            if match.group(d):
                return _with_year(int(match.group(d)), MONTHS[match.group(m)], match.group(y), today)
        if match.group("y3"):
            return dt.date(int(match.group("y3")), int(match.group("m3")), int(match.group("d3")))
        if match.group("d4"):
            year = match.group("y4")
            year = str(2000 + int(year)) if year and len(year) == 2 else year
            return _with_year(int(match.group("d4")), int(match.group("m4")), year, today)
    except ValueError:
        return None
    return None


def _with_year(day: int, month: int, year: str | None, today: dt.date) -> dt.date:
    """A date without a year is the latest such date not after today."""
    if year:
        return dt.date(int(year), month, day)
    candidate = dt.date(today.year, month, day)
    return candidate if candidate <= today else dt.date(today.year - 1, month, day)


def after_hours(moment: dt.datetime, hours: int) -> dt.datetime:
    """Elapsed hours (computed in UTC), shown in Dutch time: across a clock change the wall time moves by an hour."""
    return (moment.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(AMSTERDAM)


def add_month(moment: _Day) -> _Day:
    """The same day next month, or the month's last day when it has no such day (31 January -> 28/29 February)."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _dutch(start: dt.date) -> dt.date:
    """A date-time in Dutch time, so days and months are counted on the Dutch calendar; a date stays a date."""
    return start.astimezone(AMSTERDAM) if isinstance(start, dt.datetime) else start


def _existing(due: dt.date) -> dt.date:
    """A clock time the Dutch clock skips as the moment it stands for (02:30 on 29 March 2026 is 03:30 CEST)."""
    return due.astimezone(dt.UTC).astimezone(AMSTERDAM) if isinstance(due, dt.datetime) else due


def awareness_stages(aware: dt.datetime) -> list[Due]:
    """Art. 14(2)(a)-(b) and 14(4)(a)-(b): the early warning within 24 and the notification within 72 hours."""
    return [Due("early_warning", after_hours(aware, 24)), Due("notification", after_hours(aware, 72))]


def vulnerability_final_report(available: dt.date | None) -> Due:
    """Art. 14(2)(c): no later than 14 days after a corrective or mitigating measure is available.

    Days on the Dutch calendar: a date-time keeps its clock time across a change to or from summer time, and a
    date alone gives a date.
    """
    if available is None:
        return Due("vulnerability_final_report", None, MEASURE_NOT_GIVEN)
    return Due("vulnerability_final_report", _existing(_dutch(available) + dt.timedelta(days=14)))


def incident_final_report(submitted: dt.date | None) -> Due:
    """Art. 14(4)(c): within one month after the submission of the incident notification (see `add_month`)."""
    if submitted is None:
        return Due("incident_final_report", None, SUBMISSION_NOT_GIVEN)
    return Due("incident_final_report", _existing(add_month(_dutch(submitted))))


def due_moments(text: str, now: dt.datetime, track: str | None = None) -> list[Due] | None:
    """The due moments the text allows computing; None when it names no moment of awareness."""
    folded = strip_accents(text.lower())
    aware_match = _AWARE_WORDS.search(folded)
    if not aware_match:
        return None
    aware = _find_moment(folded[aware_match.start() :], now) or _find_moment(folded, now)
    if aware is None:
        return None
    try:
        result = awareness_stages(aware)
        if track in (None, "vulnerability"):
            measure = _MEASURE.search(folded)
            available = _find_moment(folded[measure.start() :], now) if measure else None
            result.append(vulnerability_final_report(available))
        if track in (None, "incident"):
            submitted = _SUBMITTED.search(folded)
            result.append(incident_final_report(_find_moment(folded[submitted.start() :], now) if submitted else None))
    except (OverflowError, ValueError):  # a year at the edge of what a datetime holds ("31 December 9999")
        return None
    return result


NAMES = {
    "en": {
        "early_warning": "Early warning",
        "notification": "Notification",
        "vulnerability_final_report": "Final report (vulnerability)",
        "incident_final_report": "Final report (incident)",
    },
    "nl": {
        "early_warning": "Vroegtijdige waarschuwing",
        "notification": "Melding",
        "vulnerability_final_report": "Eindverslag (kwetsbaarheid)",
        "incident_final_report": "Eindverslag (incident)",
    },
}
MISSING = {
    "nl": {
        MEASURE_NOT_GIVEN: "de datum waarop een corrigerende of mitigerende maatregel beschikbaar kwam",
        SUBMISSION_NOT_GIVEN: "de datum waarop de incidentmelding is ingediend",
    }
}
_DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
_MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def when(moment: dt.date, lang: str) -> str:
    """'maandag 23 november 2026, 16:30 (CET)' / 'Monday 23 November 2026, 16:30 (CET)'; a date has no clock time."""
    if not isinstance(moment, dt.datetime):
        if lang == "nl":
            return f"{_DAYS_NL[moment.weekday()]} {moment.day} {_MONTHS_NL[moment.month - 1]} {moment.year}"
        return f"{moment:%A} {moment.day} {moment:%B %Y}"
    local = moment.astimezone(AMSTERDAM)
    if lang == "nl":
        return (
            f"{_DAYS_NL[local.weekday()]} {local.day} {_MONTHS_NL[local.month - 1]} {local.year}, "
            f"{local:%H:%M} ({local.tzname()})"
        )
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} ({local.tzname()})"


def describe(moments: list[Due], lang: str) -> list[dict[str, str]]:
    """Lines for a reply: the stage, and its due moment or why it could not be computed."""
    return [
        {
            "name": NAMES[lang][d.name],
            "when": when(d.moment, lang) if d.moment else "",
            "missing": MISSING.get(lang, {}).get(d.missing, d.missing),
        }
        for d in moments
    ]
