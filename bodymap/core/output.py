"""The one output-path check and atomic writer used by every file bodymap writes.

:func:`check_output` looks at an output path before any work is done (known suffix, existing
folder, not a folder itself, a name the system allows) and returns its format;
:func:`check_distinct` makes sure that no output is one of the inputs (also through symbolic
or hard links) and that no two outputs share a file; :func:`atomic_write` writes through a
temporary file beside the target and renames it, so that a failure never leaves a
half-written file; :func:`interrupted` says which of several outputs a run stopped by Ctrl-C
had written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import IO

from bodymap.core.errors import OutputError
from bodymap.core.paths import name_problem, os_problem

__all__ = [
    "FIGURE_FORMATS",
    "atomic_write",
    "check_distinct",
    "check_folder",
    "check_output",
    "interrupted",
    "write_bytes",
]

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
    problem = name_problem(out)
    if problem is not None:
        raise OutputError(f"{out}: {problem}")
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
        Naming the path and what is wrong (also a name the system cannot have).
    """
    out = Path(path)
    problem = name_problem(out)
    if problem is not None:
        raise OutputError(f"{out}: {problem}")
    try:
        if not out.parent.is_dir():
            raise OutputError(f"{out}: folder {str(out.parent)!r} does not exist")
        if out.is_dir():
            raise OutputError(f"{out}: is a folder")
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {os_problem(exc)}") from None
    return out


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same inode if both exist, else the same path."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        return False


def check_distinct(
    inputs: Iterable[PathLike | None] = (),
    outputs: Mapping[str, PathLike | None] | None = None,
    read_from_folders: Sequence[str] = (),
) -> None:
    """Refuse, before any work, outputs that would overwrite an input or each other.

    Parameters
    ----------
    inputs
        The files (and folders) the command reads; ``None`` and ``"-"`` (stdin) are skipped.
    outputs
        The files it writes, by the option that names them (``{"-o": ..., "--map": ...}``);
        ``None`` values are skipped.
    read_from_folders
        Suffixes of the files read from input folders: an output with one of these inside
        an input folder would be read as an input too.

    Raises
    ------
    OutputError
        ``out.csv: is also an input; choose another output file``, ``out.csv: is given for
        both -o and --regions-out; give each output its own file`` or ``d/t.jsonl: is in the
        input folder 'd', where it would be read as an input; choose another output file``.
    """
    given = [(name, Path(p)) for name, p in (outputs or {}).items() if p is not None]
    sources = [Path(p) for p in inputs if p is not None and os.fspath(p) != "-"]
    for k, (name, out) in enumerate(given):
        for other_name, other in given[:k]:
            if _same_file(out, other):
                raise OutputError(
                    f"{out}: is given for both {other_name} and {name}; "
                    "give each output its own file"
                )
        for source in sources:
            if _same_file(out, source):
                raise OutputError(f"{out}: is also an input; choose another output file")
            if (
                read_from_folders
                and out.suffix.lower() in read_from_folders
                and source.is_dir()
                and _inside(out, source)
            ):
                raise OutputError(
                    f"{out}: is in the input folder {str(source)!r}, where it would be read "
                    "as an input; choose another output file"
                )


def interrupted(written: Sequence[PathLike], pending: Sequence[PathLike]) -> str:
    """The one line that says what a run stopped by Ctrl-C left behind.

    ``Interrupted; nothing written.`` or ``Interrupted; written: a.csv, r.csv; not written:
    m.png.`` (each output is written whole or not at all).
    """
    if not written:
        return "Interrupted; nothing written."
    done = ", ".join(os.fspath(p) for p in written)
    rest = ", ".join(os.fspath(p) for p in pending)
    return f"Interrupted; written: {done}" + (f"; not written: {rest}." if rest else ".")


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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:50]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {os_problem(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write: {os_problem(exc)}") from None
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
