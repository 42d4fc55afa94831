"""Code tables of hostile shape: 100,000 columns without the one asked for, a huge cell.

The message names the first columns and how many there are, instead of every column (a
789 KB line before).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bodymap
from bodymap.core.errors import DataError


def test_a_missing_column_of_a_wide_table_names_ten_columns_and_the_count(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wide.csv"
    names = [f"c{i}" for i in range(100_000)]
    path.write_text(",".join(names) + "\n" + ",".join("x" * len(names)) + "\n")
    with pytest.raises(DataError) as caught:
        bodymap.cohort([path], codes_column="c0", id_column="pid")
    assert str(caught.value) == (
        f"{path}: no column 'pid' in the table; columns: c0, c1, c2, c3, c4, c5, c6, c7, c8, "
        "c9 and 99,990 more (100,000 in all)"
    )


def test_long_column_names_are_shortened_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("codes," + "n" * 5000 + "\n101,x\n")
    with pytest.raises(DataError) as caught:
        bodymap.cohort([path], codes_column="codes", id_column="pid")
    assert str(caught.value) == (
        f"{path}: no column 'pid' in the table; columns: codes, {'n' * 39}…"
    )


def test_a_row_with_a_cell_over_the_field_limit_is_reported_and_the_rest_are_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.csv"
    path.write_text('subject,codes\na,"101,102"\nb,' + "1" * 140_000 + "\nc,103\n")
    result = bodymap.cohort([path], scheme="choir", codes_column="codes", id_column="subject")
    assert [row["subject"] for row in result.rows] == ["a", "c"]
    assert [p.message for p in result.problems] == [
        f"{path}:3: cannot read the row: a cell is longer than 131,072 characters"
    ]
