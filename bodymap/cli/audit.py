"""``bodymap audit``: print the clinic app's audit log (who read or wrote which patient's data)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bodymap.cli.echo import result
from bodymap.cli.serve import database_option


def audit(
    patient: Annotated[
        str | None,
        typer.Option("--patient", metavar="ID", help="Only the records of this patient's code."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON array of records instead of a table.")
    ] = False,
    database: Annotated[str | None, database_option()] = None,
) -> None:
    """Print the clinic app's audit log, oldest first: when, who, what, patient, visit, from where.

    Every read and write of a patient's data through the app leaves a record; the log is
    append-only (the database refuses to change or delete a record).
    """
    from bodymap.apps.serve import require

    require()
    from bodymap.apps.serve.db import database_url
    from bodymap.apps.serve.records import AUDIT_FIELDS, audit_entries

    entries = audit_entries(database_url(database), patient)
    if as_json:
        result(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    result("\t".join(AUDIT_FIELDS))
    for entry in entries:
        result("\t".join("" if entry[k] is None else str(entry[k]) for k in AUDIT_FIELDS))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("audit")(audit)
