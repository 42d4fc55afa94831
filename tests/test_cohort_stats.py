"""Cohort statistics: every number against a direct scipy/statsmodels computation.

The cohorts are made for the tests: each drawing marks whole chart regions (a ``region``
feature), so which drawing marks which region is known exactly, and the expected tables
are built from those choices, not from bodymap's own output.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.stats
import statsmodels.api as sm
from cohort_helpers import region_doc as doc
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app

runner = CliRunner()
CHART = bodymap.load_chart()
IDS = [r.id for r in CHART.regions]
SVG = "{http://www.w3.org/2000/svg}"


def write(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


#: Regions of the small cohorts: one marked by every drawing, one by none, three varying.
ALWAYS, NEVER = "chest-left", "chest-right"
VARYING = ["knee-front-left", "neck-back-left", "lower-back-left"]


def small_cohort(
    path: Path, sizes: dict[str, int], seed: int = 7, with_age: bool = False
) -> tuple[Path, list[tuple[str, set[str], float | None]]]:
    """Drawings in groups of the given sizes; returns the file and (group, regions, age)."""
    rng = random.Random(seed)
    docs, truth = [], []
    for g, size in sizes.items():
        bias = {"a": 0.25, "b": 0.55, "c": 0.4}.get(g, 0.3)
        for i in range(size):
            age = float(rng.randint(20, 80))
            marked = {ALWAYS}
            for r in VARYING:
                p = bias if r == VARYING[0] else 0.35
                if r == VARYING[1]:
                    p = min(0.95, 0.1 + age / 100)
                if rng.random() < p:
                    marked.add(r)
            docs.append(doc(f"{g}{i}", sorted(marked), grp=g, age=age if with_age else None))
            truth.append((g, marked, age))
    return write(path, docs), truth


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Any]]:
    path, truth = small_cohort(tmp_path_factory.mktemp("two") / "c.jsonl", {"a": 40, "b": 25})
    return bodymap.cohort(path, by="grp"), truth


def counts(truth: list[Any], groups: list[str], region: str) -> np.ndarray:
    return np.array(
        [
            [
                sum(1 for g, m, _ in truth if g == grp and region in m),
                sum(1 for g, m, _ in truth if g == grp and region not in m),
            ]
            for grp in groups
        ]
    )


def test_chi_square_two_groups_unbalanced(two: tuple[Any, list[Any]]) -> None:
    result, truth = two
    table = result.test_groups()
    assert table.columns[:8] == (
        "region", "name", "n_a", "count_a", "percent_a", "n_b", "count_b", "percent_b",
    )  # fmt: skip
    assert table.columns[8:] == (
        "statistic", "p", "p_adjusted", "diff", "diff_low", "diff_high", "odds_ratio",
    )  # fmt: skip
    testable = []
    for rid in IDS:
        row = table.row(rid)
        obs = counts(truth, ["a", "b"], rid)
        assert (row["n_a"], row["n_b"]) == (40, 25)
        assert (row["count_a"], row["count_b"]) == tuple(obs[:, 0])
        if obs[:, 0].sum() in (0, 65):  # nobody or everybody: chi-square undefined
            assert row["statistic"] is None and row["p"] is None and row["p_adjusted"] is None
            continue
        expected = scipy.stats.chi2_contingency(obs, correction=False)
        assert row["statistic"] == pytest.approx(expected.statistic, abs=1e-9)
        assert row["p"] == pytest.approx(expected.pvalue, abs=1e-9)
        (c1, f1), (c2, f2) = obs
        low, high = confint_proportions_2indep(c1, 40, c2, 25, compare="diff", method="newcomb")
        assert row["diff"] == pytest.approx(c1 / 40 - c2 / 25, abs=1e-12)
        assert (row["diff_low"], row["diff_high"]) == pytest.approx((low, high), abs=1e-9)
        assert row["odds_ratio"] == pytest.approx((c1 * f2) / (f1 * c2), rel=1e-12)
        testable.append((rid, expected.pvalue))
    assert {ALWAYS, NEVER} <= {rid for rid in IDS if table.row(rid)["p"] is None}
    assert len(testable) == 3
    adjusted = multipletests([p for _, p in testable], method="holm")[1]
    for (rid, _), adj in zip(testable, adjusted):
        assert table.row(rid)["p_adjusted"] == pytest.approx(adj, abs=1e-9)


@pytest.mark.parametrize("correction", ["bonferroni", "fdr_bh"])
def test_corrections(two: tuple[Any, list[Any]], correction: str) -> None:
    result, _ = two
    table = result.test_groups(correction=correction)
    rows = [r for r in table if r["p"] is not None]
    adjusted = multipletests([r["p"] for r in rows], method=correction)[1]
    assert [r["p_adjusted"] for r in rows] == pytest.approx(list(adjusted), abs=1e-12)


def test_fisher_two_groups(two: tuple[Any, list[Any]]) -> None:
    result, truth = two
    table = result.test_groups(test="fisher")
    ps = []
    for rid in [ALWAYS, NEVER, *VARYING]:
        expected = scipy.stats.fisher_exact(counts(truth, ["a", "b"], rid))
        assert table.row(rid)["p"] == pytest.approx(expected.pvalue, abs=1e-9)
    for r in table:
        ps.append(r["p"])
    assert table.row(NEVER)["p"] == 1.0 and table.row(ALWAYS)["p"] == 1.0
    assert [r["p_adjusted"] for r in table] == pytest.approx(
        list(multipletests(ps, method="holm")[1]), abs=1e-12
    )


def test_three_groups(tmp_path: Path) -> None:
    path, truth = small_cohort(tmp_path / "c.jsonl", {"a": 30, "b": 18, "c": 45})
    result = bodymap.cohort(path, by="grp")
    table = result.test_groups()
    assert "diff" not in table.columns and "n_c" in table.columns
    for rid in VARYING:
        expected = scipy.stats.chi2_contingency(
            counts(truth, ["a", "b", "c"], rid), correction=False
        )
        assert table.row(rid)["p"] == pytest.approx(expected.pvalue, abs=1e-9)
        assert table.row(rid)["statistic"] == pytest.approx(expected.statistic, abs=1e-9)
    with pytest.raises(bodymap.BodymapError, match="Fisher's exact test needs exactly two"):
        result.test_groups(test="fisher")


def test_one_group_is_an_error(tmp_path: Path) -> None:
    path, _ = small_cohort(tmp_path / "c.jsonl", {"a": 10})
    result = bodymap.cohort(path, by="grp")
    with pytest.raises(bodymap.BodymapError, match="at least two groups"):
        result.test_groups()


def test_regression_with_missing_values(tmp_path: Path) -> None:
    path, truth = small_cohort(tmp_path / "c.jsonl", {"a": 60, "b": 40}, with_age=True)
    result = bodymap.cohort(path, by="grp")
    # Subjects are numbered per group, as small_cohort made them.
    values = {}
    per = {"a": 0, "b": 0}
    for g, _, age in truth:
        values[f"{g}{per[g]}"] = str(age)
        per[g] += 1
    values["a3"] = ""  # missing
    values["b5"] = "old"  # not a number
    del values["a7"]  # absent
    table = result.regress("age", values)
    assert table.columns == (
        "region", "name", "n", "coef", "se", "odds_ratio", "p", "p_adjusted", "estimable",
        "reason",
    )  # fmt: skip
    assert len(table.problems) == 3
    assert any("a3" in p or "'age'" in p for p in table.problems)
    keep = [k for k, row in enumerate(result.rows) if row["subject"] not in ("a3", "b5", "a7")]
    x = np.array([float(values[result.rows[k]["subject"]]) for k in keep])
    estimable = []
    for rid in IDS:
        row = table.row(rid)
        assert row["n"] == len(keep)
        y = np.array([rid in result.rows[k]["regions"].split(";") for k in keep], float)
        if y.min() == y.max():
            assert row["estimable"] is False and row["coef"] is None and row["p"] is None
            continue
        fit = sm.Logit(y, sm.add_constant(x)).fit(disp=0)
        assert row["estimable"] is True
        assert row["coef"] == pytest.approx(fit.params[1], abs=1e-7)
        assert row["se"] == pytest.approx(fit.bse[1], abs=1e-7)
        assert row["p"] == pytest.approx(fit.pvalues[1], abs=1e-9)
        assert row["odds_ratio"] == pytest.approx(np.exp(fit.params[1]), rel=1e-7)
        estimable.append(row["p"])
    assert table.row(ALWAYS)["estimable"] is False and table.row(NEVER)["estimable"] is False
    assert len(estimable) == 3
    adjusted = multipletests(estimable, method="holm")[1]
    got = [table.row(r)["p_adjusted"] for r in VARYING]
    assert got == pytest.approx(list(adjusted), abs=1e-9)
    # Marking the neck rises with age in this cohort.
    assert table.row(VARYING[1])["coef"] > 0 and table.row(VARYING[1])["p"] < 0.05


def test_regression_from_the_rows_needs_a_table(two: tuple[Any, list[Any]]) -> None:
    result, _ = two
    with pytest.raises(bodymap.BodymapError, match="needs at least 3 drawings with a value"):
        result.regress("age")


@pytest.mark.parametrize("measure", ["jaccard", "phi"])
def test_cooccurrence(two: tuple[Any, list[Any]], measure: str) -> None:
    result, truth = two
    co = result.cooccurrence(measure)
    m = np.array([[r in marked for r in IDS] for _, marked, _ in truth], float)
    i, j = IDS.index(VARYING[0]), IDS.index(VARYING[2])
    both = int((m[:, i] * m[:, j]).sum())
    if measure == "jaccard":
        expected = both / ((m[:, i] + m[:, j]) > 0).sum()
    else:
        expected = np.corrcoef(m[:, i], m[:, j])[0, 1]
    row = next(r for r in co.table if {r["region_a"], r["region_b"]} == {VARYING[0], VARYING[2]})
    assert row["both"] == both
    assert row["association"] == pytest.approx(expected, abs=1e-12)
    assert co.table.columns[:4] == ("region_a", "region_b", "both", "association")
    values = [r["association"] for r in co.table if r["association"] is not None]
    assert values == sorted(values, reverse=True)
    assert len(co.table) == len(IDS) * (len(IDS) - 1) // 2
    # A pair with a region nobody marked has no phi (its variance is zero) and sorts last.
    if measure == "phi":
        assert co.table[-1]["association"] is None


def test_cell_test_against_scipy(two: tuple[Any, list[Any]]) -> None:
    result, _ = two
    ct = result.cell_test(min_count=3)
    a, b = result.groups["a"], result.groups["b"]
    tested = np.argwhere(ct.tested)
    assert len(tested) > 100
    for v, row, col in tested[:: max(1, len(tested) // 25)]:
        ca, cb = a.grids[v, row, col], b.grids[v, row, col]
        expected = scipy.stats.chi2_contingency([[ca, a.n - ca], [cb, b.n - cb]], correction=False)
        assert ct.p[v, row, col] == pytest.approx(expected.pvalue, abs=1e-9)
        assert ct.diff[v, row, col] == pytest.approx(ca / a.n - cb / b.n, abs=1e-12)
    # Untested: fewer than 3 drawings, or marked by all (the region everybody marked).
    total = a.grids + b.grids
    assert not ct.tested[total < 3].any() and not ct.tested[total == 65].any()
    adjusted = multipletests(ct.p[ct.tested], method="fdr_bh")[1]
    assert ct.p_adjusted[ct.tested] == pytest.approx(adjusted, abs=1e-12)


def test_planted_difference_is_found_and_nothing_else(tmp_path: Path) -> None:
    """One group marks the left knee twice as often; every other region at the same rate."""
    rng = random.Random(2026)
    docs = []
    for i in range(1200):
        sex = "female" if i % 2 else "male"
        marked = [
            r for r in IDS
            if rng.random() < (0.30 if r == "knee-front-left" and sex == "female" else 0.15)
        ]  # fmt: skip
        docs.append(doc(f"s{i}", marked, sex=sex))
    result = bodymap.cohort(write(tmp_path / "c.jsonl", docs), by="sex")
    table = result.test_groups()
    significant = [
        r["region"] for r in table if r["p_adjusted"] is not None and r["p_adjusted"] < 0.05
    ]
    assert significant == ["knee-front-left"]
    row = table.row("knee-front-left")
    assert row["diff"] > 0.1 and row["diff_low"] > 0 and row["odds_ratio"] > 1.8


def _svg(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_cli_writes_every_output(tmp_path: Path) -> None:
    path, truth = small_cohort(tmp_path / "c.jsonl", {"a": 40, "b": 25}, with_age=False)
    groups = tmp_path / "groups.csv"
    with groups.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["subject", "grp", "age"])
        per = {"a": 0, "b": 0}
        for g, _, age in truth:
            w.writerow([f"{g}{per[g]}", g, age if per[g] != 2 else "n/a"])
            per[g] += 1
    out = {name: tmp_path / name for name in (
        "tests.csv", "tests.svg", "reg.jsonl", "co.tsv", "co.svg", "cells.svg", "hist.svg",
    )}  # fmt: skip
    res = runner.invoke(
        app,
        [
            "cohort", str(path), "-o", str(tmp_path / "t.csv"), "--groups", str(groups),
            "--by", "grp", "--tests", str(out["tests.csv"]), "--tests-map", str(out["tests.svg"]),
            "--covariate", "age", "--regression", str(out["reg.jsonl"]),
            "--cooccurrence", str(out["co.tsv"]), "--cooccurrence-map", str(out["co.svg"]),
            "--association", "phi", "--cell-map", str(out["cells.svg"]), "--min-cell-count", "3",
            "--histograms", str(out["hist.svg"]), "-q",
        ],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert all(p.exists() for p in out.values())
    # Drawings without a number are reported on stderr, one line each.
    assert res.stderr.count("is not a number") == 2
    header = out["tests.csv"].read_text().splitlines()[0].split(",")
    assert header[:2] == ["region", "name"] and "p_adjusted" in header and "odds_ratio" in header
    reg = [json.loads(line) for line in out["reg.jsonl"].read_text().splitlines()]
    assert {r["region"] for r in reg if r["estimable"]} == set(VARYING)
    co_header = out["co.tsv"].read_text().splitlines()[0].split("\t")
    assert co_header[:4] == ["region_a", "region_b", "both", "association"]
    tests_svg = _svg(out["tests.svg"])
    ids = {e.get("id") for e in tests_svg.iter()}
    assert "tests-knee-front-left" in ids
    titles = [t.text for t in tests_svg.iter(f"{SVG}title")]
    assert any(t and t.startswith("Left knee (front): difference") for t in titles)
    cell_ids = {e.get("id") for e in _svg(out["cells.svg"]).iter()}
    assert any(i and i.startswith("cells-front") for i in cell_ids)
    hist = _svg(out["hist.svg"])
    assert sum(1 for e in hist.iter() if (e.get("id") or "").startswith("hist-regions-0-")) > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tests", "t.csv"], "--tests needs --by COLUMN (the groups to compare)"),
        (["--cell-map", "c.png"], "--cell-map needs --by COLUMN (the groups to compare)"),
        (["--covariate", "age"], "--covariate and --regression go together"),
        (
            ["--tests", "t.xlsx", "--by", "grp"],
            "t.xlsx: unknown table format .xlsx; use .csv, .tsv, .jsonl, .ndjson, .parquet",
        ),
    ],
)
def test_cli_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    path, _ = small_cohort(tmp_path / "c.jsonl", {"a": 4, "b": 4})
    res = runner.invoke(app, ["cohort", str(path), "-o", str(tmp_path / "t.csv"), *args])
    assert res.exit_code == (1 if "xlsx" in message else 2)
    assert message in res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert not (tmp_path / "t.csv").exists()


def test_cli_fisher_with_three_groups_is_one_line(tmp_path: Path) -> None:
    path, _ = small_cohort(tmp_path / "c.jsonl", {"a": 5, "b": 5, "c": 5})
    res = runner.invoke(
        app,
        ["cohort", str(path), "-o", str(tmp_path / "t.csv"), "--by", "grp",
         "--tests", str(tmp_path / "tests.csv"), "--test", "fisher"],
    )  # fmt: skip
    assert res.exit_code == 1
    assert res.stderr == "Error: Fisher's exact test needs exactly two groups, not 3\n"
    assert not (tmp_path / "tests.csv").exists()


def test_missing_extra_gives_one_line(
    two: tuple[Any, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    result, _ = two
    message = "cohort statistics need scipy and statsmodels (pip install 'bodymap[stats]')"
    monkeypatch.setitem(sys.modules, "statsmodels.api", None)
    with pytest.raises(bodymap.BodymapError) as exc:
        result.regress("age")
    assert str(exc.value) == message
    monkeypatch.setitem(sys.modules, "statsmodels", None)
    for analysis in (result.test_groups, result.cell_test):
        with pytest.raises(bodymap.BodymapError) as exc:
            analysis()
        assert str(exc.value) == message


def test_tables_to_pandas_and_parquet(two: tuple[Any, list[Any]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result, _ = two
    table = result.test_groups()
    frame = table.to_pandas()
    assert list(frame.columns) == list(table.columns) and len(frame) == len(IDS)
    written = pq.read_table(table.write(tmp_path / "t.parquet"))
    assert str(written.schema.field("p").type) == "double"
    assert str(written.schema.field("n_a").type) == "int64"
    reg = result.cooccurrence().table.write(tmp_path / "co.parquet")
    assert pq.read_table(reg).num_rows == len(IDS) * (len(IDS) - 1) // 2


def test_code_table_statistics_in_the_choir_scheme(tmp_path: Path) -> None:
    """A CHOIR code table: group tests, the covariate and the groups all from the table."""
    rng = random.Random(11)
    codes = [str(c) for c in [*range(101, 137), *range(201, 239)]]
    table = tmp_path / "choir.csv"
    truth = []
    with table.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "gender", "age", "regions"])
        for i in range(300):
            sex = "f" if i % 3 else "M"
            age = rng.randint(20, 80)
            marked = [
                c for c in codes if rng.random() < (0.4 if c == "130" and sex == "f" else 0.12)
            ]
            w.writerow([f"p{i}", sex, age if i != 5 else "", ",".join(marked)])
            truth.append((sex.lower(), set(marked), age if i != 5 else None))
    out = {n: tmp_path / n for n in ("t.csv", "tests.csv", "reg.csv")}
    res = runner.invoke(
        app,
        ["cohort", str(table), "--scheme", "choir", "--codes-column", "regions",
         "--id-column", "id", "--sex-column", "gender", "--by", "gender",
         "-o", str(out["t.csv"]), "--tests", str(out["tests.csv"]),
         "--covariate", "age", "--regression", str(out["reg.csv"]), "-q"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stderr.count("no value of 'age'") == 1
    tests = {r["region"]: r for r in csv.DictReader(out["tests.csv"].open())}
    assert set(tests) == set(codes)
    groups = sorted({g for g, _, _ in truth})  # "f", "m", in the order the cohort has them
    obs = np.array(
        [[sum(1 for g, m, _ in truth if g == grp and "130" in m),
          sum(1 for g, m, _ in truth if g == grp and "130" not in m)] for grp in groups]
    )  # fmt: skip
    expected = scipy.stats.chi2_contingency(obs, correction=False)
    assert float(tests["130"]["p"]) == pytest.approx(expected.pvalue, abs=1e-9)
    reg = {r["region"]: r for r in csv.DictReader(out["reg.csv"].open())}
    keep = [(m, a) for _, m, a in truth if a is not None]
    y = np.array([("201" in m) for m, _ in keep], float)
    x = np.array([a for _, a in keep], float)
    fit = sm.Logit(y, sm.add_constant(x)).fit(disp=0)
    assert float(reg["201"]["p"]) == pytest.approx(fit.pvalues[1], abs=1e-9)
    assert int(reg["201"]["n"]) == 299
