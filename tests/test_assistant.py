"""The assistant's decisions on questions of our own writing, as the channels will see them."""

from pathlib import Path

import pytest

from helpdesk.assistant import Assistant
from helpdesk.assistant.decision import QuestionOutcome
from helpdesk.assistant.engine import TIE_MARGIN
from helpdesk.assistant.together import agreeing, wondering
from helpdesk.knowledge.articles import load_knowledge_base
from helpdesk.replies import ReplyRenderer
from tests.conftest import ArticleWriter

HOWTO = [
    # (question, acceptable slugs)
    ("Where exactly do we submit a report on an exploited vulnerability?", {"where-to-report"}),
    ("waar dienen we een melding in", {"where-to-report"}),
    ("What goes into the early warning for a severe incident?", {"incident-early-warning"}),
    (
        "Wat moet er in de vroegtijdige waarschuwing over een actief uitgebuite kwetsbaarheid?",
        {"vulnerability-early-warning"},
    ),
    ("what info do we need to give in the 72 hour vulnerability notification", {"vulnerability-notification"}),
    ("Welke informatie hoort in de incidentmelding?", {"incident-notification"}),
    ("How many days after the patch is out is the final report due?", {"vulnerability-final-report"}),
    (
        "Binnen welke termijn moet het eindverslag over een ernstig incident binnen zijn?",
        {"incident-final-report", "reporting-deadlines"},
    ),
    (
        "Our head office is in Canada and we have a distributor in Utrecht. Which country's CSIRT do we report to?",
        {"main-establishment"},
    ),
    ("The CSIRT wants an interim update from us. What should it contain?", {"intermediate-report"}),
    ("We made a mistake in our notification. How do we correct it?", {"updating-a-notification"}),
    ("Hoe brengen we onze klanten op de hoogte van het lek?", {"informing-users"}),
    ("Can I as an ethical hacker report a weakness I found voluntarily?", {"voluntary-reporting"}),
    ("Hoe geven we aan dat informatie in onze melding vertrouwelijk is?", {"sensitivity-and-confidentiality"}),
    (
        "Can you hold back sharing our report with other member states while disclosure is ongoing?",
        {"delayed-dissemination"},
    ),
    (
        "What will you do with our notification once we have sent it?",
        {"after-reporting", "sensitivity-and-confidentiality"},
    ),
    ("Vanaf welke datum moeten fabrikanten melden?", {"reporting-start-date"}),
    ("What should we have ready before we start filling in the report?", {"information-checklist"}),
    ("How do we get an account for the reporting platform?", {"platform-access"}),
    ("Het meldplatform is down, wat nu?", {"platform-unavailable"}),
    ("Can we submit the notification through an API?", {"notification-format"}),
    ("What is ENISA?", {"key-terms"}),
    ("wat moet er in het eindverslag van een kwetsbaarhied", {"vulnerability-final-report"}),  # typo on purpose
]


@pytest.mark.parametrize("question, slugs", HOWTO)
def test_how_to_questions_are_answered(assistant: Assistant, question: str, slugs: set[str]) -> None:
    decision = assistant.decide(question)
    assert not decision.deflect and not decision.escalate, decision.details()
    assert decision.articles and decision.articles[0] in slugs, decision.details()


def test_language_follows_the_question(assistant: Assistant) -> None:
    assert assistant.decide("Waar moeten we melden?").lang == "nl"
    assert assistant.decide("Where must we report?").lang == "en"


def test_applicability_gets_the_deflection_and_no_answer(assistant: Assistant) -> None:
    decision = assistant.decide("Does the CRA apply to the firmware of our coffee machine?")
    assert decision.deflect and not decision.escalate
    assert set(decision.articles) <= {"helpdesk-scope"}


@pytest.mark.parametrize(
    "text",
    [
        "We zijn er niet zeker van of onze thermostaat onder de CRA valt. Zo ja, waar moeten we de melding doen?",
        "We are not sure whether the obligation applies to our firmware. If it does, where do we submit the report?",
        "Not sure we even count as a manufacturer, we only rebrand cameras. Either way, where do we file a report?",
        "Ik twijfel of onze app een product met digitale elementen is. Maar als dat zo is: waar moeten we melden?",
    ],
)
def test_wondering_about_applicability_before_a_how_to_question_gets_both(assistant: Assistant, text: str) -> None:
    decision = assistant.decide(text)
    assert decision.deflect and "where-to-report" in decision.articles, decision.details()


