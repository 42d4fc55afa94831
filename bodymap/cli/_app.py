"""The typer application object, its error handling and its global options."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from bodymap._version import __version__
from bodymap.core.errors import BodymapError
from bodymap.core.text import one_line

__all__ = ["app", "main"]


def fail(message: str, code: int = 1) -> None:
    """Print ``Error: message`` as one line on stderr and exit with ``code``."""
    typer.echo(f"Error: {one_line(message)}", err=True)
    sys.exit(code)


class BodymapGroup(TyperGroup):
    """Command group that reports every expected error as one line instead of a traceback.

    Usage errors (exit code 2) and the library's :class:`BodymapError` (exit code 1) are
    caught here, in the one place every command passes through, also under typer's
    ``CliRunner``.  Click's exception classes are recognised by their interface
    (``format_message`` and ``exit_code``), which works whether typer vendors click or not.
    """

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


def _register() -> None:
    from bodymap.cli import atlas, compare, listing, render

    render.register(app)
    atlas.register(app)
    listing.register(app)
    compare.register(app)
    from bodymap.cli import draw, form

    form.register(app)
    draw.register(app)
    from bodymap.cli import cohort

    cohort.register(app)
    from bodymap.cli import fhir

    fhir.register(app)
    from bodymap.cli import schemes

    schemes.register(app)
    from bodymap.cli import pages

    pages.register(app)
    from bodymap.cli import paper

    paper.register(app)


_register()


def main() -> None:
    """Entry point of the ``bodymap`` console script and ``python -m bodymap``."""
    app()
