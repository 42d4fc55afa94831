"""The clinician's pages, rendered on the server with Jinja2 (English or Dutch per user).

Login and logout, the patients list, a patient's timeline, a visit with its drawing, measures,
ranking (red flags first), figures and downloads, and the atlas.  Figures are SVG files of
their own (``<img>``), made by the library's renderers; every page form carries the session's
CSRF token; every page that shows a patient's data leaves an audit record.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from bodymap.apps.serve import analysis
from bodymap.apps.serve.api import DRAWING_BODY, base_url, rank_options, store_drawing
from bodymap.apps.serve.models import MAX_ID, DrawingVersion, Patient, Visit
from bodymap.apps.serve.security import (
    check_login,
    find_session,
    login_blocked,
    record_failure,
    start_session,
)
from bodymap.apps.serve.store import (
    add_version,
    create_patient,
    create_visit,
    new_intake,
    previous_visit,
    track_rows,
    version_numbers,
    version_of,
)
from bodymap.apps.serve.web import (
    COOKIE,
    Clinician,
    address,
    audit,
    clinician,
    database,
    get_visit,
)
from bodymap.core.choices import LANGUAGES, PATTERN_KINDS, SEXES
from bodymap.core.i18n import format_date, format_number, strings

__all__ = ["render_page", "router"]

router = APIRouter(include_in_schema=False)
Who = Annotated[Clinician, Depends(clinician)]
DB = Annotated[Session, Depends(database, scope="function")]
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
#: How many ranked pattern sides the visit page lists.
RANK_SHOWN = analysis.VIEW_SHOWN


def render_page(
    name: str, lang: str, status: int = 200, who: Clinician | None = None, **fields: Any
) -> HTMLResponse:
    """A page from template ``name`` in ``lang``."""
    page = _ENV.get_template(name).render(
        t=_strings(lang),
        lang=lang,
        langs=LANGUAGES,
        user=who.user if who is not None else None,
        csrf=who.csrf if who is not None else "",
        num=lambda v, spec=",.1f": format_number(v, lang, spec),
        day=lambda d: format_date(d, lang),
        **fields,
    )
    return HTMLResponse(page, status_code=status)


@cache
def _strings(lang: str) -> Mapping[str, str]:
    return MappingProxyType(strings("serve.", lang))


def _ranking_rows(
    visit: Visit, row: DrawingVersion, ranking: dict[str, Any], view: tuple[Any, ...], lang: str
) -> Markup:
    """The ranking table's rows (made once per stored version, view and language)."""

    def make() -> str:
        return _ENV.get_template("ranking_rows.html").render(
            t=_strings(lang),
            num=lambda v, spec=",.1f": format_number(v, lang, spec),
            visit_id=visit.id,
            version=row.version,
            ranking=ranking,
        )

    key = ("ranking rows", analysis.version_key(row), visit.id, *view, lang)
    return Markup(analysis.page_part(key, make))  # made by the template above


def _svg(text: str) -> Response:
    return Response(text, media_type="image/svg+xml")


# --- login -------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, lang: str = "en") -> HTMLResponse:
    """The login form."""
    return render_page("login.html", lang if lang in LANGUAGES else "en")


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: DB,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    """Check the password; on success a new session and the patients list."""
    where = address(request)
    if login_blocked(db, username, where):
        return render_page("login.html", "en", 429, error="blocked")
    user = check_login(db, username, password)
    if user is None:
        record_failure(db, username, where)
        return render_page("login.html", "en", 401, error="failed")
    old = request.cookies.get(COOKIE)
    if old:
        row = find_session(db, old)
        if row is not None:
            row.ended_at = row.last_seen
    token, _ = start_session(db, user)
    response = RedirectResponse("/patients", status_code=303)
    secure = request.url.scheme == "https" or bool(request.app.state.https_only)
    response.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=secure, path="/")
    return response


