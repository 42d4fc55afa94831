"""Tests of the cohort analysis: bodymap.cohort(), the frequency grid, maps and the CLI."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.cohort import (
    BASE_COLUMNS,
    CohortStopped,
    Grid,
    rasterize,
    read_groups,
)
from bodymap.apps.cohort import cohort
from bodymap.cli import app
from bodymap.core.errors import BodymapError, DataError

runner = CliRunner()


def drawing(*features: dict[str, Any], **meta: Any) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, **meta},
        "features": list(features),
    }


def square(view: str, x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {
        "type": "Feature",
        "properties": {"view": view},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def region(view: str, region_id: str) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"view": view, "region": region_id}, "geometry": None}


def stroke(view: str, coords: list[list[float]], width: float) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"view": view, "width": width},
        "geometry": {"type": "LineString", "coordinates": coords},
    }


# Four hand-made drawings with known answers (see test_frequency_at_known_points).
A = drawing(square("front", -6, 110, 2, 118), subject="a", clinic="north")
B = drawing(square("front", -2, 110, 6, 118), subject="b", clinic="north")
C = drawing(region("front", "groin-left"), subject="c", clinic="south")
D = drawing(stroke("back", [[-4, 112], [-4, 100]], 2), subject="d", clinic="south")

BAD_VIEW = drawing({"type": "Feature", "properties": {"view": "side"}, "geometry": None})


def write_jsonl(path: Path, docs: list[Any]) -> Path:
    path.write_text(
        "\n".join(d if isinstance(d, str) else json.dumps(d) for d in docs) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a drawing file, a folder of two drawings and a JSON Lines file."""
    monkeypatch.chdir(tmp_path)
    Path("a.json").write_text(json.dumps(A), encoding="utf-8")
    Path("more").mkdir()
    Path("more/b.json").write_text(json.dumps(B), encoding="utf-8")
    Path("more/.hidden.json").write_text("not even json", encoding="utf-8")
    Path("more/notes.txt").write_text("ignored", encoding="utf-8")
    write_jsonl(Path("cd.jsonl"), [C, "", D])
    return tmp_path


# --- the grid --------------------------------------------------------------------------------


def test_rasterize_counts_cell_centres_exactly() -> None:
    grid = Grid(cell=1.0, x0=0.0, y0=0.0, nx=10, ny=10)
    ring = shapely.box(1, 1, 9, 9)
    holed = shapely.Polygon(ring.exterior.coords, [shapely.box(3, 3, 5, 5).exterior.coords])
    geoms = np.array([shapely.box(2, 2, 4, 4), holed, shapely.box(0.4, 0.4, 0.6, 0.6)])
    counts = rasterize(geoms, grid, np.array([0, 1, 1]), 2)
    assert counts.shape == (2, 10, 10)
    assert counts[0].sum() == 4 and counts[0][2:4, 2:4].all()
    assert counts[1].sum() == 64 - 4 + 1  # the hole is empty, the tiny box holds (0.5, 0.5)
    assert counts[1][3, 3] == 0 and counts[1][0, 0] == 1


def test_grid_covers_the_chart(chart: bodymap.Chart) -> None:
    grid = Grid.for_chart(chart, 0.25)
    x0, y0, x1, y1 = grid.bounds
    for view in chart.views:
        bx0, by0, bx1, by1 = chart.outline(view).bounds
        assert x0 <= bx0 and y0 <= by0 and x1 >= bx1 and y1 >= by1
    assert grid.index(x0 + 0.3, y0 + 0.6) == (2, 1)
    with pytest.raises(BodymapError, match="outside the frequency grid"):
        grid.index(x1 + 1, 0)


# --- the API -----------------------------------------------------------------------------------


