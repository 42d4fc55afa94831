"""``bodymap db upgrade``: bring the clinic app's database to the newest schema."""

from __future__ import annotations

from typing import Annotated

import typer

from bodymap.cli.echo import note, result
from bodymap.cli.serve import database_option

ACTIONS = ("upgrade", "current")


def db(
    action: Annotated[
        str,
        typer.Argument(
            metavar="ACTION",
            help="upgrade: apply the migrations the database lacks; current: print its "
            "schema revision.",
        ),
    ],
    database: Annotated[str | None, database_option()] = None,
) -> None:
    """The clinic app's database: 'upgrade' it after installing a new bodymap.

    Back the database up before upgrading (see the README's section on running the app
    for a clinic).
    """
    from bodymap.apps.serve import require
    from bodymap.core.errors import match_name

    action = match_name("action", action, ACTIONS)
    require()
    from bodymap.apps.serve.db import current_revision, database_url, shown_url, upgrade

    url = database_url(database)
    if action == "upgrade":
        before = current_revision(url)
        after = upgrade(url)
        note(f"{shown_url(url)}: schema revision {before or 'none'} -> {after}")
    else:
        result(current_revision(url) or "none")


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("db")(db)
