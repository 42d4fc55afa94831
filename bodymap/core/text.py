r"""Text from outside, made safe where it goes: messages on one line, XML, spreadsheets.

Every string bodymap shows comes, one way or another, from a file someone else wrote: a
subject id, a pain quality, a file name, a region id.  Three places need such text tamed,
and each has one function here:

* :func:`one_line` for messages: control characters, line and paragraph separators and lone
  surrogates are written as escapes (``\n``, ``\x1b``), so an error is always one line and
  can always be printed;
* :func:`xml_text` for SVG and HTML: the characters XML 1.0 does not allow (C0 controls other
  than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF) are removed, so
  the document stays well-formed;
* :func:`spreadsheet_cell` for CSV and TSV: a text cell a spreadsheet would run as a formula
  gets a leading ``'`` (OWASP's advice on CSV injection);
* :func:`terminal_text` for what a command prints: every character a terminal would act on
  (escape sequences, BEL, C1 controls, bidirectional overrides) is written as an escape, so
  that a subject from a patient's drawing cannot clear or retitle the clinician's terminal.

:func:`show_value` writes a value short and in JSON spelling, for messages.
"""

from __future__ import annotations

import json
import math
import re
import reprlib

__all__ = [
    "FORMULA_PREFIXES",
    "one_line",
    "show_value",
    "shown_text",
    "spreadsheet_cell",
    "terminal_text",
    "xml_text",
]

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, lone surrogates.
_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# What a terminal acts on: C0 controls but tab and line feed, DEL, C1 controls, the line and
# paragraph separators, bidirectional embeddings, overrides and isolates, lone surrogates.
_TERMINAL_ACTS_ON = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# What XML 1.0 does not allow in a document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What has no place in text shown on a figure: every control character but the line break.
_NOT_SHOWN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

# For containers: as repr() as long as that is short, but never recursing deeply.
_SHORT = reprlib.Repr()
_SHORT.maxlevel = 4
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = _SHORT.maxset = 12


def one_line(text: str) -> str:
    r"""``text`` with control characters, line breaks and lone surrogates written as escapes.

    >>> one_line("a\nb\x1b[31m")
    'a\\nb\\x1b[31m'
    """
    if _NOT_ON_ONE_LINE.search(text) is None:
        return text
    return _NOT_ON_ONE_LINE.sub(lambda m: ascii(m.group())[1:-1], text)


def _terminal_escape(match: re.Match[str]) -> str:
    char = match.group()
    # C0 controls as Python writes them (\x1b, \r); the rest as \uXXXX, which is also a
    # valid JSON escape, so that printed JSON stays JSON.
    return ascii(char)[1:-1] if char < " " else f"\\u{ord(char):04x}"


def terminal_text(text: str) -> str:
    r"""``text`` safe to print on a terminal: controls it would act on written as escapes.

    Line breaks and tabs are kept (tables and JSON span lines).  C0 controls such as ESC and
    BEL become ``\x1b`` and ``\x07``; DEL, C1 controls, the Unicode line separators,
    bidirectional overrides and lone surrogates become ``\uXXXX``.  JSON text stays valid
    JSON: its encoders already escape C0 controls, and ``\uXXXX`` is a JSON escape.

    >>> terminal_text("P-1\x1b[2J\x1b]0;pwned\x07")
    'P-1\\x1b[2J\\x1b]0;pwned\\x07'
    """
    if _TERMINAL_ACTS_ON.search(text) is None:
        return text
    return _TERMINAL_ACTS_ON.sub(_terminal_escape, text)


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 does not allow (they are removed)."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub("", text)


def shown_text(text: str) -> str:
    """``text`` as a figure shows it: without control characters (line breaks kept).

    The figures' titles, labels and hover texts go through this, so that an SVG is always
    well-formed XML and every renderer draws the same characters.
    """
    if _NOT_SHOWN.search(text) is None:
        return text
    return _NOT_SHOWN.sub("", text.replace("\t", " "))


def spreadsheet_cell(value: object) -> object:
    """A table cell as CSV/TSV should hold it: text that would start a formula gets a ``'``.

    Numbers are left as they are (``-1.5`` stays a number); only text starting with one of
    :data:`FORMULA_PREFIXES` is changed.  A carriage return in text is written as a line
    break (which the table quotes), so that it cannot end a row.
    """
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_PREFIXES):
        value = "'" + value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def show_value(value: object) -> str:
    """A value as the user wrote it, short, in JSON spelling for null, booleans, NaN.

    Long text, deep structures and numbers with hundreds of digits are shortened.
    """
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, int) and abs(value) >= 10**40:
        # Not str(): Python refuses to write out integers of more than 4,300 digits.
        digits = int(abs(value).bit_length() * math.log10(2)) + 1
        return f"a {'negative ' if value < 0 else ''}number of {digits:,} digits"
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        text = _SHORT.repr(value)
    else:
        text = repr(value)
    text = one_line(text)
    return text if len(text) <= 40 else text[:37] + "..."
