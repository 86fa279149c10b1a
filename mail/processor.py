"""From a stored raw message to a ticket, a decision and (when allowed) a reply in the outbox — in one transaction.

Messages are claimed one at a time (received -> processing), so several workers can share the queue. A message that
fails is marked `failed` with the error, kept whole for staff, and never blocks the ones behind it;
`retry()` puts it back in the queue.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import json
import logging
from dataclasses import asdict
from email.message import EmailMessage

from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

from helpdesk import metrics
from helpdesk.assistant import Assistant
from helpdesk.store.models import AuditEvent, Contact, Message, Outbox, Ticket, utcnow
from mail.compose import MailComposer
from mail.loops import MailFacts, why_not_answer
from mail.parse import ParsedMail, parse_mail
from mail.threads import find_ticket

log = logging.getLogger("helpdesk.mail.processor")


class MailProcessor:
    def __init__(
        self,
        engine: Engine,
        assistant: Assistant,
        composer: MailComposer,
        addresses: tuple[str, ...],
        staff_address: str | None,
        key: bytes,
    ) -> None:
        self.engine = engine
        self.assistant = assistant
        self.composer = composer
        self.addresses = addresses
        self.staff_address = staff_address
        self.key = key

    def claim(self) -> int | None:
        """Take the oldest received message for this worker; None when there is none."""
        with Session(self.engine) as session:
            candidate = session.exec(
                select(Message.id)
                .where(Message.direction == "in", Message.channel == "mail", Message.status == "received")
                .order_by(col(Message.id))
                .limit(1)
            ).first()
            if candidate is None:
                return None
            claimed = session.exec(  # type: ignore[call-overload]
                update(Message)
                .where(col(Message.id) == candidate, col(Message.status) == "received")
                .values(status="processing")
            )
            session.commit()
            return candidate if claimed.rowcount == 1 else self.claim()

    def process_pending(self) -> int:
        """Process every waiting message; returns how many were handled."""
        handled = 0
        while (message_id := self.claim()) is not None:
            self.process(message_id)
            handled += 1
        return handled

    def process(self, message_id: int) -> None:
        try:
            self._process(message_id)
        except Exception as exc:
            log.exception("message %s could not be processed; kept for staff", message_id)
            with Session(self.engine) as session:
                row = session.get(Message, message_id)
                if row is not None:
                    row.status, row.note = "failed", f"processing failed: {type(exc).__name__}: {exc}"[:2000]
                    session.add(row)
                    session.commit()

    def _process(self, message_id: int) -> None:
        with Session(self.engine) as session:
            row = session.get(Message, message_id)
            assert row is not None and row.raw is not None
            mail = parse_mail(row.raw)
            row.sender, row.subject, row.body, row.text = mail.sender, mail.subject[:1000], mail.body, mail.text
            row.attachments = json.dumps([asdict(a) for a in mail.attachments])
            if not mail.sender and not mail.body.strip():
                row.status, row.note = "failed", "unreadable: " + "; ".join(mail.problems or ["no sender, no body"])
                session.add(row)
                session.commit()
                log.warning("message %s unreadable, kept for staff: %s", message_id, row.note)
                return
            contact = self._contact(session, mail)
            recipients = [r for r in row.envelope_to.split(",") if r]
            ticket, how = find_ticket(session, mail, recipients, self.key)
            if ticket is None:
                ticket = Ticket(channel="mail", subject=mail.subject[:300], contact_id=contact.id, language=mail.lang)
                session.add(ticket)
                session.flush()
            history = self._history(session, ticket, row)
            # "yesterday at 16:30" means the day before the mail arrived, not before it was processed.
            received = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
            decision = self.assistant.decide(mail.text, history=history, subject=mail.subject, now=received)
            metrics.record_decision("mail", decision.articles, decision.deflect, decision.escalate, decision.closing)
            row.ticket_id, row.decision, row.status = ticket.id, json.dumps(decision.details()), "processed"
            if decision.draft and not decision.escalate:  # a draft is kept no longer than the answer needs
                row.raw, row.body = None, ""
                row.text = f"[draft of {len(mail.text)} characters, checked and not kept]"
            ticket.language, ticket.updated_at = decision.lang, utcnow()
            ticket.urgent = ticket.urgent or decision.urgent
            ticket.status = "closed" if decision.closing else "escalated" if decision.escalate else "answered"
            ticket.closed_at = utcnow() if decision.closing else None
            facts = MailFacts(
                mail,
                row.envelope_from,
                self.addresses,
                contact.bounced_at,
                lambda window: self._recent_replies(session, mail.sender, window),
                utcnow(),
            )
            no_reply = why_not_answer(facts)
            if no_reply:
                # Shown to staff in the queue, but robots and lists do not page anyone.
                row.note = f"no automatic reply: {no_reply}"
                ticket.status = "open" if ticket.status != "closed" else ticket.status
                self._note_bounce(session, mail, row)
            elif not decision.closing:
                when = f"{received:%Y-%m-%d %H:%M} UTC"
                self._queue(session, self.composer.reply(mail, decision, ticket.number, when), ticket, True)
            if decision.escalate and self.staff_address and no_reply is None:
                self._queue(
                    session,
                    self.composer.staff_notice(self.staff_address, ticket.number, mail, decision),
                    ticket,
                    True,
                    to_staff=True,
                )
            session.add(
                AuditEvent(
                    actor="assistant",
                    action="mail-decision",
                    ticket_id=ticket.id,
                    detail=json.dumps({"message": row.id, "thread": how, "no_reply": no_reply, **decision.record()}),
                )
            )
            session.add_all([row, ticket])
            session.commit()
            log.info(
                "<%s> ticket %s (%s): %s",
                mail.message_id,
                ticket.number,
                how or "new",
                no_reply or ("closed" if decision.closing else "answered" if not decision.escalate else "escalated"),
            )

    @staticmethod
    def _contact(session: Session, mail: ParsedMail) -> Contact:
        address = mail.sender or "unknown@invalid"
        contact = session.exec(select(Contact).where(Contact.email == address)).first()
        if contact is None:
            contact = Contact(email=address, name=mail.sender_name[:200])
            session.add(contact)
            session.flush()
        return contact

    @staticmethod
    def _history(session: Session, ticket: Ticket, current: Message) -> list[str]:
        """The asker's earlier questions in this ticket, oldest first: what a follow-up is read with."""
        earlier = session.exec(
            select(Message.text)
            .where(Message.ticket_id == ticket.id, Message.direction == "in", Message.id != current.id)
            .order_by(Message.id)  # type: ignore[arg-type]
        ).all()
        return [text for text in earlier if text][-3:]

    @staticmethod
    def _recent_replies(session: Session, recipient: str, window: dt.timedelta) -> int:
        since = utcnow() - window
        return session.exec(
            select(func.count())
            .select_from(Outbox)
            .where(
                Outbox.recipient == recipient,
                col(Outbox.automatic).is_(True),
                Outbox.created_at >= since,
            )
        ).one()

    @staticmethod
    def _note_bounce(session: Session, mail: ParsedMail, row: Message) -> None:
        """A delivery failure report: stop answering the address that failed for a while."""
        if row.envelope_from and not mail.sender.startswith(("mailer-daemon", "postmaster")):
            return
        for line in mail.body.splitlines():
            if line.lower().startswith(("final-recipient:", "original-recipient:")) and "@" in line:
                failed = line.split(";")[-1].strip().lower()
                contact = session.exec(select(Contact).where(Contact.email == failed)).first()
                if contact is not None:
                    contact.bounced_at = utcnow()
                    session.add(contact)

    def _queue(
        self, session: Session, message: EmailMessage, ticket: Ticket, automatic: bool, to_staff: bool = False
    ) -> None:
        recipient = str(message["To"].addresses[0].addr_spec).lower()  # type: ignore[union-attr]
        raw = message.as_bytes(policy=email.policy.SMTP)  # CRLF line ends, as the relay expects on the wire
        outgoing = Message(
            ticket_id=None if to_staff else ticket.id,
            direction="out",
            channel="mail",
            status="queued",
            message_id=str(message["Message-ID"]).strip("<>"),
            sender=self.composer.address,
            subject=str(message["Subject"]),
            text=message.get_content(),
            automatic=automatic,
        )
        session.add(outgoing)
        session.flush()
        session.add(
            Outbox(
                message_id=outgoing.id,
                recipient=recipient,
                sender=self.composer.address,
                raw=raw,
                automatic=automatic and not to_staff,
            )
        )


def retry(engine: Engine, message_ids: list[int] | None = None) -> int:
    """Put failed messages back in the queue (all of them, or the given ids); returns how many."""
    with Session(engine) as session:
        query = update(Message).where(col(Message.status) == "failed", col(Message.direction) == "in")
        if message_ids:
            query = query.where(col(Message.id).in_(message_ids))
        result = session.exec(query.values(status="received", note=""))  # type: ignore[call-overload]
        session.commit()
        return int(result.rowcount)
