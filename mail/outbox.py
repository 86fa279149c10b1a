"""Delivering queued mail to the relay: claimed atomically, retried with backoff, never sent twice.

A row is claimed by one statement that moves it from `queued` to `sending` (with `FOR UPDATE SKIP LOCKED` on
PostgreSQL, so two workers never take the same row). A worker that dies mid-send leaves the row in `sending`;
after CLAIM_TIMEOUT it goes back to the queue (the relay may then see it twice — at-least-once, never zero times).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import smtplib
import time
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlmodel import Session

from helpdesk.store.models import Message, Outbox, utcnow

log = logging.getLogger("helpdesk.mail.outbox")

MAX_ATTEMPTS = 12
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_RETRY = dt.timedelta(hours=1)
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
SMTP_TIMEOUT = 30
NO_RELAY_WARNING_INTERVAL = 600.0  # seconds between reminders that mail is waiting for a relay


@dataclass(frozen=True)
class Relay:
    host: str
    port: int

    @classmethod
    def parse(cls, value: str) -> Relay:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"HELPDESK_RELAY must be host:port, got {value!r}")
        return cls(host.strip("[]"), int(port))


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, ... up to an hour between tries."""
    doublings = min(max(attempts - 1, 0), 16)
    return min(FIRST_RETRY * 2**doublings, LONGEST_RETRY)


def claim(engine: Engine) -> int | None:
    """Move the oldest due row to `sending`; its id, or None when nothing is due."""
    now = utcnow()
    lock = " FOR UPDATE SKIP LOCKED" if engine.dialect.name == "postgresql" else ""
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE outbox SET status = 'queued' WHERE status = 'sending' AND claimed_at < :stale"),
            {"stale": now - CLAIM_TIMEOUT},
        )
        row = connection.execute(
            text(
                "UPDATE outbox SET status = 'sending', claimed_at = :now, attempts = attempts + 1 WHERE id = ("
                f"SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= :now ORDER BY id LIMIT 1{lock}"
                ") AND status = 'queued' RETURNING id"
            ),
            {"now": now},
        ).first()
    return int(row[0]) if row else None


def send(relay: Relay, row: Outbox) -> None:
    with smtplib.SMTP(relay.host, relay.port, timeout=SMTP_TIMEOUT) as client:
        client.sendmail(row.sender, [row.recipient], row.raw)


def deliver(engine: Engine, relay: Relay, outbox_id: int) -> bool:
    """Send one claimed row; record success, a retry with backoff, or final failure. True when sent."""
    with Session(engine) as session:
        row = session.get(Outbox, outbox_id)
        assert row is not None
        try:
            send(relay, row)
        except (smtplib.SMTPException, OSError) as exc:
            permanent = isinstance(exc, smtplib.SMTPRecipientsRefused) and all(
                code >= 500 for code, _ in exc.recipients.values()
            )
            row.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            if permanent or row.attempts >= MAX_ATTEMPTS:
                row.status = "failed"
                log.error("outbox %s to %s failed for good: %s", row.id, row.recipient, row.last_error)
            else:
                row.status, row.next_attempt_at = "queued", utcnow() + backoff(row.attempts)
                log.warning(
                    "outbox %s to %s: %s; retry at %s", row.id, row.recipient, row.last_error, row.next_attempt_at
                )
            session.add(row)
            session.commit()
            return False
        row.status, row.sent_at = "sent", utcnow()
        if row.message_id is not None and (message := session.get(Message, row.message_id)):
            message.status = "sent"
            session.add(message)
        session.add(row)
        session.commit()
        log.info("outbox %s sent to %s", row.id, row.recipient)
        return True


def drain(engine: Engine, relay: Relay) -> int:
    """Send everything that is due; returns how many were sent."""
    sent = 0
    while (outbox_id := claim(engine)) is not None:
        sent += deliver(engine, relay, outbox_id)
    return sent


def queued(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT COUNT(*) FROM outbox WHERE status = 'queued'")).scalar() or 0)


async def wait_any(events: list[asyncio.Event], seconds: float) -> None:
    """Sleep until one of the events is set or the time is up."""
    waiters = [asyncio.create_task(event.wait()) for event in events]
    await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters:
        waiter.cancel()


async def run_outbox(
    engine: Engine, relay: Relay | None, wake: asyncio.Event, stop: asyncio.Event, poll_seconds: float = 5.0
) -> None:
    """The worker loop of `helpdesk serve`: drain when woken or every poll interval, until `stop` is set."""
    last_warning = 0.0
    while not stop.is_set():
        if relay is None:
            waiting = await asyncio.to_thread(queued, engine)
            if waiting and time.monotonic() - last_warning > NO_RELAY_WARNING_INTERVAL:
                log.warning("no HELPDESK_RELAY configured: %d mail(s) stay queued in the outbox", waiting)
                last_warning = time.monotonic()
        else:
            await asyncio.to_thread(drain, engine, relay)
        await wait_any([wake, stop], poll_seconds)
        wake.clear()
