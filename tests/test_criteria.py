"""The widespread-pain criteria: ACR 1990, the Manchester definition and fibromyalgia 2016.

Drawings made of whole chart regions sit on each side of each rule (one region fewer or
more); the 2016 criteria are checked at their WPI and symptom-severity boundaries; the
cohort table (both engines, drawings and code tables) gives for every drawing what
``bodymap codes --criteria --json`` gives, also for drawings whose deciding region is
marked at its threshold plus or minus 0.001 cm².
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from cohort_helpers import region_doc, write_jsonl
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.criteria import (
    _ROLES,
    LIMB_SECTIONS,
    SSS_MAX,
    acr1990_widespread,
    check_sss,
    criteria,
    fibromyalgia_2016,
    manchester_widespread,
    region_roles,
)
from bodymap.analysis.measures import MIN_AREA_CM2, MIN_SHARE
from bodymap.cli import app
from bodymap.core.errors import BodymapError, DataError
from bodymap.model.chart import load_chart

runner = CliRunner()
ENGINES = ("exact", "raster")


def judge(regions: list[str]) -> tuple[bool, bool]:
    """ACR 1990 and Manchester of a drawing that marks ``regions`` whole."""
    found = criteria(region_doc("p", regions))
    return found.acr1990_widespread, found.manchester_widespread


def test_every_adult_chart_region_has_its_roles() -> None:
    chart = load_chart("adult")
    stems = {r.id.removesuffix(f"-{r.side}") for r in chart.regions}
    assert stems == set(_ROLES)
    roles = region_roles(chart)
    assert not (roles.left & roles.right).any()
    assert (roles.upper ^ roles.lower).all()  # every region is above or below the waist
    midline = [i for i, r in enumerate(chart.regions) if r.side == "midline"]
    assert not roles.left[midline].any() and not roles.right[midline].any()
    axial = sorted({roles.ids[i].removesuffix("-left").removesuffix("-right")
                    for i in np.flatnonzero(roles.axial)})  # fmt: skip
    assert axial == [
        "chest", "lower-back", "middle-back", "neck-back", "neck-front", "sacrum", "upper-back",
    ]  # fmt: skip
    # Every limb section lies on both views, on its own side only.
    for s, name in enumerate(roles.sections):
        where = np.flatnonzero(roles.section == s)
        side = name.split(":")[0].split("-")[-1]
        assert {chart.regions[i].view for i in where} >= {"front", "back"}, name
        assert {chart.regions[i].side for i in where} == {side}, name
    assert len(roles.sections) == 2 * sum(len(v) for v in LIMB_SECTIONS.values())


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        # left (shoulder), right, above and below the waist, low back: widespread
        (["shoulder-front-left", "thigh-front-right", "lower-back-left"], True),
        # the same with a buttock instead of the low back: only the axial pain is missing
        (["shoulder-front-left", "thigh-front-right", "buttock-left"], False),
        # nothing on the left (the sacrum is midline) ...
        (["shoulder-front-right", "thigh-front-right", "sacrum"], False),
        # ... until a left hand
        (["shoulder-front-right", "thigh-front-right", "sacrum", "hand-back-left"], True),
        # nothing below the waist (the chest is axial and above) ...
        (["shoulder-back-left", "upper-arm-front-right", "chest-left"], False),
        # ... until a right foot
        (["shoulder-back-left", "upper-arm-front-right", "chest-left", "foot-front-right"], True),
        # nothing above the waist: the low back is lower segment pain ...
        (["lower-back-left", "thigh-back-right", "buttock-left"], False),
        # ... until the face
        (["lower-back-left", "thigh-back-right", "buttock-left", "face-left"], True),
        # the neck (cervical spine) is axial and above; the low back gives the lower segment
        (["neck-back-left", "shoulder-back-right", "lower-back-left"], True),
    ],
)
def test_acr1990_sides_of_the_rule(regions: list[str], expected: bool) -> None:
    assert judge(regions)[0] is expected


ARMS = ["upper-arm-front-left", "forearm-back-left", "upper-arm-back-right", "hand-front-right"]


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        # axial, the left arm in two sections, the right leg in two: widespread
        (["neck-back-left", "upper-arm-front-left", "forearm-front-left",
          "thigh-front-right", "lower-leg-front-right"], True),
        # one section fewer on the right leg
        (["neck-back-left", "upper-arm-front-left", "forearm-front-left",
          "thigh-front-right"], False),
        # the same limbs without axial pain
        (["upper-arm-front-left", "forearm-front-left", "thigh-front-right",
          "lower-leg-front-right"], False),
        # both arms (contralateral), with the thoracic spine
        (["middle-back-right", *ARMS], True),
        # an arm and a leg of the same side are not contralateral limbs
        (["chest-left", "upper-arm-front-left", "forearm-front-left", "thigh-back-left",
          "foot-back-left"], False),
        # elbow and forearm are one section, wrist and hand another: the left arm has two
        (["lower-back-right", "elbow-front-left", "forearm-back-left", "thigh-front-right",
          "knee-back-right", "ankle-front-right"], False),
        (["lower-back-right", "elbow-front-left", "wrist-back-left", "thigh-front-right",
          "knee-back-right", "ankle-front-right"], True),
        # shoulders, hips and buttocks are not limb sections
        (["sacrum", "shoulder-front-left", "upper-arm-front-left", "hip-right", "buttock-right",
          "thigh-front-right"], False),
    ],
)  # fmt: skip
def test_manchester_sides_of_the_rule(regions: list[str], expected: bool) -> None:
    assert judge(regions)[1] is expected


def test_the_rules_differ_where_the_sources_do() -> None:
    # Both arms and the neck: Manchester, but nothing below the waist for ACR 1990.
    assert judge(["neck-front-left", *ARMS]) == (False, True)
    # ACR 1990 with one region per limb: not Manchester.
    assert judge(["shoulder-front-left", "thigh-front-right", "lower-back-left"]) == (True, False)


def test_rules_take_rows_of_a_matrix() -> None:
    roles = region_roles(load_chart("adult"))
    rows = np.zeros((3, len(roles.ids)), dtype=bool)
    for r in ("neck-back-left", *ARMS):
        rows[1, roles.ids.index(r)] = True
    rows[2] = True
    assert acr1990_widespread(rows, roles).tolist() == [False, False, True]
    assert manchester_widespread(rows, roles).tolist() == [False, True, True]


@pytest.mark.parametrize(
    ("wpi", "generalized", "sss", "expected"),
    [
        (6, True, 8, False),
        (6, True, 9, True),
        (7, True, 4, False),
        (7, True, 5, True),
        (4, True, 9, True),
        (3, True, 12, False),
        (19, True, 12, True),
        (7, False, 12, False),  # generalized pain missing
        (6, False, 9, False),
    ],
)
def test_fibromyalgia_2016_boundaries(
    wpi: int, generalized: bool, sss: int, expected: bool
) -> None:
    assert fibromyalgia_2016(wpi, generalized, sss) is expected


def test_fibromyalgia_2016_of_drawings() -> None:
    seven = "shoulder-girdle-left,upper-arm-right,hip-left,lower-leg-right,neck,upper-back,chest"
    drawing = bodymap.from_codes(seven, "wpi")
    assert criteria(drawing, sss=5).fibromyalgia_2016 is True
    assert criteria(drawing, sss=4).fibromyalgia_2016 is False
    assert criteria(drawing).fibromyalgia_2016 is None
    # seven areas in three regions: not generalized, whatever the score
    narrow = "jaw-left,jaw-right,shoulder-girdle-left,shoulder-girdle-right,neck,chest,abdomen"
    found = criteria(bodymap.from_codes(narrow, "wpi"), sss=12)
    assert (found.widespread.wpi, found.widespread.generalized) == (7, False)
    assert found.fibromyalgia_2016 is False


@pytest.mark.parametrize("good", [0, 12, "7", " 3 "])
def test_symptom_severity_scores_accepted(good: object) -> None:
    assert 0 <= check_sss(good) <= SSS_MAX


@pytest.mark.parametrize("bad", [-1, 13, "x", "", "3.5", 3.5, True, None, "\uff13", "1e1"])
def test_symptom_severity_scores_refused(bad: object) -> None:
    with pytest.raises(BodymapError, match="whole number from 0 to 12, not"):
        check_sss(bad)


def test_command_line(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(region_doc("p", ["neck-back-left", *ARMS])))
    result = runner.invoke(app, ["codes", str(path), "--scheme", "michigan", "--sss", "9"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "upper-arm-right,upper-arm-left,lower-arm-left,wrist-hand-right,neck"
    assert lines[1:] == [
        "wpi: 4", "generalized: no", "acr1990_widespread: no", "manchester_widespread: yes",
        "sss: 9", "fibromyalgia_2016: no",
    ]  # fmt: skip
    data = json.loads(runner.invoke(app, ["codes", str(path), "--criteria", "--json"]).stdout)
    assert list(data) == [
        "codes", "wpi", "generalized", "acr1990_widespread", "manchester_widespread",
    ]  # fmt: skip
    # Without --criteria the output is what it was: the codes, a list in JSON.
    plain = json.loads(runner.invoke(app, ["codes", str(path), "--json"]).stdout)
    assert data["manchester_widespread"] is True and data["codes"] == plain
    for bad in ("13", "-1", "x"):
        result = runner.invoke(app, ["codes", str(path), "--sss", bad])
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "--sss" in result.stderr


# --- the cohort ------------------------------------------------------------------------------


def _square(view: str, region: str, cm2: float, subject: str) -> dict[str, Any]:
    """A square feature inside ``region`` (and the body) of ``cm2``."""
    chart = load_chart("adult")
    part = shapely.intersection(chart.region(region).geometry, chart.outline(view))
    x, y = part.buffer(-2.0).representative_point().coords[0]
    h = float(np.sqrt(cm2)) / 2
    square = shapely.box(x - h, y - h, x + h, y + h)
    assert part.covers(square), (region, subject)
    return {
        "type": "Feature",
        "properties": {"view": view},
        "geometry": shapely.geometry.mapping(square),
    }


def _cohort_docs() -> list[dict[str, Any]]:
    chart = load_chart("adult")
    sets = {
        "acr": ["shoulder-front-left", "thigh-front-right", "lower-back-left"],
        "no-axial": ["shoulder-front-left", "thigh-front-right", "buttock-left"],
        "manchester": ["neck-back-left", *ARMS],
        "short-limb": ["neck-back-left", "upper-arm-front-left", "forearm-front-left",
                       "thigh-front-right"],
        "generalized": ["shoulder-front-left", "shoulder-front-right", "thigh-front-left",
                        "thigh-front-right", "neck-back-left", "middle-back-left",
                        "lower-back-right"],
        "none": [],
    }  # fmt: skip
    docs = [region_doc(name, regions) for name, regions in sets.items()]
    # The deciding region marked at its threshold, less and more 0.001 cm².
    edges = {
        "acr-edge": (sets["no-axial"], "back", "lower-back-left"),
        "manchester-edge": (sets["short-limb"], "back", "lower-leg-back-right"),
    }
    for name, (regions, view, region) in edges.items():
        need = min(MIN_SHARE * chart.region(region).area, MIN_AREA_CM2)
        for k, offset in enumerate((-1e-3, 1e-3)):
            doc = region_doc(f"{name}-{k}", regions)
            doc["features"].append(_square(view, region, need + offset, name))
            docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def cohort_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict]]:
    folder = tmp_path_factory.mktemp("criteria")
    docs = _cohort_docs()
    data = write_jsonl(folder / "cohort.jsonl", docs)
    groups = folder / "groups.csv"
    scores = [9, 4, 12, None, 5, 0, 7, 8, 10, 11]
    lines = ["subject,arm,sss"] + [
        f"{d['bodymap']['subject']},a,{'' if s is None else s}" for d, s in zip(docs, scores)
    ]
    groups.write_text("\n".join(lines) + "\n")
    return data, groups, docs


def _codes_json(doc: dict[str, Any], folder: Path, sss: int | None) -> dict[str, Any]:
    path = folder / f"{doc['bodymap']['subject']}.json"
    path.write_text(json.dumps(doc))
    args = ["codes", str(path), "--criteria", "--json"]
    result = runner.invoke(app, args + (["--sss", str(sss)] if sss is not None else []))
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


@pytest.mark.parametrize("engine", ENGINES)
def test_cohort_columns_are_the_codes_answers(
    cohort_files: tuple[Path, Path, list[dict]], tmp_path: Path, engine: str
) -> None:
    data, groups, docs = cohort_files
    table = bodymap.cohort(data, groups=groups, by="arm", engine=engine)
    assert table.columns[-6:] == (
        "wpi", "generalized", "acr1990_widespread", "manchester_widespread", "sss",
        "fibromyalgia_2016",
    )  # fmt: skip
    assert len(table.rows) == len(docs)
    for row, doc in zip(table.rows, docs):
        want = _codes_json(doc, tmp_path, row["sss"])
        want.pop("codes")
        if row["sss"] is None:
            want.update(sss=None, fibromyalgia_2016=None)
        got = {k: row[k] for k in want}
        assert got == want, row["subject"]
    by_subject = {r["subject"]: r for r in table.rows}
    # Both sides of every rule are in the sample, the edges decided by the threshold.
    assert [by_subject[f"acr-edge-{k}"]["acr1990_widespread"] for k in (0, 1)] == [False, True]
    assert [by_subject[f"manchester-edge-{k}"]["manchester_widespread"] for k in (0, 1)] == [
        False, True,
    ]  # fmt: skip
    assert by_subject["generalized"]["fibromyalgia_2016"] is True
    assert by_subject["acr"]["fibromyalgia_2016"] is False
    # Without an sss column the table has no sss columns.
    plain = bodymap.cohort(data, engine=engine)
    assert "sss" not in plain.columns and "fibromyalgia_2016" not in plain.columns
    assert [r["manchester_widespread"] for r in plain.rows] == [
        r["manchester_widespread"] for r in table.rows
    ]


def test_code_table_cohort_has_the_criteria(tmp_path: Path) -> None:
    lists = {"p1": "neck,upper-arm-left,lower-arm-left,upper-arm-right,wrist-hand-right",
             "p2": "shoulder-left,upper-leg-right,lower-back", "p3": ""}  # fmt: skip
    table = tmp_path / "codes.csv"
    table.write_text("id;codes\n" + "".join(f'{k};"{v}"\n' for k, v in lists.items()))
    result = bodymap.cohort(table, scheme="michigan", codes_column="codes", id_column="id")
    for row in result.rows:
        found = criteria(bodymap.from_codes(lists[row["subject"]], "michigan"))
        assert (row["acr1990_widespread"], row["manchester_widespread"]) == (
            found.acr1990_widespread, found.manchester_widespread,
        ), row["subject"]  # fmt: skip
    assert [r["manchester_widespread"] for r in result.rows] == [True, False, False]
    assert [r["acr1990_widespread"] for r in result.rows] == [False, True, False]


@pytest.mark.parametrize(
    ("cell", "message"),
    [("13", "whole number from 0 to 12, not '13'"), ("abc", "not 'abc'"), ("4.5", "not '4.5'")],
)
def test_a_bad_score_in_the_groups_table_names_its_row(
    tmp_path: Path, cell: str, message: str
) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", [region_doc("p1", ["neck-back-left"])])
    groups = tmp_path / "g.csv"
    groups.write_text(f"subject,arm,sss\np0,a,3\np1,a,{cell}\n")
    with pytest.raises(DataError) as error:
        bodymap.cohort(data, groups=groups, by="arm")
    assert str(error.value).startswith(f"{groups}:3: subject 'p1': ")
    assert message in str(error.value) and "\n" not in str(error.value)
    result = runner.invoke(
        app, ["cohort", str(data), "--groups", str(groups), "--by", "arm", "-o",
              str(tmp_path / "t.csv")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {groups}:3: subject 'p1': ")
    assert not (tmp_path / "t.csv").exists()


def test_code_table_scores_give_fibromyalgia_2016_and_bad_ones_are_reported(
    tmp_path: Path,
) -> None:
    seven = "shoulder-girdle-left,upper-arm-right,hip-left,lower-leg-right,neck,upper-back,chest"
    table = tmp_path / "wpi.csv"
    table.write_text(
        f'id;codes;sss\np1;"{seven}";5\np2;"{seven}";4\np3;"{seven}";\np4;"{seven}";13\n'
    )
    result = bodymap.cohort(table, scheme="wpi", codes_column="codes", id_column="id")
    assert result.columns[-2:] == ("sss", "fibromyalgia_2016")
    got = [(r["subject"], r["sss"], r["fibromyalgia_2016"]) for r in result.rows]
    assert got == [("p1", 5, True), ("p2", 4, False), ("p3", None, None)]
    drawing = bodymap.from_codes(seven, "wpi")
    assert criteria(drawing, sss=5).fibromyalgia_2016 is True
    assert [p.message for p in result.problems] == [
        f"{table}:5: symptom severity score must be a whole number from 0 to 12, not '13'"
    ]
    # A table without an sss column has no sss columns.
    plain = tmp_path / "plain.csv"
    plain.write_text(f'id;codes\np1;"{seven}"\n')
    columns = bodymap.cohort(plain, scheme="wpi", codes_column="codes", id_column="id").columns
    assert "sss" not in columns and columns[-1] == "manchester_widespread"


def test_one_subject_with_two_scores_is_refused(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", [region_doc("p1", ["neck-back-left"])])
    groups = tmp_path / "g.csv"
    groups.write_text("subject,arm,sss\np1,a,3\np1,a,4\n")
    with pytest.raises(DataError, match=r":3: subject 'p1' has two symptom severity scores"):
        bodymap.cohort(data, groups=groups, by="arm")
