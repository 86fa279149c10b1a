"""`helpdesk kb check` refuses a broken base and names the file and field; the shipped base passes."""

from pathlib import Path

import pytest

from helpdesk.cli import main
from helpdesk.knowledge.validate import check_knowledge_base
from tests.conftest import KB_DIR, ArticleWriter


def _twins(write_article: ArticleWriter, slug: str = "helpdesk-scope", **fields: object) -> None:
    write_article(slug, "en", **fields)
    write_article(slug, "nl", **fields)


def _problems(directory: Path) -> list[str]:
    return [str(p) for p in check_knowledge_base(directory)]


def test_the_shipped_knowledge_base_passes() -> None:
    assert _problems(KB_DIR) == []


def test_a_complete_small_base_passes(write_article: ArticleWriter, tmp_path: Path) -> None:
    _twins(write_article)
    assert _problems(tmp_path) == []


def test_missing_language_twin(write_article: ArticleWriter, tmp_path: Path) -> None:
    _twins(write_article)
    write_article("where-to-report", "en")
    assert _problems(tmp_path) == [
        f"{tmp_path / 'en' / 'where-to-report.md'}: language: no nl twin (nl/where-to-report.md)"
    ]


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"basis": None}, "basis", "missing"),
        ({"basis": ["ENISA SRP FAQ"], "sources": ["srp-facts.md"]}, "basis", "cites no CRA article"),
        ({"basis": ["Art. 16(1)", "ENISA SRP FAQ"]}, "sources", "missing for a basis outside the Regulation"),
        ({"questions": ["a?", "b?", "c?", "d?", "e?"]}, "questions", "5 distinct example questions, at least 6 needed"),
        ({"questions": ["a?", "A?", "b?", "c?", "d?", "e?"]}, "questions", "5 distinct"),
        ({"reviewed": "last week"}, "reviewed", "is not a date"),
        ({"title": None}, "title", "missing"),
        ({"related": ["no-such-article"]}, "related", "links to 'no-such-article', which is not an article"),
        ({"slug": "Other Slug"}, "slug", "is not lower-case words joined by hyphens"),
        ({"slug": "other-slug"}, "slug", "does not match the file name"),
        ({"language": "de"}, "language", "but the file is in"),
    ],
)
def test_bad_front_matter_is_named(
    write_article: ArticleWriter, tmp_path: Path, fields: dict, field: str, message: str
) -> None:
    _twins(write_article)
    path = write_article("where-to-report", "en", **fields)
    write_article("where-to-report", "nl")
    problems = _problems(tmp_path)
    assert any(p.startswith(f"{path}: {field}: ") and message in p for p in problems), problems


def test_broken_link_in_the_body(write_article: ArticleWriter, tmp_path: Path) -> None:
    _twins(write_article)
    path = write_article("where-to-report", "en", body="See [the deadlines](kb:reporting-deadline).\n")
    write_article("where-to-report", "nl")
    assert f"{path}: body: links to 'reporting-deadline', which is not an article" in _problems(tmp_path)


def test_unknown_setting_in_the_body(write_article: ArticleWriter, tmp_path: Path) -> None:
    _twins(write_article)
    (tmp_path / "settings.yaml").write_text("srp_url: https://srp.example\n")
    ok = write_article("where-to-report", "en", body="Go to {{ srp_url }}, write to {{ helpdesk_address }}.\n")
    bad = write_article("where-to-report", "nl", body="Ga naar {{ srp_adres }}.\n")
    problems = _problems(tmp_path)
    assert problems == [f"{bad}: body: setting {{{{ srp_adres }}}} is not defined in settings.yaml"]
    assert str(ok) not in "".join(problems)


def test_duplicate_slug(write_article: ArticleWriter, tmp_path: Path) -> None:
    _twins(write_article)
    write_article("where-to-report", "en")
    write_article("where-to-report", "nl")
    write_article("where-to-report-copy", "en", slug="where-to-report")
    claims = [p for p in _problems(tmp_path) if ": slug: 'where-to-report' in en is also claimed by " in p]
    assert len(claims) == 1 and "where-to-report-copy.md" in claims[0]


def test_unparseable_front_matter(write_article: ArticleWriter, tmp_path: Path) -> None:
    _twins(write_article)
    broken = tmp_path / "en" / "where-to-report.md"
    broken.write_text("---\ntitle: [unclosed\n---\nbody\n")
    no_header = tmp_path / "nl" / "where-to-report.md"
    no_header.write_text("Just text.\n")
    problems = _problems(tmp_path)
    assert any(p.startswith(f"{broken}: front matter: front matter is not valid YAML") for p in problems)
    assert f"{no_header}: front matter: no front matter (the file must start with '---')" in problems


def test_the_deflection_text_is_required(write_article: ArticleWriter, tmp_path: Path) -> None:
    write_article("where-to-report", "en")
    write_article("where-to-report", "nl")
    assert f"{tmp_path}: -: the deflection text 'helpdesk-scope' is missing" in _problems(tmp_path)


def test_the_command_exits_non_zero_and_prints_problems(
    write_article: ArticleWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _twins(write_article, questions=["only one?"])
    assert main(["kb", "check", "--kb", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "questions: 1 distinct example questions, at least 6 needed" in out


def test_the_command_passes_on_the_shipped_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check", "--kb", str(KB_DIR)]) == 0
    assert "all checks passed" in capsys.readouterr().out


def test_bad_concepts_and_compounds_are_named(write_article: ArticleWriter, tmp_path: Path) -> None:
    _twins(write_article)
    (tmp_path / "concepts.yaml").write_text("final_report: final report\nearly_warning: [early warning]\n")
    (tmp_path / "compounds.yaml").write_text("incidentmelding: incidentmelding\n")
    problems = _problems(tmp_path)
    assert f"{tmp_path / 'concepts.yaml'}: final_report: must be a list of phrases" in problems
    assert (
        f"{tmp_path / 'compounds.yaml'}: incidentmelding: must be the words it is read as, separated by spaces, not the word itself"
        in problems
    )
    assert len(problems) == 2
