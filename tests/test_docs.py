"""The documentation site's generated parts are complete, and its examples are true.

The site (``make docs``) generates the API reference from ``bodymap.__all__``, the command-line
reference from the typer app, an atlas page per built-in pattern and the file formats' JSON
Schemas (``docs/_ext/``).  These tests check, without building the site, that the generators
cover everything they must: a docstring for every public function and class, a page for every
pattern, a section for every command.  They also check that the schemas and the readers agree
(on the site's valid and invalid examples and on every built-in data file) and that every
``bodymap`` line of the site's pages runs as written.
"""

from __future__ import annotations

import inspect
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from readme_helpers import _param, arguments, readme_commands, runner, workdir

import bodymap
from bodymap.cli import app
from bodymap.core.errors import BodymapError
from bodymap.model.chart import load_chart
from bodymap.model.formats import FORMATS, json_schema

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "reference" / "examples"
sys.path.insert(0, str(DOCS / "_ext"))

import bodymap_api  # noqa: E402
import bodymap_atlas  # noqa: E402
import bodymap_cli  # noqa: E402

__all__ = ["workdir"]  # the fixture of the README's commands, used by the docs' commands

PUBLIC = [name for name in bodymap.__all__ if not name.startswith("_")]
LOADERS: dict[str, Callable[[str], Any]] = {
    "drawing": bodymap.load_drawing,
    "pattern": bodymap.load_pattern,
    "chart": load_chart,
    "scheme": bodymap.load_scheme,
}
BUILT_IN = {
    "drawing": sorted((ROOT / "examples" / "drawings").glob("*.json")),
    "pattern": sorted((ROOT / "shapes").glob("pattern-*.json")),
    "chart": sorted((ROOT / "shapes").glob("chart-*.json")),
    "scheme": sorted((ROOT / "shapes").glob("scheme-*.json")),
}


# --- the API reference -------------------------------------------------------------------------


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_has_a_numpydoc_docstring(name: str) -> None:
    obj = getattr(bodymap, name)
    if not (inspect.isfunction(obj) or inspect.isclass(obj)):
        return
    doc = inspect.getdoc(obj)
    assert doc and doc.strip(), f"bodymap.{name} has no docstring"
    if inspect.isfunction(obj) and inspect.signature(obj).parameters:
        assert "Parameters\n----------" in doc, f"bodymap.{name} documents no Parameters"


def test_the_api_page_lists_every_public_name() -> None:
    page = bodymap_api.api_page()
    listed = {line.strip() for line in page.splitlines() if line.startswith("   ")}
    assert set(PUBLIC) <= listed
    assert "__version__" not in listed


# --- the command-line reference ----------------------------------------------------------------


def test_the_cli_page_has_every_command_with_its_help() -> None:
    page = bodymap_cli.cli_page()
    names = [name for name, _ in bodymap_cli.command_names()]
    assert {"render", "compare", "rank", "cohort", "handout"} <= set(names)
    for name in names:
        assert f".. _cli-{name}:" in page
        help_lines = [line.rstrip() for line in bodymap_cli.help_text([name]).splitlines()]
        assert "\n".join(f"   {line}".rstrip() for line in help_lines) in page


def test_help_text_is_what_the_command_prints() -> None:
    text = bodymap_cli.help_text(["compare"])
    assert text.startswith("Usage: bodymap compare")
    assert "--pattern" in text and "--side" in text


# --- the atlas ---------------------------------------------------------------------------------


def test_every_builtin_pattern_has_an_atlas_page() -> None:
    pages = bodymap_atlas.pages()
    names = set(bodymap.pattern_names())
    assert {key.removeprefix("patterns/") for key in pages if key.startswith("patterns/")} == names
    kinds = "\n".join(pages[kind] for kind in ("muscle", "dermatome", "nerve", "joint", "organ"))
    for name in names:  # each page is in a kind's toctree, so the site links it
        assert f"   patterns/{name}\n" in kinds


