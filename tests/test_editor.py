"""The desktop editor, driven headless with synthetic matplotlib events on an Agg canvas."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib.backend_bases import KeyEvent, MouseButton, MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from typer.testing import CliRunner

import bodymap
from bodymap.apps.editor import DrawingEditor, mark_kind, stroke_points
from bodymap.cli import app

runner = CliRunner()


class Driver:
    """Sends mouse and key events to an editor's canvas, positioned in chart coordinates."""

    def __init__(self, editor: DrawingEditor) -> None:
        self.editor = editor
        self.canvas = editor.figure.canvas

    def display(self, view: str, x: float, y: float) -> tuple[float, float]:
        page = self.editor.scene.frame(view).to_page(x, y)
        dx, dy = self.editor.ax.transData.transform(page)
        return float(dx), float(dy)

    def mouse(self, name: str, view: str, x: float, y: float) -> None:
        dx, dy = self.display(view, x, y)
        event = MouseEvent(name, self.canvas, dx, dy, button=MouseButton.LEFT)
        self.canvas.callbacks.process(name, event)

    def drag(self, view: str, points: list[tuple[float, float]]) -> None:
        self.mouse("button_press_event", view, *points[0])
        for point in points[1:]:
            self.mouse("motion_notify_event", view, *point)
        self.mouse("button_release_event", view, *points[-1])

    def click(self, view: str, x: float, y: float) -> None:
        self.drag(view, [(x, y)])

    def key(self, key: str) -> None:
        event = KeyEvent("key_press_event", self.canvas, key, 10, 10)
        self.canvas.callbacks.process("key_press_event", event)


@pytest.fixture
def driver(tmp_path: Path) -> Driver:
    figure = Figure()
    FigureCanvasAgg(figure)
    editor = DrawingEditor(figure, subject="anon-17", output=tmp_path / "drawing.json")
    return Driver(editor)


GROIN = [(3.0, 93.0), (5.0, 92.0), (7.0, 91.0), (9.0, 90.0), (11.0, 89.0)]


def test_drag_makes_a_stroke_at_the_chart_coordinates(driver):
    driver.key("7")
    driver.drag("front", GROIN)
    (mark,) = driver.editor.marks
    assert mark.view == "front" and mark_kind(mark) == "stroke"
    assert mark.width == 4.0 and mark.intensity == 7
    assert len(stroke_points(mark)) == len(GROIN)
    for (x, y), (ex, ey) in zip(stroke_points(mark), GROIN):
        assert x == pytest.approx(ex, abs=0.05) and y == pytest.approx(ey, abs=0.05)
    assert driver.editor.dirty
    assert len(driver.editor._artists) == 1


def test_region_click_eraser_undo_redo_and_keys(driver):
    ed = driver.editor
    driver.key("a")
    driver.click("back", -4.0, 106.0)
    assert [(mark_kind(m), m.region) for m in ed.marks] == [("region", "lower-back-left")]
    assert "Left lower back" in ed.status()
    driver.click("back", -4.0, 106.0)  # a second click unmarks it
    assert ed.marks == ()
    driver.key("z")
    assert len(ed.marks) == 1
    driver.key("y")
    assert ed.marks == ()
    driver.key("ctrl+z")
    driver.key("d")
    driver.key("]")
    driver.key("+")
    driver.key("t")
    driver.drag("front", [(-12.0, 70.0), (-12.0, 60.0), (-12.0, 50.0)])
    stroke = ed.marks[-1]
    assert (stroke.width, stroke.intensity, stroke.quality) == (8.0, 6, "aching")
    # Rubbing across the middle of the stroke cuts it in two; inside a region removes it.
    driver.key("e")
    driver.key("[")
    driver.key("[")
    driver.drag("front", [(-18.0, 60.0), (-6.0, 60.0)])
    assert [mark_kind(m) for m in ed.marks] == ["region", "stroke", "stroke"]
    upper, lower = stroke_points(ed.marks[1]), stroke_points(ed.marks[2])
    assert min(y for _, y in upper) > 60 and max(y for _, y in lower) < 60
    driver.click("back", -4.0, 106.0)
    assert [mark_kind(m) for m in ed.marks] == ["stroke", "stroke"]
    driver.key("z")
    driver.key("z")
    assert [mark_kind(m) for m in ed.marks] == ["region", "stroke"]
    driver.key("C")
    assert ed.marks == ()
    driver.key("z")
    assert len(ed.marks) == 2
    assert driver.editor.handle_key("x") is False