@pytest.mark.parametrize(
    "text",
    [
        "What should we do now? What must the final report on an incident contain?",
        "Wat moeten we nu doen? Wat moet er in het eindverslag over een incident staan?",
    ],
)
def test_a_vague_aside_beside_a_full_question_does_not_escalate(assistant: Assistant, text: str) -> None:
    decision = assistant.decide(text)
    assert decision.articles == ("incident-final-report",) and not decision.escalate, decision.details()
    assert [q.outcome for q in decision.questions] == ["aside", "answered"]


def test_a_weak_question_on_the_subject_the_message_already_gets_is_covered(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Who in our firm should act as the primary representative on the reporting platform? "
        "Could our outside security advisor get a second account too?"
    )
    assert decision.articles == ("platform-access",) and not decision.escalate, decision.details()


def test_a_vague_question_alone_still_goes_to_a_person(assistant: Assistant) -> None:
    assert assistant.decide("What should we do now?").escalate


def test_mixed_message_gets_deflection_and_how_to(assistant: Assistant) -> None:
    decision = assistant.decide("Is this breach a severe incident? And if so, where do we file the report?")
    assert decision.deflect
    assert "where-to-report" in decision.articles


def test_two_questions_get_two_answers(assistant: Assistant) -> None:
    decision = assistant.decide(
        "What must the early warning for an incident contain, and how do we get access to the platform?"
    )
    assert {"incident-early-warning", "platform-access"} <= set(decision.articles)


def test_actual_notification_is_urgent_and_pointed_to_the_platform(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Hierbij melden wij een actief uitgebuite kwetsbaarheid in onze NAS-firmware versie 5.1.2. Aanvallers lezen "
        "bestanden uit zonder in te loggen. Wij ontdekten dit gisteren om 18:00."
    )
    assert decision.urgent and decision.escalate
    assert decision.articles == ("where-to-report",)


def test_asking_for_a_person_escalates(assistant: Assistant) -> None:
    decision = assistant.decide("Kan iemand mij terugbellen over onze situatie?")
    assert decision.escalate and not decision.articles


def test_thanks_closes_without_escalating(assistant: Assistant) -> None:
    decision = assistant.decide("Thanks a lot, that is clear!")
    assert decision.closing and not decision.escalate and not decision.articles


def test_outside_reporting_escalates(assistant: Assistant) -> None:
    decision = assistant.decide("Which conformity assessment module applies to a smart lock?")
    assert decision.escalate and not decision.articles and not decision.deflect


def test_nonsense_escalates_rather_than_guessing(assistant: Assistant) -> None:
    decision = assistant.decide("Our canteen menu for next week needs approval from the board.")
    assert decision.escalate and not decision.articles


@pytest.mark.parametrize(
    "history, follow_up, slug",
    [
        (
            ["What goes in the early warning for an exploited vulnerability?"],
            "and for an incident?",
            "incident-early-warning",
        ),
        (
            ["Wat moet er in het eindverslag over een incident?"],
            "en bij een kwetsbaarheid?",
            "vulnerability-final-report",
        ),
        (["Which CSIRT do we send the report to?"], "what if we have no office in the EU?", "main-establishment"),
    ],
)
def test_follow_up_is_read_with_the_earlier_question(
    assistant: Assistant, history: list[str], follow_up: str, slug: str
) -> None:
    decision = assistant.decide(follow_up, history=history)
    assert decision.articles[:1] == (slug,), decision.details()


def test_email_with_signature_and_quote_is_answered(assistant: Assistant) -> None:
    body = (
        "Dear helpdesk,\n\nWe build routers in Tilburg. How quickly must the early warning on an exploited "
        "vulnerability be sent?\n\nBest regards,\nMarta Jansen\nRouterCo\n\nOn Mon, 9 Nov 2026 at 10:00, CRA "
        "Helpdesk <helpdesk@example.nl> wrote:\n> Does the CRA apply to you? We cannot say.\n"
    )
    decision = assistant.decide(body)
    assert not decision.deflect, "the quoted applicability text must not count"
    assert decision.articles[0] in {"vulnerability-early-warning", "reporting-deadlines"}


def test_reply_is_in_the_question_language_with_citation(assistant: Assistant, renderer: ReplyRenderer) -> None:
    reply = renderer.render(assistant.decide("Wat moet er in het eindverslag over een ernstig incident?"))
    assert "Art. 14(4)(c)" in reply
    assert "binnen een maand" in reply


