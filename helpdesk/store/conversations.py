"""Chat conversations in the database: tickets of channel `chat` with an unguessable token.

Every function commits before it returns, so the web channel answers 2xx only for what is stored. The decision and
the reply are written in the same transaction as the visitor's message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from helpdesk import metrics
from helpdesk.assistant import Decision
from helpdesk.store.models import AuditEvent, Contact, Message, Ticket, utcnow

HISTORY_LENGTH = 3


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def as_dict(message: Message) -> dict[str, Any]:
    decision = json.loads(message.decision) if message.decision else None
    record: dict[str, Any] = {
        "id": message.id,
        "role": message.author or ("visitor" if message.direction == "in" else "assistant"),
        "text": message.text,
        "created_at": message.created_at.isoformat(),
    }
    if decision and message.direction == "out":
        record |= {k: decision[k] for k in ("articles", "deflect", "escalate", "lang")}
    return record


def create_conversation(engine: Engine, lang: str) -> tuple[int, str]:
    token = secrets.token_urlsafe(32)
    with Session(engine) as session:
        ticket = Ticket(channel="chat", language=lang, token_hash=_hash(token), subject="chat")
        session.add(ticket)
        session.commit()
        return int(ticket.id), token  # type: ignore[arg-type]


def authorized(engine: Engine, ticket_id: int, token: str) -> bool:
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        return bool(
            ticket
            and ticket.channel == "chat"
            and ticket.token_hash
            and hmac.compare_digest(ticket.token_hash, _hash(token))
        )


def ask(
    engine: Engine,
    ticket_id: int,
    text: str,
    decide: Callable[[str, list[str]], Decision],
    render: Callable[[Decision], str],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Store the visitor's message, decide, store the reply: one transaction. Returns both as dicts."""
    with Session(engine, expire_on_commit=False) as session:  # the dicts are built after the commit
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        latest_first = session.exec(
            select(Message.text)
            .where(Message.ticket_id == ticket_id, Message.author == "visitor")
            .order_by(col(Message.id).desc())
            .limit(HISTORY_LENGTH)
        ).all()
        decision = decide(text, list(reversed(latest_first)))
        metrics.record_decision("chat", decision.articles, decision.deflect, decision.escalate, decision.closing)
        # A draft report is kept no longer than the answer needs (issue 7): only its size is stored.
        keep_draft = not decision.draft or decision.escalate  # asking for a person makes it a ticket: kept
        kept = text if keep_draft else f"[draft of {len(text)} characters, checked and not kept]"
        question = Message(
            ticket_id=ticket_id,
            direction="in",
            channel="chat",
            status="processed",
            author="visitor",
            text=kept,
            body=kept,
            decision=json.dumps(decision.details()),
        )
        reply = Message(
            ticket_id=ticket_id,
            direction="out",
            channel="chat",
            status="sent",
            author="assistant",
            text=render(decision),
            automatic=True,
            decision=json.dumps(decision.details()),
        )
        ticket.language, ticket.updated_at = decision.lang, utcnow()
        ticket.urgent = ticket.urgent or decision.urgent
        if decision.closing:
            ticket.status, ticket.closed_at = "closed", utcnow()
        elif decision.escalate:
            ticket.status = "escalated"
        elif ticket.status != "escalated":
            ticket.status = "answered"
        session.add_all([question, reply, ticket])
        session.commit()
        return as_dict(question), as_dict(reply)


def messages_after(engine: Engine, ticket_id: int, after: int) -> list[dict[str, Any]]:
    with Session(engine) as session:
        rows = session.exec(
            select(Message).where(Message.ticket_id == ticket_id, col(Message.id) > after).order_by(col(Message.id))
        ).all()
        return [as_dict(row) for row in rows]


def escalate(engine: Engine, ticket_id: int, email: str | None, note: str | None) -> dict[str, Any]:
    """Hand the conversation to staff; with an address they can answer by mail after the visitor has left."""
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        if email:
            contact = session.exec(select(Contact).where(Contact.email == email)).first()
            if contact is None:
                contact = Contact(email=email)
                session.add(contact)
                session.flush()
            ticket.contact_id = contact.id
        ticket.status, ticket.updated_at = "escalated", utcnow()
        message = Message(
            ticket_id=ticket_id,
            direction="in",
            channel="chat",
            status="processed",
            author="visitor",
            text=note or "",
            body=note or "",
            note="asked for a person",
        )
        session.add_all(
            [
                ticket,
                message,
                AuditEvent(
                    actor="visitor",
                    action="chat-escalate",
                    ticket_id=ticket_id,
                    detail=json.dumps({"email": bool(email)}),
                ),
            ]
        )
        session.commit()
        return {"escalated": True, "ticket": ticket.number, "email": bool(email)}


def record_feedback(engine: Engine, ticket_id: int, message_id: int, helpful: bool) -> bool:
    """Store "did this help?" on one of the assistant's answers in this conversation; False if there is none."""
    with Session(engine) as session:
        message = session.get(Message, message_id)
        if message is None or message.ticket_id != ticket_id or message.author != "assistant":
            return False
        message.helpful = helpful
        session.add(message)
        session.commit()
        return True


def add_staff_message(engine: Engine, ticket_id: int, author: str, text: str) -> dict[str, Any]:
    """A person's answer in a conversation (the staff desk calls this; the web channel pushes it)."""
    with Session(engine) as session:
        message = Message(
            ticket_id=ticket_id,
            direction="out",
            channel="chat",
            status="sent",
            author="staff",
            text=text,
            note=f"by {author}",
        )
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.status, ticket.updated_at = "answered", utcnow()
        session.add_all([message, ticket, AuditEvent(actor=author, action="chat-reply", ticket_id=ticket_id)])
        session.commit()
        return as_dict(message)
