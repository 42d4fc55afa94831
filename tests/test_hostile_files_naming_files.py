"""A file that names another file: bodymap never opens the file named.

A drawing's ``bodymap.chart``, a scheme file's chart and the chart field of a paper chart's
QR code name a built-in chart, or the chart the user gave explicitly (``chart=``,
``--chart FILE``), and nothing else.  A path written inside a file is never opened, and no
message quotes the content of another file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app
from bodymap.core.errors import DataError, DrawingError
from bodymap.core.text import show_value
from bodymap.model.chart import named_chart
from bodymap.model.scheme import from_codes, load_scheme

runner = CliRunner()
SHAPES = Path(__file__).resolve().parent.parent / "shapes"
SECRET = "TOP-SECRET-API-KEY-12345"
NOT_BUILT_IN = (
    "is not a built-in chart (adult); a chart file is used only when given explicitly "
    "(--chart FILE, or chart= in Python)"
)


def drawing(chart: str | None = None, **meta: Any) -> dict[str, Any]:
    block: dict[str, Any] = {"kind": "drawing", "version": 1, **meta}
    if chart is not None:
        block["chart"] = chart
    return {
        "type": "FeatureCollection",
        "bodymap": block,
        "features": [
            {
                "type": "Feature",
                "geometry": None,
                "properties": {"view": "front", "region": "groin-left"},
            }
        ],
    }


def write(path: Path, doc: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A JSON file that is not a chart and holds a secret, beside the drawings' folder."""
    return write(tmp_path / "qr" / "secret.json", {"bodymap": {"kind": SECRET}})


@pytest.fixture
def child(tmp_path: Path) -> Path:
    """A chart file of the user's own (the adult chart under the name "child")."""
    doc = json.loads((SHAPES / "chart-adult.json").read_text(encoding="utf-8"))
    doc["bodymap"]["name"] = "child"
    return write(tmp_path / "charts" / "child.json", doc)


def test_a_drawing_naming_a_relative_chart_file_is_refused_without_reading_it(
    tmp_path: Path, secret: Path
) -> None:
    path = write(tmp_path / "in" / "d.json", drawing("../qr/secret.json"))
    with pytest.raises(DrawingError) as caught:
        bodymap.load_drawing(path)
    assert str(caught.value) == f"{path}: chart '../qr/secret.json' {NOT_BUILT_IN}"
    assert SECRET not in str(caught.value)


def test_a_drawing_naming_a_huge_file_is_refused_at_once(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:  # sparse: 2 GB that take no room on disk
        fh.truncate(2 << 30)
    path = write(tmp_path / "d.json", drawing(str(huge)))
    with pytest.raises(DrawingError) as caught:
        bodymap.load_drawing(path)
    assert str(caught.value) == f"{path}: chart {show_value(str(huge))} {NOT_BUILT_IN}"


def test_the_cli_refuses_the_chart_a_drawing_names(tmp_path: Path, secret: Path) -> None:
    path = write(tmp_path / "in" / "d.json", drawing("../qr/secret.json"))
    for args in (["compare", str(path)], ["render", "--drawing", str(path), "-o", "x.svg"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert result.stderr == f"Error: {path}: chart '../qr/secret.json' {NOT_BUILT_IN}\n"
        assert not Path("x.svg").exists()


def test_the_chart_given_explicitly_is_the_one_a_drawing_may_name(
    tmp_path: Path, child: Path
) -> None:
    by_name = write(tmp_path / "a.json", drawing("child"))
    by_file = write(tmp_path / "b.json", drawing("../elsewhere/child.json"))
    given = bodymap.load_chart(child)
    for path in (by_name, by_file):
        loaded = bodymap.load_drawing(path, chart=child)
        assert loaded.chart is given
        assert loaded.area() == pytest.approx(101.4, abs=0.05)
    other = write(tmp_path / "c.json", drawing("other.json"))
    with pytest.raises(DrawingError) as caught:
        bodymap.load_drawing(other, chart=child)
    assert str(caught.value) == (
        f"{other}: chart 'other.json' is neither a built-in chart (adult) nor the chart "
        "given ('child')"
    )
    with pytest.raises(DrawingError) as unknown:
        bodymap.load_drawing(write(tmp_path / "d.json", drawing("kid")), chart=child)
    assert str(unknown.value).endswith(": unknown chart 'kid'; choose from: adult, child")


def test_the_cli_passes_the_chart_given_to_the_drawing(tmp_path: Path, child: Path) -> None:
    path = write(tmp_path / "d.json", drawing("child"))
    out = tmp_path / "d.svg"
    result = runner.invoke(app, ["render", "--drawing", str(path), "--chart", str(child),
                                 "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_named_chart_quotes_only_the_name_shortened() -> None:
    with pytest.raises(DataError) as caught:
        named_chart("x" * 5000 + ".json")
    assert str(caught.value) == f"chart '{'x' * 36}... {NOT_BUILT_IN}"
    with pytest.raises(DataError, match=r"^unknown chart 'a\\x1b\[31m'; choose from: adult$"):
        named_chart("a\x1b[31m")
    assert named_chart("adult") is bodymap.load_chart()


def test_a_scheme_file_naming_a_chart_file_is_refused(tmp_path: Path, secret: Path) -> None:
    doc = json.loads((SHAPES / "scheme-wpi.json").read_text(encoding="utf-8"))
    doc["bodymap"]["chart"] = "qr/secret.json"
    path = write(tmp_path / "s.json", doc)
    with pytest.raises(DataError) as caught:
        load_scheme(path)
    assert str(caught.value) == f"{path}: chart 'qr/secret.json' {NOT_BUILT_IN}"


def test_a_scheme_file_may_name_the_chart_given(tmp_path: Path, child: Path) -> None:
    doc = json.loads((SHAPES / "scheme-wpi.json").read_text(encoding="utf-8"))
    doc["bodymap"]["chart"] = "child.json"
    path = write(tmp_path / "s.json", doc)
    given = bodymap.load_chart(child)
    scheme = load_scheme(path, chart=given)
    assert scheme.chart is given
    made = from_codes("jaw-left", scheme)
    assert made.chart is given and len(made.marks) == 1


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("a,b", "holds ',', which separates codes in a list"),
        ("a;b", "holds ';', which separates codes in a list"),
        ("a\x1b[31m", "holds the invisible character U+001B"),
        ("a\u202eb", "holds the invisible character U+202E"),
        (" a", "begins or ends with white space"),
    ],
)
def test_scheme_codes_a_code_list_cannot_hold_are_refused(
    tmp_path: Path, code: str, problem: str
) -> None:
    doc = json.loads((SHAPES / "scheme-wpi.json").read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["code"] = code
    path = write(tmp_path / "s.json", doc)
    with pytest.raises(DataError) as caught:
        load_scheme(path)
    shown = show_value(code)
    assert str(caught.value) == f"{path}: feature 0: code {shown} {problem}"


def test_a_cohort_drawing_naming_a_chart_file_is_a_problem_not_a_read(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    lines = [drawing("../qr/secret.json"), drawing()]
    Path("in/d.jsonl").write_text("".join(json.dumps(d) + "\n" for d in lines))
    result = bodymap.cohort(["in/d.jsonl"])
    assert result.n == 1
    assert [p.message for p in result.problems] == [
        f"{os.path.join('in', 'd.jsonl')}:1: chart '../qr/secret.json' {NOT_BUILT_IN}"
    ]
