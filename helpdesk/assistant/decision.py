"""What the assistant decided about one message: the contract between the assistant and the channels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class QuestionOutcome:
    """One question of a message and what became of it."""

    text: str
    outcome: str  # answered | applicability | outside-reporting | unsure | aside
    slug: str | None = None
    score: float = 0.0
    reason: str = ""
    alternatives: tuple[tuple[str, float], ...] = ()  # the matcher's best candidates, for staff and debugging
    also: str | None = None  # a second article scoring level with the first: both are given
    wondering: bool = False  # unsure, but worded like questions asking whether the CRA applies (precedents)


@dataclass(frozen=True)
class Decision:
    articles: tuple[str, ...]
    deflect: bool
    escalate: bool
    lang: str
    confidence: float
    urgent: bool = False  # an actual notification sent to the helpdesk: staff look first
    closing: bool = False  # the asker says thanks: the ticket may close
    reasons: tuple[str, ...] = ()  # every rule that fired, with why
    questions: tuple[QuestionOutcome, ...] = field(default=())
    draft: dict[str, Any] | None = None  # the result of a draft check (helpdesk/drafts.py), when one was asked for
    deadlines: tuple[dict[str, str], ...] = ()  # due moments computed from a stated moment of awareness

    def record(self) -> dict[str, Any]:
        """The fields `helpdesk triage` prints (EVAL.md)."""
        return {
            "articles": list(self.articles),
            "deflect": self.deflect,
            "escalate": self.escalate,
            "lang": self.lang,
            "confidence": round(self.confidence, 3),
        }

    def details(self) -> dict[str, Any]:
        """Everything, for storing with the message and showing to staff."""
        return (
            self.record()
            | {
                "urgent": self.urgent,
                "closing": self.closing,
                "reasons": list(self.reasons),
                "questions": [vars(q) for q in self.questions],
            }
            | ({"draft": self.draft} if self.draft else {})
            | ({"deadlines": list(self.deadlines)} if self.deadlines else {})
        )
