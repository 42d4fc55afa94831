"""Read a paper pain chart back from a scan or a phone photo: the work behind ``bodymap scan``.

:func:`read_page` takes one image of a page printed by ``bodymap paper``
(:mod:`bodymap.scene.paper`) and returns a :class:`~bodymap.model.drawing.Drawing`.  It finds
the four ArUco corner markers (their ids give the page's orientation, so any rotation, also
upside down, is undone), maps the page onto a canonical raster of :data:`CANON` px per mm with
the homography of the markers' 16 corners, reads the QR code (chart, layout version,
subject, page id), and separates the patient's marks from the printed chart: the uneven
lighting and the paper's tint are divided out by a smooth background fitted per colour channel,
each pixel's ink is how much its most absorbed channel is darkened (so blue, red and black pens
and grey pencil all count), the known printed body line is masked out and bridged, each mark is
cut at half its own ink level (edges neither grow nor shrink with blur), and hatching is closed
into areas.  The marks' contours become polygons in chart centimetres, clipped to the body
outline.  Quality measures (marker fit, resolution, edge blur, ink level, noise) go into the
drawing's metadata under ``scan``.  :func:`load_pages` reads PNG/JPEG images and PDF pages,
checking their size before decoding them (an image's header, a PDF page's box) and rendering
PDF pages one at a time;
:func:`scan_files` runs a batch, writing each drawing atomically and going on after a bad
image.  OpenCV, zxing-cpp and pypdfium2 (the ``paper`` extra) are imported when first needed.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.core.bounds import MAX_FIELD, bounded, without_invisible
from bodymap.core.errors import BodymapError
from bodymap.core.geometry import polygonal
from bodymap.core.output import check_folder, write_bytes
from bodymap.core.quiet import quiet_stderr
from bodymap.core.text import show_value
from bodymap.model.chart import named_chart
from bodymap.model.drawing import FORMAT_VERSION, Drawing, Mark
from bodymap.scene.paper import (
    LAYOUT_VERSION,
    LINE_WIDTH,
    MARKER_SIZE,
    PAGE_SIZE,
    PaperLayout,
    PaperPayload,
    chart_version,
    paper_layout,
    parse_payload,
)

__all__ = [
    "CANON",
    "MAX_BLUR_MM",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_SIDE",
    "MAX_PAGE_MM",
    "MAX_PIXELS",
    "MIN_PX_PER_MM",
    "ScanError",
    "load_pages",
    "read_page",
    "scan_files",
]

PathLike = str | os.PathLike[str]
Image = np.ndarray

#: Pixels per page mm of the canonical raster the marks are read on.
CANON = 5.0
#: The coarsest page the reader accepts, in image pixels per page mm (about 50 dpi).
MIN_PX_PER_MM = 2.0
#: The most edge blur the reader accepts (Gaussian sigma of the markers' edges, page mm).
MAX_BLUR_MM = 0.45
#: The worst fit of the markers to the layout accepted (RMS of their corners, page mm).
MAX_REPROJECTION_MM = 1.5
#: Largest side of the image the markers are looked for in (bigger photos are shrunk first).
MAX_SIDE = 2600
#: Ink below this level (share of the light absorbed in the darkest channel) is paper.
INK_MIN = 0.10
#: Gaps between hatching strokes up to this width (mm) are closed into one area.
CLOSE_MM = 2.6
#: How far a hatched area, closed over its strokes, reaches beyond the area they shade, as a
#: share of the strokes' width measured on the scan (at half their ink level, so blur widens
#: them): calibrated on the generated photos of ``bench/bench_paper.py`` (seed 0: bias +5.9 %
#: without it), checked on another seed.
HATCH_MARGIN = 0.125
#: Holes in a hatched area smaller than this (mm²) are gaps between strokes, not unmarked skin.
HATCH_HOLE_MM2 = 25.0
#: Strokes wider than this (mm, as measured on the scan) are shading, not hatching.
HATCH_MAX_WIDTH_MM = 1.6
#: A mark whose ink covers this share of its closed area is solid (not hatching).
SOLID_SHARE = 0.9
#: Marks smaller than this (page mm², = chart cm² at 1 mm per cm) are specks, not marks.
MIN_MARK_MM2 = 1.0
#: Resolution PDF pages are rendered at, in dots per inch.
PDF_DPI = 200
#: Marker dictionary of the layout (OpenCV ``DICT_4X4_50``).
_ARUCO_DICT = "DICT_4X4_50"
_SIMPLIFY_MM = 0.05


class ScanError(BodymapError):
    """An image that cannot be read as a paper chart; the message names the image."""


def _missing(name: str) -> BodymapError:
    return BodymapError(f"reading paper charts needs {name} (pip install 'bodymap[paper]')")


def _cv2() -> Any:
    try:
        import cv2
    except ImportError:
        raise _missing("opencv-python-headless") from None
    return cv2


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:
        raise _missing("pypdfium2") from None
    return pypdfium2


def _zxing() -> Any:
    try:
        import zxingcpp
    except ImportError:
        return None  # OpenCV's own QR reader is used instead
    return zxingcpp


# --- reading image files ---------------------------------------------------------------------

#: The most pixels an image may have (its header is read before it is decoded): 50 MP, a
#: large phone photo; decoded it takes 150 MB.
MAX_PIXELS = 50_000_000
#: The largest image file read (a 50 MP photo takes 10-40 MB as JPEG, up to 150 MB as PNG).
MAX_IMAGE_BYTES = 200_000_000
#: The longest side of an image, in pixels.
MAX_IMAGE_SIDE = 20_000
#: The largest PDF page, in mm a side (an A4 page is 210 x 297 mm); checked before rendering.
MAX_PAGE_MM = 500.0
#: Resolution (dpi) of the thumbnail a PDF page is checked on before it is rendered, and the
#: least range of its grey levels that is not a blank page.
_THUMB_DPI = 12
_BLANK_RANGE = 8
#: The image formats read (as Pillow names them, from the file's header).
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "MPO", "TIFF", "BMP", "WEBP"})
_NOT_AN_IMAGE = "unreadable file (not a PNG, JPEG or PDF image)"


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence what the image libraries print on stderr (libpng, libjpeg, OpenCV's log).

    Their warnings would add lines to the one-line report of a bad file.
    """
    cv2 = _cv2()
    with contextlib.suppress(AttributeError, cv2.error):
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    with quiet_stderr():
        yield


