"""The widget's deadline calculator (JSON and an .ics calendar file) and the draft-check page.

Neither stores anything: the moment and the draft live only in the request and its answer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping

import jinja2
from aiohttp import web

from helpdesk import deadlines, drafts
from helpdesk.replies import TEMPLATES_DIR
from helpdesk.web.errors import ApiError

MAX_DRAFT = 20_000
_pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "web"), autoescape=True)


def _moments(query: Mapping[str, str]) -> tuple[str, str, list[deadlines.Due]]:
    track, lang, aware_at = query.get("track", ""), query.get("lang", "nl"), query.get("aware_at", "")
    if track not in ("vulnerability", "incident"):
        raise ApiError(400, "track must be 'vulnerability' or 'incident'", field="track")
    if lang not in ("nl", "en"):
        raise ApiError(400, "lang must be 'nl' or 'en'", field="lang")
    try:
        aware = dt.datetime.fromisoformat(aware_at)
    except ValueError:
        raise ApiError(400, "aware_at must be a date and time such as 2026-11-20T14:30", field="aware_at") from None
    if aware.tzinfo is None:
        aware = aware.replace(tzinfo=deadlines.AMSTERDAM)  # the form asks for Dutch time
    stages = [
        deadlines.Due("early_warning", deadlines.after_hours(aware, 24)),
        deadlines.Due("notification", deadlines.after_hours(aware, 72)),
    ]
    return track, lang, stages


async def deadline_json(request: web.Request) -> web.Response:
    track, lang, stages = _moments(request.query)
    return web.json_response(
        {
            "track": track,
            "due": [
                {
                    "stage": d.name,
                    "at": d.moment.isoformat() if d.moment else None,
                    "text": line["when"],
                    "name": line["name"],
                }
                for d, line in zip(stages, deadlines.describe(stages, lang), strict=True)
            ],
            "wording": {
                "en": "without undue delay and in any event within",
                "nl": "zonder onnodige vertraging en in ieder geval binnen",
            }[lang],
        }
    )


def _ics_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


async def deadline_ics(request: web.Request) -> web.Response:
    """An iCalendar file (RFC 5545) with one event per due moment."""
    track, lang, stages = _moments(request.query)
    stamp = _ics_time(dt.datetime.now(dt.UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CRA reporting helpdesk//deadlines//EN", "CALSCALE:GREGORIAN"]
    for due, line in zip(stages, deadlines.describe(stages, lang), strict=True):
        assert due.moment is not None
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uuid.uuid4()}@cra-helpdesk",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(due.moment)}",
            f"DTEND:{_ics_time(due.moment)}",
            f"SUMMARY:CRA {line['name']} ({track})",
            "DESCRIPTION:"
            + (
                "Uiterste moment; de verordening vraagt zonder onnodige vertraging te melden."
                if lang == "nl"
                else "Latest moment; the Regulation asks to report without undue delay."
            ),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return web.Response(
        body=("\r\n".join(lines) + "\r\n").encode(),
        headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="cra-{track}-deadlines.ics"',
        },
    )


async def draft_page(request: web.Request) -> web.Response:
    lang = "en" if request.query.get("lang") == "en" else "nl"
    return web.Response(
        text=_pages.get_template("draft.html").render(lang=lang, result=None, draft=""), content_type="text/html"
    )


async def draft_check(request: web.Request) -> web.Response:
    form = await request.post()
    lang = "en" if form.get("lang") == "en" else "nl"
    text = str(form.get("draft", ""))
    if not text.strip() or len(text) > MAX_DRAFT:
        raise web.HTTPBadRequest(text=f"Paste a draft of at most {MAX_DRAFT} characters")
    track = str(form.get("track", "")) or None
    stage = str(form.get("stage", "")) or None
    try:
        result = drafts.check_draft(text, track=track, stage=stage)
    except ValueError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    html = _pages.get_template("draft.html").render(lang=lang, result=drafts.details(result, lang), draft=text)
    return web.Response(text=html, content_type="text/html")
