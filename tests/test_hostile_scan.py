"""Hostile files given to ``bodymap scan``: image and PDF bombs, outputs that are inputs, QR codes.

Sizes are checked before anything is decoded (an image's from its header, a PDF page's
before it is rendered), a bad file is one line on stderr (the image libraries are silenced)
and the batch goes on; a drawing never replaces an input, and a QR code cannot put control
characters into the drawing or name a chart file.  The hostile files are small and made here.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from paper_helpers import page_image
from PIL import Image

import bodymap.scene.paper as paper_mod
from bodymap.apps.scan import (
    MAX_IMAGE_BYTES,
    MAX_IMAGE_SIDE,
    MAX_PAGE_MM,
    MAX_PIXELS,
    ScanError,
    load_pages,
    read_page,
    scan_files,
)
from bodymap.core.errors import BodymapError

NOT_AN_IMAGE = "unreadable file (not a PNG, JPEG or PDF image)"
TOO_MANY = f"image too large (more than {MAX_PIXELS:,} pixels)"


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width: int, height: int, idat: bytes, depth: int = 8, colour: int = 2) -> bytes:
    """A PNG file whose header says ``width`` x ``height``, with ``idat`` as its pixel data."""
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


def one_bit_bomb(side: int) -> bytes:
    """A white ``side`` x ``side`` 1-bit PNG: 30000 a side is 900 MP in about 150 KB."""
    row = b"\x00" + b"\xff" * (side // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    return png(side, side, data, depth=1, colour=0)


def pdf(*pages: tuple[float, float], ink: bool = False) -> bytes:
    """A PDF of pages of the given sizes in points: empty, or each with a thick black line."""
    n = len(pages)
    kids = " ".join(f"{i + 4} 0 R" for i in range(n))
    contents = "/Contents 3 0 R" if ink else ""
    objects = "".join(
        f"{i + 4} 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 {w} {h}]{contents}>>endobj\n"
        for i, (w, h) in enumerate(pages)
    )
    line = "20 w 50 50 m 300 300 l S"
    return (
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        f"2 0 obj<</Type/Pages/Kids[{kids}]/Count {n}>>endobj\n"
        f"3 0 obj<</Length {len(line)}>>stream\n{line}\nendstream endobj\n{objects}"
        "trailer<</Root 1 0 R>>\n%%EOF\n"
    ).encode()


def errors(path: Path) -> list[str]:
    return [str(page) for _, page in load_pages(path) if isinstance(page, ScanError)]


def test_a_one_bit_png_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(one_bit_bomb(30_000))
    assert bomb.stat().st_size < 200_000
    assert errors(bomb) == [f"{bomb}: {TOO_MANY}"]


def test_a_group4_tiff_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tif"
    Image.new("1", (30_000, 30_000), 1).save(bomb, compression="group4")
    assert bomb.stat().st_size < 100_000
    assert errors(bomb) == [f"{bomb}: {TOO_MANY}"]


def test_an_image_file_too_large_is_not_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    with open(huge, "wb") as fh:  # sparse: no room on disk
        fh.truncate(MAX_IMAGE_BYTES + 1)
    assert errors(huge) == [
        f"{huge}: file too large (200,000,001 bytes; an image may have at most 200,000,000)"
    ]


def test_an_image_over_the_limit_names_its_size(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    wide.write_bytes(png(MAX_IMAGE_SIDE + 1, 10, zlib.compress(b"")))
    assert errors(wide) == [
        f"{wide}: image too large: {MAX_IMAGE_SIDE + 1:,} x 10 px (at most {MAX_PIXELS:,} "
        f"pixels, {MAX_IMAGE_SIDE:,} a side)"
    ]


def test_a_header_that_lies_is_one_error_not_a_traceback(tmp_path: Path) -> None:
    claims = tmp_path / "claims.png"
    claims.write_bytes(png(50_000, 50_000, zlib.compress(b"")))
    assert claims.stat().st_size < 100
    assert errors(claims) == [f"{claims}: {TOO_MANY}"]
    small = tmp_path / "small.png"  # within the limits, but no pixel data
    small.write_bytes(png(4_000, 3_000, zlib.compress(b"")))
    assert errors(small) == [f"{small}: {NOT_AN_IMAGE}"]


def test_a_huge_pdf_page_is_refused_before_it_is_rendered(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(pdf((5000, 5000)))
    assert errors(big) == [
        f"{big}: page 1: 1,764 x 1,764 mm, larger than a paper chart (at most "
        f"{MAX_PAGE_MM:,.0f} mm a side)"
    ]


def test_pdf_pages_are_rendered_one_at_a_time(tmp_path: Path) -> None:
    many = tmp_path / "many.pdf"
    many.write_bytes(pdf(*[(595, 842)] * 200, ink=True))
    pages = load_pages(many)
    label, first = next(pages)  # the first page, without the 199 others
    assert label == "many.pdf#page=1"
    assert isinstance(first, np.ndarray) and first.shape == (2339, 1653, 3)
    assert sum(1 for _ in pages) == 199


def test_blank_pdf_pages_are_told_from_a_thumbnail(tmp_path: Path) -> None:
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(pdf(*[(595, 842)] * 200))
    found = errors(blank)
    assert len(found) == 200
    assert found[-1] == f"{blank}: page 200: the page is blank"


@pytest.fixture(scope="module")
def good_page() -> np.ndarray:
    return page_image(None, 150)


def test_a_batch_of_bombs_gives_one_line_each_and_reads_the_rest(
    tmp_path: Path, good_page: np.ndarray
) -> None:
    (tmp_path / "bomb.png").write_bytes(one_bit_bomb(30_000))
    (tmp_path / "claims.png").write_bytes(png(4_000, 3_000, zlib.compress(b"")))
    ok, jpeg = cv2.imencode(".jpg", good_page)
    assert ok
    (tmp_path / "cut.jpg").write_bytes(jpeg.tobytes()[: len(jpeg) // 3])  # libjpeg warns
    (tmp_path / "big.pdf").write_bytes(pdf((5000, 5000)))
    cv2.imwrite(str(tmp_path / "good.png"), good_page)
    names = ["bomb.png", "claims.png", "cut.jpg", "big.pdf", "good.png"]
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "bodymap", "scan", *names, "--out-dir", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1
    assert run.stdout == ""
    errors = [line for line in run.stderr.splitlines() if not line.startswith("wrote ")]
    assert f"wrote {Path('out', 'good.json')}" in run.stderr.splitlines()
    assert errors == [
        f"Error: bomb.png: {TOO_MANY}",
        f"Error: claims.png: {NOT_AN_IMAGE}",
        f"Error: cut.jpg: {NOT_AN_IMAGE}",
        f"Error: big.pdf: page 1: 1,764 x 1,764 mm, larger than a paper chart (at most "
        f"{MAX_PAGE_MM:,.0f} mm a side)",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]


def test_a_drawing_never_replaces_an_image_named_json(
    tmp_path: Path, good_page: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ok, encoded = cv2.imencode(".png", good_page)
    assert ok
    Path("photo.json").write_bytes(encoded.tobytes())
    before = Path("photo.json").read_bytes()
    seen: list[str] = []
    for out_dir in (None, "."):
        assert scan_files(["photo.json"], out_dir=out_dir, on_error=seen.append) == 1
    replaced = (
        "photo.json: the drawing would replace the image photo.json; write it elsewhere "
        "with --out-dir DIR or -o FILE"
    )
    assert seen == [replaced, replaced]
    with pytest.raises(BodymapError, match=r"^\./photo\.json: is one of the images; the drawing "
                       r"would replace it$"):  # fmt: skip
        scan_files(["photo.json"], output="./photo.json")
    assert Path("photo.json").read_bytes() == before
    Path("out").mkdir()
    assert scan_files(["photo.json"], out_dir="out") == 0
    assert json.loads(Path("out/photo.json").read_text())["bodymap"]["kind"] == "drawing"


def _page_with_qr(monkeypatch: pytest.MonkeyPatch, text: str) -> np.ndarray:
    monkeypatch.setattr(paper_mod, "qr_payload", lambda payload: text)
    page = page_image(None, 150)
    monkeypatch.undo()
    return page


def test_a_qr_code_cannot_name_a_chart_file(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page_with_qr(monkeypatch, "BODYMAP-PAPER/1/..%2Fqr%2Fsecret.json/1/abcd/S1")
    with pytest.raises(ScanError) as caught:
        read_page(page, "q.png")
    assert str(caught.value) == (
        "q.png: the page is of chart '../qr/secret.json', which this bodymap does not have"
    )


def test_control_characters_of_a_qr_code_stay_out_of_the_drawing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _page_with_qr(
        monkeypatch, "BODYMAP-PAPER/1/adult/1/ab%0Acd%1B/S%1B%5B31m1%07%00%0A%E2%80%AEx"
    )
    drawing = read_page(page, "q.png")
    assert drawing.subject == "S[31m1x"
    assert drawing.meta["scan"]["page"] == "abcd"
    text = drawing.to_json()
    for char in ("\x1b", "\x07", "\x00", "\u202e"):
        assert char not in text and json.dumps(char)[1:-1] not in text
