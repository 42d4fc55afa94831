"""Built-in data files are trusted when asked for by name, and only then.

A built-in chart, pattern or scheme asked for by its name is built without walking its
coordinates again (``bodymap.model.data.is_trusted``).  That is safe only because these tests
check every built-in file in full, through its path, as a user's file is checked, and find
the very same geometries; a user's copy of a built-in file keeps every check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapely

from bodymap.core.errors import DataError
from bodymap.model.chart import load_chart
from bodymap.model.data import builtin_names, data_dir, data_geometry, is_trusted, load_cached
from bodymap.model.pattern import load_pattern
from bodymap.model.scheme import load_scheme

KINDS = ("chart", "pattern", "scheme")
BUILTIN = [(kind, name) for kind in KINDS for name in builtin_names(kind)]
LOADERS = {"chart": load_chart, "pattern": load_pattern, "scheme": load_scheme}
TYPES = ("Point", "Polygon", "MultiPolygon")


def _geometries(doc: dict[str, Any], path: Path) -> tuple[bool, list[Any]]:
    """Whether the file was trusted, and its features' geometries as data_geometry builds them."""
    return is_trusted(), [
        data_geometry(path, f["geometry"], TYPES, f"feature {i}")
        for i, f in enumerate(doc["features"])
    ]


def _path(kind: str, name: str) -> Path:
    return data_dir() / f"{kind}-{name}.json"


def test_every_kind_has_built_in_files():
    assert {kind for kind, _ in BUILTIN} == set(KINDS)


@pytest.mark.parametrize(("kind", "name"), BUILTIN, ids=[f"{k}-{n}" for k, n in BUILTIN])
def test_a_built_in_file_passes_every_check_a_user_file_gets(kind, name):
    # Through its path the file is a user's file: every check runs and none fails.
    loaded = LOADERS[kind](_path(kind, name))
    assert loaded.path == _path(kind, name)


@pytest.mark.parametrize(("kind", "name"), BUILTIN, ids=[f"{k}-{n}" for k, n in BUILTIN])
def test_a_trusted_built_in_file_gives_the_geometries_the_full_checks_give(kind, name):
    trusted, fast = load_cached(kind, name, _geometries)
    checked, strict = load_cached(kind, _path(kind, name), _geometries)
    assert (trusted, checked) == (True, False)
    assert [g.geom_type for g in fast] == [g.geom_type for g in strict]
    assert all(shapely.equals_exact(a, b, tolerance=0) for a, b in zip(fast, strict))
    assert [shapely.get_coordinate_dimension(g) for g in fast] == [
        shapely.get_coordinate_dimension(g) for g in strict
    ]


def test_a_built_in_chart_loads_the_same_by_name_and_by_path():
    by_name, by_path = load_chart("adult"), load_chart(_path("chart", "adult"))
    assert by_name.landmarks == by_path.landmarks
    assert [r.id for r in by_name.regions] == [r.id for r in by_path.regions]
    assert all(
        a.geometry.equals_exact(b.geometry, 0) for a, b in zip(by_name.regions, by_path.regions)
    )
    for view in by_name.views:
        assert by_name.outline(view).equals_exact(by_path.outline(view), 0)


def _copy(tmp_path: Path, kind: str, name: str, edit: Any) -> Path:
    doc = json.loads(_path(kind, name).read_text(encoding="utf-8"))
    edit(doc)
    copy = tmp_path / f"{kind}-{name}.json"
    copy.write_text(json.dumps(doc), encoding="utf-8")
    return copy


def _bow_tie(doc: dict[str, Any]) -> None:
    doc["features"][0]["geometry"]["coordinates"] = [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]


def _text_coordinate(doc: dict[str, Any]) -> None:
    doc["features"][0]["geometry"]["coordinates"][0][1] = ["1", 2]


def _far_landmark(doc: dict[str, Any]) -> None:
    view = next(iter(doc["bodymap"]["landmarks"]))
    landmark = next(iter(doc["bodymap"]["landmarks"][view]))
    doc["bodymap"]["landmarks"][view][landmark] = [1e9, 0]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_bow_tie, "feature 0: geometry must be a valid Polygon"),
        (_text_coordinate, "feature 0: the Polygon's coordinates are not nested as GeoJSON says"),
        (_far_landmark, "must be an [x, y] point in range, not [1000000000.0, 0]"),
    ],
    ids=["self-crossing polygon", "text coordinate", "landmark out of range"],
)
def test_a_user_copy_of_a_built_in_chart_gets_every_check(tmp_path, edit, message):
    copy = _copy(tmp_path, "chart", "adult", edit)
    with pytest.raises(DataError, match=r"^" + str(copy).replace("\\", "\\\\")) as caught:
        load_chart(copy)
    assert message in str(caught.value)


def test_a_user_copy_of_a_built_in_pattern_gets_every_check(tmp_path):
    copy = _copy(tmp_path, "pattern", "iliopsoas", _bow_tie)
    with pytest.raises(DataError, match="geometry must be a valid polygon"):
        load_pattern(copy)


def test_only_a_file_asked_for_by_its_built_in_name_is_trusted(tmp_path):
    def trusted(doc: dict[str, Any], path: Path) -> bool:
        return is_trusted()

    copy = _copy(tmp_path, "chart", "adult", lambda doc: None)
    assert load_cached("chart", "adult", trusted) is True
    assert load_cached("chart", "ADULT", trusted) is True
    assert load_cached("chart", _path("chart", "adult"), trusted) is False
    assert load_cached("chart", str(_path("chart", "adult")), trusted) is False
    assert load_cached("chart", copy, trusted) is False
    assert is_trusted() is False
