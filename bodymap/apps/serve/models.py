"""The clinic app's tables as typed SQLAlchemy 2 ORM classes.

Users, their API tokens and login sessions (hashes only, never the secrets themselves),
patients with their visits, the drawing versions of a visit (append-only: a changed drawing
is a new version with the next number), one-time intake links (a hash of the token, an expiry
and the moment it was used), the audit log (append-only: who, when, what, which patient, from
which address) and the login attempts that the rate limit counts.  All state lives here, in
the database, so that several server processes share it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "MAX_ID",
    "ApiToken",
    "AuditEntry",
    "Base",
    "DrawingVersion",
    "IntakeToken",
    "LoginAttempt",
    "Patient",
    "RankView",
    "User",
    "UserSession",
    "Visit",
    "utcnow",
]

#: Constraint names the same on every database (Alembic compares them).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The largest row id (a 32-bit integer column on every database); a larger one finds nothing.
MAX_ID = 2**31 - 1


def utcnow() -> dt.datetime:
    """The current time in UTC, without a time zone (how every timestamp is stored)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    """The declarative base: the metadata Alembic's migrations are checked against."""

    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    """A clinician (or an admin, who also manages users)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    lang: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ApiToken(Base):
    """A bearer token for scripts; only the SHA-256 of the token is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class UserSession(Base):
    """A login session; the cookie holds a random id whose SHA-256 is kept here."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    user: Mapped[User] = relationship(lazy="joined")


class Patient(Base):
    """A patient under the clinic's own pseudonymous code."""

    __tablename__ = "patients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sex: Mapped[str | None] = mapped_column(String(16), nullable=True)
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    visits: Mapped[list[Visit]] = relationship(
        back_populates="patient", order_by="(Visit.date, Visit.id)"
    )


class Visit(Base):
    """A visit of a patient: a date, the language of its pages and a note."""

    __tablename__ = "visits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    lang: Mapped[str] = mapped_column(String(8), default="en")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    patient: Mapped[Patient] = relationship(back_populates="visits")
    versions: Mapped[list[DrawingVersion]] = relationship(
        back_populates="visit", order_by="DrawingVersion.version"
    )


class DrawingVersion(Base):
    """One version of a visit's drawing (the drawing document as JSON text); never changed."""

    __tablename__ = "drawing_versions"
    __table_args__ = (UniqueConstraint("visit_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    visit: Mapped[Visit] = relationship(back_populates="versions")


class RankView(Base):
    """What the visit page shows of a stored version's ranking, for one sex and language.

    Made once by a ranking worker and read by every server worker: derived data, never
    changed (``sex`` is ``""`` for none).
    """

    __tablename__ = "rank_views"
    __table_args__ = (UniqueConstraint("version_id", "sex", "lang"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("drawing_versions.id", ondelete="CASCADE"), index=True
    )
    sex: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str] = mapped_column(String(8))
    view: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class IntakeToken(Base):
    """A one-time intake link of a visit: the SHA-256 of its token, expiry and use."""

    __tablename__ = "intake_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    visit: Mapped[Visit] = relationship()


class AuditEntry(Base):
    """One read or write of a patient's data: who, when, what, which patient, from where."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    patient_code: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    visit_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class LoginAttempt(Base):
    """A failed login, counted by the rate limit per account and per address."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_at_name", "at", "username"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))
