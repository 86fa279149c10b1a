"""Answer quality on our own labelled questions (tests/data), by the figures EVAL.md defines.

`questions.jsonl` is the set the threshold was chosen on; `holdout.jsonl` was written before it was ever run and
is not tuned on. Both hold Dutch and English, e-mails with signatures and quoted history, typos and follow-ups.

`blind.jsonl` to `blind22.jsonl` were written by people who saw only the brief, the topics and the law, never the
knowledge base or these sets. Their first runs scored 58 %, 72.5 %, 66 %, 68 %, 79 %, 74 %, 65 %, 78 %, 75 %, 84 %,
81 %, 82 %, 89 %, 79 %, 87 %, 87 %, 83 %, 73 %, 86 %, 69 %, 82 % and 70 % correct (each after the fixes the ones
before exposed; of the last two only the leaks were fixed). `blind23` to `blind56` came later, the same way (their
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
        ("blind2.jsonl", 0.97, 0.0),
        ("blind3.jsonl", 0.94, 0.0),
        ("blind4.jsonl", 0.88, 0.03),
        ("blind5.jsonl", 0.92, 0.05),
        ("blind6.jsonl", 0.91, 0.05),
        ("blind7.jsonl", 0.86, 0.09),
        ("blind8.jsonl", 0.87, 0.03),
        ("blind9.jsonl", 0.86, 0.05),
        ("blind10.jsonl", 0.91, 0.02),
        ("blind11.jsonl", 0.89, 0.02),
        ("blind12.jsonl", 0.92, 0.05),
        ("blind13.jsonl", 0.92, 0.02),
        ("blind14.jsonl", 0.87, 0.07),
        ("blind15.jsonl", 0.95, 0.03),
        ("blind16.jsonl", 0.96, 0.02),
        ("blind17.jsonl", 0.9, 0.06),
        ("blind18.jsonl", 0.86, 0.06),
        ("blind19.jsonl", 0.9, 0.02),
        ("blind20.jsonl", 0.86, 0.01),
        ("blind21.jsonl", 0.86, 0.09),
        ("blind22.jsonl", 0.83, 0.03),
        ("blind23.jsonl", 0.89, 0.02),
        ("blind24.jsonl", 0.85, 0.02),
        ("blind25.jsonl", 0.86, 0.04),
        ("blind26.jsonl", 0.85, 0.01),
        ("blind27.jsonl", 0.79, 0.04),
        ("blind28.jsonl", 0.85, 0.01),
        ("blind29.jsonl", 0.85, 0.03),
        ("blind30.jsonl", 0.76, 0.05),
        ("blind31.jsonl", 0.8, 0.05),
        ("blind32.jsonl", 0.81, 0.07),
        ("blind33.jsonl", 0.82, 0.03),
        ("blind34.jsonl", 0.82, 0.05),
        ("blind35.jsonl", 0.84, 0.03),
        ("blind36.jsonl", 0.81, 0.04),
        ("blind37.jsonl", 0.76, 0.06),
        ("blind38.jsonl", 0.85, 0.03),
        ("blind39.jsonl", 0.78, 0.07),
        ("blind40.jsonl", 0.77, 0.06),
        ("blind41.jsonl", 0.76, 0.07),
        ("blind42.jsonl", 0.84, 0.03),
        ("blind43.jsonl", 0.76, 0.02),
        ("blind44.jsonl", 0.77, 0.03),
        ("blind45.jsonl", 0.71, 0.05),
        ("blind46.jsonl", 0.74, 0.04),
        ("blind47.jsonl", 0.78, 0.08),
        ("blind48.jsonl", 0.8, 0.04),
        ("blind49.jsonl", 0.79, 0.05),
        ("blind50.jsonl", 0.7, 0.06),
        ("blind51.jsonl", 0.79, 0.06),
        ("blind52.jsonl", 0.88, 0.01),
        ("blind53.jsonl", 0.74, 0.09),
        ("blind54.jsonl", 0.81, 0.04),
        ("blind55.jsonl", 0.73, 0.06),
        ("blind56.jsonl", 0.69, 0.08),
    ],
)
def test_blind_sets_do_not_regress(assistant: Assistant, name: str, correct: float, wrong: float) -> None:
    # The shipped precedents hold questions of these sets: each set is judged without its own (leave one set out).
    others = from_other_sets(load_precedents(assistant.kb.directory), Path(name).stem)
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    summary = evaluate(Assistant(assistant.kb, precedents=others), lines, io.StringIO())
    assert summary["leaks"] == 0
    assert summary["correct"] >= correct and summary["wrong"] <= wrong, summary
