r"""The one JSON reader of bodymap, for data files, drawings and JSON Lines alike.

:func:`parse_json` parses with orjson (several times faster) and falls back to the standard
parser for whatever orjson refuses, so that error messages are the same either way.
:func:`read_json_file` reads a file and parses it; both raise :class:`JSONProblem`, whose
message is a phrase (``not valid JSON (...)``, ``no such file``) that the callers put after
the file name in their own error class.

Whatever the text, parsing is bounded and its result is safe to walk: a document nested more
than :data:`MAX_DEPTH` levels deep is refused (so no caller meets a ``RecursionError``), and
so are strings holding a lone UTF-16 surrogate (``"\ud800"``, which no UTF-8 output can
hold) and integers of more than 4,300 digits.  :func:`dump_json` is the matching writer:
strict JSON, never ``NaN`` or ``Infinity``.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from bodymap.core.paths import name_problem, os_problem

try:  # optional speed-up: parsing is a large share of reading many drawings
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency, but stay usable without it
    orjson = None  # type: ignore[assignment]

__all__ = [
    "MAX_DEPTH",
    "JSONProblem",
    "dump_json",
    "parse_json",
    "read_json_file",
    "too_deep",
    "wide_text",
]

#: Deepest nesting of arrays and objects a JSON text may have (a drawing needs 7 levels).
MAX_DEPTH = 100

_SURROGATE = re.compile("[\ud800-\udfff]")
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def wide_text(data: bytes, guess: bool = True) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` if ``data`` is text in that encoding, else ``None``.

    Told by a byte-order mark, or (with ``guess``) by the zero bytes of ASCII text in that
    encoding, which UTF-8 text holding NUL characters may also have.  JSON
    files must be UTF-8 (RFC 8259); the standard parser would guess other encodings from the
    first bytes, and a JSON Lines file cut into lines would be read as a first line and then
    broken halves of characters.
    """
    if not guess and not data.startswith(_WIDE_BOMS):
        return None
    encoding = json.detect_encoding(data[:4])
    if encoding.startswith("utf-16"):
        return "UTF-16"
    if encoding.startswith("utf-32"):
        return "UTF-32"
    return None


def _wide_problem(wide: str) -> str:
    return f"not valid JSON ({wide} text; the file must be UTF-8)"


class JSONProblem(ValueError):
    """A JSON text or file that cannot be read; the message says why, without the file."""


def _reject_constant(token: str) -> float:
    raise ValueError(f"{token} is not a number JSON allows")


def _nest(value: Any, levels: int) -> Any:
    for _ in range(levels):
        value = [value]
    return value


@lru_cache(maxsize=1)
def _orjson_depth() -> int:
    """The deepest nesting ``orjson.dumps`` writes (0 if orjson is missing or unusual)."""
    if orjson is None:  # pragma: no cover
        return 0
    depth = 0
    for levels in range(MAX_DEPTH, 4 * MAX_DEPTH):
        try:
            orjson.dumps(_nest(0, levels))
        except orjson.JSONEncodeError:
            break
        depth = levels
    return depth if depth < 4 * MAX_DEPTH - 1 else 0


def too_deep(doc: Any) -> bool:
    """Whether ``doc`` is nested more than :data:`MAX_DEPTH` levels deep (checked fast)."""
    if type(doc) not in (dict, list):
        return False
    limit = _orjson_depth()
    if limit:
        # orjson refuses to write more than ``limit`` levels: wrapped in the levels that
        # MAX_DEPTH leaves free, a document passes exactly when it is deep enough to pass.
        try:
            orjson.dumps(_nest(doc, limit - MAX_DEPTH))
            return False
        except orjson.JSONEncodeError as exc:
            if "recursion" not in str(exc).lower():
                return _depth(doc) > MAX_DEPTH
            return True
    return _depth(doc) > MAX_DEPTH  # pragma: no cover - without orjson


def _depth(doc: Any) -> int:
    """Nesting depth of ``doc``, walked without recursion (stops past MAX_DEPTH)."""
    level = [doc]
    depth = 0
    while level and depth <= MAX_DEPTH:
        depth += 1
        nxt: list[Any] = []
        for obj in level:
            values = obj.values() if type(obj) is dict else obj
            nxt += [v for v in values if type(v) is dict or type(v) is list]
        level = nxt
    return depth


