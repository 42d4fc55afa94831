"""A clinician's free-text notes, read from plain text or a safe subset of Markdown.

Notes go onto printed pages (handouts, reports), so they are untrusted text: they are parsed
here into plain data (paragraphs and bullet or numbered lists of runs of text, each run
possibly bold or italic) and never handed to a typesetting engine as markup.  Only this
subset of Markdown is understood: blank lines between paragraphs, ``-``, ``*`` or ``+``
bullets, ``1.`` or ``1)`` numbered items, ``**bold**`` / ``__bold__`` and ``*italic*`` /
``_italic_``; everything else (headings, links, HTML, code, Typst or LaTeX commands) is
kept literally, character for character.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from bodymap.core.errors import DataError
from bodymap.core.paths import name_problem, os_problem
from bodymap.core.text import shown_text

__all__ = ["MAX_NOTES_BYTES", "Block", "Run", "note_blocks", "read_notes"]

#: The largest notes file read (a page holds far less).
MAX_NOTES_BYTES = 20_000

_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
# Bold first (two markers), then italic; markers must hug the text they mark.  This is the
# rule as one regular expression; _inline_spans finds the same spans in linear time (the
# expression's lazy searches for a closing marker take quadratic time on "**a " * 5000).
_INLINE = re.compile(
    r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__"
    r"|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"
)
_MARKERS = re.compile(r"[*_]")


@dataclass(frozen=True)
class Run:
    """A piece of text and how it is set."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (``kind="p"``, one item) or a list (``"ul"`` bullets, ``"ol"`` numbered)."""

    kind: str
    items: tuple[tuple[Run, ...], ...]


def read_notes(path: str | os.PathLike[str]) -> str:
    """Read a notes file (UTF-8 plain text or Markdown, at most 20,000 bytes).

    Raises
    ------
    DataError
        Naming the file, if it is missing, a folder, too large, not UTF-8 text or empty.
    """
    file = Path(path)
    problem = name_problem(file)
    if problem is not None:
        raise DataError(f"{file}: {problem}")
    try:
        if file.is_dir():
            raise DataError(f"{file}: is a folder, not a notes file")
        if not file.is_file():
            raise DataError(f"{file}: no such notes file")
        with file.open("rb") as fh:
            data = fh.read(MAX_NOTES_BYTES + 1)
    except OSError as exc:
        raise DataError(f"{file}: cannot read: {os_problem(exc)}") from None
    if len(data) > MAX_NOTES_BYTES:
        raise DataError(f"{file}: notes longer than {MAX_NOTES_BYTES:,} bytes; shorten them")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{file}: not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise DataError(f"{file}: not a text file (it holds NUL bytes)")
    if not text.strip():
        raise DataError(f"{file}: the notes file is empty")
    return text


def _word(char: str) -> bool:
    r"""Whether ``char`` is a word character (``\w`` of a regular expression)."""
    return char.isalnum() or char == "_"


def _inline_spans(text: str) -> list[tuple[int, int, int, bool]]:
    """The bold and italic spans of ``text``: ``(start, end, marker length, bold)``.

    The matches :data:`_INLINE` would find, left to right, found in ``O(n log n)``: the
    places where each marker may close are listed once, and each opening marker takes the
    first of them that follows it (as the expression's lazy ``.+?`` does).
    """
    n = len(text)

    def solid(i: int) -> bool:  # a character that is there and is not white space
        return 0 <= i < n and not text[i].isspace()

    closers: dict[str, list[int]] = {"**": [], "__": [], "*": [], "_": []}
    for found in _MARKERS.finditer(text):
        c = found.start()
        char = text[c]
        double = char * 2
        if text.startswith(double, c) and solid(c - 1):
            closers[double].append(c)
        after = text[c + 1] if c + 1 < n else ""
        if solid(c - 1) and not (after and (_word(after) or after == char)):
            closers[char].append(c)
    spans: list[tuple[int, int, int, bool]] = []
    at = 0
    for found in _MARKERS.finditer(text):
        p = found.start()
        if p < at:
            continue
        char = text[p]
        double = char * 2
        options = []
        if text.startswith(double, p) and solid(p + 2):
            options.append((double, p + 3))
        before = text[p - 1] if p > 0 else ""
        if solid(p + 1) and not (before and (_word(before) or before == char)):
            options.append((char, p + 2))
        for marker, first in options:
            ends = closers[marker]
            k = bisect_left(ends, first)
            if k < len(ends):
                end = ends[k] + len(marker)
                spans.append((p, end, len(marker), len(marker) == 2))
                at = end
                break
    return spans


def _runs(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    at = 0
    for start, end, size, bold in _inline_spans(text):
        if start > at:
            runs.append(Run(text[at:start]))
        inner = text[start + size : end - size]
        runs.append(Run(inner, bold=True) if bold else Run(inner, italic=True))
        at = end
    if at < len(text):
        runs.append(Run(text[at:]))
    return tuple(runs)


def note_blocks(text: str) -> tuple[Block, ...]:
    r"""Parse notes into paragraphs and lists of runs (the safe Markdown subset above).

    Control characters are dropped; every other character is kept as written.

    Examples
    --------
    >>> [b.kind for b in note_blocks("Walk **daily**.\n\n- one\n- two")]
    ['p', 'ul']
    """
    blocks: list[Block] = []
    kind: str | None = None
    items: list[list[str]] = []

    def flush() -> None:
        nonlocal kind, items
        if kind is not None and items:
            blocks.append(Block(kind, tuple(_runs(" ".join(i)) for i in items)))
        kind, items = None, []

    for raw in shown_text(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        item = bullet or number
        if item is not None:
            wanted = "ul" if bullet else "ol"
            if kind != wanted:
                flush()
                kind = wanted
            items.append([item.group(1).strip()])
        elif kind in ("ul", "ol") and raw[:1].isspace():
            items[-1].append(line.strip())  # an indented continuation of the last item
        else:
            if kind != "p":
                flush()
                kind = "p"
                items = [[]]
            items[0].append(line.strip())
    flush()
    return tuple(blocks)
