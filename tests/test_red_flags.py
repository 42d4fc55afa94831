"""Red flags only when an organ pattern fits the drawing, and only for organs the patient has.

The rule (``bodymap.analysis.redflags``): fit >= RED_FLAG_FIT, among the RED_FLAG_RANK best
pattern sides by fit, an organ of the patient's sex (a one-sex organ with unknown sex only
at fit >= RED_FLAG_FIT_UNKNOWN_SEX).  Checked on the example drawings, on drawings made of
the organ patterns' own zones (all, or the upper half of each essential zone), on drawings
made of the other patterns' essential zones (the thresholds must separate them), and in
every output: rank's table and JSON, the cohort's ``red_flag`` column.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from redflag_helpers import essential, half_essential, zone_drawing
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.redflags import (
    RED_FLAG_FIT,
    RED_FLAG_FIT_UNKNOWN_SEX,
    RED_FLAG_RANK,
    red_flag_raised,
)
from bodymap.cli import app
from bodymap.core.i18n import tr
from bodymap.model.data import data_dir
from bodymap.model.pattern import Pattern, load_pattern, select_patterns

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples/drawings"


@cache
def organs() -> tuple[Pattern, ...]:
    return tuple(select_patterns(kinds=["organ"]))


def raised(drawing: Any, sex: str | None = None) -> set[tuple[str, str]]:
    return {(f.pattern, f.side) for f in bodymap.rank(drawing, sex=sex).red_flags()}


# --- the rule itself -------------------------------------------------------------------------


def test_the_rule_needs_an_organ_a_fit_a_rank_and_the_patients_sex():
    kidney, uterus = load_pattern("organ-kidney"), load_pattern("organ-uterus")
    iliopsoas = load_pattern("iliopsoas")
    assert red_flag_raised(kidney, RED_FLAG_FIT, 1)
    assert not red_flag_raised(kidney, RED_FLAG_FIT - 0.01, 1)
    assert not red_flag_raised(kidney, 1.0, RED_FLAG_RANK + 1)
    assert red_flag_raised(kidney, 1.0, RED_FLAG_RANK, sex="male")
    assert not red_flag_raised(iliopsoas, 1.0, 1)
    assert not red_flag_raised(None, 1.0, 1)
    assert not red_flag_raised(kidney, None, 1)
    # A one-sex organ: never for the other sex, for unknown sex only when it fits very well.
    assert red_flag_raised(uterus, RED_FLAG_FIT, 1, sex="female")
    assert not red_flag_raised(uterus, 1.0, 1, sex="male")
    assert not red_flag_raised(uterus, RED_FLAG_FIT_UNKNOWN_SEX - 0.01, 1)
    assert red_flag_raised(uterus, RED_FLAG_FIT_UNKNOWN_SEX, 1)


def test_only_the_uterus_is_a_one_sex_organ_and_the_reader_checks_the_field(tmp_path):
    assert {p.name: p.sex for p in organs() if p.sex} == {"organ-uterus": "female"}
    assert load_pattern("organ-uterus").to_dict()["sex"] == "female"
    doc = json.loads((data_dir() / "pattern-organ-uterus.json").read_text(encoding="utf-8"))
    doc["bodymap"]["sex"] = "woman"
    bad = tmp_path / "bad-sex.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(bodymap.DataError, match=r"'sex' .* must be male or female, not 'woman'"):
        load_pattern(bad)


# --- thresholds from the patterns' own geometry ----------------------------------------------


def test_the_fit_threshold_separates_an_organs_own_zones_from_other_patterns_zones():
    """Half of an organ's essential zones fits it above the threshold; the essential zones
    of every other pattern fit every organ below it."""
    for organ in organs():
        half = bodymap.rank(zone_drawing(half_essential(organ)), kinds=["organ"])
        own = next(c for c in half if c.pattern == organ.name)
        assert own.fit is not None and own.fit >= RED_FLAG_FIT + 0.02, organ.name
    worst = 0.0
    for pattern in select_patterns():
        ranking = bodymap.rank(zone_drawing(essential(pattern)), kinds=["organ"])
        worst = max([worst, *(c.fit or 0.0 for c in ranking if c.pattern != pattern.name)])
    assert 0.45 < worst <= RED_FLAG_FIT - 0.02


# --- drawings --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_no_example_drawing_raises_a_red_flag(name):
    """None of the examples is organ-shaped: not the iliopsoas ones, not the neck and
    shoulder, not the widespread pain; whatever the patient's sex."""
    for sex in (None, "female", "male"):
        assert raised(EXAMPLES / name, sex) == set()