def test_deflection_reply_uses_the_scope_text_and_answers_the_how_to(
    assistant: Assistant, renderer: ReplyRenderer
) -> None:
    decision = assistant.decide("Moeten wij dit melden? En waar doen we dat?")
    reply = renderer.render(decision)
    scope = renderer.answer("helpdesk-scope", "nl").text
    assert scope in reply
    assert renderer.answer("where-to-report", "nl").title in reply


def test_helpdesk_address_is_rendered_from_configuration(assistant: Assistant) -> None:
    renderer = ReplyRenderer(assistant.kb, "cra-helpdesk@ncsc.example")
    reply = renderer.render(assistant.decide("Can I send our notification to this e-mail address?"))
    assert "{{" not in reply


def _two_level_articles(write_article: ArticleWriter, tmp_path: Path, tie_margin: float = TIE_MARGIN) -> Assistant:
    """Two articles that both answer how long the final report may take, and a third about logging in."""
    write_article("vulnerability-final-report", "en", questions=["How many days do we have for the final report?"] * 6)
    write_article("incident-final-report", "en", questions=["How many days do we have for the final report?"] * 6)
    write_article("platform-access", "en", questions=["How do we log in to the platform?"] * 6)
    return Assistant(load_knowledge_base(tmp_path), tie_margin=tie_margin)


def test_two_articles_level_with_each_other_are_both_given(write_article: ArticleWriter, tmp_path: Path) -> None:
    decision = _two_level_articles(write_article, tmp_path).decide("How many days do we have for the final report?")
    assert set(decision.articles) == {"vulnerability-final-report", "incident-final-report"}
    assert not decision.escalate


def test_without_a_tie_margin_one_article_answers(write_article: ArticleWriter, tmp_path: Path) -> None:
    assistant = _two_level_articles(write_article, tmp_path, tie_margin=0.0)
    assert len(assistant.decide("How many days do we have for the final report?").articles) == 1


def test_at_most_one_level_article_joins_a_reply(assistant: Assistant) -> None:
    decision = assistant.decide("Wanneer moet het eindverslag binnen? En wat moet er in het eindverslag?")
    answered = [q for q in decision.questions if q.outcome == "answered"]
    assert len(decision.articles) <= len(answered) + 1


def test_asking_whether_drafts_are_checked_is_a_question_not_a_draft(assistant: Assistant) -> None:
    decision = assistant.decide("Could you review our draft before we submit it?")
    assert decision.draft is None and decision.escalate


def test_a_message_with_a_question_it_is_unsure_of_goes_to_a_person_whole(assistant: Assistant) -> None:
    decision = assistant.decide(
        "What must the final report on an incident contain? Can our marketing agency write the press release?"
    )
    assert decision.escalate and decision.articles == ()
    assert [q.outcome for q in decision.questions] == ["answered", "unsure"]
    assert decision.questions[0].slug == "incident-final-report"  # kept for staff


@pytest.mark.parametrize("body", ["See subject.", "Zie onderwerp", ""])
def test_a_body_pointing_at_the_subject_line_is_answered_from_it(assistant: Assistant, body: str) -> None:
    decision = assistant.decide(body, subject="Wanneer moet het eindverslag over een incident binnen zijn?")
    assert decision.articles == ("incident-final-report",) and not decision.escalate, decision.details()


def test_a_question_that_refines_the_one_before_is_covered_by_its_answer(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Vanaf welk moment gaat de termijn van 24 uur lopen? Vanaf de eerste melding van een klant, of pas als wij "
        "het zelf hebben vastgesteld?"
    )
    assert decision.articles == ("reporting-deadlines",) and not decision.escalate, decision.details()
    assert [q.outcome for q in decision.questions] == ["answered", "aside"]


@pytest.mark.parametrize(
    "text, slug",
    [
        ("hoeveel tijd hebben we om een aanval te melden?", "reporting-deadlines"),
        ("whats the deadline for reporting an exploited vuln??", "reporting-deadlines"),
        (
            "Binnen hoeveel uur moet de vroegtijdige waarschuwing over een incident binnen zijn?",
            "incident-early-warning",
        ),
    ],
)
def test_a_deadline_question_naming_no_stage_gets_the_overview(assistant: Assistant, text: str, slug: str) -> None:
    assert assistant.decide(text).articles[0] == slug


