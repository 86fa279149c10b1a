"""Precedents: questions people asked, labelled with what answers them (`knowledge_base/precedents.jsonl`).

The articles' own example questions are written by us; precedents are written by others, in their words ("hackers
are in our update server, what do we send you first?"). The assistant learns from them a second opinion on its own
reading (`assistant/precedents.py`). They are derived from labelled question sets - one question per
message, as the assistant reads it - by `helpdesk kb precedents FILE...`, and checked by `helpdesk kb check`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpdesk.knowledge.articles import LANGUAGES
from helpdesk.text.cleanup import new_text
from helpdesk.text.split import split_questions

PRECEDENTS_FILE = "precedents.jsonl"
# What a precedent may be labelled with besides article slugs: the questions the helpdesk must not answer, and the
# messages a person must (they teach the second opinion what no article answers).
APPLICABILITY = "applicability"
NOT_ANSWERED = (APPLICABILITY, "outside-reporting", "asks-for-person", "actual-notification")
_LABEL_OF_KIND = {
    "applicability": APPLICABILITY,
    "other": "outside-reporting",
    "human": "asks-for-person",
    "misdirected": "actual-notification",
}


@dataclass(frozen=True)
class Precedent:
    text: str
    lang: str
    answers: frozenset[str]
    source: str

    def record(self) -> dict[str, Any]:
        return {"text": self.text, "lang": self.lang, "answers": sorted(self.answers), "source": self.source}


def load_precedents(directory: Path) -> list[Precedent]:
    """The precedents of a knowledge base; none when it has no file. Bad lines are `helpdesk kb check`'s to report,
    and are skipped here."""
    path = directory / PRECEDENTS_FILE
    if not path.exists():
        return []
    precedents = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record, problem = parse_line(line)
        if record is not None and problem is None:
            precedents.append(record)
    return precedents


def from_other_sets(precedents: Iterable[Precedent], name: str) -> list[Precedent]:
    """The precedents not taken from the labelled set `name` ("blind12"): that set is judged without its own."""
    return [p for p in precedents if p.source.split(":")[0] != name]


def parse_line(line: str) -> tuple[Precedent | None, str | None]:
    """(precedent, None), or (None, what is wrong with the line)."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg})"
    if not isinstance(data, dict):
        return None, "must be a JSON object"
    text, lang, answers, source = data.get("text"), data.get("lang"), data.get("answers"), data.get("source", "")
    if not isinstance(text, str) or not text.strip():
        return None, '"text" must be a non-empty string'
    if lang not in LANGUAGES:
        return None, f'"lang" must be one of {", ".join(LANGUAGES)}'
    if not isinstance(answers, list) or not answers or not all(isinstance(a, str) for a in answers):
        return None, '"answers" must be a non-empty list of slugs'
    return Precedent(text, lang, frozenset(answers), str(source)), None


def from_labelled(items: Iterable[dict[str, Any]], source: str) -> Iterator[Precedent]:
    """Precedents from labelled lines (EVAL.md's format): every message that asks one question, labelled with one
    group of articles or with a question the helpdesk does not answer. Follow-ups are left out: alone, their words
    do not say what they ask."""
    for item in items:
        expect, kind = item.get("expect") or {}, item.get("kind")
        if item.get("history") or kind not in ("howto", *_LABEL_OF_KIND):
            continue
        groups = expect.get("articles") or []
        if kind == "howto" and len(groups) != 1:
            continue
        questions = split_questions(new_text(item.get("text", "")))
        if len(questions) != 1:
            continue
        answers = frozenset(groups[0]) if kind == "howto" else frozenset({_LABEL_OF_KIND[kind]})
        yield Precedent(questions[0].full, item.get("lang", "nl"), answers, f"{source}:{item.get('id', '')}")