def test_a_drawing_of_the_kidneys_own_zones_raises_the_kidney_on_its_side():
    kidney = load_pattern("organ-kidney")
    assert raised(zone_drawing(essential(kidney))) == {("organ-kidney", "left")}
    whole = [(z.view, z.geometry) for z in kidney.zones("right")]
    assert raised(zone_drawing(whole)) == {("organ-kidney", "right")}


@pytest.mark.parametrize("organ", [p.name for p in select_patterns(kinds=["organ"])])
def test_a_drawing_of_half_an_organs_essential_zones_raises_that_organ(organ):
    pattern = load_pattern(organ)
    sex = pattern.sex or "male"
    assert (organ, pattern.sides[0]) in raised(zone_drawing(half_essential(pattern)), sex)


def test_the_uterus_only_for_a_female_patient_or_at_a_very_good_fit():
    uterus = load_pattern("organ-uterus")
    half = zone_drawing(half_essential(uterus))  # a moderate fit, about 0.56
    whole = zone_drawing([(z.view, z.geometry) for z in uterus.zones("both")])  # fit 1
    assert ("organ-uterus", "both") in raised(half, "female")
    assert ("organ-uterus", "both") not in raised(half, "male")
    assert ("organ-uterus", "both") not in raised(half)
    assert ("organ-uterus", "both") in raised(whole)
    assert ("organ-uterus", "both") not in raised(whole, "male")


def test_the_sex_is_read_from_the_drawings_metadata_and_a_bad_one_is_refused():
    half = half_essential(load_pattern("organ-uterus"))
    assert ("organ-uterus", "both") in raised(zone_drawing(half, sex="F"))
    assert ("organ-uterus", "both") not in raised(zone_drawing(half, sex="unknown"))
    assert bodymap.rank(zone_drawing(half, sex="Male")).sex == "male"
    with pytest.raises(bodymap.DrawingError, match=r"'bodymap.sex' must be .*not 'x'"):
        bodymap.rank(zone_drawing(half, sex="x"))


# --- every output ----------------------------------------------------------------------------


def test_rank_json_and_table_show_exactly_the_raised_flags(tmp_path):
    kidney = tmp_path / "kidney.json"
    kidney.write_text(json.dumps(zone_drawing(essential(load_pattern("organ-kidney")))))
    out = runner.invoke(app, ["rank", str(kidney), "--json", "--top", "20"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert [(f["pattern"], f["side"]) for f in data["red_flags"]] == [("organ-kidney", "left")]
    flagged = {(r["pattern"], r["side"]) for r in data["results"] if r["red_flag_raised"]}
    assert flagged == {("organ-kidney", "left")}
    # Organ patterns that do not fit keep "red_flag" (is an organ) but raise none.
    organs_shown = [r for r in data["results"] if r["red_flag"]]
    assert len(organs_shown) > 1 and sum(r["red_flag_raised"] for r in organs_shown) == 1
    text = runner.invoke(app, ["rank", str(kidney), "--top", "5"]).stdout
    assert tr("redflag.heading").upper() in text and "Kidney" in text
    plain = runner.invoke(app, ["rank", str(EXAMPLES / "iliopsoas-right.json")]).stdout
    assert tr("redflag.heading").upper() not in plain


def test_the_cohort_red_flag_column_applies_the_same_rule(tmp_path):
    kidney = zone_drawing(essential(load_pattern("organ-kidney")))
    uterus = zone_drawing(half_essential(load_pattern("organ-uterus")), sex="male")
    docs = [
        kidney,
        uterus,
        json.loads((EXAMPLES / "iliopsoas-right.json").read_text(encoding="utf-8")),
        json.loads((EXAMPLES / "widespread.json").read_text(encoding="utf-8")),
    ]
    data = tmp_path / "cohort.jsonl"
    data.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    rows = bodymap.cohort(data, rank=True).rows
    assert [row["red_flag"] for row in rows] == [True, False, False, False]
    assert [bool(bodymap.rank(d).red_flags()) for d in docs] == [True, False, False, False]
    docs[1]["bodymap"]["sex"] = "female"
    data.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert [row["red_flag"] for row in bodymap.cohort(data, rank=True).rows][1] is True
