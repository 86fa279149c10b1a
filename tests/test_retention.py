"""After a purge no trace of a purged person's address or words remains in any table; the counts stay."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session, select

from helpdesk.assistant import Assistant
from helpdesk.cli import main
from helpdesk.store import conversations
from helpdesk.store.models import Message, Ticket, utcnow
from helpdesk.store.retention import purge
from mail.intake import store_inbound

ADDRESS = "geheim.persoon@voorbeeld.example"
WORDS = "Zwaluwstaartvlinder"  # a word that appears nowhere else


def everything(engine: Engine) -> str:
    """Every value of every table as one text, bytes decoded."""
    parts = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    parts.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
    return "\n".join(parts)


def close(engine: Engine, ticket_id: int, days_ago: int) -> None:
    with Session(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.status, ticket.closed_at = "closed", utcnow() - dt.timedelta(days=days_ago)
        session.add(ticket)
        session.commit()


def test_a_purge_leaves_no_trace_and_keeps_the_counts(engine: Engine, assistant: Assistant, renderer) -> None:  # type: ignore[no-untyped-def]
    from mail.compose import MailComposer
    from mail.processor import MailProcessor

    raw = (
        f"From: Geheim Persoon <{ADDRESS}>\r\nTo: helpdesk@ncsc.example\r\nSubject: {WORDS}\r\n"
        f"Message-ID: <p1@voorbeeld.example>\r\n\r\nWaar melden we? {WORDS}\r\n"
    ).encode()
    store_inbound(engine, raw, ADDRESS, ["helpdesk@ncsc.example"])
    processor = MailProcessor(
        engine,
        assistant,
        MailComposer(renderer, "helpdesk@ncsc.example", b"k" * 32),
        ("helpdesk@ncsc.example",),
        "staff@ncsc.example",
        b"k" * 32,
    )
    processor.process_pending()
    chat, _ = conversations.create_conversation(engine, "nl")
    conversations.ask(
        engine, chat, f"Mijn naam is {WORDS}, waar meld ik?", lambda t, h: assistant.decide(t, history=h), lambda d: "x"
    )
    conversations.escalate(engine, chat, ADDRESS, f"bel {WORDS}")
    recent, _ = conversations.create_conversation(engine, "en")
    conversations.ask(
        engine, recent, "Where do we report? Recentword", lambda t, h: assistant.decide(t, history=h), lambda d: "x"
    )
    close(engine, 1, 400)
    close(engine, chat, 400)
    close(engine, recent, 10)
    assert ADDRESS in everything(engine) and WORDS in everything(engine)

    dry = purge(engine, 365, dry_run=True)
    assert dry.tickets == 2 and ADDRESS in everything(engine)

    report = purge(engine, 365)
    assert report.tickets == 2 and report.contacts == 1
    dump = everything(engine)
    assert ADDRESS not in dump and WORDS not in dump and "Geheim Persoon" not in dump
    assert "Recentword" in dump  # closed 10 days ago: kept
    with Session(engine) as session:
        assert len(session.exec(select(Ticket)).all()) == 3
        inbound = session.exec(select(Message).where(Message.direction == "in", Message.ticket_id == 1)).one()
        assert json.loads(inbound.decision or "{}")["articles"] == ["where-to-report"]  # outcomes stay for the reports
    assert purge(engine, 365).tickets == 0  # nothing left to do


def test_purge_command_dry_run(monkeypatch: pytest.MonkeyPatch, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HELPDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'h.db'}")
    assert main(["purge", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("would purge 0 ticket(s) closed before")
