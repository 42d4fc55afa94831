"""The clinic's records: patients, visits, drawing versions and intake links.

The API and the pages both go through these functions, so a patient made in the browser and
one made by a script are the same.  Nothing is overwritten: a drawing changed later is a new
:class:`~bodymap.apps.serve.models.DrawingVersion` with the next number.  An intake link's
token is 256 random bits, kept only as its SHA-256, used once, and expires
(:data:`INTAKE_HOURS`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from fastapi import HTTPException
from sqlalchemy import Table, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session, joinedload, make_transient_to_detached

from bodymap.apps.serve.analysis import canonical, stored_drawing, track
from bodymap.apps.serve.models import DrawingVersion, IntakeToken, Patient, Visit, utcnow
from bodymap.apps.serve.security import hash_token, new_token
from bodymap.core.choices import SEXES, check_lang
from bodymap.core.text import shown_text
from bodymap.model.drawing import Drawing

__all__ = [
    "INTAKE_HOURS",
    "add_version",
    "check_patient_fields",
    "new_intake",
    "patient_dict",
    "visit_dict",
]

#: How long an intake link stays valid, in hours.
INTAKE_HOURS = 24
MAX_CODE = 100
MAX_NAME = 200
MAX_NOTE = 5000


def _text(what: str, value: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise HTTPException(422, f"{what} is too long ({len(value)} characters; at most {limit})")
    if shown_text(value) != value:
        raise HTTPException(422, f"{what} contains control characters")
    return value


def check_patient_fields(
    code: str, sex: str | None, birth_year: int | None, display_name: str | None
) -> tuple[str, str | None, int | None, str | None]:
    """The patient's fields checked (422 naming the bad one)."""
    code = _text("id", code, MAX_CODE)
    if not code:
        raise HTTPException(422, "id: give the clinic's code of the patient")
    if sex is not None and sex not in SEXES:
        raise HTTPException(422, f"sex: {sex!r} is not one of {', '.join(SEXES)}")
    year = dt.date.today().year
    if birth_year is not None and not 1900 <= birth_year <= year:
        raise HTTPException(422, f"birth_year: {birth_year} is not between 1900 and {year}")
    name = _text("display_name", display_name, MAX_NAME) or None if display_name else None
    return code, sex, birth_year, name


def create_patient(
    db: Session, code: str, sex: str | None, birth_year: int | None, display_name: str | None
) -> Patient:
    """A new patient (409 if the code exists)."""
    code, sex, birth_year, display_name = check_patient_fields(code, sex, birth_year, display_name)
    if db.scalar(select(Patient.id).where(Patient.code == code)) is not None:
        raise HTTPException(409, f"patient {code!r} exists already")
    patient = Patient(code=code, sex=sex, birth_year=birth_year, display_name=display_name)
    db.add(patient)
    db.flush()
    return patient


def create_visit(db: Session, patient: Patient, date: dt.date, lang: str, note: str) -> Visit:
    """A new visit of ``patient``."""
    try:
        lang = check_lang(lang)
    except ValueError as exc:
        raise HTTPException(422, f"lang: {exc}") from None
    visit = Visit(patient_id=patient.id, date=date, lang=lang, note=_text("note", note, MAX_NOTE))
    db.add(visit)
    db.flush()
    return visit


def new_intake(db: Session, visit: Visit, base_url: str, hours: float = INTAKE_HOURS) -> str:
    """A fresh one-time intake link of ``visit`` (only the token's hash is stored)."""
    token = new_token()
    db.add(
        IntakeToken(
            visit_id=visit.id,
            token_hash=hash_token(token),
            expires_at=utcnow() + dt.timedelta(hours=hours),
        )
    )
    return f"{base_url.rstrip('/')}/intake/{token}"


def find_intake(db: Session, token: str) -> IntakeToken | None:
    """The intake link of ``token`` (used or not), ``None`` if there is none."""
    if not 20 <= len(token) <= 100:
        return None
    return db.scalar(
        select(IntakeToken)
        .where(IntakeToken.token_hash == hash_token(token))
        .options(joinedload(IntakeToken.visit).joinedload(Visit.patient))
    )


def intake_open(link: IntakeToken) -> bool:
    """Whether an intake link can still be used."""
    return link.used_at is None and utcnow() < link.expires_at