def _lone_surrogate(doc: Any) -> str | None:
    """The first string (key or value) in ``doc`` holding a lone surrogate, or ``None``."""
    stack = [doc]
    while stack:
        obj = stack.pop()
        if type(obj) is str:
            if _SURROGATE.search(obj):
                return obj
        elif type(obj) is dict:
            stack += obj.keys()
            stack += obj.values()
        elif type(obj) is list:
            stack += obj
    return None


def parse_json(text: str | bytes, constants: bool = False, check_depth: bool = True) -> Any:
    r"""Parse JSON text.

    Parameters
    ----------
    text
        The text, as ``str`` or UTF-8 ``bytes``.
    constants
        Read the non-standard tokens ``NaN``, ``Infinity`` and ``-Infinity`` as floats (so
        that the checks after parsing can say which member holds them) instead of refusing
        them at once.
    check_depth
        ``False`` leaves the nesting of a document that orjson parsed unchecked, for a caller
        that checks it itself (the batch drawing reader, which knows the shape of a plain
        drawing and checks the nesting of the others).

    Raises
    ------
    JSONProblem
        ``not valid JSON (reason)``, ``not valid JSON (not UTF-8 text)``, ``not valid JSON
        (nested more than 100 levels deep)``, ``not valid JSON (a string holds a lone
        surrogate, '\ud800')`` or ``not valid JSON (a number of more than 4,300 digits)``.
    """
    doc: Any
    if orjson is not None:
        try:
            doc = orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
        else:
            if check_depth and too_deep(doc):
                raise JSONProblem(f"not valid JSON (nested more than {MAX_DEPTH} levels deep)")
            return doc
    if isinstance(text, bytes):
        wide = wide_text(text)
        if wide is not None:
            raise JSONProblem(_wide_problem(wide))
    try:
        doc = json.loads(text, parse_constant=float if constants else _reject_constant)
    except UnicodeDecodeError:
        raise JSONProblem("not valid JSON (not UTF-8 text)") from None
    except RecursionError:
        raise JSONProblem(f"not valid JSON (nested more than {MAX_DEPTH} levels deep)") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            raise JSONProblem("not valid JSON (a number of more than 4,300 digits)") from None
        raise JSONProblem(f"not valid JSON ({exc})") from None
    if too_deep(doc):
        raise JSONProblem(f"not valid JSON (nested more than {MAX_DEPTH} levels deep)")
    bad = _lone_surrogate(doc)
    if bad is not None:
        found = _SURROGATE.search(bad)
        assert found is not None
        shown = ascii(found.group())
        raise JSONProblem(f"not valid JSON (a string holds a lone surrogate, {shown})")
    return doc


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
        ``no such {what}``, ``is a folder, not a {what}``, ``cannot read: reason``, ``the
        file name is too long`` or one of :func:`parse_json`'s messages.
    """
    problem = name_problem(path)
    if problem is not None:
        raise JSONProblem(problem)
    try:
        if not path.is_file():
            if path.is_dir():
                raise JSONProblem(f"is a folder, not a {what}")
            raise JSONProblem(f"no such {what}")
        text = path.read_bytes()
    except OSError as exc:
        raise JSONProblem(f"cannot read: {os_problem(exc)}") from None
    return parse_json(text, constants)


def _finite(obj: Any) -> Any:
    """``obj`` with NaN and Infinity replaced by ``None`` (a copy, only where needed)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def dump_json(obj: Any, indent: int | None = 2, ensure_ascii: bool = False) -> str:
    r"""``obj`` as strict JSON text; NaN and Infinity become ``null``.

    This is what every ``--json`` output and JSON Lines table is written with: a number
    that is not finite means "undefined", which JSON spells ``null``.  Text is written as
    it is (``ensure_ascii=False``, the default) or with ``\u`` escapes.
    """
    try:
        return json.dumps(obj, indent=indent, ensure_ascii=ensure_ascii, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(obj), indent=indent, ensure_ascii=ensure_ascii, allow_nan=False)
