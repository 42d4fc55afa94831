"""JSON and JSON Lines files in UTF-16 or UTF-32: refused in one line, as not UTF-8.

The standard parser guesses the encoding of bytes, so a UTF-16 drawing used to be read, and
a UTF-16 JSON Lines file, cut at its newline bytes, gave its first line and then a broken
line of the NUL byte left over.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bodymap
from bodymap.core.errors import DrawingError

DRAWING = {
    "type": "FeatureCollection",
    "bodymap": {"kind": "drawing", "version": 1},
    "features": [
        {"type": "Feature", "geometry": None,
         "properties": {"view": "front", "region": "groin-left"}},
    ],
}  # fmt: skip


@pytest.mark.parametrize(("encoding", "shown"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"),
                                                 ("utf-32", "UTF-32")])  # fmt: skip
def test_a_wide_drawing_file_must_be_utf8(tmp_path: Path, encoding: str, shown: str) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(json.dumps(DRAWING).encode(encoding))
    with pytest.raises(DrawingError) as caught:
        bodymap.load_drawing(path)
    assert str(caught.value) == f"{path}: not valid JSON ({shown} text; the file must be UTF-8)"


def test_a_utf16_json_lines_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes((json.dumps(DRAWING) + "\n").encode("utf-16"))
    result = bodymap.cohort([path])
    assert result.n == 0
    assert [p.message for p in result.problems] == [
        f"{path}:1: not valid JSON Lines (UTF-16 text; the file must be UTF-8)"
    ]


def test_a_utf8_byte_order_mark_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(DRAWING).encode())
    assert bodymap.load_drawing(path).area() == pytest.approx(101.4, abs=0.05)
