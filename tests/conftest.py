"""Shared fixtures: the shipped knowledge base and assistant, small broken bases, and empty databases."""

from __future__ import annotations

import os
import textwrap
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import Engine, text

from helpdesk.assistant import Assistant
from helpdesk.config import Config
from helpdesk.knowledge.articles import load_knowledge_base
from helpdesk.replies import ReplyRenderer
from helpdesk.store.database import migrate, open_engine
from helpdesk.web.app import create_app
from helpdesk.web.hub import Hub

ROOT = Path(__file__).resolve().parent.parent
KB_DIR = ROOT / "knowledge_base"


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    return Assistant(load_knowledge_base(KB_DIR))


@pytest.fixture(scope="session")
def renderer(assistant: Assistant) -> ReplyRenderer:
    return ReplyRenderer(assistant.kb, "helpdesk@example.nl")


ArticleWriter = Callable[..., Path]


@pytest.fixture
def write_article(tmp_path: Path) -> ArticleWriter:
    """Write `folder/name.md` into a knowledge base under tmp_path; keyword arguments override front matter."""

    def write(name: str = "where-to-report", folder: str = "en", body: str = "The answer.\n", **fields: object) -> Path:
        meta: dict[str, object] = {
            "slug": name,
            "language": folder,
            "title": f"Title of {name}",
            "basis": ["Art. 14(1)"],
            "questions": [f"question {i} about {name}" for i in range(6)],
            "reviewed": "2026-11-20",
        }
        meta.update(fields)
        lines = ["---"]
        for key, value in meta.items():
            if value is None:
                continue
            if isinstance(value, list):
                lines.append(f"{key}:")
                lines += [f"  - {item!r}" if isinstance(item, str) else f"  - {item}" for item in value]
            else:
                lines.append(f"{key}: {value}")
        lines.append("---")
        path = tmp_path / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n" + textwrap.dedent(body), encoding="utf-8")
        return path

    return write


def database_urls() -> list:
    """SQLite always; PostgreSQL too when HELPDESK_TEST_DATABASE_URL is set (CI sets it)."""
    urls = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get("HELPDESK_TEST_DATABASE_URL"):
        urls.append(pytest.param("postgresql", id="postgresql"))
    return urls


@pytest.fixture(params=database_urls())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'helpdesk.db'}"
        return
    base = os.environ["HELPDESK_TEST_DATABASE_URL"]
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = open_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty database of `database_url`."""
    engine = open_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium per browser-test module (see tests/browserkit.py).

    Module scope, not session: Playwright's sync API runs an event loop in this thread while it is open, and the
    asyncio tests of later modules cannot start their own loop beside it.
    """
    from tests.browserkit import ARGS, CHROMIUM

    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


WebClient = Callable[..., Awaitable[TestClient]]


@pytest.fixture
async def web_client(
    aiohttp_client: Any, engine: Engine, assistant: Assistant, renderer: ReplyRenderer
) -> AsyncIterator[WebClient]:
    """Makes test clients of the web application on `engine`: `web_client(env, **create_app_arguments)`."""
    clients: list[TestClient] = []

    async def make(env: dict[str, str] | None = None, **app_arguments: Any) -> TestClient:
        app = create_app(Config.from_env(env or {}), engine, assistant, renderer, Hub(), **app_arguments)
        clients.append(await aiohttp_client(app))
        return clients[-1]

    yield make
    for client in clients:
        await client.close()  # the app's cleanup still needs the database: before `engine` is disposed
