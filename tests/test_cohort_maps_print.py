"""Cohort figures fit for a page: rows of panels, honest scales, legible text, right words.

Six groups wrap into rows of at most four panels; a test map colours only what is
significant after correction, on a scale symmetric about 0, keys the muted grey of the
rest, and says so when nothing is significant (no colour scale then); the labels count
drawings, which is what a cohort's n counts; and every text is at least 6 pt at the
figure's own size (1 scene mm printed as 1 mm).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from cohort_helpers import region_doc

import bodymap
from bodymap.core.i18n import tr
from bodymap.scene.cohort_maps import PANELS_PER_ROW
from bodymap.scene.cohort_stats import NOT_SIGNIFICANT
from bodymap.scene.handout import MIN_PRINT_PT
from bodymap.scene.items import Scene, Shape, Text

IDS = [r.id for r in bodymap.load_chart().regions]
CLINICS = ("Amsterdam", "Rotterdam", "Utrecht", "Groningen", "Maastricht", "Eindhoven")
#: 6 pt in mm: the smallest text at the figure's own size.
MIN_MM = MIN_PRINT_PT * 25.4 / 72


def write(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def knee_cohort(
    folder: Path, groups: dict[str, float], n: int, seed: int, others: float
) -> bodymap.CohortResult:
    """``n`` drawings over ``groups`` in turn; each group marks the left knee at its own
    rate and every other region at the rate ``others``."""
    rng = random.Random(seed)
    names = list(groups)
    docs = []
    for i in range(n):
        group = names[i % len(names)]
        rate = {r: others for r in IDS} | {"knee-front-left": groups[group]}
        marked = [r for r in IDS if rng.random() < rate[r]]
        docs.append(region_doc(f"s{i}", marked, clinic=group))
    return bodymap.cohort(write(folder / "c.jsonl", docs), by="clinic")


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> bodymap.CohortResult:
    """Six clinics; Utrecht marks the left knee four times as often as the others."""
    rates = {c: 0.6 if c == "Utrecht" else 0.15 for c in CLINICS}
    return knee_cohort(tmp_path_factory.mktemp("six"), rates, 600, 5, 0.15)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> bodymap.CohortResult:
    rates = {"south": 0.1, "north": 0.6}
    return knee_cohort(tmp_path_factory.mktemp("two"), rates, 300, 11, 0.2)


@pytest.fixture(scope="module")
def alike(tmp_path_factory: pytest.TempPathFactory) -> bodymap.CohortResult:
    """Two groups of the very same drawings: nothing can differ."""
    rng = random.Random(3)
    docs = []
    for i in range(80):
        marked = [r for r in IDS if rng.random() < 0.3]
        docs += [region_doc(f"a{i}", marked, clinic="east"),
                 region_doc(f"b{i}", marked, clinic="west")]  # fmt: skip
    return bodymap.cohort(write(tmp_path_factory.mktemp("alike") / "c.jsonl", docs), by="clinic")


def texts(scene: Scene, kind: str | None = None) -> list[Text]:
    return [t for t in scene.walk() if isinstance(t, Text) and (kind is None or t.kind == kind)]


def ticks(scene: Scene) -> list[float]:
    return [
        float(t.text.replace(",", ".").replace("−", "-"))
        for t in texts(scene, "tick")
        if t.id.startswith("colour-bar-tick-")
    ]


def test_six_groups_wrap_into_rows_of_at_most_four_panels(six):
    scene = six.frequency_map().scene
    titles = texts(scene, "panel-title")
    rows: dict[float, int] = {}
    for title in titles:
        rows[round(title.y, 3)] = rows.get(round(title.y, 3), 0) + 1
    assert len(titles) == 6 and sorted(rows.values(), reverse=True) == [PANELS_PER_ROW, 2]
    # No longer one long row: in two rows, six panels of three views (the soles are marked
    # too) make a figure less than 2.5 times as wide as it is high.
    assert scene.width < 2.5 * scene.height
    assert all(0 <= t.y <= scene.height for t in texts(scene))


def test_a_two_group_test_map_has_a_symmetric_scale_of_the_significant_regions(planted):
    table = planted.test_groups()
    significant = {r["region"] for r in table if (r["p_adjusted"] or 1) < 0.05}
    assert "knee-front-left" in significant
    scene = planted.tests_map().scene
    values = ticks(scene)
    assert values and values[0] == pytest.approx(-values[-1])
    # The scale reaches the largest significant difference, not the noise around it.
    largest = max(abs(r["percent_north"] - r["percent_south"]) for r in table
                  if r["region"] in significant)  # fmt: skip
    assert largest <= values[-1] < 2 * largest
    fills = {s.id.removeprefix("tests-"): s.style.fill for s in scene.walk()
             if isinstance(s, Shape) and s.kind == "test-region"}  # fmt: skip
    assert {rid for rid, fill in fills.items() if fill == NOT_SIGNIFICANT} == set(fills) - set(
        significant
    )
    outlined = {s.id.removeprefix("tests-significant-") for s in scene.walk()
                if isinstance(s, Shape) and s.kind == "significant-region"}  # fmt: skip
    assert outlined == significant
    keys = [t.text for t in texts(scene, "swatch-label")]
    assert keys == [tr("stats.not-significant")]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_maps_with_nothing_significant_say_so_instead_of_a_scale(alike, lang):
    for scene, key, fields in (
        (alike.tests_map(lang=lang).scene, "stats.none.tests", {"alpha": "0.05"}),
        (alike.cell_map(lang=lang).scene, "stats.none.cells", {"correction": "fdr_bh"}),
    ):
        fields = {k: v.replace(".", ",") if lang == "nl" else v for k, v in fields.items()}
        message = "\n".join(t.text for t in texts(scene, "no-significant"))
        assert message == tr(key, lang, **fields)
        assert not ticks(scene) and not texts(scene, "colour-bar-label")
        assert [t.text for t in texts(scene, "swatch-label")] == [tr("stats.not-significant", lang)]


def test_a_cell_map_with_significant_cells_keeps_its_symmetric_scale(planted):
    scene = planted.cell_map(planted.cell_test(min_count=3)).scene
    values = ticks(scene)
    assert values and values[0] == pytest.approx(-values[-1])
    assert not texts(scene, "no-significant")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_cohort_maps_count_drawings_in_their_labels(planted, lang):
    for scene in (planted.frequency_map(lang=lang).scene, planted.region_map(lang=lang).scene):
        words = " ".join(t.text for t in texts(scene))
        assert tr("cohort.unit", lang) in words
        assert tr("cohort.n", lang, n="300") in words
        assert {"en": "patients", "nl": "patiënten"}[lang] not in words
    assert tr("cohort.unit", "en") == "% of drawings"


def test_every_cohort_figure_text_is_at_least_6_pt_at_its_own_size(six, planted, alike):
    scenes = [
        six.frequency_map().scene,
        six.region_map().scene,
        six.tests_map().scene,
        planted.frequency_map(lang="nl").scene,
        planted.tests_map().scene,
        planted.cell_map(planted.cell_test(min_count=3)).scene,
        alike.tests_map(lang="nl").scene,
        alike.cell_map().scene,
        planted.cooccurrence_map().scene,
        six.histograms().scene,
    ]
    for scene in scenes:
        small = [(t.id, t.size) for t in texts(scene) if t.size < MIN_MM - 1e-9]
        assert not small, (scene.title, small[:5])
