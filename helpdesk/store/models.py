"""The tables. Raw mail is kept as bytes beside the text the assistant read, so nothing is lost in parsing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Contact(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    name: str = ""
    bounced_at: dt.datetime | None = None  # a bounce came back recently: no automatic mail to this address
    created_at: dt.datetime = Field(default_factory=utcnow)


class Ticket(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(index=True)  # mail | chat
    status: str = Field(default="open", index=True)  # open | answered | escalated | waiting | closed
    assignee_id: int | None = Field(default=None, foreign_key="staffuser.id")
    language: str = "nl"
    subject: str = ""
    urgent: bool = False
    token_hash: str | None = None  # chat: sha256 of the conversation token; only its holder may read or post
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    closed_at: dt.datetime | None = None

    @property
    def number(self) -> str:
        return ticket_number(self.id or 0)


def ticket_number(ticket_id: int) -> str:
    return f"CRA-{ticket_id:06d}"


class Message(SQLModel, table=True):
    # The same delivery twice (same bytes, or same Message-ID) is refused by the database itself, atomically.
    __table_args__ = (
        UniqueConstraint("direction", "digest", name="uq_message_digest"),
        UniqueConstraint("direction", "message_id", name="uq_message_message_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    direction: str  # in | out
    channel: str  # mail | chat
    status: str = Field(default="received", index=True)  # received | processed | failed | ignored | sent
    message_id: str | None = Field(default=None, index=True)  # RFC 5322 Message-ID, angle brackets removed
    digest: str | None = None  # sha256 of the raw bytes: the same delivery twice is stored once
    envelope_from: str = ""
    envelope_to: str = ""  # comma-separated recipients as given in RCPT TO (plus-addresses carry a ticket)
    sender: str = ""
    subject: str = ""
    text: str = ""  # what the assistant read (mail: the new text, without quotes or signature)
    body: str = ""  # the whole body as text, for staff
    attachments: str = "[]"  # JSON list of {name, type, size}
    decision: str | None = None  # JSON of Decision.details()
    automatic: bool = False  # written by the assistant, not by a person
    author: str = ""  # visitor | assistant | staff address (chat); empty for mail
    helpful: bool | None = None  # the asker's "did this answer help?" on an automatic answer
    note: str = ""  # why it was not answered automatically, or what went wrong
    raw: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)


class Outbox(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    message_id: int | None = Field(default=None, foreign_key="message.id")
    recipient: str = Field(index=True)
    sender: str
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    automatic: bool = True
    status: str = Field(default="queued", index=True)  # queued | sending | sent | failed
    attempts: int = 0
    next_attempt_at: dt.datetime = Field(default_factory=utcnow, index=True)
    claimed_at: dt.datetime | None = None
    last_error: str = ""
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)
    sent_at: dt.datetime | None = None


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    actor: str  # "system", "assistant" or a staff member's address
    action: str
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    detail: str = ""


class Setting(SQLModel, table=True):
    """Values the service creates for itself, such as the key that signs our Message-IDs."""

    name: str = Field(primary_key=True)
    value: str


class StaffUser(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    password_hash: str
    role: str = "agent"  # agent | admin
    active: bool = True
    failed_logins: int = 0
    locked_until: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)


class StaffSession(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(index=True, unique=True)  # sha256 of the cookie value; the cookie itself is not stored
    csrf_token: str
    user_id: int = Field(foreign_key="staffuser.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime


class Presence(SQLModel, table=True):
    """A visitor's widget open on a conversation, held by one serving process until `expires_at` (a lease).

    With several processes the widget may hang on another process than the one a staff member answers on; this
    row is how the answering process knows the visitor is watching (helpdesk/web/presence.py).
    """

    ticket_id: int = Field(primary_key=True)
    worker: str = Field(primary_key=True)
    expires_at: dt.datetime = Field(index=True)


class RateCount(SQLModel, table=True):
    """A token bucket shared by every serving process, kept as its theoretical arrival time (GCRA): the moment the
    bucket is full again. One row per limiter and client address or conversation."""

    key: str = Field(primary_key=True)
    full_at: float = Field(index=True)  # seconds since the epoch
