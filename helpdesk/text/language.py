"""Dutch or English, decided offline from function words (the words every sentence has, whatever its topic)."""

from __future__ import annotations

from helpdesk.text.normalise import fold, words

DUTCH = "nl"
ENGLISH = "en"

_DUTCH_MARKERS = frozenset(
    """de het een en van in is op te dat die voor met zijn niet aan er om ook als bij of naar wat dan nog
    wordt worden kan moet moeten mijn ons onze wij we ik je jij u uw hoe waar wanneer welke wie waarom
    hebben heb heeft deze dit al maar zo geen meer tot over mag mogen kunnen kunt graag bedankt dank
    wel hoeveel binnen melden melding uur dagen na bent ben zijn jullie iemand spreken gaat doen""".split()
)
_ENGLISH_MARKERS = frozenset(
    """the a an and of to in is on that for with are be not at or from as by this it what which when how
    where who why do does did we our us you your i my can could should must have has will would there
    their they about into after before than any thanks thank please hours days report reporting""".split()
)


def detect_language(text: str, default: str = DUTCH) -> str:
    """`nl` or `en` by counting marker words; a tie (no evidence) gives `default`."""
    tokens = words(fold(text))
    dutch = sum(t in _DUTCH_MARKERS for t in tokens)
    english = sum(t in _ENGLISH_MARKERS for t in tokens)
    if dutch == english:
        return default
    return DUTCH if dutch > english else ENGLISH
