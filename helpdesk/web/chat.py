"""The chat API of DESIGN.md: conversations, messages, live replies, escalation and feedback.

Handlers are thin: they check input and the conversation token, call the store in a thread, and answer. Every
2xx comes after the commit.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web
from email_validator import EmailNotValidError, validate_email

from helpdesk.store import conversations
from helpdesk.web.errors import ApiError
from helpdesk.web.keys import ASSISTANT, ENGINE, HUB, LIMITS, LONG_POLL, PRESENCE, RENDERER, STAFF_NOTIFIER
from helpdesk.web.security import enforce

MAX_ID = 2**63 - 1  # the largest id a database integer holds
MAX_TEXT = 4000
MAX_NOTE = 2000
POLL_GRACE_SECONDS = 30


async def _json(request: web.Request) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise ApiError(415 if request.can_read_body else 400, "Send a JSON body (Content-Type: application/json)")
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "The body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a JSON object")
    return body


def _client(request: web.Request) -> str:
    return request.remote or "unknown"


async def _conversation(request: web.Request, token: str | None = None) -> int:
    """The conversation id of the URL, if the caller holds its token; 401/404 otherwise."""
    try:
        conversation = int(request.match_info["id"])
    except ValueError:
        raise ApiError(404, "No such conversation") from None
    if not 0 < conversation <= MAX_ID:
        raise ApiError(404, "No such conversation")
    if token is None:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ApiError(
                401,
                "Send the conversation token as 'Authorization: Bearer <token>'",
                headers={"WWW-Authenticate": "Bearer"},
            )
    # The same answer for a wrong token and an unknown id: nothing to learn about other conversations.
    if not await asyncio.to_thread(conversations.authorized, request.app[ENGINE], conversation, token):
        raise ApiError(404, "No such conversation")
    return conversation


async def create_conversation(request: web.Request) -> web.Response:
    await enforce(request.app[LIMITS]["client"], _client(request))
    body = await _json(request) if request.can_read_body else {}
    lang = body.get("lang", "nl")
    if lang not in ("nl", "en"):
        raise ApiError(400, "lang must be 'nl' or 'en'", field="lang")
    conversation, token = await asyncio.to_thread(conversations.create_conversation, request.app[ENGINE], lang)
    return web.json_response({"id": conversation, "token": token}, status=201)


async def post_message(request: web.Request) -> web.Response:
    await enforce(request.app[LIMITS]["client"], _client(request))
    conversation = await _conversation(request)
    await enforce(request.app[LIMITS]["conversation"], str(conversation))
    body = await _json(request)
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "text must be a non-empty string", field="text")
    if len(text) > MAX_TEXT:
        raise ApiError(413, f"text is longer than {MAX_TEXT} characters", field="text")
    assistant, renderer = request.app[ASSISTANT], request.app[RENDERER]
    question, reply = await asyncio.to_thread(
        conversations.ask,
        request.app[ENGINE],
        conversation,
        text.strip(),
        lambda t, history: assistant.decide(t, history=history),
        lambda decision: renderer.render(decision, channel="chat"),
    )
    if reply["escalate"]:
        await _notify_staff(request, conversation, "the assistant handed the question to a person")
    answers = [renderer.answer(slug, reply["lang"]) for slug in reply.get("articles", [])]
    reply["citations"] = [
        {"slug": a.slug, "title": a.title, "basis": list(a.basis), "url": f"/kb/{reply['lang']}/{a.slug}"}
        for a in answers
    ]
    return web.json_response({"message": question, "reply": reply}, status=201)


async def list_messages(request: web.Request) -> web.Response:
    conversation = await _conversation(request)
    try:
        after = int(request.query.get("after", "0"))
        wait = min(max(float(request.query.get("wait", "0")), 0.0), float(request.app[LONG_POLL]))
    except ValueError:
        raise ApiError(400, "after must be a whole number and wait a number of seconds", field="after") from None
    if not 0 <= after <= MAX_ID:
        raise ApiError(400, "after is out of range", field="after")
    engine = request.app[ENGINE]
    messages = await asyncio.to_thread(conversations.messages_after, engine, conversation, after)
    if not messages and wait > 0:
        # The visitor polls again straight after: watching until a while after this poll ends.
        await asyncio.to_thread(request.app[PRESENCE].hold, [conversation], wait + POLL_GRACE_SECONDS)
        await request.app[HUB].wait(conversation, wait)
        messages = await asyncio.to_thread(conversations.messages_after, engine, conversation, after)
    return web.json_response({"messages": messages})


async def escalate(request: web.Request) -> web.Response:
    conversation = await _conversation(request)
    body = await _json(request) if request.can_read_body else {}
    email, note = body.get("email"), body.get("note")
    if email is not None:
        if not isinstance(email, str):
            raise ApiError(400, "email must be a string", field="email")
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise ApiError(400, f"email is not a valid address: {exc}", field="email") from None
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE):
        raise ApiError(400, f"note must be a string of at most {MAX_NOTE} characters", field="note")
    result = await asyncio.to_thread(conversations.escalate, request.app[ENGINE], conversation, email, note)
    await _notify_staff(request, conversation, "the visitor asked for a person")
    return web.json_response(result)


async def _notify_staff(request: web.Request, conversation: int, reason: str) -> None:
    if STAFF_NOTIFIER in request.app:
        await asyncio.to_thread(request.app[STAFF_NOTIFIER], conversation, reason)


async def feedback(request: web.Request) -> web.Response:
    conversation = await _conversation(request)
    body = await _json(request)
    message_id, helpful = body.get("message_id"), body.get("helpful")
    if not isinstance(message_id, int) or isinstance(message_id, bool) or not 0 < message_id <= MAX_ID:
        raise ApiError(400, "message_id must be the id of an answer", field="message_id")
    if not isinstance(helpful, bool):
        raise ApiError(400, "helpful must be true or false", field="helpful")
    stored = await asyncio.to_thread(
        conversations.record_feedback, request.app[ENGINE], conversation, message_id, helpful
    )
    if not stored:
        raise ApiError(404, "No such answer in this conversation", field="message_id")
    return web.json_response({"stored": True, "offer_escalation": not helpful})


async def websocket(request: web.Request) -> web.WebSocketResponse:
    """Pushes new messages (staff replies) to an open widget. The token comes as ?token=, as browsers cannot
    send headers with a WebSocket."""
    conversation = await _conversation(request, token=request.query.get("token", ""))
    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=4096)
    await socket.prepare(request)
    hub, presence = request.app[HUB], request.app[PRESENCE]
    hub.join(conversation, socket)
    if hub.watchers(conversation) == 1:
        await asyncio.to_thread(presence.hold, [conversation])
    try:
        async for message in socket:  # the widget sends nothing; reading keeps the connection and its pings alive
            if message.type == WSMsgType.ERROR:
                break
    finally:
        hub.leave(conversation, socket)
        if not hub.watchers(conversation):
            await presence.leave(conversation)
    return socket
