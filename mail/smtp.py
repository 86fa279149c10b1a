"""The SMTP edge (aiosmtpd): cheap checks per command, the raw message stored durably before 250.

Status strings are named constants (RFC 5321 reply codes with RFC 3463 enhanced codes). Anything unexpected is
answered with a temporary error, so the sending server keeps the message and tries again: nothing is lost.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Awaitable, Callable

from aiosmtpd.smtp import SMTP, Envelope, Session
from email_validator import EmailNotValidError, validate_email

from helpdesk import metrics
from mail.signing import base_address

log = logging.getLogger("helpdesk.mail.smtp")

OK = "250 2.0.0 OK"
QUEUED = "250 2.0.0 OK: queued as {id}"
DUPLICATE = "250 2.0.0 OK: already received"
NO_RELAY = "550 5.7.1 <{address}>: relay not permitted, this server only accepts mail for the helpdesk"
BAD_SENDER = "553 5.1.7 <{address}>: sender address is not valid"
STORAGE_FAILED = "451 4.3.0 Temporary failure storing the message; please try again later"
TRY_LATER = "451 4.3.0 Temporary local problem; please try again later"

# Stores (raw, envelope sender, recipients) durably; returns (row id, whether it is new), raises when it cannot.
StoreFunction = Callable[[bytes, str, list[str]], Awaitable[tuple[int | None, bool]]]


class HelpdeskHandler:
    def __init__(self, addresses: tuple[str, ...], store: StoreFunction, on_stored: Callable[[], None]) -> None:
        self.addresses = {a.lower() for a in addresses}
        self.store = store
        self.on_stored = on_stored

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        if address not in ("", "<>"):  # the null sender <> is how bounces arrive: accepted, never answered
            try:
                validate_email(address, check_deliverability=False)
            except EmailNotValidError:
                return BAD_SENDER.format(address=address)
        envelope.mail_from = address or "<>"
        envelope.mail_options.extend(mail_options)
        return OK

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if base_address(address) not in self.addresses:
            log.info("refused recipient %s from %s", address, session.peer)
            return NO_RELAY.format(address=address)
        envelope.rcpt_tos.append(address.lower())
        return OK

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        try:
            sender = "" if envelope.mail_from == "<>" else envelope.mail_from or ""
            row_id, new = await self.store(raw, sender, list(envelope.rcpt_tos))
        except Exception:
            log.exception("storing a message from %s failed; answered 451", envelope.mail_from)
            return STORAGE_FAILED
        if not new:
            return DUPLICATE
        self.on_stored()
        return QUEUED.format(id=row_id)

    async def handle_exception(self, error: Exception) -> str:
        log.exception("SMTP session error", exc_info=error)
        return TRY_LATER


def tls_context(cert: str | None, key: str | None) -> ssl.SSLContext | None:
    """The STARTTLS context from HELPDESK_TLS_CERT and HELPDESK_TLS_KEY; None when neither is set."""
    if not cert and not key:
        return None
    if not (cert and key):
        raise ValueError("set both HELPDESK_TLS_CERT and HELPDESK_TLS_KEY for STARTTLS")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context


def make_smtp(handler: HelpdeskHandler, max_message_bytes: int, tls: ssl.SSLContext | None = None) -> SMTP:
    """One SMTP protocol instance per connection; aiosmtpd answers 552 above the size limit."""
    metrics.SMTP_SESSIONS.inc()
    return SMTP(
        handler,
        tls_context=tls,
        data_size_limit=max_message_bytes,
        enable_SMTPUTF8=True,
        decode_data=False,
        hostname="helpdesk",
        ident="CRA helpdesk",
    )
