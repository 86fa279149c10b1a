"""The whole flow in a real browser: a mail and a chat escalate, staff sign in and answer both, customers get it."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest

from helpdesk.config import Config
from helpdesk.staff.accounts import add_user
from tests.browserkit import needs_chromium, wcag_violations
from tests.conftest import KB_DIR
from tests.mailkit import RunningService, Sink, start_sink, wait_for

pytestmark = needs_chromium
PASSWORD = "a long staff password"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningService, Sink]]:
    controller, sink = start_sink()
    running = RunningService(
        Config.from_env(
            {
                "HELPDESK_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('desk') / 'h.db'}",
                "HELPDESK_SMTP_PORT": "0",
                "HELPDESK_WEB_PORT": "0",
                "HELPDESK_KB_DIR": str(KB_DIR),
                "HELPDESK_ADDRESS": "helpdesk@ncsc.example",
                "HELPDESK_STAFF_ADDRESS": "staff@ncsc.example",
                "HELPDESK_RELAY": f"127.0.0.1:{controller.port}",
            }
        )
    )
    add_user(running.service.engine, "agent@ncsc.example", PASSWORD)
    yield running, sink
    running.stop()
    controller.stop()


def web(desk: tuple[RunningService, Sink], path: str) -> str:
    return f"http://127.0.0.1:{desk[0].service.web_port}{path}"


def sign_in(page: Any, desk: tuple[RunningService, Sink]) -> None:
    page.goto(web(desk, "/staff/"))
    page.get_by_label("E-mail address").fill("agent@ncsc.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()


def test_staff_answer_a_mail_and_a_chat_through_their_own_channels(
    desk: tuple[RunningService, Sink], browser: Any
) -> None:
    running, sink = desk
    question = EmailMessage()
    question["From"], question["To"], question["Subject"] = (
        "Petra <petra@maker.example>",
        "helpdesk@ncsc.example",
        "Persoonlijk",
    )
    question["Message-ID"] = "<petra-1@maker.example>"
    question.set_content("Ik wil graag een medewerker spreken over onze situatie.")
    with smtplib.SMTP("127.0.0.1", running.port) as client:
        client.send_message(question)
    wait_for(lambda: any("staff@ncsc.example" in str(m["To"]) for m in sink.received), "no staff notice for the mail")

    visitor = browser.new_context().new_page()
    visitor.goto(web(desk, "/"))
    visitor.get_by_role("button", name="Vraag het de CRA-helpdesk").click()
    visitor.get_by_role("button", name="Een medewerker spreken").click()
    visitor.get_by_label("Uw e-mailadres (zodat we kunnen antwoorden als u weg bent)").fill("bas@maker.example")
    visitor.get_by_role("button", name="Doorzetten naar een medewerker").click()
    visitor.get_by_text("Uw vraag is doorgezet naar een medewerker").wait_for()

    staff = browser.new_context().new_page()
    sign_in(staff, desk)
    assert (
        staff.get_by_role("link", name="CRA-000001").is_visible()
        and staff.get_by_role("link", name="CRA-000002").is_visible()
    )

    staff.get_by_role("link", name="CRA-000001").click()
    staff.get_by_label("Reply through mail").fill("Beste Petra, ik bel u vanmiddag.")
    staff.get_by_role("button", name="Send reply").click()
    wait_for(
        lambda: any("petra@maker.example" in str(m["To"]) and "ik bel u" in m.get_content() for m in sink.received),
        "the staff reply did not reach the relay",
    )
    answer = next(m for m in sink.received if "ik bel u" in m.get_content())
    assert answer["In-Reply-To"] == "<petra-1@maker.example>" and "[CRA-000001]" in answer["Subject"]

    staff.goto(web(desk, "/staff/tickets/2"))
    staff.get_by_label("Reply through chat").fill("Hallo Bas, ik help u hier verder.")
    staff.get_by_role("button", name="Send reply").click()
    visitor.locator(".cra-staff").get_by_text("ik help u hier verder").wait_for(timeout=5000)


@pytest.mark.parametrize("path", ["/staff/login", "/staff/", "/staff/tickets/1", "/staff/gaps", "/staff/reports"])
def test_staff_pages_have_no_wcag_violations(desk: tuple[RunningService, Sink], browser: Any, path: str) -> None:
    page = browser.new_context().new_page()
    if path != "/staff/login":
        sign_in(page, desk)
    page.goto(web(desk, path))
    assert wcag_violations(page) == []
