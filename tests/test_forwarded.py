"""Behind a reverse proxy: the visitor's address counts for rate limits, but only when the proxy is trusted."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from helpdesk.config import Config, ConfigError
from helpdesk.web.app import CLIENT_BURST
from tests.conftest import WebClient


@pytest.fixture
async def behind_proxy(web_client: WebClient) -> TestClient:
    return await web_client({"HELPDESK_TRUSTED_PROXIES": "127.0.0.0/8"})


async def statuses(client: TestClient, forwarded_for: str, count: int) -> list[int]:
    headers = {"X-Forwarded-For": forwarded_for}
    return [(await client.post("/api/chat/conversations", json={}, headers=headers)).status for _ in range(count)]


async def test_each_visitor_behind_a_trusted_proxy_has_a_limit_of_their_own(behind_proxy: TestClient) -> None:
    assert (await statuses(behind_proxy, "203.0.113.7", CLIENT_BURST + 2))[-1] == 429
    assert await statuses(behind_proxy, "198.51.100.20", 1) == [201]
    # The address a client put in the header itself (leftmost) does not let it escape its limit.
    assert await statuses(behind_proxy, "192.0.2.99, 203.0.113.7", 1) == [429]


async def test_the_header_of_an_untrusted_sender_is_ignored(web_client: WebClient) -> None:
    client = await web_client()
    assert (await statuses(client, "203.0.113.7", CLIENT_BURST + 2))[-1] == 429
    assert await statuses(client, "198.51.100.20", 1) == [429]  # still the same client: the header changed nothing


def test_a_bad_proxy_setting_stops_start_up() -> None:
    with pytest.raises(ConfigError, match="HELPDESK_TRUSTED_PROXIES"):
        Config.from_env({"HELPDESK_TRUSTED_PROXIES": "nginx.local"})


async def test_https_at_a_trusted_proxy_makes_the_staff_cookie_secure(behind_proxy: TestClient) -> None:
    page = await behind_proxy.get("/staff/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in page.headers["Set-Cookie"]


async def test_https_claimed_by_an_untrusted_sender_changes_nothing(web_client: WebClient) -> None:
    client = await web_client()
    page = await client.get("/staff/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" not in page.headers["Set-Cookie"]
