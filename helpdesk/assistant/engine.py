"""The decision of DESIGN.md: rules first, then the matcher, then the confidence threshold.

One log line per decision names the rules that fired and the best score, so staff and developers can see why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from helpdesk import deadlines, drafts
from helpdesk.assistant.decision import Decision, QuestionOutcome
from helpdesk.assistant.facets import (
    ASPECTS,
    FOLLOW_UP_MAX_TOKENS,
    MEANING,
    NOTIFICATION,
    STAGES,
    TRACKS,
    asks_a_definition,
    asks_next,
    follow_up_tokens,
    is_elliptical,
    names_a_report,
    next_stage,
    overview_first,
    points_back,
    refers_back,
    twin,
)
from helpdesk.assistant.matcher import Match, Matcher, facets_of, top
from helpdesk.assistant.precedents import Precedents
from helpdesk.assistant.rules import CONTEXT_RULES, MESSAGE_RULES, QUESTION_RULES, classify_question
from helpdesk.assistant.together import agreeing, asides, combine, wondering
from helpdesk.assistant.vocabulary import analyzer_for
from helpdesk.knowledge.articles import KnowledgeBase, load_knowledge_base
from helpdesk.knowledge.precedents import Precedent, load_precedents
from helpdesk.text.analyzer import CONCEPT_PREFIX
from helpdesk.text.cleanup import new_text
from helpdesk.text.language import detect_language
from helpdesk.text.normalise import fold
from helpdesk.text.split import Question, split_questions

log = logging.getLogger("helpdesk.assistant")
_ASKS_FOR_PERSON = next(rule for rule in MESSAGE_RULES if rule.name == "asks-for-person")
_OUTSIDE_REPORTING = next(rule for rule in QUESTION_RULES if rule.name == "outside-reporting")

WHERE_TO_REPORT = "where-to-report"
# Below this score the assistant escalates instead of answering (rule 2). Chosen with `python bench/threshold.py`
# on our labelled questions: the lowest value that keeps wrong answers under 2 %.
CONFIDENCE_THRESHOLD = 0.45
# Below the threshold an article still answers when it leads all others by a clear margin: long, plainly worded
# mail scores low against every article, and one standing out is then the answer. `python bench/threshold.py
# tests/data/*.jsonl` compares margins: on the blind sets it cut both wrong answers and escalations.
CLEAR_WINNER_FLOOR = 0.35
CLEAR_WINNER_MARGIN = 0.07
# Two articles closer than this answer together: choosing one would be a guess (rule 2), and a reply may carry one
# article more than it has questions. `python bench/threshold.py` compares tie margins side by side.
TIE_MARGIN = 0.03
# A question beside an answered one with at most this many words the base knows is an aside ("Who does what?").
VAGUE_MAX_KNOWN = 1
# A question asking only more of the report the question before it was answered about ("and is there a deadline?")
# keeps that report when the earlier answer scored at least this.
SURE_OF_SUBJECT = 0.5
# Below the threshold, an article the precedents confirm answers from this score; above it, one they contradict is
# not trusted below the second score. `python bench/precedents.py` measures both, leave-one-set-out.
CONFIRMED_FLOOR = 0.20
CONTRADICTABLE_BELOW = 0.50
_SEE_SUBJECT = re.compile(r"^\W*(see|zie|please see|zie het|see the) (subject|onderwerp)( line| regel)?\W*$")


class Assistant:
    def __init__(
        self,
        kb: KnowledgeBase,
        threshold: float = CONFIDENCE_THRESHOLD,
        margin: float | None = CLEAR_WINNER_MARGIN,
        tie_margin: float = TIE_MARGIN,
        precedents: Sequence[Precedent] | None = None,
    ) -> None:
        """`margin` None: only the threshold decides; `tie_margin` 0: one article per question (bench/threshold.py
        compares them). `precedents`: the knowledge base's own when None; () for none."""
        self.kb = kb
        self.threshold = threshold
        self.margin = margin
        self.tie_margin = tie_margin
        self.analyzer = analyzer_for(kb, negatable={track.removeprefix(CONCEPT_PREFIX) for track in TRACKS})
        self.matcher = Matcher(kb, self.analyzer, tracks=TRACKS)
        self.facets_of = facets_of(self.matcher.documents, TRACKS | STAGES)
        self.precedents = Precedents(
            load_precedents(kb.directory) if precedents is None else precedents,
            ((q, a.language, a.slug) for a in kb.articles.values() for q in (a.title, *a.questions)),
            self.analyzer.tokens,
        )

    @classmethod
    def from_directory(cls, directory: str | Path) -> Assistant:
        return cls(load_knowledge_base(directory))

    def decide(
        self, text: str, history: Sequence[str] = (), subject: str | None = None, now: dt.datetime | None = None
    ) -> Decision:
        """Decide what to do with one message; `history` holds the asker's earlier messages, oldest first.
        `now` pins the clock for relative dates ("yesterday at 16:30")."""
        body = new_text(text)
        # "See subject." / "Zie onderwerp.": the question is in the subject line.
        question_text = new_text(subject or "") if not body or _SEE_SUBJECT.match(fold(body)) else body
        earlier = [new_text(h) for h in history if h and h.strip()]
        default_lang = detect_language(" ".join(earlier)) if earlier else "nl"
        lang = detect_language(question_text, default=default_lang)
        decision = self._with_deadlines(self._decide(question_text, earlier, lang), question_text, now)
        log.info(
            "decision lang=%s articles=%s deflect=%s escalate=%s confidence=%.2f rules=%s",
            decision.lang,
            ",".join(decision.articles) or "-",
            decision.deflect,
            decision.escalate,
            decision.confidence,
            "; ".join(decision.reasons) or "-",
        )
        return decision

    def _with_deadlines(self, decision: Decision, text: str, now: dt.datetime | None) -> Decision:
        """Add the due moments when the message says when the company became aware (issue 7)."""
        if decision.closing or decision.draft or (decision.escalate and not decision.urgent and not decision.articles):
            return decision
        tokens = set(self.analyzer.tokens(text, decision.lang))
        track = next(iter(TRACKS & tokens))[1:] if len(TRACKS & tokens) == 1 else None
        moments = deadlines.due_moments(text, now or dt.datetime.now(dt.UTC), track)
        if not moments:
            return decision
        return dataclasses.replace(decision, deadlines=tuple(deadlines.describe(moments, decision.lang)))

    def _decide(self, text: str, earlier: list[str], lang: str) -> Decision:
        if not text:
            return Decision((), False, True, lang, 0.0, reasons=("empty: nothing to answer",))
        result = drafts.check_draft(text) if drafts.asks_for_check(text) else None
        if result is not None and result.present:
            # Checked before the notification rule: a draft looks like a notification, but was sent to be checked.
            # Asking for a person as well makes it a ticket: then the draft is kept for staff. A message with nothing
            # of a report in it ("could you review our draft before we submit it?") asks about checking, and is
            # answered as a question.
            slug = drafts.STAGE_ARTICLES[(result.track, result.stage)]
            return Decision(
                (slug,),
                False,
                bool(_ASKS_FOR_PERSON(text)),
                lang,
                1.0,
                reasons=(f"draft-check: {result.track}/{result.stage}",),
                draft=drafts.details(result, lang),
            )
        for rule in MESSAGE_RULES:
            reason = rule(text)
            if not reason or (rule.name == "closing" and self._answerable(text, lang)):
                continue
            hit = (f"{rule.name}: {reason}",)
            if rule.name == "actual-notification":
                return Decision((WHERE_TO_REPORT,), False, True, lang, 1.0, urgent=True, reasons=hit)
            if rule.name == "asks-for-person":
                return Decision((), False, True, lang, 0.0, reasons=hit)
            return Decision((), False, False, lang, 1.0, closing=True, reasons=hit)

        outcomes: list[QuestionOutcome] = []
        previous = earlier[-1] if earlier else ""
        before: QuestionOutcome | None = None  # what became of the question before, in this message
        subject: QuestionOutcome | None = None  # the last question of this message that was answered
        wondered: set[str] = set()
        for question in split_questions(text):
            # "I don't know whether our app is covered. If so, how long do we have?": the deflection for the
            # statement, and the answer to the question (DESIGN.md rule 1).
            for rule in CONTEXT_RULES:
                reason = rule(question.context) if question.context else None
                if reason:
                    if reason not in wondered:  # two questions after one statement: one deflection
                        outcomes.append(QuestionOutcome(question.context, rule.name, reason=f"{rule.name}: {reason}"))
                        wondered.add(reason)
                    question = Question(question.text)  # the wondering is not what the question is about
            outcome = self._answer(question, previous, before, subject, [] if before else earlier, lang)
            outcomes.append(outcome)
            previous, before = question.full, outcome
            subject = outcome if outcome.outcome == "answered" else subject
        return combine(self._asides(wondering(agreeing(outcomes)), lang), lang)

    def _asides(self, outcomes: list[QuestionOutcome], lang: str) -> list[QuestionOutcome]:
        def read_with(text: str, other: str) -> Match:
            return top(self.matcher.rank(self.analyzer.tokens(text, lang), self.analyzer.tokens(other, lang)))

        return asides(outcomes, lambda text: self._vague(text, lang), read_with)

    def _last_answer(self, earlier: list[str], lang: str) -> QuestionOutcome | None:
        """The last question the asker's earlier message got an answer to, read in its own conversation."""
        if not earlier:
            return None
        decision = self._decide(earlier[-1], earlier[:-1], detect_language(earlier[-1], lang))
        return next((o for o in reversed(decision.questions) if o.outcome == "answered"), None)

    def _vague(self, text: str, lang: str) -> bool:
        """Too few words the knowledge base knows to be a question of its own, and none of its concepts ("the first
        report" names a subject however short the question is)."""
        known = [t for t in self.analyzer.tokens(text, lang) if t in self.matcher.idf]
        return len(known) <= VAGUE_MAX_KNOWN and not any(t.startswith(CONCEPT_PREFIX) for t in known)

    def _answer(
        self,
        question: Question,
        previous: str,
        before: QuestionOutcome | None,
        subject: QuestionOutcome | None,
        earlier: list[str],
        lang: str,
    ) -> QuestionOutcome:
        """`before` is what became of the question before in this message; for the first question, `earlier` holds
        the asker's earlier messages, whose last answer is worked out only when a follow-up needs it."""
        classified = classify_question(question.text, question.context)
        if classified:
            name, reason = classified
            return QuestionOutcome(question.text, name, reason=f"{name}: {reason}")
        tokens = self.analyzer.tokens(question.text, lang)
        if asks_a_definition(question.text):
            tokens += (MEANING,)
        context = self.analyzer.tokens(question.context, lang)
        if not any(t in self.matcher.idf for t in tokens):
            # "What does that involve?" says nothing the knowledge base knows: its subject is the statement before it.
            tokens, context = tokens + context, ()
        previous_tokens = self.analyzer.tokens(previous, detect_language(previous, lang)) if previous else ()
        # A first question set up by statements of its own ("Wrong version number in our early warning. How do I fix
        # that?") is read with them, not as a follow-up to the earlier message.
        own_setting = before is None and any(t in self.matcher.idf for t in context)
        if previous_tokens and not own_setting and asks_next(question.text):
            following = self._next_outcome(question, before or self._last_answer(earlier, lang), tokens)
            if following:
                return following
        if previous_tokens and not own_setting and is_elliptical(question.text, tokens, question.joined):
            read_as_follow_up = self._follow_up(
                question, tokens, context, previous_tokens, before or self._last_answer(earlier, lang), lang
            )
            if read_as_follow_up:
                return read_as_follow_up
        if not TRACKS & set(tokens):
            # A question that names no track ("what must the early warning contain?", "and the 72-hour
            # notification?" read on its own) keeps the track the conversation was about.
            context += tuple(TRACKS & set(previous_tokens))
        told_track = TRACKS & set(context)
        if STAGES & set(tokens) and not TRACKS & set(tokens) and len(told_track) == 1:
            # "A flaw in our extension is being exploited. When must the final report be in?": the statement says
            # which track the stage belongs to, as firmly as if the question had.
            tokens += tuple(told_track)
        if previous_tokens and not STAGES & set(tokens) and refers_back(question.text):
            # "What do we mention in it about the update?" after a question on the final report is about the final
            # report: the stage it points back to counts as if it were named.
            tokens += tuple(STAGES & set(previous_tokens))
        told_stage = STAGES & set(context)
        named_reports = told_stage | ({NOTIFICATION} & set(context))
        if len(named_reports) == 1 and told_stage and not STAGES & set(tokens) and points_back(question.text):
            # "The CSIRT can ask for an intermediate report. How must we send it?": the one stage the statements
            # name is what "it" is.
            tokens += tuple(told_stage)
        if subject is not None and self._asks_more_of(subject, tokens):
            # "We were asked for an intermediate report. Must it go through the platform? Which information do they
            # expect, and is there a deadline?": the later question asks more of the report the earlier one was about.
            tokens += tuple(STAGES & self.facets_of.get(subject.slug or "", frozenset()))
        ranked = self.matcher.rank(tokens, context)
        if context and top(ranked).score < self.threshold:
            # "Is that correct?" after two sentences of explanation: the explanation carries the subject, and is
            # read as part of the question when the question alone is too vague to answer.
            ranked = max(ranked, self.matcher.rank(tokens + context), key=lambda r: top(r).score)
        return self._outcome(question, overview_first(ranked, tokens, self.tie_margin), lang)

    def _asks_more_of(self, subject: QuestionOutcome, tokens: tuple[str, ...]) -> bool:
        """Whether a question names only an aspect (content, deadline, format) and no report of its own ("die
        uitgebreidere melding"), after a question of the same message answered with one stage's article."""
        if subject.outcome != "answered" or subject.score < SURE_OF_SUBJECT or not ASPECTS & set(tokens):
            return False
        known = {t for t in tokens if t in self.matcher.idf} - ASPECTS
        stage = STAGES & self.facets_of.get(subject.slug or "", frozenset())
        return len(known) <= 1 and bool(stage) and not names_a_report(tokens)

    def _follow_up(
        self,
        question: Question,
        tokens: tuple[str, ...],
        context: tuple[str, ...],
        previous_tokens: tuple[str, ...],
        asked_before: QuestionOutcome | None,
        lang: str,
    ) -> QuestionOutcome | None:
        """A fragment read with the question before it ("and for an incident?"), or None when that reading is not
        confident and the fragment is to be read on its own."""
        elsewhere = _OUTSIDE_REPORTING(asked_before.text) if asked_before else None
        if elsewhere:
            # "Moeten we dit bij de Autoriteit Persoonsgegevens melden, en binnen welke termijn?": the deadline
            # asked for is the other regime's, not the CRA's.
            reason = f"follow-up outside reporting: {elsewhere}"
            return QuestionOutcome(question.text, "outside-reporting", reason=reason)
        same_of_other = self._twin_outcome(question, asked_before, tokens)
        if same_of_other:
            return same_of_other
        # "and for an incident?" means the earlier question with the track swapped: that reading wins when it is
        # confident, even if the fragment alone happens to match something else.
        follow_up = follow_up_tokens(previous_tokens, tokens)
        with_previous = overview_first(self.matcher.rank(follow_up, context), follow_up, self.tie_margin)
        if top(with_previous).score >= self.threshold and not self._better_alone(tokens, context, with_previous):
            return self._outcome(question, with_previous, lang)
        return None

    def _twin_outcome(
        self, question: Question, before: QuestionOutcome | None, tokens: tuple[str, ...]
    ) -> QuestionOutcome | None:
        """ "And for an incident?" after a question answered by the vulnerability's final report asks the same of the
        incident's final report: that article answers it, as confidently as the question before was answered. (Read
        as words, the earlier question's vulnerability words still pull towards the vulnerability's article.)"""
        asked = (TRACKS | STAGES) & frozenset(tokens)
        if not asked or before is None or before.outcome != "answered" or not before.slug:
            return None
        other = twin(self.facets_of, before.slug, asked)
        if other is None:
            return None
        return QuestionOutcome(
            question.text, "answered", other, before.score, reason=f"follow-up: as {before.slug}, for {other}"
        )

    def _next_outcome(
        self, question: Question, before: QuestionOutcome | None, tokens: tuple[str, ...]
    ) -> QuestionOutcome | None:
        """ "And the one after that?" after a question answered by the incident's early warning asks about the
        incident notification; "the next step" after the notification, about the final report. Not when the fragment
        names a report itself ("and the 72h one after that?" is read from its words)."""
        if before is None or before.outcome != "answered" or not before.slug or names_a_report(tokens):
            return None
        following = next_stage(self.facets_of, before.slug)
        if following is None:
            return None
        return QuestionOutcome(
            question.text, "answered", following, before.score, reason=f"follow-up: the stage after {before.slug}"
        )

    def _better_alone(self, tokens: tuple[str, ...], context: tuple[str, ...], with_previous: list[Match]) -> bool:
        """ "En kunnen we daarin aangeven dat de info vertrouwelijk is?" opens like a follow-up but says enough to
        be read on its own: then its own reading wins when it is confident, or scores at least as well."""
        known = [t for t in tokens if t in self.matcher.idf]
        if len(known) <= FOLLOW_UP_MAX_TOKENS:
            return False
        alone = top(self.matcher.rank(tokens, context)).score
        return alone >= self.threshold or alone >= top(with_previous).score

    def _outcome(self, question: Question, ranked: list[Match], lang: str) -> QuestionOutcome:
        best = top(ranked)
        alternatives = tuple((m.slug, m.score) for m in ranked)
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        # A vague question without statements around it ("What should we do now?") has no evidence to stand out
        # with, whatever the margin.
        clear_winner = (
            self.margin is not None
            and best.score >= CLEAR_WINNER_FLOOR
            and best.score - runner_up >= self.margin
            and not self._vague(question.full, lang)
        )
        confident = best.score >= self.threshold or clear_winner
        # How the precedents read the question with its statements, as they were stored.
        said = self.analyzer.tokens(question.full, lang)
        contradicted = confident and best.score < CONTRADICTABLE_BELOW and self.precedents.contradict(said, best.slug)
        if confident and not contradicted:
            level = ranked[1].slug if len(ranked) > 1 and round(best.score - runner_up, 4) < self.tie_margin else None
            return QuestionOutcome(
                question.text, "answered", best.slug, best.score, alternatives=alternatives, also=level
            )
        if not confident and best.slug and best.score >= CONFIRMED_FLOOR and self.precedents.confirm(said, best.slug):
            reason = f"precedents: questions like it were answered with {best.slug}"
            return QuestionOutcome(
                question.text, "answered", best.slug, best.score, reason=reason, alternatives=alternatives
            )
        chosen = self.precedents.choose(said)
        if chosen:
            score = next((m.score for m in ranked if m.slug == chosen), 0.0)
            reason = f"precedents: questions like it were almost always answered with {chosen}"
            return QuestionOutcome(question.text, "answered", chosen, score, reason=reason, alternatives=alternatives)
        if contradicted:
            return QuestionOutcome(
                question.text,
                "unsure",
                best.slug,
                best.score,
                reason=f"unsure: precedents answered questions like it otherwise than {best.slug}",
                alternatives=alternatives,
            )
        return QuestionOutcome(
            question.text,
            "unsure",
            best.slug or None,
            best.score,
            reason=f"unsure: best {best.slug or '-'} at {best.score:.2f}",
            alternatives=alternatives,
            wondering=self.precedents.wonders(said),
        )

    def _answerable(self, text: str, lang: str) -> bool:
        """Whether `text` names a subject of the knowledge base and has a confident answer ("thanks, that answers
        it!" names none, however well "answer" happens to score)."""
        tokens = self.analyzer.tokens(text, lang)
        named = any(t.startswith(CONCEPT_PREFIX) for t in tokens)
        return named and top(self.matcher.rank(tokens)).score >= self.threshold
