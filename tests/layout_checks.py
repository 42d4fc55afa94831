"""Layout checks of an SVG figure as Chromium draws it: text on text, text off the page, leaders
that cross.

:func:`layout_problems` loads one SVG document in a Playwright page of Debian's chromium and
measures every ``<text>`` with ``getBBox`` (so the real font, as a browser lays it out, is
what is checked, not bodymap's own metrics), and reads every leader line (``class="leader"``
paths).  Any test module can check a new figure with it: open a browser with
:func:`launch_chromium` and call :func:`layout_problems` with the figure's SVG.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]

#: Two texts collide when their boxes share more than this much (mm) both ways; a text is
#: clipped when its box reaches this far past the page's edge.
TOLERANCE = 0.05

_MEASURE = """
() => {
  const svg = document.querySelector('svg');
  const vb = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map((t) => {
    const b = t.getBBox();
    return {id: t.id, text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
  });
  const leaders = [...svg.querySelectorAll('path.leader')].map(
    (p) => ({id: p.id, d: p.getAttribute('d')}));
  return {width: vb.width, height: vb.height, texts, leaders};
}
"""


@dataclass
class LayoutReport:
    """What :func:`layout_problems` found in one figure."""

    texts: int = 0
    leaders: int = 0
    collisions: list[tuple[str, str]] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)
    crossings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Every problem, one readable line each."""
        return (
            [f"texts overlap: {a} / {b}" for a, b in self.collisions]
            + [f"text outside the page: {c}" for c in self.clipped]
            + [f"leaders cross: {a} / {b}" for a, b in self.crossings]
        )


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A Playwright page of headless Debian chromium (skips the test if it is missing)."""
    import pytest

    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (run: make chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def _points(d: str) -> list[tuple[float, float]]:
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[0::2], numbers[1::2]))


def layout_problems(page: Any, svg: str) -> LayoutReport:
    """Measure the SVG figure ``svg`` in the Chromium ``page`` and list its layout problems.

    Texts collide when their boxes overlap (by more than :data:`TOLERANCE` both ways); a
    text is clipped when its box leaves the ``viewBox``; two leaders cross when their
    polylines meet anywhere.
    """
    page.set_content(f"<!DOCTYPE html><html><body style='margin:0'>{svg}</body></html>")
    found = page.evaluate(_MEASURE)
    report = LayoutReport(texts=len(found["texts"]), leaders=len(found["leaders"]))
    boxes = [t for t in found["texts"] if t["w"] > 0 and t["text"].strip()]

    def name(t: dict[str, Any]) -> str:
        return f"{t['id'] or '?'} {t['text']!r}"

    for t in boxes:
        if (
            t["x"] < -TOLERANCE
            or t["y"] < -TOLERANCE
            or t["x"] + t["w"] > found["width"] + TOLERANCE
            or t["y"] + t["h"] > found["height"] + TOLERANCE
        ):
            report.clipped.append(name(t))
    ordered = sorted(boxes, key=lambda t: t["x"])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b["x"] >= a["x"] + a["w"] - TOLERANCE:
                break
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > TOLERANCE and dy > TOLERANCE:
                report.collisions.append((name(a), name(b)))
    lines = [
        (leader["id"], shapely.LineString(_points(leader["d"]))) for leader in found["leaders"]
    ]
    geoms = np.array([line for _, line in lines], dtype=object)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    report.crossings = [(lines[i][0], lines[j][0]) for i, j in zip(left, right) if i < j]
    return report
