"""What a message's questions come to together: asides, agreement, and the one decision for the whole message.

Each question of a message gets its own outcome (`engine.Assistant._answer`); a reply answers the message. Weak
questions beside answered ones may be covered by them (asides), weak questions agreeing with each other support each
other, and one question the assistant is unsure of sends the whole message to a person.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from helpdesk.assistant.decision import Decision, QuestionOutcome
from helpdesk.assistant.matcher import Match

# A weak question whose best article the message already gets by another question is covered by it from this score.
SAME_SUBJECT_FLOOR = 0.25
# Two or more weak questions of one message agreeing on their best article are answered with it from this score.
AGREEING_FLOOR = 0.30


def agreeing(outcomes: list[QuestionOutcome]) -> list[QuestionOutcome]:
    """ "What happens now on your side? Will we hear back?": two questions, each too weak alone, whose best article is
    the same - together they are evidence for it, and it answers both."""
    unsure = [o for o in outcomes if o.outcome == "unsure"]
    slugs = {o.slug for o in unsure}
    if len(unsure) < 2 or len(slugs) != 1 or any(o.score < AGREEING_FLOOR for o in unsure) or None in slugs:
        return outcomes
    return [
        dataclasses.replace(o, outcome="answered", reason=f"agreeing: {o.reason}") if o.outcome == "unsure" else o
        for o in outcomes
    ]


def wondering(outcomes: list[QuestionOutcome]) -> list[QuestionOutcome]:
    """ "We just stick our logo on bikes made in Taiwan. Who's on the hook for reporting, us or them?": when nothing in
    the message is answered, a question the matcher is unsure of but that is worded like questions asking whether the
    CRA applies gets the deflection instead of a person. Beside an answered question it stays unsure: there it is
    more often a how-to question in other words."""
    if any(o.outcome == "answered" for o in outcomes):
        return outcomes
    return [
        dataclasses.replace(o, outcome="applicability", reason=f"applicability: worded like it ({o.reason})")
        if o.outcome == "unsure" and o.wondering
        else o
        for o in outcomes
    ]


def asides(
    outcomes: list[QuestionOutcome], vague: Callable[[str], bool], read_with: Callable[[str, str], Match]
) -> list[QuestionOutcome]:
    """ "What should we do now?" beside a question the message asks in full says nothing of its own: it is
    answered by the answer to that question (or, after "does the CRA cover us?", by the deflection: "Who is
    right?"), and does not send the whole message to a person. `vague(text)` says whether a question is too vague to
    stand alone; `read_with(text, other)` is the best article for a question read with another as its context."""
    answered = {o.slug for o in outcomes if o.outcome == "answered"}
    if not answered and not any(o.outcome == "applicability" for o in outcomes):
        return outcomes
    result: list[QuestionOutcome] = []
    before: QuestionOutcome | None = None  # the last answered question
    for o in outcomes:
        if o.outcome == "unsure" and (vague(o.text) or _same_subject(o, answered) or _refines(o, before, read_with)):
            o = dataclasses.replace(o, outcome="aside", reason=f"aside: {o.reason}")
        before = o if o.outcome == "answered" else before
        result.append(o)
    return result


def _refines(outcome: QuestionOutcome, before: QuestionOutcome | None, read_with: Callable[[str, str], Match]) -> bool:
    """ "From when do the 24 hours run? From the customer's first call, or from when we confirmed it?": read with
    the answered question before it, the weak one is about the same article - it asks that question more
    precisely, and the article answers both."""
    if before is None:
        return False
    best = read_with(outcome.text, before.text)
    return best.slug == before.slug and best.score >= SAME_SUBJECT_FLOOR


def _same_subject(outcome: QuestionOutcome, answered: set[str | None]) -> bool:
    """A weak question whose best guess is an article the message already gets, with some evidence: "Who should
    be our primary representative? Can we add our consultant as a second user?" are both platform access."""
    return outcome.slug in answered and outcome.score >= SAME_SUBJECT_FLOOR


def combine(outcomes: list[QuestionOutcome], lang: str) -> Decision:
    """The decision for the whole message."""
    answered = [o for o in outcomes if o.outcome == "answered"]
    articles = tuple(dict.fromkeys(o.slug for o in answered if o.slug))
    # At most one article level with another joins them: a reply that hedges on every question answers none well.
    level = next((o.also for o in answered if o.also and o.also not in articles), None)
    articles += (level,) if level else ()
    deflect = any(o.outcome == "applicability" for o in outcomes)
    escalate = any(o.outcome in ("unsure", "outside-reporting") for o in outcomes)
    if any(o.outcome == "unsure" for o in outcomes):
        # A question the assistant is unsure of sends the message to a person, who answers it whole: half an answer
        # now and half later reads as the whole answer under a deadline (EVAL.md counts it as wrong). What the
        # assistant would have said per question stays in `questions`, for staff.
        articles = ()
    confidence = min((o.score for o in answered), default=0.0)
    reasons = tuple(o.reason for o in outcomes if o.reason)
    return Decision(articles, deflect, escalate, lang, confidence, reasons=reasons, questions=tuple(outcomes))
