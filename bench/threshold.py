"""Correct, wrong and missed rates per confidence threshold: the measurement behind CONFIDENCE_THRESHOLD.

    .venv/bin/python bench/threshold.py [FILE.jsonl ...]

Defaults to our own labelled questions (tests/data/questions.jsonl). A higher threshold trades wrong answers for
escalations (missed); rule 2 of DESIGN.md says a wrong answer is the worse of the two.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpdesk.assistant import Assistant  # noqa: E402
from helpdesk.assistant.engine import CONFIDENCE_THRESHOLD  # noqa: E402
from helpdesk.evaluation import evaluate  # noqa: E402
from helpdesk.knowledge.articles import load_knowledge_base  # noqa: E402


def main() -> None:
    files = [Path(p) for p in sys.argv[1:]] or [ROOT / "tests" / "data" / "questions.jsonl"]
    lines = [line for path in files for line in path.read_text(encoding="utf-8").splitlines()]
    kb = load_knowledge_base(ROOT / "knowledge_base")
    names = ", ".join(p.name for p in files)
    print(f"{len(lines)} labelled questions from {names}; current threshold {CONFIDENCE_THRESHOLD}")
    print("threshold  correct   wrong  missed  leaks")
    for step in range(8, 33):
        threshold = step / 40
        summary = evaluate(Assistant(kb, threshold=threshold), lines, io.StringIO())
        rates = "  ".join(f"{summary[k]:6.1%}" for k in ("correct", "wrong", "missed"))
        print(f"{threshold:9.3f}  {rates}  {summary['leaks']:5}")


if __name__ == "__main__":
    main()