def _image_size(data: bytes, where: Path) -> tuple[int, int] | ScanError:
    """Width and height from an image file's header (nothing is decoded), or the error."""
    import io
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as header:
                kind, (w, h) = header.format, header.size
    except Image.DecompressionBombError:
        return ScanError(f"{where}: image too large (more than {MAX_PIXELS:,} pixels)")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return ScanError(f"{where}: {_NOT_AN_IMAGE}")
    if kind not in IMAGE_FORMATS:
        return ScanError(f"{where}: {_NOT_AN_IMAGE}")
    if w * h > MAX_PIXELS or max(w, h) > MAX_IMAGE_SIDE:
        return ScanError(
            f"{where}: image too large: {w:,} x {h:,} px (at most {MAX_PIXELS:,} pixels, "
            f"{MAX_IMAGE_SIDE:,} a side)"
        )
    return w, h


def _decode(data: bytes, where: Path) -> Image | ScanError:
    """An image file's pixels (BGR), its size checked from its header first."""
    cv2 = _cv2()
    size = _image_size(data, where)
    if isinstance(size, ScanError):
        return size
    # The page is looked for on at most MAX_SIDE pixels: a big photo is decoded smaller
    # (a JPEG at once, by its decoder's scaling).
    flags = cv2.IMREAD_COLOR
    for factor, reduced in ((8, cv2.IMREAD_REDUCED_COLOR_8), (4, cv2.IMREAD_REDUCED_COLOR_4),
                            (2, cv2.IMREAD_REDUCED_COLOR_2)):  # fmt: skip
        if max(size) >= factor * MAX_SIDE:
            flags = reduced
            break
    try:
        with _quiet():
            image = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    except cv2.error:
        image = None
    if image is None:
        return ScanError(f"{where}: {_NOT_AN_IMAGE}")
    return image  # type: ignore[no-any-return]


def _pdf_page(pdf: Any, index: int, count: int, path: Path) -> tuple[str, Image | ScanError]:
    """Page ``index`` of an open PDF, rendered only if its size is that of a paper page."""
    label = path.name if count == 1 else f"{path.name}#page={index + 1}"
    try:
        page = pdf[index]
        try:
            w_mm, h_mm = (v * 25.4 / 72 for v in page.get_size())
            if not (w_mm > 0 and h_mm > 0):
                return label, ScanError(f"{path}: page {index + 1}: the page has no size")
            if w_mm > MAX_PAGE_MM or h_mm > MAX_PAGE_MM:
                return label, ScanError(
                    f"{path}: page {index + 1}: {w_mm:,.0f} x {h_mm:,.0f} mm, larger than a "
                    f"paper chart (at most {MAX_PAGE_MM:,.0f} mm a side)"
                )
            with _quiet():
                # A thumbnail first: a blank page (cheap to make by the hundred) is told from
                # it without rendering the page at full resolution.
                thumb = page.render(scale=_THUMB_DPI / 72).to_numpy()
                if int(thumb.max()) - int(thumb.min()) < _BLANK_RANGE:
                    return label, ScanError(f"{path}: page {index + 1}: the page is blank")
                bitmap = page.render(scale=PDF_DPI / 72, rev_byteorder=False)
            array = np.array(bitmap.to_numpy(), copy=True)
        finally:
            page.close()
    except Exception:  # pypdfium2 raises its own PdfiumError for any bad page
        return label, ScanError(f"{path}: page {index + 1}: cannot be rendered")
    return label, array[:, :, :3] if array.ndim == 3 else array


