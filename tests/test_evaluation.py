"""Grading exactly as EVAL.md defines correct, leak, wrong and missed."""

import pytest

from helpdesk.assistant import Decision
from helpdesk.evaluation import grade


def decision(articles: tuple[str, ...] = (), deflect: bool = False, escalate: bool = False) -> Decision:
    return Decision(articles, deflect, escalate, "en", 0.9)


@pytest.mark.parametrize(
    "expect, got, result",
    [
        ({"articles": [["a", "b"]], "deflect": False, "escalate": False}, decision(("b",)), "correct"),
        ({"articles": [["a"]], "deflect": False, "escalate": False}, decision(("a", "x")), "correct"),
        ({"articles": [["a"]], "deflect": False, "escalate": False}, decision(("a", "x", "y")), "wrong"),
        ({"articles": [["a"]], "deflect": False, "escalate": False}, decision(("x",)), "wrong"),
        ({"articles": [["a"]], "deflect": False, "escalate": False}, decision((), escalate=True), "missed"),
        ({"articles": [], "deflect": True, "escalate": False}, decision(("a",)), "leak"),
        ({"articles": [], "deflect": True, "escalate": False}, decision(("helpdesk-scope",), deflect=True), "correct"),
        ({"articles": [], "deflect": True, "escalate": False}, decision(), "missed"),
        ({"articles": [["a"]], "deflect": False, "escalate": None}, decision(("a",), escalate=True), "correct"),
        ({"articles": [["a"], ["b"]], "deflect": False, "escalate": False}, decision(("a",)), "wrong"),
    ],
)
def test_grade(expect: dict, got: Decision, result: str) -> None:
    assert grade(expect, got) == result
