"""Silencing what native libraries print on the process's standard error.

Image decoders (libpng, libjpeg, OpenCV's log) and the typesetter (a Rust panic message and
its backtrace) write warnings straight to file descriptor 2, past Python.  bodymap reports a
bad input in one line of its own, so :func:`quiet_stderr` points descriptor 2 at the null
device while such a library runs, and back afterwards.  Python-level output is not touched.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

__all__ = ["quiet_stderr"]


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send what native code writes to file descriptor 2 to the null device, for a while.

    Python's own ``sys.stderr`` is flushed first, so nothing written before is lost.  With
    no descriptor 2 (a daemon), nothing is changed.
    """
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