def test_one_statement_of_doubt_before_two_questions_gives_one_deflection(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Ik weet niet zeker of onze app onder de CRA valt. Maar als dat zo is: waar moeten we dan melden en hoe snel?"
    )
    assert decision.deflect and decision.articles == ("where-to-report", "reporting-deadlines"), decision.details()
    assert [q.outcome for q in decision.questions].count("applicability") == 1


def test_when_the_clock_starts_is_the_overview_even_with_a_stage_named(assistant: Assistant) -> None:
    decision = assistant.decide("does the 24h clock start at the first alert or when we confirm exploitation?")
    assert decision.articles == ("reporting-deadlines",), decision.details()


def test_a_statement_naming_the_track_settles_the_track_of_a_stage_question(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Er wordt een lek in onze browserextensie misbruikt. Hoe lang na de fix moet het eindverslag binnen zijn?"
    )
    assert decision.articles[0] == "vulnerability-final-report", decision.details()


def test_a_follow_up_swapping_the_track_keeps_the_stage(assistant: Assistant) -> None:
    decision = assistant.decide(
        "and if it's an incident instead?", history=["how long do we get for the early warning on an exploited vuln?"]
    )
    assert decision.articles[0] == "incident-early-warning", decision.details()


def test_such_a_report_points_back_at_the_stage_before(assistant: Assistant) -> None:
    decision = assistant.decide(
        "When is the final report on a severe incident due? And what is the minimum content such a report must include?"
    )
    assert [q.slug for q in decision.questions] == ["incident-final-report", "incident-final-report"]


def test_a_client_wondering_whether_a_case_counts_gets_the_deflection_beside_the_answer(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Een klant vraagt mij of een geslaagde phishingaanval als 'ernstig incident' onder de CRA telt. Daarnaast: "
        "wat moet er in het eindverslag van een ernstig incident staan?"
    )
    assert decision.deflect and decision.articles == ("incident-final-report",), decision.details()


def test_an_acknowledgement_before_a_follow_up_leaves_it_a_follow_up(assistant: Assistant) -> None:
    decision = assistant.decide(
        "ok and for an incident?", history=["what must the early warning for an exploited vulnerability contain?"]
    )
    assert decision.articles[0] == "incident-early-warning", decision.details()


@pytest.mark.parametrize(
    "text, slugs",
    [
        pytest.param(
            "Wij hebben een actief uitgebuite kwetsbaarheid gepatcht. Wanneer moet het eindverslag binnen? "
            "En wat moeten we daarin over de beveiligingsupdate vermelden?",
            ["vulnerability-final-report", "vulnerability-final-report"],
            id="a question pointing back keeps the stage it points at",
        ),
        pytest.param(
            "Which CSIRT do we report to, our HQ is in Lyon? And can we also report a near miss that never reached "
            "our customers?",
            ["main-establishment", "voluntary-reporting"],
            id="opening like a follow-up but saying enough, it is read on its own",
        ),
        pytest.param(
            "Het meldplatform ligt eruit en onze 24 uur loopt af, wat nu? En wat moet er minimaal in de vroegtijdige "
            "waarschuwing over een kwetsbaarheid?",
            ["platform-unavailable", "vulnerability-early-warning"],
            id="a second question naming its own stage is not a fragment",
        ),
    ],
)
def test_each_question_of_a_message_is_read_with_the_one_before(
    assistant: Assistant, text: str, slugs: list[str]
) -> None:
    assert [q.slug for q in assistant.decide(text).questions] == slugs


def test_a_greeting_before_a_yes_no_question_leaves_it_applicability(assistant: Assistant) -> None:
    decision = assistant.decide("hoi moet ik dit melden?")
    assert decision.deflect and decision.articles == (), decision.details()


@pytest.mark.parametrize(
    "history, text, slug",
    [
        pytest.param(
            ["Het eindverslag bij een misbruikte kwetsbaarheid: 14 dagen vanaf het moment dat de patch er is?"],
            "en bij een ernstig incident?",
            "incident-final-report",
            id="the track swapped: the same stage of the other track",
        ),
        pytest.param(
            ["What must the early warning on an exploited vulnerability contain?", "And the 72 hour notification?"],
            "and the final one?",
            "vulnerability-final-report",
            id="a follow-up to a follow-up: the earlier message is read in its own conversation",
        ),
    ],
)
def test_a_follow_up_asks_the_same_of_another_track_or_stage(
    assistant: Assistant, history: list[str], text: str, slug: str
) -> None:
    decision = assistant.decide(text, history=history)
    assert decision.articles == (slug,) and not decision.escalate, decision.details()


