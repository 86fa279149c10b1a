"""/healthz and /metrics as a load balancer and Prometheus see them."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import Engine, text

from helpdesk.assistant import Assistant
from helpdesk.config import Config
from helpdesk.replies import ReplyRenderer
from helpdesk.store.database import open_engine
from helpdesk.web.app import create_app
from helpdesk.web.hub import Hub
from tests.conftest import WebClient


@pytest.fixture
async def client(web_client: WebClient) -> TestClient:
    return await web_client()


async def test_healthz_reports_the_database(client: TestClient) -> None:
    response = await client.get("/healthz")
    assert response.status == 200 and await response.json() == {"status": "ok", "database": "ok"}


async def test_healthz_is_503_when_the_database_cannot_be_reached(
    aiohttp_client: Any, tmp_path: Any, assistant: Assistant, renderer: ReplyRenderer
) -> None:
    unreachable = open_engine(f"sqlite:///{tmp_path / 'no-such-directory' / 'helpdesk.db'}")
    client = await aiohttp_client(create_app(Config.from_env({}), unreachable, assistant, renderer, Hub()))
    response = await client.get("/healthz")
    assert response.status == 503 and (await response.json())["status"] == "unavailable"


async def test_metrics_in_prometheus_text_format(client: TestClient, engine: Engine) -> None:
    conversation = await (await client.post("/api/chat/conversations", json={"lang": "en"})).json()
    headers = {"Authorization": f"Bearer {conversation['token']}"}
    await client.post(
        f"/api/chat/conversations/{conversation['id']}/messages", headers=headers, json={"text": "What is ENISA?"}
    )
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO outbox (recipient, sender, raw, automatic, status, attempts, next_attempt_at, "
                "last_error, created_at) VALUES ('a@b.c', 'h@b.c', :raw, true, 'queued', 0, "
                "'2026-01-01 00:00:00', '', '2026-01-01 00:00:00')"
            ),
            {"raw": b"x"},
        )
    response = await client.get("/metrics")
    body = await response.text()
    assert response.headers["Content-Type"].startswith("text/plain")
    assert 'helpdesk_messages_received_total{channel="chat"}' in body
    assert 'helpdesk_decisions_total{outcome="answered"}' in body
    assert "helpdesk_outbox_queued 1.0" in body
    oldest = next(line for line in body.splitlines() if line.startswith("helpdesk_outbox_oldest_age_seconds "))
    assert float(oldest.split()[1]) > 3600
    assert 'helpdesk_http_request_duration_seconds_count{route="/api/chat/conversations"}' in body
