import pytest

from helpdesk.text.split import split_questions


@pytest.mark.parametrize(
    "text, questions",
    [
        (
            "Where do we send it, and what does the final report contain?",
            ["Where do we send it", "what does the final report contain?"],
        ),
        (
            "Waar melden we dat, en wat moet er in de vroegtijdige waarschuwing?",
            ["Waar melden we dat", "wat moet er in de vroegtijdige waarschuwing?"],
        ),
        (
            "Does the CRA cover us, and if so, when is the early warning due?",
            ["Does the CRA cover us", "when is the early warning due?"],
        ),
        ("Moet ik dit melden, en zo ja, hoe?", ["Moet ik dit melden", "hoe?"]),
        ("Who gets our report? When is it shared?", ["Who gets our report?", "When is it shared?"]),
        ("deadline eindverslag", ["deadline eindverslag"]),
        (
            "is the final report in english? and how do we log in to the platform",
            ["is the final report in english?", "and how do we log in to the platform"],
        ),
        (
            "Wij zijn een klein bedrijf. En wanneer moet het eindverslag binnen",
            ["En wanneer moet het eindverslag binnen"],
        ),
        (
            "Does Art. 14 cover updates? If so, how do we file it?",
            ["Does Art. 14 cover updates?", "how do we file it?"],
        ),
        ("moet ik melden? en via welk portaal gaat dat", ["moet ik melden?", "en via welk portaal gaat dat"]),
        (
            "where do we file the final report and how many days do we have",
            ["where do we file the final report", "how many days do we have"],
        ),
        ("Wat moet erin, en in welke taal?", ["Wat moet erin", "in welke taal?"]),
        (
            "Is this reportable? If reporting is not required, could we still send it in voluntarily",
            ["Is this reportable?", "If reporting is not required, could we still send it in voluntarily"],
        ),
        (
            "moet ik dit lek in onze router melden? en zo ja hoe lang heb ik daarvoor",
            ["moet ik dit lek in onze router melden?", "hoe lang heb ik daarvoor"],
        ),
        (
            "Is a stolen signing key a severe incident? If so, to which CSIRT: we sit in Utrecht and Lyon.",
            ["Is a stolen signing key a severe incident?", "to which CSIRT: we sit in Utrecht and Lyon."],
        ),
        ("Hoe en wanneer vragen we uitstel aan?", ["Hoe, wanneer vragen we uitstel aan?"]),
        ("and if it's an incident instead?", ["and if it's an incident instead?"]),
        ("ok\nhoe lang heb ik dan voor het eindverslag?", ["hoe lang heb ik dan voor het eindverslag?"]),
        ("ok and what about the 72h one after that?", ["what about the 72h one after that?"]),
        (
            "waar meld ik een ernstig incident en vanaf wanneer begint de klok te lopen?",
            ["waar meld ik een ernstig incident", "vanaf wanneer begint de klok te lopen?"],
        ),
        ("(a) How is it protected?\n(b) How do we correct it?", ["How is it protected?", "How do we correct it?"]),
        ("wat is ENISA en naar wie gaat onze melding daarna?", ["wat is ENISA", "naar wie gaat onze melding daarna?"]),
        (
            "Can we report a phishing wave, and is the information kept confidential?",
            ["Can we report a phishing wave", "is the information kept confidential?"],
        ),
        (
            "How do we tell users about the flaw and what they can do themselves?",
            ["How do we tell users about the flaw, what they can do themselves?"],
        ),
        (
            "Twee vragen:\n- Wat moet in het eindverslag?\n- Wie krijgt het te zien?",
            ["Wat moet in het eindverslag?", "Wie krijgt het te zien?"],
        ),
        # A courtesy asking for the answer asks nothing of its own, unless it goes on to ask.
        ("Kunnen wij dat later aanvullen? Gaarne verneem ik uw antwoord.", ["Kunnen wij dat later aanvullen?"]),
        ("Wat nu? Ik hoor graag van u, want ik wil niet ergens in trappen.", ["Wat nu?"]),
        ("What now? I look forward to your reply.", ["What now?"]),
        ("Ik hoor graag van u welke gegevens nodig zijn.", ["Ik hoor graag van u welke gegevens nodig zijn."]),
        # A question's word order asks, whatever its punctuation.
        (
            "when does the 24h start exactly. first ticket, or confirmation?",
            ["when does the 24h start exactly.", "first ticket, or confirmation?"],
        ),
        ("Is it serious? If so, to which CSIRT: Dublin.", ["Is it serious?", "to which CSIRT: Dublin."]),
        # What follows a condition on the question before asks, however it is worded.
        (
            "do WE have to report that? if yes: required fields for final report",
            ["do WE have to report that?", "required fields for final report"],
        ),
        (
            "does that count as 'actively exploited'? and if it does whats meant to go in the 24hr early warning",
            ["does that count as 'actively exploited'?", "and if it does whats meant to go in the 24hr early warning"],
        ),
        # Short Dutch abbreviations do not end a sentence.
        (
            "Kunnen wij aangeven dat bepaalde gegevens (bv. sleutels, evt. logs) gevoelig zijn?",
            ["Kunnen wij aangeven dat bepaalde gegevens (bv. sleutels, evt. logs) gevoelig zijn?"],
        ),
    ],
)
def test_questions_of_a_message(text: str, questions: list[str]) -> None:
    assert [q.text for q in split_questions(text)] == questions


