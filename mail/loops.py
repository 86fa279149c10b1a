"""When the helpdesk must not answer automatically (RFC 3834 and common sense), as a table of named rules.

Such mail is stored and shown to staff, never answered: no loops with auto-responders, no replies to bounces or
mailing lists, no mail storms to one address.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from mail.parse import ParsedMail

_ROBOT = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|auto-?reply)([+\-.].*)?@", re.I)
# Automatic replies per recipient: at most this many within each window (window, count).
REPLY_CAPS: tuple[tuple[dt.timedelta, int], ...] = ((dt.timedelta(minutes=10), 3), (dt.timedelta(days=1), 10))
BOUNCE_QUIET = dt.timedelta(days=7)


@dataclass(frozen=True)
class MailFacts:
    """What the loop rules look at, gathered by the processor."""

    mail: ParsedMail
    envelope_from: str
    own_addresses: tuple[str, ...]
    bounced_at: dt.datetime | None
    recent_replies: Callable[[dt.timedelta], int]  # automatic replies to this sender within a window
    now: dt.datetime


def _null_sender(f: MailFacts) -> str | None:
    return "null envelope sender (a bounce)" if not f.envelope_from else None


def _auto_submitted(f: MailFacts) -> str | None:
    value = f.mail.headers.get("auto-submitted", "no")
    return f"Auto-Submitted: {value}" if value and value != "no" else None


def _bulk(f: MailFacts) -> str | None:
    precedence = f.mail.headers.get("precedence", "")
    if precedence in ("bulk", "junk", "list"):
        return f"Precedence: {precedence}"
    if "list-id" in f.mail.headers or "list-unsubscribe" in f.mail.headers:
        return "mailing-list mail"
    if "x-auto-response-suppress" in f.mail.headers and "oof" in f.mail.headers["x-auto-response-suppress"]:
        return "sender asks for no automatic replies"
    return None


def _robot(f: MailFacts) -> str | None:
    for address in (f.envelope_from, f.mail.sender):
        if address and _ROBOT.match(address):
            return f"robot sender {address}"
    return None


def _own(f: MailFacts) -> str | None:
    own = {a.lower() for a in f.own_addresses}
    for address in (f.envelope_from.lower(), f.mail.sender):
        local, _, domain = address.partition("@")
        if f"{local.split('+', 1)[0]}@{domain}" in own:
            return f"from our own address {address}"
    return None


def _invalid_sender(f: MailFacts) -> str | None:
    try:
        validate_email(f.mail.sender, check_deliverability=False)
    except EmailNotValidError as exc:
        return f"From is not a valid address ({exc})"
    return None


def _bounced(f: MailFacts) -> str | None:
    if f.bounced_at and f.now - f.bounced_at < BOUNCE_QUIET:
        return f"mail to {f.mail.sender} bounced on {f.bounced_at:%Y-%m-%d}"
    return None


def _capped(f: MailFacts) -> str | None:
    for window, limit in REPLY_CAPS:
        if f.recent_replies(window) >= limit:
            return f"{limit} automatic replies to {f.mail.sender} within {window}"
    return None


@dataclass(frozen=True)
class LoopRule:
    name: str
    check: Callable[[MailFacts], str | None]


NO_AUTOREPLY_RULES: tuple[LoopRule, ...] = (
    LoopRule("null-sender", _null_sender),
    LoopRule("auto-submitted", _auto_submitted),
    LoopRule("bulk-or-list", _bulk),
    LoopRule("robot-sender", _robot),
    LoopRule("own-address", _own),
    LoopRule("invalid-sender", _invalid_sender),
    LoopRule("bounced-recently", _bounced),
    LoopRule("reply-cap", _capped),
)


def why_not_answer(facts: MailFacts) -> str | None:
    """The first reason not to answer automatically, or None when a reply may go out."""
    for rule in NO_AUTOREPLY_RULES:
        reason = rule.check(facts)
        if reason:
            return f"{rule.name}: {reason}"
    return None
