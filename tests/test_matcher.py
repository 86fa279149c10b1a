"""The matcher on a small knowledge base of its own: ranking, context weight, weak evidence."""

from pathlib import Path

import pytest

from helpdesk.assistant import matcher as matcher_module
from helpdesk.assistant.facets import TRACKS
from helpdesk.assistant.matcher import Matcher
from helpdesk.knowledge.articles import load_knowledge_base
from helpdesk.text.analyzer import Analyzer
from tests.conftest import ArticleWriter

QUESTIONS = {
    "final-report": ["When is the final report due?", "What goes into the final report?", "final report deadline"],
    "platform-access": ["How do we log in to the platform?", "Do we need an account for the platform?"],
    "main-establishment": [
        "Which CSIRT receives our report if our headquarters is abroad?",
        "Where is our main establishment?",
    ],
}


@pytest.fixture
def matcher(write_article: ArticleWriter, tmp_path: Path) -> Matcher:
    for slug, questions in QUESTIONS.items():
        write_article(slug, "en", questions=questions * 2)
    kb = load_knowledge_base(tmp_path)
    analyzer = Analyzer({"final_report": ["final report", "eindverslag"]}, {"final", "report", "platform", "account"})
    return Matcher(kb, analyzer)


def test_the_best_article_comes_first(matcher: Matcher) -> None:
    ranked = matcher.match("when must the final report be in", "en")
    assert ranked[0].slug == "final-report"
    assert ranked[0].score > (ranked[1].score if len(ranked) > 1 else 0)


def test_a_dutch_synonym_finds_the_english_examples(matcher: Matcher) -> None:
    assert matcher.match("eindverslag termijn", "nl")[0].slug == "final-report"


def test_context_counts_less_than_the_question(matcher: Matcher) -> None:
    tokens = matcher.analyzer.tokens("How do we log in to the platform?", "en")
    context = matcher.analyzer.tokens("Our headquarters is abroad and our CSIRT is unknown.", "en")
    assert matcher.rank(tokens, context)[0].slug == "platform-access"


def test_one_common_word_is_weak_evidence(matcher: Matcher) -> None:
    [best, *_] = matcher.match("report", "en")
    assert best.score < 0.5


def test_nothing_in_common_gives_no_match(matcher: Matcher) -> None:
    assert matcher.match("canteen menu", "en") == []


def test_an_article_of_the_other_track_scores_lower(
    write_article: ArticleWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_article(
        "vulnerability-early-warning", "en", questions=["When is the early warning on a vulnerability due?"] * 6
    )
    write_article("incident-early-warning", "en", questions=["When is the early warning on an incident due?"] * 6)
    write_article("reporting-deadlines", "en", questions=["When is the early warning due?"] * 6)
    concepts = {"vulnerability": ["vulnerability"], "incident": ["incident"], "early_warning": ["early warning"]}
    matcher = Matcher(load_knowledge_base(tmp_path), Analyzer(concepts, {"due"}), tracks=TRACKS)
    assert matcher.track_of["incident-early-warning"] == {"@incident"} and not matcher.track_of["reporting-deadlines"]
    question = "When is the early warning due for our vulnerability?"
    penalised = {m.slug: m.score for m in matcher.match(question, "en")}
    monkeypatch.setattr(matcher_module, "OTHER_TRACK_FACTOR", 1.0)
    plain = {m.slug: m.score for m in matcher.match(question, "en")}
    assert penalised["incident-early-warning"] == pytest.approx(plain["incident-early-warning"] * 0.85, abs=1e-3)
    assert penalised["reporting-deadlines"] == plain["reporting-deadlines"]  # no track of its own: not touched


def test_a_number_the_base_does_not_know_does_not_weaken_a_question(matcher: Matcher) -> None:
    plain = matcher.match("when must the final report be in", "en")[0]
    with_number = matcher.match("when must the final report, 48213, be in", "en")[0]
    assert with_number == plain
