"""What the sender wrote now: a message body without quoted history, greeting, signature or disclaimer.

The mail channel stores the whole message; the assistant reads only what this returns. Patterns cover the
reply styles of Outlook, Gmail, Apple Mail and Thunderbird in Dutch and English.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.MULTILINE

# A line that introduces an earlier message: everything from it down is history.
_HISTORY_HEADER = re.compile(
    "|".join(
        [
            # Gmail, Apple Mail, Thunderbird: "On <date>, <name> wrote:" / "Op <datum> schreef <naam>:"
            r"^\s*(on|op|am|le)\s.{3,200}?\b(wrote|schreef|geschreven|schrieb|a écrit)\b.{0,120}:\s*$",
            r"^\s*-{2,}\s*(original message|oorspronkelijk bericht|origineel bericht)\s*-{2,}\s*$",
            r"^\s*(from|van)\s*:\s*.+\n\s*(sent|verzonden|date|datum)\s*:",  # Outlook header block
            r"^\s*_{10,}\s*$",  # Outlook's separator line
        ]
    ),
    _FLAGS,
)
_QUOTED_LINE = re.compile(r"^\s*>", re.MULTILINE)
# Any language's attribution: a line (maybe wrapped once) naming an address and ending in ':' right before quoted
# lines ("02.04.2012 14:20 пользователь <bob@example.org> написал:").
_ANY_ATTRIBUTION = re.compile(r"^[^\n]{0,200}@[^\n]{0,200}(\n[^\n>][^\n]{0,120})?:\s*\n(\s*\n)*\s*>", re.MULTILINE)
# Gmail wraps long attribution lines: "On Tue, 3 Nov 2026 at 10:12, CRA Helpdesk <helpdesk@\nexample.nl> wrote:"
_WRAPPED_ATTRIBUTION = re.compile(r"^\s*(on|op)\s[^\n]{3,200}\n[^\n]{0,120}(wrote|schreef)\s*:\s*$", _FLAGS)

# A closing formula or signature delimiter: everything from it down is signature.
_SIGNATURE_START = re.compile(
    r"^\s*(--\s*|"
    r"(kind|best|warm|many thanks and|with kind)?\s*regards\b.*|"
    r"(yours\s+)?(sincerely|faithfully)\b.*|cheers\s*,?|"
    r"(met\s+)?(vriendelijke|hartelijke)\s+groet(en)?\b.*|"
    r"(mvg|m\.v\.g\.|gr\.?|groet(en|jes)?)\s*,?|hoogachtend\b.*|"
    r"sent from my .*|verzonden (vanaf|met) mijn .*|get outlook for .*|"
    r"(alvast\s+)?(bedankt|dank)\s*(je|u)?\s*(wel)?\s*(voor uw hulp|voor de moeite)?\s*[,!]?|"
    r"thanks( in advance)?\s*[,!]?|thank you( in advance)?\s*[,!]?)\s*$",
    _FLAGS,
)
_GREETING = re.compile(
    r"^\s*(dear|hello|hi|hey|good (morning|afternoon|evening)|geachte|beste|hallo|hoi|goedemorgen|goedemiddag|"
    r"goedenavond|l\.s\.|to whom it may concern)\b[^\n.?!]{0,60}[,!:]?\s*$",
    _FLAGS,
)
# Boilerplate phrases of mail disclaimers. A question about confidentiality must survive, so single words such as
# "confidential" are not enough, and a paragraph that asks something is never a disclaimer.
_DISCLAIMER = re.compile(
    r"(this (e-?mail|message|communication)[^.\n]{0,80}\b(is|are|may be|contains?)\b[^.\n]{0,40}"
    r"(confidential|privileged)|intended (solely |only )?for the (use of the )?(addressee|recipient|individual)|"
    r"not the intended recipient|dit (e-?mail)?bericht[^.\n]{0,60}(uitsluitend|alleen) bestemd|"
    r"niet de (beoogde )?geadresseerde|aan dit (e-?mail)?bericht kunnen geen rechten|"
    r"please consider the environment|denk aan het milieu|^\s*disclaimer\b)",
    re.IGNORECASE | re.MULTILINE,
)


# A forwarded message is part of the question ("can you answer the question below?"), not history.
_FORWARDED = re.compile(
    r"^\s*(-{2,}\s*(forwarded message|doorgestuurd bericht|begin forwarded message)\s*-*|"
    r"begin forwarded message:|begin doorgestuurd bericht:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FORWARD_HEADER = re.compile(r"^\s*(from|van|date|datum|sent|verzonden|subject|onderwerp|to|aan|cc)\s*:.*$", re.I)


def without_history(text: str) -> str:
    """The sender's own words, followed by the body of a message they forwarded (its header lines dropped)."""
    match = _FORWARDED.search(text)
    if not match:
        return strip_history(text)
    forwarded = [line for line in text[match.end() :].splitlines() if not _FORWARD_HEADER.match(line)]
    own = strip_history(text[: match.start()]).rstrip()
    return own + "\n\n" + strip_history("\n".join(forwarded)).strip()


def strip_history(text: str) -> str:
    """Cut the message where the earlier messages begin.

    A header ("On ... wrote:", "-----Original Message-----") starts the history: everything below it is earlier.
    Quoted lines without a header are the sender quoting what they answer, above or between their own lines
    (bottom-posting and inline replies, as Thunderbird users often write): then the new text is every line that is
    not quoted, down to the next header. When nothing stands above a header, the sender answered below it.
    """
    header = len(text)
    for pattern in (_HISTORY_HEADER, _WRAPPED_ATTRIBUTION, _ANY_ATTRIBUTION):
        match = pattern.search(text)
        if match and match.start() < header:
            header = match.start()
    if not text[:header].strip() and header < len(text):
        # Nothing above the header: the sender answered below the quote.
        below = text[header:].split("\n", 1)[1] if "\n" in text[header:] else ""
        return _unquoted(below)
    if _QUOTED_LINE.search(text, 0, header) is None:
        return text[:header]
    return _unquoted(text[:header])


def _unquoted(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))


def strip_signature(text: str) -> str:
    """Cut at the closing formula ("Kind regards", "Met vriendelijke groet", "-- ")."""
    match = _SIGNATURE_START.search(text)
    if match and text[: match.start()].strip():
        return text[: match.start()]
    return text


# "hoi moet ik dit melden?": a greeting that opens the question's own line.
_GREETING_WORD = re.compile(
    r"^\s*(hoi|hallo|hi|hey|hello|dag|goedemorgen|goedemiddag|good morning)\b[,!]?\s+(?=\S)", re.I
)


def strip_greeting(text: str) -> str:
    """Drop a salutation line ("Beste helpdesk,") or a greeting word before the question ("hoi moet ik ..."),
    unless it is all there is ("Hello")."""
    stripped = _GREETING_WORD.sub("", _GREETING.sub("", text, count=1), count=1)
    return stripped if stripped.strip() else text


def strip_disclaimers(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(p for p in paragraphs if "?" in p or not _DISCLAIMER.search(p))


def new_text(body: str) -> str:
    """The part of a message body its sender just wrote, ready for the assistant."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = without_history(text)
    text = strip_signature(text)
    text = strip_disclaimers(text)
    text = strip_greeting(text.strip())
    return re.sub(r"\n{3,}", "\n\n", text).strip()
