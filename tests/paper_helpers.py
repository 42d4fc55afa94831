"""Synthetic photos and scans of paper charts, for the scan tests and bench/bench_paper.py.

A known drawing is printed with the paper layout (the same scene ``bodymap paper --drawing``
writes, rasterised by the matplotlib renderer at 150-300 dpi) and then "photographed": an
in-plane rotation, a perspective tilt of a camera looking at the page from an angle, a scale,
a table around the page, Gaussian blur, uneven lighting (a gradient and a vignette), a paper
tint, sensor noise and JPEG compression.  Drawings are made of the zones of the built-in
referral patterns and of chart regions, as a patient would mark a few painful areas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg

import bodymap
from bodymap.apps.paper import make_paper
from bodymap.model.drawing import Drawing, Mark
from bodymap.renderers.mpl import scene_figure

INKS = {"blue": "#1F3FB0", "black": "#161616", "red": "#C42A2E", "pencil": "#8E8E8E"}


def page_image(
    drawing: Drawing | None,
    dpi: float = 200,
    ink: str = "blue",
    hatch: tuple[float, float, float] | None = None,
    subject: str | None = "S1",
) -> np.ndarray:
    """The printed page with the drawing's marks, as a BGR image at ``dpi``."""
    diagram = make_paper(subject=subject, drawing=drawing, ink=INKS.get(ink, ink), hatch=hatch)
    fig = scene_figure(diagram.scene, dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    return cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGR)


@dataclass
class Photo:
    """How a page is photographed (all optional: the default is a clean flat scan)."""

    rotation: float = 0.0  # degrees, in the page plane
    tilt: float = 0.0  # degrees the camera looks away from square-on
    tilt_axis: float = 0.0  # direction of the tilt axis in the page, degrees
    scale: float = 1.0
    blur: float = 0.0  # Gaussian sigma, px of the output
    noise: float = 0.0  # sigma, of 255
    light: float = 0.0  # 0..1 strength of the uneven lighting
    tint: tuple[float, float, float] = (1.0, 1.0, 1.0)  # B, G, R factors
    jpeg: int | None = None
    seed: int = 0
    extra: dict[str, float] = field(default_factory=dict)


def photograph(page: np.ndarray, photo: Photo) -> np.ndarray:
    """``page`` as a camera (or scanner) would see it, under the conditions of ``photo``."""
    rng = np.random.default_rng(photo.seed)
    h, w = page.shape[:2]
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
    centred = corners - (w / 2, h / 2)
    rho = np.radians(photo.rotation)
    rot = np.array([[np.cos(rho), -np.sin(rho)], [np.sin(rho), np.cos(rho)]])
    xy = centred @ rot.T
    # A camera at distance d looking at the page tilted by `tilt` about an in-plane axis.
    t, a = np.radians(photo.tilt), np.radians(photo.tilt_axis)
    axis = np.array([np.cos(a), np.sin(a), 0.0])
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    r3 = np.eye(3) + np.sin(t) * k + (1 - np.cos(t)) * (k @ k)
    d = 1.6 * max(w, h)
    pts = np.c_[xy, np.zeros(4)] @ r3.T + (0, 0, d)
    proj = pts[:, :2] / pts[:, 2:3] * d * photo.scale
    margin = 0.06 * max(w, h) * photo.scale
    proj -= proj.min(axis=0) - margin
    size = (int(proj[:, 0].max() + margin), int(proj[:, 1].max() + margin))
    homography = cv2.getPerspectiveTransform(corners.astype(np.float32), proj.astype(np.float32))
    table = np.array([70, 95, 120], np.float64) + rng.normal(0, 8, 3)
    out = cv2.warpPerspective(
        page,
        homography,
        size,
        flags=cv2.INTER_AREA if photo.scale < 1 else cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=tuple(float(c) for c in table),
    ).astype(np.float32)
    out *= np.array(photo.tint, np.float32)
    if photo.light > 0:
        hh, ww = out.shape[:2]
        yy, xx = np.mgrid[0:hh, 0:ww].astype(np.float32)
        ang = rng.uniform(0, 2 * np.pi)
        grad = ((xx / ww - 0.5) * np.cos(ang) + (yy / hh - 0.5) * np.sin(ang)) * 2
        vign = ((xx / ww - 0.5) ** 2 + (yy / hh - 0.5) ** 2) * 2
        field_ = 1.0 - photo.light * (0.25 * (grad + 1) + 0.25 * vign)
        out *= field_[:, :, None]
    if photo.blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), photo.blur)
    if photo.noise > 0:
        out += rng.normal(0, photo.noise, out.shape).astype(np.float32)
    img = np.clip(out, 0, 255).astype(np.uint8)
    if photo.jpeg is not None:
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, photo.jpeg])
        assert ok
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return img


def random_drawing(seed: int, subject: str = "S1") -> Drawing:
    """A realistic drawing: the zones of one to three referral patterns, sometimes a region."""
    rng = np.random.default_rng(seed)
    names = bodymap.pattern_names()
    chart = bodymap.load_chart()
    marks: list[Mark] = []
    for name in rng.choice(names, size=int(rng.integers(1, 4)), replace=False):
        pattern = bodymap.load_pattern(str(name))
        zones = list(pattern.zones())
        keep = [z for z in zones if rng.random() < 0.8] or zones[:1]
        flip = rng.random() < 0.4
        for zone in keep:
            geom = zone.geometry
            if flip:  # the other side: mirror about the midline
                geom = shapely.transform(geom, lambda xy: xy * (-1, 1))
            marks.append(Mark(view=zone.view, geometry=geom))
    if rng.random() < 0.3:
        region = chart.regions[int(rng.integers(len(chart.regions)))]
        marks.append(Mark(view=region.view, region=region.id))
    return Drawing(marks=tuple(marks), meta={"subject": subject})


def jaccard(a: Drawing, b: Drawing) -> float:
    """Jaccard index of two drawings' marked areas (clipped to the body), over both views."""
    inter = union = 0.0
    for view in ("front", "back"):
        ga, gb = a.geometry(view), b.geometry(view)
        inter += shapely.intersection(ga, gb).area
        union += shapely.union(ga, gb).area
    return inter / union if union > 0 else 1.0
