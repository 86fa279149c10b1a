"""Staff answers that leave by mail: in the ticket's mail thread, or to the address a chat visitor left."""

from __future__ import annotations

import email.policy

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from helpdesk.store.models import AuditEvent, Contact, Message, Outbox, Ticket
from mail.compose import MailComposer
from mail.parse import parse_mail


class NoAddress(Exception):
    """The ticket has no address to write to."""


def queue_staff_reply(engine: Engine, composer: MailComposer, ticket_id: int, author: str, text: str) -> int:
    """Put a staff member's answer in the outbox, threaded on the customer's last mail; returns the outbox id."""
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        contact = session.get(Contact, ticket.contact_id) if ticket and ticket.contact_id else None
        if ticket is None or contact is None or "@" not in contact.email or contact.email.endswith("@invalid"):
            raise NoAddress(f"ticket {ticket_id} has no address to answer")
        last = session.exec(
            select(Message)
            .where(Message.ticket_id == ticket_id, Message.direction == "in", Message.channel == "mail")
            .order_by(col(Message.id).desc())
        ).first()
        references = parse_mail(last.raw).references if last is not None and last.raw else []
        message = composer.staff_reply(
            contact.email,
            contact.name,
            last.subject if last else ticket.subject,
            ticket.number,
            text,
            ticket.language,
            author,
            in_reply_to=last.message_id if last else None,
            references=references,
        )
        outgoing = Message(
            ticket_id=ticket_id,
            direction="out",
            channel="mail",
            status="queued",
            author="staff",
            message_id=str(message["Message-ID"]).strip("<>"),
            sender=composer.address,
            subject=str(message["Subject"]),
            text=text,
            note=f"by {author}",
        )
        session.add(outgoing)
        session.flush()
        row = Outbox(
            message_id=outgoing.id,
            recipient=contact.email,
            sender=composer.address,
            automatic=False,
            raw=message.as_bytes(policy=email.policy.SMTP),
        )
        ticket.status = "waiting" if ticket.status != "closed" else ticket.status
        session.add_all([row, ticket, AuditEvent(actor=author, action="reply-mail", ticket_id=ticket_id)])
        session.commit()
        return int(row.id)  # type: ignore[arg-type]


def queue_staff_notice(engine: Engine, composer: MailComposer, staff_address: str, ticket_id: int, reason: str) -> None:
    """Tell staff a ticket of any channel needs a person (mail escalations are noticed by the processor)."""
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            return
        last = session.exec(
            select(Message)
            .where(Message.ticket_id == ticket_id, Message.direction == "in")
            .order_by(col(Message.id).desc())
        ).first()
        message = composer.notice(
            staff_address,
            ticket.number,
            ticket.channel,
            ticket.language,
            ticket.urgent,
            reason,
            last.text if last else "",
        )
        session.add(
            Outbox(
                recipient=staff_address,
                sender=composer.address,
                automatic=False,
                raw=message.as_bytes(policy=email.policy.SMTP),
            )
        )
        session.commit()