def test_mixed_inputs_rows_in_order(mixed: Path) -> None:
    result = bodymap.cohort(["a.json", "more", "cd.jsonl"])
    assert result.n == 4 and not result.problems
    assert [r["source"] for r in result.rows] == [
        "a.json",
        str(Path("more/b.json")),
        "cd.jsonl:1",
        "cd.jsonl:3",
    ]
    assert result.columns[: len(BASE_COLUMNS)] == BASE_COLUMNS
    assert result.columns[len(BASE_COLUMNS) :][:4] == (
        "iliopsoas_left_recall",
        "iliopsoas_left_precision",
        "iliopsoas_left_dice",
        "iliopsoas_left_jaccard",
    )
    first = result.rows[0]
    assert first["subject"] == "a" and first["recorded"] is None
    assert first["extent_cm2"] == 64.0 and first["n_marks"] == 1
    assert first["extent_pct"] == round(100 * 64.0 / bodymap.load_chart().area(), 2)


@pytest.mark.parametrize("engine", ["exact", "raster"])
def test_rows_agree_with_compare(mixed: Path, engine: str) -> None:
    # The exact engine matches compare() to the rounding; the raster engine within the
    # engines' agreed bound (|dDice| <= 0.01; extent and outside within 1 % or 0.5 cm2).
    raster = engine == "raster"
    tol = 0.01 if raster else 1.5e-4

    def area_tol(value: float) -> float:
        return max(0.01 * value, 0.5) if raster else 0.011

    extra = drawing(
        square("front", -30, 60, 30, 100),  # crosses the outline between the legs
        stroke("front", [[8, 95], [10, 85], [12, 75]], 3),
        region("back", "lower-back-left"),
        square("back", -10, 95, 10, 120),  # overlaps the region mark
    )
    write_jsonl(Path("x.jsonl"), [A, B, C, D, extra, drawing()])
    result = cohort(["x.jsonl"], patterns=["iliopsoas", "gluteus-medius"], engine=engine)
    assert result.n == 6
    for row, doc in zip(result.rows, [A, B, C, D, extra, drawing()]):
        for side in ("left", "right"):
            for name in ("iliopsoas", "gluteus-medius"):
                expected = bodymap.compare(doc, name, side=side).to_dict()
                prefix = f"{name.replace('-', '_')}_{side}"
                for measure in ("recall", "precision", "dice", "jaccard"):
                    assert row[f"{prefix}_{measure}"] == pytest.approx(
                        expected[measure], abs=tol
                    ), (row["source"], prefix, measure)
        extent = expected["extent"]["cm2"]
        assert row["extent_cm2"] == pytest.approx(extent, abs=area_tol(extent))
        pct = expected["extent"]["percent"]
        share = area_tol(extent) / extent * pct + 0.0051 if extent else 0.011
        assert row["extent_pct"] == pytest.approx(expected["extent"]["percent"], abs=share)
        outside = expected["outside_cm2"]
        assert row["outside_cm2"] == pytest.approx(outside, abs=area_tol(outside))
        assert row["regions"] == ";".join(r["id"] for r in expected["regions"])
    assert result.rows[4]["outside_cm2"] > 0
    empty = result.rows[5]
    assert empty["extent_cm2"] == 0 and empty["iliopsoas_left_precision"] is None


def _outside_pattern(path: Path) -> Path:
    """A user pattern file (name not built in) with a zone reaching outside the body."""
    doc = {
        "type": "FeatureCollection",
        "bodymap": {
            "kind": "muscle",
            "version": 1,
            "name": "my-pattern",
            "chart": "adult",
            "drawn_side": "left",
            "sources": ["A test."],
        },
        "features": [
            {  # the front of the left thigh and well beyond its lateral edge
                "type": "Feature",
                "id": "thigh",
                "properties": {"kind": "essential", "view": "front"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[4, 60], [40, 60], [40, 80], [4, 80], [4, 60]]],
                },
            }
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_compare_and_cohort_agree_for_a_pattern_reaching_outside_the_body(mixed: Path) -> None:
    # compare and the cohort both clip the pattern to the outline.
    pattern = _outside_pattern(Path("my-pattern.json"))
    loaded = bodymap.load_pattern(pattern)
    zone = loaded.zones("left")[0].geometry
    outline = bodymap.load_chart().outline("front")
    assert zone.difference(outline).area > 100  # really reaches outside
    doc = drawing(square("front", 5, 62, 12, 78), square("front", 14, 65, 30, 70))
    write_jsonl(Path("y.jsonl"), [doc, A, C])
    result = cohort(["y.jsonl"], patterns=[str(pattern)], sides=["left", "right"])
    for row, d in zip(result.rows, [doc, A, C]):
        for side in ("left", "right"):
            expected = bodymap.compare(d, str(pattern), side=side).to_dict()
            for measure in ("recall", "precision", "dice", "jaccard"):
                assert row[f"my_pattern_{side}_{measure}"] == pytest.approx(
                    expected[measure], abs=1.5e-4
                ), (row["source"], side, measure)
    # The pattern's reference area is its part inside the body, for both.
    recall = result.rows[0]["my_pattern_left_recall"]
    inside = zone.intersection(outline).area
    marked = shapely.union_all([shapely.box(5, 62, 12, 78), shapely.box(14, 65, 30, 70)])
    expected_recall = marked.intersection(zone).intersection(outline).area / inside
    assert recall == pytest.approx(expected_recall, abs=1e-4)


