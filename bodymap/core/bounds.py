"""Bounds on untrusted text: how long it may be and how many marks a character may carry.

Text that reaches a typeset page or a written file often comes from a file someone else
wrote (a drawing's subject, a QR code, a clinic name).  A typesetter shapes every character
cluster at once, so a letter followed by tens of thousands of combining marks makes it
crawl or abort, and a long text runs off the page.  :func:`bounded` caps the combining
marks (and other characters that extend a cluster: joiners, variation selectors, skin-tone
modifiers, tags) at :data:`MAX_MARKS` per base character and cuts the text at a given number
of characters with an ellipsis; capped this way, the number of grapheme clusters is bounded
by the number of characters.  :func:`invisible_char` finds, and :func:`without_invisible`
drops, the characters that do not show and can change what a terminal or a reader sees:
control characters (ESC, BEL, NUL, line breaks), format characters (right-to-left
overrides, zero-width spaces) and the line and paragraph separators.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "ELLIPSIS",
    "MAX_FIELD",
    "MAX_MARKS",
    "MAX_PAGE_TEXT",
    "bounded",
    "invisible_char",
    "without_invisible",
]

#: Combining marks (and other cluster extenders) kept after one base character; Unicode's
#: stream-safe text format allows 30, real text needs at most a handful.
MAX_MARKS = 8
#: Characters of any one text handed to the typesetter: far more than a page holds, and at
#: most 40,000 bytes of UTF-8, below the 65,535 bytes of one text span in Typst's PDF writer
#: (krilla), which panics beyond.
MAX_PAGE_TEXT = 10_000
#: Characters of a one-line field printed on a page (a subject id, a date as written, a file
#: label); longer ones are cut with :data:`ELLIPSIS`.
MAX_FIELD = 120
#: What marks a text that was cut.
ELLIPSIS = "…"

#: Unicode categories of characters that do not show: controls, formats, separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})
#: Characters outside the mark categories that extend a cluster: joiners, emoji modifiers, tags.
_EXTENDERS = frozenset({0x200C, 0x200D, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)})


def _extends(char: str) -> bool:
    return unicodedata.category(char)[0] == "M" or ord(char) in _EXTENDERS


def bounded(text: str, limit: int = MAX_PAGE_TEXT, marks: int = MAX_MARKS) -> str:
    r"""``text`` with at most ``marks`` combining marks per character and ``limit`` characters.

    Combining marks beyond ``marks`` after one base character are dropped; a text still
    longer than ``limit`` characters is cut before a whole cluster and ends with
    :data:`ELLIPSIS` (the result has at most ``limit`` characters).

    >>> bounded("a" + "\u0301" * 50) == "a" + "\u0301" * 8
    True
    >>> bounded("abcdef", limit=4)
    'abc…'
    """
    if text.isascii():
        return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS
    out: list[str] = []
    run = 0
    for char in text:
        if _extends(char):
            run += 1
            if run > marks:
                continue
        else:
            run = 0
        out.append(char)
        if len(out) > limit:
            break
    if len(out) <= limit:
        return "".join(out)
    cut = limit - 1
    while cut > 0 and _extends(out[cut]):
        cut -= 1
    return "".join(out[:cut]) + ELLIPSIS


def invisible_char(text: str) -> str | None:
    """The first character of ``text`` that does not show (see the module docstring), or None."""
    for char in text:
        if unicodedata.category(char) in _INVISIBLE:
            return char
    return None


def without_invisible(text: str) -> str:
    """``text`` without the characters that do not show (see the module docstring)."""
    if text.isprintable():
        return text
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE)
