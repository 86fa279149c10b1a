"""The widget's deadline calculator (JSON and an .ics calendar file) and the draft-check page.

Neither stores anything: the moment and the draft live only in the request and its answer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping

import jinja2
from aiohttp import web

from helpdesk import deadlines, drafts
from helpdesk.replies import TEMPLATES_DIR
from helpdesk.web.errors import ApiError

MAX_DRAFT = 20_000
_pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "web"), autoescape=True)

WORDING = {
    "en": "without undue delay and in any event within",
    "nl": "zonder onnodige vertraging en in ieder geval binnen",
}
NOT_COMPUTED = {
    "en": "not computed because {missing} was not given",
    "nl": "niet berekend omdat {missing} niet is opgegeven",
}
# The optional start of each track's final report: Art. 14(2)(c) counts from the available measure, Art. 14(4)(c)
# from the submitted incident notification.
FINAL_REPORT = {
    "vulnerability": ("measure_at", deadlines.vulnerability_final_report),
    "incident": ("notified_at", deadlines.incident_final_report),
}
TRACK_NAMES = {
    "en": {"vulnerability": "vulnerability", "incident": "incident"},
    "nl": {"vulnerability": "kwetsbaarheid", "incident": "incident"},
}
EVENT_DESCRIPTIONS = {
    "en": {
        "early_warning": "Latest moment; the Regulation asks to report without undue delay.",
        "notification": "Latest moment; the Regulation asks to report without undue delay.",
        "vulnerability_final_report": "Latest moment: no later than 14 days after a corrective or mitigating measure "
        "is available (Art. 14(2)(c)).",
        "incident_final_report": "Latest moment: within one month after the submission of the incident notification "
        "(Art. 14(4)(c)).",
    },
    "nl": {
        "early_warning": "Uiterste moment; de verordening vraagt zonder onnodige vertraging te melden.",
        "notification": "Uiterste moment; de verordening vraagt zonder onnodige vertraging te melden.",
        "vulnerability_final_report": "Uiterste moment: uiterlijk 14 dagen nadat een corrigerende of mitigerende "
        "maatregel beschikbaar is (art. 14(2)(c)).",
        "incident_final_report": "Uiterste moment: binnen een maand na de indiening van de incidentmelding "
        "(art. 14(4)(c)).",
    },
}


def _moment(value: str, field: str, example: str = "2026-11-20T14:30") -> dt.datetime:
    """A date-time from the query; Dutch time unless it has an offset, as the form asks for Dutch time. A date alone
    is refused: read as midnight it could put a 24-hour deadline up to a day early or late without saying so."""
    if _is_date_only(value):
        raise ApiError(400, f"{field} needs the time as well as the date, such as {example}", field=field)
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(400, f"{field} must be a date and time such as {example}", field=field) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=deadlines.AMSTERDAM)


def _is_date_only(value: str) -> bool:
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _day_or_moment(value: str, field: str) -> dt.date | None:
    """An optional start: nothing, a date alone (counted in whole days) or a date-time."""
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return _moment(value, field, "2026-11-20 or 2026-11-20T14:30")


def _in_range(field: str, compute: Callable[[], list[deadlines.Due]]) -> list[deadlines.Due]:
    """The stages `compute` gives, or a 400 naming `field` when they fall outside the years a datetime holds."""
    try:
        stages = compute()
        for due in stages:
            if due.moment is not None:
                _event_times(due.moment)  # the calendar file, too, must be able to hold it
    except (OverflowError, ValueError):
        raise ApiError(400, f"{field} is too far in the past or future to compute", field=field) from None
    return stages


def _moments(query: Mapping[str, str]) -> tuple[str, str, list[deadlines.Due]]:
    track, lang = query.get("track", ""), query.get("lang", "nl")
    if track not in FINAL_REPORT:
        raise ApiError(400, "track must be 'vulnerability' or 'incident'", field="track")
    if lang not in ("nl", "en"):
        raise ApiError(400, "lang must be 'nl' or 'en'", field="lang")
    field, final_report = FINAL_REPORT[track]
    for other_track, (other, _) in FINAL_REPORT.items():
        if other != field and query.get(other, "").strip():
            raise ApiError(400, f"{other} belongs to track={other_track}", field=other)
    aware = _moment(query.get("aware_at", ""), "aware_at")
    start = _day_or_moment(query.get(field, ""), field)
    stages = _in_range("aware_at", lambda: deadlines.awareness_stages(aware))
    stages += _in_range(field, lambda: [final_report(start)])
    return track, lang, stages


async def deadline_json(request: web.Request) -> web.Response:
    """The due moments of the track; a final report whose start was not given has `at: null` and says why."""
    track, lang, stages = _moments(request.query)
    return web.json_response(
        {
            "track": track,
            "due": [
                {
                    "stage": d.name,
                    "at": d.moment.isoformat() if d.moment else None,
                    "text": line["when"] or NOT_COMPUTED[lang].format(missing=line["missing"]),
                    "name": line["name"],
                }
                for d, line in zip(stages, deadlines.describe(stages, lang), strict=True)
            ],
            "wording": WORDING[lang],
        }
    )


def _event_times(moment: dt.date) -> tuple[str, str]:
    """DTSTART and DTEND: an instant in UTC, or for a date alone that whole day (RFC 5545 3.3.4 and 3.3.5)."""
    if isinstance(moment, dt.datetime):
        instant = ":" + moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return instant, instant
    return f";VALUE=DATE:{moment:%Y%m%d}", f";VALUE=DATE:{moment + dt.timedelta(days=1):%Y%m%d}"


def _ics_text(value: str) -> str:
    """A TEXT value with backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> list[str]:
    """A content line as lines of at most 75 octets, each continuation led by a space (RFC 5545 3.1)."""
    parts = [""]
    for char in line:
        if len((parts[-1] + char).encode()) > 75:
            parts.append(" ")
        parts[-1] += char
    return parts


