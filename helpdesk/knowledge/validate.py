"""`helpdesk kb check`: the rules a curated knowledge base must keep, each breach named by file and field."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from jinja2 import meta as jinja_meta

from helpdesk.knowledge.articles import (
    LANGUAGES,
    SCOPE_SLUG,
    SETTINGS_FILE,
    article_paths,
    split_front_matter,
)
from helpdesk.knowledge.precedents import NOT_ANSWERED, PRECEDENTS_FILE, parse_line
from helpdesk.knowledge.render import KB_LINK

MIN_QUESTIONS = 6
REQUIRED_FIELDS = ("slug", "language", "title", "basis", "questions", "reviewed")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CRA_CITATION = re.compile(r"^Art\.\s*\d+")
# `{{ name }}` filled in by the service itself rather than settings.yaml.
RUNTIME_SETTINGS = frozenset({"helpdesk_address"})


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


def _check_meta(path: Path, meta: dict, problems: list[Problem]) -> None:
    rel = str(path)
    for name in REQUIRED_FIELDS:
        if meta.get(name) in (None, "", []):
            problems.append(Problem(rel, name, "missing"))
    slug, language = meta.get("slug"), meta.get("language")
    if isinstance(slug, str) and slug:
        if not SLUG.match(slug):
            problems.append(Problem(rel, "slug", f"{slug!r} is not lower-case words joined by hyphens"))
        elif slug != path.stem:
            problems.append(Problem(rel, "slug", f"{slug!r} does not match the file name {path.name!r}"))
    if language and language != path.parent.name:
        problems.append(Problem(rel, "language", f"{language!r} but the file is in {path.parent.name}/"))
    if "title" in meta and not isinstance(meta["title"], str):
        problems.append(Problem(rel, "title", "must be text"))
    for name in ("basis", "questions", "keywords", "related", "sources"):
        value = meta.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
            problems.append(Problem(rel, name, "must be a list of non-empty texts"))
    basis: list = meta["basis"] if isinstance(meta.get("basis"), list) else []
    if basis and not any(CRA_CITATION.match(str(b)) for b in basis):
        problems.append(Problem(rel, "basis", "cites no CRA article (an entry like 'Art. 14(2)(a)')"))
    secondary = [b for b in basis if isinstance(b, str) and not CRA_CITATION.match(b)]
    if secondary and not meta.get("sources"):
        problems.append(Problem(rel, "sources", f"missing for a basis outside the Regulation: {secondary[0]!r}"))
    questions: list = meta["questions"] if isinstance(meta.get("questions"), list) else []
    distinct = {str(q).strip().lower() for q in questions}
    if meta.get("questions") and len(distinct) < MIN_QUESTIONS:
        problems.append(
            Problem(rel, "questions", f"{len(distinct)} distinct example questions, at least {MIN_QUESTIONS} needed")
        )
    reviewed = meta.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        problems.append(Problem(rel, "reviewed", f"{reviewed!r} is not a date (YYYY-MM-DD)"))


def _check_body(path: Path, body: str, settings: dict, problems: list[Problem]) -> None:
    if not body.strip():
        problems.append(Problem(str(path), "body", "empty"))
        return
    try:
        parsed = jinja2.Environment().parse(body)
    except jinja2.TemplateSyntaxError as exc:
        problems.append(Problem(str(path), "body", f"bad {{{{ setting }}}} syntax: {exc.message}"))
        return
    for name in sorted(jinja_meta.find_undeclared_variables(parsed)):
        if name not in settings and name not in RUNTIME_SETTINGS:
            problems.append(Problem(str(path), "body", f"setting {{{{ {name} }}}} is not defined in {SETTINGS_FILE}"))


def _check_vocabulary_files(directory: Path, problems: list[Problem]) -> None:
    """concepts.yaml maps a concept to a list of phrases; compounds.yaml maps a word to the words it is read as
    (its parts, or the word a short form stands for), which must differ from it."""
    for name, value_ok, expected in (
        (
            "concepts.yaml",
            lambda k, v: isinstance(v, list) and all(isinstance(p, str) and p.strip() for p in v),
            "a list of phrases",
        ),
        (
            "compounds.yaml",
            lambda k, v: isinstance(v, str) and bool(v.split()) and v.split() != [str(k)],
            "the words it is read as, separated by spaces, not the word itself",
        ),
    ):
        path = directory / name
        if not path.exists():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            problems.append(Problem(str(path), "-", f"not valid YAML: {exc}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(str(path), "-", "must be a mapping"))
            continue
        for key, value in data.items():
            if not value_ok(key, value):
                problems.append(Problem(str(path), str(key), f"must be {expected}"))


def _check_precedents(directory: Path, slugs: set[str], problems: list[Problem]) -> None:
    """Every line of precedents.jsonl is a precedent whose answers are articles of this base (or a question the
    helpdesk does not answer)."""
    path = directory / PRECEDENTS_FILE
    if not path.exists():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        precedent, problem = parse_line(line)
        if precedent is None:
            problems.append(Problem(str(path), f"line {number}", str(problem)))
            continue
        for answer in sorted(precedent.answers - slugs - set(NOT_ANSWERED)):
            problems.append(Problem(str(path), f"line {number}", f"answers {answer!r}, which is not an article"))


def check_knowledge_base(directory: str | Path) -> list[Problem]:
    """Every problem found; an empty list means the base may ship."""
    directory = Path(directory)
    problems: list[Problem] = []
    if not directory.is_dir():
        return [Problem(str(directory), "-", "knowledge base directory not found")]
    settings: dict = {}
    settings_path = directory / SETTINGS_FILE
    if settings_path.exists():
        try:
            loaded = yaml.safe_load(settings_path.read_text(encoding="utf-8")) or {}
            if isinstance(loaded, dict):
                settings = loaded
            else:
                problems.append(Problem(str(settings_path), "-", "must be a mapping of setting names to values"))
        except yaml.YAMLError as exc:
            problems.append(Problem(str(settings_path), "-", f"not valid YAML: {exc}"))

    _check_vocabulary_files(directory, problems)
    seen: dict[tuple[str, str], Path] = {}
    languages_of: dict[str, set[str]] = defaultdict(set)
    links: list[tuple[Path, str, str]] = []
    for path in article_paths(directory):
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), "front matter", str(exc)))
            continue
        _check_meta(path, meta, problems)
        _check_body(path, body, settings, problems)
        slug, language = str(meta.get("slug") or path.stem), str(meta.get("language") or path.parent.name)
        if (slug, language) in seen:
            problems.append(
                Problem(str(path), "slug", f"{slug!r} in {language} is also claimed by {seen[(slug, language)]}")
            )
        seen[(slug, language)] = path
        languages_of[slug].add(language)
        related = meta.get("related")
        links += [(path, "related", s) for s in (related if isinstance(related, list) else []) if isinstance(s, str)]
        links += [(path, "body", s) for _, s in KB_LINK.findall(body)]

    if not seen:
        problems.append(Problem(str(directory), "-", "no articles (expected en/*.md and nl/*.md)"))
    for slug, languages in sorted(languages_of.items()):
        for missing in sorted(set(LANGUAGES) - languages):
            have = seen[(slug, sorted(languages)[0])]
            problems.append(Problem(str(have), "language", f"no {missing} twin ({missing}/{slug}.md)"))
    for path, field_name, target in links:
        if target not in languages_of:
            problems.append(Problem(str(path), field_name, f"links to {target!r}, which is not an article"))
    _check_precedents(directory, set(languages_of), problems)
    if seen and SCOPE_SLUG not in languages_of:
        problems.append(Problem(str(directory), "-", f"the deflection text {SCOPE_SLUG!r} is missing"))
    return problems
