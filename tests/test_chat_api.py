"""The chat API as the widget uses it, every endpoint and error, on a real database."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from helpdesk.assistant import Assistant
from helpdesk.config import Config
from helpdesk.replies import ReplyRenderer
from helpdesk.store import conversations
from helpdesk.store.models import Message, Ticket
from helpdesk.web.app import create_app
from helpdesk.web.hub import Hub
from helpdesk.web.keys import HUB
from helpdesk.web.openapi import DOCUMENT
from tests.conftest import WebClient

ORIGIN = "https://www.ncsc.example"


@pytest.fixture
async def client(web_client: WebClient) -> TestClient:
    return await web_client({"HELPDESK_ALLOWED_ORIGINS": ORIGIN})


async def start(client: TestClient, lang: str = "nl") -> tuple[int, dict[str, str]]:
    response = await client.post("/api/chat/conversations", json={"lang": lang})
    assert response.status == 201
    body = await response.json()
    return body["id"], {"Authorization": f"Bearer {body['token']}"}


async def error_of(response: Any) -> dict[str, Any]:
    body = await response.json()
    return body["error"]


async def test_a_question_is_stored_and_answered_with_its_citation(client: TestClient, engine: Engine) -> None:
    conversation, auth = await start(client)
    response = await client.post(
        f"/api/chat/conversations/{conversation}/messages",
        headers=auth,
        json={"text": "binnen hoeveel uur moet ik een vroegtijdige waarschuwing doen?"},
    )
    assert response.status == 201
    body = await response.json()
    reply = body["reply"]
    assert reply["lang"] == "nl" and not reply["deflect"] and not reply["escalate"]
    assert reply["articles"][0] in {"vulnerability-early-warning", "incident-early-warning", "reporting-deadlines"}
    assert "24 uur" in reply["text"]
    assert reply["citations"][0]["basis"] and reply["citations"][0]["url"].startswith("/kb/nl/")
    with Session(engine) as session:
        stored = session.exec(select(Message).where(Message.ticket_id == conversation)).all()
        assert [m.author for m in stored] == ["visitor", "assistant"]
        assert session.get(Ticket, conversation).channel == "chat"  # type: ignore[union-attr]


async def test_a_follow_up_is_read_with_the_earlier_question(client: TestClient) -> None:
    conversation, auth = await start(client, "en")
    url = f"/api/chat/conversations/{conversation}/messages"
    await client.post(url, headers=auth, json={"text": "What goes in the final report on an exploited vulnerability?"})
    response = await client.post(url, headers=auth, json={"text": "and for an incident?"})
    assert (await response.json())["reply"]["articles"][0] == "incident-final-report"


async def test_applicability_gets_the_deflection(client: TestClient) -> None:
    conversation, auth = await start(client)
    response = await client.post(
        f"/api/chat/conversations/{conversation}/messages",
        headers=auth,
        json={"text": "Valt onze slimme deurbel onder de CRA?"},
    )
    reply = (await response.json())["reply"]
    assert reply["deflect"] and "adviseert daar niet over" in reply["text"]


async def test_polling_returns_messages_after_an_id(client: TestClient) -> None:
    conversation, auth = await start(client)
    await client.post(f"/api/chat/conversations/{conversation}/messages", headers=auth, json={"text": "Wat is ENISA?"})
    response = await client.get(f"/api/chat/conversations/{conversation}/messages?after=0", headers=auth)
    messages = (await response.json())["messages"]
    assert [m["role"] for m in messages] == ["visitor", "assistant"]
    later = await client.get(
        f"/api/chat/conversations/{conversation}/messages?after={messages[-1]['id']}", headers=auth
    )
    assert (await later.json())["messages"] == []


async def test_a_staff_reply_is_pushed_to_an_open_websocket_and_wakes_a_long_poll(
    client: TestClient, engine: Engine
) -> None:
    conversation, auth = await start(client)
    token = auth["Authorization"].split()[1]
    socket = await client.ws_connect(f"/api/chat/conversations/{conversation}/ws?token={token}")
    poll = asyncio.ensure_future(
        client.get(f"/api/chat/conversations/{conversation}/messages?after=0&wait=10", headers=auth)
    )
    await asyncio.sleep(0.1)
    message = await asyncio.to_thread(
        conversations.add_staff_message, engine, conversation, "staff@ncsc.example", "Hallo, ik help u."
    )
    await client.app[HUB].publish(conversation, message)
    pushed = await asyncio.wait_for(socket.receive_json(), timeout=5)
    assert pushed["message"]["role"] == "staff" and pushed["message"]["text"] == "Hallo, ik help u."
    polled = await asyncio.wait_for(poll, timeout=5)
    assert [m["text"] for m in (await polled.json())["messages"]] == ["Hallo, ik help u."]
    await socket.close()


async def test_escalation_with_an_email_address(client: TestClient, engine: Engine) -> None:
    conversation, auth = await start(client)
    response = await client.post(
        f"/api/chat/conversations/{conversation}/escalate",
        headers=auth,
        json={"email": "Maria@Example.org", "note": "Graag iemand spreken"},
    )
    assert response.status == 200
    body = await response.json()
    assert body == {"escalated": True, "ticket": f"CRA-{conversation:06d}", "email": True}
    with Session(engine) as session:
        assert session.get(Ticket, conversation).status == "escalated"  # type: ignore[union-attr]


async def test_escalation_refuses_a_bad_email_address(client: TestClient) -> None:
    conversation, auth = await start(client)
    response = await client.post(
        f"/api/chat/conversations/{conversation}/escalate", headers=auth, json={"email": "not-an-address"}
    )
    assert response.status == 400 and (await error_of(response))["field"] == "email"


async def test_feedback_is_stored_and_no_offers_escalation(client: TestClient, engine: Engine) -> None:
    conversation, auth = await start(client, "en")
    answer = await client.post(
        f"/api/chat/conversations/{conversation}/messages", headers=auth, json={"text": "What is ENISA?"}
    )
    reply_id = (await answer.json())["reply"]["id"]
    response = await client.post(
        f"/api/chat/conversations/{conversation}/feedback",
        headers=auth,
        json={"message_id": reply_id, "helpful": False},
    )
    assert await response.json() == {"stored": True, "offer_escalation": True}
    with Session(engine) as session:
        assert session.get(Message, reply_id).helpful is False  # type: ignore[union-attr]
    wrong = await client.post(
        f"/api/chat/conversations/{conversation}/feedback",
        headers=auth,
        json={"message_id": reply_id - 1, "helpful": True},
    )
    assert wrong.status == 404


async def test_without_the_token_nothing_is_readable(client: TestClient) -> None:
    conversation, auth = await start(client)
    other, _ = await start(client)
    missing = await client.get(f"/api/chat/conversations/{conversation}/messages")
    assert missing.status == 401 and missing.headers["WWW-Authenticate"] == "Bearer"
    for target in (other, 999999):
        wrong = await client.get(f"/api/chat/conversations/{target}/messages", headers=auth)
        assert wrong.status == 404
    bad_ws = await client.get(f"/api/chat/conversations/{conversation}/ws?token=guess")
    assert bad_ws.status == 404


@pytest.mark.parametrize(
    "body, status, field",
    [({}, 400, "text"), ({"text": ""}, 400, "text"), ({"text": 42}, 400, "text"), ({"text": "x" * 5000}, 413, "text")],
)
async def test_bad_messages_are_refused_naming_the_field(
    client: TestClient, body: dict, status: int, field: str
) -> None:
    conversation, auth = await start(client)
    response = await client.post(f"/api/chat/conversations/{conversation}/messages", headers=auth, json=body)
    assert response.status == status and (await error_of(response))["field"] == field


async def test_bad_json_and_huge_bodies(client: TestClient) -> None:
    conversation, auth = await start(client)
    url = f"/api/chat/conversations/{conversation}/messages"
    not_json = await client.post(url, headers={**auth, "Content-Type": "application/json"}, data="{oops")
    assert not_json.status == 400 and "JSON" in (await error_of(not_json))["message"]
    huge = await client.post(url, headers={**auth, "Content-Type": "application/json"}, data="x" * 100_000)
    assert huge.status == 413
    bad_lang = await client.post("/api/chat/conversations", json={"lang": "de"})
    assert bad_lang.status == 400 and (await error_of(bad_lang))["field"] == "lang"


async def test_script_in_a_message_comes_back_as_plain_text(client: TestClient) -> None:
    conversation, auth = await start(client, "en")
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)> where do I report?"
    response = await client.post(
        f"/api/chat/conversations/{conversation}/messages", headers=auth, json={"text": attack}
    )
    assert (await response.json())["message"]["text"] == attack  # data, never markup; the widget uses textContent
    assert response.headers["Content-Type"].startswith("application/json")


async def test_rate_limit_answers_429_with_retry_after(client: TestClient) -> None:
    conversation, auth = await start(client, "en")
    statuses = []
    for _ in range(14):
        response = await client.post(
            f"/api/chat/conversations/{conversation}/messages", headers=auth, json={"text": "What is ENISA?"}
        )
        statuses.append(response.status)
    assert statuses[0] == 201 and statuses[-1] == 429
    assert int(response.headers["Retry-After"]) >= 1


async def test_cors_only_for_allowed_origins(client: TestClient) -> None:
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    allowed = await client.options("/api/chat/conversations", headers=preflight)
    assert allowed.status == 204 and allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    refused = await client.options("/api/chat/conversations", headers={**preflight, "Origin": "https://evil.example"})
    assert refused.status == 403 and "Access-Control-Allow-Origin" not in refused.headers


async def test_pages_and_widget_are_served_with_a_strict_policy(client: TestClient) -> None:
    page = await client.get("/")
    assert page.status == 200 and 'src="/widget.js"' in await page.text()
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    script = await client.get("/widget.js")
    assert script.status == 200 and "textContent" in await script.text()
    article = await client.get("/kb/en/vulnerability-final-report")
    assert "Art. 14(2)(c)" in await article.text()
    assert (await client.get("/kb/en/no-such-article")).status == 404


async def test_the_openapi_document_lists_every_api_route(client: TestClient) -> None:
    served = await (await client.get("/api/openapi.json")).json()
    assert served == DOCUMENT
    routes = {
        (route.method.lower(), route.resource.canonical)
        for route in client.app.router.routes()
        if route.resource is not None
        and route.resource.canonical.startswith("/api/")
        and route.resource.canonical != "/api/openapi.json"
        and route.method != "HEAD"
    }
    documented = {(method, path) for path, operations in DOCUMENT["paths"].items() for method in operations}
    assert routes == documented


def test_app_factory_builds_without_a_server(engine: Engine, assistant: Assistant, renderer: ReplyRenderer) -> None:
    assert isinstance(create_app(Config.from_env({}), engine, assistant, renderer, Hub()), web.Application)


async def test_ids_beyond_what_a_database_holds_are_not_found(client: TestClient) -> None:
    # Found by schemathesis: such an id used to reach the database and fail with a server error.
    conversation, auth = await start(client)
    huge = 2**70
    assert (await client.get(f"/api/chat/conversations/{huge}/messages", headers=auth)).status == 404
    after = await client.get(f"/api/chat/conversations/{conversation}/messages?after={huge}", headers=auth)
    assert after.status == 400
    feedback = await client.post(
        f"/api/chat/conversations/{conversation}/feedback", headers=auth, json={"message_id": huge, "helpful": True}
    )
    assert feedback.status == 400


async def test_a_draft_checked_in_the_chat_is_not_kept(client: TestClient, engine: Engine) -> None:
    conversation, auth = await start(client, "en")
    draft = (
        "Check my draft please.\nEarly warning - severe incident\n"
        "Suspected cause: we suspect unlawful access to our update server.\n"
    )
    response = await client.post(f"/api/chat/conversations/{conversation}/messages", headers=auth, json={"text": draft})
    reply = (await response.json())["reply"]
    assert "Missing:\n- Member States where the product is made available (Art. 14(4)(a))" in reply["text"]
    with Session(engine) as session:
        stored = session.exec(select(Message).where(Message.author == "visitor")).one()
        assert "update server" not in stored.text and stored.text.startswith("[draft of")


async def test_deadline_calculator_json_and_calendar(client: TestClient) -> None:
    query = "track=incident&aware_at=2026-10-24T23:15&lang=nl"
    data = await (await client.get(f"/api/deadlines?{query}")).json()
    assert [d["text"] for d in data["due"]] == [
        "zondag 25 oktober 2026, 22:15 (CET)",
        "dinsdag 27 oktober 2026, 22:15 (CET)",
        "niet berekend omdat de datum waarop de incidentmelding is ingediend niet is opgegeven",
    ]
    assert data["wording"] == "zonder onnodige vertraging en in ieder geval binnen"
    calendar = await client.get(f"/api/deadlines.ics?{query}")
    body = await calendar.text()
    assert calendar.headers["Content-Type"].startswith("text/calendar")
    assert (
        body.startswith("BEGIN:VCALENDAR\r\n")
        and "DTSTART:20261025T211500Z" in body
        and body.count("BEGIN:VEVENT") == 2
    )
    bad = await client.get("/api/deadlines?track=incident&aware_at=yesterday")
    assert bad.status == 400 and (await error_of(bad))["field"] == "aware_at"


async def test_draft_page_checks_without_keeping(client: TestClient, engine: Engine) -> None:
    page = await client.get("/draft?lang=en")
    assert page.status == 200 and "Check a draft report" in await page.text()
    result = await client.post(
        "/draft", data={"lang": "en", "draft": "Early warning - severe incident\nMember States: Netherlands"}
    )
    body = await result.text()
    assert "whether unlawful or malicious acts are suspected (Art. 14(4)(a))" in body.split("Missing")[1]
    with Session(engine) as session:
        assert session.exec(select(Message)).all() == []
