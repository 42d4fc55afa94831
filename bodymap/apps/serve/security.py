"""Secrets of the clinic app: passwords, tokens, sessions and the login rate limit.

Passwords are hashed with argon2id (argon2-cffi).  Every other secret — API tokens, session
ids, intake tokens — is 256 random bits from :mod:`secrets`, handed out once and stored only
as its SHA-256, so a copy of the database opens nothing.  Sessions, tokens and failed logins
live in the database, so several server processes share them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bodymap.apps.serve.models import ApiToken, LoginAttempt, User, UserSession, utcnow

__all__ = [
    "IDLE_TIMEOUT",
    "LOGIN_LIMIT",
    "LOGIN_WINDOW",
    "check_password",
    "hash_password",
    "hash_token",
    "new_token",
]

#: A session unused this long has ended.
IDLE_TIMEOUT = dt.timedelta(minutes=30)
#: Failed logins allowed per account or per address within :data:`LOGIN_WINDOW`.
LOGIN_LIMIT = 10
LOGIN_WINDOW = dt.timedelta(minutes=10)


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``."""
    return str(_hasher().hash(password))


def check_password(stored: str, password: str) -> bool:
    """Whether ``password`` matches the argon2 hash ``stored``."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


#: A hash to check against when the user does not exist, so that both take the same time.
_DUMMY: list[str] = []


def check_login(db: Session, name: str, password: str) -> User | None:
    """The enabled user ``name`` if ``password`` is theirs, else ``None`` (same work either way)."""
    user = db.scalar(select(User).where(User.name == name))
    if user is None or user.disabled:
        if not _DUMMY:
            _DUMMY.append(hash_password(secrets.token_urlsafe(16)))
        check_password(_DUMMY[0], password)
        return None
    return user if check_password(user.password_hash, password) else None


def new_token() -> str:
    """A fresh secret: 256 random bits, URL-safe text."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def login_blocked(db: Session, name: str, address: str) -> bool:
    """Whether the account or the address had :data:`LOGIN_LIMIT` failures in the window."""
    since = utcnow() - LOGIN_WINDOW
    for column, value in ((LoginAttempt.username, name), (LoginAttempt.address, address)):
        count = db.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(column == value, LoginAttempt.at >= since)
        )
        if (count or 0) >= LOGIN_LIMIT:
            return True
    return False


def record_failure(db: Session, name: str, address: str) -> None:
    """Count a failed login (and forget failures older than the window)."""
    db.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - LOGIN_WINDOW))
    db.add(LoginAttempt(username=name[:100], address=address[:64]))


def start_session(db: Session, user: User) -> tuple[str, UserSession]:
    """A new session of ``user``: the cookie value (given once) and its row."""
    token = new_token()
    row = UserSession(user_id=user.id, token_hash=hash_token(token), csrf=new_token())
    db.add(row)
    db.flush()
    return token, row


def find_session(db: Session, token: str) -> UserSession | None:
    """The live session of a cookie value (its last use is updated), or ``None``."""
    row = db.scalar(select(UserSession).where(UserSession.token_hash == hash_token(token)))
    now = utcnow()
    if row is None or row.ended_at is not None or row.user.disabled:
        return None
    if now - row.last_seen > IDLE_TIMEOUT:
        row.ended_at = now
        return None
    if now - row.last_seen > dt.timedelta(seconds=30):
        row.last_seen = now
    return row


def find_token_user(db: Session, token: str) -> User | None:
    """The enabled user of a live API token, or ``None``."""
    return db.scalar(
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(
            ApiToken.token_hash == hash_token(token),
            ApiToken.revoked_at.is_(None),
            User.disabled.is_(False),
        )
    )


def end_sessions(db: Session, user: User) -> None:
    """End every session and revoke every API token of ``user``."""
    now = utcnow()
    db.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=now)
    )
    db.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