_VERSIONS = cast(Table, DrawingVersion.__table__)
# one statement, built once: the next number is taken and the row stored at once (a write
# turn is the one thing concurrent requests share: the less it holds, the better)
_ADD_VERSION = (
    insert(_VERSIONS)
    .values(
        version=select(func.coalesce(func.max(_VERSIONS.c.version), 0) + 1)
        .where(_VERSIONS.c.visit_id == bindparam("of_visit"))
        .scalar_subquery()
    )
    .returning(_VERSIONS.c.id, _VERSIONS.c.version)
)
_LINKS = cast(Table, IntakeToken.__table__)
_USE_INTAKE = (
    update(_LINKS)
    .where(
        _LINKS.c.id == bindparam("link"),
        _LINKS.c.used_at.is_(None),
        _LINKS.c.expires_at > bindparam("now"),
    )
    .values(used_at=bindparam("now"))
)


def use_intake(db: Session, link: IntakeToken) -> bool:
    """Mark the intake link used, unless it was used or expired meanwhile (then ``False``)."""
    done = db.connection().execute(_USE_INTAKE, {"link": link.id, "now": utcnow()})
    return bool(done.rowcount == 1)


def add_version(
    db: Session,
    visit: Visit,
    drawing: Drawing,
    source: str,
    user_id: int | None,
    document: str | None = None,
) -> DrawingVersion:
    """Store ``drawing`` as the next version of the visit's drawing.

    ``document`` is the drawing's canonical text when the caller made it already (outside
    its write turn).
    """
    text = canonical(drawing) if document is None else document
    at = utcnow()
    new_id, version = (
        db.connection()
        .execute(
            _ADD_VERSION,
            {
                "of_visit": visit.id,
                "visit_id": visit.id,
                "document": text,
                "source": source,
                "user_id": user_id,
                "created_at": at,
            },
        )
        .one()
    )
    row = DrawingVersion(
        id=new_id,
        visit_id=visit.id,
        version=version,
        document=text,
        source=source,
        user_id=user_id,
        created_at=at,
    )
    make_transient_to_detached(row)  # the stored row, known to the session without a query
    db.add(row)
    return row


def version_of(db: Session, visit: Visit, number: int | None = None) -> DrawingVersion | None:
    """Version ``number`` of the visit's drawing (the latest by default), or ``None``."""
    query = select(DrawingVersion).where(DrawingVersion.visit_id == visit.id)
    if number is None:
        query = query.order_by(DrawingVersion.version.desc()).limit(1)
    else:
        query = query.where(DrawingVersion.version == number)
    return db.scalar(query)


def version_numbers(db: Session, visit: Visit) -> list[int]:
    """The numbers of the visit's drawing versions, oldest first."""
    return list(
        db.scalars(
            select(DrawingVersion.version)
            .where(DrawingVersion.visit_id == visit.id)
            .order_by(DrawingVersion.version)
        )
    )


def previous_visit(db: Session, visit: Visit) -> Visit | None:
    """The patient's latest visit before ``visit`` (by date, then id) that has a drawing."""
    drawn = select(DrawingVersion.id).where(DrawingVersion.visit_id == Visit.id).exists()
    earlier = or_(Visit.date < visit.date, and_(Visit.date == visit.date, Visit.id < visit.id))
    return db.scalar(
        select(Visit)
        .where(Visit.patient_id == visit.patient_id, earlier, drawn)
        .order_by(Visit.date.desc(), Visit.id.desc())
        .limit(1)
    )


def visit_dict(db: Session, visit: Visit) -> dict[str, Any]:
    """A visit as the API shows it."""
    versions = db.scalars(
        select(DrawingVersion)
        .where(DrawingVersion.visit_id == visit.id)
        .order_by(DrawingVersion.version)
    ).all()
    return {
        "id": visit.id,
        "patient": visit.patient.code,
        "date": visit.date.isoformat(),
        "lang": visit.lang,
        "note": visit.note,
        "drawing_versions": [
            {
                "version": v.version,
                "source": v.source,
                "created_at": v.created_at.isoformat(timespec="seconds") + "Z",
            }
            for v in versions
        ],
    }


def patient_dict(patient: Patient) -> dict[str, Any]:
    """A patient as the API shows it (without visits)."""
    return {
        "id": patient.code,
        "display_name": patient.display_name,
        "sex": patient.sex,
        "birth_year": patient.birth_year,
        "created_at": patient.created_at.isoformat(timespec="seconds") + "Z",
    }


def track_rows(db: Session, patient: Patient) -> list[dict[str, Any]]:
    """The patient's visits in date order with extent and Jaccard with the previous drawing."""
    rows = []
    for visit in patient.visits:
        latest = version_of(db, visit)
        info = {
            "visit": visit.id,
            "date": visit.date.isoformat(),
            "version": latest.version if latest is not None else None,
        }
        drawing = stored_drawing(latest) if latest is not None else None
        rows.append((info, drawing))
    return track(rows)
