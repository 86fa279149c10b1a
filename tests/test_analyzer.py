"""Folding, typo correction, stemming and synonyms: different spellings of one question become one set of tokens."""

import pytest

from helpdesk.assistant import Assistant
from helpdesk.text.analyzer import Analyzer
from helpdesk.text.normalise import fold

CONCEPTS = {
    "final_report": ["final report", "eindverslag"],
    "early_warning": ["early warning", "vroegtijdige waarschuwing"],
}


@pytest.fixture
def analyzer() -> Analyzer:
    return Analyzer(CONCEPTS, {"kwetsbaarheid", "incident", "deadline", "notification"})


def test_fold_removes_case_accents_and_unifies_hours() -> None:
    assert fold("Eén ÉÉN 24h 72-uursmelding 14 days 72u").split() == [
        "een",
        "een",
        "24",
        "hour",
        "72",
        "hour",
        "melding",
        "14",
        "day",
        "72",
        "hour",
    ]


def test_synonyms_in_both_languages_become_one_concept(analyzer: Analyzer) -> None:
    assert "@final_report" in analyzer.tokens("When is the final report due?", "en")
    assert "@final_report" in analyzer.tokens("Wanneer moet het eindverslag binnen zijn?", "nl")


@pytest.mark.parametrize(
    "typo, meant", [("kwetsbaarhied", "kwetsbaarheid"), ("incdent", "incident"), ("notifcation", "notification")]
)
def test_typos_are_corrected_towards_the_vocabulary(analyzer: Analyzer, typo: str, meant: str) -> None:
    assert analyzer.correct(typo) == meant


def test_typos_inside_a_concept_phrase_still_find_the_concept(analyzer: Analyzer) -> None:
    assert "@early_warning" in analyzer.tokens("wat moet er in de vroegtijdge waarschuwnig", "nl")


def test_short_words_are_not_corrected(analyzer: Analyzer) -> None:
    assert analyzer.correct("cve") == "cve"


def test_stopwords_are_dropped_and_plurals_stemmed(analyzer: Analyzer) -> None:
    assert analyzer.tokens("What are the deadlines?", "en") == analyzer.tokens("deadline", "en")


def test_the_shipped_concepts_cover_dutch_and_english_stage_names(assistant: Assistant) -> None:
    tokens = assistant.analyzer.tokens
    assert tokens("tussentijds verslag", "nl") == tokens("intermediate report", "en")
    assert tokens("vroegtijdige waarschuwing", "nl") == tokens("early warning", "en")


