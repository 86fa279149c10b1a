"""Storage faults caused for real, in the database itself, rather than by replacing our code with a mock."""

from __future__ import annotations

from sqlalchemy import Engine, text


def refuse_inserts(engine: Engine, marker: str = "") -> None:
    """A real storage fault: a trigger makes the database refuse every received message whose bytes hold `marker`."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_inserts BEFORE INSERT ON message "
                    f"WHEN instr(NEW.raw, CAST('{marker}' AS BLOB)) > 0 BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION refuse_inserts() RETURNS trigger AS $$ BEGIN "
                    f"IF position('{marker}'::bytea in NEW.raw) > 0 THEN RAISE EXCEPTION 'disk full'; END IF; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_inserts BEFORE INSERT ON message FOR EACH ROW EXECUTE FUNCTION refuse_inserts()"
                )
            )


def allow_inserts(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text("DROP TRIGGER refuse_inserts" + (" ON message" if engine.dialect.name != "sqlite" else ""))
        )
