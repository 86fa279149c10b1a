"""Reading a raw message as real clients send it: MIME of every shape, odd charsets, HTML-only mail.

Parsing never raises for bad input: what cannot be read is reported in `problems`, and the raw bytes stay stored.
HTML is turned into text by BeautifulSoup (scripts and styles dropped), not by regular expressions.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
from dataclasses import dataclass, field
from email.message import EmailMessage, Message

from bs4 import BeautifulSoup

from helpdesk.text.cleanup import new_text
from helpdesk.text.language import detect_language


@dataclass(frozen=True)
class Attachment:
    name: str
    type: str
    size: int


@dataclass
class ParsedMail:
    sender: str = ""
    sender_name: str = ""
    subject: str = ""
    message_id: str | None = None
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names of the headers loop rules read
    body: str = ""  # the whole text body
    text: str = ""  # what the sender wrote now: no quoted history, signature or disclaimer
    lang: str = "nl"
    attachments: list[Attachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


LOOP_HEADERS = (
    "auto-submitted",
    "precedence",
    "list-id",
    "list-unsubscribe",
    "x-auto-response-suppress",
    "return-path",
)


def _ids(value: str | None) -> list[str]:
    """Message-IDs in a header, without angle brackets."""
    if not value:
        return []
    return [part.strip("<> \t\r\n") for part in str(value).replace(",", " ").split() if "@" in part]


def _header(message: Message, name: str, problems: list[str]) -> str:
    try:
        value = message.get(name)
        return " ".join(str(value).split()) if value is not None else ""
    except Exception as exc:  # a header so broken the parser cannot decode it
        problems.append(f"{name}: {exc}")
        return ""


def _part_text(part: Message, problems: list[str]) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        return content if isinstance(content, str) else content.decode("utf-8", "replace")
    except (LookupError, UnicodeError, AttributeError, KeyError, AssertionError) as exc:
        payload = part.get_payload(decode=True) or b""
        problems.append(f"body part {part.get_content_type()}: {exc}; decoded leniently")
        for charset in (part.get_content_charset() or "utf-8", "windows-1252"):
            try:
                return payload.decode(charset)  # type: ignore[union-attr]
            except (LookupError, UnicodeDecodeError):
                continue
        return payload.decode("utf-8", "replace")  # type: ignore[union-attr]


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head", "title"]):
        hidden.decompose()
    for quote in soup.find_all("blockquote"):  # quoted history in HTML replies
        quote.replace_with("\n> (quoted text)\n")
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _walk(message: Message, result: ParsedMail) -> tuple[str, str]:
    """The first text/plain and text/html bodies; everything else is an attachment."""
    plain, html = "", ""
    parts = message.walk() if message.is_multipart() else [message]
    for part in parts:
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = (part.get_content_disposition() or "").lower()
        filename = part.get_filename()
        if disposition == "attachment" or filename or content_type not in ("text/plain", "text/html"):
            payload = part.get_payload(decode=True) or b""
            result.attachments.append(Attachment(filename or "", content_type, len(payload)))  # type: ignore[arg-type]
            continue
        if content_type == "text/plain" and not plain:
            plain = _part_text(part, result.problems)
        elif content_type == "text/html" and not html:
            html = _part_text(part, result.problems)
    return plain, html


def parse_mail(raw: bytes) -> ParsedMail:
    result = ParsedMail()
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # the stdlib parser is lenient; this is for the truly unreadable
        result.problems.append(f"unparseable: {exc}")
        return result
    problems = result.problems
    name, address = email.utils.parseaddr(_header(message, "From", problems))
    result.sender, result.sender_name = address.strip().lower(), name.strip()
    result.subject = _header(message, "Subject", problems).replace("\x00", "")
    ids = _ids(_header(message, "Message-ID", problems))
    result.message_id = ids[0] if ids else None
    result.in_reply_to = _ids(_header(message, "In-Reply-To", problems))
    result.references = _ids(_header(message, "References", problems))
    result.headers = {h: _header(message, h, problems).lower() for h in LOOP_HEADERS if message.get(h) is not None}
    if isinstance(message, EmailMessage) and message.defects:
        problems.extend(f"defect: {type(d).__name__}" for d in message.defects[:5])
    plain, html = _walk(message, result)
    # NUL characters cannot be stored in PostgreSQL text and mean nothing to a reader.
    result.body = (plain if plain.strip() else html_to_text(html)).replace("\x00", "")
    result.text = new_text(result.body)
    result.lang = detect_language(result.text or result.subject)
    return result
