"""Names given for built-in things: matched whatever their case, and a mistyped one explained.

A built-in pattern, scheme or pattern kind is found however its name is cased
(``dermatome-L5``).  An unknown name gives one line: a short list of valid names (views,
sides, languages) is shown whole; of a long one (the patterns) the message suggests the
closest names and the command that lists them, and on the command line it is a usage error
(exit 2).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app
from bodymap.core.errors import SHOWN_NAMES, UnknownNameError, match_name
from bodymap.model.pattern import select_patterns

DRAWING = str(
    Path(__file__).resolve().parent.parent / "examples" / "drawings" / "iliopsoas-left.json"
)
runner = CliRunner()


def test_a_mistyped_pattern_suggests_the_closest_name_in_one_short_line():
    with pytest.raises(UnknownNameError) as err:
        bodymap.load_pattern("iliopsaos")
    count = len(bodymap.pattern_names())
    assert str(err.value) == (
        "unknown pattern 'iliopsaos'; did you mean 'iliopsoas'? "
        f"('bodymap patterns' lists all {count})"
    )
    assert err.value.valid == bodymap.pattern_names()


def test_several_close_names_are_suggested_closest_first():
    error = UnknownNameError("pattern", "dermatome-l", bodymap.pattern_names())
    assert error.close_names() == ["dermatome-l5", "dermatome-l4", "dermatome-l3"]
    assert "did you mean 'dermatome-l5', 'dermatome-l4' or 'dermatome-l3'?" in str(error)


def test_no_close_name_points_to_the_listing_only():
    error = UnknownNameError("pattern", "xyzzy", bodymap.pattern_names())
    assert str(error) == f"unknown pattern 'xyzzy'; 'bodymap patterns' lists all {len(error.valid)}"


def test_a_long_list_of_another_kind_is_counted_not_listed():
    valid = [f"name-{i}" for i in range(SHOWN_NAMES + 1)]
    assert str(UnknownNameError("group", "name-x", valid)).endswith(f"(one of {len(valid)} names)")


def test_a_short_list_is_shown_whole():
    valid = [f"n{i}" for i in range(SHOWN_NAMES)]
    assert (
        str(UnknownNameError("view", "up", valid))
        == f"unknown view 'up'; choose from: {', '.join(valid)}"
    )


def test_the_error_survives_pickling_as_a_worker_process_sends_it():
    error = UnknownNameError("pattern", "iliopsaos", bodymap.pattern_names())
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.valid) == (str(error), error.valid)


def test_match_name_gives_the_valid_spelling_whatever_the_case():
    assert match_name("pattern kind", "Muscle", ("muscle", "nerve")) == "muscle"
    assert match_name("pattern kind", "nerve", ("muscle", "nerve")) == "nerve"
    for bad in ("muscles", None, 3):
        with pytest.raises(UnknownNameError):
            match_name("pattern kind", bad, ("muscle", "nerve"))


def test_built_in_names_are_found_whatever_their_case():
    assert bodymap.load_pattern("dermatome-L5") is bodymap.load_pattern("dermatome-l5")
    assert bodymap.load_pattern("ILIOPSOAS").name == "iliopsoas"
    assert bodymap.load_scheme("CHOIR") is bodymap.load_scheme("choir")
    assert bodymap.load_scheme("BodyMap").name == "bodymap"
    assert select_patterns(kinds=["Organ"]) == select_patterns(kinds=["organ"])
    assert select_patterns(kinds=["organ"])
    ranked = bodymap.rank(DRAWING, kinds=["ORGAN"], top=3)
    assert [r.pattern for r in ranked] == [
        r.pattern for r in bodymap.rank(DRAWING, kinds=["organ"], top=3)
    ]
    assert bodymap.atlas("Organ").to_svg() == bodymap.atlas("organ").to_svg()


def test_the_command_line_takes_names_in_any_case():
    result = runner.invoke(app, ["compare", DRAWING, "-p", "dermatome-L5", "--json"])
    assert result.exit_code == 0, result.output
    assert '"pattern": "dermatome-l5"' in result.stdout
    result = runner.invoke(app, ["rank", DRAWING, "--kind", "Organ,NERVE", "--json"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["schemes", "WPI"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["compare", DRAWING, "-p", "iliopsaos"],
        ["render", "-p", "iliopsaos"],
        ["handout", "-p", "iliopsaos"],
        ["schemes", "choirr"],
        ["rank", DRAWING, "--kind", "muscles"],
    ],
)
def test_an_unknown_name_on_the_command_line_is_a_usage_error(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert len(result.stderr) < 200
    assert list(tmp_path.iterdir()) == []
