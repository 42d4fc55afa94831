"""``bodymap users add|token|disable NAME``: the clinic app's user accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bodymap.cli.echo import note, result
from bodymap.cli.options import lang_option
from bodymap.cli.serve import database_option

ACTIONS = ("add", "token", "disable")


def users(
    action: Annotated[
        str,
        typer.Argument(
            metavar="ACTION",
            help="add: create a clinician; token: print a new API token; disable: end the "
            "user's sessions and tokens and refuse their logins.",
        ),
    ],
    name: Annotated[str, typer.Argument(metavar="NAME", help="The user name.")],
    admin: Annotated[bool, typer.Option("--admin", help="add: the user manages users.")] = False,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="add: read the password from the first line of stdin."
        ),
    ] = False,
    lang: Annotated[str, lang_option("add: the language of the user's pages.")] = "en",
    database: Annotated[str | None, database_option()] = None,
) -> None:
    """Manage the clinic app's users: add NAME, token NAME, disable NAME.

    Passwords are stored as argon2id hashes and API tokens as SHA-256 hashes: a token is
    printed once, keep it.  'disable' ends the user's sessions and tokens at once.
    """
    from bodymap.apps.serve import require
    from bodymap.core.errors import match_name

    action = match_name("action", action, ACTIONS)
    require()
    from bodymap.apps.serve.accounts import add_user, disable_user, issue_token
    from bodymap.apps.serve.db import database_url

    url = database_url(database)
    if action == "add":
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        add_user(url, name, password, admin=admin, lang=lang)
        note(f"added {'admin' if admin else 'clinician'} {name!r}")
    elif action == "token":
        result(issue_token(url, name))
    else:
        disable_user(url, name)
        note(f"disabled {name!r}: their sessions and tokens have ended")


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("users")(users)
