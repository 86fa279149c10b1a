"""The staff desk as staff and attackers meet it: sign-in, sessions, CSRF, lockout, roles, replies by channel."""

from __future__ import annotations

import asyncio
import email
import email.policy
import functools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from helpdesk.assistant import Assistant
from helpdesk.cli import main
from helpdesk.replies import ReplyRenderer
from helpdesk.staff.accounts import LOCKOUT_FAILURES, add_user
from helpdesk.store import conversations
from helpdesk.store.database import migrate, open_engine
from helpdesk.store.models import Contact, Message, Outbox, Ticket
from helpdesk.web.keys import PRESENCE
from mail.compose import MailComposer
from mail.staff_mail import queue_staff_reply
from tests.conftest import WebClient

PASSWORD = "correct horse battery staple"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = open_engine(database_url)
    migrate(engine)
    add_user(engine, "agent@ncsc.example", PASSWORD)
    add_user(engine, "admin@ncsc.example", PASSWORD, "admin")
    yield engine
    engine.dispose()


@pytest.fixture
async def client(web_client: WebClient, engine: Engine, renderer: ReplyRenderer) -> TestClient:
    composer = MailComposer(renderer, "helpdesk@ncsc.example", b"k" * 32)
    return await web_client(staff_mailer=functools.partial(queue_staff_reply, engine, composer))


async def sign_in(client: TestClient, address: str = "agent@ncsc.example", password: str = PASSWORD) -> Any:
    page = await client.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)  # type: ignore[union-attr]
    return await client.post(
        "/staff/login", data={"csrf": token, "email": address, "password": password}, allow_redirects=False
    )


async def csrf_of(client: TestClient, path: str = "/staff/") -> str:
    page = await client.get(path)
    return re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)  # type: ignore[union-attr]


def mail_ticket(engine: Engine, text: str) -> int:
    with Session(engine) as session:
        contact = Contact(email="jan@sensorco.example", name="Jan")
        session.add(contact)
        session.flush()
        ticket = Ticket(channel="mail", status="escalated", subject="Vraag", contact_id=contact.id)
        session.add(ticket)
        session.flush()
        raw = (
            b"From: Jan <jan@sensorco.example>\r\nTo: helpdesk@ncsc.example\r\nSubject: Vraag\r\n"
            b"Message-ID: <q1@sensorco.example>\r\n\r\n" + text.encode()
        )
        session.add(
            Message(
                ticket_id=ticket.id,
                direction="in",
                channel="mail",
                status="processed",
                text=text,
                body=text,
                raw=raw,
                message_id="q1@sensorco.example",
                subject="Vraag",
                sender="jan@sensorco.example",
            )
        )
        session.commit()
        return int(ticket.id)  # type: ignore[arg-type]


STAFF_GETS = ["/staff/", "/staff/tickets/1", "/staff/users", "/staff/api/counts", "/staff/staff.js"]
STAFF_POSTS = [
    "/staff/tickets/1/reply",
    "/staff/tickets/1/note",
    "/staff/tickets/1/status",
    "/staff/tickets/1/assign",
    "/staff/users/1/active",
    "/staff/logout",
]


