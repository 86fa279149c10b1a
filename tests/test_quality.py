"""Answer quality on our own labelled questions (tests/data), by the figures EVAL.md defines.

`questions.jsonl` is the set the threshold was chosen on; `holdout.jsonl` was written before it was ever run and
is not tuned on. Both hold Dutch and English, e-mails with signatures and quoted history, typos and follow-ups.

`blind.jsonl` to `blind22.jsonl` were written by people who saw only the brief, the topics and the law, never the
knowledge base or these sets. Their first runs scored 58 %, 72.5 %, 66 %, 68 %, 79 %, 74 %, 65 %, 78 %, 75 %, 84 %,
81 %, 82 %, 89 %, 79 %, 87 %, 87 %, 83 %, 73 %, 86 %, 69 %, 82 % and 70 % correct (each after the fixes the ones
before exposed; of the last two only the leaks were fixed). `blind23` to `blind50` came later, the same way (their
first runs are in the commits). They are guarded here against regression only: no leak, no fall below the level
reached. Their questions are also the shipped precedents (knowledge_base/precedents.jsonl), so each set is judged
with the precedents of the others only.
"""

import io
from pathlib import Path

import pytest

from helpdesk.assistant import Assistant
from helpdesk.evaluation import evaluate
from helpdesk.knowledge.precedents import from_other_sets, load_precedents

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", ["questions.jsonl", "holdout.jsonl"])
def test_answer_quality(assistant: Assistant, name: str) -> None:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    summary = evaluate(assistant, lines, io.StringIO())
    assert summary["leaks"] == 0
    assert summary["wrong"] <= 0.02
    for language, figures in summary["by_lang"].items():
        assert figures["correct"] >= 0.90, f"{name} {language}: {figures}"
    assert summary["by_kind"]["applicability"]["correct"] == 1.0


@pytest.mark.parametrize(
    "name, correct, wrong",
    [
        ("blind.jsonl", 0.88, 0.02),
        ("blind2.jsonl", 0.96, 0.0),
        ("blind3.jsonl", 0.91, 0.0),
        ("blind4.jsonl", 0.86, 0.03),
        ("blind5.jsonl", 0.91, 0.04),
        ("blind6.jsonl", 0.9, 0.06),
        ("blind7.jsonl", 0.84, 0.08),
        ("blind8.jsonl", 0.86, 0.03),
        ("blind9.jsonl", 0.83, 0.06),
        ("blind10.jsonl", 0.9, 0.03),
        ("blind11.jsonl", 0.88, 0.02),
        ("blind12.jsonl", 0.89, 0.05),
        ("blind13.jsonl", 0.93, 0.03),
        ("blind14.jsonl", 0.88, 0.06),
        ("blind15.jsonl", 0.96, 0.02),
        ("blind16.jsonl", 0.95, 0.02),
        ("blind17.jsonl", 0.9, 0.06),
        ("blind18.jsonl", 0.83, 0.06),
        ("blind19.jsonl", 0.89, 0.03),
        ("blind20.jsonl", 0.83, 0.01),
        ("blind21.jsonl", 0.84, 0.08),
        ("blind22.jsonl", 0.77, 0.04),
        ("blind23.jsonl", 0.89, 0.02),
        ("blind24.jsonl", 0.81, 0.03),
        ("blind25.jsonl", 0.86, 0.04),
        ("blind26.jsonl", 0.79, 0.01),
        ("blind27.jsonl", 0.75, 0.04),
        ("blind28.jsonl", 0.85, 0.01),
        ("blind29.jsonl", 0.79, 0.02),
        ("blind30.jsonl", 0.76, 0.05),
        ("blind31.jsonl", 0.73, 0.03),
        ("blind32.jsonl", 0.78, 0.07),
        ("blind33.jsonl", 0.78, 0.05),
        ("blind34.jsonl", 0.79, 0.06),
        ("blind35.jsonl", 0.79, 0.04),
        ("blind36.jsonl", 0.73, 0.05),
        ("blind37.jsonl", 0.71, 0.07),
        ("blind38.jsonl", 0.84, 0.03),
        ("blind39.jsonl", 0.72, 0.06),
        ("blind40.jsonl", 0.72, 0.05),
        ("blind41.jsonl", 0.7, 0.07),
        ("blind42.jsonl", 0.82, 0.03),
        ("blind43.jsonl", 0.74, 0.03),
        ("blind44.jsonl", 0.72, 0.04),
        ("blind45.jsonl", 0.68, 0.02),
        ("blind46.jsonl", 0.68, 0.03),
        ("blind47.jsonl", 0.71, 0.06),
        ("blind48.jsonl", 0.76, 0.03),
        ("blind49.jsonl", 0.65, 0.06),
        ("blind50.jsonl", 0.71, 0.07),
    ],
)
def test_blind_sets_do_not_regress(assistant: Assistant, name: str, correct: float, wrong: float) -> None:
    # The shipped precedents hold questions of these sets: each set is judged without its own (leave one set out).
    others = from_other_sets(load_precedents(assistant.kb.directory), Path(name).stem)
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    summary = evaluate(Assistant(assistant.kb, precedents=others), lines, io.StringIO())
    assert summary["leaks"] == 0
    assert summary["correct"] >= correct and summary["wrong"] <= wrong, summary
