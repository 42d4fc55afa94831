"""The clinic app's user accounts, as ``bodymap users`` manages them.

Each function opens the database named by a URL, does one thing and commits: add a user,
issue an API token, disable a user (which ends their sessions and tokens at once).
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodymap.apps.serve.db import check_current, ensure_schema, sessions
from bodymap.apps.serve.models import ApiToken, User
from bodymap.apps.serve.security import end_sessions, hash_password, hash_token, new_token
from bodymap.core.errors import BodymapError

__all__ = [
    "MIN_PASSWORD",
    "add_user",
    "create_user",
    "disable",
    "disable_user",
    "issue_token",
    "user_count",
]

#: The shortest password accepted.
MIN_PASSWORD = 10
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise BodymapError(
            f"user name {name!r}: use 1 to 100 letters, digits and . _ @ - "
            "(starting with a letter or digit)"
        )
    return name


def create_user(
    db: Session, name: str, password: str, admin: bool = False, lang: str = "en"
) -> User:
    """Add the user ``name`` with an argon2id hash of ``password`` in the session ``db``.

    Raises
    ------
    BodymapError
        For a bad name, language, a password shorter than :data:`MIN_PASSWORD` or an
        existing user.
    """
    from bodymap.core.choices import check_lang

    _check_name(name)
    lang = check_lang(lang)
    if len(password) < MIN_PASSWORD:
        raise BodymapError(f"the password is too short: give at least {MIN_PASSWORD} characters")
    if db.scalar(select(User).where(User.name == name)) is not None:
        raise BodymapError(f"user {name!r} exists already")
    user = User(name=name, password_hash=hash_password(password), is_admin=admin, lang=lang)
    db.add(user)
    db.flush()
    return user


def add_user(url: str, name: str, password: str, admin: bool = False, lang: str = "en") -> None:
    """Create the user ``name`` in the database ``url`` (see :func:`create_user`).

    Raises
    ------
    BodymapError
        For a bad name, a password shorter than :data:`MIN_PASSWORD` or an existing user.
    """
    _check_name(name)
    ensure_schema(url)
    with sessions(url, immediate=True).begin() as db:
        create_user(db, name, password, admin, lang)


def disable(db: Session, user: User) -> None:
    """Disable ``user`` in the session ``db``: no more logins, sessions and tokens end now."""
    user.disabled = True
    end_sessions(db, user)


def _user(db: Session, name: str) -> User:
    user = db.scalar(select(User).where(User.name == name))
    if user is None:
        names = db.scalars(select(User.name)).all()
        from bodymap.core.errors import match_name

        match_name("user", name, names)
        raise AssertionError  # pragma: no cover - match_name raised
    return user


def issue_token(url: str, name: str) -> str:
    """A new API token of the user ``name`` (only its hash is stored: show it once)."""
    check_current(url)
    token = new_token()
    with sessions(url, immediate=True).begin() as db:
        user = _user(db, name)
        if user.disabled:
            raise BodymapError(f"user {name!r} is disabled")
        db.add(ApiToken(user_id=user.id, token_hash=hash_token(token)))
    return token


def disable_user(url: str, name: str) -> None:
    """Disable the user ``name``: no more logins; their sessions and tokens end now."""
    check_current(url)
    with sessions(url, immediate=True).begin() as db:
        disable(db, _user(db, name))


def user_count(url: str) -> int:
    """How many enabled users the database has."""
    check_current(url)
    with sessions(url)() as db:
        return int(db.scalar(select(func.count()).select_from(User).where(~User.disabled)) or 0)
