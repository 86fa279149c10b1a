"""Retention: personal data of tickets closed longer than HELPDESK_RETENTION_DAYS ago is removed.

Rows stay, so counts, outcomes and response times in the reports stay right; what identifies or quotes a person
goes: addresses, names, subjects, message text and raw mail, attachment names, the questions inside stored
decisions, audit details, and sent mail in the outbox. Each run records what it did in the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from sqlalchemy import Engine, and_, or_
from sqlmodel import Session, col, select

from helpdesk.store.models import AuditEvent, Contact, Message, Outbox, Ticket, utcnow

KEPT_DECISION_FIELDS = ("articles", "deflect", "escalate", "lang", "confidence", "urgent", "closing")


@dataclass(frozen=True)
class PurgeReport:
    tickets: int
    messages: int
    contacts: int
    outbox: int
    cutoff: str

    def __str__(self) -> str:
        return (
            f"{self.tickets} ticket(s) closed before {self.cutoff}: {self.messages} message(s) emptied, "
            f"{self.contacts} contact(s) and {self.outbox} sent mail(s) removed"
        )


def _anonymous_decision(decision: str | None) -> str | None:
    if not decision:
        return decision
    kept = {k: v for k, v in json.loads(decision).items() if k in KEPT_DECISION_FIELDS}
    return json.dumps(kept)


def purge(engine: Engine, retention_days: int, dry_run: bool = False, now: dt.datetime | None = None) -> PurgeReport:
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    with Session(engine) as session:
        tickets = session.exec(
            select(Ticket).where(
                Ticket.status == "closed",
                col(Ticket.closed_at).is_not(None),
                col(Ticket.closed_at) < cutoff,
                col(Ticket.subject) != "[purged]",
            )
        ).all()
        ids = [t.id for t in tickets]
        messages = session.exec(select(Message).where(col(Message.ticket_id).in_(ids))).all() if ids else []
        # Notices to staff quote the customer but belong to no ticket: they go by age.
        notices = session.exec(
            select(Message).where(
                col(Message.ticket_id).is_(None), col(Message.created_at) < cutoff, col(Message.text) != ""
            )
        ).all()
        outbox = session.exec(
            select(Outbox).where(
                or_(
                    col(Outbox.message_id).in_([m.id for m in [*messages, *notices]]),
                    and_(col(Outbox.status) == "sent", col(Outbox.created_at) < cutoff),
                )
            )
        ).all()
        contact_ids = {t.contact_id for t in tickets if t.contact_id}
        still_used = (
            set(
                session.exec(
                    select(Ticket.contact_id).where(col(Ticket.contact_id).in_(contact_ids), col(Ticket.id).not_in(ids))
                ).all()
            )
            if contact_ids
            else set()
        )
        contacts = [c for c in (session.get(Contact, cid) for cid in contact_ids - still_used) if c is not None]
        report = PurgeReport(
            len(tickets), len(messages) + len(notices), len(contacts), len(outbox), f"{cutoff:%Y-%m-%d}"
        )
        if dry_run:
            return report
        for message in [*messages, *notices]:
            message.raw, message.body, message.text, message.subject = None, "", "", ""
            message.sender, message.envelope_from, message.envelope_to, message.note = "", "", "", ""
            message.attachments, message.decision = "[]", _anonymous_decision(message.decision)
            message.message_id, message.digest = None, None
            session.add(message)
        for ticket in tickets:
            ticket.subject, ticket.contact_id, ticket.token_hash = "[purged]", None, None
            session.add(ticket)
        for event in session.exec(select(AuditEvent).where(col(AuditEvent.ticket_id).in_(ids))).all() if ids else []:
            event.detail = ""
            session.add(event)
        session.flush()
        for row in outbox:
            session.delete(row)
        for contact in contacts:
            session.delete(contact)
        session.add(AuditEvent(actor="system", action="purge", detail=json.dumps(asdict(report))))
        session.commit()
        return report
