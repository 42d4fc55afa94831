"""The clinic app: :func:`create_app` builds the ASGI application, :func:`run` serves it.

Routes are public (the login page, the static files, the OpenAPI schema and a valid intake
link) or need a clinician (everything else): without a session or token an ``/api/v1`` route
answers 401 with a JSON error and a page redirects to the login.  Every answer goes through
:class:`~bodymap.apps.serve.guard.Guard` (security headers, body limit).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bodymap.apps.serve import admin, analysis, api, intake, pages
from bodymap.apps.serve.guard import BODY_LIMIT, Guard
from bodymap.apps.serve.web import NotSignedIn, json_error
from bodymap.core.i18n import tr

__all__ = ["PUBLIC_ROUTES", "create_app", "registered_routes", "static_files"]

STATIC = Path(__file__).resolve().parent / "static"

#: The routes open without a session or token (path templates); every other route needs one.
PUBLIC_ROUTES = frozenset(
    {"/login", "/static/{name:path}", "/intake/{token}", "/api/v1/openapi.json"}
)


@cache
def static_files() -> dict[str, tuple[bytes, str]]:
    """The static files by name: the app's own and the form's script and style sheet."""
    from bodymap.apps.form import form_assets

    kinds = {".css": "text/css", ".js": "text/javascript"}
    files = {
        p.name: (p.read_bytes(), kinds[p.suffix]) for p in STATIC.iterdir() if p.suffix in kinds
    }
    for name, text in form_assets().items():
        files[f"form/{name}"] = (text.encode("utf-8"), kinds[Path(name).suffix])
    return files


def registered_routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path template) the FastAPI ``app`` of :func:`create_app` answers."""
    found: list[tuple[str, str]] = []
    for route in [*app.routes, *(r for router in app.state.routers for r in router.routes)]:
        path = getattr(route, "path", None)
        for method in sorted(getattr(route, "methods", None) or ()):
            if path is not None and method != "HEAD":
                found.append((method, path))
    return found


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or (path.startswith("/intake/") and request.method != "GET")


def _error(request: Request, status: int, message: Any, headers: Any = None) -> Response:
    """An error as JSON ``{"error": ...}`` for the API and scripts, else as a page."""
    if _wants_json(request):
        return JSONResponse(json_error(message), status, headers=headers)
    page = pages.render_page("error.html", "en", status, message=str(message))
    page.headers.update(headers or {})
    return page


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At the app's shutdown, stop the ranking worker process (its queued work is dropped)."""
    yield
    analysis.stop()


def _start() -> None:
    analysis.warm_up()
    analysis.start()


def create_app(
    database_url: str,
    public_url: str | None = None,
    body_limit: int = BODY_LIMIT,
    https_only: bool = False,
    warm_up: bool = True,
) -> Any:
    """The clinic app as an ASGI application.

    Parameters
    ----------
    database_url
        The database (a SQLAlchemy URL), upgraded to the newest schema beforehand.
    public_url
        The address patients reach the app at, for intake links (default: the address of
        the request that made the link).
    body_limit
        The largest request body accepted, in bytes.
    https_only
        Mark the session cookie ``Secure`` even when the app itself sees plain HTTP (behind
        a proxy that terminates TLS).
    warm_up
        Load the atlas in a background thread at once and start the ranking worker process
        (:func:`bodymap.apps.serve.analysis.warm`).

    Returns
    -------
    Guard
        The ASGI application (the FastAPI app is its ``app`` attribute).

    Notes
    -----
    New drawings are ranked in a worker process started with :mod:`multiprocessing`'s
    ``spawn`` method, which imports the main module again: a script that builds the app must
    do so under ``if __name__ == "__main__":``, as for any program that starts processes.
    ``bodymap serve`` does.
    """
    app = FastAPI(
        title="bodymap clinic",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.database_url = database_url
    app.state.public_url = public_url
    app.state.https_only = https_only

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        if _wants_json(request):
            return JSONResponse(json_error("sign in first (session or bearer token)"), 401)
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _error(request, 422, problems)

    @app.exception_handler(IntegrityError)
    async def conflict(request: Request, exc: IntegrityError) -> Response:
        message = "the change conflicts with another one made at the same time; try again"
        return _error(request, 409, message)

    async def database_down(request: Request, exc: Exception) -> Response:
        return _error(request, 503, tr("serve.unavailable", "en"), {"retry-after": "30"})

    for kind in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(kind, database_down)

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str) -> Response:
        found = static_files().get(name)
        if found is None:
            raise HTTPException(404, "no such file")
        return Response(
            found[0], media_type=found[1], headers={"cache-control": "public, max-age=3600"}
        )

    app.state.routers = (api.router, intake.router, pages.router, admin.router)
    for router in app.state.routers:
        app.include_router(router)
    if warm_up:
        threading.Thread(target=_start, daemon=True).start()
    guarded = Guard(app, body_limit)
    return guarded
