"""Groups of a cohort: a table that assigns drawings to groups (clinic, sex, arm).

The same table may give each drawing its symptom severity score (an ``sss`` column, read by
:func:`read_scores`), for the 2016 fibromyalgia criteria of the cohort table.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from bodymap.analysis.criteria import check_sss
from bodymap.core.errors import BodymapError, DataError
from bodymap.core.paths import name_problem, os_problem
from bodymap.core.text import show_value

__all__ = ["SSS_COLUMN", "read_groups", "read_scores", "read_table_text"]

#: The column of a groups table that holds the symptom severity score (0-12).
SSS_COLUMN = "sss"

PathLike = str | os.PathLike[str]


def read_table_text(path: PathLike, what: str) -> tuple[str, str]:
    """The path as given and the text of a table file (UTF-8, a BOM allowed).

    Raises
    ------
    DataError
        ``file: cannot read <what>: reason`` if the name is impossible or the file unreadable.
    """
    where = os.fspath(path)
    problem = name_problem(where)
    if problem is not None:
        raise DataError(f"{where}: {problem}")
    try:
        return where, Path(where).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_problem(exc) if isinstance(exc, OSError) else "not UTF-8 text"
        raise DataError(f"{where}: cannot read {what}: {reason}") from None


def read_groups(path: PathLike, by: str, key: str = "subject") -> dict[str, str]:
    """Read a table that assigns drawings to groups.

    Parameters
    ----------
    path
        A CSV (or semicolon- or tab-separated) file with a header row.
    by
        The column that holds the group.
    key
        The column that names the drawing: ``subject`` (default) matches
        ``bodymap.subject`` of the drawing; any other name matches the drawing's
        ``bodymap`` member of that name.

    Returns
    -------
    dict
        Group by key value; rows with an empty key or group are left out.

    Raises
    ------
    DataError
        If the file cannot be read, lacks a column, or gives one key two groups.
    """
    where, text = read_table_text(path, "the groups table")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        return _groups(reader, where, by, key)
    except csv.Error as exc:
        raise DataError(f"{where}:{reader.line_num}: cannot read the groups table: {exc}") from None


def _groups(reader: csv.DictReader[str], where: str, by: str, key: str) -> dict[str, str]:
    columns = reader.fieldnames or []
    for needed in (key, by):
        if needed not in columns:
            raise DataError(
                f"{where}: no column {needed!r} in the groups table; columns: "
                + (", ".join(columns) or "(none)")
            )
    groups: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):
        k = (row.get(key) or "").strip()
        g = (row.get(by) or "").strip()
        if not k or not g:
            continue
        if groups.get(k, g) != g:
            raise DataError(
                f"{where}:{number}: {key} {k!r} is in two groups ({groups[k]!r} and {g!r})"
            )
        groups[k] = g
    return groups


def read_scores(path: PathLike, key: str = "subject") -> dict[str, int] | None:
    """The symptom severity scores of a groups table's ``sss`` column, by ``key`` value.

    Returns ``None`` when the table has no ``sss`` column; rows with an empty key or score
    are left out.

    Raises
    ------
    DataError
        ``file:line: ...`` for a score that is not a whole number from 0 to 12, or one key
        with two scores; a table without the ``key`` column.
    """
    where, text = read_table_text(path, "the groups table")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        columns = [c.strip() for c in reader.fieldnames or []]
        if SSS_COLUMN not in columns:
            return None
        if key not in columns:
            raise DataError(
                f"{where}: no column {key!r} in the groups table; columns: " + ", ".join(columns)
            )
        scores: dict[str, int] = {}
        for number, row in enumerate(reader, start=2):
            cells = {(k or "").strip(): (v or "") for k, v in row.items() if isinstance(v, str)}
            k = cells.get(key, "").strip()
            raw = cells.get(SSS_COLUMN, "").strip()
            if not k or not raw:
                continue
            try:
                score = check_sss(raw)
            except BodymapError as exc:
                raise DataError(f"{where}:{number}: {key} {show_value(k)}: {exc}") from None
            if scores.get(k, score) != score:
                raise DataError(
                    f"{where}:{number}: {key} {show_value(k)} has two symptom severity scores "
                    f"({scores[k]} and {score})"
                )
            scores[k] = score
        return scores
    except csv.Error as exc:
        raise DataError(f"{where}:{reader.line_num}: cannot read the groups table: {exc}") from None
