"""Knowledge gaps: what people asked that the assistant could not answer, grouped so staff see what to write next.

Questions the assistant was unsure about (asides too) or found outside reporting are grouped greedily by rapidfuzz
`token_set_ratio` on folded text; each group shows its size, a few examples and when it was last asked.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from helpdesk.store.models import Message
from helpdesk.text.normalise import fold

SIMILAR = 60  # token_set_ratio at which two questions count as the same gap
# Asides were answered only by the answer beside them: staff may still want an article for them.
GAP_OUTCOMES = ("unsure", "aside", "outside-reporting")
LOOKBACK = 2000  # most recent inbound messages considered


@dataclass
class Gap:
    example: str
    examples: list[str] = field(default_factory=list)
    count: int = 0
    last_asked: dt.datetime | None = None
    best_guess: str | None = None


def unanswered_questions(engine: Engine) -> list[tuple[str, dt.datetime, str | None]]:
    """(question, when, the matcher's best guess) for every question the assistant did not answer."""
    with Session(engine) as session:
        rows = session.exec(
            select(Message.decision, Message.created_at)
            .where(Message.direction == "in", col(Message.decision).is_not(None))
            .order_by(col(Message.id).desc())
            .limit(LOOKBACK)
        ).all()
    found = []
    for decision, created_at in rows:
        for question in json.loads(decision or "{}").get("questions", []):
            if question.get("outcome") in GAP_OUTCOMES and question.get("text"):
                found.append((question["text"], created_at, question.get("slug")))
    return found


def knowledge_gaps(engine: Engine, limit: int = 50) -> list[Gap]:
    gaps: list[Gap] = []
    for text, when, guess in unanswered_questions(engine):  # newest first
        folded = fold(text)
        home = next((g for g in gaps if fuzz.token_set_ratio(folded, fold(g.example)) >= SIMILAR), None)
        if home is None:
            home = Gap(example=text, last_asked=when, best_guess=guess)
            gaps.append(home)
        home.count += 1
        if len(home.examples) < 3 and text not in home.examples:
            home.examples.append(text)
    return gaps[:limit]
