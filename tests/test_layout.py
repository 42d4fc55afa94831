"""The label layout: text measured in the renderers' font, texts fitted to a width, columns of
labels whose leaders never cross, and atlas sheets that name every zone they draw."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

import bodymap
from bodymap.renderers.diagram import differential
from bodymap.scene.atlas import LABEL_MERGE_CM
from bodymap.scene.items import Group, Shape, Text
from bodymap.scene.layout import (
    ELLIPSIS,
    fit_text,
    flow_rows,
    place_column,
    segments_cross,
    text_box,
    text_width,
    wrap_text,
)

TITLE = "Anterior femoral cutaneous nerves (femoral nerve), left side"


def _matplotlib_width(text: str, weight: str) -> float:
    props = FontProperties(family="DejaVu Sans", weight=weight, size=100)
    width, _, _ = TextToPath().get_text_width_height_descent(text, props, ismath=False)
    return float(width)


def test_text_width_is_what_matplotlib_draws_in_dejavu_sans() -> None:
    for weight in ("normal", "bold"):
        for text in (TITLE, "Iliopsoas: referred pain pattern, both sides", "WMiil 0123"):
            ours = text_width(text, 100, weight)
            theirs = _matplotlib_width(text, weight)
            assert abs(ours - theirs) / theirs < 0.02, (text, weight, ours, theirs)


def test_bold_text_is_wider_than_normal() -> None:
    assert text_width(TITLE, 4, "bold") > text_width(TITLE, 4) > 0


def test_fit_text_keeps_a_short_title_whole() -> None:
    assert fit_text("Iliopsoas", 100, 6, "bold") == "Iliopsoas"


def test_fit_text_wraps_at_word_boundaries_within_the_width() -> None:
    fitted = fit_text(TITLE, 60, 3.6, "bold", max_lines=3)
    lines = fitted.split("\n")
    assert len(lines) > 1
    assert " ".join(lines) == TITLE
    assert all(text_width(line, 3.6, "bold") <= 60 for line in lines)


def test_fit_text_shortens_with_an_ellipsis_when_lines_run_out() -> None:
    fitted = fit_text(TITLE, 30, 3.6, "bold", max_lines=2)
    lines = fitted.split("\n")
    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    assert all(text_width(line, 3.6, "bold") <= 30 for line in lines)
    words = TITLE.split()
    assert lines[0].split() == words[: len(lines[0].split())]


def test_a_word_wider_than_the_room_is_shortened_not_cut_off() -> None:
    (line,) = wrap_text("Sternocleidomastoid", 12, 3.0)
    assert line.endswith(ELLIPSIS) and text_width(line, 3.0) <= 12


def test_text_box_of_a_centred_two_line_text() -> None:
    text = Text("t", 50.0, 20.0, "Left hand\n(back)", 2.0, "middle")
    x0, y0, x1, y1 = text_box(text)
    assert x0 < 50.0 < x1 and abs((x0 + x1) / 2 - 50.0) < 1e-9
    assert y0 < 20.0 - 1.5 and y1 > 20.0 + 2.0 * 1.2


def test_flow_rows_fill_each_row_up_to_the_room() -> None:
    assert flow_rows([40, 40, 40], 100, 9) == [[0, 1], [2]]
    assert flow_rows([150, 10], 100, 9) == [[0], [1]]


def test_segments_cross() -> None:
    assert segments_cross(((0, 0), (10, 10)), ((0, 10), (10, 0)))
    assert not segments_cross(((0, 0), (10, 0)), ((0, 1), (10, 1)))
    assert not segments_cross(((0, 0), (5, 5)), ((5, 5), (10, 0)))  # shared end point


anchor = st.tuples(st.floats(-40, -1), st.floats(0, 150))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(anchor, st.integers(1, 3)), min_size=1, max_size=30),
)
def test_a_column_never_overlaps_and_its_leaders_never_cross(labels: list) -> None:
    anchors = [a for a, _ in labels]
    heights = [3.4 * 1.2 * lines for _, lines in labels]
    tops = place_column(anchors, heights, -45.0, 0.0, 150.0, pad=1.0)
    spans = sorted(zip(tops, heights))
    for (top, height), (next_top, _) in itertools.pairwise(spans):
        assert next_top >= top + height + 1.0 - 1e-9
    if sum(heights) + len(heights) - 1 <= 150:
        assert min(tops) >= -1e-9 and max(t + h for t, h in zip(tops, heights)) <= 150 + 1e-9
    leaders = [(a, (-45.0, t + h / 2)) for a, t, h in zip(anchors, tops, heights)]
    for i, a in enumerate(leaders):
        for b in leaders[i + 1 :]:
            assert not segments_cross(a, b)


def _find(items: tuple, prefix: str) -> list:
    out: list = []
    for item in items:
        if item.id.startswith(prefix):
            out.append(item)
        if isinstance(item, Group):
            out += _find(item.items, prefix)
    return out


def test_every_zone_of_the_organ_atlas_is_named() -> None:
    scene = bodymap.atlas("organ").scene
    for frame in scene.frames:
        for group in _find(scene.items, "atlas-pattern-"):
            if not group.id.endswith(f"-{frame.view}"):
                continue
            name = group.id.removeprefix("atlas-pattern-").removesuffix(f"-{frame.view}")
            zones = [s.geometry for s in group.items if isinstance(s, Shape)]
            points = [
                shapely.Point(d.geometry.centroid)
                for d in _find(scene.items, f"atlas-leader-dot-{name}-")
            ] + [
                shapely.Point(t.x, t.y)
                for t in _find(scene.items, f"atlas-label-{name}-")
                if isinstance(t, Text) and t.anchor == "middle"
            ]
            merged = shapely.union_all([z.buffer(LABEL_MERGE_CM / 2) for z in zones])
            for part in getattr(merged, "geoms", [merged]):
                assert any(part.buffer(1.0).contains(p) for p in points), (name, frame.view)


def test_stomach_label_lies_inside_the_stomach_or_in_a_column() -> None:
    scene = bodymap.atlas("organ").scene
    (stomach,) = [
        t for t in _find(scene.items, "atlas-label-organ-stomach-") if t.id.endswith("-front")
    ]
    if stomach.anchor == "middle":  # written inside: its whole box is inside the zone
        zone = shapely.union_all(
            [s.geometry for s in _find(scene.items, "atlas-zone-organ-stomach-")]
        )
        assert zone.contains(shapely.box(*text_box(stomach)))


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "drawings" / "iliopsoas-left.json"


def test_differential_captions_the_patients_panel_with_the_subject() -> None:
    scene = differential(EXAMPLE).scene
    (caption,) = _find(scene.items, "drawing-score")
    assert "example-01" in caption.text
    assert ".json" not in caption.text


def test_differential_legend_says_what_dashed_solid_and_dotted_mean() -> None:
    scene = differential(EXAMPLE).scene
    swatches = {s.id: s for s in _find(scene.items, "line-legend-swatch-")}
    texts = {t.id: t.text for t in _find(scene.items, "line-legend-text-")}
    assert swatches["line-legend-swatch-outline"].style.dash is not None
    assert swatches["line-legend-swatch-essential"].style.hatch is None
    assert swatches["line-legend-swatch-spillover"].style.hatch == "dots"
    assert "dashed" in texts["line-legend-text-outline"]
    assert "solid" in texts["line-legend-text-essential"]
    assert "dotted" in texts["line-legend-text-spillover"]


def test_panel_titles_fit_their_panels() -> None:
    scene = differential(EXAMPLE, top=12).scene
    titles = [t for t in _find(scene.items, "panel-") if t.id.endswith("-title")]
    assert len(titles) == 12
    boxes = sorted((text_box(t) for t in titles), key=lambda b: (b[1], b[0]))
    for a, b in itertools.pairwise(boxes):
        if abs(a[1] - b[1]) < 1.0:  # same row: apart
            assert a[2] < b[0]


@pytest.mark.parametrize("view", ["front", "back"])
def test_title_of_a_single_view_figure_fits_its_page(view: str) -> None:
    scene = bodymap.render("iliopsoas", side="both", view=view, regions=True).scene
    (title,) = _find(scene.items, "title")
    x0, _, x1, _ = text_box(title)
    assert x0 > 0 and x1 < scene.width
    (subtitle,) = _find(scene.items, "subtitle")
    outline = next(s for s in scene.walk() if s.id == f"outline-{view}")
    assert text_box(subtitle)[3] < outline.geometry.bounds[1]  # the head is below the text


def test_reading_the_font_metrics_leaves_no_file_open() -> None:
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from bodymap.scene.layout import text_width\n"
        "text_width('Groin', 3.0); text_width('Groin', 3.0, 'bold')\n"
        "gc.collect()\n"
    )
    done = subprocess.run(
        [sys.executable, "-X", "dev", "-c", code], capture_output=True, text=True, check=True
    )
    assert "ResourceWarning" not in done.stderr, done.stderr
