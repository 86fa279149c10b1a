"""Opening the database: SQLite (WAL) by default, PostgreSQL by URL alone, and schema migrations.

Migrations are ordered steps recorded in `schema_version`; `migrate()` runs the missing ones at start-up, so
upgrading is: stop, install the new version, start. Step 1 creates the tables of `models.py`.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, create_engine

from helpdesk.store import models

log = logging.getLogger("helpdesk.store")


def open_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = connection.cursor()
    # WAL lets readers work while the SMTP server writes; synchronous=FULL makes a commit durable before 250.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _create_tables(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)


def _chat_columns(engine: Engine) -> None:
    """Version 2: chat conversations (token, author, feedback). Databases made by version 1 get the columns."""
    existing = {table: {c["name"] for c in inspect(engine).get_columns(table)} for table in ("ticket", "message")}
    wanted = [
        ("ticket", "token_hash", "VARCHAR"),
        ("message", "author", "VARCHAR NOT NULL DEFAULT ''"),
        ("message", "helpful", "BOOLEAN"),
    ]
    with engine.begin() as connection:
        for table, column, kind in wanted:
            if column not in existing[table]:
                connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))


def _staff_tables(engine: Engine) -> None:
    """Version 3: staff accounts and sessions (new tables) and the ticket's assignee."""
    SQLModel.metadata.create_all(engine)
    if "assignee_id" not in {c["name"] for c in inspect(engine).get_columns("ticket")}:
        with engine.begin() as connection:
            connection.execute(text("ALTER TABLE ticket ADD COLUMN assignee_id INTEGER REFERENCES staffuser(id)"))


def _presence_table(engine: Engine) -> None:
    """Version 4: which process holds an open widget for which conversation."""
    SQLModel.metadata.create_all(engine)


def _rate_counts(engine: Engine) -> None:
    """Version 5: rate-limit counters shared by all processes. On PostgreSQL the table is UNLOGGED: counters need
    no crash safety, and skipping the write-ahead log keeps a counted request cheap."""
    SQLModel.metadata.create_all(engine)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ALTER TABLE ratecount SET UNLOGGED"))


MIGRATIONS: list[Callable[[Engine], None]] = [
    _create_tables,
    _chat_columns,
    _staff_tables,
    _presence_table,
    _rate_counts,
]


def migrate(engine: Engine) -> int:
    """Bring the schema up to date; returns the version it is at."""
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))
        current = connection.execute(text("SELECT MAX(version) FROM schema_version")).scalar() or 0
    for version, step in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        log.info("migrating schema to version %d (%s)", version, step.__name__)
        step(engine)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": version})
    return len(MIGRATIONS)


def secret_key(engine: Engine, configured: str | None = None) -> bytes:
    """The key that signs our Message-IDs and reply addresses: configured, or made once and kept."""
    if configured:
        return configured.encode()
    with Session(engine) as session:
        row = session.get(models.Setting, "secret_key")
        if row is not None:
            return row.value.encode()
        session.add(models.Setting(name="secret_key", value=secrets.token_hex(32)))
        try:
            session.commit()
        except IntegrityError:  # another process made it first: use theirs
            session.rollback()
        return session.get(models.Setting, "secret_key").value.encode()  # type: ignore[union-attr]
