"""Storing received messages durably before the SMTP server says 250 (and recognising a second delivery).

Concurrent SMTP sessions share commits (group commit): while one transaction is being made durable, the messages that
arrive meanwhile wait and go into the next one together. One fsync then answers many senders, which is what lets
acceptance keep pace with the SMTP framework itself. Every sender still hears 250 only after its own message is
committed.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from sqlalchemy import Connection, Engine, Insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from helpdesk.store.models import Message, utcnow

log = logging.getLogger("helpdesk.mail.intake")

# Enough to absorb a burst from many senders; small enough that one transaction stays short.
MAX_GROUP = 64

Stored = tuple[int | None, bool]  # (row id, whether it is new); (None, False) for a second delivery


@dataclass(frozen=True)
class Received:
    raw: bytes
    envelope_from: str
    recipients: list[str]


def _message_id(raw: bytes) -> str | None:
    try:
        value = BytesHeaderParser(policy=compat32).parsebytes(raw).get("Message-ID")
    except Exception:  # headers too broken to read: the digest still deduplicates
        return None
    ids = [p.strip("<> \t\r\n") for p in str(value or "").split() if "@" in p]
    return ids[0][:500] if ids else None


def _row(received: Received) -> dict[str, Any]:
    return {
        "direction": "in",
        "channel": "mail",
        "status": "received",
        "message_id": _message_id(received.raw),
        "digest": hashlib.sha256(received.raw).hexdigest(),
        "envelope_from": received.envelope_from,
        "envelope_to": ",".join(received.recipients),
        "raw": received.raw,
        "created_at": utcnow(),
        "sender": "",
        "subject": "",
        "text": "",
        "body": "",
        "attachments": "[]",
        "automatic": False,
        "note": "",
    }


def _insert_statement(dialect: str) -> Insert:
    """One INSERT … ON CONFLICT DO NOTHING RETURNING id, built once per dialect and reused with new parameters.

    A second delivery of the same message (same bytes or Message-ID) hits a unique constraint and is skipped, so two
    SMTP sessions delivering it at once still store it once.
    """
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = Message.__table__  # type: ignore[attr-defined]
    return insert(table).on_conflict_do_nothing().returning(table.c.id)


_STATEMENTS: dict[str, Insert] = {}


def _insert_one(connection: Connection, row: dict[str, Any]) -> int | None:
    dialect = connection.dialect.name
    statement = _STATEMENTS.get(dialect)
    if statement is None:
        statement = _STATEMENTS[dialect] = _insert_statement(dialect)
    row_id = connection.execute(statement, row).scalar()
    return None if row_id is None else int(row_id)


def store_group(engine: Engine, group: list[Received]) -> list[Stored]:
    """Store the messages in one transaction, in order; raises (storing none of them) when storage fails."""
    rows = [_row(received) for received in group]
    with engine.begin() as connection:
        row_ids = [_insert_one(connection, row) for row in rows]
    for row, row_id in zip(rows, row_ids, strict=True):
        if row_id is None:
            log.info("<%s> delivered again, already stored", row["message_id"])
        else:
            log.info("<%s> stored as message %s (%d bytes)", row["message_id"], row_id, len(row["raw"]))
    return [(row_id, row_id is not None) for row_id in row_ids]


def store_inbound(engine: Engine, raw: bytes, envelope_from: str, recipients: list[str]) -> Stored:
    """Store one message in its own transaction; raises when storage fails."""
    return store_group(engine, [Received(raw, envelope_from, recipients)])[0]


class GroupCommitter:
    """Collects the messages of concurrent SMTP sessions and stores them in shared transactions.

    `store` returns once the caller's message is committed, or raises when it could not be; a failing group is
    retried message by message, so one message the database refuses never costs its neighbours their 250.
    """

    def __init__(self, engine: Engine, max_group: int = MAX_GROUP) -> None:
        self.engine = engine
        self.max_group = max_group
        self._waiting: list[tuple[Received, asyncio.Future[Stored]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def store(self, raw: bytes, envelope_from: str, recipients: list[str]) -> Stored:
        future: asyncio.Future[Stored] = asyncio.get_running_loop().create_future()
        self._waiting.append((Received(raw, envelope_from, recipients), future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_while_waiting(), name="smtp-group-commit")
        return await future

    async def _write_while_waiting(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting[: self.max_group], self._waiting[self.max_group :]
            try:
                results = await asyncio.to_thread(store_group, self.engine, [received for received, _ in group])
            except Exception as error:
                if len(group) == 1:
                    _fail(group[0][1], error)
                    continue
                log.warning("a group of %d messages failed to commit; storing them one by one", len(group))
                for received, future in group:
                    try:
                        stored = await asyncio.to_thread(store_group, self.engine, [received])
                    except Exception as single_error:
                        _fail(future, single_error)
                    else:
                        _resolve(future, stored[0])
                continue
            for (_, future), result in zip(group, results, strict=True):
                _resolve(future, result)


def _resolve(future: asyncio.Future[Stored], stored: Stored) -> None:
    if not future.done():  # the SMTP session may have gone away meanwhile
        future.set_result(stored)


def _fail(future: asyncio.Future[Stored], error: Exception) -> None:
    if not future.done():
        future.set_exception(error)