@router.post("/logout")
def logout(who: Who) -> Response:
    """End the session."""
    if who.session is not None:
        who.session.ended_at = who.session.last_seen
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.post("/settings/lang")
def set_lang(
    who: Who, lang: Annotated[str, Form()], back: Annotated[str, Form()] = "/"
) -> Response:
    """Set the user's language."""
    if lang in LANGUAGES:
        who.user.lang = lang
    target = back if back.startswith("/") and not back.startswith("//") else "/"
    return RedirectResponse(target, status_code=303)


# --- patients -----------------------------------------------------------------------------


@router.get("/")
def home(who: Who) -> Response:
    """The patients list."""
    return RedirectResponse("/patients", status_code=303)


def _patients_page(who: Clinician, status: int = 200, error: str = "") -> HTMLResponse:
    patients = who.db.scalars(select(Patient).order_by(Patient.code)).all()
    audit(who, "list patients")
    return render_page(
        "patients.html", who.lang, status, who, patients=patients, sexes=SEXES, error=error
    )


@router.get("/patients", response_class=HTMLResponse)
def patients_page(who: Who) -> HTMLResponse:
    """Every patient, and the form to add one."""
    return _patients_page(who)


@router.post("/patients")
def add_patient_page(
    who: Who,
    code: Annotated[str, Form(max_length=200)],
    display_name: Annotated[str, Form(max_length=400)] = "",
    sex: Annotated[str, Form()] = "",
    birth_year: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Add a patient, then show their page."""
    try:
        year = int(birth_year) if birth_year.strip() else None
    except ValueError:
        return _patients_page(who, 422, f"birth_year: {birth_year!r} is not a year")
    try:
        patient = create_patient(who.db, code, sex or None, year, display_name or None)
    except HTTPException as exc:
        who.db.rollback()
        return _patients_page(who, exc.status_code, str(exc.detail))
    audit(who, "add patient", patient)
    return RedirectResponse(f"/patients/{patient.id}", status_code=303)


def _patient_by_id(who: Clinician, patient_id: int) -> Patient:
    patient = who.db.get(Patient, patient_id) if 0 < patient_id <= MAX_ID else None
    if patient is None:
        raise HTTPException(404, f"no patient {patient_id}")
    return patient


@router.get("/patients/{patient_id}", response_class=HTMLResponse)
def patient_page(patient_id: int, who: Who) -> HTMLResponse:
    """A patient's visits on a timeline: thumbnails, extent over time, Jaccard."""
    patient = _patient_by_id(who, patient_id)
    audit(who, "read patient", patient)
    rows = track_rows(who.db, patient)
    extents = [(r["date"], r["extent_cm2"]) for r in rows if r["extent_cm2"] is not None]
    return render_page(
        "patient.html",
        who.lang,
        who=who,
        patient=patient,
        rows=rows,
        visits={v.id: v for v in patient.visits},
        plot=_extent_plot(extents),
        today=dt.date.today().isoformat(),
    )


def _extent_plot(points: list[tuple[str, float]]) -> dict[str, Any] | None:
    """The extent-over-time plot as polyline points in a 300 x 80 box."""
    if len(points) < 2:
        return None
    top = max(v for _, v in points) or 1.0
    step = 280 / (len(points) - 1)
    xy = [(10 + i * step, 70 - 60 * v / top) for i, (_, v) in enumerate(points)]
    return {
        "line": " ".join(f"{x:.1f},{y:.1f}" for x, y in xy),
        "dots": [(x, y, d, v) for (x, y), (d, v) in zip(xy, points)],
        "top": top,
    }


@router.post("/patients/{patient_id}/visits", response_class=HTMLResponse)
def add_visit_page(
    patient_id: int,
    request: Request,
    who: Who,
    date: Annotated[str, Form(max_length=20)],
    lang: Annotated[str, Form(max_length=8)] = "en",
    note: Annotated[str, Form(max_length=5000)] = "",
) -> HTMLResponse:
    """Add a visit and show its page with a fresh intake link."""
    patient = _patient_by_id(who, patient_id)
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise HTTPException(422, f"date: {date!r} is not a date (YYYY-MM-DD)") from None
    visit = create_visit(who.db, patient, day, lang, note)
    audit(who, "add visit", patient, visit)
    url = new_intake(who.db, visit, base_url(request))
    return _visit_page(who, visit, intake=url)


# --- visits -------------------------------------------------------------------------------


def _qr_data_uri(text: str) -> str:
    import io

    import segno

    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _visit_page(
    who: Clinician,
    visit: Visit,
    intake: str | None = None,
    version: int | None = None,
    pattern: str | None = None,
    side: str = "left",
    kinds: tuple[str, ...] | None = None,
    by: str = "dice",
) -> HTMLResponse:
    audit(who, "read visit", visit.patient, visit)
    latest = version_of(who.db, visit)
    row = latest if version is None else version_of(who.db, visit, version)
    ranking: dict[str, Any] | None = None
    measures: dict[str, Any] | None = None
    ranking_rows = Markup()
    if row is not None:
        view = (by, kinds, visit.patient.sex, RANK_SHOWN)
        ranking, measures = analysis.ranking_view(row, *view[:3], who.lang, RANK_SHOWN, db=who.db)
        ranking_rows = _ranking_rows(visit, row, ranking, view, who.lang)
    earlier = previous_visit(who.db, visit)
    return render_page(
        "visit.html",
        who.lang,
        who=who,
        visit=visit,
        patient=visit.patient,
        row=row,
        latest=latest,
        versions=version_numbers(who.db, visit),
        ranking=ranking,
        ranking_rows=ranking_rows,
        measures=measures,
        earlier=earlier,
        intake=intake,
        qr=_qr_data_uri(intake) if intake else None,
        pattern=pattern,
        side=side,
        kind=",".join(kinds or ()),
        by=by,
        kinds=PATTERN_KINDS,
        schemes=_schemes(),
    )


def _schemes() -> list[str]:
    from bodymap.model.scheme import scheme_names

    return list(scheme_names())


@router.get("/visits/{visit_id}", response_class=HTMLResponse)
def visit_page(
    visit_id: int,
    who: Who,
    version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    pattern: str | None = None,
    side: str = "left",
    kind: str | None = None,
    by: str = "dice",
) -> HTMLResponse:
    """A visit: the drawing, its measures, the ranking, figures and downloads."""
    _, by, kinds = rank_options(None, kind or None, by)
    if pattern is not None:
        _pattern_side(pattern, side)
    visit = get_visit(who, visit_id)
    return _visit_page(who, visit, None, version, pattern, side, kinds, by)


@router.post("/visits/{visit_id}/intake", response_class=HTMLResponse)
def new_intake_page(visit_id: int, request: Request, who: Who) -> HTMLResponse:
    """The visit page with a new one-time intake link and its QR code."""
    visit = get_visit(who, visit_id)
    url = new_intake(who.db, visit, base_url(request))
    audit(who, "new intake link", visit.patient, visit)
    return _visit_page(who, visit, intake=url)


def _pattern_side(pattern: str, side: str) -> None:
    from bodymap.model.pattern import load_pattern, pattern_names

    if pattern not in pattern_names():
        raise HTTPException(404, f"no built-in pattern {pattern!r}")
    with analysis.LIBRARY:
        sides = load_pattern(pattern).sides
    if side not in sides:
        raise HTTPException(422, f"side: {side!r} is not a side of {pattern}")


@router.get("/visits/{visit_id}/draw", response_class=HTMLResponse)
def draw_page(visit_id: int, who: Who) -> HTMLResponse:
    """The drawing tools over the visit's latest drawing; sending makes a new version."""
    from bodymap.apps.form import make_form

    visit = get_visit(who, visit_id)
    row = version_of(who.db, visit)
    audit(who, "open drawing tools", visit.patient, visit)
    drawing = analysis.stored_drawing(row) if row is not None else None
    with analysis.LIBRARY:
        page = make_form(
            lang=who.lang,
            drawing=drawing,
            submit_url=f"/visits/{visit.id}/drawing",
            asset_url="/static/form/",
            submit_headers={"X-CSRF-Token": who.csrf},
        )
    return HTMLResponse(page)


@router.post("/visits/{visit_id}/drawing", status_code=201, openapi_extra=DRAWING_BODY)
async def post_drawing(visit_id: int, request: Request, who: Who) -> Response:
    """Store the clinician's drawing (from the drawing tools) as the visit's next version."""
    body = await request.body()
    return await run_in_threadpool(store_drawing, visit_id, body, who)


@router.post("/visits/{visit_id}/codes")
def import_codes(
    visit_id: int,
    who: Who,
    codes: Annotated[str, Form(max_length=2000)],
    scheme: Annotated[str, Form(max_length=40)] = "choir",
) -> Response:
    """A drawing made from region codes (CHOIR Body Map ids, ...) as the visit's next version."""
    from bodymap.core.errors import BodymapError
    from bodymap.model.scheme import from_codes, scheme_names

    visit = get_visit(who, visit_id)
    if scheme not in scheme_names():
        raise HTTPException(422, f"scheme: {scheme!r} is not one of {', '.join(scheme_names())}")
    try:
        with analysis.LIBRARY:
            drawing = from_codes(codes, scheme, sex=visit.patient.sex)
    except (BodymapError, ValueError) as exc:
        raise HTTPException(422, str(exc)) from None
    row = add_version(who.db, visit, drawing, "codes", who.user.id)
    audit(who, "write drawing from codes", visit.patient, visit, f"version {row.version}")
    analysis.warm(row, visit.patient.sex, who.url)
    return RedirectResponse(f"/visits/{visit.id}", status_code=303)


#: The files a photo or scan of a paper chart may be.
SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf")


@router.post("/visits/{visit_id}/scan")
async def upload_scan(visit_id: int, request: Request, who: Who) -> Response:
    """A photo or scan of the visit's paper chart, read by ``bodymap scan``'s reader."""
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("photo")
    if upload is None or isinstance(upload, str):
        raise HTTPException(422, "photo: choose the photo or scan of the paper chart")
    name = Path(upload.filename or "photo").name
    data = await upload.read()
    return await run_in_threadpool(_read_scan, visit_id, name, data, who)


def _read_scan(visit_id: int, name: str, data: bytes, who: Clinician) -> Response:
    import tempfile

    from bodymap.apps.scan import load_pages, read_page
    from bodymap.core.errors import BodymapError

    visit = get_visit(who, visit_id)
    suffix = Path(name).suffix.lower()
    if suffix not in SCAN_SUFFIXES:
        raise HTTPException(422, f"photo: {name!r} is not one of {', '.join(SCAN_SUFFIXES)}")
    try:
        with analysis.LIBRARY, tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(data)
            _, image = next(iter(load_pages(path)))
            if isinstance(image, BodymapError):
                raise image
            drawing = read_page(image, source=name)
    except (BodymapError, StopIteration) as exc:
        message = str(exc).replace(str(path), name) if str(exc) else "no page in the file"
        raise HTTPException(422, message) from None
    row = add_version(who.db, visit, drawing, "scan", who.user.id)
    audit(who, "write drawing from scan", visit.patient, visit, f"version {row.version}")
    analysis.warm(row, visit.patient.sex, who.url)
    return RedirectResponse(f"/visits/{visit.id}", status_code=303)


@router.get("/visits/{visit_id}/drawing.svg")
def drawing_svg(
    visit_id: int,
    who: Who,
    version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    pattern: str | None = None,
    side: str = "left",
) -> Response:
    """The visit's drawing on the chart, or over a pattern (the overlay)."""
    from bodymap.renderers.diagram import render

    visit = get_visit(who, visit_id)
    row = version_of(who.db, visit, version)
    if row is None:
        raise HTTPException(404, "no drawing")
    if pattern is not None:
        _pattern_side(pattern, side)
    audit(who, "read drawing figure", visit.patient, visit, f"version {row.version}")
    drawing = analysis.stored_drawing(row)
    lang = who.lang
    return _svg(
        analysis.figure_svg(
            ("drawing", row.id, pattern, side, lang),
            lambda: render(pattern, side=side, lang=lang, drawing=drawing).to_svg(),
        )
    )


@router.get("/visits/{visit_id}/differential.svg")
def differential_svg(visit_id: int, who: Who) -> Response:
    """The differential figure: the drawing and its best-fitting pattern sides."""
    from bodymap.renderers.diagram import differential

    visit = get_visit(who, visit_id)
    row = version_of(who.db, visit)
    if row is None:
        raise HTTPException(404, "no drawing")
    audit(who, "read differential", visit.patient, visit, f"version {row.version}")
    lang = who.lang
    full = analysis.ranking(row, sex=visit.patient.sex)
    drawing = analysis.stored_drawing(row)
    return _svg(
        analysis.figure_svg(
            ("differential", row.id, lang),
            lambda: differential(drawing, lang=lang, ranking=full).to_svg(),
        )
    )


@router.get("/visits/{visit_id}/change.svg")
def change_svg(visit_id: int, who: Who) -> Response:
    """The previous visit's drawing and this one, in two colours on one chart."""
    from bodymap.renderers.diagram import render

    visit = get_visit(who, visit_id)
    row = version_of(who.db, visit)
    earlier = previous_visit(who.db, visit)
    old = version_of(who.db, earlier) if earlier is not None else None
    if row is None or old is None:
        raise HTTPException(404, "no two drawings to compare")
    audit(who, "read change figure", visit.patient, visit)
    pair = [
        analysis.stored_drawing(old),
        analysis.stored_drawing(row),
    ]
    lang = who.lang
    return _svg(
        analysis.figure_svg(
            ("change", old.id, row.id, lang),
            lambda: render(None, lang=lang, drawing=pair).to_svg(),
        )
    )


# --- atlas --------------------------------------------------------------------------------


@router.get("/atlas", response_class=HTMLResponse)
def atlas_page(who: Who, q: str = "", kind: str = "") -> HTMLResponse:
    """Every built-in pattern, searchable by name, kind or body area."""
    from bodymap.model.pattern import load_pattern, pattern_names

    words = q.strip().lower()[:100]
    found = []
    with analysis.LIBRARY:
        patterns = [load_pattern(name) for name in pattern_names()]
    for p in patterns:
        name = p.name
        if kind and p.kind != kind:
            continue
        text = " ".join(
            [name, p.kind, *p.names.values(), *p.summary.values()]
            + [z for zone in p.zones() for z in zone.names.values()]
        ).lower()
        if words and not all(w in text for w in words.split()):
            continue
        found.append(p)
    return render_page(
        "atlas.html", who.lang, who=who, patterns=found, q=q, kind=kind, kinds=PATTERN_KINDS
    )


@router.get("/atlas/{name}", response_class=HTMLResponse)
def atlas_pattern(name: str, who: Who) -> HTMLResponse:
    """One pattern: its figure, summary, sources and revisions."""
    from bodymap.model.pattern import load_pattern, pattern_names

    if name not in pattern_names():
        raise HTTPException(404, f"no built-in pattern {name!r}")
    with analysis.LIBRARY:
        p = load_pattern(name)
    return render_page(
        "pattern.html", who.lang, who=who, p=p, revisions=p.meta.get("revisions") or []
    )


@router.get("/atlas/{name}.svg")
def atlas_svg(name: str, who: Who, side: str = "left") -> Response:
    """A pattern's figure."""
    from bodymap.renderers.diagram import render

    _pattern_side(name, side)
    lang = who.lang
    return _svg(
        analysis.figure_svg(
            ("pattern", name, side, lang), lambda: render(name, side=side, lang=lang).to_svg()
        )
    )