def test_a_fragment_joined_to_a_question_about_another_regime_is_about_that_regime(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Er zijn klantgegevens buitgemaakt. Moeten we dit bij de Autoriteit Persoonsgegevens melden, en binnen welke "
        "termijn?"
    )
    assert decision.escalate and decision.articles == (), decision.details()


def test_what_do_we_do_is_not_a_definition_question(assistant: Assistant) -> None:
    decision = assistant.decide("srp is down and our 24h window closes tonight 23:00. what do we do")
    assert decision.articles == ("platform-unavailable",), decision.details()


@pytest.mark.parametrize(
    "text, slug",
    [
        (
            "Geachte heer, mevrouw,\n\nCliënte is gevestigd buiten de Unie en heeft een gemachtigde in Nederland en een "
            "importeur in België.\n\nIk verzoek u mij te berichten bij welk CSIRT cliënte haar meldingen moet "
            "indienen.\n\nHoogachtend,\n\nmr. P. de Vries",
            "main-establishment",
        ),
        (
            "Geachte heer, mevrouw,\n\nGraag verneem ik van u welke gegevens een vroegtijdige waarschuwing over een "
            "actief uitgebuite kwetsbaarheid ten minste dient te bevatten.\n\nHoogachtend,\n\nmr. P. de Vries",
            "vulnerability-early-warning",
        ),
        (
            "Dear Sir or Madam,\n\nPlease indicate the minimum content of the final report on an actively exploited "
            "vulnerability.\n\nKind regards,\nA. Jansen",
            "vulnerability-final-report",
        ),
    ],
)
def test_a_formal_request_without_a_question_mark_is_answered(assistant: Assistant, text: str, slug: str) -> None:
    decision = assistant.decide(text)
    assert decision.articles == (slug,) and not decision.escalate, decision.details()


def test_a_vague_question_beside_an_applicability_question_is_covered_by_the_deflection(assistant: Assistant) -> None:
    decision = assistant.decide(
        "Valt onze slimme deurbel onder de CRA? Mijn compagnon zegt van niet, de installateur zegt van wel. Wie heeft er "
        "gelijk?"
    )
    # The deflection is the helpdesk-scope text; nothing else is given.
    assert decision.deflect and not decision.escalate, decision.details()
    assert set(decision.articles) <= {"helpdesk-scope"}, decision.details()


def test_weak_questions_agreeing_on_one_article_are_answered_with_it() -> None:
    weak = [QuestionOutcome(text, "unsure", "after-reporting", 0.33) for text in ("Wat nu?", "Horen we iets terug?")]
    assert [o.outcome for o in agreeing(weak)] == ["answered", "answered"]
    disagreeing = [weak[0], QuestionOutcome("Via welk formulier?", "unsure", "notification-format", 0.33)]
    assert [o.outcome for o in agreeing(disagreeing)] == ["unsure", "unsure"]


def test_weak_questions_worded_like_asking_whether_it_applies_get_the_deflection_when_nothing_is_answered() -> None:
    worded_so = QuestionOutcome(
        "Who's on the hook for reporting, us or them?", "unsure", "where-to-report", wondering=True
    )
    assert [o.outcome for o in wondering([worded_so])] == ["applicability"]
    answered = QuestionOutcome("Where do we report?", "answered", "where-to-report", 0.8)
    assert [o.outcome for o in wondering([answered, worded_so])] == ["answered", "unsure"]
    plain = QuestionOutcome("Wat nu?", "unsure", "after-reporting", 0.3)
    assert [o.outcome for o in wondering([plain])] == ["unsure"]


@pytest.mark.parametrize(
    "text",
    [
        "Is een SBOM onder de CRA verplicht voor elke release?",
        "Is vijf jaar beveiligingsupdates onder de CRA genoeg als ondersteuningsperiode?",
    ],
)
def test_an_outside_topic_asked_as_whether_it_is_required_goes_to_staff(assistant: Assistant, text: str) -> None:
    decision = assistant.decide(text)
    assert decision.escalate and not decision.deflect and decision.articles == (), decision.details()