@pytest.mark.parametrize("path", STAFF_GETS)
async def test_every_staff_page_refuses_the_unauthenticated(client: TestClient, path: str) -> None:
    response = await client.get(path, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"


@pytest.mark.parametrize("path", STAFF_POSTS)
async def test_every_staff_action_refuses_the_unauthenticated(client: TestClient, path: str) -> None:
    assert (await client.post(path, data={"text": "x"}, allow_redirects=False)).status == 401


async def test_sign_in_sets_a_strict_http_only_session_cookie(client: TestClient) -> None:
    response = await sign_in(client)
    assert response.status == 303
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/staff" in cookie
    page = await client.get("/staff/")
    assert page.status == 200 and "signed in as agent@ncsc.example" in await page.text()
    assert (
        page.headers["X-Frame-Options"] == "DENY"
        and "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    )


async def test_a_login_form_without_its_token_is_refused(client: TestClient) -> None:
    response = await client.post("/staff/login", data={"email": "agent@ncsc.example", "password": PASSWORD})
    assert response.status == 403


async def test_lockout_after_repeated_failures(client: TestClient) -> None:
    for _ in range(LOCKOUT_FAILURES):
        assert (await sign_in(client, password="wrong password!")).status == 401
    locked = await sign_in(client)
    assert locked.status == 401 and "locked" in await locked.text()


@pytest.mark.parametrize("csrf", [None, "forged-token"])
async def test_forms_without_the_right_csrf_token_change_nothing(
    client: TestClient, engine: Engine, csrf: str | None
) -> None:
    ticket_id = mail_ticket(engine, "Where do we report?")
    await sign_in(client)
    data = {"text": "internal"} | ({"csrf": csrf} if csrf else {})
    response = await client.post(f"/staff/tickets/{ticket_id}/note", data=data, allow_redirects=False)
    assert response.status == 403
    with Session(engine) as session:
        assert session.exec(select(Message).where(Message.direction == "note")).all() == []


async def test_customer_html_and_script_are_shown_inert(client: TestClient, engine: Engine) -> None:
    ticket_id = mail_ticket(engine, '<script>alert("x")</script><img src=x onerror=alert(1)>')
    await sign_in(client)
    page = await (await client.get(f"/staff/tickets/{ticket_id}")).text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


async def test_an_agent_cannot_do_admin_actions(client: TestClient) -> None:
    await sign_in(client)
    assert (await client.get("/staff/users")).status == 403
    token = await csrf_of(client)
    assert (await client.post("/staff/users/2/active", data={"csrf": token, "active": "0"})).status == 403


async def test_an_admin_can_deactivate_an_account(client: TestClient, engine: Engine) -> None:
    await sign_in(client, "admin@ncsc.example")
    token = await csrf_of(client, "/staff/users")
    response = await client.post("/staff/users/1/active", data={"csrf": token, "active": "0"}, allow_redirects=False)
    assert response.status == 303
    other = await sign_in(client)  # the agent (id 1) can no longer sign in
    assert other.status == 401


async def test_a_reply_to_a_mail_ticket_leaves_threaded_and_not_automatic(client: TestClient, engine: Engine) -> None:
    ticket_id = mail_ticket(engine, "Kunt u ons helpen met de melding?")
    await sign_in(client)
    token = await csrf_of(client, f"/staff/tickets/{ticket_id}")
    response = await client.post(
        f"/staff/tickets/{ticket_id}/reply",
        allow_redirects=False,
        data={"csrf": token, "text": "Beste Jan, u meldt via het meldingsplatform."},
    )
    assert response.status == 303
    with Session(engine) as session:
        row = session.exec(select(Outbox)).one()
        assert row.recipient == "jan@sensorco.example" and row.automatic is False
        mail = email.message_from_bytes(row.raw, policy=email.policy.default)
        assert mail["In-Reply-To"] == "<q1@sensorco.example>" and mail["Auto-Submitted"] is None
        assert mail["Subject"] == f"Re: Vraag [CRA-{ticket_id:06d}]"
        assert "u meldt via het meldingsplatform" in mail.get_content()
        assert session.get(Ticket, ticket_id).status == "waiting"  # type: ignore[union-attr]


async def test_a_reply_to_a_chat_reaches_the_open_widget(client: TestClient, engine: Engine) -> None:
    conversation, token = conversations.create_conversation(engine, "nl")
    socket = await client.ws_connect(f"/api/chat/conversations/{conversation}/ws?token={token}")
    await sign_in(client)
    csrf = await csrf_of(client, f"/staff/tickets/{conversation}")
    await client.post(f"/staff/tickets/{conversation}/reply", data={"csrf": csrf, "text": "Ik help u verder."})
    pushed = await asyncio.wait_for(socket.receive_json(), timeout=5)
    assert pushed["message"] == pushed["message"] | {"role": "staff", "text": "Ik help u verder."}
    await socket.close()


async def test_a_chat_reply_is_mailed_only_once_the_visitor_has_gone(client: TestClient, engine: Engine) -> None:
    conversation, token = conversations.create_conversation(engine, "nl")
    bearer = {"Authorization": f"Bearer {token}"}
    await client.post(
        f"/api/chat/conversations/{conversation}/escalate", json={"email": "eva@maker.example"}, headers=bearer
    )
    socket = await client.ws_connect(f"/api/chat/conversations/{conversation}/ws?token={token}")
    await sign_in(client)
    csrf = await csrf_of(client, f"/staff/tickets/{conversation}")
    await client.post(f"/staff/tickets/{conversation}/reply", data={"csrf": csrf, "text": "Terwijl u kijkt."})
    await asyncio.wait_for(socket.receive_json(), timeout=5)

    def mailed() -> list[str]:
        with Session(engine) as session:
            return [row.recipient for row in session.exec(select(Outbox))]

    assert mailed() == []  # read live in the widget: no copy by mail
    await socket.close()
    for _ in range(200):  # the server notices the closed socket and gives up its lease
        if not client.app[PRESENCE].watched(conversation):
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("the closed widget still counts as watching")
    await client.post(f"/staff/tickets/{conversation}/reply", data={"csrf": csrf, "text": "Nu u weg bent."})
    assert mailed() == ["eva@maker.example"]


async def test_queue_filters_and_search(client: TestClient, engine: Engine) -> None:
    mail_ticket(engine, "een vraag over het eindverslag")
    await sign_in(client)
    found = await (await client.get("/staff/?view=all&q=eindverslag&channel=mail")).text()
    assert "CRA-000001" in found
    none = await (await client.get("/staff/?view=all&q=eindverslag&channel=chat")).text()
    assert "Nothing here." in none
    counts = await (await client.get("/staff/api/counts")).json()
    assert counts["all"] == 1 and counts["escalated"] == 1


def test_staff_add_reads_the_password_from_standard_input(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setenv("HELPDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'h.db'}")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["staff", "add", "new@ncsc.example", "--admin", "--password-stdin"]) == 0
    assert "added new@ncsc.example as admin" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["staff", "add", "gen@ncsc.example"]) == 0
    assert "password (shown once): " in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["staff", "add", "weak@ncsc.example", "--password-stdin"]) == 1


