"""The assistant: from a question's text (and its conversation) to a `Decision`. Knows nothing of mail or HTTP."""

from helpdesk.assistant.decision import Decision, QuestionOutcome
from helpdesk.assistant.engine import Assistant

__all__ = ["Assistant", "Decision", "QuestionOutcome"]