def test_statements_are_context_for_the_question_after_them() -> None:
    [question] = split_questions("We make smart locks. Our HQ is in Ghent. Which CSIRT receives our reports?")
    assert question.text == "Which CSIRT receives our reports?"
    assert question.context == "We make smart locks. Our HQ is in Ghent."
    assert question.full.startswith("We make smart locks.")


def test_empty_text_has_no_questions() -> None:
    assert split_questions("   ") == []


def test_a_lead_in_before_a_colon_sets_up_the_question() -> None:
    first, second = split_questions(
        "Our auditor asks: what goes in the final report, and in which language is it written?"
    )
    assert first.text == "what goes in the final report" and first.context == "Our auditor asks:"
    assert second.text == "in which language is it written?" and second.context == ""


def test_a_lead_in_may_end_before_a_preposition_and_question_word() -> None:
    [question] = split_questions(
        "Namens een klant de volgende vraag: binnen welke termijn moet het eindverslag binnen zijn?"
    )
    assert (
        question.text.startswith("binnen welke termijn") and question.context == "Namens een klant de volgende vraag:"
    )


@pytest.mark.parametrize("text", ["To which CSIRT: the one in Lyon or the one in Utrecht?", "Final report: when?"])
def test_a_colon_inside_a_question_is_not_a_lead_in(text: str) -> None:
    [question] = split_questions(text)
    assert question.text == text


def test_a_formal_request_is_a_question() -> None:
    questions = split_questions(
        "Cliënte heeft een waarschuwing ingediend. Gaarne verneem ik op welke wijze een onjuistheid wordt hersteld."
    )
    assert [q.text for q in questions] == ["Gaarne verneem ik op welke wijze een onjuistheid wordt hersteld."]


def test_the_items_after_a_request_ending_in_a_colon_are_the_questions() -> None:
    questions = split_questions(
        "Namens cliënte verzoek ik u:\n1. te bevestigen dat de meldplicht hier van toepassing is;\n"
        "2. mij te berichten hoe de toegang tot het meldplatform wordt ingericht.\nMet belangstelling zie ik uw "
        "reactie tegemoet."
    )
    assert [q.text for q in questions] == [
        "te bevestigen dat de meldplicht hier van toepassing is",
        "mij te berichten hoe de toegang tot het meldplatform wordt ingericht.",
    ]


def test_a_line_announcing_the_questions_is_not_one() -> None:
    questions = split_questions("Please advise on the following:\n- Where do we report?\n- When is it due?")
    assert [q.text for q in questions] == ["Where do we report?", "When is it due?"]


@pytest.mark.parametrize(
    "text",
    [
        "Kindly clarify to which CSIRT the notifications are to be sent.",
        "Please share the list of documents required for the notification.",
        "but if we do, whats in the 72h one",
        "en als we het vrijwillig willen melden, hoe gaat dat in z'n werk",
        "komt er daarna nog een deadline achteraan",
        "We would like to know if the NCSC can wait before sharing our notification.",
        "Graag had ik vernomen bij welke instantie cliënte een melding dient te verrichten.",
    ],
)
def test_requests_and_questions_without_a_question_mark_are_questions(text: str) -> None:
    assert [q.text for q in split_questions(f"We have a case. {text}")] == [text]


def test_an_enumeration_inside_a_sentence_is_cut_into_its_questions() -> None:
    questions = split_questions(
        "We should be grateful for (i) your view on whether this constitutes a severe incident, and (ii) confirmation "
        "of the minimum content of the early warning."
    )
    assert [q.text for q in questions] == [
        "We should be grateful for (i) your view on whether this constitutes a severe incident",
        "confirmation of the minimum content of the early warning.",
    ]


def test_the_regulations_paragraph_numbers_are_no_enumeration() -> None:
    text = "We ask whether the obligations of Article 14(1) and (3) attach to it."
    assert [q.text for q in split_questions(text)] == [text]


def test_a_question_word_ending_a_part_asks_with_the_next() -> None:
    questions = split_questions("Zou u mij willen uitleggen waar, en op welke manier wij een melding indienen?")
    assert [q.text for q in questions] == ["Zou u mij willen uitleggen waar, op welke manier wij een melding indienen?"]


@pytest.mark.parametrize(
    "text, first",
    [
        (
            "telt dat als actief uitgebuit?? en als dat zo is wat moet er in de eerste melding",
            "telt dat als actief uitgebuit??",
        ),
        ("severe incident y/n? either way whats supposed to go in the final report", "severe incident y/n?"),
    ],
)
def test_more_ways_a_second_question_follows(text: str, first: str) -> None:
    questions = split_questions(text)
    assert len(questions) == 2 and questions[0].text.startswith(first.rstrip("?")), questions


def test_a_sentence_opening_like_a_question_but_ending_in_a_full_stop_is_a_statement() -> None:
    [question] = split_questions(
        "Zijn slot is vorige week opengegaan. Wat we wel hebben: een logboek. Wat moet ik doen?"
    )
    assert question.text == "Wat moet ik doen?"
    assert question.context.startswith("Zijn slot is vorige week opengegaan.")
