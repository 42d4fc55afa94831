"""``bodymap serve``: start the clinic app (patients, visits, intake links, the differential).

The command checks the database (a new one gets its schema; an old one must be upgraded with
``bodymap db upgrade``), refuses to start while no user can log in, says which database it
uses and serves until Ctrl+C.  Everything it needs is in ``pip install 'bodymap[serve]'``.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bodymap.cli.echo import note

DEMO_USER = "demo"
#: The demo clinician's password: documented, for a demo on this computer only.
DEMO_PASSWORD = "bodymap-demo"


def database_option() -> Any:
    """The ``--database URL`` option of every command that touches the clinic's database."""
    return typer.Option(
        "--database",
        metavar="URL",
        help="The database: sqlite:///PATH or postgresql://USER@HOST:PORT/DB [default: "
        "$BODYMAP_DATABASE_URL, else a SQLite file in your user data folder].",
        show_default=False,
    )


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback only by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    database: Annotated[str | None, database_option()] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            metavar="URL",
            help="The address patients reach the app at, for intake links and QR codes "
            "(e.g. https://pain.clinic.example) [default: the address the clinician uses].",
        ),
    ] = None,
    https_only: Annotated[
        bool,
        typer.Option("--https-only", help="Mark the session cookie Secure (behind a TLS proxy)."),
    ] = False,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help=f"Add a demo clinician ({DEMO_USER} / {DEMO_PASSWORD}) and a demo patient "
            "with the iliopsoas example drawing if the database has no user (loopback only).",
        ),
    ] = False,
) -> None:
    """Start the clinic app: patients mark pain on their phone, you see the differential.

    Open the address it prints in a browser and log in with a user made by
    'bodymap users add NAME'.  It listens on 127.0.0.1 unless --host says otherwise.
    """
    from bodymap.apps.serve import require

    require()
    from bodymap.apps.serve.db import database_url, shown_url
    from bodymap.apps.serve.server import prepare, run

    url = database_url(database)
    if demo:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise typer.BadParameter("the demo listens on this computer only", param_hint="--demo")
        from bodymap.apps.serve.demo import make_demo

        if make_demo(url, DEMO_USER, DEMO_PASSWORD):
            note(f"added the demo clinician {DEMO_USER!r} and a demo patient")
        note(f"demo login: {DEMO_USER} / {DEMO_PASSWORD}")
    prepare(url)
    note(f"database: {shown_url(url)}")
    note(f"serving on http://{host}:{port}/ (press Ctrl+C to stop)")
    run(url, host, port, workers, public_url, https_only)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("serve")(serve)
