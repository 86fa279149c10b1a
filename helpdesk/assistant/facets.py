"""The shape of the reporting obligation, as the assistant reads questions with it.

Two tracks (an actively exploited vulnerability, a severe incident) each pass through stages (early warning,
notification, final report, on request an intermediate report). A follow-up swaps one facet and keeps the other
("and for an incident?"); a question pointing back ("what goes in it?") keeps the stage before it; a deadline
question naming no stage is answered by the overview of all of them.
"""

from __future__ import annotations

import re

from helpdesk.assistant.matcher import Match, top
from helpdesk.text.normalise import fold

TRACKS = frozenset({"@vulnerability", "@incident"})
STAGES = frozenset({"@early_warning", "@final_report", "@intermediate_report"})
# What a question asks of its subject: "how fast?" after "how do I report an exploited bug?" asks the deadline instead.
ASPECTS = frozenset(
    {"@deadline", "@how_to_report", "@content", "@information", "@format", "@checklist", "@clock_start", "@language"}
)
FACETS: tuple[frozenset[str], ...] = (TRACKS, STAGES, ASPECTS)
MEANING = "@meaning"
NOTIFICATION = "@notification"
DEADLINE = "@deadline"
CLOCK_START = "@clock_start"
DEADLINES_OVERVIEW = "reporting-deadlines"
# A deadline question naming no stage gets the overview when it scores within this of the best article.
OVERVIEW_MARGIN = 0.2
# A question of at most this many content tokens is a fragment ("incidents?"), read with the question before it.
FOLLOW_UP_MAX_TOKENS = 1
_FOLLOW_UP_OPENERS = (
    "and ",
    "en ",
    "what about",
    "how about",
    "and what",
    "en wat",
    "en hoe",
    "en als",
    "also ",
    "ook ",
    "same for",
    "hetzelfde voor",
    "and if",
    "what if",
    "en voor",
    "and for",
    "en bij",
    "and in",
)
# "What is ENISA?", "Wat betekent CSIRT?": a short question asking what a term means.
_DEFINITION = re.compile(
    r"^\s*((what|who|wat|wie)\s+(is|are|zijn)\s+((eigenlijk|nou|precies|nu|exactly|actually|precisely) )?"
    r"(a |an |the |een |de |het )?['\"]?[\w'-]+( [\w'-]+){0,3}['\"]?"
    r"|(what|wat)\s+(does|do)\s+['\"]?[\w'-]+( [\w'-]+){0,3}['\"]?\s*(mean|stand for)"
    r"|(wat)\s+(betekent|betekenen)\s+['\"]?[\w'-]+( [\w'-]+){0,3}['\"]?)\s*\??\s*$"
)
# Words that point back at the report the question before was about: "daarin", "in it", "in that report".
_REFERS_BACK = re.compile(
    r"\b(daarin|daarbij|erin|hierin|therein|in (it|there|that|this)( report| notification)?|"
    r"(such a|that) (report|notification)|zo'?n (melding|verslag|rapport)|dat verslag|die melding)\b"
)


# A pronoun standing for something named before: "how must we send it?", "wat moet erin?"
_POINTS_BACK = re.compile(r"\b(it|erin|ervan|daarvan|hem)\b")


def points_back(text: str) -> bool:
    return bool(_POINTS_BACK.search(fold(text)) or _REFERS_BACK.search(fold(text)))


def asks_a_definition(text: str) -> bool:
    return bool(_DEFINITION.match(fold(text)))


def refers_back(text: str) -> bool:
    return bool(_REFERS_BACK.search(fold(text)))


def is_elliptical(text: str, tokens: tuple[str, ...], joined: bool = False) -> bool:
    """A fragment that only makes sense with the question before it: "and for incidents?", "en de termijn?".
    "En wat moet er in de vroegtijdige waarschuwing?" opens the same way but names its own stage and asks
    something of it: that is a question of its own. A question `joined` to the one before in one sentence
    ("..., en binnen welke termijn?") has lost its "en" to the split, and opens like a follow-up."""
    if len(tokens) <= FOLLOW_UP_MAX_TOKENS:
        return True
    names_its_subject = bool(STAGES & set(tokens)) and len(tokens) >= 2
    return (joined or fold(text).lstrip().startswith(_FOLLOW_UP_OPENERS)) and not names_its_subject


