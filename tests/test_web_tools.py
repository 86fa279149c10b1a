"""The widget's deadline calculator (`/api/deadlines`, `/api/deadlines.ics`) and the draft page's errors (issue 7).

Every date is pinned in the request, so nothing depends on today.
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from helpdesk.store.models import Message
from tests.conftest import WebClient


@pytest.fixture
async def client(web_client: WebClient) -> TestClient:
    return await web_client()


async def final_report(client: TestClient, query: str) -> dict[str, Any]:
    response = await client.get(f"/api/deadlines?{query}")
    assert response.status == 200, await response.text()
    due = (await response.json())["due"]
    assert [d["stage"] for d in due][:2] == ["early_warning", "notification"]
    assert len(due) == 3
    return dict(due[2])


@pytest.mark.parametrize(
    "query, stage, name, text",
    [
        (
            "track=vulnerability&aware_at=2026-11-20T14:00&lang=en",
            "vulnerability_final_report",
            "Final report (vulnerability)",
            "not computed because the date a corrective or mitigating measure became available was not given",
        ),
        (
            "track=vulnerability&aware_at=2026-11-20T14:00&lang=nl",
            "vulnerability_final_report",
            "Eindverslag (kwetsbaarheid)",
            "niet berekend omdat de datum waarop een corrigerende of mitigerende maatregel beschikbaar kwam niet is "
            "opgegeven",
        ),
        (
            "track=incident&aware_at=2026-11-20T14:00&lang=en",
            "incident_final_report",
            "Final report (incident)",
            "not computed because the date the incident notification was submitted was not given",
        ),
        (
            "track=incident&aware_at=2026-11-20T14:00&notified_at=&lang=nl",  # an empty field is not given
            "incident_final_report",
            "Eindverslag (incident)",
            "niet berekend omdat de datum waarop de incidentmelding is ingediend niet is opgegeven",
        ),
    ],
)
async def test_a_final_report_without_its_start_says_why_it_is_not_computed(
    client: TestClient, query: str, stage: str, name: str, text: str
) -> None:
    assert await final_report(client, query) == {
        "stage": stage,
        "at": None,
        "text": text,
        "name": name,
    }


async def test_the_vulnerability_final_report_is_14_days_after_the_measure(client: TestClient) -> None:
    response = await client.get(
        "/api/deadlines?track=vulnerability&aware_at=2026-11-20T14:00&measure_at=2026-11-10T12:00"
    )
    assert await response.json() == {
        "track": "vulnerability",
        "due": [
            {
                "stage": "early_warning",
                "at": "2026-11-21T14:00:00+01:00",
                "text": "zaterdag 21 november 2026, 14:00 (CET)",
                "name": "Vroegtijdige waarschuwing",
            },
            {
                "stage": "notification",
                "at": "2026-11-23T14:00:00+01:00",
                "text": "maandag 23 november 2026, 14:00 (CET)",
                "name": "Melding",
            },
            {
                "stage": "vulnerability_final_report",
                "at": "2026-11-24T12:00:00+01:00",
                "text": "dinsdag 24 november 2026, 12:00 (CET)",
                "name": "Eindverslag (kwetsbaarheid)",
            },
        ],
        "wording": "zonder onnodige vertraging en in ieder geval binnen",
    }


@pytest.mark.parametrize(
    "start, at, text",
    [
        ("2026-11-10", "2026-11-24", "Tuesday 24 November 2026"),  # a date alone gives a date
        ("2026-12-25T09:00", "2027-01-08T09:00:00+01:00", "Friday 8 January 2027, 09:00 (CET)"),  # year boundary
        ("2026-02-20T10:00", "2026-03-06T10:00:00+01:00", "Friday 6 March 2026, 10:00 (CET)"),  # end of February
        # Days, not hours: across a change to summer time (29 March) or back (25 October) the clock time stays.
        ("2026-03-20T12:00", "2026-04-03T12:00:00+02:00", "Friday 3 April 2026, 12:00 (CEST)"),
        ("2026-10-20T09:00", "2026-11-03T09:00:00+01:00", "Tuesday 3 November 2026, 09:00 (CET)"),
        # 02:30 on 29 March 2026 does not exist in Amsterdam: the moment it stands for is 03:30 summer time.
        ("2026-03-15T02:30", "2026-03-29T03:30:00+02:00", "Sunday 29 March 2026, 03:30 (CEST)"),
        (
            "2026-03-20T11:00Z",
            "2026-04-03T12:00:00+02:00",
            "Friday 3 April 2026, 12:00 (CEST)",
        ),  # counted in Dutch time
    ],
)
async def test_vulnerability_final_report_due_moments(client: TestClient, start: str, at: str, text: str) -> None:
    query = f"track=vulnerability&aware_at=2026-11-20T14:00&measure_at={start.replace('+', '%2B')}&lang=en"
    assert await final_report(client, query) == {
        "stage": "vulnerability_final_report",
        "at": at,
        "text": text,
        "name": "Final report (vulnerability)",
    }


@pytest.mark.parametrize(
    "start, at, text",
    [
        ("2026-01-31T09:00", "2026-02-28T09:00:00+01:00", "zaterdag 28 februari 2026, 09:00 (CET)"),  # no 31 February
        ("2028-01-31", "2028-02-29", "dinsdag 29 februari 2028"),  # a leap year, a date alone
        ("2026-03-31T10:00", "2026-04-30T10:00:00+02:00", "donderdag 30 april 2026, 10:00 (CEST)"),  # no 31 April
        ("2026-12-31T23:30", "2027-01-31T23:30:00+01:00", "zondag 31 januari 2027, 23:30 (CET)"),  # year boundary
        ("2026-03-10T10:00", "2026-04-10T10:00:00+02:00", "vrijdag 10 april 2026, 10:00 (CEST)"),  # into summer time
        ("2026-10-24T23:15", "2026-11-24T23:15:00+01:00", "dinsdag 24 november 2026, 23:15 (CET)"),  # out of it
        ("2026-10-24T21:15:00+00:00", "2026-11-24T23:15:00+01:00", "dinsdag 24 november 2026, 23:15 (CET)"),
    ],
)
async def test_incident_final_report_due_moments(client: TestClient, start: str, at: str, text: str) -> None:
    query = f"track=incident&aware_at=2026-10-22T08:00&notified_at={start.replace('+', '%2B')}&lang=nl"
    assert await final_report(client, query) == {
        "stage": "incident_final_report",
        "at": at,
        "text": text,
        "name": "Eindverslag (incident)",
    }


async def test_early_warning_and_notification_count_hours_across_summer_time(client: TestClient) -> None:
    due = (await (await client.get("/api/deadlines?track=vulnerability&aware_at=2026-03-28T12:00&lang=en")).json())[
        "due"
    ]
    assert [(d["at"], d["text"]) for d in due[:2]] == [
        ("2026-03-29T13:00:00+02:00", "Sunday 29 March 2026, 13:00 (CEST)"),
        ("2026-03-31T13:00:00+02:00", "Tuesday 31 March 2026, 13:00 (CEST)"),
    ]


def unfolded(calendar: str) -> list[str]:
    assert calendar.endswith("\r\n") and "\n" not in calendar.replace("\r\n", "")
    lines = calendar.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines), "RFC 5545 3.1: lines of at most 75 octets"
    return "\r\n".join(lines).replace("\r\n ", "").split("\r\n")


async def test_the_calendar_file_holds_only_the_computed_moments(client: TestClient) -> None:
    without = await client.get("/api/deadlines.ics?track=incident&aware_at=2026-11-20T14:00&lang=en")
    assert without.status == 200 and without.headers["Content-Type"].startswith("text/calendar")
    lines = unfolded(await without.text())
    assert lines.count("BEGIN:VEVENT") == 2 and not any("Final report" in line for line in lines)
    assert "SUMMARY:CRA Early warning (incident)" in lines
    assert "DESCRIPTION:Latest moment\\; the Regulation asks to report without undue delay." in lines

    with_date = await client.get(
        "/api/deadlines.ics?track=vulnerability&aware_at=2026-11-20T14:00&measure_at=2026-11-10&lang=nl"
    )
    lines = unfolded(await with_date.text())
    assert lines.count("BEGIN:VEVENT") == 3
    assert lines[lines.index("SUMMARY:CRA Eindverslag (kwetsbaarheid)") - 2 :][:2] == [
        "DTSTART;VALUE=DATE:20261124",  # a date alone is an all-day event
        "DTEND;VALUE=DATE:20261125",
    ]
    assert (
        "DESCRIPTION:Uiterste moment: uiterlijk 14 dagen nadat een corrigerende of mitigerende maatregel beschikbaar "
        "is (art. 14(2)(c))." in lines
    )

    with_time = await client.get(
        "/api/deadlines.ics?track=incident&aware_at=2026-01-28T10:00&notified_at=2026-01-31T09:00&lang=en"
    )
    lines = unfolded(await with_time.text())
    assert lines[lines.index("SUMMARY:CRA Final report (incident)") - 2 :][:2] == [
        "DTSTART:20260228T080000Z",
        "DTEND:20260228T080000Z",
    ]


@pytest.mark.parametrize(
    "query, field",
    [
        ("track=vulnerability&aware_at=2026-11-20T14:00&measure_at=yesterday", "measure_at"),
        ("track=vulnerability&aware_at=2026-11-20T14:00&measure_at=2026-02-30", "measure_at"),
        ("track=incident&aware_at=2026-11-20T14:00&notified_at=31-01-2026", "notified_at"),
        ("track=incident&aware_at=2026-11-20T14:00&notified_at=2026-01-31T25:00", "notified_at"),
        ("track=incident&aware_at=2026-11-20T14:00&measure_at=2026-11-10", "measure_at"),  # the other track's
        ("track=vulnerability&aware_at=2026-11-20T14:00&notified_at=2026-11-10", "notified_at"),
        ("track=incident&aware_at=2026-11-20T14:00&notified_at=9999-12-15", "notified_at"),  # beyond year 9999
        ("track=vulnerability&aware_at=2026-11-20T14:00&measure_at=9999-12-31T12:00", "measure_at"),
        ("track=vulnerability&aware_at=2026-11-20T14:00&measure_at=9999-12-17", "measure_at"),  # no day after it
        ("track=vulnerability&aware_at=9999-12-31T23:00", "aware_at"),
        ("track=vulnerability&aware_at=0001-01-01T00:00", "aware_at"),
        ("track=incident&notified_at=2026-11-10", "aware_at"),  # none given
        ("track=incident&aware_at=2026-11-20", "aware_at"),  # midnight would be a guess: the hour counts
    ],
)
@pytest.mark.parametrize("path", ["/api/deadlines", "/api/deadlines.ics"])
async def test_bad_values_are_a_400_naming_the_field(client: TestClient, path: str, query: str, field: str) -> None:
    response = await client.get(f"{path}?{query}")
    assert response.status == 400 and response.content_type == "application/json"
    error = (await response.json())["error"]
    assert error["field"] == field and error["status"] == 400 and field in error["message"]


DRAFT = 'Early warning - severe incident\nMember States: Netherlands <b>"quoted"</b>'


@pytest.mark.parametrize(
    "form, message, invalid",
    [
        ({"lang": "en", "draft": "   \n"}, "Paste your draft into the text box first.", "draft"),
        ({"lang": "nl", "draft": ""}, "Plak eerst uw concept in het tekstvak.", "draft"),
        (
            {"lang": "nl", "draft": "x" * 20_001, "track": "incident"},
            "Uw concept is 20.001 tekens lang; de controle neemt er ten hoogste 20.000.",
            "draft",
        ),
        (
            {"lang": "en", "draft": "x" * 20_001},
            "Your draft is 20,001 characters long; the check takes at most 20,000.",
            "draft",
        ),
        ({"lang": "en", "draft": DRAFT, "track": "other", "stage": "notification"}, "Choose a track", "track"),
        ({"lang": "nl", "draft": DRAFT, "stage": "summary"}, "Kies een spoor en een fase", "stage"),
    ],
)
async def test_the_draft_page_shows_what_is_wrong_and_keeps_the_draft(
    client: TestClient, engine: Engine, form: dict[str, str], message: str, invalid: str
) -> None:
    response = await client.post("/draft", data=form)
    assert response.status == 400 and response.content_type == "text/html"
    page = await response.text()
    assert f'<html lang="{form["lang"]}">' in page
    assert page.count('role="alert"') == 1 and message in page.split('role="alert">')[1].split("</p>")[0]
    assert page.split("<title>")[1].startswith("Fout: " if form["lang"] == "nl" else "Error: ")
    textarea = page.split('<textarea id="draft"')[1].split("</textarea>")[0]
    assert html.unescape(textarea.split(">", 1)[1]) == "\n" + form["draft"]  # kept, escaped, whole
    assert "<b>" not in textarea
    opening = page.split(f'id="{invalid}"')[1].split(">")[0]
    assert 'aria-invalid="true"' in opening and 'aria-describedby="draft-error"' in opening
    if form.get("track") == "incident":
        assert '<option value="incident" selected>' in page
    with Session(engine) as session:
        assert session.exec(select(Message)).all() == []


async def test_the_draft_page_after_a_check_keeps_the_chosen_track_and_stage(client: TestClient) -> None:
    response = await client.post("/draft", data={"lang": "en", "draft": DRAFT, "track": "incident", "stage": ""})
    page = await response.text()
    assert response.status == 200 and 'role="alert"' not in page and "aria-invalid" not in page
    assert '<option value="incident" selected>' in page and '<option value="" selected>' in page
    assert "Result (incident, early_warning)" in page


@pytest.mark.parametrize(
    ("lang", "message"), [("en", "at most 20,000 characters"), ("nl", "ten hoogste 20.000 tekens")]
)
async def test_a_draft_larger_than_a_request_may_be_still_gets_the_page(
    client: TestClient, engine: Engine, lang: str, message: str
) -> None:
    page_form = await (await client.get(f"/draft?lang={lang}")).text()
    action = html.unescape(page_form.split('<form method="post" action="')[1].split('"')[0])
    response = await client.post(action, data={"lang": lang, "draft": "x" * 200_000})
    assert response.status == 413 and response.content_type == "text/html"
    page = await response.text()
    assert f'<html lang="{lang}">' in page and message in page.split('role="alert">')[1].split("</p>")[0]
    with Session(engine) as session:
        assert session.exec(select(Message)).all() == []
