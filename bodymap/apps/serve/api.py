"""The JSON API under ``/api/v1``, for the pages' scripts and for the clinic's own scripts.

Every route needs a clinician (:func:`~bodymap.apps.serve.web.clinician`) and every read or
write of a patient's data leaves an audit record.  Drawings come in as the drawing file
format and go through the library's bounded reader; the ranking is exactly
``bodymap rank DRAWING --json``; the PDFs and the FHIR Bundle are the library's own.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from bodymap.apps.serve import analysis
from bodymap.apps.serve.models import MAX_ID, Patient, Visit
from bodymap.apps.serve.store import (
    add_version,
    create_patient,
    create_visit,
    new_intake,
    patient_dict,
    previous_visit,
    track_rows,
    version_of,
    visit_dict,
)
from bodymap.apps.serve.web import Clinician, audit, clinician, get_patient, get_visit
from bodymap.core.errors import BodymapError

__all__ = ["DRAWING_BODY", "ERRORS", "base_url", "router"]


class ErrorOut(BaseModel):
    """Every error answer: one message."""

    error: str


#: The error answers every route may give, as OpenAPI documents them.
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": meaning}
    for status, meaning in (
        (401, "Not signed in (no session or bearer token)"),
        (403, "Not allowed (a missing CSRF token, or not an admin)"),
        (404, "No such patient, visit, drawing version or pattern"),
        (409, "A conflict (the patient's code exists already)"),
        (410, "A used or expired intake link"),
        (413, "The request body is too large"),
        (422, "A bad value, named in the message"),
        (503, "The database is not available"),
    )
}


def content(media_type: str, binary: bool = False) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answer of a route whose 200 body is ``media_type`` (not JSON)."""
    schema = {"type": "string", "format": "binary"} if binary else {}
    return {200: {"content": {media_type: {"schema": schema}}, "description": "The document"}}


router = APIRouter(prefix="/api/v1", responses=ERRORS)
Who = Annotated[Clinician, Depends(clinician)]

#: The OpenAPI description of a drawing document in a request body.
DRAWING_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "A drawing document (the drawing file format of bodymap).",
                }
            }
        },
    }
}


class PatientIn(BaseModel):
    """A new patient: the clinic's pseudonymous code and optional details."""

    id: str = Field(min_length=1, max_length=100)
    display_name: str | None = Field(default=None, max_length=200)
    sex: str | None = None
    birth_year: int | None = None


class VisitIn(BaseModel):
    """A new visit: its date, the language of the patient's pages and a note."""

    date: dt.date
    lang: str = "en"
    note: str = Field(default="", max_length=5000)


def base_url(request: Request) -> str:
    """The address patients reach the app at (``--public-url``, else the request's)."""
    configured: str | None = request.app.state.public_url
    return configured or str(request.base_url).rstrip("/")


@router.get("/patients")
def list_patients(who: Who) -> list[dict[str, Any]]:
    """Every patient, by code."""
    patients = who.db.scalars(select(Patient).order_by(Patient.code)).all()
    audit(who, "list patients")
    return [patient_dict(p) for p in patients]


@router.post("/patients", status_code=201)
def add_patient(body: PatientIn, who: Who) -> JSONResponse:
    """Add a patient; 409 if the code exists."""
    patient = create_patient(who.db, body.id, body.sex, body.birth_year, body.display_name)
    audit(who, "add patient", patient)
    return JSONResponse(patient_dict(patient), status_code=201)


@router.get("/patients/{code}")
def show_patient(code: str, who: Who) -> dict[str, Any]:
    """A patient with their visits (each with its drawing versions)."""
    patient = get_patient(who, code)
    audit(who, "read patient", patient)
    return {**patient_dict(patient), "visits": [visit_dict(who.db, v) for v in patient.visits]}


@router.post("/patients/{code}/visits", status_code=201)
def add_visit(code: str, body: VisitIn, request: Request, who: Who) -> JSONResponse:
    """Add a visit; the answer holds its one-time intake link."""
    patient = get_patient(who, code)
    visit = create_visit(who.db, patient, body.date, body.lang, body.note)
    url = new_intake(who.db, visit, base_url(request))
    audit(who, "add visit", patient, visit)
    return JSONResponse({**visit_dict(who.db, visit), "intake_url": url}, status_code=201)


@router.get("/patients/{code}/track")
def patient_track(code: str, who: Who) -> list[dict[str, Any]]:
    """The patient's visits in date order with ``extent_cm2`` and ``jaccard_previous``."""
    patient = get_patient(who, code)
    audit(who, "read track", patient)
    return track_rows(who.db, patient)


