"""Two real `helpdesk serve` processes on one PostgreSQL behave as one: a staff reply saved by one reaches a widget
connected to the other (LISTEN/NOTIFY), and their outbox workers drain one queue without sending anything twice."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage

import aiohttp
import pytest
from sqlmodel import Session, select

from helpdesk.staff.accounts import add_user
from helpdesk.store.database import migrate, open_engine
from helpdesk.store.models import Outbox
from tests.conftest import KB_DIR, ROOT
from tests.mailkit import start_sink, wait_for

pytestmark = pytest.mark.skipif(
    not os.environ.get("HELPDESK_TEST_DATABASE_URL"), reason="needs PostgreSQL (HELPDESK_TEST_DATABASE_URL)"
)
PASSWORD = "a long staff password"


class Serve:
    """One `helpdesk serve` process; its web port is read from its log."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "helpdesk", "--log-level", "INFO", "serve"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.web_port = 0
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if match := re.search(r"web on http://127\.0\.0\.1:(\d+)/", line):
                self.web_port = int(match.group(1))
            if "SMTP on" in line:
                break
        assert self.web_port, "the web server did not start"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.communicate()


@pytest.fixture
def pair(database_url: str) -> Iterator[tuple[Serve, Serve, object, str]]:
    if not database_url.startswith("postgresql"):
        pytest.skip("scale-out is a PostgreSQL feature")
    engine = open_engine(database_url)
    migrate(engine)
    add_user(engine, "agent@ncsc.example", PASSWORD)
    controller, sink = start_sink()
    env = {
        **os.environ,
        "HELPDESK_DATABASE_URL": database_url,
        "HELPDESK_WEB_PORT": "0",
        "HELPDESK_SMTP_PORT": "0",
        "HELPDESK_KB_DIR": str(KB_DIR),
        "HELPDESK_RELAY": f"127.0.0.1:{controller.port}",
    }
    first, second = Serve(env), Serve(env)
    yield first, second, sink, database_url
    first.stop()
    second.stop()
    controller.stop()
    engine.dispose()


async def test_a_staff_reply_on_one_process_reaches_a_widget_on_the_other(pair) -> None:  # type: ignore[no-untyped-def]
    first, second, _, database_url = pair
    staff_jar = aiohttp.CookieJar(unsafe=True)  # the default jar refuses cookies from an IP address
    async with aiohttp.ClientSession() as visitor, aiohttp.ClientSession(cookie_jar=staff_jar) as staff:
        created = await (
            await visitor.post(f"http://127.0.0.1:{second.web_port}/api/chat/conversations", json={})
        ).json()
        await visitor.post(
            f"http://127.0.0.1:{second.web_port}/api/chat/conversations/{created['id']}/escalate",
            json={"email": "eva@maker.example"},
            headers={"Authorization": f"Bearer {created['token']}"},
        )
        socket = await visitor.ws_connect(
            f"http://127.0.0.1:{second.web_port}/api/chat/conversations/{created['id']}/ws?token={created['token']}"
        )
        base = f"http://127.0.0.1:{first.web_port}"
        login = await (await staff.get(f"{base}/staff/login")).text()
        token = re.search(r'name="csrf" value="([^"]+)"', login).group(1)  # type: ignore[union-attr]
        await staff.post(
            f"{base}/staff/login", data={"csrf": token, "email": "agent@ncsc.example", "password": PASSWORD}
        )
        page = await (await staff.get(f"{base}/staff/tickets/{created['id']}")).text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        await staff.post(f"{base}/staff/tickets/{created['id']}/reply", data={"csrf": csrf, "text": "Van proces één."})
        pushed = await asyncio.wait_for(socket.receive_json(), timeout=10)
        assert pushed["message"]["text"] == "Van proces één." and pushed["message"]["role"] == "staff"
        await socket.close()
    # The visitor had left an address, but read the reply live on the other process: no copy was mailed.
    engine = open_engine(database_url)
    with Session(engine) as session:
        assert session.exec(select(Outbox).where(Outbox.recipient == "eva@maker.example")).all() == []
    engine.dispose()


def test_two_outbox_workers_send_every_mail_once(pair) -> None:  # type: ignore[no-untyped-def]
    _, _, sink, database_url = pair
    engine = open_engine(database_url)
    with Session(engine) as session:
        for n in range(30):
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = "helpdesk@localhost", f"u{n}@example.org", f"m{n}"
            message.set_content("x")
            session.add(Outbox(recipient=f"u{n}@example.org", sender="helpdesk@localhost", raw=message.as_bytes()))
        session.commit()
    wait_for(lambda: len(sink.received) >= 30, "not all mail was sent", seconds=30)
    subjects = sorted(str(m["Subject"]) for m in sink.received)
    assert subjects == sorted(f"m{n}" for n in range(30))
    engine.dispose()


async def test_two_processes_share_one_rate_limit(pair) -> None:  # type: ignore[no-untyped-def]
    first, second, _, _ = pair
    async with aiohttp.ClientSession() as visitor:
        created = await (
            await visitor.post(f"http://127.0.0.1:{first.web_port}/api/chat/conversations", json={})
        ).json()
        headers = {"Authorization": f"Bearer {created['token']}"}
        statuses = []
        for n in range(12):  # a conversation may post a burst of 10, whichever process its requests reach
            port = (first, second)[n % 2].web_port
            response = await visitor.post(
                f"http://127.0.0.1:{port}/api/chat/conversations/{created['id']}/messages",
                headers=headers,
                json={"text": "Waar meld ik een incident?"},
            )
            statuses.append(response.status)
    assert statuses[:10] == [201] * 10 and statuses[10:] == [429, 429]
