"""`create_app`: the whole web service in one place — shared objects, middlewares and the route table."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

from aiohttp import web
from sqlalchemy import Engine

from helpdesk.assistant import Assistant
from helpdesk.config import Config
from helpdesk.replies import ReplyRenderer
from helpdesk.staff import views
from helpdesk.staff.views import staff_guard
from helpdesk.web import chat, ops, pages, tools
from helpdesk.web.broadcast import LocalBroadcast, PostgresBroadcast
from helpdesk.web.errors import json_errors
from helpdesk.web.forwarded import forwarded_middleware
from helpdesk.web.hub import Hub
from helpdesk.web.keys import (
    ASSISTANT,
    BROADCAST,
    ENGINE,
    HUB,
    LIMITS,
    LONG_POLL,
    PRESENCE,
    RENDERER,
    STAFF_LIMITS,
    STAFF_MAILER,
    STAFF_NOTIFIER,
)
from helpdesk.web.openapi import openapi
from helpdesk.web.presence import RENEW_SECONDS, PresenceBoard
from helpdesk.web.security import make_limiter, security_middleware

MAX_BODY_BYTES = 64 * 1024
# Per client address: a burst of 20, then one request a second; per conversation: a burst of 10, one per 2 s.
CLIENT_RATE, CLIENT_BURST = 1.0, 20
CONVERSATION_RATE, CONVERSATION_BURST = 0.5, 10
# Staff sign-in attempts per client address: 10 at once, then one every 6 s (accounts also lock, see accounts.py).
LOGIN_RATE, LOGIN_BURST = 1 / 6, 10


def create_app(
    config: Config,
    engine: Engine,
    assistant: Assistant,
    renderer: ReplyRenderer,
    hub: Hub,
    staff_mailer: Callable[[int, str, str], int] | None = None,
    staff_notifier: Callable[[int, str], None] | None = None,
    broadcast: LocalBroadcast | PostgresBroadcast | None = None,
) -> web.Application:
    # The client's own address first (rate limits count per client); security headers next, so error responses
    # carry them too; JSON errors inside; staff sessions innermost.
    app = web.Application(
        client_max_size=MAX_BODY_BYTES,
        middlewares=[
            forwarded_middleware(config.trusted_proxies),
            ops.timing,
            security_middleware(config.allowed_origins),
            json_errors,
            staff_guard,
        ],
    )
    app[ENGINE], app[ASSISTANT], app[RENDERER], app[HUB] = engine, assistant, renderer, hub
    app[PRESENCE] = PresenceBoard(engine)
    app[LIMITS] = {
        "client": make_limiter(engine, "client", CLIENT_RATE, CLIENT_BURST),
        "conversation": make_limiter(engine, "conversation", CONVERSATION_RATE, CONVERSATION_BURST),
    }
    app[STAFF_LIMITS] = make_limiter(engine, "login", LOGIN_RATE, LOGIN_BURST)
    app[LONG_POLL] = config.long_poll_seconds
    app[BROADCAST] = broadcast or LocalBroadcast(hub)
    if staff_mailer is not None:
        app[STAFF_MAILER] = staff_mailer
    if staff_notifier is not None:
        app[STAFF_NOTIFIER] = staff_notifier
    app.router.add_routes(
        [
            web.get("/", pages.demo, name="demo"),
            web.get("/widget.js", pages.widget_script, name="widget-js"),
            web.get("/widget.css", pages.widget_style, name="widget-css"),
            web.get("/kb/{lang:nl|en}/{slug:[a-z0-9-]+}", pages.article, name="article"),
            web.get("/api/openapi.json", openapi, name="openapi"),
            web.get("/api/deadlines", tools.deadline_json, name="deadlines"),
            web.get("/api/deadlines.ics", tools.deadline_ics, name="deadlines-ics"),
            web.get("/draft", tools.draft_page, name="draft"),
            web.post("/draft", tools.draft_check),
            web.get("/healthz", ops.healthz, name="healthz"),
            web.get("/metrics", ops.metrics_page, name="metrics"),
            web.post("/api/chat/conversations", chat.create_conversation, name="conversations"),
            web.post("/api/chat/conversations/{id}/messages", chat.post_message, name="post-message"),
            web.get("/api/chat/conversations/{id}/messages", chat.list_messages, name="messages"),
            web.get("/api/chat/conversations/{id}/ws", chat.websocket, name="websocket"),
            web.post("/api/chat/conversations/{id}/escalate", chat.escalate, name="escalate"),
            web.post("/api/chat/conversations/{id}/feedback", chat.feedback, name="feedback"),
            web.get("/staff/staff.js", pages.staff_script, name="staff-js"),
            *views.ROUTES,
        ]
    )

    async def close_sockets(app: web.Application) -> None:
        await app[HUB].close()

    app.on_shutdown.append(close_sockets)
    app.cleanup_ctx.append(_renew_presence)
    return app


async def _renew_presence(app: web.Application) -> AsyncIterator[None]:
    """Keep this process's leases on the conversations whose widgets it holds; give them all up at the end."""
    presence, hub = app[PRESENCE], app[HUB]

    async def renew() -> None:
        while True:
            await asyncio.sleep(RENEW_SECONDS)
            with contextlib.suppress(Exception):  # a database hiccup: the next round renews, leases outlast it
                await asyncio.to_thread(presence.hold, hub.held())

    task = asyncio.create_task(renew(), name="presence-renewal")
    yield
    task.cancel()
    with contextlib.suppress(Exception):
        await presence.close()