@router.get("/visits/{visit_id}")
def show_visit(visit_id: int, who: Who) -> dict[str, Any]:
    """A visit with its drawing versions."""
    visit = get_visit(who, visit_id)
    audit(who, "read visit", visit.patient, visit)
    return visit_dict(who.db, visit)


@router.post("/visits/{visit_id}/intake", status_code=201)
def add_intake(visit_id: int, request: Request, who: Who) -> JSONResponse:
    """A new one-time intake link of the visit."""
    visit = get_visit(who, visit_id)
    url = new_intake(who.db, visit, base_url(request))
    audit(who, "new intake link", visit.patient, visit)
    return JSONResponse({"visit": visit.id, "intake_url": url}, status_code=201)


def read_body_drawing(body: bytes) -> Any:
    """The drawing of a request body, through the bounded reader (422 with its message)."""
    try:
        return analysis.read_drawing(body)
    except BodymapError as exc:
        raise HTTPException(422, str(exc)) from None


@router.put("/visits/{visit_id}/drawing", status_code=201, openapi_extra=DRAWING_BODY)
async def put_drawing(visit_id: int, request: Request, who: Who) -> JSONResponse:
    """Store a drawing as the visit's next version."""
    body = await request.body()
    return await run_in_threadpool(store_drawing, visit_id, body, who)


def store_drawing(visit_id: int, body: bytes, who: Clinician) -> JSONResponse:
    """Store a request body's drawing as the visit's next version (201)."""
    visit = get_visit(who, visit_id)
    drawing = read_body_drawing(body)
    row = add_version(who.db, visit, drawing, "clinician", who.user.id)
    audit(who, "write drawing", visit.patient, visit, f"version {row.version}")
    analysis.warm(row, visit.patient.sex, who.url)
    return JSONResponse({"visit": visit.id, "version": row.version}, status_code=201)


def _version(who: Clinician, visit: Visit, version: int | None) -> Any:
    row = version_of(who.db, visit, version)
    if row is None:
        what = "a drawing" if version is None else f"drawing version {version}"
        raise HTTPException(404, f"visit {visit.id} has no {what}")
    return row