def follow_up_tokens(previous: tuple[str, ...], current: tuple[str, ...]) -> tuple[str, ...]:
    """The earlier question's tokens with the follow-up's facets swapped in: (72 h, vulnerability) + incident."""
    replaced = {token for facet in FACETS if facet & set(current) for token in facet}
    return tuple(t for t in previous if t not in replaced) + current


def twin(facets_of: dict[str, frozenset[str]], slug: str, asked: frozenset[str]) -> str | None:
    """The article that asks of the `asked` track or stage what `slug` asks of its own: "and for an incident?"
    after the vulnerability's final report is the incident's final report. None when `slug` has no such facets."""
    own = facets_of.get(slug, frozenset())
    swapped = {token for facet in FACETS if facet & asked for token in facet}
    wanted = frozenset(own - swapped) | asked
    if not own or wanted == own:
        return None
    return _article_with(facets_of, wanted)


# "And the one after that?", "en daarna?", "hoelang hebben we voor de volgende stap?": the stage after the one before.
_ASKS_NEXT = re.compile(
    r"\b(after that|the one after|the next (one|step|stage|report)|next step|then what|what comes next|"
    r"daarna|daarop|volgende (stap|fase|melding|ronde)|de volgende|wat komt (er )?(dan|hierna|daarna)|achteraan)\b"
)


def asks_next(text: str) -> bool:
    return bool(_ASKS_NEXT.search(fold(text)))


def next_stage(facets_of: dict[str, frozenset[str]], slug: str) -> str | None:
    """The article of the stage that follows `slug`'s on its track: the early warning is followed by the
    notification, the notification by the final report. None after the last stage, or off the tracks."""
    own = facets_of.get(slug, frozenset())
    track, stage = own & TRACKS, own & STAGES
    if len(track) != 1 or stage - {"@early_warning"}:
        return None
    return _article_with(facets_of, track if stage else track | {"@final_report"})


def _article_with(facets_of: dict[str, frozenset[str]], wanted: frozenset[str]) -> str | None:
    """The one article with exactly these facets, or None when there is none or more than one."""
    matching = [slug for slug, facets in facets_of.items() if facets == wanted]
    return matching[0] if len(matching) == 1 else None


def names_a_report(tokens: tuple[str, ...]) -> bool:
    """ "die uitgebreidere melding", "the final report", "the 72h one": the question says which report it means."""
    return bool((STAGES | {NOTIFICATION}) & set(tokens)) or any(t.isdigit() for t in tokens)


def overview_first(ranked: list[Match], tokens: tuple[str, ...], lead: float) -> list[Match]:
    """ "How fast must we report an exploited vulnerability?" names no stage: the overview of every stage and its
    deadline answers it, where one stage's article ("reporting" reads as that stage's name) answers a third of it.
    Promoted, the overview leads the best article by `lead`: the stage articles are parts of it, not its equals."""
    names_a_stage = STAGES & set(tokens) or any(t.isdigit() for t in tokens)
    # "When does the 24-hour clock start?" is the overview's too: it explains becoming aware, whatever the stage.
    asks_overview = (DEADLINE in tokens and not names_a_stage) or CLOCK_START in tokens
    overview = next((m for m in ranked if m.slug == DEADLINES_OVERVIEW), None)
    if not asks_overview or overview is None or overview is top(ranked):
        return ranked
    if top(ranked).score - overview.score > OVERVIEW_MARGIN:
        return ranked
    promoted = Match(overview.slug, round(min(1.0, top(ranked).score + lead), 4))
    return [promoted] + [m for m in ranked if m is not overview]
