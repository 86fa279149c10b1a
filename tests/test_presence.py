"""Presence leases: which conversations have a widget open, across serving processes sharing one database."""

from __future__ import annotations

from sqlalchemy import Engine

from helpdesk.store import conversations
from helpdesk.web.presence import PresenceBoard


def test_a_lease_held_by_any_process_means_watched_until_released_or_expired(engine: Engine) -> None:
    conversation, _ = conversations.create_conversation(engine, "en")
    first, second = PresenceBoard(engine), PresenceBoard(engine)
    assert not first.watched(conversation)

    second.hold([conversation])
    assert first.watched(conversation)  # the widget hangs on the other process
    first.release(conversation)  # one process cannot give up another's lease
    assert first.watched(conversation)
    second.release(conversation)
    assert not first.watched(conversation)

    second.hold([conversation], seconds=-1)  # a process that died: its lease has run out
    assert not first.watched(conversation)


def test_renewing_extends_and_shutdown_sweeps_dead_leases(engine: Engine) -> None:
    conversation, _ = conversations.create_conversation(engine, "en")
    alive, dead = PresenceBoard(engine), PresenceBoard(engine)
    dead.hold([conversation], seconds=-1)
    alive.hold([conversation], seconds=-1)
    alive.hold([conversation])  # renewal replaces the expired lease
    assert alive.watched(conversation)
    alive.release_all()
    assert not dead.watched(conversation)
    dead.hold([conversation])
    assert alive.watched(conversation)
