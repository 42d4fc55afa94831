"""Cohort inputs: drawing files, folders and JSON Lines, cut into independent chunks.

:func:`expand` resolves the inputs (folders searched recursively), :func:`tasks` cuts them
into chunks in input order (JSON Lines read block by block, whole lines only) and
:func:`documents` parses the drawings of one chunk, each with its source (``file`` or
``file:line``).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bodymap.core.errors import DataError, DrawingError
from bodymap.core.jsonio import wide_text
from bodymap.model.reader import parse_drawing_text, read_drawing_json

__all__ = [
    "FOLDER_SUFFIXES",
    "JSONL_SUFFIXES",
    "Task",
    "bodymap_members",
    "documents",
    "expand",
    "input_size",
    "tasks",
]

PathLike = str | os.PathLike[str]

#: Suffixes read as JSON Lines (one drawing per line); any other file is one drawing.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")
#: Suffixes of the drawing files picked up inside a folder.
FOLDER_SUFFIXES: tuple[str, ...] = (".json", ".geojson", *JSONL_SUFFIXES)
FILES_PER_CHUNK = 400
BYTES_PER_CHUNK = 1 << 20


@dataclass(frozen=True)
class Task:
    """A chunk of input: drawing files, or a block of whole lines of a JSON Lines file."""

    index: int
    files: tuple[str, ...] = ()
    source: str = ""
    first_line: int = 1
    data: bytes = b""
    size: int = 0  # bytes of input it stands for (progress)
    #: Where the block starts in ``source`` when it is read there, not carried in ``data``.
    offset: int = -1

    def block(self) -> bytes:
        """The JSON Lines block: ``data``, or ``size`` bytes of ``source`` from ``offset``.

        Raises
        ------
        DataError
            If the file cannot be read, or no longer holds the whole block.
        """
        if self.offset < 0:
            return self.data
        try:
            with open(self.source, "rb") as fh:
                fh.seek(self.offset)
                data = fh.read(self.size)
        except OSError as exc:
            raise DataError(f"{self.source}: cannot read: {exc.strerror or exc}") from None
        if len(data) != self.size:
            raise DataError(f"{self.source}: the file changed while it was being read")
        return data


def documents(task: Task, check_depth: bool = True) -> Iterator[tuple[str, Any]]:
    """``(source, parsed document or DrawingError)`` for each drawing of a task.

    With ``check_depth=False`` the nesting of JSON Lines documents is left for the reader to
    check (:func:`bodymap.model.reader.read_many` does).
    """
    for name in task.files:
        try:
            yield name, read_drawing_json(Path(name))
        except DrawingError as exc:
            yield name, exc
    if task.source:
        number = task.first_line
        for line in task.block().split(b"\n"):
            if line.strip():
                source = f"{task.source}:{number}"
                if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                if number == 1 and (wide := wide_text(line, guess=False)) is not None:
                    # One error for the file, not one for each broken half of a character.
                    problem = f"not valid JSON Lines ({wide} text; the file must be UTF-8)"
                    yield source, DrawingError(source, problem)
                    return
                try:
                    yield source, parse_drawing_text(line, source, check_depth)
                except DrawingError as exc:
                    yield source, exc
            number += 1


def expand(inputs: Iterable[PathLike]) -> list[tuple[str, str]]:
    """``(kind, name)`` for every input, folders expanded: kind is ``file``, ``jsonl``, ``stdin``.

    Raises
    ------
    DataError
        If an input does not exist.
    """
    out: list[tuple[str, str]] = []
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            out.append(("stdin", "-"))
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in FOLDER_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for p in found:
                out.append(("jsonl" if p.suffix.lower() in JSONL_SUFFIXES else "file", str(p)))
        elif path.is_file():
            out.append(("jsonl" if path.suffix.lower() in JSONL_SUFFIXES else "file", name))
        else:
            raise DataError(f"{name}: no such file or folder")
    return out


def input_size(expanded: Sequence[tuple[str, str]]) -> int | None:
    """Total bytes of the expanded inputs, or ``None`` when stdin is among them."""
    total = 0
    for kind, name in expanded:
        if kind == "stdin":
            return None
        with contextlib.suppress(OSError):
            total += os.path.getsize(name)
    return total


def tasks(
    expanded: Sequence[tuple[str, str]],
    files_per_chunk: int,
    bytes_per_chunk: int,
    by_offset: bool = False,
) -> Iterator[Task]:
    """Cut the inputs into chunks, in input order, reading JSON Lines block by block.

    With ``by_offset`` a block of a regular JSON Lines file (not stdin or a pipe) is passed
    by its place in the file, for a worker on this machine to read again, instead of
    carrying its bytes.
    """
    index = 0
    pending: list[str] = []
    pending_size = 0

    def flush() -> Task:
        nonlocal index, pending, pending_size
        task = Task(index, files=tuple(pending), size=pending_size)
        index += 1
        pending, pending_size = [], 0
        return task

    for kind, name in expanded:
        if kind == "file":
            pending.append(name)
            with contextlib.suppress(OSError):
                pending_size += os.path.getsize(name)
            if len(pending) >= files_per_chunk:
                yield flush()
            continue
        if pending:
            yield flush()
        try:
            stream: IO[bytes] = sys.stdin.buffer if kind == "stdin" else open(name, "rb")  # noqa: SIM115
        except OSError as exc:
            raise DataError(f"{name}: cannot read: {exc.strerror or exc}") from None
        shown = "<stdin>" if kind == "stdin" else name
        # Only a regular file can be read again by a worker (not a pipe or a FIFO).
        again = by_offset and kind != "stdin" and stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
        line = 1
        at = 0
        try:
            while True:
                block = stream.read(bytes_per_chunk)
                if not block:
                    break
                if not block.endswith(b"\n"):
                    block += stream.readline()
                if again:
                    yield Task(index, source=shown, first_line=line, size=len(block), offset=at)
                else:
                    yield Task(index, source=shown, first_line=line, data=block, size=len(block))
                at += len(block)
                index += 1
                line += block.count(b"\n")
        except OSError as exc:
            raise DataError(f"{shown}: cannot read: {exc.strerror or exc}") from None
        finally:
            if kind != "stdin":
                stream.close()
    if pending:
        yield flush()


def bodymap_members(expanded: Sequence[tuple[str, str]], limit: int = 100) -> list[str]:
    """The members of the ``bodymap`` blocks of the first ``limit`` drawings, sorted.

    For a message that names what a drawing has (``by`` naming a member none of them has);
    stdin, already read, is left out, and unreadable drawings are skipped.
    """
    members: set[str] = set()
    seen = 0
    readable = [(kind, name) for kind, name in expanded if kind != "stdin"]
    for task in tasks(readable, 16, 64 << 10):
        for _, doc in documents(task):
            block = doc.get("bodymap") if isinstance(doc, dict) else None
            if isinstance(block, dict):
                members.update(str(k) for k in block)
            seen += 1
            if seen >= limit:
                return sorted(members)
    return sorted(members)