def _open_pages(path: PathLike) -> tuple[int, Iterator[tuple[str, Image | ScanError]]]:
    """How many pages a file has, and its pages one at a time (see :func:`load_pages`).

    A PDF's pages are rendered one by one as they are asked for, each dropped before the
    next: a PDF of many pages takes the memory of one.
    """
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(5)
    except OSError as exc:
        from bodymap.core.paths import os_problem

        return 1, iter([(p.name, ScanError(f"{p}: unreadable file ({os_problem(exc)})"))])
    if head == b"%PDF-":
        pdfium = _pdfium()
        try:
            with _quiet():
                pdf = pdfium.PdfDocument(str(p))
        except Exception:  # pypdfium2 raises its own PdfiumError for any bad file
            return 1, iter(
                [(p.name, ScanError(f"{p}: unreadable file (not a PDF pypdfium2 can open)"))]
            )
        count = len(pdf)
        if count == 0:
            pdf.close()
            return 1, iter([(p.name, ScanError(f"{p}: the PDF has no pages"))])

        def pages() -> Iterator[tuple[str, Image | ScanError]]:
            try:
                for index in range(count):
                    yield _pdf_page(pdf, index, count, p)
            finally:
                pdf.close()

        return count, pages()

    def image() -> Iterator[tuple[str, Image | ScanError]]:
        try:
            size = p.stat().st_size
            if size > MAX_IMAGE_BYTES:
                yield (
                    p.name,
                    ScanError(
                        f"{p}: file too large ({size:,} bytes; an image may have at most "
                        f"{MAX_IMAGE_BYTES:,})"
                    ),
                )
                return
            data = p.read_bytes()
        except OSError as exc:
            from bodymap.core.paths import os_problem

            yield p.name, ScanError(f"{p}: unreadable file ({os_problem(exc)})")
            return
        yield p.name, _decode(data, p)

    return 1, image()


def load_pages(path: PathLike) -> Iterator[tuple[str, Image | ScanError]]:
    """The pages of an image or PDF file: ``(label, BGR image or the error for that page)``.

    ``label`` is the file name, with ``#page=N`` for the pages of a PDF of several pages.
    An unreadable file yields one :class:`ScanError` (it is not raised, so a batch goes on).
    Sizes are checked before anything is decoded: an image's from its header (at most
    :data:`MAX_PIXELS`), a PDF page's before it is rendered (at most :data:`MAX_PAGE_MM`
    a side); PDF pages are rendered one at a time, as they are asked for.
    """
    yield from _open_pages(path)[1]


# --- geometry of the page in the image -------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """Where the page is in the image: the homography image -> canonical px and its quality."""

    homography: np.ndarray
    markers: int
    reprojection_mm: float
    px_per_mm: float
    image: Image


