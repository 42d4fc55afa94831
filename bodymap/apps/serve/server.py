"""Running the clinic app: checks before start, then uvicorn with one or more workers.

With more than one worker uvicorn imports :func:`app_from_env` in each worker process, so
the settings travel in environment variables; all shared state (sessions, one-time links,
login attempts) is in the database.
"""

from __future__ import annotations

import os
from typing import Any

from bodymap.apps.serve.accounts import user_count
from bodymap.apps.serve.db import ENV_VAR, ensure_schema, shown_url
from bodymap.core.errors import BodymapError

__all__ = ["app_from_env", "prepare", "run"]

_PUBLIC = "BODYMAP_PUBLIC_URL"
_HTTPS = "BODYMAP_HTTPS_ONLY"


def prepare(url: str) -> None:
    """Make a new database's schema, check an old one's, and refuse to start without a user.

    Raises
    ------
    BodymapError
        With the command that fixes it.
    """
    ensure_schema(url)
    if user_count(url) == 0:
        raise BodymapError(
            "no user can log in yet; add one first: bodymap users add NAME --admin "
            f"--database {shown_url(url)}"
        )


def app_from_env() -> Any:
    """The app built from the environment (each uvicorn worker calls this)."""
    from bodymap.apps.serve.app import create_app

    return create_app(
        os.environ[ENV_VAR],
        public_url=os.environ.get(_PUBLIC) or None,
        https_only=os.environ.get(_HTTPS) == "1",
    )


def run(
    url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    public_url: str | None = None,
    https_only: bool = False,
) -> None:
    """Serve the clinic app until interrupted (the database must be prepared).

    Parameters
    ----------
    url
        The database URL.
    host, port
        Where to listen (loopback only by default).
    workers
        How many worker processes.
    public_url
        The address patients reach the app at, for intake links.
    https_only
        Mark the session cookie ``Secure`` (the app is behind a TLS proxy).
    """
    import uvicorn

    os.environ[ENV_VAR] = url
    if public_url:
        os.environ[_PUBLIC] = public_url
    os.environ[_HTTPS] = "1" if https_only else "0"
    uvicorn.run(
        "bodymap.apps.serve.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
    )
