"""Whether a visitor is watching a chat conversation right now, whichever serving process holds the widget.

A staff reply to a chat is pushed to the open widget, and mailed as well only when the visitor left an address and
nobody is watching. With several processes the widget may be connected to another process than the one the staff
member answers on, so each process records the conversations it holds as leases in the database: taken when a
widget connects or long-polls, renewed while it stays, released when it leaves. A process that dies leaves only
leases that run out.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterable

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from helpdesk.store.models import Presence, utcnow

LEASE_SECONDS = 90
RENEW_SECONDS = 30  # well inside the lease, so a held widget never looks absent


class PresenceBoard:
    def __init__(self, engine: Engine, worker: str | None = None) -> None:
        self.engine = engine
        self.worker = worker or uuid.uuid4().hex
        self._leaving: set[asyncio.Future[None]] = set()

    def hold(self, conversations: Iterable[int], seconds: float = LEASE_SECONDS) -> None:
        """Take or extend this process's lease on each conversation."""
        rows = [
            {"ticket_id": c, "worker": self.worker, "expires_at": utcnow() + dt.timedelta(seconds=seconds)}
            for c in conversations
        ]
        if not rows:
            return
        insert = postgresql_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = insert(Presence).on_conflict_do_update(
            index_elements=["ticket_id", "worker"], set_={"expires_at": insert(Presence).excluded.expires_at}
        )
        with self.engine.begin() as connection:
            connection.execute(statement, rows)

    def release(self, conversation: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                delete(Presence).where(col(Presence.ticket_id) == conversation, col(Presence.worker) == self.worker)
            )

    async def leave(self, conversation: int) -> None:
        """Release from a request handler. It completes even if the handler is cancelled (aiohttp cancels handlers
        whose connection drops), as a lease left behind would keep staff replies from being mailed."""
        leaving = asyncio.ensure_future(asyncio.to_thread(self.release, conversation))
        self._leaving.add(leaving)
        leaving.add_done_callback(self._leaving.discard)
        await asyncio.shield(leaving)

    async def close(self) -> None:
        """At shutdown, after the last releases have finished: this process holds nothing any more."""
        await asyncio.gather(*self._leaving, return_exceptions=True)
        await asyncio.to_thread(self.release_all)

    def release_all(self) -> None:
        """On shutdown: this process holds nothing any more; leases of dead processes are swept as well."""
        with self.engine.begin() as connection:
            connection.execute(
                delete(Presence).where((col(Presence.worker) == self.worker) | (col(Presence.expires_at) < utcnow()))
            )

    def watched(self, conversation: int) -> bool:
        with self.engine.connect() as connection:
            held = connection.execute(
                select(func.count())
                .select_from(Presence)
                .where(col(Presence.ticket_id) == conversation, col(Presence.expires_at) > utcnow())
            ).scalar()
        return bool(held)