def _find_page(image: Image, layout: PaperLayout, where: str) -> _Found:
    cv2 = _cv2()
    h, w = image.shape[:2]
    if min(h, w) < 200:
        raise ScanError(f"{where}: image too small ({w} x {h} px); the page needs at least 2 px/mm")
    shrink = min(1.0, MAX_SIDE / max(h, w))
    small = (
        cv2.resize(image, (round(w * shrink), round(h * shrink)), interpolation=cv2.INTER_AREA)
        if shrink < 1.0
        else image
    )
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    params = cv2.aruco.DetectorParameters()
    params.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
    dictionary = cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, _ARUCO_DICT))
    corners, ids, _ = cv2.aruco.ArucoDetector(dictionary, params).detectMarkers(gray)
    best: dict[int, np.ndarray] = {}
    for quad, marker_id in zip(corners, [] if ids is None else ids.ravel()):
        pts = np.asarray(quad, np.float64).reshape(4, 2)
        if 0 <= marker_id < len(layout.markers):
            size = float(np.mean(np.linalg.norm(pts - np.roll(pts, 1, 0), axis=1)))
            old = best.get(int(marker_id))
            if old is None or size > float(
                np.mean(np.linalg.norm(old - np.roll(old, 1, 0), axis=1))
            ):
                best[int(marker_id)] = pts
    if not best:
        raise ScanError(
            f"{where}: no corner markers found (is the whole page in the picture, and is it "
            "a page printed by 'bodymap paper'?)"
        )
    if len(best) < 3:
        raise ScanError(
            f"{where}: only {len(best)} of the 4 corner markers found (is the whole page in "
            "the picture?)"
        )
    src = np.concatenate([best[i] for i in sorted(best)])
    mm = np.concatenate([np.asarray(layout.markers[i], np.float64) for i in sorted(best)])
    homography, _ = cv2.findHomography(src, mm * CANON - 0.5, 0)
    if homography is None:
        raise ScanError(f"{where}: the corner markers do not fit the page layout")
    projected = cv2.perspectiveTransform(src.reshape(-1, 1, 2), homography).reshape(-1, 2)
    rms = float(np.sqrt(np.mean(np.sum((projected - (mm * CANON - 0.5)) ** 2, axis=1)))) / CANON
    if rms > MAX_REPROJECTION_MM:
        raise ScanError(
            f"{where}: the corner markers do not fit the page layout (reprojection error "
            f"{rms:.1f} mm, at most {MAX_REPROJECTION_MM} mm); is the page flat?"
        )
    sides = [np.linalg.norm(q - np.roll(q, 1, 0), axis=1).min() for q in best.values()]
    px_per_mm = float(min(sides)) / MARKER_SIZE / shrink
    if px_per_mm < MIN_PX_PER_MM:
        raise ScanError(
            f"{where}: image too small: the page has {px_per_mm:.1f} px per mm "
            f"(at least {MIN_PX_PER_MM:g}, about {MIN_PX_PER_MM * 25.4:.0f} dpi)"
        )
    return _Found(homography, len(best), rms, px_per_mm, small)


def _warp(found: _Found, box_mm: tuple[float, float, float, float], ppm: float) -> Image:
    """The part ``box_mm`` of the page, upright, at ``ppm`` px per mm."""
    cv2 = _cv2()
    x0, y0, x1, y1 = box_mm
    to_box = np.array(
        [[ppm / CANON, 0, -x0 * ppm + 0.5 * ppm / CANON - 0.5], [0, ppm / CANON, 0], [0, 0, 1]]
    )
    to_box[1, 2] = -y0 * ppm + 0.5 * ppm / CANON - 0.5
    size = (round((x1 - x0) * ppm), round((y1 - y0) * ppm))
    return cv2.warpPerspective(  # type: ignore[no-any-return]
        found.image,
        to_box @ found.homography,
        size,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )


def _edge_blur(found: _Found, layout: PaperLayout) -> float:
    """Edge blur of the markers in page mm: the Gaussian sigma their black-white edges show.

    A step edge of contrast ``C`` blurred with sigma ``s`` has a steepest slope of
    ``C / (s * sqrt(2 pi))``; the markers' sharpest edges give the slope, their black and
    white the contrast.
    """
    cv2 = _cv2()
    ppm = 10.0
    sigmas = []
    for quad in layout.markers:
        (x0, y0), (x1, y1) = quad[0], quad[2]
        patch = _warp(found, (x0 - 2, y0 - 2, x1 + 2, y1 + 2), ppm)
        gray = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255.0
        gray = cv2.GaussianBlur(gray, (0, 0), 0.7)
        lo, hi = np.percentile(gray, (3, 97))
        gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3) / 8.0
        gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3) / 8.0
        slope = float(np.percentile(np.hypot(gx, gy), 99.0)) * ppm
        if slope > 0 and hi - lo > 0.1:
            sigmas.append(float(hi - lo) / (slope * np.sqrt(2 * np.pi)))
    return float(np.median(sigmas)) if sigmas else float("inf")


def _qr_text(text: str) -> str:
    """A field of the QR code as the drawing keeps it: visible characters only, bounded.

    Control characters (ESC, BEL, NUL, line breaks) and format characters (direction
    overrides) are dropped, and the field is cut at :data:`~bodymap.core.bounds.MAX_FIELD`
    characters: a code printed by someone else cannot put them into the drawing's file.
    """
    return bounded(without_invisible(text), MAX_FIELD)


