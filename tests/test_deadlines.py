"""Concrete due moments with the clock pinned: day, month and year boundaries, summer time, zones, both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from helpdesk.assistant import Assistant
from helpdesk.deadlines import (
    AMSTERDAM,
    add_month,
    due_moments,
    incident_final_report,
    vulnerability_final_report,
    when,
)
from helpdesk.replies import ReplyRenderer

MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)  # Monday 23 November 2026, 10:00 in Amsterdam


def due(text: str, now: dt.datetime = MONDAY, track: str | None = None) -> dict[str, str]:
    moments = due_moments(text, now, track)
    assert moments is not None, text
    return {d.name: local(d.moment) if d.moment else "" for d in moments}


def local(moment: dt.date) -> str:
    assert isinstance(moment, dt.datetime), "a moment in the text has a time of day"
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M %Z")


@pytest.mark.parametrize(
    "text, early, notification",
    [
        ("we found out yesterday at 16:30", "2026-11-23 16:30 CET", "2026-11-25 16:30 CET"),
        ("sinds maandag 9 uur weten we het", "2026-11-24 09:00 CET", "2026-11-26 09:00 CET"),
        ("we became aware on 20 November at 14:00", "2026-11-21 14:00 CET", "2026-11-23 14:00 CET"),
        ("we became aware on 20 November at 14:00 UTC", "2026-11-21 15:00 CET", "2026-11-23 15:00 CET"),
        ("ontdekt op 30-11-2025 om 23:30", "2025-12-01 23:30 CET", "2025-12-03 23:30 CET"),  # month boundary
        ("we discovered it on 31 December 2025 at 22:00", "2026-01-01 22:00 CET", "2026-01-03 22:00 CET"),  # year
        ("wij kregen er op vrijdag om 17.00 uur kennis van", "2026-11-21 17:00 CET", "2026-11-23 17:00 CET"),
        ("noticed on 2026-10-24 at 23:15", "2026-10-25 22:15 CET", "2026-10-27 22:15 CET"),  # summer time ends
        ("ontdekt op 28 maart 2026 om 12:00", "2026-03-29 13:00 CEST", "2026-03-31 13:00 CEST"),  # summer time begins
        ("we learned about it at 9pm EST on November 20", "2026-11-22 03:00 CET", "2026-11-24 03:00 CET"),
    ],
)
def test_early_warning_and_notification_count_elapsed_hours(text: str, early: str, notification: str) -> None:
    moments = due(text)
    assert (moments["early_warning"], moments["notification"]) == (early, notification)


def test_the_vulnerability_final_report_counts_from_the_available_measure() -> None:
    moments = due(
        "we found out on 2 November at 08:00; the patch is available since 10 November at 12:00", track="vulnerability"
    )
    assert moments["vulnerability_final_report"] == "2026-11-24 12:00 CET"
    assert "incident_final_report" not in moments


def test_the_incident_final_report_is_one_month_after_the_notification_was_submitted() -> None:
    moments = due(
        "we discovered it on 28 January 2026 at 10:00 and the incident notification was submitted on "
        "31 January 2026 at 09:00",
        track="incident",
    )
    assert moments["incident_final_report"] == "2026-02-28 09:00 CET"  # no 31 February: the month's last day
    assert add_month(dt.datetime(2024, 1, 31, tzinfo=AMSTERDAM)).day == 29  # a leap year


def test_what_cannot_be_computed_is_named() -> None:
    moments = due_moments("we found out yesterday at 16:30", MONDAY)
    assert moments is not None
    missing = {d.name: d.missing for d in moments if d.moment is None}
    assert missing == {
        "vulnerability_final_report": "the date a corrective or mitigating measure became available",
        "incident_final_report": "the date the incident notification was submitted",
    }


@pytest.mark.parametrize(
    "start, vulnerability, incident",
    [
        # A date-time is counted on the Dutch calendar whatever its zone: the clock time stays across summer time.
        (dt.datetime(2026, 3, 20, 11, 0, tzinfo=dt.UTC), "2026-04-03 12:00 CEST", "2026-04-20 12:00 CEST"),
        (dt.datetime(2026, 10, 20, 9, 0, tzinfo=AMSTERDAM), "2026-11-03 09:00 CET", "2026-11-20 09:00 CET"),
        (dt.datetime(2026, 1, 31, 9, 0, tzinfo=AMSTERDAM), "2026-02-14 09:00 CET", "2026-02-28 09:00 CET"),
        # A clock time Amsterdam skips (29 March 2026, 02:00-03:00) is the moment it stands for.
        (dt.datetime(2026, 3, 15, 2, 30, tzinfo=AMSTERDAM), "2026-03-29 03:30 CEST", "2026-04-15 02:30 CEST"),
        (dt.datetime(2026, 2, 28, 2, 30, tzinfo=AMSTERDAM), "2026-03-14 02:30 CET", "2026-03-28 02:30 CET"),
    ],
)
def test_final_reports_count_days_and_months_in_dutch_time(
    start: dt.datetime, vulnerability: str, incident: str
) -> None:
    for due, expected in ((vulnerability_final_report(start), vulnerability), (incident_final_report(start), incident)):
        assert due.moment is not None and not due.missing
        assert local(due.moment) == expected


def test_a_date_alone_gives_a_due_date() -> None:
    assert vulnerability_final_report(dt.date(2026, 12, 25)).moment == dt.date(2027, 1, 8)
    assert incident_final_report(dt.date(2028, 1, 31)).moment == dt.date(2028, 2, 29)
    assert when(dt.date(2028, 2, 29), "nl") == "dinsdag 29 februari 2028"
    assert when(dt.date(2028, 2, 29), "en") == "Tuesday 29 February 2028"


def test_without_a_start_the_final_report_says_what_is_missing() -> None:
    assert vulnerability_final_report(None).missing == "the date a corrective or mitigating measure became available"
    assert incident_final_report(None).missing == "the date the incident notification was submitted"


@pytest.mark.parametrize("text", ["we found out on 20 november at 9", "we ontdekten het op 20 november om 9 uur"])
def test_a_clock_word_makes_a_bare_hour_a_time(text: str) -> None:
    moments = due_moments(text, MONDAY)
    assert moments is not None and moments[0].moment == dt.datetime(2026, 11, 21, 9, 0, tzinfo=AMSTERDAM)


def test_a_moment_beyond_what_a_datetime_holds_gives_nothing() -> None:
    # It used to raise OverflowError inside the assistant, so the question was never answered.
    assert due_moments("we found out on 9999-12-31 at 23:00", MONDAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "When is the early warning due?",
        "we found out about it today",
        "yesterday",
        # A month and a year, then a number: it used to read as 20 August, 26 o'clock, and raise IndexError.
        "the exploitation happened in august 2026, we only found out now",
        "we discovered it on 20 november, since 12 customers called",  # a count, not a time
    ],
)
def test_no_moment_of_awareness_gives_nothing(text: str) -> None:
    assert due_moments(text, MONDAY) is None


@pytest.mark.parametrize(
    "question, expected",
    [
        (
            "We found out yesterday at 16:30 that our router is being exploited. When is the early warning due?",
            [
                "Early warning: Monday 23 November 2026, 16:30 (CET)",
                "without undue delay and in any event within",
                "not computed: the message does not give the date a corrective or mitigating measure became available",
            ],
        ),
        (
            "Wij ontdekten gisteren om 16:30 dat ons lek actief wordt misbruikt. Wanneer moet de vroegtijdige waarschuwing binnen zijn?",
            [
                "Vroegtijdige waarschuwing: maandag 23 november 2026, 16:30 (CET)",
                "zonder onnodige vertraging en in ieder geval binnen",
            ],
        ),
    ],
)
def test_the_answer_states_the_due_moments(
    assistant: Assistant, renderer: ReplyRenderer, question: str, expected: list[str]
) -> None:
    decision = assistant.decide(question, now=MONDAY)
    reply = renderer.render(decision)
    for fragment in expected:
        assert fragment in reply
    assert not decision.deflect
