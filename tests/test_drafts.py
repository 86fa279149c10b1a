"""The draft check on drafts of our own writing: complete ones, and each element missing in turn (nl and en)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk.cli import main
from helpdesk.drafts import ELEMENTS, check_draft

DRAFTS = Path(__file__).parent / "data" / "drafts"
CASES = sorted(DRAFTS.glob("*.txt"))


def _parts(path: Path) -> tuple[str, str, list[str]]:
    track, stage = path.name.split(".")[0].split("-")
    return track, stage, path.read_text(encoding="utf-8").strip().splitlines()


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_a_complete_draft_has_every_element(path: Path) -> None:
    track, stage, lines = _parts(path)
    result = check_draft("\n".join(lines))
    assert (result.track, result.stage) == (track, stage)
    assert result.missing == () and result.present == tuple(e.id for e in ELEMENTS[(track, stage)])


@pytest.mark.parametrize(
    "path, index",
    [(path, index) for path in CASES for index in range(len(ELEMENTS[tuple(path.name.split(".")[0].split("-"))]))],  # type: ignore[index]
    ids=lambda value: value.name if isinstance(value, Path) else str(value),
)
def test_each_missing_element_is_reported_alone(path: Path, index: int) -> None:
    track, stage, lines = _parts(path)
    elements = [e.id for e in ELEMENTS[(track, stage)]]
    draft = "\n".join(line for n, line in enumerate(lines) if n != index + 1)  # line 0 names stage and track
    result = check_draft(draft, track=track, stage=stage)
    assert result.missing == (elements[index],), result


def test_track_and_stage_can_be_given() -> None:
    result = check_draft("Member States: Netherlands.", track="incident", stage="early_warning")
    assert result.missing == ("suspected_malicious",)
    with pytest.raises(ValueError, match="unknown track or stage"):
        check_draft("x", track="other")


def test_check_draft_command_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = (DRAFTS / "incident-notification.en.txt").read_text().splitlines()
    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join(line for line in lines if not line.startswith("Sensitivity")))
    assert main(["check-draft", str(draft)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {
        "track": "incident",
        "stage": "notification",
        "present": ["nature_of_incident", "initial_assessment", "corrective_measures_taken", "user_measures"],
        "missing": ["sensitivity"],
    }


@pytest.mark.parametrize(
    "lang, request_line", [("en", "Could you check my draft?"), ("nl", "Kunt u mijn concept controleren?")]
)
def test_the_assistant_checks_a_draft_in_both_languages(assistant, renderer, lang: str, request_line: str) -> None:  # type: ignore[no-untyped-def]
    _, _, lines = _parts(DRAFTS / f"vulnerability-notification.{lang}.txt")
    draft = "\n".join(line for line in lines if not line.startswith(("Sensitivity", "Gevoeligheid")))
    decision = assistant.decide(f"{request_line}\n\n{draft}")
    assert decision.draft is not None and decision.draft["missing"] == ["sensitivity"]
    assert decision.articles == ("vulnerability-notification",) and not decision.urgent and not decision.escalate
    reply = renderer.render(decision, channel="chat")
    assert "Art. 14(2)(b)" in reply
    assert ("not whether they are right" in reply) if lang == "en" else ("niet of ze juist zijn" in reply)


def test_a_draft_with_a_request_for_a_person_is_kept_for_staff(assistant) -> None:  # type: ignore[no-untyped-def]
    decision = assistant.decide(
        "Please check my draft, and I would like to speak to a person about it.\n"
        "Early warning - severe incident\nMember States: Netherlands"
    )
    assert decision.draft is not None and decision.escalate
