"""Rendering a `Decision` into the text the asker receives, in the asker's language.

The same rendering serves mail, chat and `helpdesk triage --with-reply`; channels wrap it (greeting, quoting,
headers) but never change what it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from helpdesk.assistant.decision import Decision
from helpdesk.knowledge.articles import SCOPE_SLUG, KnowledgeBase
from helpdesk.knowledge.render import render_text

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class RenderedAnswer:
    slug: str
    title: str
    text: str
    basis: tuple[str, ...]  # the CRA provisions
    other_basis: tuple[str, ...]  # documents outside the Regulation (ENISA's FAQ, the NCSC assessment)


class ReplyRenderer:
    def __init__(self, kb: KnowledgeBase, helpdesk_address: str, templates_dir: Path = TEMPLATES_DIR) -> None:
        self.kb = kb
        self.runtime = {"helpdesk_address": helpdesk_address}
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # plain text; the web channel escapes when it shows it
            trim_blocks=False,
        )
        # The base and the settings do not change while the service runs: each article is rendered once.
        self._answers: dict[tuple[str, str], RenderedAnswer] = {}

    def answer(self, slug: str, language: str) -> RenderedAnswer:
        rendered = self._answers.get((slug, language))
        if rendered is None:
            article = self.kb.get(slug, language)
            basis = tuple(b for b in article.basis if b.startswith("Art."))
            other = tuple(b for b in article.basis if not b.startswith("Art."))
            text = render_text(article, self.kb.settings, self.runtime)
            rendered = self._answers[(slug, language)] = RenderedAnswer(slug, article.title, text, basis, other)
        return rendered

    def render(self, decision: Decision, channel: str = "mail") -> str:
        lang = decision.lang
        scope = self.answer(SCOPE_SLUG, lang).text if decision.deflect else ""
        answers = [
            self.answer(slug, lang) for slug in decision.articles if not (decision.deflect and slug == SCOPE_SLUG)
        ]
        template = self.environment.get_template(f"reply.{lang}.txt")
        text = template.render(decision=decision, scope=scope, answers=answers, channel=channel)
        return text.strip() + "\n"
