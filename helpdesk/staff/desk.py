"""What the staff pages read and change: the queue, one ticket's history, notes, status, assignment, replies.

Plain functions over the database, so the pages stay thin and every change writes an audit event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, or_
from sqlmodel import Session, col, select

from helpdesk.store.models import AuditEvent, Contact, Message, StaffUser, Ticket, utcnow

STATUSES = ("open", "escalated", "waiting", "answered", "closed")
VIEWS = {
    "escalated": lambda q: q.where(col(Ticket.status).in_(["escalated", "open"])),
    "urgent": lambda q: q.where(col(Ticket.urgent).is_(True), col(Ticket.status) != "closed"),
    "waiting": lambda q: q.where(Ticket.status == "waiting"),
    "all": lambda q: q,
}


@dataclass(frozen=True)
class QueueFilter:
    view: str = "escalated"
    channel: str = ""
    language: str = ""
    assignee: int | None = None
    search: str = ""


def queue(engine: Engine, wanted: QueueFilter, limit: int = 200) -> list[dict[str, Any]]:
    with Session(engine) as session:
        query = select(Ticket, Contact).join(Contact, isouter=True)
        query = VIEWS.get(wanted.view, VIEWS["escalated"])(query)
        if wanted.channel:
            query = query.where(Ticket.channel == wanted.channel)
        if wanted.language:
            query = query.where(Ticket.language == wanted.language)
        if wanted.assignee is not None:
            query = query.where(Ticket.assignee_id == wanted.assignee)
        if wanted.search:
            like = f"%{wanted.search.lower()}%"
            texts = select(Message.ticket_id).where(func.lower(Message.text).like(like))
            query = query.where(
                or_(
                    func.lower(Ticket.subject).like(like),
                    func.lower(Contact.email).like(like),
                    col(Ticket.id).in_(texts),
                )
            )
        rows = session.exec(query.order_by(col(Ticket.urgent).desc(), col(Ticket.updated_at).desc()).limit(limit)).all()
        return [
            {
                "id": t.id,
                "number": t.number,
                "channel": t.channel,
                "status": t.status,
                "urgent": t.urgent,
                "language": t.language,
                "subject": t.subject,
                "contact": c.email if c else "",
                "updated_at": t.updated_at,
                "assignee_id": t.assignee_id,
            }
            for t, c in rows
        ]


def counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        result = {}
        for name, narrow in VIEWS.items():
            result[name] = session.exec(narrow(select(func.count()).select_from(Ticket))).one()
        return result


def ticket_detail(engine: Engine, ticket_id: int) -> dict[str, Any] | None:
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            return None
        contact = session.get(Contact, ticket.contact_id) if ticket.contact_id else None
        messages = session.exec(select(Message).where(Message.ticket_id == ticket_id).order_by(col(Message.id))).all()
        users = session.exec(select(StaffUser).where(col(StaffUser.active).is_(True)).order_by(StaffUser.email)).all()
        return {
            "ticket": ticket,
            "contact": contact,
            "users": users,
            "messages": [
                {
                    "message": m,
                    "decision": json.loads(m.decision) if m.decision else None,
                    "attachments": json.loads(m.attachments or "[]"),
                }
                for m in messages
            ],
        }


def add_note(engine: Engine, ticket_id: int, author: str, text: str) -> None:
    with Session(engine) as session:
        session.add(
            Message(
                ticket_id=ticket_id,
                direction="note",
                channel="staff",
                status="stored",
                author=author,
                text=text,
                body=text,
            )
        )
        session.add(AuditEvent(actor=author, action="note", ticket_id=ticket_id))
        session.commit()


def set_status(engine: Engine, ticket_id: int, actor: str, status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.status, ticket.updated_at = status, utcnow()
        ticket.closed_at = utcnow() if status == "closed" else None
        session.add_all([ticket, AuditEvent(actor=actor, action=f"status:{status}", ticket_id=ticket_id)])
        session.commit()


def assign(engine: Engine, ticket_id: int, actor: str, user_id: int | None) -> None:
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        if user_id is not None and session.get(StaffUser, user_id) is None:
            raise ValueError("no such staff member")
        ticket.assignee_id = user_id
        session.add_all(
            [ticket, AuditEvent(actor=actor, action="assign", ticket_id=ticket_id, detail=str(user_id or "-"))]
        )
        session.commit()


def audit(engine: Engine, actor: str, action: str, ticket_id: int | None, detail: str) -> None:
    with Session(engine) as session:
        session.add(AuditEvent(actor=actor, action=action, ticket_id=ticket_id, detail=detail))
        session.commit()


def users(engine: Engine) -> list[StaffUser]:
    with Session(engine) as session:
        return list(session.exec(select(StaffUser).order_by(StaffUser.email)).all())
