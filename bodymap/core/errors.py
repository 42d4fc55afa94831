"""Exception classes of bodymap.

Every error that bodymap raises on purpose derives from :class:`BodymapError`, and its
``str()`` is one line that names the offending file or value and says what is wrong.  The
command-line interface turns these into a one-line message on stderr and a non-zero exit
code; library users can catch :class:`BodymapError` as a whole or the finer classes below.
"""

from __future__ import annotations

from collections.abc import Iterable

from bodymap.core.text import one_line

__all__ = [
    "BodymapError",
    "CodeError",
    "DataError",
    "DrawingError",
    "OutputError",
    "UnknownNameError",
]


class BodymapError(Exception):
    """Base class of all errors raised by bodymap on purpose.

    Its ``str()`` is always one line: control characters and line breaks in the message (from
    a file name, say) are written as escapes.
    """

    def __str__(self) -> str:
        return one_line(super().__str__())


class UnknownNameError(BodymapError, ValueError):
    """A name (pattern, chart, view, side, region, language) that bodymap does not know.

    Parameters
    ----------
    what
        What kind of name it is, for example ``"pattern"`` or ``"view"``.
    name
        The name that was given.
    valid
        The names that would have been accepted; the message lists them.
    """

    def __init__(self, what: str, name: object, valid: Iterable[str]) -> None:
        self.what = what
        self.name = name
        self.valid = tuple(valid)
        super().__init__(f"unknown {what} {name!r}; choose from: {', '.join(self.valid)}")


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
