"""The widget in a real browser (Debian's Chromium driven by Playwright) against the running service.

Skipped with a reason when Chromium or Playwright is not installed (a user's laptop); CI installs both.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from helpdesk.config import Config
from helpdesk.store import conversations
from tests.browserkit import needs_chromium, wcag_violations
from tests.conftest import KB_DIR
from tests.mailkit import RunningService

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    database = tmp_path_factory.mktemp("browser") / "helpdesk.db"
    running = RunningService(
        Config.from_env(
            {
                "HELPDESK_DATABASE_URL": f"sqlite:///{database}",
                "HELPDESK_SMTP_PORT": "0",
                "HELPDESK_WEB_PORT": "0",
                "HELPDESK_KB_DIR": str(KB_DIR),
            }
        )
    )
    yield running
    running.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def url(service: RunningService, path: str = "/") -> str:
    return f"http://127.0.0.1:{service.service.web_port}{path}"


def ask(page: Any, question: str) -> None:
    page.get_by_role(
        "button",
        name=("Vraag het de CRA-helpdesk", "Ask the CRA helpdesk")[page.locator("html").get_attribute("lang") == "en"],
    ).click()
    textbox = page.locator("#cra-chat-input")
    assert textbox.evaluate("node => node === document.activeElement")  # focus moves into the opened chat
    textbox.fill(question)
    textbox.press("Enter")


def test_a_dutch_question_is_answered_in_dutch_with_its_citation(service: RunningService, page: Any) -> None:
    page.goto(url(service))
    ask(page, "binnen hoeveel uur moet ik een vroegtijdige waarschuwing doen?")
    answer = page.locator(".cra-assistant").first
    answer.wait_for()
    assert "24 uur" in answer.inner_text()
    assert page.locator(".cra-citation a").first.get_attribute("href").startswith(url(service, "/kb/nl/"))


def test_an_english_question_and_a_person_who_answers_live(service: RunningService, page: Any) -> None:
    page.goto(url(service, "/?lang=en"))
    ask(page, "What must the final report on an exploited vulnerability contain?")
    page.locator(".cra-assistant").first.wait_for()
    assert "14 days" in page.locator(".cra-assistant").first.inner_text()
    page.get_by_role("button", name="Talk to a person").click()
    page.get_by_label("Your e-mail address (so we can answer after you have left)").fill("anna@example.org")
    page.get_by_role("button", name="Hand over to a person").click()
    page.get_by_text("Your question has been handed to a member of staff").wait_for()
    state = page.evaluate("() => JSON.parse(Object.values(sessionStorage)[0])")
    message = conversations.add_staff_message(
        service.service.engine, state["id"], "staff@ncsc.example", "Good afternoon, I am looking at your question now."
    )
    asyncio.run_coroutine_threadsafe(service.service.hub.publish(state["id"], message), service._loop).result(5)
    page.locator(".cra-staff").get_by_text("I am looking at your question now").wait_for(timeout=5000)
    page.reload()  # the conversation survives a reload
    page.get_by_role("button", name="Ask the CRA helpdesk").click()
    page.locator(".cra-staff").first.wait_for()


def test_script_typed_into_the_chat_stays_text(service: RunningService, page: Any) -> None:
    page.goto(url(service, "/?lang=en"))
    alerts: list[str] = []

    def record_and_dismiss(dialog: Any) -> None:
        alerts.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record_and_dismiss)
    ask(page, "<img src=x onerror=alert(1)> where do we report?")
    page.locator(".cra-visitor").first.wait_for()
    assert "<img src=x" in page.locator(".cra-visitor").first.inner_text()
    assert alerts == [] and page.locator(".cra-log img").count() == 0


def test_escape_closes_the_chat_and_returns_focus(service: RunningService, page: Any) -> None:
    page.goto(url(service))
    ask(page, "Wat is ENISA?")
    page.keyboard.press("Escape")
    assert page.locator("#cra-chat-panel").is_hidden()
    assert page.locator(".cra-launcher").evaluate("node => node === document.activeElement")


@pytest.mark.parametrize("width", [320, 1280])
def test_no_wcag_2_1_a_or_aa_violations(service: RunningService, page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url(service))
    ask(page, "Wat moet er in het eindverslag over een ernstig incident staan?")
    page.locator(".cra-assistant").first.wait_for()
    assert wcag_violations(page) == []


def test_the_deadline_form_computes_due_moments_and_offers_a_calendar_file(service: RunningService, page: Any) -> None:
    page.goto(url(service, "/?lang=en"))
    page.get_by_role("button", name="Ask the CRA helpdesk").click()
    page.get_by_role("button", name="Compute my deadlines").click()
    page.get_by_label("Kind of report").select_option("incident")
    page.get_by_label("When you became aware (Dutch time)").fill("2026-11-20T14:00")
    page.get_by_role("button", name="Compute", exact=True).click()
    page.get_by_text("Early warning: Saturday 21 November 2026, 14:00 (CET)").wait_for()
    assert page.get_by_text("Notification: Monday 23 November 2026, 14:00 (CET)").is_visible()
    href = page.get_by_role("link", name="Add to my calendar (.ics)").get_attribute("href")
    assert href is not None and "/api/deadlines.ics?track=incident" in href
    result = page.locator(".cra-deadline-result")  # the live region that announces the result
    assert result.get_attribute("aria-live") == "polite"
    assert (
        "Final report (incident): not computed because the date the incident notification was submitted was not "
        "given" in result.inner_text()
    )
    # The optional field, labelled for the chosen track; Enter in it computes again, the final report included.
    submitted = page.get_by_label("Date the incident notification was submitted (optional)")
    submitted.fill("2026-11-23")
    submitted.press("Enter")
    result.get_by_text("Final report (incident): Wednesday 23 December 2026").wait_for()
    assert "not computed" not in result.inner_text()
    href = page.get_by_role("link", name="Add to my calendar (.ics)").get_attribute("href")
    assert href is not None and href.endswith("&notified_at=2026-11-23")


def test_the_final_report_field_follows_the_track(service: RunningService, page: Any) -> None:
    page.goto(url(service, "/?lang=nl"))
    page.get_by_role("button", name="Vraag het de CRA-helpdesk").click()
    page.get_by_role("button", name="Mijn termijnen berekenen").click()
    track = page.get_by_label("Soort melding")
    assert track.evaluate("node => node === document.activeElement")  # the form opens at its first field
    page.get_by_label("Moment waarop u er kennis van kreeg (Nederlandse tijd)").fill("2026-03-27T12:00")
    measure = page.get_by_label("Datum waarop een corrigerende of mitigerende maatregel beschikbaar kwam (optioneel)")
    measure.fill("2026-03-20")
    track.focus()
    page.keyboard.press("ArrowDown")  # the keyboard changes the track; the label follows and the date is cleared
    assert track.input_value() == "incident"
    submitted = page.get_by_label("Datum waarop de incidentmelding is ingediend (optioneel)")
    assert submitted.input_value() == "" and page.locator("#cra-final").get_attribute("aria-invalid") is None
    track.select_option("vulnerability")
    measure.fill("9999-12-31")  # a date the server cannot count from: said in Dutch, at the field
    page.get_by_role("button", name="Berekenen", exact=True).click()
    result = page.locator(".cra-deadline-result")
    result.get_by_text("Vul een geldige datum in, of laat dit veld leeg.").wait_for()
    assert measure.get_attribute("aria-invalid") == "true"
    assert measure.evaluate("node => node === document.activeElement")
    measure.fill("2026-03-20")
    page.get_by_role("button", name="Berekenen", exact=True).click()
    result.get_by_text("Eindverslag (kwetsbaarheid): vrijdag 3 april 2026").wait_for()
    # 24 hours after 12:00 on the day before summer time begins is 13:00 summer time.
    assert "Vroegtijdige waarschuwing: zaterdag 28 maart 2026, 12:00 (CET)" in result.inner_text()
    assert "Melding: maandag 30 maart 2026, 13:00 (CEST)" in result.inner_text()
    assert measure.get_attribute("aria-invalid") is None


def test_the_deadline_form_fits_320_pixels_without_wcag_violations(service: RunningService, page: Any) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url(service, "/?lang=nl"))
    page.get_by_role("button", name="Vraag het de CRA-helpdesk").click()
    page.get_by_role("button", name="Mijn termijnen berekenen").click()
    page.get_by_label("Moment waarop u er kennis van kreeg (Nederlandse tijd)").fill("2026-11-20T14:00")
    page.get_by_role("button", name="Berekenen", exact=True).click()
    page.get_by_text("Eindverslag (kwetsbaarheid): niet berekend omdat").wait_for()
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, ...Array.from("
        "document.querySelectorAll('#cra-deadlines, #cra-deadlines *'), n => n.getBoundingClientRect().right)]"
    )
    assert max(widths) <= 320, widths
    final = page.locator("#cra-final")
    final.scroll_into_view_if_needed()
    assert final.is_visible()
    assert wcag_violations(page) == []
