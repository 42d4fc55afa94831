"""``bodymap backup OUT``: a consistent copy of the clinic app's database, made while it serves."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import wrote
from bodymap.cli.serve import database_option


def backup(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="The backup file (new): a SQLite database, or a pg_dump archive for "
            "PostgreSQL (restore with pg_restore).",
        ),
    ],
    database: Annotated[str | None, database_option()] = None,
) -> None:
    """Copy the clinic app's database to OUT while the app keeps serving.

    SQLite: the online backup API (open the copy with --database sqlite:///OUT).
    PostgreSQL: pg_dump in its custom format (pg_restore --dbname URL OUT restores it).
    """
    from bodymap.apps.serve import require

    require()
    from bodymap.apps.serve.db import database_url
    from bodymap.apps.serve.records import backup as make_backup

    wrote(make_backup(database_url(database), out))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("backup")(backup)
