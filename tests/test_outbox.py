"""The outbox on a real database and a real relay: later delivery after an outage, never twice."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from helpdesk.store.models import Outbox, utcnow
from mail.outbox import Relay, backoff, claim, deliver, drain
from tests.mailkit import Sink, free_port, start_sink


def queue_mail(engine: Engine, count: int) -> None:
    with Session(engine) as session:
        for n in range(count):
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = "helpdesk@ncsc.example", f"u{n}@example.org", f"m{n}"
            message.set_content(f"mail {n}")
            session.add(Outbox(recipient=f"u{n}@example.org", sender="helpdesk@ncsc.example", raw=message.as_bytes()))
        session.commit()


def statuses(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return [row.status for row in session.exec(select(Outbox).order_by(col(Outbox.id)))]


def make_due(engine: Engine) -> None:
    with Session(engine) as session:
        session.exec(update(Outbox).values(next_attempt_at=utcnow() - dt.timedelta(seconds=1)))  # type: ignore[call-overload]
        session.commit()


@pytest.fixture
def relay() -> Iterator[tuple[Relay, Sink]]:
    controller, sink = start_sink()
    yield Relay("127.0.0.1", controller.port), sink
    controller.stop()


def test_a_relay_that_is_down_gets_the_mail_later_exactly_once(engine: Engine) -> None:
    queue_mail(engine, 1)
    port = free_port()
    assert drain(engine, Relay("127.0.0.1", port)) == 0  # nobody listens: connection refused
    with Session(engine) as session:
        row = session.exec(select(Outbox)).one()
        assert (row.status, row.attempts) == ("queued", 1)
        assert "refused" in row.last_error.lower() or "connect" in row.last_error.lower()
        assert row.next_attempt_at > utcnow()
    assert drain(engine, Relay("127.0.0.1", port)) == 0  # not due yet: nothing is tried
    controller, sink = start_sink(port)
    try:
        make_due(engine)
        assert drain(engine, Relay("127.0.0.1", port)) == 1
        assert drain(engine, Relay("127.0.0.1", port)) == 0
        assert [str(m["Subject"]) for m in sink.received] == ["m0"]
        assert statuses(engine) == ["sent"]
    finally:
        controller.stop()


def test_two_workers_drain_one_queue_without_sending_anything_twice(engine: Engine, relay: tuple[Relay, Sink]) -> None:
    queue_mail(engine, 40)
    workers = [threading.Thread(target=drain, args=(engine, relay[0])) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(str(m["Subject"]) for m in relay[1].received) == sorted(f"m{n}" for n in range(40))
    assert set(statuses(engine)) == {"sent"}


def test_a_claimed_row_is_not_claimed_again(engine: Engine) -> None:
    queue_mail(engine, 1)
    first = claim(engine)
    assert first is not None and claim(engine) is None


def test_a_row_left_sending_by_a_dead_worker_is_retried(engine: Engine, relay: tuple[Relay, Sink]) -> None:
    queue_mail(engine, 1)
    assert claim(engine) is not None
    with Session(engine) as session:  # the worker died an hour ago, mid-send
        session.exec(update(Outbox).values(claimed_at=utcnow() - dt.timedelta(hours=1)))  # type: ignore[call-overload]
        session.commit()
    outbox_id = claim(engine)
    assert outbox_id is not None and deliver(engine, relay[0], outbox_id)
    assert len(relay[1].received) == 1


def test_backoff_grows_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(50) == dt.timedelta(hours=1)


def test_relay_setting_is_checked() -> None:
    assert Relay.parse("smtp.example:25") == Relay("smtp.example", 25)
    try:
        Relay.parse("smtp.example")
    except ValueError as exc:
        assert "host:port" in str(exc)
    else:
        raise AssertionError("accepted a relay without port")
