"""The patient's side: ``GET/POST /intake/{token}``, the one public route that holds data.

A valid link opens the marking page of its own visit — the form of ``bodymap form`` in the
visit's language, with its scripts and styles served as static files, sending the drawing
here instead of downloading it — and nothing else.  The drawing goes through the library's
bounded reader; the link is used up by the first good drawing (201); a used or expired link
answers 410, an unknown one 404, a bad drawing 422 with the reader's one-line message.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from bodymap.apps.serve.analysis import canonical, warm
from bodymap.apps.serve.api import DRAWING_BODY, ERRORS, read_body_drawing
from bodymap.apps.serve.models import DrawingVersion, IntakeToken
from bodymap.apps.serve.pages import render_page
from bodymap.apps.serve.store import add_version, find_intake, intake_open, use_intake
from bodymap.apps.serve.web import address, audit, audit_record, database, write_audit
from bodymap.core.i18n import tr

__all__ = ["router"]

router = APIRouter()
DB = Annotated[Session, Depends(database, scope="function")]


def _link(db: Session, token: str) -> IntakeToken:
    link = find_intake(db, token)
    if link is None:
        raise HTTPException(404, "no such intake link")
    if not intake_open(link):
        raise HTTPException(410, tr("serve.intake.gone", link.visit.lang))
    return link


@router.get("/intake/{token}", response_class=HTMLResponse, responses=ERRORS)
def intake_page(token: str, request: Request, db: DB) -> HTMLResponse:
    """The marking page of the link's visit."""
    from bodymap.apps.form import make_form

    link = find_intake(db, token)
    if link is None:
        raise HTTPException(404, "no such intake link")
    if not intake_open(link):
        lang = link.visit.lang
        return render_page("gone.html", lang, 410, message=tr("serve.intake.gone", lang))
    page = make_form(
        lang=link.visit.lang, submit_url=str(request.url.path), asset_url="/static/form/"
    )
    audit(None, "open intake page", link.visit.patient, link.visit, db=db, where=address(request))
    return HTMLResponse(page)


@router.post("/intake/{token}", status_code=201, openapi_extra=DRAWING_BODY, responses=ERRORS)
async def intake_submit(token: str, request: Request) -> JSONResponse:
    """Store the patient's drawing as the visit's next version; the link is then used."""
    body = await request.body()
    return await run_in_threadpool(_submit, request, token, body)


def _submit(request: Request, token: str, body: bytes) -> JSONResponse:
    from bodymap.apps.serve.db import committed, sessions

    url = request.app.state.database_url
    with sessions(url).begin() as db:
        link = _link(db, token)  # 404 or 410 before the drawing is read
        visit, patient = link.visit, link.visit.patient
    drawing = read_body_drawing(body)
    # all that can be done before it is: the write turn is the one thing requests share
    document, where = canonical(drawing), address(request)

    def store(db: Session) -> DrawingVersion:
        if not use_intake(db, link):  # another submission won, or the link expired
            raise HTTPException(410, tr("serve.intake.gone", visit.lang))
        row = add_version(db, visit, drawing, "intake", None, document=document)
        done = f"version {row.version}"
        write_audit(db, [audit_record(None, "intake drawing", patient, visit, done, where)])
        return row

    row = committed(url, store)  # with the other requests' writes of the moment
    warm(row, patient.sex, url)  # ranked once committed
    return JSONResponse(
        {"status": "received", "message": tr("serve.intake.thanks", visit.lang)}, 201
    )