@pytest.mark.parametrize("name", ["iliopsoas", "organ-kidney", "dermatome-l5", "nerve-sural"])
def test_an_atlas_page_holds_the_pattern_in_words(name: str) -> None:
    pattern = bodymap.load_pattern(name)
    page = bodymap_atlas.pattern_page(name)
    assert pattern.names["nl"] in page
    assert f"figures/{name}.svg" in page
    for zone in pattern.zones(side=bodymap_atlas.side_of(pattern)):
        assert zone.names["nl"].split()[0] in page
    for source in pattern.sources:
        assert source.split()[0] in page
    assert ("danger::" in page) == pattern.red_flag


def test_an_organ_page_carries_its_red_flag_warning() -> None:
    page = bodymap_atlas.pattern_page("organ-heart")
    assert "**Red flag.** Pain in this area can come from the heart" in page
    assert "112" in page


# --- the file formats --------------------------------------------------------------------------


def _errors(kind: str, doc: Any) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(json_schema(kind)).iter_errors(doc)]


def _reader_error(kind: str, path: Path) -> str | None:
    try:
        LOADERS[kind](str(path))
    except BodymapError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("kind", FORMATS)
def test_schema_is_a_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))


@pytest.mark.parametrize("kind", FORMATS)
def test_schema_and_reader_accept_the_valid_example(kind: str) -> None:
    path = EXAMPLES / f"{kind}-valid.json"
    assert _errors(kind, json.loads(path.read_text(encoding="utf-8"))) == []
    assert _reader_error(kind, path) is None


@pytest.mark.parametrize("kind", FORMATS)
def test_schema_and_reader_refuse_the_invalid_example(kind: str) -> None:
    path = EXAMPLES / f"{kind}-invalid.json"
    assert _errors(kind, json.loads(path.read_text(encoding="utf-8")))
    assert _reader_error(kind, path) is not None


@pytest.mark.parametrize("kind", FORMATS)
def test_every_builtin_file_is_valid_under_its_schema(kind: str) -> None:
    assert BUILT_IN[kind]
    for path in BUILT_IN[kind]:
        assert _errors(kind, json.loads(path.read_text(encoding="utf-8"))) == [], path.name


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda d: d["features"][0]["properties"].update(intensity=-1), "intensity below 0"),
        (lambda d: d["features"][1]["properties"].pop("width"), "a stroke without width"),
        (lambda d: d["features"][2]["properties"].pop("region"), "null geometry, no region"),
        (lambda d: d["bodymap"].update(version=2), "an unknown version"),
        (lambda d: d["features"][0]["geometry"].update(type="Point"), "a Point mark"),
        (lambda d: d["features"][0]["geometry"]["coordinates"][0][0].__setitem__(0, 1e5), "far"),
    ],
)
def test_schema_and_reader_refuse_the_same_broken_drawings(
    change: Callable[[dict[str, Any]], None], what: str, tmp_path: Path
) -> None:
    doc = json.loads((EXAMPLES / "drawing-valid.json").read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert _errors("drawing", doc), what
    assert _reader_error("drawing", path) is not None, what


def test_json_schema_names_the_formats_for_an_unknown_one() -> None:
    with pytest.raises(ValueError, match="drawing, pattern, chart, scheme"):
        json_schema("handout")


# --- the commands on the site's pages ----------------------------------------------------------

#: The ``bodymap`` lines of the site's pages, in page order (a line may use a file an earlier
#: line of its page writes), each once.
DOC_COMMANDS = list(
    dict.fromkeys(
        command
        for page in sorted(DOCS.glob("[!_]*/**/*.md"))
        for command in readme_commands(page.read_text(encoding="utf-8"))
    )
)


def test_the_site_has_command_lines() -> None:
    assert len(DOC_COMMANDS) > 20
    assert any(arguments(c)[0] == "cohort" for c in DOC_COMMANDS)


@pytest.fixture(scope="module")
def site_workdir(workdir: Path) -> Path:
    """The README's folder, with the files the developer's guide names too."""
    shutil.copy(EXAMPLES / "pattern-valid.json", workdir / "my-pattern.json")
    shutil.copy(EXAMPLES / "scheme-valid.json", workdir / "my-scheme.json")
    return workdir


@pytest.mark.parametrize("command", [_param(c) for c in DOC_COMMANDS])
def test_site_command_runs(
    command: str, site_workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site_workdir)
    res = runner.invoke(app, arguments(command))
    assert res.exit_code == 0, f"{command}\n{res.stderr}"
    assert "Traceback" not in res.stderr
