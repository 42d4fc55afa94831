"""The typer application object, its error handling and its global options.

The commands are built lazily: each command module registers its functions on a registry
(:data:`_commands`), and :class:`BodymapGroup` turns a function into a click command (which
makes typer read every annotation of it) only when that command runs.  ``bodymap --help``
lists the commands from their docstrings, without building any of them.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator, MutableMapping
from functools import lru_cache
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from bodymap._version import __version__
from bodymap.core.errors import BodymapError, UnknownNameError
from bodymap.core.text import one_line

__all__ = ["app", "main"]


def fail(message: str, code: int = 1) -> None:
    """Print ``Error: message`` as one line on stderr and exit with ``code``."""
    typer.echo(f"Error: {one_line(message)}", err=True)
    sys.exit(code)


class BodymapGroup(TyperGroup):
    """Command group that reports every expected error as one line instead of a traceback.

    Usage errors (exit code 2; an :class:`UnknownNameError` is one, since the names it is
    about are given on the command line) and the library's :class:`BodymapError` (exit code
    1) are caught here, in the one place every command passes through, also under typer's
    ``CliRunner``.  Click's exception classes are recognised by their interface
    (``format_message`` and ``exit_code``), which works whether typer vendors click or not.

    Its commands come from :data:`_commands` and are built on first use (see the module).
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LazyCommands(self.commands)
        self._listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        """The command names, in the order they were registered (none is built)."""
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command ``cmd_name`` (built on first use); a stand-in while listing commands."""
        commands = self.commands
        if self._listing and isinstance(commands, _LazyCommands):
            return commands.stand_in(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands with their short help, without building them."""
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except UnknownNameError as exc:  # a name given on the command line: a usage error
            fail(str(exc), 2)
        except BodymapError as exc:
            fail(str(exc), 1)
        except typer.Abort:
            fail("aborted", 1)
        except BrokenPipeError:
            sys.exit(1)
        except OSError as exc:  # a file the operating system refused (a name too long, ...)
            from bodymap.core.paths import os_problem

            fail(f"{exc.filename or 'file'}: {os_problem(exc)}", 1)
        except Exception as exc:
            format_message = getattr(exc, "format_message", None)
            code = getattr(exc, "exit_code", None)
            if not callable(format_message) or not isinstance(code, int):
                raise
            ctx = getattr(exc, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if code == 2 and ctx is not None else ""
            fail(f"{format_message()}{hint}", code)
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=BodymapGroup,
    name="bodymap",
    help="Body-map pain diagrams: referral patterns, pain drawings and their comparison.",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bodymap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Body-map pain diagrams: referral patterns, pain drawings and their comparison."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


#: The registry the command modules add their commands to (see the module docstring).
_commands = typer.Typer()


@lru_cache(maxsize=1)
def _registry() -> dict[str, CommandInfo]:
    """The commands by name, in the order of ``bodymap --help``."""
    from bodymap.cli import (
        atlas,
        audit,
        backup,
        cohort,
        compare,
        db,
        draw,
        fhir,
        form,
        listing,
        measure,
        pages,
        paper,
        render,
        schemes,
        serve,
        users,
    )

    modules = (
        render,
        atlas,
        listing,
        compare,
        form,
        draw,
        cohort,
        fhir,
        schemes,
        pages,
        paper,
        serve,
        users,
        db,
        audit,
        backup,
    )
    for module in modules:
        module.register(_commands)
    measure.register(_commands)  # measure, track
    return {
        info.name or typer.main.get_command_name(info.callback.__name__): info
        for info in _commands.registered_commands
        if info.callback is not None
    }


class _LazyCommands(MutableMapping[str, Any]):
    """The group's commands by name: all of :func:`_registry`, each built when first read."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self._built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            info = _registry()[name]
            self._built[name] = typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from _registry()
        yield from (name for name in self._built if name not in _registry())

    def __len__(self) -> int:
        return len(set(_registry()) | set(self._built))

    def stand_in(self, name: str) -> Any:
        """The command if it is built, else one with its help text and no parameters."""
        if name in self._built or name not in _registry():
            return self._built.get(name)
        info = _registry()[name]
        return TyperCommand(
            name=name,
            help=info.help or inspect.getdoc(info.callback),
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
        )


def main() -> None:
    """Entry point of the ``bodymap`` console script and ``python -m bodymap``."""
    app()
