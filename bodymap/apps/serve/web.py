"""What every route of the clinic app shares: the database session, who is asking, the audit.

:func:`clinician` is the dependency of every route that needs a clinician: it finds the user
from the session cookie or from an ``Authorization: Bearer`` token and otherwise raises
:class:`NotSignedIn` (401 JSON for the API, a redirect to the login page for pages).  A
state-changing request that came with a session cookie must carry the session's CSRF token
(the ``X-CSRF-Token`` header or the ``csrf`` form field), else 403; a bearer token needs
none.  :func:`audit` adds a record of a read or write of a patient's data to the request's
transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, cast

from fastapi import Depends, HTTPException, Request
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, joinedload

from bodymap.apps.serve.db import committed, sessions, write_lock
from bodymap.apps.serve.models import (
    MAX_ID,
    AuditEntry,
    Patient,
    User,
    UserSession,
    Visit,
    utcnow,
)
from bodymap.apps.serve.security import find_session, find_token_user

__all__ = [
    "COOKIE",
    "Clinician",
    "NotSignedIn",
    "audit",
    "audit_record",
    "clinician",
    "database",
    "write_audit",
]

#: The session cookie's name.
COOKIE = "bodymap_session"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class NotSignedIn(Exception):
    """The request carries no valid session or token."""


def database(request: Request) -> Iterator[Session]:
    """The request's database session: committed when the route succeeds.

    On SQLite a request that changes data holds the write lock (first this process's turn,
    :func:`~bodymap.apps.serve.db.write_lock`, then SQLite's) from its start to its commit.
    A request that only reads (GET) writes just its audit records: its reading transaction
    ends first and the records are written in a short transaction of their own, so readers
    never hold the write lock while a page is made, and a busy clinic loses no audit record.
    """
    url = request.app.state.database_url
    sqlite = url.startswith("sqlite")
    reads = request.method in _SAFE and sqlite
    # a SQLite change waits for the write lock from its first statement on (see db.sessions)
    with (
        nullcontext() if reads or not sqlite else write_lock(url),
        sessions(url, immediate=sqlite and not reads)() as db,
    ):
        db.autoflush = not reads  # a read's audit records are written at the end, together
        yield db
        if not reads:
            db.commit()
            return
        records = [
            {c.key: getattr(row, c.key) for c in AuditEntry.__table__.columns if c.key != "id"}
            for row in db.new
            if isinstance(row, AuditEntry)
        ]
        db.rollback()
    if records:
        committed(url, partial(write_audit, records=records))


async def csrf_given(request: Request) -> str | None:
    """The CSRF token the request carries (header, else the ``csrf`` form field)."""
    header = request.headers.get("x-csrf-token")
    if header is not None or request.method in _SAFE:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf")
        return value if isinstance(value, str) else None
    return None


def address(request: Request) -> str:
    """The client's address as the server sees it."""
    return request.client.host if request.client is not None else ""


@dataclass
class Clinician:
    """Who is asking: the user, their session (``None`` for a bearer token) and the database."""

    user: User
    session: UserSession | None
    db: Session
    address: str
    url: str | None = None  # the database's URL (None: not known, nothing is stored later)

    @property
    def csrf(self) -> str:
        """The session's CSRF token (empty for a bearer token)."""
        return self.session.csrf if self.session is not None else ""

    @property
    def lang(self) -> str:
        """The user's language."""
        return self.user.lang


def signed_in(request: Request, db: Session) -> tuple[User, UserSession | None] | None:
    """The user of the request's bearer token or session cookie, if any."""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        user = find_token_user(db, auth[7:].strip())
        return None if user is None else (user, None)
    cookie = request.cookies.get(COOKIE)
    if cookie:
        row = find_session(db, cookie)
        if row is not None:
            return row.user, row
    return None


def clinician(
    request: Request,
    db: Annotated[Session, Depends(database, scope="function")],
    csrf: Annotated[str | None, Depends(csrf_given)],
) -> Clinician:
    """The signed-in clinician (see the module); raises :class:`NotSignedIn` or 403."""
    found = signed_in(request, db)
    if found is None:
        db.commit()  # an idle session ended: keep that
        raise NotSignedIn
    user, row = found
    if row is not None and request.method not in _SAFE and csrf != row.csrf:
        raise HTTPException(403, "missing or wrong CSRF token")
    return Clinician(user, row, db, address(request), request.app.state.database_url)


def audit_record(
    who: Clinician | None,
    action: str,
    patient: Patient | None = None,
    visit: Visit | None = None,
    detail: str = "",
    where: str = "",
) -> dict[str, Any]:
    """The audit record of a read or write of a patient's data, as the table's columns."""
    return {
        "at": utcnow(),
        "user_name": who.user.name if who is not None else "patient (intake link)",
        "action": action,
        "patient_code": patient.code if patient is not None else None,
        "visit_id": visit.id if visit is not None else None,
        "address": (who.address if who is not None else where)[:64],
        "detail": detail[:2000],
    }


def write_audit(db: Session, records: list[dict[str, Any]]) -> None:
    """Add audit records (:func:`audit_record`) to the transaction of ``db`` in one statement."""
    db.connection().execute(insert(cast(Table, AuditEntry.__table__)), records)


def audit(
    who: Clinician | None,
    action: str,
    patient: Patient | None = None,
    visit: Visit | None = None,
    detail: str = "",
    db: Session | None = None,
    where: str = "",
) -> None:
    """Record a read or write of a patient's data in the request's transaction."""
    session = who.db if who is not None else db
    assert session is not None
    session.add(AuditEntry(**audit_record(who, action, patient, visit, detail, where)))


def get_patient(who: Clinician, code: str) -> Patient:
    """The patient with the clinic's code ``code``, else 404."""
    patient = who.db.scalar(select(Patient).where(Patient.code == code))
    if patient is None:
        raise HTTPException(404, f"no patient {code!r}")
    return patient


def get_visit(who: Clinician, visit_id: int) -> Visit:
    """The visit ``visit_id``, else 404."""
    visit = (
        who.db.get(Visit, visit_id, options=[joinedload(Visit.patient)])
        if 0 < visit_id <= MAX_ID
        else None
    )
    if visit is None:
        raise HTTPException(404, f"no visit {visit_id}")
    return visit


def json_error(message: Any) -> dict[str, Any]:
    """The body of every JSON error: ``{"error": MESSAGE}``."""
    return {"error": message}