def _read_qr(found: _Found, layout: PaperLayout, where: str) -> PaperPayload:
    cv2 = _cv2()
    x0, y0, x1, y1 = layout.qr_box
    texts: list[str] = []
    for ppm in (8.0, 5.0, 12.0):
        patch = _warp(found, (x0 - 5, y0 - 5, x1 + 5, y1 + 5), ppm)
        gray = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
        zxing = _zxing()
        if zxing is not None:
            found_codes = zxing.read_barcodes(gray, formats=zxing.BarcodeFormat.QRCode)
            texts = [b.text for b in found_codes]
        else:
            text, _, _ = cv2.QRCodeDetector().detectAndDecode(gray)
            texts = [text] if text else []
        if texts:
            break
    if not texts:
        raise ScanError(f"{where}: the QR code cannot be read (is it covered, creased or dim?)")
    payload = parse_payload(texts[0])
    if payload is None:
        raise ScanError(f"{where}: the QR code is not one of a bodymap paper chart")
    if payload.layout != LAYOUT_VERSION:
        raise ScanError(
            f"{where}: the page has layout version {payload.layout}; this bodymap reads "
            f"layout {LAYOUT_VERSION}"
        )
    return payload


# --- separating the marks --------------------------------------------------------------------


def _background(page: Image) -> Image:
    """A smooth estimate of the bare paper's colour per channel (lighting times tint).

    A cubic surface in x and y is fitted per channel to the page at 1 px per mm, three times,
    each time leaving out what is darker than the last fit (ink, print): marks of any size
    do not pull it down, unlike a local maximum filter.
    """
    cv2 = _cv2()
    w, h = round(PAGE_SIZE[0]), round(PAGE_SIZE[1])
    small = cv2.resize(page, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    u, v = (xx / w - 0.5).ravel(), (yy / h - 0.5).ravel()
    terms = [np.ones_like(u), u, v, u * u, u * v, v * v, u**3, u * u * v, u * v * v, v**3]
    design = np.stack(terms, axis=1)
    values = small.reshape(-1, small.shape[2])
    keep = values.min(axis=1) > np.percentile(values.min(axis=1), 20)
    coef = np.zeros((design.shape[1], values.shape[1]), np.float32)
    for _ in range(3):
        coef = np.linalg.lstsq(design[keep], values[keep], rcond=None)[0]
        fit = design @ coef
        keep = np.all(values > fit * 0.93, axis=1)
    big_h, big_w = page.shape[:2]
    yy, xx = np.mgrid[0:big_h:4, 0:big_w:4].astype(np.float32)
    u, v = ((xx + 0.5) / CANON / PAGE_SIZE[0] - 0.5), ((yy + 0.5) / CANON / PAGE_SIZE[1] - 0.5)
    terms = [np.ones_like(u), u, v, u * u, u * v, v * v, u**3, u * u * v, u * v * v, v**3]
    coarse = np.tensordot(np.stack(terms, axis=-1), coef, axes=1).astype(np.float32)
    full = cv2.resize(coarse, (big_w, big_h), interpolation=cv2.INTER_LINEAR)
    return np.maximum(full, 1.0)  # type: ignore[no-any-return]


def _poly_px(geometry: BaseGeometry) -> list[np.ndarray]:
    """Rings of a geometry in canonical px, fixed point with 4 fractional bits (for cv2)."""
    rings: list[np.ndarray] = []
    for part in getattr(geometry, "geoms", [geometry]):
        lines = [part.exterior, *part.interiors] if isinstance(part, Polygon) else [part]
        for ring in lines:
            xy = (np.asarray(ring.coords) * CANON - 0.5) * 16
            rings.append(np.round(xy).astype(np.int32).reshape(-1, 1, 2))
    return rings


def _disk(cv2: Any, radius_px: float) -> np.ndarray:
    r = max(1, round(radius_px))
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))  # type: ignore[no-any-return]


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))  # type: ignore[no-any-return]


def _line_cover(dist_mm: np.ndarray, sigma_mm: float) -> np.ndarray:
    """How much of the printed line a pixel at ``dist_mm`` from its centre line shows.

    The line of width :data:`LINE_WIDTH` blurred by a Gaussian of ``sigma_mm``.
    """
    s = max(sigma_mm, 0.05) * np.sqrt(2.0)
    half = LINE_WIDTH / 2
    cover = 0.5 * (_erf((dist_mm + half) / s) - _erf((dist_mm - half) / s))
    return np.asarray(cover, np.float32)


