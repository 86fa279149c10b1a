"""`helpdesk ask`, `triage` and `eval` end to end, as a person or CI runs them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpdesk.cli import main
from tests.conftest import KB_DIR, ROOT


def test_ask_prints_the_reply(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--kb", str(KB_DIR), "Wat moet er in het eindverslag over een kwetsbaarheid staan?"]) == 0
    out = capsys.readouterr().out
    assert "Art. 14(2)(c)" in out and "uiterlijk 14 dagen" in out


def test_triage_reads_json_lines_and_keeps_going_after_a_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "Where do we report an exploited vulnerability?", "channel": "chat"}),
                "{not json",
                json.dumps({"id": "c", "text": 42}),
                json.dumps(
                    {
                        "id": "d",
                        "text": "and for an incident?",
                        "history": ["What goes in the early warning for a vulnerability?"],
                    }
                ),
            ]
        )
        + "\n"
    )
    assert main(["triage", "--kb", str(KB_DIR), str(questions)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == ["a", 2, "c", "d"]
    assert records[0]["articles"][0] == "where-to-report"
    assert set(records[0]) == {"id", "articles", "deflect", "escalate", "lang", "confidence"}
    assert "error" in records[1] and "error" in records[2]
    assert records[3]["articles"][0] == "incident-early-warning"


def test_triage_with_reply_from_standard_input() -> None:
    line = json.dumps({"id": "x", "text": "Valt onze app onder de CRA?"})
    result = subprocess.run(
        [sys.executable, "-m", "helpdesk", "triage", "--with-reply", "--kb", str(KB_DIR)],
        input=line + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    record = json.loads(result.stdout)
    assert record["deflect"] is True and record["lang"] == "nl"
    assert record["reply"].strip()


def test_eval_prints_figures_and_fails_below_the_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = tmp_path / "l.jsonl"
    labelled.write_text(
        json.dumps(
            {
                "id": "ok",
                "text": "Where do we submit the notification?",
                "lang": "en",
                "kind": "howto",
                "expect": {"articles": [["where-to-report"]], "deflect": False, "escalate": False},
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "bad",
                "text": "Where do we submit the notification?",
                "lang": "en",
                "kind": "howto",
                "expect": {"articles": [["key-terms"]], "deflect": False, "escalate": False},
            }
        )
        + "\n"
    )
    assert main(["eval", "--kb", str(KB_DIR), str(labelled), "--min-correct", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "correct  50.0%" in out and "wrong  50.0%" in out
    assert "WRONG   bad" in out
    assert main(["eval", "--kb", str(KB_DIR), str(labelled), "--min-correct", "0.9"]) == 1


def test_a_missing_knowledge_base_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--kb", str(tmp_path / "nowhere"), "hello"]) == 2
    assert "knowledge base directory not found" in capsys.readouterr().err
