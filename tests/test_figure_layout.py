"""Every figure's layout as Chromium draws its SVG: no text on text, none off the page, no
leader lines that cross.

The figures: ``render`` in each view and side with and without region names (and the bare
chart with region names only), the five atlas sheets in English and Dutch, the differential
figure of every example drawing, the drawing overlays, the figure of a patient's visits
(``track``), and the cohort maps of six groups.
Each is measured by :func:`layout_checks.layout_problems` (``getBBox`` in a real browser);
the totals are printed at the end (``-s`` shows them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cohort_helpers import synthetic_docs, write_jsonl
from layout_checks import LayoutReport, launch_chromium, layout_problems

import bodymap
from bodymap.renderers.diagram import differential

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drawings"
DRAWINGS = sorted(EXAMPLES.glob("*.json"))

TOTALS: dict[str, int] = {"figures": 0, "collisions": 0, "clipped": 0, "crossings": 0}


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    with launch_chromium() as tab:
        yield tab
    print(
        f"\nfigure layout: {TOTALS['figures']} figures checked, {TOTALS['collisions']} text "
        f"collisions, {TOTALS['clipped']} clipped texts, {TOTALS['crossings']} crossing leaders"
    )


@pytest.fixture(scope="module")
def six_groups(tmp_path_factory: pytest.TempPathFactory) -> Any:
    docs = synthetic_docs(72, 11)
    for i, doc in enumerate(docs):
        doc.setdefault("metadata", {})["clinic"] = f"Clinic {'ABCDEF'[i % 6]}"
    path = write_jsonl(tmp_path_factory.mktemp("six") / "c.jsonl", docs)
    return bodymap.cohort(path, by="clinic")


def _check(page: Any, svg: str) -> LayoutReport:
    report = layout_problems(page, svg)
    TOTALS["figures"] += 1
    TOTALS["collisions"] += len(report.collisions)
    TOTALS["clipped"] += len(report.clipped)
    TOTALS["crossings"] += len(report.crossings)
    assert report.texts > 0
    assert report.problems == []
    return report


RENDERS = [
    pytest.param(view, side, regions, id=f"{view}-{side}{'-regions' if regions else ''}")
    for view in ("front", "back", "both")
    for side in ("left", "right", "both")
    for regions in (False, True)
]


@pytest.mark.parametrize(("view", "side", "regions"), RENDERS)
def test_pattern_figure_has_no_collision(page: Any, view: str, side: str, regions: bool) -> None:
    report = _check(page, bodymap.render("iliopsoas", side=side, view=view,
                                         regions=regions).to_svg())  # fmt: skip
    assert report.leaders > 0


@pytest.mark.parametrize("view", ["front", "back", "both"])
def test_region_names_without_zone_labels_have_no_collision(page: Any, view: str) -> None:
    svg = bodymap.render("iliopsoas", side="both", view=view, labels=False,
                         regions=True).to_svg()  # fmt: skip
    _check(page, svg)


@pytest.mark.parametrize("view", ["front", "back", "both"])
def test_dutch_pattern_figure_with_region_names_has_no_collision(page: Any, view: str) -> None:
    _check(page, bodymap.render("iliopsoas", side="both", view=view, regions=True,
                                lang="nl").to_svg())  # fmt: skip


def test_long_title_of_one_view_is_wrapped_not_clipped(page: Any) -> None:
    title = "Iliopsoas and quadratus lumborum: referred pain pattern of both, both sides"
    _check(page, bodymap.render("iliopsoas", view="back", side="both", title=title).to_svg())


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", ["muscle", "nerve", "dermatome", "joint", "organ"])
def test_atlas_sheet_has_no_collision(page: Any, kind: str, lang: str) -> None:
    report = _check(page, bodymap.atlas(kind, lang=lang).to_svg())
    assert report.leaders > 0


@pytest.mark.parametrize("drawing", DRAWINGS, ids=[d.stem for d in DRAWINGS])
def test_differential_figure_has_no_collision(page: Any, drawing: Path) -> None:
    _check(page, differential(drawing).to_svg())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_overlay_figures_have_no_collision(page: Any, lang: str) -> None:
    first, follow_up = EXAMPLES / "iliopsoas-left.json", EXAMPLES / "iliopsoas-left-followup.json"
    _check(page, bodymap.render("iliopsoas", drawing=first, lang=lang).to_svg())
    _check(page, bodymap.render("iliopsoas", drawing=[first, follow_up], lang=lang).to_svg())
    _check(page, bodymap.render(None, drawing=first, lang=lang).to_svg())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_track_figure_has_no_collision(page: Any, lang: str) -> None:
    visits = [bodymap.load_drawing(EXAMPLES / f"low-back-right-visit{i}.json") for i in (1, 2, 3)]
    _check(page, bodymap.track_figure(bodymap.track(visits), lang).to_svg())


COHORT_MAPS: dict[str, Callable[[Any], Any]] = {
    "frequency": lambda c: c.frequency_map(),
    "regions": lambda c: c.region_map(),
    "tests": lambda c: c.tests_map(),
    "cells": lambda c: c.cell_map(),
    "histograms": lambda c: c.histograms(),
}


@pytest.mark.parametrize("name", list(COHORT_MAPS))
def test_cohort_map_of_six_groups_has_no_collision(page: Any, six_groups: Any, name: str) -> None:
    _check(page, COHORT_MAPS[name](six_groups).to_svg())
