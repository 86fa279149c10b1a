"""The shared objects of the web application, as typed keys."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web
from sqlalchemy import Engine

from helpdesk.assistant import Assistant
from helpdesk.replies import ReplyRenderer
from helpdesk.web.hub import Hub
from helpdesk.web.presence import PresenceBoard
from helpdesk.web.security import Limiter

ENGINE = web.AppKey("engine", Engine)
ASSISTANT = web.AppKey("assistant", Assistant)
RENDERER = web.AppKey("renderer", ReplyRenderer)
HUB = web.AppKey("hub", Hub)
PRESENCE = web.AppKey("presence", PresenceBoard)
LIMITS = web.AppKey("limits", dict[str, Limiter])
# Queues a staff answer by mail: (ticket id, author, text) -> outbox id. Given by `helpdesk serve` (the mail
# channel); the web channel never imports mail itself.
StaffMailer = Callable[[int, str, str], int]
STAFF_MAILER: web.AppKey[StaffMailer] = web.AppKey("staff_mailer")
STAFF_LIMITS: web.AppKey[Limiter] = web.AppKey("staff_limits")
# Tells staff a ticket needs a person: (ticket id, reason). Given by `helpdesk serve` when
# HELPDESK_STAFF_ADDRESS is set.
StaffNotifier = Callable[[int, str], None]
STAFF_NOTIFIER: web.AppKey[StaffNotifier] = web.AppKey("staff_notifier")
LONG_POLL = web.AppKey("long_poll_seconds", int)
# Delivers a new chat message to whichever worker holds the visitor's socket (broadcast.py).
BROADCAST = web.AppKey("broadcast", object)
