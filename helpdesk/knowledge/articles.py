"""Reading knowledge-base articles (Markdown with YAML front matter) into memory.

Loading is strict about structure only as far as it needs to build `Article`s; `validate.py` holds the
rules a curated base must keep and reports every breach with file and field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("nl", "en")
SCOPE_SLUG = "helpdesk-scope"
SETTINGS_FILE = "settings.yaml"


class KnowledgeBaseError(Exception):
    """The knowledge base cannot be read at all (missing directory, unreadable file)."""


@dataclass(frozen=True)
class Article:
    slug: str
    language: str
    title: str
    basis: tuple[str, ...]
    questions: tuple[str, ...]
    body: str
    path: Path
    keywords: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    reviewed: dt.date | None = None

    @property
    def summary(self) -> str:
        """The answer itself: the first paragraph of the body."""
        return self.body.strip().split("\n\n", 1)[0].strip()


@dataclass
class KnowledgeBase:
    directory: Path
    articles: dict[tuple[str, str], Article] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def get(self, slug: str, language: str) -> Article:
        return self.articles[(slug, language)]

    def slugs(self) -> list[str]:
        return sorted({slug for slug, _ in self.articles})

    def in_language(self, language: str) -> list[Article]:
        return [a for (_, lang), a in sorted(self.articles.items()) if lang == language]


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split `---`-fenced YAML front matter from the Markdown body; raises ValueError when absent or bad."""
    if not text.startswith("---"):
        raise ValueError("no front matter (the file must start with '---')")
    try:
        _, header, body = text.split("---", 2)
    except ValueError:
        raise ValueError("front matter is not closed with '---'") from None
    try:
        meta = yaml.safe_load(header)
    except yaml.YAMLError as exc:
        raise ValueError(f"front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, body.lstrip("\n")


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def article_from_file(path: Path) -> Article:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    reviewed = meta.get("reviewed")
    return Article(
        slug=str(meta.get("slug", "")),
        language=str(meta.get("language", "")),
        title=str(meta.get("title", "")),
        basis=_strings(meta.get("basis")),
        questions=_strings(meta.get("questions")),
        keywords=_strings(meta.get("keywords")),
        related=_strings(meta.get("related")),
        sources=_strings(meta.get("sources")),
        reviewed=reviewed if isinstance(reviewed, dt.date) else None,
        body=body,
        path=path,
    )


def load_settings(directory: Path) -> dict[str, Any]:
    path = directory / SETTINGS_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{path}: settings must be a mapping")
    return data


def article_paths(directory: Path) -> list[Path]:
    return sorted(p for lang in LANGUAGES for p in (directory / lang).glob("*.md"))


def load_knowledge_base(directory: str | Path) -> KnowledgeBase:
    """Load every article; a file that cannot be parsed raises, naming it (run `helpdesk kb check` for detail)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise KnowledgeBaseError(f"knowledge base directory not found: {directory}")
    kb = KnowledgeBase(directory=directory, settings=load_settings(directory))
    for path in article_paths(directory):
        try:
            article = article_from_file(path)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            raise KnowledgeBaseError(f"{path}: {exc}") from None
        kb.articles[(article.slug, article.language)] = article
    if not kb.articles:
        raise KnowledgeBaseError(f"no articles in {directory}")
    return kb