def test_frequency_at_known_points(mixed: Path) -> None:
    result = cohort(["a.json", "more", "cd.jsonl"])
    assert result.frequency_at("front", -4.9, 114.1) == 25.0  # A only
    assert result.frequency_at("front", 0.1, 114.1) == 50.0  # A and B
    assert result.frequency_at("front", 4.9, 114.1) == 25.0  # B only
    assert result.frequency_at("front", 7.0, 91.0) == 25.0  # C, the left groin
    assert result.frequency_at("back", -4.1, 106.1) == 25.0  # D, the stroke
    assert result.frequency_at("back", 2.1, 105.1) == 0.0
    counts = result.counts("front")
    assert counts.dtype == np.int32 and counts.shape == result.grid.shape
    # The squares are 8 x 8 cm on a 0.25 cm grid: exactly 1024 cells each, 512 shared.
    (r0, c0), (r1, c1) = result.grid.index(-6.0, 110.0), result.grid.index(6.0, 118.0)
    assert (r1 - r0, c1 - c0) == (32, 48)
    assert counts[r0:r1, c0:c1].sum() == 2048 and (counts[r0:r1, c0:c1] > 0).sum() == 1536
    cells = result.grid.cell**2
    groin = bodymap.load_chart().region("groin-left").area
    assert (counts > 0).sum() * cells == pytest.approx(96 + groin, rel=0.002)
    assert result.frequency("back").max() == 25.0


def test_region_counts(mixed: Path) -> None:
    result = cohort(["a.json", "more", "cd.jsonl"])
    table = {r["region"]: r for r in result.region_table()}
    assert table["groin-left"]["count"] == 1 and table["groin-left"]["percent"] == 25.0
    assert table["lower-back-left"]["count"] + table["lower-back-right"]["count"] >= 1
    assert table["foot-front-left"]["count"] == 0
    touched = {r for row in result.rows for r in row["regions"].split(";") if r}
    assert {k for k, v in table.items() if v["count"]} == touched
    assert sum(v["count"] for v in table.values()) == sum(
        len(row["regions"].split(";")) for row in result.rows if row["regions"]
    )


def test_groups_from_table_and_from_metadata(mixed: Path) -> None:
    Path("groups.csv").write_text("subject;site\na;x\nb;y\nc;x\n", encoding="utf-8")
    result = cohort(["a.json", "more", "cd.jsonl"], by="site", groups="groups.csv")
    assert list(result.groups) == ["x", "y"]
    assert result.groups["x"].n == 2 and result.groups["y"].n == 1
    assert result.total.n == 4  # d has no group: counted in the total only
    assert [r["group"] for r in result.rows] == ["x", "y", "x", None]
    assert result.frequency_at("front", 0.1, 114.1, group="x") == 50.0
    assert result.frequency_at("front", 0.1, 114.1, group="y") == 100.0
    by_meta = cohort(["a.json", "more", "cd.jsonl"], by="clinic")
    assert {k: g.n for k, g in by_meta.groups.items()} == {"north": 2, "south": 2}
    region_row = {r["region"]: r for r in by_meta.region_table()}["groin-left"]
    assert region_row["count_south"] == 1 and region_row["percent_south"] == 50.0
    with pytest.raises(bodymap.UnknownNameError, match="unknown group 'east'"):
        by_meta.frequency("front", group="east")


