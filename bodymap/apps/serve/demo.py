"""The demo of the clinic app (``bodymap serve --demo``, ``make serve``).

A demo clinician and one demo patient whose visit holds the iliopsoas example drawing, added
to a database that has no user yet, so that the app shows something at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from bodymap.apps.serve.accounts import add_user
from bodymap.apps.serve.analysis import read_drawing
from bodymap.apps.serve.db import ensure_schema, sessions
from bodymap.apps.serve.models import User
from bodymap.apps.serve.store import add_version, create_patient, create_visit

__all__ = ["DEMO_DRAWING", "make_demo"]

#: The example drawing of the demo visit (shipped with the package's examples).
DEMO_DRAWING = "iliopsoas-left.json"


def _example() -> bytes:
    path = Path(__file__).resolve().parents[3] / "examples" / "drawings" / DEMO_DRAWING
    if path.is_file():  # a checkout of the repository
        return path.read_bytes()
    # an installed wheel does not ship the examples: the same areas as whole regions
    return (
        b'{"type":"FeatureCollection","bodymap":{"kind":"drawing","version":1},"features":['
        b'{"type":"Feature","geometry":null,"properties":{"view":"front","region":"groin-left",'
        b'"intensity":7}},{"type":"Feature","geometry":null,"properties":{"view":"back",'
        b'"region":"lower-back-left","intensity":5}}]}'
    )


def make_demo(url: str, user: str, password: str) -> bool:
    """Add the demo clinician and patient if the database has no user; whether it did."""
    ensure_schema(url)
    with sessions(url)() as db:
        if db.scalar(select(func.count()).select_from(User)):
            return False
    add_user(url, user, password, admin=True)
    with sessions(url).begin() as db:
        patient = create_patient(db, "DEMO-001", "female", 1980, "Demo patient")
        visit = create_visit(db, patient, dt.date.today(), "en", "Groin and thigh pain (demo).")
        add_version(db, visit, read_drawing(_example()), "clinician", None)
    return True
