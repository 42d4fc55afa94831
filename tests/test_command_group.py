"""The command group: every command listed and reachable, and each built only when it runs.

``bodymap --help`` lists the commands from their docstrings without building any (building
one makes typer read all its annotations); a command is built when it runs or shows its help.
"""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from bodymap.cli import app
from bodymap.cli._app import _registry

runner = CliRunner()


def test_the_help_lists_every_command_in_registration_order():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    rows = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert [row.split()[0] for row in rows] == list(_registry())
    assert "compare     Compare a pain drawing with a referral pattern" in result.stdout


def test_listing_the_commands_builds_none_and_running_one_builds_only_it():
    group = typer.main.get_command(app)
    with group.make_context("bodymap", []) as ctx:
        group.get_help(ctx)
        assert group.commands._built == {}
        assert group.get_command(ctx, "compare").name == "compare"
        assert list(group.commands._built) == ["compare"]
        assert group.get_command(ctx, "nonsense") is None


def test_every_command_shows_its_own_help():
    for name in _registry():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert result.stdout.startswith(f"Usage: bodymap {name} "), name


def test_a_mistyped_command_suggests_the_closest():
    result = runner.invoke(app, ["comparee"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: No such command 'comparee'. Did you mean 'compare'? (see 'bodymap --help')\n"
    )