def _ink_mask(
    page: Image, layout: PaperLayout, band_mm: float, blur_mm: float
) -> tuple[np.ndarray, np.ndarray, float, dict[str, float]]:
    """The canonical-raster masks of the patient's marks on the body, and ink measures.

    Returns the solid marks, the hatched areas (closed over their strokes), half the
    hatching strokes' width in mm, and the ink measures.

    The printed body line is divided out as the scan shows it: a line of the printed width,
    blurred as much as the markers' edges are, darkened as much as the line's bare stretches
    (far from any mark) are.
    """
    cv2 = _cv2()
    shape = page.shape[:2]
    paper = _background(page)
    norm = page.astype(np.float32) / paper
    smooth_px = 0.8
    ink = 1.0 - np.clip(norm.min(axis=2), 0.0, 1.0)
    ink = cv2.GaussianBlur(ink, (0, 0), smooth_px)
    body = np.zeros(shape, np.uint8)
    lines = np.full(shape, 255, np.uint8)
    for view in layout.views:
        outline = layout.outline(view)
        cv2.fillPoly(body, _poly_px(outline), 1, cv2.LINE_8, 4)
        cv2.polylines(lines, _poly_px(outline.exterior), True, 0, 1, cv2.LINE_8, 4)
    dist = cv2.distanceTransform(lines, cv2.DIST_L2, cv2.DIST_MASK_PRECISE) / CANON
    band = dist < band_mm
    near_body = cv2.dilate(body, _disk(cv2, band_mm * CANON + 1)).astype(bool)
    free = near_body & ~band
    # Noise of the bare paper inside the body (median absolute deviation of the faint pixels).
    faint = ink[free & (ink < INK_MIN)]
    noise = float(1.4826 * np.median(np.abs(faint - np.median(faint)))) if faint.size else 0.0
    floor = max(INK_MIN, 6.0 * noise)
    # Divide out the printed line.
    sigma = float(np.hypot(blur_mm, smooth_px / CANON))
    cover = np.zeros(shape, np.float32)
    cover[band] = _line_cover(dist[band], sigma)
    outside_level = cv2.dilate(np.where(free, ink, 0.0).astype(np.float32), _disk(cv2, 2.0 * CANON))
    centre = band & (cover > 0.8 * cover.max()) & (outside_level < floor)
    line_ink = float(np.median(ink[centre] / cover[centre])) if centre.any() else 0.0
    line_ink = min(max(line_ink, 0.0), 0.9)
    clean = 1.0 - (1.0 - ink) / (1.0 - line_ink * cover)
    clean = np.clip(clean, 0.0, 1.0).astype(np.float32)
    # Each mark is cut at half its own ink level: the highest level within 2 mm.
    level = cv2.dilate(cv2.GaussianBlur(clean, (0, 0), 1.2), _disk(cv2, 2.0 * CANON))
    cut = np.maximum(0.5 * level, 0.5 * floor)
    cut[band] = np.maximum(cut[band], 2.0 * floor)
    marks = near_body & (level > floor) & (clean > cut)
    mask = cv2.morphologyEx(
        marks.astype(np.uint8), cv2.MORPH_CLOSE, _disk(cv2, CLOSE_MM * CANON / 2)
    )
    mask &= near_body.astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    # Closing is for hatching: a solid mark (its ink fills most of its closed area) keeps its
    # own outline, so that closing does not fill its concave corners and narrow gaps.
    inked_area = np.bincount(labels[marks], minlength=len(stats))
    solid = inked_area >= SOLID_SHARE * stats[:, cv2.CC_STAT_AREA]
    solid[0] = False
    if solid.any():
        mask[solid[labels] & ~marks] = 0
    small = np.nonzero(stats[:, cv2.CC_STAT_AREA] < MIN_MARK_MM2 * CANON * CANON)[0]
    if len(small):
        mask[np.isin(labels, small)] = 0
    # A hatched area closed over its strokes reaches half a stroke width beyond the area the
    # strokes fill (the outermost strokes' outer edges, their caps): measure the strokes'
    # width (inked pixels over half their outline's length) to take that margin off again.
    # Only areas of thin strokes are hatching; a mark whose "strokes" are wide is a shaded area
    # whose ink the scan left patchy, and keeps its outline as it is.
    hatched = ~solid
    hatched[0] = False
    half_mm = 0.0
    widths: list[float] = []
    for comp in np.flatnonzero(hatched):
        strokes = (marks & (labels == comp)).astype(np.uint8)
        contours, _ = cv2.findContours(strokes, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
        outline_px = float(sum(cv2.arcLength(c, True) for c in contours))
        width_mm = 2.0 * float(strokes.sum()) / outline_px / CANON if outline_px else 0.0
        if width_mm > HATCH_MAX_WIDTH_MM:
            hatched[comp] = False
        else:
            widths.append(width_mm)
    if widths:
        half_mm = HATCH_MARGIN * float(np.median(widths))
    hatched_mask = mask.astype(bool) & hatched[labels]
    inked = clean[marks]
    return (
        mask.astype(bool) & ~hatched_mask,
        hatched_mask,
        half_mm,
        {
            "ink_level": round(float(np.percentile(inked, 90)), 3) if inked.size else 0.0,
            "paper_noise": round(noise, 4),
            "ink_threshold": round(floor, 3),
            "line_level": round(line_ink, 3),
        },
    )


def _hatched_areas(areas: BaseGeometry, half_mm: float) -> BaseGeometry:
    """Hatched areas less the margin their strokes reach beyond them.

    Gaps between strokes that closing left open (holes smaller than :data:`HATCH_HOLE_MM2`)
    are filled and the serrated edge where the strokes end is smoothed first, so that only
    the area's outer edge moves in by ``half_mm``.
    """
    parts = areas.geoms if isinstance(areas, MultiPolygon) else [areas]
    filled = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= HATCH_HOLE_MM2])
        for p in parts
        if isinstance(p, Polygon) and not p.is_empty
    ]
    if not filled:
        return Polygon()
    # The closed edge is serrated where the strokes end: smooth it (a closing by the stroke
    # gap, in the vector domain) before it moves in, or the serrations' length would count.
    smooth = CLOSE_MM / 2
    grown = shapely.buffer(MultiPolygon(filled), smooth, quad_segs=4)
    return shapely.buffer(grown, -(smooth + half_mm), quad_segs=4)


