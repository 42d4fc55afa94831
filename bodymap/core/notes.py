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
# Bold first (two markers), then italic; markers must hug the text they mark.
_INLINE = re.compile(
    r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__"
    r"|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"
)


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


def _runs(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    at = 0
    for match in _INLINE.finditer(text):
        if match.start() > at:
            runs.append(Run(text[at : match.start()]))
        bold, bold2, italic, italic2 = match.groups()
        if bold is not None or bold2 is not None:
            runs.append(Run(bold or bold2, bold=True))
        else:
            runs.append(Run(italic or italic2, italic=True))
        at = match.end()
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
