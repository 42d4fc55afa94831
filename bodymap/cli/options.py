"""Options shared by several commands, declared once, checked with the library's messages.

Every option that more than one command takes is made by a factory here, so that its name,
short form, help text and check are the same everywhere.  Choices (``--side``, ``--view``,
``--lang``, ``--by``) take plain strings checked by a callback against the library's own
choice tuples, so a wrong value gives the same one-line message in every typer version:
``Invalid value for '--side': unknown side 'up'; choose from: left, right, both`` (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from bodymap.core.choices import LANGUAGES, PATTERN_KINDS, VIEWS
from bodymap.core.errors import UnknownNameError, match_name

#: The resolution of every PNG figure the command line writes, unless ``--dpi`` says otherwise.
DEFAULT_DPI = 200.0
#: How many pattern sides ``bodymap rank`` shows unless ``--top`` says otherwise.
DEFAULT_TOP = 10
#: How many pattern sides the differential figure of ``bodymap rank --figure`` draws.
FIGURE_TOP = 6


def choice(what: str, valid: tuple[str, ...]) -> Callable[[Any], Any]:
    """A typer callback that accepts only ``valid`` values, in any case (or ``None``, or lists).

    It returns the values as ``valid`` spells them.
    """

    def check(value: Any) -> Any:
        try:
            if isinstance(value, list):
                return [match_name(what, item, valid) for item in value]
            return None if value is None else match_name(what, value, valid)
        except UnknownNameError as exc:
            raise typer.BadParameter(str(exc)) from None

    return check


def split_list(what: str, valid: tuple[str, ...]) -> Callable[[Any], Any]:
    """A typer callback for a comma-separated list of ``valid`` values (``a,b``), as a tuple."""

    def check(value: str | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        items = tuple(v.strip() for v in value.split(",") if v.strip())
        try:
            return tuple(match_name(what, item, valid) for item in items)
        except UnknownNameError as exc:
            raise typer.BadParameter(str(exc)) from None

    return check


def kind_option(help: str) -> Any:
    """The ``--kind K[,K...]`` option: pattern kinds (muscle, dermatome, nerve, ...)."""
    return typer.Option(
        "--kind", callback=split_list("kind", PATTERN_KINDS), metavar="KIND[,KIND...]", help=help
    )


def metavar(valid: tuple[str, ...]) -> str:
    """``[a|b|c]``, as click shows choices."""
    return "[" + "|".join(valid) + "]"


def choice_option(name: str, what: str, valid: tuple[str, ...], help: str) -> Any:
    """An option ``name`` that takes one of ``valid``."""
    return typer.Option(name, callback=choice(what, valid), metavar=metavar(valid), help=help)


def lang_option(help: str) -> Any:
    """The ``--lang en|nl`` option (``help`` says what it sets)."""
    return choice_option("--lang", "language", LANGUAGES, help)


def chart_option() -> Any:
    """The ``--chart NAME|FILE`` option."""
    return typer.Option("--chart", help="Built-in chart name or a chart file.")


def json_option() -> Any:
    """The ``--json`` flag: print JSON instead of a table."""
    return typer.Option("--json", help="Print JSON for scripts instead of a table.")


def output_option(help: str) -> Any:
    """The ``-o/--output FILE`` option (``help`` names the formats and the default)."""
    return typer.Option("-o", "--output", help=help)


def dpi_option() -> Any:
    """The ``--dpi`` option of every command that writes figures."""
    return typer.Option("--dpi", min=10, max=2400, help="Resolution of PNG figures.")


def pattern_option(help: str) -> Any:
    """The ``-p/--pattern NAME|FILE`` option: a built-in pattern name or a pattern file."""
    return typer.Option("-p", "--pattern", help=help)


def side_option(valid: tuple[str, ...], help: str) -> Any:
    """The ``--side`` option with the sides ``valid`` for the command."""
    return choice_option("--side", "side", valid, help)


def view_option(valid: tuple[str, ...] = VIEWS, help: str = "Only this view.") -> Any:
    """The ``--view`` option with the views ``valid`` for the command."""
    return choice_option("--view", "view", valid, help)


def drawing_option(help: str) -> Any:
    """The ``-d/--drawing FILE`` option: a pain drawing given as an option."""
    return typer.Option("-d", "--drawing", metavar="FILE", help=help)
