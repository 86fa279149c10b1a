import pytest

from helpdesk.text.language import detect_language


@pytest.mark.parametrize(
    "text, language",
    [
        ("Wanneer moet het eindverslag binnen zijn?", "nl"),
        ("hoe lang heb ik voor de melding", "nl"),
        ("Wij hebben een lek gevonden in onze router, wat nu?", "nl"),
        ("When is the final report due?", "en"),
        ("what goes in the early warning", "en"),
        ("Our importer is in Rotterdam. Where do we send the report?", "en"),
        ("Kunnen we de early warning ook in het Engels doen?", "nl"),
    ],
)
def test_language_of_a_question(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_no_evidence_gives_the_default() -> None:
    assert detect_language("CVE-2026-1234", default="en") == "en"
    assert detect_language("SRP?", default="nl") == "nl"
