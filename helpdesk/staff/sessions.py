"""Staff sessions: a random cookie value (only its hash is stored) and a CSRF token per session."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select

from helpdesk.store.models import StaffSession, StaffUser, utcnow

SESSION_HOURS = 8
COOKIE = "helpdesk_staff"


@dataclass(frozen=True)
class Staff:
    user_id: int
    email: str
    role: str
    csrf_token: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def start(engine: Engine, user: StaffUser) -> str:
    """A new session for `user`; returns the cookie value."""
    cookie = secrets.token_urlsafe(32)
    with Session(engine) as session:
        session.add(
            StaffSession(
                token_hash=_hash(cookie),
                csrf_token=secrets.token_urlsafe(32),
                user_id=int(user.id or 0),
                expires_at=utcnow() + dt.timedelta(hours=SESSION_HOURS),
            )
        )
        session.commit()
    return cookie


def lookup(engine: Engine, cookie: str | None) -> Staff | None:
    if not cookie:
        return None
    with Session(engine) as session:
        row = session.exec(select(StaffSession).where(StaffSession.token_hash == _hash(cookie))).first()
        if row is None:
            return None
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
        user = session.get(StaffUser, row.user_id)
        if expires < utcnow() or user is None or not user.active:
            session.delete(row)
            session.commit()
            return None
        return Staff(user.id, user.email, user.role, row.csrf_token)  # type: ignore[arg-type]


def end(engine: Engine, cookie: str | None) -> None:
    if cookie:
        with Session(engine) as session:
            session.exec(delete(StaffSession).where(col(StaffSession.token_hash) == _hash(cookie)))  # type: ignore[call-overload]
            session.commit()


def csrf_ok(staff: Staff, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(staff.csrf_token, submitted or "")
