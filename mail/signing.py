"""Message-IDs and reply addresses that carry a ticket number with a keyed signature (HMAC-SHA256).

A reply that cites one of our ids, or is sent to `helpdesk+CRA-000123-<sig>@…`, joins that ticket; without the
key nobody can make an id or address that points into someone else's ticket.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_TICKET = r"CRA-\d{6}"
_OUR_ID = re.compile(rf"^({_TICKET})\.([0-9a-f]{{16}})\.([0-9a-f]{{16}})@")
_PLUS = re.compile(rf"^(?P<local>[^+@]+)\+(?P<ticket>{_TICKET})-(?P<sig>[0-9a-f]{{12}})@(?P<domain>.+)$", re.IGNORECASE)


def _sign(key: bytes, text: str, length: int) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:length]


def make_message_id(ticket: str, key: bytes, domain: str) -> str:
    """A new Message-ID (without angle brackets) for a mail about `ticket`."""
    token = secrets.token_hex(8)
    return f"{ticket}.{token}.{_sign(key, f'{ticket}.{token}', 16)}@{domain}"


def ticket_of_message_id(message_id: str, key: bytes) -> str | None:
    match = _OUR_ID.match(message_id)
    if match and hmac.compare_digest(match.group(3), _sign(key, f"{match.group(1)}.{match.group(2)}", 16)):
        return match.group(1)
    return None


def reply_address(ticket: str, key: bytes, address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local}+{ticket}-{_sign(key, ticket, 12)}@{domain}"


def ticket_of_address(address: str, key: bytes) -> str | None:
    match = _PLUS.match(address)
    if match and hmac.compare_digest(match.group("sig").lower(), _sign(key, match.group("ticket").upper(), 12)):
        return match.group("ticket").upper()
    return None


def base_address(address: str) -> str:
    """`helpdesk+anything@domain` -> `helpdesk@domain`: what RCPT TO is checked against."""
    local, _, domain = address.lower().partition("@")
    return f"{local.split('+', 1)[0]}@{domain}"
