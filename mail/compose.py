"""Writing our mails: the automatic reply in the asker's language, correctly threaded, and the staff notice."""

from __future__ import annotations

import email.utils
import re
from email.message import EmailMessage
from pathlib import Path

import jinja2

from helpdesk.assistant import Decision
from helpdesk.replies import TEMPLATES_DIR, ReplyRenderer
from mail.parse import ParsedMail
from mail.signing import make_message_id, reply_address

_REPLY_PREFIX = re.compile(r"^\s*((re|aw|antw|fw|fwd|doorst)\s*:\s*)+", re.IGNORECASE)
_TICKET_TAG = re.compile(r"\s*\[CRA-\d{6}\]")
SUBJECT_MAX = 200


def reply_subject(subject: str, ticket: str) -> str:
    """`Re: <original subject> [CRA-000123]`, without piling up prefixes or tags."""
    core = _TICKET_TAG.sub("", _REPLY_PREFIX.sub("", subject or "")).strip()[:SUBJECT_MAX]
    return f"Re: {core} [{ticket}]" if core else f"Re: [{ticket}]"


class MailComposer:
    def __init__(self, renderer: ReplyRenderer, address: str, key: bytes, templates_dir: Path = TEMPLATES_DIR) -> None:
        self.renderer = renderer
        self.address = address
        self.domain = address.partition("@")[2] or "localhost"
        self.key = key
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir / "mail"), undefined=jinja2.StrictUndefined, autoescape=False
        )

    def _base(self, ticket: str, to: str, subject: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = email.utils.formataddr(("CRA-helpdesk NCSC", self.address))
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = email.utils.formatdate(localtime=False)
        message["Message-ID"] = f"<{make_message_id(ticket, self.key, self.domain)}>"
        return message

    def reply(self, mail: ParsedMail, decision: Decision, ticket: str, received: str) -> EmailMessage:
        """The automatic answer (RFC 3834: Auto-Submitted: auto-replied, threaded on the question)."""
        body = self.environment.get_template(f"reply.{decision.lang}.txt").render(
            name=mail.sender_name,
            received=received,
            ticket=ticket,
            answer=self.renderer.render(decision, channel="mail").strip(),
            escalated=decision.escalate,
        )
        message = self._base(
            ticket, email.utils.formataddr((mail.sender_name, mail.sender)), reply_subject(mail.subject, ticket)
        )
        message["Reply-To"] = reply_address(ticket, self.key, self.address)
        if mail.message_id:
            message["In-Reply-To"] = f"<{mail.message_id}>"
            message["References"] = " ".join(f"<{i}>" for i in [*mail.references[-10:], mail.message_id])
        message["Auto-Submitted"] = "auto-replied"
        message["X-Auto-Response-Suppress"] = "All"  # asks Exchange not to answer our answer
        message["Content-Language"] = decision.lang
        message.set_content(body)
        return message

    def staff_reply(
        self,
        to: str,
        name: str,
        subject: str,
        ticket: str,
        text: str,
        lang: str,
        author: str,
        in_reply_to: str | None = None,
        references: list[str] | None = None,
    ) -> EmailMessage:
        """A person's answer: threaded like the automatic one, but not marked automatic (RFC 3834)."""
        message = self._base(ticket, email.utils.formataddr((name, to)), reply_subject(subject, ticket))
        message["Reply-To"] = reply_address(ticket, self.key, self.address)
        if in_reply_to:
            message["In-Reply-To"] = f"<{in_reply_to}>"
            message["References"] = " ".join(f"<{i}>" for i in [*(references or [])[-10:], in_reply_to])
        message["Content-Language"] = lang
        body = self.environment.get_template(f"staff-reply.{lang}.txt").render(text=text, author=author, ticket=ticket)
        message.set_content(body)
        return message

    def staff_notice(self, staff_address: str, ticket: str, mail: ParsedMail, decision: Decision) -> EmailMessage:
        return self.notice(
            staff_address,
            ticket,
            "mail",
            decision.lang,
            decision.urgent,
            "; ".join(decision.reasons) or "-",
            mail.text,
            sender=mail.sender,
            subject=mail.subject,
        )

    def notice(
        self,
        staff_address: str,
        ticket: str,
        channel: str,
        lang: str,
        urgent: bool,
        reasons: str,
        text: str,
        sender: str = "",
        subject: str = "",
    ) -> EmailMessage:
        """The notice to HELPDESK_STAFF_ADDRESS that a ticket needs a person; urgent ones say so first."""
        title = f"{'URGENT ' if urgent else ''}[{ticket}] escalated ({channel}): {subject or text[:60] or '-'}"
        message = self._base(ticket, staff_address, " ".join(title.split())[:SUBJECT_MAX])
        message["Auto-Submitted"] = "auto-generated"
        if urgent:
            message["Importance"] = "high"
        message.set_content(
            self.environment.get_template("staff-notice.txt").render(
                urgent=urgent,
                ticket=ticket,
                channel=channel,
                lang=lang,
                sender=sender or "-",
                subject=subject or "-",
                reasons=reasons,
                text=text[:4000],
            )
        )
        return message
