"""What the precedents add, measured leave-one-set-out: each labelled set is answered with the precedents of all
the other sets, so no question is judged by its own precedent. Side by side with no precedents at all.

    python bench/precedents.py tests/data/blind*.jsonl
"""

from __future__ import annotations

import argparse
import io
from collections import Counter
from pathlib import Path

from helpdesk.assistant import Assistant
from helpdesk.evaluation import evaluate
from helpdesk.knowledge.articles import load_knowledge_base
from helpdesk.knowledge.precedents import from_other_sets, load_precedents

KB = Path(__file__).resolve().parent.parent / "knowledge_base"


def figures(assistant: Assistant, path: Path) -> Counter[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    summary = evaluate(assistant, lines, io.StringIO())
    n = summary["items"]
    return Counter(
        correct=round(summary["correct"] * n), wrong=round(summary["wrong"] * n), leaks=summary["leaks"], items=n
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    kb = load_knowledge_base(KB)
    precedents = load_precedents(KB)
    without = Assistant(kb, precedents=())
    totals = {"without": Counter[str](), "with": Counter[str]()}
    print(f"{'set':16} {'without precedents':>22} {'with (others only)':>22}")
    for path in args.files:
        own = path.stem
        others = from_other_sets(precedents, own)
        row = {"without": figures(without, path), "with": figures(Assistant(kb, precedents=others), path)}
        cells = []
        for name, c in row.items():
            totals[name] += c
            cells.append(f"{c['correct']:3} / {c['wrong']:2} / {c['leaks']}")
        print(f"{own:16} {cells[0]:>22} {cells[1]:>22}")
    for name, c in totals.items():
        n = c["items"] or 1
        print(
            f"{name:8} precedents: {c['items']} items, correct {100 * c['correct'] / n:.1f} %, "
            f"wrong {100 * c['wrong'] / n:.1f} %, leaks {c['leaks']}"
        )


if __name__ == "__main__":
    main()
