"""Which ticket an incoming mail belongs to.

In order: a Message-ID we stored (In-Reply-To, References), one of our signed ids, a signed plus-address, and the
ticket number in the subject — the last only when the sender is that ticket's contact, so a stranger who copies a
subject never joins someone else's ticket. Otherwise the mail opens a new ticket.
"""

from __future__ import annotations

import re

from sqlmodel import Session, select

from helpdesk.store.models import Contact, Message, Ticket
from mail.parse import ParsedMail
from mail.signing import ticket_of_address, ticket_of_message_id

_SUBJECT_TICKET = re.compile(r"\[?\b(CRA-\d{6})\b\]?", re.IGNORECASE)


def _ticket_by_number(session: Session, number: str) -> Ticket | None:
    return session.get(Ticket, int(number.split("-")[1]))


def find_ticket(session: Session, mail: ParsedMail, recipients: list[str], key: bytes) -> tuple[Ticket | None, str]:
    """The ticket this mail continues, and how it was recognised ("" for a new one)."""
    cited = [*mail.in_reply_to, *reversed(mail.references)]
    if cited:
        known = session.exec(
            select(Message).where(Message.message_id.in_(cited), Message.ticket_id.is_not(None))  # type: ignore[union-attr]
        ).first()
        if known is not None:
            return session.get(Ticket, known.ticket_id), f"cites stored message <{known.message_id}>"
    for message_id in cited:
        number = ticket_of_message_id(message_id, key)
        if number and (ticket := _ticket_by_number(session, number)):
            return ticket, f"cites our signed id <{message_id}>"
    for address in recipients:
        number = ticket_of_address(address, key)
        if number and (ticket := _ticket_by_number(session, number)):
            return ticket, f"sent to signed reply address {address}"
    match = _SUBJECT_TICKET.search(mail.subject)
    if match and (ticket := _ticket_by_number(session, match.group(1).upper())):
        contact = session.get(Contact, ticket.contact_id) if ticket.contact_id else None
        if contact is not None and contact.email == mail.sender:
            return ticket, f"subject names {ticket.number} and the sender is its contact"
    return None, ""