async def deadline_ics(request: web.Request) -> web.Response:
    """An iCalendar file (RFC 5545) with one event per computed due moment; a date alone is an all-day event."""
    track, lang, stages = _moments(request.query)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CRA reporting helpdesk//deadlines//EN", "CALSCALE:GREGORIAN"]
    for due, line in zip(stages, deadlines.describe(stages, lang), strict=True):
        if due.moment is None:
            continue
        start, end = _event_times(due.moment)
        summary = f"CRA {line['name']}"
        if not due.name.endswith("final_report"):  # the final report's name already says its track
            summary += f" ({TRACK_NAMES[lang][track]})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uuid.uuid4()}@cra-helpdesk",
            f"DTSTAMP:{stamp}",
            f"DTSTART{start}",
            f"DTEND{end}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(EVENT_DESCRIPTIONS[lang][due.name])}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return web.Response(
        body="".join(folded + "\r\n" for line in lines for folded in _ics_fold(line)).encode(),
        headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="cra-{track}-deadlines.ics"',
        },
    )


DRAFT_ERRORS = {
    "empty": {"en": "Paste your draft into the text box first.", "nl": "Plak eerst uw concept in het tekstvak."},
    "too_long": {
        "en": "Your draft is {length} characters long; the check takes at most {limit}. Shorten it or check it "
        "in parts.",
        "nl": "Uw concept is {length} tekens lang; de controle neemt er ten hoogste {limit}. Maak het korter of "
        "controleer het in delen.",
    },
    "too_large": {
        "en": "Your draft is far longer than the check takes (at most {limit} characters). Shorten it or check it "
        "in parts.",
        "nl": "Uw concept is veel langer dan de controle neemt (ten hoogste {limit} tekens). Maak het korter of "
        "controleer het in delen.",
    },
    "choice": {
        "en": "Choose a track and a stage from the lists.",
        "nl": "Kies een spoor en een fase uit de lijsten.",
    },
}


def _draft_page(
    lang: str,
    draft: str = "",
    track: str = "",
    stage: str = "",
    result: object = None,
    error: tuple[str, str] | None = None,
    status: int = 400,
) -> web.Response:
    """The draft page; with an error (the field it is about, the message) it keeps what was typed and answers 400
    (or `status`)."""
    error_field, message = error or ("", "")
    html = _pages.get_template("draft.html").render(
        lang=lang, draft=draft, track=track, stage=stage, result=result, error=message, error_field=error_field
    )
    return web.Response(text=html, content_type="text/html", status=status if error else 200)


def _thousands(number: int, lang: str) -> str:
    return f"{number:,}".replace(",", "." if lang == "nl" else ",")


async def draft_page(request: web.Request) -> web.Response:
    return _draft_page("en" if request.query.get("lang") == "en" else "nl")


async def draft_check(request: web.Request) -> web.Response:
    try:
        form = await request.post()
    except web.HTTPRequestEntityTooLarge as too_large:
        # Larger than the whole request may be: nothing was read, so nothing can be kept; the page still says why.
        lang = "en" if request.query.get("lang") == "en" else "nl"
        message = DRAFT_ERRORS["too_large"][lang].format(limit=_thousands(MAX_DRAFT, lang))
        return _draft_page(lang, error=("draft", message), status=too_large.status)
    lang = "en" if form.get("lang") == "en" else "nl"
    text = str(form.get("draft", ""))
    track, stage = str(form.get("track", "")), str(form.get("stage", ""))
    if not text.strip():
        return _draft_page(lang, text, track, stage, error=("draft", DRAFT_ERRORS["empty"][lang]))
    if len(text) > MAX_DRAFT:
        message = DRAFT_ERRORS["too_long"][lang].format(
            length=_thousands(len(text), lang), limit=_thousands(MAX_DRAFT, lang)
        )
        return _draft_page(lang, text, track, stage, error=("draft", message))
    try:
        result = drafts.check_draft(text, track=track or None, stage=stage or None)
    except ValueError:  # a track or stage the page does not offer
        return _draft_page(lang, text, track, stage, error=("choice", DRAFT_ERRORS["choice"][lang]))
    return _draft_page(lang, text, track, stage, result=drafts.details(result, lang))
