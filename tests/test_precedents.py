"""Precedents: labelled questions that confirm an unsure reading or contradict a barely confident one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk.assistant import Assistant
from helpdesk.assistant import precedents as learned
from helpdesk.assistant.precedents import Precedents
from helpdesk.cli import main
from helpdesk.knowledge.articles import KnowledgeBase
from helpdesk.knowledge.precedents import Precedent, from_labelled, load_precedents, parse_line
from helpdesk.knowledge.validate import check_knowledge_base


def precedent(text: str, *answers: str, lang: str = "en") -> Precedent:
    return Precedent(text, lang, frozenset(answers), "test:1")


def labelled(text: str, kind: str = "howto", articles: list[list[str]] | None = None, **extra: object) -> dict:
    expect = {"articles": articles if articles is not None else [["where-to-report"]], "deflect": False}
    return {"id": "x1", "text": text, "lang": "en", "kind": kind, "expect": expect, **extra}


class TestFromLabelled:
    def test_a_one_question_how_to_message_becomes_a_precedent_with_its_group(self) -> None:
        items = [
            labelled("Hi,\n\nWe sell smart plugs. Where do we send the report?\n\nBest,\nAnna", articles=[["a", "b"]])
        ]
        [made] = from_labelled(items, source="set1")
        assert made.answers == {"a", "b"}
        assert made.source == "set1:x1"
        assert "Where do we send the report?" in made.text and "smart plugs" in made.text

    def test_questions_the_helpdesk_does_not_answer_are_labelled_so(self) -> None:
        items = [
            labelled("Does the CRA apply to our app?", "applicability"),
            labelled("Where goes the CE mark?", "other"),
            labelled("Can someone call me back about our report?", "human", articles=[]),
            labelled(
                "We hereby report an exploited flaw in our router, CVE-2026-1234. Is this received?", "misdirected"
            ),
        ]
        assert [p.answers for p in from_labelled(items, "s")] == [
            {"applicability"},
            {"outside-reporting"},
            {"asks-for-person"},
            {"actual-notification"},
        ]

    @pytest.mark.parametrize(
        "item",
        [
            labelled("And for an incident?", history=["How fast must we report a vulnerability?"]),
            labelled(
                "Where do we report? And what goes in it?", articles=[["where-to-report"], ["information-checklist"]]
            ),
            labelled("Where do we report? What goes in the early warning?"),
            labelled("Thanks, that was all we needed.", "closing", articles=[]),
        ],
        ids=["follow-up", "two groups", "two questions", "closing"],
    )
    def test_messages_whose_words_do_not_say_what_one_label_means_are_left_out(self, item: dict) -> None:
        assert list(from_labelled([item], "s")) == []


class TestParseLine:
    def test_a_good_line(self) -> None:
        made, problem = parse_line('{"text": "Waar meld ik?", "lang": "nl", "answers": ["where-to-report"]}')
        assert problem is None and made is not None and made.answers == {"where-to-report"}

    @pytest.mark.parametrize(
        "line, named",
        [
            ("{not json", "not JSON"),
            ("[1, 2]", "JSON object"),
            ('{"text": "", "lang": "nl", "answers": ["a"]}', '"text"'),
            ('{"text": "q", "lang": "de", "answers": ["a"]}', '"lang"'),
            ('{"text": "q", "lang": "nl", "answers": []}', '"answers"'),
            ('{"text": "q", "lang": "nl", "answers": "a"}', '"answers"'),
        ],
    )
    def test_a_bad_line_is_named(self, line: str, named: str) -> None:
        made, problem = parse_line(line)
        assert made is None and problem is not None and named in problem


@pytest.fixture(scope="module")
def precedents(assistant: Assistant) -> Precedents:
    return Precedents(
        [
            precedent(
                "our portal login for the reporting platform does not work, who can add a colleague",
                "platform-access",
            ),
            precedent("how do we add a second colleague as user on the reporting platform", "platform-access"),
            precedent("can a colleague get a login for the platform as backup user", "platform-access"),
            precedent("the reporting platform is down, what now", "platform-unavailable"),
            precedent("does the cra apply to our smart kettle", "applicability"),
        ],
        _examples(assistant),
        assistant.analyzer.tokens,
    )


class TestLearnedReading:
    def test_questions_worded_alike_confirm_their_answer(self, assistant: Assistant, precedents: Precedents) -> None:
        tokens = assistant.analyzer.tokens("can we add a colleague to the platform as a second user?", "en")
        assert precedents.confirm(tokens, "platform-access")
        assert not precedents.confirm(tokens, "platform-unavailable")

    def test_they_contradict_an_answer_none_of_them_got(self, assistant: Assistant, precedents: Precedents) -> None:
        tokens = assistant.analyzer.tokens("can we add a colleague to the platform as a second user?", "en")
        assert precedents.contradict(tokens, "where-to-report")
        assert not precedents.contradict(tokens, "platform-access")

    def test_a_few_alike_do_not_make_it_certain(self, assistant: Assistant, precedents: Precedents) -> None:
        tokens = assistant.analyzer.tokens("can we add a colleague to the platform as a second user?", "en")
        assert precedents.choose(tokens) is None

    def test_many_alike_contradict_and_choose(self, assistant: Assistant) -> None:
        asked = ["how many people can submit", "is there a limit on people who can submit", "limit of submitters?"]
        asked += [f"{lead} how many of our people may submit reports?" for lead in ("hi,", "quick one:", "team asks")]
        asked += ["is the number of people who can submit limited?", "can more people submit or is there a limit?"]
        precedents = Precedents(
            [precedent(text, "platform-access") for text in asked * 2], _examples(assistant), assistant.analyzer.tokens
        )
        tokens = assistant.analyzer.tokens("is there a limit on how many people can submit?", "en")
        assert precedents.choose(tokens) == "platform-access"
        assert precedents.contradict(tokens, "notification-format")

    def test_questions_the_helpdesk_does_not_answer_are_never_chosen(
        self, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        things = ("kettle", "toaster", "doorbell", "lamp", "app", "router", "camera", "thermostat")
        precedents = Precedents(
            [precedent(f"is our {thing} caught by this law?", "applicability") for thing in things],
            _examples(assistant),
            assistant.analyzer.tokens,
        )
        tokens = assistant.analyzer.tokens("is our fridge caught by this law?", "en")
        likeliest = max(precedents.probabilities(tokens).items(), key=lambda item: item[1])
        assert likeliest[0] == "applicability"
        monkeypatch.setattr(learned, "CHOOSING", likeliest[1] - 0.01)
        assert precedents.choose(tokens) is None

    def test_without_precedents_there_is_no_second_opinion(self, assistant: Assistant) -> None:
        precedents = Precedents([], _examples(assistant), assistant.analyzer.tokens)
        tokens = assistant.analyzer.tokens("can we add a colleague to the platform as a second user?", "en")
        assert precedents.probabilities(tokens) == {}
        assert not precedents.confirm(tokens, "platform-access") and precedents.choose(tokens) is None


def _examples(assistant: Assistant) -> list[tuple[str, str, str]]:
    return [(q, a.language, a.slug) for a in assistant.kb.articles.values() for q in a.questions]


class TestTheAssistantConsultsThem:
    # Plainly worded: the articles' own wording leaves the matcher unsure (its best guess scores 0.30-0.45).
    UNSURE = "is there a limit on how many people can submit?"

    def test_without_precedents_an_unsure_question_goes_to_a_person(self, assistant: Assistant) -> None:
        decision = Assistant(assistant.kb, precedents=()).decide(self.UNSURE)
        assert decision.escalate and not decision.articles
        assert decision.questions[0].score >= 0.30

    def test_precedents_agreeing_with_the_best_guess_make_it_the_answer(self, assistant: Assistant) -> None:
        guess = Assistant(assistant.kb, precedents=()).decide(self.UNSURE).questions[0].slug
        assert guess
        alike = [
            "is there a limit on people who can submit",
            "how many people can submit",
            "limit of people submitting?",
        ]
        decision = Assistant(assistant.kb, precedents=[precedent(t, guess) for t in alike]).decide(self.UNSURE)
        assert decision.articles == (guess,) and not decision.escalate
        assert "precedents" in decision.questions[0].reason

    def test_precedents_answered_otherwise_send_a_barely_confident_answer_to_a_person(
        self, assistant: Assistant
    ) -> None:
        # "out" reads as an outage: alone, the matcher answers with the platform being unavailable.
        question = "the fix is out, what now?"
        alone = Assistant(assistant.kb, precedents=()).decide(question)
        assert alone.articles == ("platform-unavailable",) and alone.confidence < 0.5
        alike = ["our fix is out now, what next", "the fix is out. what now?", "fix is out, what do we send now"]
        alike += ["fix is out what now", "the fix is finally out, what now?", "now that the fix is out, what do we do?"]
        corrected = [precedent(text, "vulnerability-final-report") for text in alike]
        decision = Assistant(assistant.kb, precedents=corrected).decide(question)
        assert decision.escalate and not decision.articles


class TestShippedPrecedents:
    def test_the_shipped_base_has_them_and_kb_check_accepts_them(self, assistant: Assistant) -> None:
        assert len(load_precedents(assistant.kb.directory)) > 1000
        assert check_knowledge_base(assistant.kb.directory) == []

    def test_kb_check_names_a_bad_line_and_an_answer_that_is_no_article(
        self, assistant: Assistant, tmp_path: Path
    ) -> None:
        base = _copy_of_base(assistant.kb, tmp_path)
        good = {"text": "waar meld ik", "lang": "nl", "answers": ["where-to-report"]}
        (base / "precedents.jsonl").write_text(
            "\n".join([json.dumps(good), "{oops", json.dumps(good | {"answers": ["no-such-article"]})]) + "\n",
            encoding="utf-8",
        )
        problems = [str(p) for p in check_knowledge_base(base)]
        assert len(problems) == 2
        assert "line 2: not JSON" in problems[0]
        assert "line 3: answers 'no-such-article', which is not an article" in problems[1]


def _copy_of_base(kb: KnowledgeBase, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "kb"
    shutil.copytree(kb.directory, target)
    return target


def test_kb_precedents_prints_the_precedents_of_labelled_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labelled_file = tmp_path / "mine.jsonl"
    lines = [labelled("Where do we send the report?"), labelled("Is our app in scope?", "applicability"), "not json"]
    labelled_file.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    assert main(["kb", "precedents", str(labelled_file)]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["answers"] for r in records] == [["where-to-report"], ["applicability"]]
    assert all(r["source"] == "mine:x1" for r in records)
    assert "2 precedents from 1 file(s)" in err
