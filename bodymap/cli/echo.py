"""Where the command line writes what: results on stdout, everything else on stderr.

One rule for every command: what the command was asked for (a table, JSON, a list of
codes) goes to stdout with :func:`result`, so that it can be piped or redirected; each file
it writes is announced on stderr as one ``wrote FILE`` line by :func:`wrote`, and other
messages for the person at the terminal (which default was used, what was checked) go to
stderr with :func:`note`.  ``bodymap rank d.json --figure f.png > table.txt`` thus leaves
the table alone in ``table.txt``.
"""

from __future__ import annotations

import os

import typer

from bodymap.core.text import one_line, terminal_text

__all__ = ["note", "result", "wrote"]


def result(text: str) -> None:
    """Print ``text``, the result the command was asked for, on stdout.

    Characters a terminal would act on (text from a drawing or a user's pattern file may hold
    escape sequences) are printed as escapes: see :func:`~bodymap.core.text.terminal_text`.
    """
    typer.echo(terminal_text(text))


def wrote(path: str | os.PathLike[str]) -> None:
    """Say on stderr that the file ``path`` was written: ``wrote PATH``."""
    typer.echo(f"wrote {one_line(os.fspath(path))}", err=True)


def note(text: str) -> None:
    """Print a message for the user (not a result) on stderr, on one line."""
    typer.echo(one_line(text), err=True)
