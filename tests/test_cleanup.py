"""The assistant reads what the sender wrote now: no quoted history, greeting, signature or disclaimer."""

import pytest

from helpdesk.text.cleanup import new_text

QUESTION_EN = "What has to go into the 72-hour notification?"
QUESTION_NL = "Welke gegevens horen in het eindverslag?"

REPLY_STYLES = {
    "gmail-en": f"{QUESTION_EN}\n\nOn Mon, 16 Nov 2026 at 09:14, CRA Helpdesk <helpdesk@example.nl> wrote:\n> Thank you for your question.\n> The early warning is due within 24 hours.",
    "gmail-wrapped": f"{QUESTION_EN}\n\nOn Mon, 16 Nov 2026 at 09:14, CRA Helpdesk <helpdesk@\nexample.nl> wrote:\n\n> Earlier text",
    "gmail-nl": f"{QUESTION_NL}\n\nOp ma 16 nov. 2026 om 09:14 schreef CRA Helpdesk <helpdesk@example.nl>:\n> Dank voor uw vraag.",
    "outlook-en": f"{QUESTION_EN}\n\n________________________________\nFrom: CRA Helpdesk <helpdesk@example.nl>\nSent: Monday, 16 November 2026 09:14\nTo: Jan\nSubject: RE: question\n\nEarlier answer about early warnings.",
    "outlook-nl": f"{QUESTION_NL}\n\nVan: CRA Helpdesk <helpdesk@example.nl>\nVerzonden: maandag 16 november 2026 09:14\nAan: Jan\nOnderwerp: vraag\n\nEerder antwoord over vroegtijdige waarschuwingen.",
    "outlook-original": f"{QUESTION_EN}\n\n-----Original Message-----\nFrom: helpdesk@example.nl\nSent: Monday\n\nEarlier answer.",
    "apple-mail": f"{QUESTION_EN}\n\n> On 16 Nov 2026, at 09:14, CRA Helpdesk <helpdesk@example.nl> wrote:\n> \n> Earlier answer.",
    "thunderbird-nl": f"{QUESTION_NL}\n\nOp 16-11-2026 om 09:14 schreef CRA Helpdesk:\n> Eerder antwoord.",
}


@pytest.mark.parametrize("style", sorted(REPLY_STYLES))
def test_quoted_history_is_removed(style: str) -> None:
    text = new_text(REPLY_STYLES[style])
    assert text in (QUESTION_EN, QUESTION_NL)


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "Dear Sir or Madam,\n\nWhere do we file our report?\n\nKind regards,\nAnna Smit\nHead of Engineering\n+31 6 1234 5678",
            "Where do we file our report?",
        ),
        (
            "Beste helpdesk,\n\nWaar dien ik de melding in?\n\nMet vriendelijke groet,\n\nKees\nDirecteur",
            "Waar dien ik de melding in?",
        ),
        ("Hi,\nwhere do we report?\n-- \nAcme B.V. | www.acme.example", "where do we report?"),
        ("Goedemorgen,\n\nHoe werkt het meldplatform?\n\nMvg,\nPiet", "Hoe werkt het meldplatform?"),
        ("Where do we report?\n\nSent from my iPhone", "Where do we report?"),
        ("hoi moet ik dit melden?", "moet ik dit melden?"),
        ("Hello", "Hello"),
        (
            "Where do we report?\n\nThis e-mail is confidential and intended solely for the addressee. If you are not the intended recipient, delete it.",
            "Where do we report?",
        ),
        (
            "Waar melden we?\n\nDit bericht is uitsluitend bestemd voor de geadresseerde. Aan dit bericht kunnen geen rechten worden ontleend.",
            "Waar melden we?",
        ),
    ],
)
def test_greeting_signature_and_disclaimer_are_removed(body: str, expected: str) -> None:
    assert new_text(body) == expected


def test_a_message_that_is_only_thanks_is_kept() -> None:
    assert new_text("Thanks!") == "Thanks!"
    assert new_text("Hartelijk dank, dit is helder.") == "Hartelijk dank, dit is helder."


def test_windows_line_endings_are_handled() -> None:
    assert new_text("Hello,\r\n\r\nWhere do we report?\r\n\r\nRegards,\r\nJo") == "Where do we report?"


def test_a_question_about_confidentiality_is_not_taken_for_a_disclaimer() -> None:
    question = "Hoe geven we aan dat informatie in onze melding vertrouwelijk is?"
    assert new_text(question) == question
    assert new_text("Is the content of this message treated as confidential by you?")


def test_an_inline_reply_keeps_the_lines_between_and_below_the_quotes() -> None:
    body = (
        "Thanks for your answer.\n\n"
        "> The final report is due 14 days after the fix is available.\n\n"
        "Follow-up: what must the final report say about the update?\n\n"
        "On Mon, 2 Nov 2026 at 10:00, CRA Helpdesk <helpdesk@ncsc.example> wrote:\n"
        "> Dear Lena,\n> an older answer\n"
    )
    text = new_text(body)
    assert "Follow-up: what must the final report say about the update?" in text
    assert ">" not in text and "older answer" not in text