def test_read_groups_errors(tmp_path: Path) -> None:
    table = tmp_path / "g.csv"
    table.write_text("subject,site\na,x\na,y\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"g.csv:3: subject 'a' is in two groups \('x' and 'y'\)"):
        read_groups(table, "site")
    with pytest.raises(DataError, match="no column 'ward' in the groups table; columns: subject"):
        read_groups(table, "ward")


def test_broken_inputs_are_reported_and_skipped(mixed: Path) -> None:
    Path("more/broken.json").write_text("{not json", encoding="utf-8")
    write_jsonl(Path("cd.jsonl"), [C, BAD_VIEW, "oops", D])
    seen: list[str] = []
    result = cohort(["a.json", "more", "cd.jsonl"], on_problem=lambda p: seen.append(str(p)))
    assert result.n == 4
    assert [p.source for p in result.problems] == [
        str(Path("more/broken.json")),
        "cd.jsonl:2",
        "cd.jsonl:3",
    ]
    assert seen == [p.message for p in result.problems]
    assert seen[1] == "cd.jsonl:2: feature 0: unknown view 'side'; choose from: front, back, sole"
    assert seen[2] == "cd.jsonl:3: not valid JSON (Expecting value: line 1 column 1 (char 0))"
    assert seen[0].startswith(f"{Path('more/broken.json')}: not valid JSON (")
    with pytest.raises(CohortStopped, match=r"not valid JSON .* \(stopped: --strict\)"):
        cohort(["a.json", "more", "cd.jsonl"], strict=True)


def test_other_chart_and_missing_input(mixed: Path) -> None:
    write_jsonl(Path("o.jsonl"), [drawing(chart="child.json")])
    result = cohort(["o.jsonl"])
    assert result.n == 0
    assert result.problems[0].message.startswith("o.jsonl:1: ")
    with pytest.raises(DataError, match="nope: no such file or folder"):
        cohort(["nope"])
    with pytest.raises(bodymap.UnknownNameError, match="unknown side 'up'"):
        cohort(["a.json"], sides=["up"])


def test_processes_give_the_same_result(mixed: Path) -> None:
    write_jsonl(Path("many.jsonl"), [A, B, C, D] * 30)
    one = cohort(["many.jsonl", "a.json"])
    two = cohort(["many.jsonl", "a.json"], jobs=2)
    assert one.rows == two.rows
    assert np.array_equal(one.total.grids, two.total.grids)
    assert np.array_equal(one.total.regions, two.total.regions)


def test_result_api(mixed: Path) -> None:
    result = bodymap.cohort("cd.jsonl", keep_rows=False)
    assert result.rows == [] and result.n == 2
    assert result.views == ("front", "back", "sole")
    if importlib.util.find_spec("pandas") is None:
        with pytest.raises(BodymapError, match="needs pandas"):
            result.to_pandas()
    from bodymap.apps import cohort as cohorts

    assert bodymap.cohort is cohorts.cohort and bodymap.cohort("a.json").n == 1


# --- figures -------------------------------------------------------------------------------------


def test_frequency_map_scene(mixed: Path) -> None:
    result = cohort(["a.json", "more", "cd.jsonl"], by="clinic")
    svg = result.frequency_map().to_svg()
    # The cohort counts drawings (a patient may have several): shares are % of drawings.
    assert "% of drawings" in svg and "Pain frequency map" in svg and "n = 4 drawings" in svg
    assert "clinic: north (n = 2 drawings)" in svg and "north minus south" in svg
    assert 'id="map-0-front-heat"' in svg and 'id="diff-front-heat"' in svg
    nl = result.frequency_map(lang="nl", groups=["north"]).to_svg()
    assert "% van de tekeningen" in nl and "diff-front" not in nl
    choropleth = result.region_map(lang="nl").to_svg()
    assert 'id="choropleth-groin-left"' in choropleth and "Linkerlies: 25 %" in choropleth


# --- the command line --------------------------------------------------------------------------


def test_cli_mixed_inputs(mixed: Path) -> None:
    res = runner.invoke(
        app,
        ["cohort", "a.json", "more", "cd.jsonl", "-o", "t.csv", "--regions-out", "r.csv",
         "--map", "m.svg", "--side", "left", "--quiet"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert res.stderr.splitlines() == ["wrote t.csv", "wrote r.csv", "wrote m.svg"]
    with open("t.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 and "iliopsoas_right_dice" not in rows[0]
    assert rows[2]["source"] == "cd.jsonl:1" and rows[2]["regions"] == "groin-left"
    with open("r.csv", newline="", encoding="utf-8") as fh:
        regions = {r["region"]: r for r in csv.DictReader(fh)}
    assert regions["groin-left"]["count"] == "1" and regions["groin-left"]["percent"] == "25.0"
    assert "% of drawings" in Path("m.svg").read_text(encoding="utf-8")


def test_cli_broken_inputs_exit_1_with_summary(mixed: Path) -> None:
    write_jsonl(Path("cd.jsonl"), [C, BAD_VIEW, D])
    res = runner.invoke(app, ["cohort", "a.json", "cd.jsonl", "-o", "t.csv", "--json"])
    assert res.exit_code == 1
    line = "cd.jsonl:2: feature 0: unknown view 'side'; choose from: front, back, sole"
    assert res.stderr == (f"{line}\nSkipped 1 broken input(s); analysed 3 drawings:\n  {line}\n")
    summary = json.loads(res.stdout)
    assert summary["drawings"] == 3 and summary["broken"] == 1
    assert summary["problems"] == [{"source": "cd.jsonl:2", "message": line}]
    assert len(Path("t.csv").read_text(encoding="utf-8").splitlines()) == 4


def test_cli_strict_writes_nothing(mixed: Path) -> None:
    write_jsonl(Path("cd.jsonl"), [C, BAD_VIEW, D])
    Path("t.csv").write_text("old,complete,table\n", encoding="utf-8")
    res = runner.invoke(app, ["cohort", "a.json", "cd.jsonl", "-o", "t.csv", "--strict"])
    assert res.exit_code == 1
    assert res.stderr == (
        "Error: cd.jsonl:2: feature 0: unknown view 'side'; choose from: front, back, sole "
        "(stopped: --strict)\n"
    )
    assert Path("t.csv").read_text(encoding="utf-8") == "old,complete,table\n"
    assert sorted(p.name for p in Path().iterdir() if p.name.startswith(".")) == []


def test_cli_interrupted_run_leaves_no_table(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bodymap.analysis.cohort.run as module

    def boom(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(module, "_analyse", boom)
    res = runner.invoke(app, ["cohort", "a.json", "-o", "t.csv"])
    assert res.exit_code == 130
    assert "Interrupted; nothing written." in res.stderr
    assert not Path("t.csv").exists()
    assert [p.name for p in Path().iterdir() if p.name.startswith(".t.csv")] == []


def test_cli_usage_errors(mixed: Path) -> None:
    res = runner.invoke(app, ["cohort", "nope.jsonl"])
    assert res.exit_code == 2
    assert res.stderr == (
        "Error: Invalid value for 'INPUT...': nope.jsonl: no such file or folder "
        "(see 'bodymap cohort --help')\n"
    )
    res = runner.invoke(app, ["cohort", "a.json", "--groups", "g.csv"])
    assert res.exit_code == 2 and "--groups needs --by COLUMN" in res.stderr
    res = runner.invoke(app, ["cohort", "a.json", "-o", "t.xlsx"])
    assert res.exit_code == 1
    assert (
        res.stderr
        == "Error: t.xlsx: unknown table format .xlsx; use .csv, .tsv, .jsonl, .ndjson, .parquet\n"
    )
    res = runner.invoke(app, ["cohort", "a.json", "--side", "up"])
    assert res.exit_code == 2 and "unknown side 'up'; choose from: left, right, both" in res.stderr


def test_cli_all_broken_is_an_error(mixed: Path) -> None:
    write_jsonl(Path("bad.jsonl"), ["oops"])
    res = runner.invoke(app, ["cohort", "bad.jsonl", "-o", "t.csv"])
    assert res.exit_code == 1
    assert res.stderr.endswith(
        "Error: no drawings could be read from the inputs; nothing written\n"
    )
    assert not Path("t.csv").exists()


def test_parquet_table(mixed: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")

    out = tmp_path / "table.parquet"
    result = runner.invoke(app, ["cohort", str(mixed), "-o", str(out), "-q"])
    assert result.exit_code in (0, 1), result.output  # the fixture holds broken inputs
    table = pq.read_table(out)
    api = bodymap.cohort([mixed])
    assert table.num_rows == len(api.rows)
    assert table.column_names == list(api.columns)
    assert str(table.schema.field("n_marks").type) == "int64"
    assert str(table.schema.field("iliopsoas_left_dice").type) == "double"
    assert str(table.schema.field("source").type) == "string"
    assert table.column("iliopsoas_left_dice").to_pylist() == [
        r["iliopsoas_left_dice"] for r in api.rows
    ]


def test_parquet_region_table(mixed: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")

    result = bodymap.cohort([mixed], by="clinic")
    out = result.write_regions(tmp_path / "regions.parquet")
    table = pq.read_table(out)
    rows = result.region_table()
    assert table.num_rows == len(rows)
    assert str(table.schema.field("count").type) == "int64"
    assert str(table.schema.field("percent").type) == "double"
    assert table.to_pylist() == rows


def test_blocks_read_by_offset_are_the_blocks_read_whole(tmp_path: Path) -> None:
    from bodymap.analysis.cohort.inputs import documents, tasks

    lines = [json.dumps(d) for d in [A, B, C, D] * 40]
    lines[7] = "{broken"
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # no newline at the end
    expanded = [("jsonl", str(path))]
    whole = list(tasks(expanded, 10, 2000))
    placed = list(tasks(expanded, 10, 2000, by_offset=True))
    assert len(whole) == len(placed) > 5
    for a, b in zip(whole, placed):
        assert b.data == b"" and b.offset >= 0
        assert (a.first_line, a.size, a.block()) == (b.first_line, b.size, b.block())
    got = [(s, str(d) if isinstance(d, Exception) else d) for t in placed for s, d in documents(t)]
    want = [(s, str(d) if isinstance(d, Exception) else d) for t in whole for s, d in documents(t)]
    assert got == want and len(got) == 160
    path.write_text("\n".join(lines[:20]), encoding="utf-8")
    with pytest.raises(DataError, match=r"many\.jsonl: the file changed while it was being read"):
        placed[-1].block()


def test_pool_workers_reading_blocks_by_offset_give_the_same_result(tmp_path: Path) -> None:
    lines = [json.dumps(d) for d in [A, B, C, D] * 5000]
    lines[9] = "{broken"
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = cohort([path])
    two = cohort([path], jobs=2)
    assert path.stat().st_size > 4 * (64 << 10)  # several chunks per worker
    assert one.rows == two.rows and len(one.rows) == 19_999
    assert [p.message for p in one.problems] == [p.message for p in two.problems]
    assert one.problems[0].source.endswith("big.jsonl:10")
    assert np.array_equal(one.total.grids, two.total.grids)


def test_a_pipe_is_carried_in_its_tasks_not_read_again(tmp_path: Path) -> None:
    import threading

    from bodymap.analysis.cohort.inputs import tasks

    fifo = tmp_path / "piped.jsonl"
    os.mkfifo(fifo)
    text = "\n".join(json.dumps(d) for d in [A, B, C, D] * 40) + "\n"

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(text)

    writer = threading.Thread(target=feed)
    writer.start()
    placed = list(tasks([("jsonl", str(fifo))], 10, 2000, by_offset=True))
    writer.join()
    assert len(placed) > 5
    assert all(t.offset == -1 and t.data for t in placed)
    assert b"".join(t.block() for t in placed) == text.encode()
