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

from bodymap.core.errors import OutputError
from bodymap.core.output import check_output
from bodymap.core.text import FORMULA_PREFIXES, spreadsheet_cell

#: First characters of text that :func:`spreadsheet_cell` changes.
_RISKY_START = frozenset(FORMULA_PREFIXES)

__all__ = [
    "COLUMN_TYPES",
    "TABLE_FORMATS",
    "Column",
    "TableWriter",
    "check_table_output",
    "column_type",
    "table_formats",
    "write_rows",
]

PathLike = str | os.PathLike[str]

#: Table formats by file suffix.
TABLE_FORMATS: Mapping[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
#: The types a table column can declare, and what each holds.
COLUMN_TYPES: Mapping[str, str] = {
    "int": "whole numbers (Parquet int64)",
    "float": "numbers (Parquet float64)",
    "text": "text (Parquet string)",
    "bool": "true/false (Parquet bool)",
}


class Column(str):
    """A table column: its name (the string itself) with the type of its values.

    A :class:`Column` is a ``str`` (``Column("n_marks", "int") == "n_marks"``), so rows keyed
    by plain names and tuples of names work as before; :class:`TableWriter` reads the type,
    declared where the column is defined, instead of guessing it from the name.

    Parameters
    ----------
    name
        The column name.
    type
        ``"int"``, ``"float"``, ``"text"`` or ``"bool"`` (see :data:`COLUMN_TYPES`); values
        may also be ``None`` (an empty cell, a Parquet null).
    """

    type: str

    def __new__(cls, name: str, type: str = "text") -> Column:
        """A column ``name`` whose values are of ``type``."""
        if type not in COLUMN_TYPES:
            valid = ", ".join(COLUMN_TYPES)
            raise ValueError(f"unknown column type {type!r}; choose from: {valid}")
        column = super().__new__(cls, name)
        column.type = type
        return column

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (Column, (str(self), self.type))


def table_formats() -> str:
    """The table suffixes the writers support, for help texts: ``.csv, .tsv, ...``."""
    return ", ".join(TABLE_FORMATS)


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


def column_type(column: str, kinds: Mapping[str, str] | None = None) -> str:
    """The declared type of a column: ``kinds[column]``, else :attr:`Column.type`, else text."""
    if kinds is not None and column in kinds:
        return kinds[column]
    return column.type if isinstance(column, Column) else "text"


def _arrow_schema(columns: Sequence[str], kinds: Mapping[str, str] | None = None) -> Any:
    """The Parquet schema of a table, from the columns' declared types (see :class:`Column`)."""
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "text": pa.string(), "bool": pa.bool_()}
    return pa.schema([(str(c), types[column_type(c, kinds)]) for c in columns])


class TableWriter:
    """Writes rows to a binary file as CSV, TSV, JSON Lines or Parquet, a chunk at a time.

    Parquet (through pyarrow, an optional dependency) gets one row group per chunk, each
    column of its declared type (:class:`Column`, or ``kinds``: int64, float64, bool or
    string; null where a value is ``None``).  In CSV and TSV, a text cell that a spreadsheet
    would run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return) is written with a leading ``'``, as OWASP advises against CSV injection; numbers
    are written as they are.
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
            text = [i for i, c in enumerate(cols) if column_type(c, self.kinds) == "text"]
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
            # Imported here: the command line reads TABLE_FORMATS for its help without orjson.
            from bodymap.core.jsonio import dump_json

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