@router.get(
    "/visits/{visit_id}/drawing", response_class=Response, responses=content("application/json")
)
def get_drawing(
    visit_id: int, who: Who, version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> Response:
    """The visit's drawing document (the latest version by default)."""
    visit = get_visit(who, visit_id)
    row = _version(who, visit, version)
    audit(who, "read drawing", visit.patient, visit, f"version {row.version}")
    return Response(row.document, media_type="application/json")


def rank_options(
    top: str | None, kind: str | None, by: str
) -> tuple[int | None, str, tuple[str, ...] | None]:
    """``top``, ``by`` and ``kind`` read as ``bodymap rank`` reads them (422 naming a bad one)."""
    from bodymap.core.choices import PATTERN_KINDS, RANK_MEASURES
    from bodymap.core.errors import UnknownNameError, match_name

    number = None
    if top not in (None, "all"):
        try:
            number = int(top)
        except ValueError:
            raise HTTPException(422, f"top: give a whole number or 'all', not {top!r}") from None
        if number < 1:
            raise HTTPException(422, f"top: must be at least 1, not {number}")
    try:
        measure = match_name("measure", by, RANK_MEASURES)
        kinds = None
        if kind is not None:
            items = [k.strip() for k in kind.split(",") if k.strip()]
            kinds = tuple(match_name("kind", k, PATTERN_KINDS) for k in items)
    except UnknownNameError as exc:
        raise HTTPException(422, str(exc)) from None
    return number, measure, kinds


@router.get(
    "/visits/{visit_id}/rank", response_class=Response, responses=content("application/json")
)
def rank_visit(
    visit_id: int,
    who: Who,
    top: str | None = None,
    kind: str | None = None,
    by: str = "dice",
    lang: str = "en",
    version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Response:
    """Exactly ``bodymap rank DRAWING --json`` with the same options."""
    from bodymap.core.choices import LANGUAGES

    number, by, kinds = rank_options(top, kind, by)
    if lang not in LANGUAGES:
        raise HTTPException(422, f"lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
    visit = get_visit(who, visit_id)
    row = _version(who, visit, version)
    audit(who, "read ranking", visit.patient, visit, f"version {row.version}")
    text = analysis.rank_json(row, number, by, kinds, lang)
    return Response(text, media_type="application/json")


def _pdf(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/visits/{visit_id}/handout.pdf",
    response_class=Response,
    responses=content("application/pdf", binary=True),
)
def handout_pdf(
    visit_id: int,
    who: Who,
    pattern: str = "iliopsoas",
    side: str = "left",
    lang: str | None = None,
) -> Response:
    """The patient handout of a pattern, in the visit's language unless ``lang`` says."""
    from bodymap.model.pattern import pattern_names
    from bodymap.renderers.pages import handout

    visit = get_visit(who, visit_id)
    if pattern not in pattern_names():
        raise HTTPException(404, f"no built-in pattern {pattern!r}")
    try:
        with analysis.LIBRARY:
            pdf = handout(pattern, side=side, lang=lang or visit.lang).pdf
    except (BodymapError, ValueError) as exc:
        raise HTTPException(422, str(exc)) from None
    audit(who, "download handout", visit.patient, visit, f"{pattern} {side}")
    return _pdf(pdf, f"handout-{pattern}.pdf")


@router.get(
    "/visits/{visit_id}/report.pdf",
    response_class=Response,
    responses=content("application/pdf", binary=True),
)
def report_pdf(visit_id: int, who: Who) -> Response:
    """The clinician report of the visit's drawing, against the previous visit's."""
    from bodymap.renderers.pages import report

    visit = get_visit(who, visit_id)
    row = _version(who, visit, None)
    earlier = previous_visit(who.db, visit)
    before = None
    if earlier is not None:
        old = _version(who, earlier, None)
        before = analysis.stored_drawing(old)
    drawing = analysis.stored_drawing(row)
    with analysis.LIBRARY:
        pdf = report(drawing, before=before, lang=visit.lang, date=visit.date).pdf
    audit(who, "download report", visit.patient, visit, f"version {row.version}")
    return _pdf(pdf, f"report-visit-{visit.id}.pdf")


@router.get(
    "/visits/{visit_id}/paper.pdf",
    response_class=Response,
    responses=content("application/pdf", binary=True),
)
def paper_pdf(visit_id: int, who: Who) -> Response:
    """The printable paper chart with the patient's code in its QR code."""
    from bodymap.apps.paper import make_paper

    visit = get_visit(who, visit_id)
    with analysis.LIBRARY, tempfile.TemporaryDirectory() as folder:
        try:
            page = make_paper(lang=visit.lang, subject=visit.patient.code)
        except BodymapError as exc:
            raise HTTPException(422, str(exc)) from None
        data = page.save(Path(folder) / "paper.pdf").read_bytes()
    audit(who, "download paper chart", visit.patient, visit)
    return _pdf(data, f"paper-chart-visit-{visit.id}.pdf")


@router.get(
    "/visits/{visit_id}/fhir",
    response_class=JSONResponse,
    responses=content("application/fhir+json"),
)
def fhir(visit_id: int, who: Who) -> JSONResponse:
    """The FHIR R4 Bundle of the visit's drawing (as ``bodymap fhir`` writes it)."""
    from bodymap.apps.fhir import fhir_bundle

    visit = get_visit(who, visit_id)
    row = _version(who, visit, None)
    drawing = analysis.stored_drawing(row)
    with analysis.LIBRARY:
        bundle = fhir_bundle(drawing, lang=visit.lang)
    audit(who, "download fhir", visit.patient, visit, f"version {row.version}")
    return JSONResponse(bundle, media_type="application/fhir+json")


@router.get("/export.jsonl", response_class=Response, responses=content("application/x-ndjson"))
def export_cohort(who: Who, pseudonymise: bool = False) -> Response:
    """Every visit's latest drawing as JSON Lines, the input of ``bodymap cohort``.

    Each line is the drawing file with ``bodymap.subject`` the patient's code and
    ``bodymap.recorded`` the visit's date; with ``pseudonymise=true`` the codes are replaced
    by pseudonyms made with a key drawn for this export alone (the same patient gets the same
    pseudonym within the file, and nothing links it back to the clinic's code).
    """
    import hashlib
    import hmac
    import json
    import secrets

    key = secrets.token_bytes(32)
    lines = []
    patients = who.db.scalars(select(Patient).order_by(Patient.code)).all()
    for patient in patients:
        subject = patient.code
        if pseudonymise:
            digest = hmac.new(key, patient.code.encode("utf-8"), hashlib.sha256).hexdigest()
            subject = f"S-{digest[:16]}"
        for visit in patient.visits:
            row = version_of(who.db, visit)
            if row is None:
                continue
            doc = json.loads(row.document)
            doc["bodymap"] = {
                **doc["bodymap"],
                "subject": subject,
                "recorded": visit.date.isoformat(),
            }
            lines.append(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    audit(who, "export cohort", detail=f"{len(lines)} drawings, pseudonymised={pseudonymise}")
    return Response(
        "".join(line + "\n" for line in lines),
        media_type="application/x-ndjson",
        headers={"content-disposition": 'attachment; filename="cohort.jsonl"'},
    )
