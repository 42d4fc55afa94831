"""User management for admins: the users page and ``/api/v1/users``.

Only a user with the admin role may list, add or disable users; a clinician gets 403 (a
page or a JSON error).  Disabling ends the user's sessions and API tokens at once, as
``bodymap users disable NAME`` does.  Every change is in the audit log.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from bodymap.apps.serve.accounts import create_user, disable
from bodymap.apps.serve.api import ERRORS
from bodymap.apps.serve.models import User
from bodymap.apps.serve.pages import render_page
from bodymap.apps.serve.web import Clinician, audit, clinician
from bodymap.core.errors import BodymapError

__all__ = ["router"]

router = APIRouter()


def admin(who: Annotated[Clinician, Depends(clinician)]) -> Clinician:
    """The signed-in user if they are an admin, else 403."""
    if not who.user.is_admin:
        raise HTTPException(403, "only an admin manages users")
    return who


Admin = Annotated[Clinician, Depends(admin)]


class UserIn(BaseModel):
    """A new user: name, password, role and language."""

    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    admin: bool = False
    lang: str = "en"


def _user_dict(user: User) -> dict[str, Any]:
    return {
        "name": user.name,
        "admin": user.is_admin,
        "disabled": user.disabled,
        "lang": user.lang,
        "created_at": user.created_at.isoformat(timespec="seconds") + "Z",
    }


def _all(who: Clinician) -> list[User]:
    return list(who.db.scalars(select(User).order_by(User.name)).all())


def _add(who: Clinician, name: str, password: str, is_admin: bool, lang: str) -> User:
    try:
        user = create_user(who.db, name, password, is_admin, lang)
    except BodymapError as exc:
        status = 409 if "exists already" in str(exc) else 422
        raise HTTPException(status, str(exc)) from None
    audit(who, "add user", detail=f"{name} ({'admin' if is_admin else 'clinician'})")
    return user


def _disable(who: Clinician, name: str) -> User:
    user = who.db.scalar(select(User).where(User.name == name))
    if user is None:
        raise HTTPException(404, f"no user {name!r}")
    disable(who.db, user)
    audit(who, "disable user", detail=name)
    return user


@router.get("/api/v1/users", responses=ERRORS)
def list_users(who: Admin) -> list[dict[str, Any]]:
    """Every user with role and state (admins only)."""
    return [_user_dict(u) for u in _all(who)]


@router.post("/api/v1/users", status_code=201, responses=ERRORS)
def add_user_api(body: UserIn, who: Admin) -> JSONResponse:
    """Add a user (admins only); 409 if the name is taken."""
    user = _add(who, body.name, body.password, body.admin, body.lang)
    return JSONResponse(_user_dict(user), status_code=201)


@router.post("/api/v1/users/{name}/disable", responses=ERRORS)
def disable_user_api(name: str, who: Admin) -> dict[str, Any]:
    """Disable a user (admins only): their sessions and tokens end now."""
    return _user_dict(_disable(who, name))


def _page(who: Clinician, status: int = 200, error: str = "") -> Response:
    return render_page("users.html", who.lang, status, who, users=_all(who), error=error)


@router.get("/users", include_in_schema=False)
def users_page(who: Admin) -> Response:
    """The users, a form to add one and a button to disable each (admins only)."""
    return _page(who)


@router.post("/users", include_in_schema=False)
def add_user_page(
    who: Admin,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    lang: Annotated[str, Form()] = "en",
    is_admin: Annotated[str, Form()] = "",
) -> Response:
    """Add a user, then show the users."""
    try:
        _add(who, name, password, bool(is_admin), lang)
    except HTTPException as exc:
        who.db.rollback()
        return _page(who, exc.status_code, str(exc.detail))
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/disable", include_in_schema=False)
def disable_user_page(name: str, who: Admin) -> Response:
    """Disable a user, then show the users."""
    _disable(who, name)
    return RedirectResponse("/users", status_code=303)
