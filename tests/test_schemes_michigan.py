"""The ``michigan`` scheme: the 35 Michigan Body Map areas on the adult chart.

Its areas tile each view, lie where they are named, take the REDCap Image Map keys as
aliases, and go round exactly: codes to a drawing and back give the same codes, through the
library, the command line, the cohort and a FHIR bundle.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import shapely
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.schemes import codes
from bodymap.cli import app
from bodymap.core.errors import CodeError
from bodymap.model.chart import load_chart
from bodymap.model.scheme import Scheme, from_codes, load_scheme

runner = CliRunner()


@pytest.fixture(scope="module")
def michigan() -> Scheme:
    return load_scheme("michigan")


CODES = [a.code for a in load_scheme("michigan").areas]


def test_the_35_areas_in_the_order_of_the_instrument(michigan: Scheme) -> None:
    assert len(michigan.areas) == 35
    assert michigan.codes[:5] == ("face", "jaw-right", "jaw-left", "chest-right", "chest-left")
    assert michigan.codes[-4:] == ("hip-left", "hip-right", "buttock-left", "buttock-right")
    sides = [a.side for a in michigan.areas]
    assert (sides.count("midline"), sides.count("left"), sides.count("right")) == (7, 14, 14)
    assert michigan.area("wrist-hand-left").name("en") == "Left wrist/hand"
    assert michigan.area("wrist-hand-left").name("nl") == "Linkerpols/hand"
    assert michigan.area("chest-right").name("en") == "Right chest/breast"
    assert "Brummett" in " ".join(michigan.meta["sources"])


def test_redcap_image_map_keys_are_aliases(michigan: Scheme) -> None:
    assert michigan.resolve("34, 0,13") == ("face", "abdomen", "buttock-right")
    assert michigan.resolve(["27", "28", "Neck"]) == ("neck", "shoulder-left", "shoulder-right")
    with pytest.raises(CodeError, match="unknown michigan code '35'"):
        michigan.resolve("35")  # "No Chronic Pain" is a checkbox, not an area


@pytest.mark.parametrize("view", ["front", "back"])
def test_areas_tile_each_view(michigan: Scheme, view: str) -> None:
    chart = load_chart("adult")
    parts = [a.parts[view] for a in michigan.areas if view in a.parts]
    union = shapely.union_all(parts)
    assert sum(p.area for p in parts) - union.area < 0.01  # no overlaps
    regions = shapely.union_all([r.geometry for r in chart.regions_in(view)])
    assert union.symmetric_difference(regions).area < 0.01  # every chart region, all of it


def test_sides_follow_the_chart_frame(michigan: Scheme) -> None:
    for area in michigan.areas:
        for view, part in area.parts.items():
            x = part.centroid.x
            if area.side == "midline":
                assert abs(x) < 0.5, area.code
            else:
                on_left = x > 0 if view == "front" else x < 0
                assert on_left is (area.side == "left"), (area.code, view)


def test_areas_lie_where_named(michigan: Scheme) -> None:
    chart = load_chart("adult")
    spots = {
        "face": ("front", "temple-left"),
        "jaw-left": ("front", "angle-of-jaw-left"),
        "chest-right": ("front", "nipple-right"),
        "abdomen": ("front", "navel"),
        "pelvis": ("front", "pubic-symphysis"),
        "elbow-left": ("back", "olecranon-left"),
        "wrist-hand-right": ("front", "thenar-right"),
        "knee-left": ("front", "patella-left"),
        "knee-right": ("front", "tibial-tuberosity-right"),
        "ankle-foot-left": ("back", "heel-left"),
        "head": ("back", "mastoid-left"),
        "neck": ("back", "c7"),
        "shoulder-right": ("back", "acromion-right"),
        "upper-back": ("back", "inferior-angle-of-scapula-left"),
        "lower-back": ("back", "l4"),
        "hip-left": ("back", "greater-trochanter-left"),
        "buttock-right": ("back", "gluteal-fold-right"),
    }
    for code, (view, name) in spots.items():
        x, y = chart.landmarks[view][name]
        assert michigan.area(code).parts[view].covers(shapely.Point(x, y)), (code, name)


@pytest.mark.parametrize("code", CODES)
def test_round_trip_single_code(code: str) -> None:
    drawing = from_codes(code, "michigan")
    assert {m.properties["code"] for m in drawing.marks} == {code}
    assert tuple(s.code for s in codes(drawing, "michigan")) == (code,)


def test_round_trip_random_sets(tmp_path: Path) -> None:
    rng = random.Random(7)
    for i in range(60):
        picked = sorted(rng.sample(CODES, rng.randint(0, 35)), key=CODES.index)
        drawing = from_codes(",".join(rng.sample(picked, len(picked))), "michigan")
        path = drawing.save(tmp_path / f"d{i}.json")
        assert [s.code for s in codes(path, "michigan")] == picked


def test_round_trip_through_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    result = runner.invoke(
        app, ["from-codes", "34,NECK,jaw-left,6", "--scheme", "michigan", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["codes", str(out), "--scheme", "michigan"])
    assert result.stdout == "jaw-left,upper-arm-left,neck,buttock-right\n"
    rows = json.loads(
        runner.invoke(app, ["codes", str(out), "--scheme", "MICHIGAN", "--json"]).stdout
    )
    assert [r["share"] for r in rows] == [1.0] * 4
    listed = runner.invoke(app, ["schemes", "michigan", "--json"])
    assert [a["code"] for a in json.loads(listed.stdout)["areas"]] == CODES
    result = runner.invoke(
        app, ["from-codes", "face,elbow", "--scheme", "michigan", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown michigan code 'elbow'; 'bodymap schemes michigan' lists the codes\n"
    )


def test_cohort_by_michigan_codes(tmp_path: Path) -> None:
    lists = ["face,neck,lower-back", "shoulder-left,hip-right", ""]
    lines = tmp_path / "d.jsonl"
    lines.write_text(
        "".join(from_codes(c, "michigan").to_json().replace("\n", "") + "\n" for c in lists)
    )
    for engine in ("exact", "raster"):
        rows = bodymap.cohort(lines, scheme="michigan", engine=engine).rows
        assert [r["regions"] for r in rows] == [c.replace(",", ";") for c in lists], engine
    table = tmp_path / "codes.csv"
    table.write_text("id,codes\n" + "".join(f'p{i},"{c}"\n' for i, c in enumerate(lists)))
    rows = bodymap.cohort(table, scheme="michigan", codes_column="codes", id_column="id").rows
    assert [r["regions"] for r in rows] == [c.replace(",", ";") for c in lists]


def test_fhir_bundle_of_michigan_codes_reports_the_chart_regions_of_the_areas() -> None:
    from bodymap.apps.fhir import REGION_SYSTEM, fhir_bundle

    michigan = load_scheme("michigan")
    drawing = from_codes("jaw-left,shoulder-right,lower-back", "michigan", subject="p1")
    bundle = fhir_bundle(drawing)
    sites = {
        c["code"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation" and "bodySite" in e["resource"]
        for c in e["resource"]["bodySite"]["coding"]
        if c["system"] == REGION_SYSTEM
    }
    chart = load_chart("adult")
    expected = {
        r.id
        for code in ("jaw-left", "shoulder-right", "lower-back")
        for view, part in michigan.area(code).parts.items()
        for r in chart.regions_in(view)
        if r.geometry.intersection(part).area > 0.1 * r.geometry.area
    }
    assert sites == expected
    assert {"face-left", "shoulder-front-right", "shoulder-back-right", "sacrum"} <= sites
