"""Group commit of received mail: concurrent messages share a transaction, yet each gets its own outcome."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, select

from helpdesk.store.models import Message
from mail.intake import GroupCommitter
from tests.faults import refuse_inserts


def raw(n: int, marker: str = "") -> bytes:
    return f"Message-ID: <m{n}@client.example>\r\nSubject: q{n}\r\n\r\n{marker}Where do we report? {n}\r\n".encode()


def count_commits(engine: Engine) -> list[int]:
    commits = [0]

    @event.listens_for(engine, "commit")
    def counted(connection: object) -> None:
        commits[0] += 1

    return commits


async def test_messages_arriving_together_are_committed_together(engine: Engine) -> None:
    committer = GroupCommitter(engine)
    commits = count_commits(engine)
    results = await asyncio.gather(
        *(committer.store(raw(n), "a@client.example", ["helpdesk@x.example"]) for n in range(10))
    )
    assert all(new for _, new in results) and len({row_id for row_id, _ in results}) == 10
    assert commits[0] == 1
    with Session(engine) as session:
        assert len(session.exec(select(Message)).all()) == 10


async def test_a_second_delivery_in_the_same_group_is_stored_once(engine: Engine) -> None:
    committer = GroupCommitter(engine)
    first, again = await asyncio.gather(
        committer.store(raw(1), "a@client.example", ["helpdesk@x.example"]),
        committer.store(raw(1), "a@client.example", ["helpdesk@x.example"]),
    )
    assert first[1] is True and again == (None, False)


async def test_a_refused_message_fails_alone(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    refuse_inserts(engine, marker="POISON")
    committer = GroupCommitter(engine)
    caplog.set_level(logging.WARNING, logger="helpdesk.mail.intake")
    results = await asyncio.gather(
        *(committer.store(raw(n, "POISON" if n == 3 else ""), "a@client.example", ["h@x.example"]) for n in range(6)),
        return_exceptions=True,
    )
    assert isinstance(results[3], Exception)
    assert all(isinstance(result, tuple) and result[1] for n, result in enumerate(results) if n != 3)
    assert "storing them one by one" in caplog.text
    with Session(engine) as session:
        assert sorted(m.subject or m.message_id or "" for m in session.exec(select(Message))) == [
            f"m{n}@client.example" for n in range(6) if n != 3
        ]
