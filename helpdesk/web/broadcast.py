"""Getting a new chat message to the worker that holds the visitor's WebSocket.

With one process (SQLite) a message is pushed straight to this process's hub. With PostgreSQL several `helpdesk
serve` processes share the database: the sender announces the message id with NOTIFY, every process LISTENs, reads
the message from the database and pushes it to the sockets it holds. Payloads carry ids only, never text.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import psycopg
from sqlalchemy import Engine, text

from helpdesk.store import conversations
from helpdesk.web.hub import Hub

log = logging.getLogger("helpdesk.web.broadcast")
CHANNEL = "helpdesk_chat"
RECONNECT_SECONDS = 2.0


class LocalBroadcast:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    async def send(self, conversation: int, message: dict[str, Any]) -> None:
        await self.hub.publish(conversation, message)

    async def run(self, stop: asyncio.Event) -> None:
        await stop.wait()


class PostgresBroadcast:
    def __init__(self, hub: Hub, engine: Engine) -> None:
        self.hub, self.engine = hub, engine
        url = engine.url.set(drivername="postgresql")
        self.conninfo = url.render_as_string(hide_password=False)
        self.ready = asyncio.Event()

    def _notify(self, payload: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})

    async def send(self, conversation: int, message: dict[str, Any]) -> None:
        payload = json.dumps({"conversation": conversation, "message": message["id"]})
        await asyncio.to_thread(self._notify, payload)

    async def _deliver(self, payload: str) -> None:
        try:
            note = json.loads(payload)
            conversation, message_id = int(note["conversation"]), int(note["message"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed notification %r", payload[:200])
            return
        if not self.hub.watchers(conversation) and not self.hub.waiting(conversation):
            return
        messages = await asyncio.to_thread(conversations.messages_after, self.engine, conversation, message_id - 1)
        for message in messages:
            if message["id"] == message_id:
                await self.hub.publish(conversation, message)

    async def run(self, stop: asyncio.Event) -> None:
        """LISTEN until `stop`, reconnecting after a lost connection."""
        while not stop.is_set():
            try:
                async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    self.ready.set()
                    notifies = connection.notifies()
                    while not stop.is_set():
                        waiter = asyncio.ensure_future(anext(notifies))
                        stopper = asyncio.ensure_future(stop.wait())
                        done, _ = await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
                        stopper.cancel()
                        if waiter not in done:
                            waiter.cancel()
                            break
                        await self._deliver(waiter.result().payload)
            except (psycopg.OperationalError, OSError) as exc:
                log.warning("LISTEN connection lost (%s); reconnecting", exc)
                await asyncio.sleep(RECONNECT_SECONDS)