def test_an_outside_topic_in_the_statement_before_a_whether_question_goes_to_staff(assistant: Assistant) -> None:
    decision = assistant.decide("Een klant vraagt ons om een SBOM voor de nieuwe robot. Is dat verplicht onder de CRA?")
    assert decision.escalate and not decision.deflect and decision.articles == (), decision.details()


def test_a_first_question_with_statements_of_its_own_is_not_read_as_a_follow_up(assistant: Assistant) -> None:
    decision = assistant.decide(
        "we hebben in onze vroegtijdige waarschuwing een verkeerd versienummer gezet 🙈 hoe pas ik dat aan?",
        history=["hoi! wij maken slimme sloten", "even een vraagje over die cra meldplicht"],
    )
    assert decision.articles == ("updating-a-notification",), decision.details()


@pytest.mark.parametrize(
    "text, slug",
    [
        ("24 uur vanaf wanneer?? vanaf de melding van de klant of vanaf onze eigen bevestiging", "reporting-deadlines"),
        ("how do u even report an exploited bug under the cra", "where-to-report"),
    ],
)
def test_short_chat_phrasings(assistant: Assistant, text: str, slug: str) -> None:
    assert slug in assistant.decide(text).articles


def test_a_follow_up_asking_another_aspect_replaces_the_one_before(assistant: Assistant) -> None:
    decision = assistant.decide("ok and how fast", history=["how do you report an exploited bug"])
    assert decision.articles[0] in {"reporting-deadlines", "vulnerability-early-warning"}, decision.details()


def test_it_in_a_question_is_the_one_report_the_statements_name(assistant: Assistant) -> None:
    decision = assistant.decide(
        "We read that the CSIRT can ask the manufacturer for an intermediate report. How must we send it, and is there "
        "a fixed deadline for it?"
    )
    assert decision.articles[0] == "intermediate-report", decision.details()


@pytest.mark.parametrize(
    "text, slug",
    [
        ("waar moet ik zo'n melding nou eigenlijk doen?", "where-to-report"),
        ("where do we submit our notification? we'd like to confirm it before the morning", "where-to-report"),
    ],
)
def test_function_words_the_base_does_not_know_do_not_weigh_down_a_question(
    assistant: Assistant, text: str, slug: str
) -> None:
    assert assistant.decide(text).articles[:1] == (slug,)


@pytest.mark.parametrize(
    "text",
    [
        "Today the CSIRT asked us for an intermediate report about our case. Must we do it in the platform too? Which "
        "information do they expect, and is there a deadline?",
        "Het CSIRT wil een tussentijds verslag van ons. Gaat dat via het platform? Welke informatie verwachten ze, en is "
        "er een termijn?",
    ],
)
def test_a_later_question_asking_only_a_deadline_or_content_keeps_the_report_before_it(
    assistant: Assistant, text: str
) -> None:
    decision = assistant.decide(text)
    assert decision.articles == ("intermediate-report",) and not decision.escalate


def test_a_later_question_naming_a_report_of_its_own_does_not_keep_the_one_before(assistant: Assistant) -> None:
    decision = assistant.decide(
        "How fast must the early warning on an incident go in? And what must the final report contain?"
    )
    assert "incident-final-report" in decision.articles


@pytest.mark.parametrize(
    "earlier, follow_up, expected",
    [
        (
            "What must the early warning on a severe incident contain?",
            "And the one after that?",
            "incident-notification",
        ),
        (
            "Wat moet er in de kwetsbaarheidsmelding van 72 uur?",
            "oke, gedaan. hoelang hebben we voor de volgende stap?",
            "vulnerability-final-report",
        ),
        ("What goes in the early warning on an exploited vulnerability?", "and the 72h one after that?", None),
    ],
)
def test_the_next_stage_follows_the_stage_asked_about_before(
    assistant: Assistant, earlier: str, follow_up: str, expected: str | None
) -> None:
    decision = assistant.decide(follow_up, history=[earlier])
    if expected is None:  # it names its report: read from its own words
        assert decision.articles == ("vulnerability-notification",)
        assert not any("stage after" in reason for reason in decision.reasons)
    else:
        assert decision.articles == (expected,) and not decision.escalate


def test_asking_for_an_acknowledgement_is_asking_what_happens_after_reporting(assistant: Assistant) -> None:
    decision = assistant.decide("Will we receive any acknowledgement or reference number after we submit?")
    assert decision.articles == ("after-reporting",) and not decision.escalate
