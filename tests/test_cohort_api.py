"""The cohort as a call: bodymap.cohort's signature, CohortRequest's rules, run_cohort's outputs.

Also: one CohortResult class, table columns with declared types (every table format written
and read back), help texts from the writers' registry, and ``by``/``covariate`` naming
nothing there is.
"""

from __future__ import annotations

import ast
import csv
import inspect
import json
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
import scipy.stats
from cohort_helpers import synthetic_docs, write_jsonl
from typer.main import get_command
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.cohort import TABLE_FORMATS, Column
from bodymap.analysis.cohort.stats import fisher_exact_many
from bodymap.apps.cohort import (
    TABLE_OUTPUTS,
    CohortInterrupted,
    CohortRequest,
    RequestError,
    run_cohort,
)
from bodymap.cli import app
from bodymap.cli.cohort import OPTIONS
from bodymap.core.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
ARROW = {"int": "int64", "float": "double", "text": "string", "bool": "bool"}


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 synthetic drawings with clinic, sex and age, and their groups table."""
    folder = tmp_path_factory.mktemp("api")
    docs = synthetic_docs(30, 11)
    with (folder / "groups.csv").open("w", newline="", encoding="utf-8") as fh:
        table = csv.writer(fh)
        table.writerow(["subject", "clinic", "age"])
        for d in docs:
            table.writerow([d["bodymap"]["subject"], d["bodymap"]["clinic"], d["bodymap"]["age"]])
    return write_jsonl(folder / "c.jsonl", docs)


def test_cohort_has_a_real_documented_signature() -> None:
    signature = inspect.signature(bodymap.cohort)
    kinds = {p.kind for p in signature.parameters.values()}
    assert inspect.Parameter.VAR_KEYWORD not in kinds
    assert inspect.Parameter.VAR_POSITIONAL not in kinds
    assert "result_type" not in signature.parameters
    assert {"by", "groups", "rank", "output", "tests_out", "cell_map"} <= set(signature.parameters)
    doc = inspect.getdoc(bodymap.cohort) or ""
    for name, parameter in signature.parameters.items():
        assert parameter.annotation is not inspect.Parameter.empty, name
        assert f"\n{name}\n" in doc, f"{name} is not documented"
    assert signature.return_annotation in ("CohortResult", bodymap.CohortResult)


def test_there_is_one_class_named_cohort_result() -> None:
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bodymap").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name == "CohortResult"
    ]
    assert found == ["bodymap/apps/cohort.py"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"groups": "g.csv"}, "groups needs by"),
        ({"id_column": "id"}, "id_column and sex_column need codes_column"),
        (
            {"codes_column": "c", "by": "x", "groups": "g.csv"},
            "with codes_column, by names a column of the table; leave out groups",
        ),
        ({"tests_out": "t.csv"}, "tests_out needs by (the groups to compare)"),
        ({"cell_map": "c.png"}, "cell_map needs by (the groups to compare)"),
        ({"covariate": "age"}, "covariate and regression_out go together"),
        ({"regression_out": "r.csv"}, "covariate and regression_out go together"),
        ({"rank_out": "r.csv"}, "rank_out needs rank"),
        ({"kinds": ["organ"]}, "kinds needs rank"),
    ],
)
def test_request_rules_are_one_line_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(RequestError) as exc:
        CohortRequest(inputs=("c.jsonl",), **options)
    assert str(exc.value) == message
    with pytest.raises(RequestError, match=message.split(" ")[0]):
        bodymap.cohort("c.jsonl", **options)


def test_request_errors_are_worded_with_the_command_line_options() -> None:
    with pytest.raises(RequestError) as exc:
        CohortRequest(inputs=("c.jsonl",), tests_out="t.csv")
    assert exc.value.worded(OPTIONS) == "--tests needs --by COLUMN (the groups to compare)"


def test_run_cohort_writes_every_output_and_reports_each_step(
    cohort_file: Path, tmp_path: Path
) -> None:
    steps: list[tuple[int, int, str]] = []
    request = CohortRequest(
        inputs=(cohort_file,), by="clinic", output=tmp_path / "t.csv",
        regions_out=tmp_path / "r.tsv", map_out=tmp_path / "m.svg",
        tests_out=tmp_path / "tests.jsonl", cell_map=tmp_path / "cells.svg",
        covariate="age", groups=cohort_file.parent / "groups.csv",
        regression_out=tmp_path / "age.csv",
    )  # fmt: skip
    result = run_cohort(request, keep_rows=False, on_step=lambda *s: steps.append(s))
    assert isinstance(result, bodymap.CohortResult)
    assert list(result.outputs) == ["table", "regions", "map", "tests", "regression", "cell_map"]
    for path in result.outputs.values():
        assert Path(path).stat().st_size > 0
    assert steps == [
        (0, 5, "region table"),
        (1, 5, "frequency map"),
        (2, 5, "group tests"),
        (3, 5, "regression"),
        (4, 5, "cell map"),
    ]
    assert result.rows  # kept for the statistics
    assert result.frequency_map().to_svg().startswith("<")


def test_an_interrupted_run_says_what_was_written(cohort_file: Path, tmp_path: Path) -> None:
    def stop_at_the_map(done: int, total: int, what: str) -> None:
        if what == "frequency map":
            raise KeyboardInterrupt

    table, regions, figure = tmp_path / "t.csv", tmp_path / "r.csv", tmp_path / "m.png"
    with pytest.raises(CohortInterrupted) as exc:
        bodymap.cohort(
            cohort_file, output=table, regions_out=regions, map_out=figure,
            on_step=stop_at_the_map,
        )  # fmt: skip
    assert exc.value.written == (str(table), str(regions))
    assert exc.value.pending == (str(figure),)
    assert str(exc.value) == f"Interrupted; written: {table}, {regions}; not written: {figure}."
    assert table.exists() and regions.exists() and not figure.exists()


def test_by_naming_no_member_is_an_error_naming_the_members(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = (
        "by 'ward': no drawing has 'ward' in its 'bodymap' block; its members: age, chart, "
        "clinic, kind, recorded, sex, subject, version"
    )
    with pytest.raises(DataError) as exc:
        bodymap.cohort(cohort_file, by="ward")
    assert str(exc.value) == expected
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["cohort", str(cohort_file), "--by", "ward", "-o", "t.csv"])
    assert res.exit_code == 1
    assert res.stderr == f"Error: {expected}\n"
    assert list(tmp_path.iterdir()) == []


def test_covariate_naming_no_column_is_an_error_before_any_output(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    groups = cohort_file.parent / "groups.csv"
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, [
        "cohort", str(cohort_file), "--groups", str(groups), "--by", "clinic",
        "--covariate", "weight", "--regression", "w.csv", "-o", "t.csv",
    ])  # fmt: skip
    assert res.exit_code == 1
    assert res.stderr == (
        f"Error: {groups}: no column 'weight' in the groups table; columns: subject, clinic, age\n"
    )
    res = runner.invoke(app, [
        "cohort", str(cohort_file), "--covariate", "weight", "--regression", "w.csv",
        "-o", "t.csv",
    ])  # fmt: skip
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: 'weight': no such column to regress on; give the ")
    assert "source, subject, recorded" in res.stderr and res.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_every_table_output_help_names_every_table_format() -> None:
    command = get_command(app).commands["cohort"]  # type: ignore[attr-defined]
    helps = {opt: p.help or "" for p in command.params for opt in getattr(p, "opts", ())}
    for field in TABLE_OUTPUTS:
        option = OPTIONS[field]
        for suffix in TABLE_FORMATS:
            assert suffix in helps[option], f"{option} does not name {suffix}"
    res = runner.invoke(app, ["cohort", "--help"])
    assert res.exit_code == 0 and ".parquet" in res.stdout


def _read(path: Path) -> tuple[list[str], list[dict[str, Any]], dict[str, str]]:
    """Columns, rows and (Parquet only) column types of a table file."""
    suffix = path.suffix
    if suffix == ".parquet":
        table = pq.read_table(path)
        types = {f.name: str(f.type) for f in table.schema}
        return table.column_names, table.to_pylist(), types
    text = path.read_text(encoding="utf-8")
    if suffix in (".csv", ".tsv"):
        reader = csv.DictReader(text.splitlines(), delimiter="," if suffix == ".csv" else "\t")
        rows = list(reader)
        return list(reader.fieldnames or []), rows, {}
    rows = [json.loads(line) for line in text.splitlines()]
    return list(rows[0]), rows, {}


@pytest.mark.parametrize("suffix", list(TABLE_FORMATS))
def test_every_table_format_reads_back_with_the_declared_columns(
    cohort_file: Path, tmp_path: Path, suffix: str
) -> None:
    out = {name: tmp_path / f"{name}{suffix}" for name in TABLE_OUTPUTS.values()}
    result = bodymap.cohort(
        cohort_file, by="clinic", groups=cohort_file.parent / "groups.csv", scheme="wpi",
        rank=True, kinds=["organ", "joint"], covariate="age", output=out["table"],
        regions_out=out["regions"], rank_out=out["rank"], tests_out=out["tests"],
        regression_out=out["regression"], cooccurrence_out=out["cooccurrence"],
    )  # fmt: skip
    assert set(result.outputs) == set(out)
    assert all(isinstance(c, Column) for c in result.columns)
    columns, rows, types = _read(out["table"])
    assert columns == list(result.columns) and len(rows) == result.n == 30
    assert {"group", "best_score", "second_score", "red_flag", "wpi"} <= set(columns)
    if suffix == ".parquet":
        assert types == {c: ARROW[c.type] for c in result.columns}
        assert [r["best_score"] for r in rows] == [r["best_score"] for r in result.rows]
        assert [r["red_flag"] for r in rows] == [r["red_flag"] for r in result.rows]
        columns, rows, types = _read(out["regions"])
        assert types == {c: ARROW[c.type] for c in result.region_columns()}
        columns, rows, types = _read(out["rank"])
        assert types == {c: ARROW[c.type] for c in result.rank_columns()}
        assert sum(r["count"] for r in rows) <= 30
    for name in ("regions", "rank", "tests", "regression", "cooccurrence"):
        columns, rows, _ = _read(out[name])
        assert columns and rows, name


@pytest.mark.parametrize("suffix", list(TABLE_FORMATS))
def test_a_code_table_cohort_writes_every_table_format(tmp_path: Path, suffix: str) -> None:
    maps = tmp_path / "maps.csv"
    maps.write_text('id,gender,clinic,codes\na,f,x,"101,102"\nb,m,y,201\nc,m,x,\n')
    table, regions = tmp_path / f"t{suffix}", tmp_path / f"r{suffix}"
    result = bodymap.cohort(
        maps, scheme="choir", codes_column="codes", id_column="id", sex_column="gender",
        by="clinic", output=table, regions_out=regions,
    )  # fmt: skip
    columns, rows, types = _read(table)
    assert columns == list(result.columns) and [r["subject"] for r in rows] == ["a", "b", "c"]
    if suffix == ".parquet":
        assert types == {c: ARROW[c.type] for c in result.columns}
        assert [r["wpi"] for r in rows] == [r["wpi"] for r in result.rows]
    assert len(_read(regions)[1]) == len(result.region_table())


def test_cli_rank_writes_parquet(cohort_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "table.parquet"
    res = runner.invoke(
        app, ["cohort", str(cohort_file), "--rank", "--kind", "organ", "-o", str(out), "-q"]
    )
    assert res.exit_code == 0, res.stderr
    table = pq.read_table(out)
    assert str(table.schema.field("best_score").type) == "double"
    assert str(table.schema.field("red_flag").type) == "bool"
    assert table.num_rows == 30


def test_a_column_keeps_its_type_through_pickle() -> None:
    column = pickle.loads(pickle.dumps(Column("n_marks", "int")))
    assert column == "n_marks" and column.type == "int" and isinstance(column, Column)
    with pytest.raises(ValueError, match="unknown column type 'date'"):
        Column("when", "date")


def test_fisher_exact_many_equals_scipy_table_by_table() -> None:
    rng = np.random.default_rng(5)
    small = rng.integers(0, 7, (4, 600))
    n0, n1 = 412, 388
    a, b = rng.integers(0, n0 + 1, 600), rng.integers(0, n1 + 1, 600)
    a[:200] = (b[:200] * n0) // n1  # near the mode
    tables = np.concatenate([small, np.stack([a, n0 - a, b, n1 - b])], axis=1)
    odds, p = fisher_exact_many(scipy.stats, *tables)
    for i in range(tables.shape[1]):
        c = tables[:, i]
        expected = scipy.stats.fisher_exact([[c[0], c[1]], [c[2], c[3]]])
        assert p[i] == expected.pvalue, c
        assert odds[i] == expected.statistic or (np.isnan(odds[i]) and np.isnan(expected.statistic))


def test_fisher_cell_test_equals_scipy_cell_by_cell(cohort_file: Path) -> None:
    result = bodymap.cohort(cohort_file, by="clinic")
    cells = result.cell_test("fisher", min_count=2)
    grids = np.stack([result.groups[g].grids for g in cells.groups])
    n0, n1 = cells.n
    tested = np.argwhere(cells.tested)
    assert len(tested) > 100
    for v, y, x in tested[:: max(1, len(tested) // 300)]:
        c0, c1 = int(grids[0, v, y, x]), int(grids[1, v, y, x])
        expected = scipy.stats.fisher_exact([[c0, n0 - c0], [c1, n1 - c1]])
        assert cells.p[v, y, x] == expected.pvalue
        assert cells.statistic[v, y, x] == expected.statistic
