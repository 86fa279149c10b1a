"""Token buckets kept in the database, so that several serving processes share one limit.

Each bucket is one row holding the moment it is full again (the generic cell rate algorithm): a request is allowed
when that moment is less than `burst` intervals away, and moves it one interval later. Checking and counting is
one conditional upsert, so concurrent processes cannot both take the last token.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from helpdesk.store.models import RateCount

# Buckets full for this long are forgotten whenever a new one is made.
FORGET_AFTER_SECONDS = 3600


def take_token(engine: Engine, key: str, rate: float, burst: int, now: float | None = None) -> float:
    """0 when `key` may go ahead (the request is counted), else the seconds until it may."""
    now = time.time() if now is None else now
    interval = 1.0 / rate
    postgresql = engine.dialect.name == "postgresql"
    insert = postgresql_insert if postgresql else sqlite_insert
    later = (func.greatest if postgresql else func.max)(RateCount.full_at, now) + interval
    statement = (
        insert(RateCount)
        .values(key=key, full_at=now + interval)
        .on_conflict_do_update(index_elements=["key"], set_={"full_at": later}, where=later - now <= burst * interval)
        .returning(col(RateCount.full_at))
    )
    with engine.begin() as connection:
        if connection.execute(statement).scalar() is not None:
            connection.execute(delete(RateCount).where(col(RateCount.full_at) < now - FORGET_AFTER_SECONDS))
            return 0.0
        full_at = connection.execute(select(col(RateCount.full_at)).where(col(RateCount.key) == key)).scalar_one()
    return max(full_at + interval - now - burst * interval, 0.001)