def _polygons(mask: np.ndarray) -> BaseGeometry:
    """The mask's areas (with holes) as polygons in page mm."""
    cv2 = _cv2()
    contours, hierarchy = cv2.findContours(
        mask.astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE
    )
    if not contours:
        return Polygon()
    tree = hierarchy[0]
    polys: list[Polygon] = []
    half = 0.5 / CANON
    for i, contour in enumerate(contours):
        if tree[i][3] != -1:
            continue
        shell = (contour.reshape(-1, 2) + 0.5) / CANON
        holes = []
        child = tree[i][2]
        while child != -1:
            hole = (contours[child].reshape(-1, 2) + 0.5) / CANON
            if len(hole) >= 3:
                holes.append(hole)
            child = tree[child][0]
        if len(shell) < 3:
            shell = np.array([shell[0], shell[0] + (1e-3, 0), shell[0] + (0, 1e-3)])
        polys.append(Polygon(shell, holes))
    grown = shapely.buffer(shapely.make_valid(MultiPolygon(polys)), half, join_style="mitre")
    return shapely.simplify(grown, _SIMPLIFY_MM)


# --- the whole reading -----------------------------------------------------------------------


def read_page(image: Image, source: str = "image", subject: str | None = None) -> Drawing:
    """Read one photo or scan of a paper chart into a drawing.

    Parameters
    ----------
    image
        The image as a BGR (or grey) ``uint8`` array, as OpenCV reads it.
    source
        The image's name, for messages and the drawing's metadata.
    subject
        The subject id to write into the drawing (default: the one in the QR code).

    Returns
    -------
    Drawing
        One mark per marked area, in chart cm, clipped to the body outline; ``meta["scan"]``
        holds the image name and the quality measures.

    Raises
    ------
    ScanError
        No markers found, a page of another layout or chart version, an image too small or
        too blurred (the message gives the measure), or a QR code that cannot be read.
    """
    cv2 = _cv2()
    start = time.perf_counter()
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    layout = paper_layout()
    found = _find_page(image, layout, source)
    blur = _edge_blur(found, layout)
    if blur > MAX_BLUR_MM:
        raise ScanError(
            f"{source}: image too blurred: edge blur {blur:.2f} mm (at most {MAX_BLUR_MM} mm); "
            "hold the camera still and focus on the page"
        )
    payload = _read_qr(found, layout, source)
    try:
        # The QR code names a built-in chart: a path in it is never opened.
        chart = named_chart(payload.chart)
    except BodymapError:
        raise ScanError(
            f"{source}: the page is of chart {show_value(payload.chart)}, which this bodymap "
            "does not have"
        ) from None
    if chart_version(chart) != payload.chart_version:
        raise ScanError(
            f"{source}: the page is of chart {show_value(payload.chart)} version "
            f"{payload.chart_version}; this bodymap has version {chart_version(chart)}"
        )
    layout = paper_layout(chart)
    page = _warp(found, (0.0, 0.0, *PAGE_SIZE), CANON)
    if page.ndim == 2:
        page = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    band_mm = LINE_WIDTH / 2 + 0.2 + 2.5 * blur + found.reprojection_mm
    solid, hatched, half_mm, ink = _ink_mask(page, layout, band_mm, blur)
    areas = shapely.union(_polygons(solid), _hatched_areas(_polygons(hatched), half_mm))
    marks: list[Mark] = []
    for view in layout.views:
        inside = polygonal(shapely.intersection(areas, layout.outline(view)))
        in_chart = polygonal(
            shapely.intersection(layout.to_chart(view, inside), chart.outline(view))
        )
        parts = in_chart.geoms if isinstance(in_chart, MultiPolygon) else [in_chart]
        for part in parts:
            if not part.is_empty and part.area >= MIN_MARK_MM2:
                marks.append(Mark(view=view, geometry=part))
    quality = {
        "image": source,
        "layout": payload.layout,
        "page": _qr_text(payload.page),
        "markers": found.markers,
        "reprojection_error_mm": round(found.reprojection_mm, 3),
        "resolution_px_per_mm": round(found.px_per_mm, 2),
        "edge_blur_mm": round(blur, 3),
        **ink,
        "seconds": round(time.perf_counter() - start, 3),
    }
    meta: dict[str, Any] = {"kind": "drawing", "version": FORMAT_VERSION, "chart": chart.name}
    who = subject if subject is not None else _qr_text(payload.subject or "")
    if who:
        meta["subject"] = who
    meta["scan"] = quality
    return Drawing(marks=tuple(marks), meta=meta)


