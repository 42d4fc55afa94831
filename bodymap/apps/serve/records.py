"""The clinic's records seen from outside the app: the audit log and consistent backups.

:func:`audit_entries` reads the append-only audit log (who, when, what, which patient, from
where), for ``bodymap audit``.  :func:`backup` copies the database while the app serves:
SQLite through its online backup API (a consistent snapshot, taken page by page without
stopping writers for long); PostgreSQL through ``pg_dump`` (one transaction, so one
consistent snapshot), written in its custom format for ``pg_restore``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url

from bodymap.apps.serve.db import check_current, sessions, shown_url
from bodymap.apps.serve.models import AuditEntry
from bodymap.core.errors import BodymapError

__all__ = ["AUDIT_FIELDS", "audit_entries", "backup"]

#: The fields of an audit record, in the order ``bodymap audit`` prints them.
AUDIT_FIELDS = ("at", "user", "action", "patient", "visit", "address", "detail")


def audit_entries(url: str, patient: str | None = None) -> list[dict[str, Any]]:
    """The audit log, oldest first; only the records of ``patient`` (the clinic's code) if given.

    Parameters
    ----------
    url
        The database URL.
    patient
        A patient's code, or ``None`` for every record.

    Returns
    -------
    list of dict
        One dict per record with the keys of :data:`AUDIT_FIELDS` (``at`` in ISO 8601 UTC).
    """
    check_current(url)
    query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
    if patient is not None:
        query = query.where(AuditEntry.patient_code == patient)
    with sessions(url)() as db:
        rows = db.scalars(query).all()
    return [
        {
            "at": row.at.isoformat(timespec="seconds") + "Z",
            "user": row.user_name,
            "action": row.action,
            "patient": row.patient_code,
            "visit": row.visit_id,
            "address": row.address,
            "detail": row.detail,
        }
        for row in rows
    ]


def _pg_dump() -> str:
    found = shutil.which("pg_dump")
    if found is None:
        for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
            if (folder / "pg_dump").exists():
                return str(folder / "pg_dump")
        raise BodymapError("pg_dump is not installed; install PostgreSQL's client programs")
    return found


def backup(url: str, out: Path) -> Path:
    """A consistent copy of the database ``url`` in the file ``out``, made while it serves.

    Parameters
    ----------
    url
        The database URL (SQLite or PostgreSQL).
    out
        The backup file: a SQLite database for SQLite (open it with ``--database
        sqlite:///OUT``), a ``pg_dump`` custom-format archive for PostgreSQL (restore it with
        ``pg_restore --dbname URL OUT``).  An existing file is refused.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    BodymapError
        If ``out`` exists, the database cannot be read or ``pg_dump`` fails.
    """
    if out.exists():
        raise BodymapError(f"{out}: exists already; give a new file")
    check_current(url)
    parsed = make_url(url)
    partial = out.with_name(out.name + ".partial")
    try:
        if parsed.get_backend_name() == "sqlite":
            source = sqlite3.connect(f"file:{parsed.database}?mode=ro", uri=True, timeout=30)
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
            done = subprocess.run(
                [_pg_dump(), "--format=custom", "--no-owner", "--file", str(partial), plain],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                problem = (done.stderr.strip().splitlines() or ["failed"])[-1]
                raise BodymapError(f"pg_dump of {shown_url(url)}: {problem}")
        os.replace(partial, out)
    except sqlite3.Error as exc:
        raise BodymapError(f"backup of {shown_url(url)}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return out
