"""Every shape of mail real clients send parses, and the assistant reads only what the sender wrote now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk.cli import main
from mail.parse import parse_mail
from tests.conftest import ROOT

FIXTURES = Path(__file__).parent / "data" / "mail"
CORPUS = ROOT.parent / "shared" / "mail-corpus"


def parsed(name: str):  # type: ignore[no-untyped-def]
    return parse_mail((FIXTURES / name).read_bytes())


def test_windows_1252_body_and_rfc2047_headers() -> None:
    mail = parsed("windows-1252.eml")
    assert mail.sender == "jose@fabriek.example" and mail.sender_name == "José Müller"
    assert mail.subject == "Verslag over een incident – termijn?"
    assert "coördinator" in mail.text and "–" in mail.text
    assert mail.lang == "nl" and "Met vriendelijke groet" not in mail.text


def test_iso_8859_1_quoted_printable() -> None:
    assert parsed("latin1-qp.eml").text.endswith("Wij zijn een klein bedrijf uit Liège.")


def test_html_only_mail_becomes_text_without_script_style_or_quote() -> None:
    mail = parsed("html-only.eml")
    assert mail.text == "What must the final report on an exploited vulnerability contain?"
    assert "alert" not in mail.body and "color" not in mail.body and "severe incidents" not in mail.body


def test_alternative_prefers_plain_text_and_records_attachments_unopened() -> None:
    mail = parsed("alternative-with-attachment.eml")
    assert mail.text == "Where do we submit a notification about an exploited vulnerability?"
    assert [(a.name, a.type) for a in mail.attachments] == [
        ("draft.pdf", "application/pdf"),
        ("winmail.dat", "application/ms-tnef"),
    ]
    assert all(a.size > 0 for a in mail.attachments)


def test_forwarded_question_is_read() -> None:
    text = parsed("forwarded.eml").text
    assert text.startswith("Can you answer the question below?")
    assert "When does the early warning for an incident have to be sent?" in text
    assert "ceo@maker.example" not in text


def test_outlook_reply_in_dutch_loses_signature_disclaimer_and_history() -> None:
    mail = parsed("outlook-reply-nl.eml")
    assert mail.text == "En bij een incident?"
    assert mail.in_reply_to == ["CRA-000001.abc@ncsc.example"]
    assert "Verzonden" in mail.body  # the stored body keeps everything


@pytest.mark.parametrize("name", ["garbage.eml", "broken-mime.eml"])
def test_broken_input_never_raises(name: str) -> None:
    mail = parse_mail((FIXTURES / name).read_bytes())
    assert "\x00" not in mail.body


def test_empty_input() -> None:
    mail = parse_mail(b"")
    assert mail.sender == "" and mail.text == ""


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/mail-corpus is not beside this checkout")
def test_the_shared_corpus_parses_without_error() -> None:
    files = [p for p in CORPUS.rglob("*") if p.is_file() and "LICENSE" not in p.name and p.suffix != ".json"]
    assert len(files) > 100
    for path in files:
        parse_mail(path.read_bytes())


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/mail-corpus is not beside this checkout")
def test_replies_from_twelve_mail_clients_yield_only_the_new_text() -> None:
    replies = sorted((CORPUS / "mailgun_talon" / "tests" / "fixtures" / "standard_replies").glob("*.eml"))
    assert len(replies) == 12
    assert {path.name: parse_mail(path.read_bytes()).text for path in replies} == {p.name: "Hello" for p in replies}


def test_mail_parse_command_prints_one_json_line_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mail", "parse", str(FIXTURES / "latin1-qp.eml"), str(FIXTURES / "html-only.eml")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [set(r) for r in records] == [{"file", "from", "subject", "lang", "attachments", "text"}] * 2
    assert records[0]["lang"] == "nl" and records[1]["from"] == "user@corp.example"