async def test_knowledge_gaps_group_similar_unanswered_questions(
    client: TestClient, engine: Engine, assistant: Assistant
) -> None:
    conversation, _ = conversations.create_conversation(engine, "en")
    for text in (
        "How do we get a CE marking for our router?",
        "CE marking for a router: how?",
        "Which harmonised standard applies to baby monitors?",
        "Where do we report?",
    ):
        conversations.ask(engine, conversation, text, lambda t, h: assistant.decide(t, history=h), lambda d: "reply")
    await sign_in(client)
    page = await (await client.get("/staff/gaps")).text()
    rows = re.findall(r"<tr><td>(\d+)</td>", page)
    assert sorted(rows) == ["1", "2"]  # the two CE-marking questions are one gap; "Where do we report?" was answered
    assert "CE marking for a router: how?" in page and "Where do we report?" not in page


async def test_reports_for_a_period_with_charts_tables_and_csv(
    client: TestClient, engine: Engine, assistant: Assistant
) -> None:
    conversation, _ = conversations.create_conversation(engine, "en")
    decide = functools.partial(_decide, assistant)
    conversations.ask(engine, conversation, "Where do we submit a notification?", decide, lambda d: "x")
    conversations.ask(engine, conversation, "Does the CRA apply to our toaster?", decide, lambda d: "x")
    _, reply = conversations.ask(engine, conversation, "What is ENISA?", decide, lambda d: "x")
    conversations.record_feedback(engine, conversation, reply["id"], False)
    conversations.escalate(engine, conversation, None, "please call")
    ticket_id = mail_ticket(engine, "x")
    conversations.add_staff_message(engine, conversation, "agent@ncsc.example", "Hello")
    await sign_in(client)
    page = await client.get("/staff/reports")
    body = await page.text()
    assert page.status == 200 and "<svg" in body and "Questions per week by outcome" in body
    assert "3 question(s)" in body and "1 applicability deflection(s)" in body
    assert (
        ">where-to-report</td><td>1</td>" in body
        and ">key-terms</td><td>0</td><td>1</td>" in body
        and "<td>0%</td>" in body
    )
    csv_response = await client.get("/staff/reports.csv")
    text = await csv_response.text()
    assert csv_response.headers["Content-Type"].startswith("text/csv")
    assert "topic,where-to-report,,1" in text and "deflections,,,1" in text and "helpful,key-terms,no,1" in text
    assert (await client.get("/staff/reports?from=2026-13-01")).status == 400
    assert ticket_id


def _decide(assistant: Assistant, text: str, history: list[str]):  # type: ignore[no-untyped-def]
    return assistant.decide(text, history=history)


async def test_an_escalated_message_shows_staff_what_the_assistant_made_of_each_question(
    client: TestClient, engine: Engine, assistant: Assistant
) -> None:
    conversation, _ = conversations.create_conversation(engine, "en")
    text = "What must the final report on an incident contain? Can our marketing agency write the press release?"
    conversations.ask(engine, conversation, text, lambda t, h: assistant.decide(t, history=h), lambda d: "reply")
    await sign_in(client)
    page = await (await client.get(f"/staff/tickets/{conversation}")).text()
    decision = page.split('class="cra-decision"')[1]
    assert "articles none" in decision and "escalate True" in decision  # the person answers the message whole
    proposals = decision.split('class="cra-questions">')[1].split("</ul>")[0]
    assert "answered, best article incident-final-report" in proposals and "unsure" in proposals
