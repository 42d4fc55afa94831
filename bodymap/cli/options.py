"""Choices shared by several commands, checked with the library's own messages.

Options such as ``--side`` take plain strings checked by a callback, so a wrong value gives
the same one-line message in every typer version: ``Invalid value for '--side': unknown
side 'up'; choose from: left, right, both`` (exit code 2).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

SIDES = ("left", "right", "both")
VIEWS = ("front", "back", "both")
LANGS = ("en", "nl")


def choice(what: str, valid: tuple[str, ...]) -> Callable[[str | None], str | None]:
    """A typer callback that accepts only ``valid`` values (or ``None``)."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in valid:
            raise typer.BadParameter(f"unknown {what} {value!r}; choose from: {', '.join(valid)}")
        return value

    return check


def metavar(valid: tuple[str, ...]) -> str:
    """``[a|b|c]``, as click shows choices."""
    return "[" + "|".join(valid) + "]"


def lang_option(help: str) -> Any:
    """The ``--lang en|nl`` option, checked like every choice (``help`` says what it sets)."""
    return typer.Option(
        "--lang", callback=choice("language", LANGS), metavar=metavar(LANGS), help=help
    )


def chart_option() -> Any:
    """The ``--chart NAME|FILE`` option."""
    return typer.Option("--chart", help="Built-in chart name or a chart file.")
