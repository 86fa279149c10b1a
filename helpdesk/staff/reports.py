"""Policy information for any period: volumes by week, channel and outcome, topics, deflections, escalations,
staff response times and "did this help" per article — as tables, SVG charts and CSV.

Figures come from stored decisions and timestamps only, so they survive the retention purge.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from helpdesk.metrics import outcome
from helpdesk.store.models import Message, Ticket

OUTCOMES = ("answered", "deflected", "escalated", "closed")


@dataclass
class Report:
    start: dt.date
    end: dt.date  # inclusive
    weekly: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)  # week -> (channel, outcome) -> n
    topics: Counter[str] = field(default_factory=Counter)
    deflections: int = 0
    escalations: int = 0
    urgent: int = 0
    first_response_hours: list[float] = field(default_factory=list)
    resolution_hours: list[float] = field(default_factory=list)
    helpful: dict[str, Counter[bool]] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.weekly.values())

    def week_totals(self) -> list[tuple[str, dict[str, int]]]:
        return [
            (week, {o: sum(n for (_, oc), n in counts.items() if oc == o) for o in OUTCOMES})
            for week, counts in sorted(self.weekly.items())
        ]


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def build(engine: Engine, start: dt.date, end: dt.date) -> Report:
    report = Report(start, end)
    since = dt.datetime.combine(start, dt.time.min, dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, dt.UTC)
    with Session(engine) as session:
        questions = session.exec(
            select(Message.ticket_id, Message.channel, Message.decision, Message.created_at).where(
                Message.direction == "in",
                col(Message.decision).is_not(None),
                col(Message.created_at) >= since,
                col(Message.created_at) < until,
            )
        ).all()
        escalated_at: dict[int, dt.datetime] = {}
        for ticket_id, channel, decision_json, created_at in questions:
            decision = json.loads(decision_json or "{}")
            kind = outcome(
                decision.get("articles", []),
                decision.get("deflect", False),
                decision.get("escalate", False),
                decision.get("closing", False),
            )
            week = f"{created_at.isocalendar().year}-W{created_at.isocalendar().week:02d}"
            report.weekly.setdefault(week, Counter())[(channel, kind)] += 1
            report.topics.update(a for a in decision.get("articles", []) if a != "helpdesk-scope")
            report.deflections += bool(decision.get("deflect"))
            if decision.get("escalate") and ticket_id is not None:
                report.escalations += 1
                escalated_at.setdefault(ticket_id, _aware(created_at))
        tickets = (
            session.exec(select(Ticket).where(col(Ticket.id).in_(list(escalated_at)))).all() if escalated_at else []
        )
        report.urgent = sum(t.urgent for t in tickets)
        for ticket in tickets:
            first_staff = session.exec(
                select(Message.created_at)
                .where(Message.ticket_id == ticket.id, Message.author == "staff")
                .order_by(col(Message.id))
            ).first()
            if first_staff is not None and ticket.id is not None:
                waited = _aware(first_staff) - escalated_at[ticket.id]
                report.first_response_hours.append(waited.total_seconds() / 3600)
            if ticket.closed_at is not None:
                report.resolution_hours.append(
                    (_aware(ticket.closed_at) - _aware(ticket.created_at)).total_seconds() / 3600
                )
        rated = session.exec(
            select(Message.decision, Message.helpful).where(
                Message.author == "assistant",
                col(Message.helpful).is_not(None),
                col(Message.created_at) >= since,
                col(Message.created_at) < until,
            )
        ).all()
        for decision_json, helpful in rated:
            for article in json.loads(decision_json or "{}").get("articles", []):
                report.helpful[article][bool(helpful)] += 1
    return report


def bar_chart(title: str, rows: list[tuple[str, dict[str, int]]], series: tuple[str, ...], width: int = 640) -> str:
    """A stacked horizontal bar chart as SVG; the table beside it carries the same numbers for screen readers."""
    colours = {
        "answered": "#1b5e20",
        "deflected": "#154273",
        "escalated": "#b23c00",
        "closed": "#535353",
        "count": "#154273",
    }
    height = 28 * len(rows) + 40
    top = max((sum(v.values()) for _, v in rows), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for index, (raw_label, values) in enumerate(rows):
        y, x, label = 20 + index * 28, 140.0, html.escape(raw_label)
        parts.append(f'<text x="0" y="{y + 15}" font-size="13" fill="#1a1a1a">{label}</text>')
        for name in series:
            length = (width - 200) * values.get(name, 0) / top
            if length:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="20" fill="{colours.get(name, "#154273")}">'
                    f"<title>{label} {name}: {values.get(name, 0)}</title></rect>"
                )
            x += length
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="13" fill="#1a1a1a">{sum(values.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "subkey", "value"])
    for week, counts in sorted(report.weekly.items()):
        for (channel, kind), n in sorted(counts.items()):
            writer.writerow(["questions", week, f"{channel}/{kind}", n])
    for slug, n in report.topics.most_common():
        writer.writerow(["topic", slug, "", n])
    writer.writerow(["deflections", "", "", report.deflections])
    writer.writerow(["escalations", "", "", report.escalations])
    writer.writerow(["urgent", "", "", report.urgent])
    for name, values in (
        ("first_response_hours", report.first_response_hours),
        ("resolution_hours", report.resolution_hours),
    ):
        writer.writerow([name, "median", "", _fmt(median(values))])
        writer.writerow([name, "p90", "", _fmt(percentile(values, 0.9))])
    for slug, ratings in sorted(report.helpful.items()):
        writer.writerow(["helpful", slug, "yes", ratings[True]])
        writer.writerow(["helpful", slug, "no", ratings[False]])
    return out.getvalue()


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def context(report: Report) -> dict[str, Any]:
    weeks = report.week_totals()
    topics = [(slug, {"count": n}) for slug, n in report.topics.most_common(10)]
    return {
        "report": report,
        "weeks": weeks,
        "topics": topics,
        "weekly_chart": bar_chart("Questions per week by outcome", weeks, OUTCOMES),
        "topics_chart": bar_chart("Top topics", topics, ("count",)),
        "first_response": (median(report.first_response_hours), percentile(report.first_response_hours, 0.9)),
        "resolution": (median(report.resolution_hours), percentile(report.resolution_hours, 0.9)),
        "fmt": _fmt,
    }
