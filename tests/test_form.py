"""The pain-drawing form: the HTML file itself, and the form driven in a real headless Chromium.

Browser tests use Debian's chromium (``/usr/bin/chromium``, installed by ``make chromium``)
through Playwright for Python; Playwright's own browser download is never used.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bodymap
from bodymap.apps.form import json_for_html, make_form, save_form
from bodymap.cli import app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
runner = CliRunner()

# Chart points (cm): the left groin in the front view (patient left is x > 0 there) and the
# left lower back in the back view (patient left is x < 0 there).
GROIN_STROKE = [(3.0, 93.0), (5.0, 92.0), (7.0, 91.0), (9.0, 90.0), (11.0, 89.0)]
LOWER_BACK_LEFT = (-4.0, 106.0)
HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">&amp;'


# --- the HTML file ---------------------------------------------------------------------------


def _blocks(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}(?: [^>]*)?>(.*?)</{tag}>", page, flags=re.S)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_form_is_one_small_self_contained_file():
    page = make_form(subject="anon-17")
    size = len(page.encode("utf-8"))
    assert size < 300_000, size
    assert page.startswith("<!DOCTYPE html>")
    # Nothing refers to another resource: only fragment links and data: URLs.
    for attr, value in re.findall(r'\b(src|href|action|srcset|poster)="([^"]*)"', page):
        assert value.startswith(("#", "data:")), (attr, value)
    assert "url(http" not in page and "@import" not in page
    # Both views, captioned, with their regions and R/L letters, drawn by the SVG renderer.
    for view in ("front", "back"):
        assert f'id="chart-{view}"' in page
        assert f'id="caption-{view}"' in page
        assert f'id="side-letter-{view}-left"' in page
        assert f'id="marks-{view}"' in page
    assert 'id="region-groin-left"' in page and 'id="region-lower-back-left"' in page


def test_csp_allows_exactly_the_inline_script_and_style():
    page = make_form()
    (csp,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    scripts = [s for s in _blocks(page, "script") if s.strip() and not s.startswith("{")]
    (script,) = scripts
    (style,) = _blocks(page, "style")
    assert directives["script-src"] == _sha(script)
    assert directives["style-src"] == _sha(style)
    assert directives["img-src"] == "data:"
    assert "unsafe" not in csp
    assert page.count("<script") == 2  # the JSON data block and the script


def test_outside_text_cannot_become_markup():
    page = make_form(subject=HOSTILE)
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == 2
    (data,) = re.findall(r'<script type="application/json" id="bodymap-data">(.*?)</script>', page)
    assert json.loads(data)["subject"] == HOSTILE
    assert "&lt;/script&gt;&lt;script&gt;" in page  # the visible subject, HTML-escaped


def test_json_for_html_escapes():
    text = json_for_html({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_dutch_form_text():
    page = make_form(lang="nl")
    assert '<html lang="nl">' in page
    assert "Waar heeft u pijn?" in page and "Voorzijde" in page and "Achterzijde" in page
    assert "Tekening opslaan" in page


def test_cli_form_writes_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["form"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == "wrote pain-form.html\n"
    assert (tmp_path / "pain-form.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    out = tmp_path / "nl.html"
    result = runner.invoke(app, ["form", "-o", str(out), "--lang", "nl", "--subject", "p-1"])
    assert result.exit_code == 0, result.output
    assert "Patiënt" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["form", "-o", "x.txt"], 1, "Error: x.txt: unknown output format .txt; use .html"),
        (["form", "-o", "no/x.html"], 1, "Error: no/x.html: folder 'no' does not exist"),
        (
            ["form", "--lang", "de"],
            2,
            "Error: Invalid value for '--lang': unknown language 'de'; choose from: en, nl "
            "(see 'bodymap form --help')",
        ),
        (["form", "--drawing", "none.json"], 1, "Error: none.json: no such drawing file"),
        (
            ["form", "--subject", "x" * 201],
            1,
            "Error: subject id is too long (201 characters; at most 200)",
        ),
    ],
)
def test_cli_form_bad_input(tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert result.stderr == message + "\n"
    assert list(tmp_path.iterdir()) == []


def test_cli_form_bad_drawing_names_file_and_feature(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = _drawing_doc()
    doc["features"][1]["properties"]["view"] = "side"
    Path("bad.json").write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["form", "--drawing", "bad.json"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: bad.json: feature 1: unknown view 'side'")
    assert result.stderr.count("\n") == 1
    assert not Path("pain-form.html").exists()


def test_save_form_accepts_a_drawing_object(tmp_path):
    drawing = bodymap.load_drawing(_drawing_doc())
    out = save_form(tmp_path / "f.htm", drawing=drawing)
    page = out.read_text(encoding="utf-8")
    (data,) = re.findall(r'id="bodymap-data">(.*?)</script>', page)
    loaded = json.loads(data)
    assert loaded["subject"] == "anon-17"  # taken from the drawing
    assert len(loaded["drawing"]["features"]) == 3


def _drawing_doc() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "bodymap": {
            "kind": "drawing",
            "version": 1,
            "chart": "adult",
            "subject": "anon-17",
            "recorded": "2026-11-28T10:30:00+01:00",
            "site": "</script><b>clinic</b>",
        },
        "features": [
            {
                "type": "Feature",
                "properties": {"view": "front", "intensity": 6, "quality": "aching", "note": "x"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[6, 88], [11, 90], [9, 84], [6, 88]]],
                },
            },
            {
                "type": "Feature",
                "properties": {"view": "back", "width": 3, "quality": "</script><i>"},
                "geometry": {"type": "LineString", "coordinates": [[-4, 112], [-4, 100]]},
            },
            {
                "type": "Feature",
                "properties": {"view": "back", "region": "buttock-left", "intensity": 3},
                "geometry": None,
            },
        ],
    }


# --- in the browser --------------------------------------------------------------------------


class Tab:
    """A page of the form with everything it requests and logs recorded."""

    def __init__(self, page: Any, url: str) -> None:
        self.page = page
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else 0
        )
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.open()

    def open(self) -> None:
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready]")

    def reload(self) -> None:
        self.page.reload()
        self.page.wait_for_selector("body[data-ready]")

    def client(self, view: str, x: float, y: float) -> tuple[float, float]:
        """Viewport position of chart point (x, y) in ``view``, through the scene frame."""
        return tuple(  # type: ignore[return-value]
            self.page.evaluate(
                """([view, x, y]) => {
                    const svg = document.getElementById("chart-" + view);
                    const data = JSON.parse(document.getElementById("bodymap-data").textContent);
                    const f = data.frames[view];
                    const p = new DOMPoint(f.ox + x, f.oy - y).matrixTransform(svg.getScreenCTM());
                    return [p.x, p.y];
                }""",
                [view, x, y],
            )
        )

    def stroke(self, view: str, points: list[tuple[float, float]]) -> None:
        mouse = self.page.mouse
        first = self.client(view, *points[0])
        mouse.move(*first)
        mouse.down()
        for point in points[1:]:
            mouse.move(*self.client(view, *point), steps=4)
        mouse.up()

    def tap(self, view: str, x: float, y: float) -> None:
        self.page.mouse.click(*self.client(view, x, y))

    def choose(self, name: str, value: str) -> None:
        self.page.locator(f'input[name="{name}"][value="{value}"]').locator("..").click()

    def marks(self) -> int:
        return int(self.page.get_attribute("body", "data-marks"))

    def save(self, folder: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click("#save")
        download = info.value
        target = folder / download.suggested_filename
        download.save_as(target)
        return target

    def assert_clean(self) -> None:
        assert self.errors == []
        assert set(self.requests) <= {self.url}, self.requests


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (run: make chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("forms")
    drawing = folder / "earlier.json"
    drawing.write_text(json.dumps(_drawing_doc()), encoding="utf-8")
    made = {
        "plain": save_form(folder / "form.html", subject="anon-17"),
        "hostile": save_form(folder / "hostile.html", subject=HOSTILE),
        "drawing": save_form(folder / "continue.html", drawing=drawing, subject="anon-18"),
        "nl": save_form(folder / "nl.html", lang="nl", subject="anon-19"),
    }
    return {k: v.resolve().as_uri() for k, v in made.items()}


@pytest.fixture
def tab(browser: Any, forms: dict[str, str]) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, accept_downloads=True)
    yield Tab(context.new_page(), forms["plain"])
    context.close()


@pytest.mark.browser
def test_draw_tap_save_and_compare(tab, tmp_path):
    tab.choose("intensity", "7")
    tab.stroke("front", GROIN_STROKE)
    tab.choose("mode", "region")
    tab.tap("back", *LOWER_BACK_LEFT)
    assert tab.marks() == 2
    assert "Left lower back" in tab.page.inner_text("#status")
    path = tab.save(tmp_path)
    assert path.name.startswith("pain-drawing-anon-17-") and path.suffix == ".json"

    doc = json.loads(path.read_text(encoding="utf-8"))
    meta = doc["bodymap"]
    assert doc["type"] == "FeatureCollection"
    assert (meta["kind"], meta["version"], meta["chart"], meta["subject"]) == (
        "drawing",
        1,
        "adult",
        "anon-17",
    )
    assert datetime.fromisoformat(meta["recorded"]).tzinfo is not None
    stroke, region = doc["features"]
    assert stroke["properties"] == {"view": "front", "width": 4, "intensity": 7}
    assert stroke["geometry"]["type"] == "LineString"
    xs = [p[0] for p in stroke["geometry"]["coordinates"]]
    ys = [p[1] for p in stroke["geometry"]["coordinates"]]
    assert min(xs) == pytest.approx(3, abs=0.5) and max(xs) == pytest.approx(11, abs=0.5)
    assert min(ys) == pytest.approx(89, abs=0.5) and max(ys) == pytest.approx(93, abs=0.5)
    assert region == {
        "type": "Feature",
        "properties": {"view": "back", "region": "lower-back-left", "intensity": 7},
        "geometry": None,
    }

    drawing = bodymap.load_drawing(path)
    assert [m.view for m in drawing.marks] == ["front", "back"]
    assert drawing.marks[0].width == 4 and drawing.marks[1].region == "lower-back-left"
    result = bodymap.compare(drawing, "iliopsoas", side="left").to_dict()
    assert result["recall"] > 0
    touched = {r["id"] for r in result["regions"]}
    assert {"groin-left", "lower-back-left"} <= touched
    assert not any(r.endswith("-right") for r in touched)

    cli = runner.invoke(
        app, ["compare", str(path), "--pattern", "iliopsoas", "--side", "left", "--json"]
    )
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["recall"] > 0
    tab.assert_clean()


@pytest.mark.browser
def test_reload_keeps_marks_and_undo_redo(tab):
    tab.stroke("front", GROIN_STROKE)
    tab.stroke("front", [(-8.0, 60.0), (-8.0, 50.0)])
    assert tab.marks() == 2
    assert tab.page.locator("#stroke-marks-front path").count() == 2
    tab.page.click("#undo")
    assert tab.marks() == 1
    tab.page.click("#redo")
    assert tab.marks() == 2
    tab.page.keyboard.press("Control+z")
    assert tab.marks() == 1
    assert tab.page.is_disabled("#redo") is False

    tab.reload()
    assert tab.marks() == 1
    assert tab.page.locator("#stroke-marks-front path").count() == 1
    assert "restored" in tab.page.inner_text("#status")
    # The settings come back too.
    tab.choose("intensity", "9")
    tab.reload()
    assert tab.page.is_checked('input[name="intensity"][value="9"]')
    tab.assert_clean()


@pytest.mark.browser
def test_region_tap_toggles_and_eraser_cuts_strokes(tab, tmp_path):
    tab.choose("mode", "region")
    tab.tap("back", *LOWER_BACK_LEFT)
    tab.tap("back", *LOWER_BACK_LEFT)
    assert tab.marks() == 0
    tab.tap("back", *LOWER_BACK_LEFT)
    tab.choose("mode", "draw")
    tab.stroke("front", [(-12.0, 70.0), (-12.0, 50.0)])
    assert tab.marks() == 2
    # Rub across the middle of the stroke: it falls apart into two pieces.
    tab.choose("mode", "erase")
    tab.stroke("front", [(-16.0, 60.0), (-8.0, 60.0)])
    assert tab.marks() == 3
    # Erasing inside a whole-area mark removes it.
    tab.tap("back", *LOWER_BACK_LEFT)
    assert tab.marks() == 2
    doc = json.loads(tab.save(tmp_path).read_text(encoding="utf-8"))
    pieces = [f["geometry"]["coordinates"] for f in doc["features"]]
    assert all(f["geometry"]["type"] == "LineString" for f in doc["features"])
    assert max(p[1] for p in pieces[0]) < 58 or min(p[1] for p in pieces[0]) > 62
    tab.page.click("#undo")
    assert tab.marks() == 3
    tab.assert_clean()


@pytest.mark.browser
def test_clear_asks_first(tab):
    tab.stroke("front", GROIN_STROKE)
    tab.page.click("#clear")
    assert tab.page.is_visible("#confirm")
    tab.page.click("#confirm-no")
    assert tab.marks() == 1
    tab.page.click("#clear")
    tab.page.click("#confirm-yes")
    assert tab.marks() == 0
    assert tab.page.is_disabled("#clear")
    tab.page.click("#undo")
    assert tab.marks() == 1
    tab.assert_clean()


@pytest.mark.browser
def test_touch_and_pen_strokes_do_not_scroll(browser, forms, tmp_path):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    tab = Tab(page, forms["plain"])
    try:
        # Phones show one view at a time.
        assert page.is_visible("#chart-front") and not page.is_visible("#chart-back")
        cdp = context.new_cdp_session(page)
        points = [tab.client("front", x, y) for x, y in GROIN_STROKE]
        scroll = page.evaluate("window.scrollY")
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": "touchStart", "touchPoints": [{"x": points[0][0], "y": points[0][1]}]},
        )
        for x, y in points[1:]:
            cdp.send(
                "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
            )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        assert tab.marks() == 1
        assert page.evaluate("window.scrollY") == scroll
        # A pen on the back view, after switching to it.
        page.click('.switch[data-show="back"]')
        assert page.is_visible("#chart-back") and not page.is_visible("#chart-front")
        pen = [tab.client("back", x, y) for x, y in [(-6.0, 108.0), (-3.0, 104.0), (-1.0, 102.0)]]
        for i, (x, y) in enumerate(pen):
            kind = "mousePressed" if i == 0 else "mouseMoved"
            cdp.send(
                "Input.dispatchMouseEvent",
                {
                    "type": kind,
                    "x": x,
                    "y": y,
                    "button": "left",
                    "buttons": 1,
                    "clickCount": 1,
                    "pointerType": "pen",
                },
            )
        cdp.send(
            "Input.dispatchMouseEvent",
            {
                "type": "mouseReleased",
                "x": pen[-1][0],
                "y": pen[-1][1],
                "button": "left",
                "clickCount": 1,
                "pointerType": "pen",
            },
        )
        assert tab.marks() == 2
        assert page.inner_text('.switch[data-show="back"] .count') == "1"
        # Every control is a large enough touch target.
        small = page.evaluate(
            """() => [...document.querySelectorAll('.choice, .action, .switch')]
                .filter((e) => e.offsetParent !== null)
                .map((e) => [e.textContent.trim(), e.getBoundingClientRect()])
                .filter(([, r]) => r.width < 44 || r.height < 44)
                .map(([t, r]) => t + ' ' + r.width + 'x' + r.height)"""
        )
        assert small == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        with page.expect_download() as info:
            page.click("#save")
        path = tmp_path / "touch.json"
        info.value.save_as(path)
        drawing = bodymap.load_drawing(path)
        assert [(m.view, m.geometry.geom_type) for m in drawing.marks] == [
            ("front", "LineString"),
            ("back", "LineString"),
        ]
        tab.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_hostile_subject_is_only_text(browser, forms, tmp_path):
    context = browser.new_context(accept_downloads=True)
    tab = Tab(context.new_page(), forms["hostile"])
    try:
        assert tab.page.evaluate("window.__pwned") is None
        assert tab.page.inner_text("#subject-id") == HOSTILE
        assert tab.page.locator("img").count() == 0
        tab.stroke("front", GROIN_STROKE)
        doc = json.loads(tab.save(tmp_path).read_text(encoding="utf-8"))
        assert doc["bodymap"]["subject"] == HOSTILE
        assert tab.page.evaluate("window.__pwned") is None
        tab.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_preloaded_drawing_continues_and_round_trips(browser, forms, tmp_path):
    context = browser.new_context(accept_downloads=True)
    tab = Tab(context.new_page(), forms["drawing"])
    try:
        assert tab.marks() == 3
        assert tab.page.locator("#region-marks-back path").count() == 1
        assert tab.page.locator("#stroke-marks-front path.mark-shape").count() == 1
        assert "loaded" in tab.page.inner_text("#status")
        tab.stroke("front", GROIN_STROKE)
        doc = json.loads(tab.save(tmp_path).read_text(encoding="utf-8"))
        original = _drawing_doc()
        assert doc["bodymap"]["subject"] == "anon-18"
        assert doc["bodymap"]["site"] == original["bodymap"]["site"]
        assert doc["features"][:3] == original["features"]
        assert len(doc["features"]) == 4
        assert bodymap.load_drawing(doc).marks[3].intensity == 5
        tab.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_keyboard_and_labels_in_dutch(browser, forms):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    tab = Tab(context.new_page(), forms["nl"])
    page = tab.page
    try:
        assert page.inner_text("h1") == "Waar heeft u pijn?"
        assert page.text_content("#caption-front") == "Voorzijde"
        for action in ("undo", "redo", "clear", "save"):
            assert page.get_attribute(f"#{action}", "aria-label")
        page.focus('input[name="intensity"][value="5"]')
        page.keyboard.press("ArrowRight")
        assert page.is_checked('input[name="intensity"][value="6"]')
        page.focus('input[name="mode"][value="draw"]')
        page.keyboard.press("ArrowRight")
        assert page.get_attribute("body", "data-mode") == "region"
        assert "Tik op een gebied" in page.inner_text("#mode-hint")
        tab.tap("front", 7.0, 91.0)
        assert "Linkerlies" in page.inner_text("#status")
        assert tab.marks() == 1
        page.keyboard.press("Control+z")
        assert tab.marks() == 0
        page.keyboard.press("Control+y")
        assert tab.marks() == 1
        # The longer Dutch words still fit a phone screen.
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        tab.assert_clean()
    finally:
        context.close()


def test_qualities_match_the_drawing_descriptors():
    from bodymap.core.choices import PAIN_QUALITIES as DESCRIPTORS

    assert "aching" in DESCRIPTORS
