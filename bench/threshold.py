"""Correct, wrong and missed rates per confidence threshold: the measurement behind CONFIDENCE_THRESHOLD.

    .venv/bin/python bench/threshold.py [FILE.jsonl ...]

Defaults to our own labelled questions (tests/data/questions.jsonl). A higher threshold trades wrong answers for
escalations (missed); rule 2 of DESIGN.md says a wrong answer is the worse of the two. The threshold table has the
clear-winner rule off; a second table compares its margins at the current threshold, a third the tie margin (two
articles closer than it are given together).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpdesk.assistant import Assistant  # noqa: E402
from helpdesk.assistant.engine import (  # noqa: E402
    CLEAR_WINNER_FLOOR,
    CLEAR_WINNER_MARGIN,
    CONFIDENCE_THRESHOLD,
    TIE_MARGIN,
)
from helpdesk.evaluation import evaluate  # noqa: E402
from helpdesk.knowledge.articles import load_knowledge_base  # noqa: E402


def main() -> None:
    files = [Path(p) for p in sys.argv[1:]] or [ROOT / "tests" / "data" / "questions.jsonl"]
    lines = [line for path in files for line in path.read_text(encoding="utf-8").splitlines()]
    kb = load_knowledge_base(ROOT / "knowledge_base")
    names = ", ".join(p.name for p in files)
    print(f"{len(lines)} labelled questions from {names}; current threshold {CONFIDENCE_THRESHOLD}")
    print("threshold  correct   wrong  missed  leaks   (clear-winner margin off)")
    for step in range(8, 33):
        threshold = step / 40
        print(f"{threshold:9.3f}  {figures(Assistant(kb, threshold=threshold, margin=None), lines)}")
    print(
        f"\nmargin     correct   wrong  missed  leaks   (threshold {CONFIDENCE_THRESHOLD}, article score >= "
        f"{CLEAR_WINNER_FLOOR}; current margin {CLEAR_WINNER_MARGIN})"
    )
    for margin in (None, 0.05, 0.07, 0.10, 0.15):
        label = "off" if margin is None else f"{margin:.2f}"
        print(f"{label:>9}  {figures(Assistant(kb, margin=margin), lines)}")
    print(f"\ntie        correct   wrong  missed  leaks   (current tie margin {TIE_MARGIN})")
    for tie in (0.0, 0.01, 0.02, 0.03, 0.05):
        label = "off" if not tie else f"{tie:.2f}"
        print(f"{label:>9}  {figures(Assistant(kb, tie_margin=tie), lines)}")


def figures(assistant: Assistant, lines: list[str]) -> str:
    summary = evaluate(assistant, lines, io.StringIO())
    rates = "  ".join(f"{summary[k]:6.1%}" for k in ("correct", "wrong", "missed"))
    return f"{rates}  {summary['leaks']:5}"


if __name__ == "__main__":
    main()
