"""The words an assistant reads with: the knowledge base's own vocabulary, its concepts and its compounds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from helpdesk.knowledge.articles import KnowledgeBase
from helpdesk.text.analyzer import Analyzer
from helpdesk.text.normalise import fold, words

CONCEPTS_FILE = "concepts.yaml"
COMPOUNDS_FILE = "compounds.yaml"


def analyzer_for(kb: KnowledgeBase, negatable: Iterable[str] = ()) -> Analyzer:
    return Analyzer(load_concepts(kb.directory), kb_vocabulary(kb), load_compounds(kb.directory), negatable)


def load_concepts(directory: Path) -> dict[str, list[str]]:
    path = directory / CONCEPTS_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(name): [str(p) for p in phrases] for name, phrases in data.items()}


def load_compounds(directory: Path) -> dict[str, str]:
    path = directory / COMPOUNDS_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(word): str(parts) for word, parts in data.items()}


def kb_vocabulary(kb: KnowledgeBase) -> set[str]:
    """Every word the articles use: what typos are corrected towards."""
    vocabulary: set[str] = set()
    for article in kb.articles.values():
        for text in (article.title, *article.questions, *article.keywords, article.body):
            vocabulary.update(words(fold(text)))
    return vocabulary
