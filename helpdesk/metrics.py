"""Prometheus metrics of this process (prometheus_client), plus queue figures read from the database at scrape.

Event counters are per process, as Prometheus expects when it scrapes each worker; the outbox and ticket figures
come from the shared database, so every worker reports the same values for them.
"""

from __future__ import annotations

import datetime as dt

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import Engine, text

REGISTRY = CollectorRegistry()
MESSAGES_RECEIVED = Counter(
    "helpdesk_messages_received", "Questions received, by channel", ["channel"], registry=REGISTRY
)
DECISIONS = Counter("helpdesk_decisions", "Assistant decisions, by outcome", ["outcome"], registry=REGISTRY)
SMTP_SESSIONS = Counter("helpdesk_smtp_sessions", "SMTP connections accepted", registry=REGISTRY)
REQUEST_SECONDS = Histogram(
    "helpdesk_http_request_duration_seconds", "Web request latency, by route", ["route"], registry=REGISTRY
)
OUTBOX_QUEUED = Gauge("helpdesk_outbox_queued", "Mails waiting in the outbox", registry=REGISTRY)
OUTBOX_OLDEST = Gauge("helpdesk_outbox_oldest_age_seconds", "Age of the oldest queued mail", registry=REGISTRY)
TICKETS = Gauge("helpdesk_tickets", "Tickets by status", ["status"], registry=REGISTRY)


def outcome(articles: list[str] | tuple[str, ...], deflect: bool, escalate: bool, closing: bool = False) -> str:
    """One word for a decision, as the reports count them."""
    if closing:
        return "closed"
    if escalate:
        return "escalated"
    return "deflected" if deflect and not [a for a in articles if a != "helpdesk-scope"] else "answered"


def record_decision(
    channel: str, articles: list[str] | tuple[str, ...], deflect: bool, escalate: bool, closing: bool = False
) -> None:
    MESSAGES_RECEIVED.labels(channel).inc()
    DECISIONS.labels(outcome(articles, deflect, escalate, closing)).inc()


def render(engine: Engine) -> bytes:
    """The text exposition format, with the database figures freshly read."""
    with engine.connect() as connection:
        queued, oldest = connection.execute(
            text("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 'queued'")
        ).one()
        statuses = connection.execute(text("SELECT status, COUNT(*) FROM ticket GROUP BY status")).all()
    OUTBOX_QUEUED.set(queued or 0)
    OUTBOX_OLDEST.set(_age_seconds(oldest))
    for status, count in statuses:
        TICKETS.labels(status).set(count)
    return generate_latest(REGISTRY)


def _age_seconds(oldest: object) -> float:
    if oldest is None:
        return 0.0
    if isinstance(oldest, str):  # SQLite returns text
        oldest = dt.datetime.fromisoformat(oldest)
    assert isinstance(oldest, dt.datetime)
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    return max(0.0, (dt.datetime.now(dt.UTC) - oldest).total_seconds())
