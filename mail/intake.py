"""Storing a received message durably before the SMTP server says 250 (and recognising a second delivery)."""

from __future__ import annotations

import hashlib
import logging
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from helpdesk.store.models import Message, utcnow

log = logging.getLogger("helpdesk.mail.intake")


def _message_id(raw: bytes) -> str | None:
    try:
        value = BytesHeaderParser(policy=compat32).parsebytes(raw).get("Message-ID")
    except Exception:  # headers too broken to read: the digest still deduplicates
        return None
    ids = [p.strip("<> \t\r\n") for p in str(value or "").split() if "@" in p]
    return ids[0][:500] if ids else None


def store_inbound(engine: Engine, raw: bytes, envelope_from: str, recipients: list[str]) -> tuple[int | None, bool]:
    """Store the raw message in one statement; returns (row id, whether it is new). Raises when storage fails.

    A second delivery of the same message (same bytes or Message-ID) hits a unique constraint and is skipped by
    `ON CONFLICT DO NOTHING`, so two SMTP sessions delivering it at once still store it once.
    """
    digest = hashlib.sha256(raw).hexdigest()
    message_id = _message_id(raw)
    values = {
        "direction": "in",
        "channel": "mail",
        "status": "received",
        "message_id": message_id,
        "digest": digest,
        "envelope_from": envelope_from,
        "envelope_to": ",".join(recipients),
        "raw": raw,
        "created_at": utcnow(),
        "sender": "",
        "subject": "",
        "text": "",
        "body": "",
        "attachments": "[]",
        "automatic": False,
        "note": "",
    }
    insert = postgresql_insert if engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(Message).values(**values).on_conflict_do_nothing().returning(col(Message.id))
    with engine.begin() as connection:
        row_id = connection.execute(statement).scalar()
    if row_id is None:
        log.info("<%s> delivered again, already stored", message_id)
        return None, False
    log.info("<%s> stored as message %s (%d bytes)", message_id, row_id, len(raw))
    return int(row_id), True