def test_save_writes_a_valid_drawing(driver, tmp_path):
    driver.key("8")
    driver.drag("front", GROIN)
    driver.key("a")
    driver.click("back", -4.0, 106.0)
    driver.key("s")
    out = tmp_path / "drawing.json"
    assert not driver.editor.dirty
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    meta = doc["bodymap"]
    assert (meta["kind"], meta["version"], meta["chart"], meta["subject"]) == (
        "drawing",
        1,
        "adult",
        "anon-17",
    )
    assert "T" in meta["recorded"]
    stroke, region = doc["features"]
    assert stroke["properties"] == {"view": "front", "width": 4, "intensity": 8}
    assert stroke["geometry"]["type"] == "LineString"
    assert stroke["geometry"]["coordinates"][0] == pytest.approx([3.0, 93.0], abs=0.05)
    assert region == {
        "type": "Feature",
        "properties": {"view": "back", "region": "lower-back-left", "intensity": 8},
        "geometry": None,
    }
    drawing = bodymap.load_drawing(out)
    assert len(drawing.marks) == 2
    result = bodymap.compare(drawing, "iliopsoas", side="left").to_dict()
    assert result["recall"] > 0
    assert {"groin-left", "lower-back-left"} <= {r["id"] for r in result["regions"]}


def test_continue_an_earlier_drawing(tmp_path):
    earlier = tmp_path / "earlier.json"
    earlier.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "bodymap": {"kind": "drawing", "version": 1, "subject": "p-9", "site": "A"},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"view": "front", "intensity": 6, "note": "kept"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[6, 88], [11, 90], [9, 84], [6, 88]]],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    figure = Figure()
    FigureCanvasAgg(figure)
    editor = DrawingEditor(figure, earlier, lang="nl")
    assert editor.output == earlier
    assert [mark_kind(m) for m in editor.marks] == ["shape"]
    driver = Driver(editor)
    driver.drag("back", [(-4.0, 112.0), (-4.0, 100.0)])
    editor.save()
    doc = json.loads(earlier.read_text(encoding="utf-8"))
    assert doc["bodymap"]["subject"] == "p-9" and doc["bodymap"]["site"] == "A"
    assert doc["features"][0]["properties"] == {"view": "front", "intensity": 6, "note": "kept"}
    assert doc["features"][0]["geometry"]["type"] == "Polygon"
    assert len(bodymap.load_drawing(earlier).marks) == 2


def test_figure_renders(driver, tmp_path):
    driver.drag("front", GROIN)
    driver.editor.figure.savefig(tmp_path / "editor.png", dpi=40)
    assert (tmp_path / "editor.png").stat().st_size > 1000


def test_library_never_selects_a_backend():
    root = Path(bodymap.__file__).parent
    for path in root.rglob("*.py"):
        assert "matplotlib.use(" not in path.read_text(encoding="utf-8"), path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display check is for Linux")
def test_draw_without_display_exits_with_one_line(monkeypatch, tmp_path):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["draw"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no display available; ")
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_draw_without_interactive_backend_exits_with_one_line(tmp_path):
    env = {**os.environ, "DISPLAY": ":99", "MPLBACKEND": "agg"}
    proc = subprocess.run(
        [sys.executable, "-m", "bodymap", "draw"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: no display available; no interactive matplotlib")
    assert proc.stderr.count("\n") == 1


def test_draw_checks_its_input_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["draw", "missing.json"])
    assert result.exit_code == 1
    assert result.stderr == "Error: missing.json: no such drawing file\n"
