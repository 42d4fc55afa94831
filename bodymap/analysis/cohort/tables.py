"""Cohort tables: CSV, TSV, JSON Lines or Parquet, chosen by the output's suffix.

:class:`TableWriter` writes rows a chunk at a time; Parquet (pyarrow, the optional
``bodymap[parquet]`` extra) gets typed columns and one row group per chunk.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from bodymap.core.choices import MEASURES
from bodymap.core.errors import OutputError
from bodymap.core.jsonio import dump_json
from bodymap.core.output import check_output
from bodymap.core.text import FORMULA_PREFIXES, spreadsheet_cell

#: First characters of text that :func:`spreadsheet_cell` changes.
_RISKY_START = frozenset(FORMULA_PREFIXES)

__all__ = ["TABLE_FORMATS", "TableWriter", "check_table_output", "write_rows"]

PathLike = str | os.PathLike[str]

#: Table formats by file suffix.
TABLE_FORMATS: Mapping[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
#: Table columns that hold whole numbers; measures and areas are floats, the rest text.
_INT_COLUMNS = frozenset({"n_marks", "count", "wpi"})
#: Table columns that hold true/false.
_BOOL_COLUMNS = frozenset({"generalized"})
_INT_PREFIXES = ("count_",)
_FLOAT_COLUMNS = frozenset({"extent_cm2", "extent_pct", "outside_cm2", "percent"})
_FLOAT_SUFFIXES = tuple(f"_{m}" for m in MEASURES)
_FLOAT_PREFIXES = ("percent_",)


def check_table_output(path: PathLike) -> tuple[Path, str]:
    """Check a table output path before any work; return it and its format.

    Raises
    ------
    OutputError
        If the suffix is not ``.csv``, ``.tsv``, ``.jsonl``, ``.ndjson`` or ``.parquet``, the
        folder does not exist, or Parquet is asked for without pyarrow installed.
    """
    out, fmt = check_output(path, TABLE_FORMATS, "table")
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise OutputError(f"{out}: writing Parquet needs pyarrow (pip install 'bodymap[parquet]')")
    return out, fmt


def _column_kind(column: str) -> str:
    """``"int"``, ``"float"``, ``"bool"`` or ``"text"``: what a table column holds."""
    if column in _BOOL_COLUMNS:
        return "bool"
    if column in _INT_COLUMNS or column.startswith(_INT_PREFIXES):
        return "int"
    if (
        column in _FLOAT_COLUMNS
        or column.endswith(_FLOAT_SUFFIXES)
        or column.startswith(_FLOAT_PREFIXES)
    ):
        return "float"
    return "text"


def _arrow_schema(columns: Sequence[str], kinds: Mapping[str, str] | None = None) -> Any:
    """The Parquet schema of a table: counts as int64, areas, shares and measures as float64.

    ``kinds`` gives the kind (``"int"``, ``"float"``, ``"text"`` or ``"bool"``) of columns
    that the naming rules of the cohort table do not cover (the statistics tables).
    """
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "text": pa.string(), "bool": pa.bool_()}
    return pa.schema([(c, types[_kind(c, kinds)]) for c in columns])


def _kind(column: str, kinds: Mapping[str, str] | None) -> str:
    if kinds is not None and column in kinds:
        return kinds[column]
    return _column_kind(column)


class TableWriter:
    """Writes rows to a binary file as CSV, TSV, JSON Lines or Parquet, a chunk at a time.

    Parquet (through pyarrow, an optional dependency) gets one row group per chunk, with
    typed columns: ``n_marks`` int64, areas and measures float64 (null where undefined),
    the rest text.  In CSV and TSV, a text cell that a spreadsheet would run as a formula
    (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written
    with a leading ``'``, as OWASP advises against CSV injection; numbers are written as
    they are.
    """

    def __init__(
        self,
        fh: IO[bytes],
        fmt: str,
        columns: Sequence[str],
        kinds: Mapping[str, str] | None = None,
    ) -> None:
        self.fmt = fmt
        self.columns = tuple(columns)
        self.kinds = kinds
        self.csv: Any = None
        self.parquet: Any = None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self.schema = _arrow_schema(self.columns, kinds)
            self.parquet = pq.ParquetWriter(fh, self.schema)
            return
        self.text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
        if fmt in ("csv", "tsv"):
            self.csv = csv.writer(
                self.text, delimiter="," if fmt == "csv" else "\t", lineterminator="\n"
            )
            self.csv.writerow(self.columns)

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Append rows (``None`` is written as an empty cell, or ``null`` in JSON)."""
        if self.parquet is not None:
            import pyarrow as pa

            cols = self.columns
            table = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows], self.schema)
            if table.num_rows:
                self.parquet.write_table(table)
            return
        if self.csv is not None:
            cols = self.columns
            text = [i for i, c in enumerate(cols) if _kind(c, self.kinds) == "text"]
            cell = spreadsheet_cell
            risky = _RISKY_START
            # (csv writes None as an empty cell.)
            for r in rows:
                cells = [r.get(c) for c in cols]
                for i in text:
                    v = cells[i]
                    if v is not None and (not isinstance(v, str) or v[:1] in risky or "\r" in v):
                        cells[i] = cell(v)
                self.csv.writerow(cells)
        else:
            for r in rows:
                record = {c: r.get(c) for c in self.columns}
                self.text.write(dump_json(record, indent=None, ensure_ascii=True) + "\n")

    def close(self) -> None:
        """Flush and detach (the binary file stays open for its owner)."""
        if self.parquet is not None:
            self.parquet.close()
            return
        self.text.flush()
        self.text.detach()


def write_rows(
    fh: IO[bytes],
    fmt: str,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    kinds: Mapping[str, str] | None = None,
) -> None:
    """Write a whole table at once (see :class:`TableWriter`)."""
    writer = TableWriter(fh, fmt, columns, kinds)
    writer.write(rows)
    writer.close()