def _out_name(label: str) -> str:
    name, _, page = label.partition("#page=")
    stem = Path(name).stem or "scan"
    return f"{stem}-page{page}.json" if page else f"{stem}.json"


def _identity(path: Path) -> Path:
    """The file a path names, to tell whether an output would overwrite an input."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def scan_files(
    images: Sequence[PathLike],
    output: PathLike | None = None,
    out_dir: PathLike | None = None,
    subject: str | None = None,
    on_written: Callable[[Path, Drawing], object] | None = None,
    on_error: Callable[[str], object] | None = None,
) -> int:
    """Read every page of every image into a drawing file; return the number that failed.

    Parameters
    ----------
    images
        PNG/JPEG images and PDF files (one drawing per page).
    output
        The drawing file for a single page (``-o``); not with ``out_dir``.
    out_dir
        The folder for one drawing per page, named after the image (``photo.json``,
        ``scan-page2.json``); default: the current folder.
    subject
        Subject id for every drawing (overrides the QR code's).
    on_written, on_error
        Called with each file written and with each failure's one-line message.

    Returns
    -------
    int
        How many pages failed; nothing is written for those.

    Raises
    ------
    BodymapError
        ``output`` and ``out_dir`` both given, ``output`` with more than one image, an
        ``out_dir`` that is a file, or ``output`` that is one of the images.  An ``out_dir``
        that does not exist is made (with its parents) when the first drawing is written.  A
        drawing whose file would be one of the images (``photo.json``) is not written: that
        page fails, and the batch goes on.
    """
    if output is not None and out_dir is not None:
        raise BodymapError("give -o for one image or --out-dir for many, not both")
    if output is not None and len(images) != 1:
        raise BodymapError(
            f"-o writes one drawing, but {len(images)} images were given; use --out-dir DIR"
        )
    folder = Path(out_dir) if out_dir is not None else Path(".")
    if output is not None:
        check_folder(output)
    elif folder.exists() and not folder.is_dir():
        raise BodymapError(f"{folder}: not a folder")
    inputs = {_identity(Path(i)) for i in images}
    if output is not None and _identity(Path(output)) in inputs:
        raise BodymapError(f"{output}: is one of the images; the drawing would replace it")
    cv2 = _cv2()
    failed = 0
    used: set[Path] = set()
    for image in images:
        count, pages = _open_pages(image)
        if output is not None and count > 1:
            message = f"{image}: has {count} pages; -o writes one drawing, use --out-dir DIR"
            failed += count
            if on_error:
                on_error(message)
            continue
        for label, page in pages:
            target = Path(output) if output is not None else folder / _out_name(label)
            n = 2
            while target in used:
                target = target.with_name(f"{Path(_out_name(label)).stem}-{n}.json")
                n += 1
            try:
                if isinstance(page, ScanError):
                    raise page
                if _identity(target) in inputs:
                    raise ScanError(
                        f"{label}: the drawing would replace the image {target}; "
                        "write it elsewhere with --out-dir DIR or -o FILE"
                    )
                try:
                    drawing = read_page(page, label, subject)
                except cv2.error:
                    raise ScanError(f"{label}: the image cannot be read as a page") from None
            except BodymapError as exc:
                failed += 1
                if on_error:
                    on_error(str(exc))
                continue
            used.add(target)
            if output is None:  # --out-dir: made (with its parents) for the first drawing
                folder.mkdir(parents=True, exist_ok=True)
            write_bytes(target, drawing.to_json().encode("utf-8"))
            if on_written:
                on_written(target, drawing)
    return failed
