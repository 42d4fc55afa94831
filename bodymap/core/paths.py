"""File names as the user gives them: the checks made before the operating system sees them.

:func:`name_problem` says what is wrong with a name that no file can have (a part longer
than the file system allows, a path longer than the system allows, a NUL character), so that
readers and writers can refuse it with one line instead of an ``OSError``; :func:`os_problem`
words an ``OSError`` as the phrase that follows the file name in a message.
"""

from __future__ import annotations

import errno
import os

__all__ = ["NAME_MAX", "PATH_MAX", "name_problem", "os_problem"]

#: Longest part of a path (between slashes), in bytes, on the file systems bodymap supports.
NAME_MAX = 255
#: Longest path, in bytes.
PATH_MAX = 4095


def name_problem(path: str | os.PathLike[str]) -> str | None:
    """What makes ``path`` impossible as a file name, or ``None`` if nothing does."""
    name = os.fspath(path)
    if "\x00" in name:
        return "the file name holds a NUL character"
    raw = os.fsencode(name)
    if len(raw) > PATH_MAX:
        return f"the file name is too long (more than {PATH_MAX:,} bytes)"
    if any(len(part) > NAME_MAX for part in raw.split(b"/")):
        return f"the file name is too long (a part of it has more than {NAME_MAX} bytes)"
    return None


def os_problem(exc: OSError) -> str:
    """An ``OSError`` as a short phrase (``permission denied``, ``the file name is too long``)."""
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return str(exc.strerror or exc)
