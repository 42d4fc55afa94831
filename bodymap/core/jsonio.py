"""The one JSON reader of bodymap, for data files, drawings and JSON Lines alike.

:func:`parse_json` parses with orjson (several times faster) and falls back to the standard
parser for whatever orjson refuses, so that error messages are the same either way.
:func:`read_json_file` reads a file and parses it; both raise :class:`JSONProblem`, whose
message is a phrase (``not valid JSON (...)``, ``no such file``) that the callers put after
the file name in their own error class.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

try:  # optional speed-up: parsing is a large share of reading many drawings
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency, but stay usable without it
    orjson = None  # type: ignore[assignment]

__all__ = ["JSONProblem", "parse_json", "read_json_file"]


class JSONProblem(ValueError):
    """A JSON text or file that cannot be read; the message says why, without the file."""


def _reject_constant(token: str) -> float:
    raise ValueError(f"{token} is not a number JSON allows")


def parse_json(text: str | bytes, constants: bool = False) -> Any:
    """Parse JSON text.

    Parameters
    ----------
    text
        The text, as ``str`` or UTF-8 ``bytes``.
    constants
        Read the non-standard tokens ``NaN``, ``Infinity`` and ``-Infinity`` as floats (so
        that the checks after parsing can say which member holds them) instead of refusing
        them at once.

    Raises
    ------
    JSONProblem
        ``not valid JSON (reason)``, ``not valid JSON (not UTF-8 text)`` or ``not valid JSON
        (nested too deeply)``.
    """
    if orjson is not None:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(text, parse_constant=float if constants else _reject_constant)
    except UnicodeDecodeError:
        raise JSONProblem("not valid JSON (not UTF-8 text)") from None
    except RecursionError:
        raise JSONProblem("not valid JSON (nested too deeply)") from None
    except ValueError as exc:
        raise JSONProblem(f"not valid JSON ({exc})") from None


def read_json_file(path: Path, what: str = "file", constants: bool = False) -> Any:
    """Read and parse a JSON file.

    Parameters
    ----------
    path
        The file.
    what
        What the file should be, for messages (``"drawing file"``).
    constants
        As for :func:`parse_json`.

    Raises
    ------
    JSONProblem
        ``no such {what}``, ``is a folder, not a {what}``, ``cannot read: reason`` or one of
        :func:`parse_json`'s messages.
    """
    if not path.is_file():
        if path.is_dir():
            raise JSONProblem(f"is a folder, not a {what}")
        raise JSONProblem(f"no such {what}")
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise JSONProblem(f"cannot read: {exc.strerror or exc}") from None
    return parse_json(text, constants)
