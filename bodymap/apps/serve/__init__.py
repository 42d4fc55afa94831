"""The clinic app behind ``bodymap serve``: patients, visits, intake links and the differential.

A web application (FastAPI on uvicorn, pages rendered on the server with Jinja2) that keeps a
clinic's patients, visits and pain drawings in a database (SQLAlchemy 2, Alembic migrations;
SQLite by default, PostgreSQL for a clinic's server).  A patient marks pain on their own phone
through a one-time link, with the same drawing code as ``bodymap form``; the clinician sees
the drawing beside the ranked referral patterns, the history of visits and one-click PDFs.
Everything needs ``pip install 'bodymap[serve]'``.
"""

from __future__ import annotations

import importlib.util

from bodymap.core.errors import BodymapError

__all__ = ["INSTALL_HINT", "require"]

#: The one line that says how to install the clinic app.
INSTALL_HINT = "the clinic app needs its libraries: pip install 'bodymap[serve]'"
_NEEDED = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "argon2", "jinja2", "platformdirs")


def require() -> None:
    """Check that the ``serve`` extra is installed, without importing it.

    Raises
    ------
    BodymapError
        :data:`INSTALL_HINT`, naming the first library that is missing.
    """
    for name in _NEEDED:
        if importlib.util.find_spec(name) is None:
            raise BodymapError(f"{INSTALL_HINT} ({name} is not installed)")
