"""Folding text for matching: case, accents, punctuation and the spelling variants people type.

Matching never sees raw text: `fold` makes "Eindverslag", "eindverslag" and "éindverslag" one word, and `words`
cuts folded text into the tokens the matcher stems.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
# Typographic variants that mean the same thing to a reader.
_REPLACEMENTS = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# "24h", "72u", "24-hour", "24uur", "72-uurs" -> "24 hour", "72 hour": the number is the meaningful part.
_HOURS = re.compile(r"\b(\d+)\s*-?\s*(h|hrs?|hours?|uurs?|u)(?=\b|melding|rapport|verslag|waarschuwing|termijn)")
_SPACES = re.compile(r"[ \t]+")
_DAYS = re.compile(r"\b(\d+)\s*-?\s*(d|days?|dagen|dag)\b")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, accent-free, with typographic variants and hour/day spellings unified."""
    folded = strip_accents(text.translate(_REPLACEMENTS)).lower()
    folded = _HOURS.sub(r"\1 hour ", folded)
    folded = _DAYS.sub(r"\1 day ", folded)
    return _SPACES.sub(" ", folded)


def words(text: str) -> list[str]:
    """The words of already folded text: letters and digits only."""
    return _WORD.findall(text)
