"""The ``bodymap`` command line: a thin typer layer over the library.

Each command lives in its own module, parses its options, makes one library call and prints
the result.  Errors the library raises on purpose (:class:`~bodymap.core.errors.BodymapError`) and
usage errors become one line on stderr, ``Error: ...``, with exit code 1 (bad input) or 2
(bad usage), never a traceback.  Heavy libraries (shapely, matplotlib) are imported inside
the commands that need them, so ``bodymap --help`` starts about as fast as typer itself.
"""

from __future__ import annotations

from bodymap.cli._app import app, main

__all__ = ["app", "main"]
