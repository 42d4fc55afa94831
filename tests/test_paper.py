"""Paper charts: the printed page, and reading it back from scans and photos.

Pages are printed from known drawings by the same layout ``bodymap paper --drawing`` writes,
rasterised, photographed (tests/paper_helpers.py) and read back; the readings are compared
with the known drawing by the Jaccard index and the pain extent.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pypdfium2
import pytest
import zxingcpp
from paper_helpers import Photo, jaccard, page_image, photograph, random_drawing
from pypdf import PdfReader
from typer.testing import CliRunner

import bodymap
import bodymap.scene.paper as paper_mod
from bodymap.apps.scan import MAX_BLUR_MM, MIN_PX_PER_MM, ScanError, read_page
from bodymap.cli import app
from bodymap.scene.paper import (
    MARKER_BITS,
    PaperPayload,
    paper_layout,
    paper_scene,
    parse_payload,
    qr_payload,
)

runner = CliRunner()


@pytest.fixture(scope="module")
def drawing() -> bodymap.Drawing:
    return random_drawing(3, subject="P-17")


@pytest.fixture(scope="module")
def printed(drawing) -> np.ndarray:
    return page_image(drawing, 200, "blue", subject="P-17")


def check(truth: bodymap.Drawing, got: bodymap.Drawing, least: float = 0.9) -> float:
    j = jaccard(truth, got)
    assert j >= least, j
    assert abs(got.area() - truth.area()) / truth.area() < 0.08
    return j


# --- the printed page ------------------------------------------------------------------------


def test_markers_are_opencv_aruco_4x4_markers_0_to_3():
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    for i, bits in enumerate(MARKER_BITS):
        image = cv2.aruco.generateImageMarker(dictionary, i, 6)
        assert (image[1:5, 1:5] // 255).tolist() == [list(r) for r in bits]


def test_payload_round_trip_escapes_the_subject():
    payload = PaperPayload("adult", 1, 1, "abc123", "a/b c:ü")
    text = qr_payload(payload)
    assert text.startswith("BODYMAP-PAPER/1/adult/1/abc123/")
    assert parse_payload(text) == payload
    assert parse_payload("https://example.org") is None


def test_the_pdf_is_one_a4_page_with_the_body_at_1_mm_per_cm(tmp_path):
    out = tmp_path / "chart.pdf"
    result = runner.invoke(app, ["paper", "-o", str(out), "--subject", "P-17", "--lang", "nl"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width) / 72 * 25.4, float(box.height) / 72 * 25.4) == pytest.approx(
        (210, 297), abs=0.1
    )
    text = reader.pages[0].extract_text()
    assert "Kleur elke plek waar u pijn voelt" in text and "Patiënt P-17" in text
    # The QR code of the printed page, rasterised by pdfium, says chart, layout and subject.
    image = pdfium_page(out)
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    payload = parse_payload(codes[0].text)
    assert payload is not None and (payload.chart, payload.layout, payload.subject) == (
        "adult",
        1,
        "P-17",
    )
    layout = paper_layout()
    assert layout.outline("front").bounds[3] - layout.outline("front").bounds[1] == pytest.approx(
        175.09, abs=0.01
    )


def pdfium_page(path: Path, dpi: float = 200) -> np.ndarray:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return np.array(pdf[0].render(scale=dpi / 72).to_numpy())[:, :, :3].copy()
    finally:
        pdf.close()


def test_paper_drawing_prints_the_marks_inside_the_body(drawing):
    scene = paper_scene(drawing=drawing, page_id="p1")
    marks = [s for s in scene.walk() if getattr(s, "kind", "") == "mark"]
    layout = paper_layout()
    for view in ("front", "back"):
        (shape,) = [m for m in marks if m.id == f"marks-{view}"]
        assert shape.geometry.area == pytest.approx(drawing.area(view), rel=1e-6)
        assert layout.outline(view).buffer(1e-6).covers(shape.geometry)


# --- reading ---------------------------------------------------------------------------------


def test_clean_scan_through_the_printed_pdf(tmp_path, drawing):
    pdf = tmp_path / "d.pdf"
    drawing.save(tmp_path / "d.json")
    result = runner.invoke(app, ["paper", "-o", str(pdf), "--drawing", str(tmp_path / "d.json")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["scan", str(pdf), "-o", str(tmp_path / "back.json")])
    assert result.exit_code == 0, result.output
    got = bodymap.load_drawing(tmp_path / "back.json")
    assert check(drawing, got, 0.93)
    meta = got.meta["scan"]
    assert got.subject == "P-17" and meta["image"] == "d.pdf" and meta["markers"] == 4
    assert meta["reprojection_error_mm"] < 0.1 and meta["edge_blur_mm"] < 0.2
    # Every mark lies inside the body outline.
    chart = bodymap.load_chart()
    for mark in got.marks:
        assert chart.outline(mark.view).buffer(1e-3).covers(mark.geometry)  # 3 decimals


def test_tilted_jpeg_photo(printed, drawing):
    photo = Photo(rotation=23, tilt=25, tilt_axis=40, scale=0.7, blur=1.0, noise=5, light=0.6,
                  tint=(0.82, 0.93, 1.0), jpeg=60, seed=4)  # fmt: skip
    got = read_page(photograph(printed, photo), "tilted.jpg")
    check(drawing, got)
    assert got.meta["scan"]["reprojection_error_mm"] < 0.3


def test_upside_down_scan_with_another_subject(printed, drawing):
    got = read_page(photograph(printed, Photo(rotation=180, seed=5)), "scan.png", subject="X")
    check(drawing, got, 0.93)
    assert got.subject == "X"


def test_pencil_hatching():
    truth = random_drawing(11)
    page = page_image(truth, 300, "pencil", hatch=(2.2, 0.45, 35))
    got = read_page(photograph(page, Photo(rotation=-8, blur=1.2, noise=3, jpeg=60)), "p.jpg")
    check(truth, got)


def test_unmarked_chart_has_no_marks():
    page = page_image(None, 150)
    photo = Photo(rotation=130, tilt=22, scale=0.6, blur=1.0, noise=7, light=0.8,
                  tint=(0.8, 0.9, 1.0), jpeg=60, seed=8)  # fmt: skip
    got = read_page(photograph(page, photo), "blank.jpg")
    assert got.area() < 1.0


# --- errors ----------------------------------------------------------------------------------


def test_errors_name_the_image_and_a_batch_goes_on(tmp_path, printed):
    good = tmp_path / "good.png"
    cv2.imwrite(str(good), photograph(printed, Photo(rotation=90)))
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((1200, 900, 3), 235, np.uint8))
    small = tmp_path / "small.png"
    cv2.imwrite(
        str(small), cv2.resize(printed, None, fx=0.22, fy=0.22, interpolation=cv2.INTER_AREA)
    )
    blurred = tmp_path / "blurred.jpg"
    cv2.imwrite(str(blurred), photograph(printed, Photo(blur=5.0, jpeg=90)))
    covered = printed.copy()
    x0, y0, x1, y1 = (round(v * 200 / 25.4) for v in paper_layout().qr_box)
    covered[y0:y1, x0:x1] = 255
    no_qr = tmp_path / "no_qr.png"
    cv2.imwrite(str(no_qr), covered)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not really a jpeg")
    out = tmp_path / "out"
    out.mkdir()
    files = [blank, small, good, blurred, no_qr, broken]
    result = runner.invoke(app, ["scan", *map(str, files), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    lines = result.stderr.splitlines()
    assert lines.pop(2) == f"wrote {out / 'good.json'}"
    assert lines[0] == (
        f"Error: {blank.name}: no corner markers found (is the whole page in the picture, "
        "and is it a page printed by 'bodymap paper'?)"
    )
    assert lines[1].startswith(f"Error: {small.name}: image too small: the page has 1.7 px per mm")
    assert f"(at least {MIN_PX_PER_MM:g}" in lines[1]
    assert lines[2].startswith(f"Error: {blurred.name}: image too blurred: edge blur 0.")
    assert f"(at most {MAX_BLUR_MM} mm)" in lines[2]
    assert (
        lines[3]
        == f"Error: {no_qr.name}: the QR code cannot be read (is it covered, creased or dim?)"
    )
    assert lines[4] == f"Error: {broken}: unreadable file (not a PNG, JPEG or PDF image)"
    assert len(lines) == 5
    assert json.loads((out / "good.json").read_text())["bodymap"]["scan"]["image"] == "good.png"


def test_wrong_layout_and_chart_version(monkeypatch):
    monkeypatch.setattr(paper_mod, "LAYOUT_VERSION", 2)
    newer = page_image(None, 150)
    monkeypatch.undo()
    with pytest.raises(ScanError, match=r"^n\.png: the page has layout version 2; this bodymap "
                       r"reads layout 1$"):  # fmt: skip
        read_page(newer, "n.png")
    monkeypatch.setattr(paper_mod, "chart_version", lambda chart: 7)
    other = page_image(None, 150)
    monkeypatch.undo()
    with pytest.raises(ScanError, match=r"chart 'adult' version 7; this bodymap has version 1$"):
        read_page(other, "o.png")


def test_scan_options_are_checked(tmp_path):
    result = runner.invoke(app, ["scan", "a.png", "b.png", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert "-o writes one drawing, but 2 images were given; use --out-dir DIR" in result.stderr
    result = runner.invoke(app, ["paper", "--subject", "x" * 41, "-o", str(tmp_path / "c.pdf")])
    assert result.exit_code == 1 and "takes at most 40" in result.stderr
    assert not (tmp_path / "c.pdf").exists()
