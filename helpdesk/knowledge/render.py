"""Rendering article bodies: settings filled in, in-base links turned into readable text.

Facts that change (platform address, national route) live in `settings.yaml` and reach the text here, so a
change is made once and every article follows.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from helpdesk.knowledge.articles import Article

KB_LINK = re.compile(r"\[([^\]]+)\]\(kb:([a-z0-9-]+)\)")

_environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


def settings_for_language(settings: dict[str, Any], language: str) -> dict[str, str]:
    """Pick each setting's value for one language; a plain value serves both."""
    resolved: dict[str, str] = {}
    for name, value in settings.items():
        if isinstance(value, dict):
            value = value.get(language, value.get("en", ""))
        resolved[name] = str(value).strip()
    return resolved


def render_markdown(article: Article, settings: dict[str, Any], runtime: dict[str, str] | None = None) -> str:
    """The body with settings filled in, links still as Markdown; raises jinja2 errors on unknown names."""
    values = settings_for_language(settings, article.language) | (runtime or {})
    return _environment.from_string(article.body).render(values).strip()


def render_text(article: Article, settings: dict[str, Any], runtime: dict[str, str] | None = None) -> str:
    """The body as plain text for mail and chat: `[text](kb:slug)` becomes `text`."""
    return KB_LINK.sub(r"\1", render_markdown(article, settings, runtime))


def linked_slugs(article: Article) -> list[str]:
    return [slug for _, slug in KB_LINK.findall(article.body)]
