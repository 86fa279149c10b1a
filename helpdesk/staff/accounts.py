"""Staff accounts: scrypt password hashes (memory-hard, in the standard library), roles, lockout.

After LOCKOUT_FAILURES wrong passwords in a row an account is locked for LOCKOUT_MINUTES, whoever is trying.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from functools import lru_cache

from sqlalchemy import Engine
from sqlmodel import Session, select

from helpdesk.store.models import AuditEvent, StaffUser, utcnow

ROLES = ("agent", "admin")
LOCKOUT_FAILURES = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 12
# scrypt cost: 2**15 x 8 x 1 uses 32 MiB per hash (RFC 7914 recommends at least 2**14 for interactive logins).
_N, _R, _P = 2**15, 8, 1


class AccountError(Exception):
    """An account cannot be created or changed as asked."""


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 1024 * 1024)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        computed = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), maxmem=64 * 1024 * 1024
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed.hex(), digest)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def generate_password() -> str:
    return secrets.token_urlsafe(15)


def add_user(engine: Engine, email: str, password: str, role: str = "agent") -> StaffUser:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    email = email.strip().lower()
    with Session(engine) as session:
        if session.exec(select(StaffUser).where(StaffUser.email == email)).first():
            raise AccountError(f"{email} already has an account")
        user = StaffUser(email=email, password_hash=hash_password(password), role=role)
        session.add(user)
        session.add(AuditEvent(actor="cli", action="staff-add", detail=f"{email} as {role}"))
        session.commit()
        session.refresh(user)
        return user


def authenticate(engine: Engine, email: str, password: str) -> StaffUser | None:
    """The active, unlocked user with this password; counts failures and locks after too many."""
    now = utcnow()
    with Session(engine) as session:
        user = session.exec(select(StaffUser).where(StaffUser.email == email.strip().lower())).first()
        if user is None:
            verify_password(password, _dummy_hash())  # the same work for an unknown address as for a known one
            return None
        if user.locked_until and _aware(user.locked_until) > now:
            return None
        if not user.active or not verify_password(password, user.password_hash):
            user.failed_logins += 1
            if user.failed_logins >= LOCKOUT_FAILURES:
                user.locked_until = now + dt.timedelta(minutes=LOCKOUT_MINUTES)
                user.failed_logins = 0
                session.add(AuditEvent(actor=user.email, action="staff-locked", detail="too many failed logins"))
            session.add(user)
            session.commit()
            return None
        user.failed_logins, user.locked_until = 0, None
        session.add(user)
        session.commit()
        session.refresh(user)
        return user


def set_active(engine: Engine, actor: str, user_id: int, active: bool) -> None:
    with Session(engine) as session:
        user = session.get(StaffUser, user_id)
        if user is None:
            raise AccountError("no such account")
        user.active = active
        session.add_all(
            [
                user,
                AuditEvent(actor=actor, action="staff-activate" if active else "staff-deactivate", detail=user.email),
            ]
        )
        session.commit()


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
