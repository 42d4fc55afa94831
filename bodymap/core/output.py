"""The one output-path check and atomic writer used by every file bodymap writes.

:func:`check_output` looks at an output path before any work is done (known suffix, existing
folder, not a folder itself) and returns its format; :func:`atomic_write` writes through a
temporary file beside the target and renames it, so that a failure never leaves a
half-written file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import IO

from bodymap.core.errors import OutputError

__all__ = ["FIGURE_FORMATS", "atomic_write", "check_folder", "check_output", "write_bytes"]

#: Figure formats by file suffix.
FIGURE_FORMATS: Mapping[str, str] = MappingProxyType({".svg": "svg", ".png": "png", ".pdf": "pdf"})

PathLike = str | os.PathLike[str]


def check_output(
    path: PathLike,
    formats: Mapping[str, str] = FIGURE_FORMATS,
    what: str = "output",
    listed: tuple[str, ...] | None = None,
) -> tuple[Path, str]:
    """Check an output path before any work is done; return it and its format.

    Parameters
    ----------
    path
        The file to write.
    formats
        Accepted suffixes (lower case, with the dot) and the format each stands for.
    what
        What is written, for the message (``"output"``, ``"table"``).
    listed
        The suffixes the message suggests (default: all of ``formats``).

    Raises
    ------
    OutputError
        If the suffix is not one of ``formats``, the folder does not exist or the path is a
        folder.
    """
    out = Path(path)
    fmt = formats.get(out.suffix.lower())
    if fmt is None:
        shown = out.suffix or "(none)"
        raise OutputError(
            f"{out}: unknown {what} format {shown}; use " + _either(listed or tuple(formats))
        )
    return check_folder(out), fmt


def check_folder(path: PathLike) -> Path:
    """Check that ``path`` can be a new file: its folder exists and it is not a folder.

    Raises
    ------
    OutputError
        Naming the path and what is wrong.
    """
    out = Path(path)
    if not out.parent.is_dir():
        raise OutputError(f"{out}: folder {str(out.parent)!r} does not exist")
    if out.is_dir():
        raise OutputError(f"{out}: is a folder")
    return out


def _either(suffixes: tuple[str, ...]) -> str:
    if len(suffixes) <= 3:
        return (
            ", ".join(suffixes[:-1]) + " or " + suffixes[-1] if len(suffixes) > 1 else suffixes[0]
        )
    return ", ".join(suffixes)


def atomic_write(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file through ``write(fileobj)`` into a temporary file, then rename it.

    A failure (including a permission error) leaves no file behind and raises
    :class:`OutputError` naming ``path``.
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""
    atomic_write(path, lambda fh: fh.write(data))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
