"""`helpdesk triage` and `helpdesk eval` (../shared/EVAL.md): the channels' own pipeline on labelled questions."""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from helpdesk.assistant import Assistant, Decision
from helpdesk.knowledge.articles import SCOPE_SLUG
from helpdesk.replies import ReplyRenderer


@dataclass(frozen=True)
class Triaged:
    item: dict[str, Any]
    decision: Decision | None
    error: str | None
    seconds: float


def read_items(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, item, error) per non-blank line; a bad line gives an error, never stops the run."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"line {number}: not JSON ({exc.msg})"
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield number, item if isinstance(item, dict) else None, f'line {number}: needs a "text" string'
            continue
        history = item.get("history", [])
        if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            yield number, item, f'line {number}: "history" must be a list of strings'
            continue
        yield number, item, None


def triage(assistant: Assistant, lines: Iterable[str]) -> Iterator[tuple[int, Triaged]]:
    for number, item, error in read_items(lines):
        if error or item is None:
            yield number, Triaged(item or {}, None, error, 0.0)
            continue
        started = time.perf_counter()
        decision = assistant.decide(item["text"], history=item.get("history", []), subject=item.get("subject"))
        yield number, Triaged(item, decision, None, time.perf_counter() - started)


def triage_record(number: int, result: Triaged, renderer: ReplyRenderer | None) -> dict[str, Any]:
    item_id = result.item.get("id", number)
    if result.decision is None:
        return {"id": item_id, "error": result.error}
    record = {"id": item_id} | result.decision.record()
    if renderer is not None:
        record["reply"] = renderer.render(result.decision, channel=result.item.get("channel", "mail"))
    return record


def grade(expect: dict[str, Any], decision: Decision) -> str:
    """correct, leak, wrong or missed, exactly as EVAL.md defines them."""
    groups = [set(g) for g in expect.get("articles", [])]
    expected = set().union(*groups) if groups else set()
    # The deflection may cite helpdesk-scope; it only counts when a question asked about the helpdesk itself.
    given = [a for a in decision.articles if a != SCOPE_SLUG or SCOPE_SLUG in expected]
    hit_all = all(group & set(given) for group in groups)
    flags_ok = all(expect.get(k) is None or expect[k] == getattr(decision, k) for k in ("deflect", "escalate"))
    if flags_ok and hit_all and len(given) <= len(groups) + 1:
        return "correct"
    if expect.get("deflect") and not decision.deflect and given:
        return "leak"
    if given and (not hit_all or any(a not in expected for a in given)):
        return "wrong"
    return "missed"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0.0


def evaluate(assistant: Assistant, lines: Iterable[str], out: TextIO) -> dict[str, Any]:
    """Grade every labelled item, print the figures and the failures; return the figures."""
    grades: list[tuple[dict[str, Any], str, Decision | None]] = []
    times: list[float] = []
    for number, triaged in triage(assistant, lines):
        if triaged.decision is None or not isinstance(triaged.item.get("expect"), dict):
            grades.append((triaged.item | {"id": triaged.item.get("id", number)}, "missed", None))
            continue
        times.append(triaged.seconds)
        grades.append((triaged.item, grade(triaged.item["expect"], triaged.decision), triaged.decision))

    def figures(selection: list[str]) -> dict[str, float]:
        n = len(selection) or 1
        return {
            "items": len(selection),
            "correct": selection.count("correct") / n,
            "wrong": selection.count("wrong") / n,
            "leaks": selection.count("leak"),
            "missed": selection.count("missed") / n,
        }

    overall = figures([g for _, g, _ in grades])
    by: dict[str, dict[str, list[str]]] = {"kind": defaultdict(list), "lang": defaultdict(list)}
    for item, result, _ in grades:
        for key in by:
            by[key][str(item.get(key, "?"))].append(result)
    summary = overall | {
        "median_ms": statistics.median(times) * 1000 if times else 0.0,
        "p99_ms": _percentile(times, 0.99) * 1000,
        "by_kind": {k: figures(v) for k, v in sorted(by["kind"].items())},
        "by_lang": {k: figures(v) for k, v in sorted(by["lang"].items())},
    }
    _print_summary(summary, out)
    for item, result, decision in grades:
        if result != "correct":
            got = decision.record() if decision else {"error": "not triaged"}
            print(f"{result.upper():7} {item.get('id')}: expected {json.dumps(item.get('expect'))}", file=out)
            print(f"        got {json.dumps(got)}  text: {item.get('text', '')[:100]!r}", file=out)
    return summary


def _print_summary(summary: dict[str, Any], out: TextIO) -> None:
    def line(label: str, f: dict[str, float]) -> str:
        return (
            f"{label:22} items {f['items']:4}  correct {f['correct']:6.1%}  wrong {f['wrong']:6.1%}  "
            f"leaks {f['leaks']:2}  missed {f['missed']:6.1%}"
        )

    print(line("overall", summary), file=out)
    for group in ("by_kind", "by_lang"):
        for name, f in summary[group].items():
            print(line(f"  {group[3:]} {name}", f), file=out)
    print(f"triage time per item: median {summary['median_ms']:.3f} ms, p99 {summary['p99_ms']:.3f} ms", file=out)