@pytest.mark.parametrize(
    "lang, text, concept",
    [
        ("nl", "het portaal geeft een 503", "@unavailable"),
        ("en", "can we still file when we are past the deadline", "@late"),
        ("nl", "weten we nog niet of het met opzet was", "@malicious"),
        ("en", "must we name the root cause yet", "@root_cause"),
        ("en", "how do we sign up for the platform", "@login"),
        ("nl", "mag het in een machine leesbaar formaat", "@machine_readable"),
        ("en", "do we file with ireland or with you", "@member_state"),
        ("nl", "bij jullie of bij het CCB", "@csirt"),
        ("nl", "wat moet er in de melding", "@content"),
        ("en", "what do we tell you in the first 24 hours", "@early_warning"),
        ("nl", "mag hij melden als hij geen fabrikant is", "@not_manufacturer"),
        ("en", "who sees our report", "@receive"),
        ("nl", "vanaf wanneer gaat de klok lopen", "@clock_start"),
        ("nl", "kunt u in gewone taal uitleggen wat een csirt is", "@meaning"),
        ("en", "what do you need from us", "@checklist"),
        ("nl", "kunnen we alsnog melden", "@late"),
        ("en", "what's the bare minimum the 24h EW has to contain", "@early_warning"),
        ("en", "what is the deadline for the first message to you", "@early_warning"),
        ("en", "which informations must stand in it", "@content"),
        ("en", "and the final one?", "@final_report"),
        ("nl", "wat doen we als het meldplatform niet werkt", "@unavailable"),
        ("nl", "bij welk CSIRT dan?", "@main_establishment"),
        ("en", "what do you want to know from us when we report?", "@checklist"),
        ("en", "which fields are mandatory at the 24h stage?", "@early_warning"),
        ("en", "we cannot log in to the platform", "@unavailable"),
        ("en", "do the deadlines stop over christmas?", "@pause"),
        ("nl", "kunnen we dat nog aanpassen", "@correct"),
        ("en", "do we get a confirmation that we are now compliant?", "@compliance"),
        ("nl", "kan ik mijn melding ook gewoon hier in de chat doen?", "@helpdesk"),
        ("en", "which coordinating CSIRT should we choose", "@main_establishment"),
        ("nl", "hoe vragen we om de verspreiding uit te stellen", "@delay"),
        ("en", "can we, as a non-manufacturer, notify this ourselves", "@not_manufacturer"),
        ("nl", "hoe pas ik dat aan", "@correct"),
        ("en", "which Member State's coordinating CSIRT would receive it", "@main_establishment"),
        ("nl", "dat het NCSC onze melding voorlopig nog niet doorstuurt", "@delay"),
        ("nl", "als ik moet melden, in welk land moet dat dan?", "@main_establishment"),
        ("nl", "hoe meld ik een ernstig incident", "@how_to_report"),
        ("en", "what we must write in the first warning of 24 hours?", "@early_warning"),
        ("en", "which information do you expect?", "@information"),
        ("nl", "welke gegevens geven we op?", "@information"),
    ],
)
def test_everyday_words_find_the_shipped_concepts(assistant: Assistant, lang: str, text: str, concept: str) -> None:
    assert concept in assistant.analyzer.tokens(text, lang)


@pytest.mark.parametrize(
    "lang, text, present, absent",
    [
        ("en", "the early warning for a severe incident (not a vulnerability)", "@incident", "@vulnerability"),
        ("nl", "het gaat om een incident en geen kwetsbaarheid", "@incident", "@vulnerability"),
        ("en", "and when it is an incident, not vulnerability?", "@incident", "@vulnerability"),
        ("en", "we have no account yet, how do we log in?", "@login", None),  # other topics stay named
    ],
)
def test_a_negated_track_is_the_other_track(
    assistant: Assistant, lang: str, text: str, present: str, absent: str | None
) -> None:
    tokens = assistant.analyzer.tokens(text, lang)
    assert present in tokens and (absent is None or absent not in tokens)


@pytest.mark.parametrize(
    "text, language",
    [
        ("hoe laat ik mijn klanten weten dat er een lek is", "nl"),
        ("how do we let our customers know about the flaw", "en"),
        ("wie licht de gebruikers in, wij of jullie?", "nl"),
    ],
)
def test_a_verb_split_around_its_object_reads_as_inform(assistant: Assistant, text: str, language: str) -> None:
    assert "@inform" in assistant.analyzer.tokens(text, language)


def test_let_us_know_asks_the_helpdesk_and_informs_nobody(assistant: Assistant) -> None:
    assert "@inform" not in assistant.analyzer.tokens("please let us know where to report", "en")


@pytest.mark.parametrize("lang, text", [("en", "what information goes in it"), ("nl", "welke informatie moet erin")])
def test_information_is_not_informing(assistant: Assistant, lang: str, text: str) -> None:
    """Stemmed, "information" would be "inform" (informing users): the shipped concepts name the word as written."""
    assert "@inform" not in assistant.analyzer.tokens(text, lang)
    assert "@inform" in assistant.analyzer.tokens("how do we inform our users", "en")


def test_an_exact_concept_phrase_matches_the_word_as_written() -> None:
    analyzer = Analyzer({"data": ["=information"], "tell": ["inform"]}, vocabulary=["information", "inform"])
    assert analyzer.tokens("information", "en") == ("@data",)
    assert analyzer.tokens("informing", "en") == ("@tell",)
