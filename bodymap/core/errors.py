"""Exception classes of bodymap.

Every error that bodymap raises on purpose derives from :class:`BodymapError`, and its
``str()`` is one line that names the offending file or value and says what is wrong.  The
command-line interface turns these into a one-line message on stderr and a non-zero exit
code; library users can catch :class:`BodymapError` as a whole or the finer classes below.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from bodymap.core.text import one_line

__all__ = [
    "BodymapError",
    "CodeError",
    "DataError",
    "DrawingError",
    "OutputError",
    "UnknownNameError",
    "match_name",
]

#: Lists of valid names up to this long are shown whole in an :class:`UnknownNameError`;
#: of a longer list (the 138 patterns) the message suggests the closest few names.
SHOWN_NAMES = 12
#: How many close names an :class:`UnknownNameError` suggests at most.
SUGGESTED_NAMES = 3
#: The command that lists the names of a kind, for the message about a long list.
LISTED_BY = {
    "pattern": "bodymap patterns",
    "scheme": "bodymap schemes",
    "region": "bodymap regions",
}


class BodymapError(Exception):
    """Base class of all errors raised by bodymap on purpose.

    Its ``str()`` is always one line: control characters and line breaks in the message (from
    a file name, say) are written as escapes.
    """

    def __str__(self) -> str:
        return one_line(super().__str__())


class UnknownNameError(BodymapError, ValueError):
    """A name (pattern, chart, view, side, region, language) that bodymap does not know.

    The message is one line.  A short list of valid names is given whole
    (``unknown side 'up'; choose from: left, right, both``); of a long one, the closest names
    and the command that lists them all
    (``unknown pattern 'iliopsaos'; did you mean 'iliopsoas'? ('bodymap patterns' lists all
    138)``).

    Parameters
    ----------
    what
        What kind of name it is, for example ``"pattern"`` or ``"view"``.
    name
        The name that was given.
    valid
        The names that would have been accepted.
    """

    def __init__(self, what: str, name: object, valid: Iterable[str]) -> None:
        self.what = what
        self.name = name
        self.valid = tuple(valid)
        super().__init__(self._message())

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.what, self.name, self.valid))

    def _message(self) -> str:
        head = f"unknown {self.what} {self.name!r}"
        if len(self.valid) <= SHOWN_NAMES:
            return f"{head}; choose from: {', '.join(self.valid)}"
        listed_by = LISTED_BY.get(self.what)
        tail = (
            f"'{listed_by}' lists all {len(self.valid)}"
            if listed_by
            else f"one of {len(self.valid)} names"
        )
        close = [repr(n) for n in self.close_names()]
        if not close:
            return f"{head}; {tail}"
        shown = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
        return f"{head}; did you mean {shown}? ({tail})"

    def close_names(self) -> list[str]:
        """The valid names closest to the one given (ignoring case), closest first."""
        if not isinstance(self.name, str):
            return []
        folded = {v.casefold(): v for v in self.valid}
        found = difflib.get_close_matches(self.name.casefold(), folded, n=SUGGESTED_NAMES)
        return [folded[f] for f in found]


def match_name(what: str, name: object, valid: Iterable[str]) -> str:
    """The name of ``valid`` that ``name`` spells, ignoring case (``dermatome-L5``).

    Parameters
    ----------
    what
        What kind of name it is (``"pattern"``), for the error message.
    name
        The name given.
    valid
        The names accepted, in their own spelling.

    Returns
    -------
    str
        The valid name, as ``valid`` spells it.

    Raises
    ------
    UnknownNameError
        If no valid name matches.
    """
    valid = tuple(valid)
    if isinstance(name, str):
        if name in valid:
            return name
        folded = {v.casefold(): v for v in valid}
        found = folded.get(name.casefold())
        if found is not None:
            return found
    raise UnknownNameError(what, name, valid)


class DataError(BodymapError):
    """A data file (chart, pattern or drawing) that cannot be read or is malformed."""


class DrawingError(DataError):
    """A pain drawing that cannot be read or is malformed.

    The message is one line naming the file (or ``<drawing>`` for a dict), the index of the
    offending feature where there is one, and the problem::

        drawing.json: feature 2: unknown view 'side'; choose from: front, back

    Parameters
    ----------
    source
        The file as the user named it, or ``"<drawing>"``.
    problem
        What is wrong, as a phrase without the file and feature.
    feature
        Index of the offending feature in ``features``, or ``None`` for the whole file.
    """

    def __init__(self, source: str, problem: str, feature: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.feature = feature
        where = source if feature is None else f"{source}: feature {feature}"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.source, self.problem, self.feature))


class OutputError(BodymapError):
    """An output path that cannot be written (missing folder, unknown suffix, no permission)."""


class CodeError(BodymapError, ValueError):
    """Codes of a region scheme that the scheme does not have (``bodymap from-codes``).

    Parameters
    ----------
    scheme
        The scheme's name (``"choir"``).
    codes
        The unknown codes, as given; the message lists them all.
    """

    def __init__(self, scheme: str, codes: Iterable[str]) -> None:
        self.scheme = scheme
        self.codes = tuple(codes)
        shown = ", ".join(repr(c) for c in self.codes)
        super().__init__(
            f"unknown {scheme} code{'s' if len(self.codes) > 1 else ''} {shown}; "
            f"'bodymap schemes {scheme}' lists the codes"
        )
