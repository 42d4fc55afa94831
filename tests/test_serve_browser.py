"""The clinic app end to end in a real browser (Playwright driving Debian's chromium).

A clinician logs in, adds a patient and a visit; the patient opens the intake link in a
second browser at phone size (390 px), draws a stroke with the mouse over the groin and the
thigh and sends it; the clinician's visit page then shows the drawing and a ranking whose
first muscle fits the drawing, and the handout downloads as a one-page PDF.  Screenshots of
the main pages (1280 px) and the intake (390 px) are written to ``$BODYMAP_SCREENSHOTS``
(default: the test's temporary folder).
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from serve_helpers import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Chart points (cm, front view; the patient's left is x > 0): from the left groin down the
# front of the left thigh.
GROIN_TO_THIGH = [(3.0, 93.0), (6.0, 91.0), (8.0, 88.0), (9.0, 84.0), (9.5, 78.0), (9.5, 72.0)]
TO_CHART = """([view, x, y]) => {
    const frame = JSON.parse(document.getElementById("bodymap-data").textContent).frames[view];
    const matrix = document.getElementById("chart-" + view).getScreenCTM();
    const point = new DOMPoint(frame.ox + x, frame.oy - y).matrixTransform(matrix);
    return [point.x, point.y];
}"""


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (run: make chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("BODYMAP_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stroke(page, points):
    mouse = page.mouse
    mouse.move(*page.evaluate(TO_CHART, ["front", *points[0]]))
    mouse.down()
    for point in points[1:]:
        mouse.move(*page.evaluate(TO_CHART, ["front", *point]), steps=5)
    mouse.up()


@pytest.mark.browser
def test_a_patient_draws_on_a_phone_and_the_clinician_sees_the_differential(
    chromium, sqlite_server, shots, tmp_path
):
    from pypdf import PdfReader

    import bodymap

    base = sqlite_server.base
    errors = []
    clinic = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = clinic.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(base + "/patients")
    assert page.url == base + "/login"
    page.screenshot(path=shots / "login.png")
    page.fill('input[name="username"]', "alice")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(base + "/patients")

    page.fill('#add-patient input[name="code"]', "P-100")
    page.select_option('#add-patient select[name="sex"]', "female")
    page.fill('#add-patient input[name="birth_year"]', "1975")
    page.click('#add-patient button[type="submit"]')
    page.wait_for_selector("#add-visit")
    patient_url = page.url
    page.fill('#add-visit textarea[name="note"]', "Groin pain when climbing stairs.")
    page.click('#add-visit button[type="submit"]')
    link = page.get_attribute("#intake-link", "href")
    assert link.startswith(base + "/intake/")
    page.wait_for_function(
        "(img => img.complete && img.naturalWidth > 0)(document.querySelector('img.qr'))"
    )
    page.screenshot(path=shots / "visit-intake-link.png", full_page=True)

    phone = chromium.new_context(viewport={"width": 390, "height": 844})
    intake = phone.new_page()
    intake.on("pageerror", lambda exc: errors.append(str(exc)))
    intake.goto(link)
    intake.wait_for_selector("body[data-ready]")
    assert intake.evaluate("document.documentElement.scrollWidth") <= 390
    intake.locator('input[name="intensity"][value="7"]').locator("..").click()
    intake.locator('input[name="brush"][value="large"]').locator("..").click()
    intake.locator("#figure-front").scroll_into_view_if_needed()
    _stroke(intake, GROIN_TO_THIGH)
    intake.screenshot(path=shots / "intake-390.png", full_page=True)
    intake.click("#save")
    intake.wait_for_selector("body[data-sent]")
    assert "Thank you" in intake.inner_text("#status")
    intake.screenshot(path=shots / "intake-sent-390.png")
    again = phone.new_page().goto(link)
    assert again.status == 410
    phone.close()

    page.goto(patient_url)
    page.click(".timeline a.visit-link")
    page.wait_for_selector("#ranking")
    visit_url = page.url
    page.wait_for_function(  # the figure is drawn on first request: wait for it to load
        "(img => img.complete && img.naturalWidth > 0)(document.getElementById('drawing-figure'))"
    )
    first_muscle = page.locator('#ranking tr[data-kind="muscle"]').first
    name = first_muscle.get_attribute("data-pattern")
    drawing = json.loads(
        page.request.get(base + f"/api/v1/visits/{visit_url.rsplit('/', 1)[1]}/drawing").body()
    )
    best = bodymap.rank(drawing, kinds=["muscle"]).best
    assert name == best.pattern
    assert best.precision > 0.5 and best.dice > 0.2  # most of the stroke lies in the pattern
    page.screenshot(path=shots / "visit.png", full_page=True)

    with page.expect_download() as download:
        first_muscle.locator("a.handout").click()
    pdf = tmp_path / "handout.pdf"
    download.value.save_as(pdf)
    assert len(PdfReader(io.BytesIO(pdf.read_bytes())).pages) == 1

    page.goto(patient_url)
    page.screenshot(path=shots / "patient.png", full_page=True)
    page.goto(base + "/patients")
    page.screenshot(path=shots / "patients.png", full_page=True)
    page.goto(base + "/atlas?q=groin")
    page.screenshot(path=shots / "atlas.png", full_page=True)
    clinic.close()

    small = chromium.new_context(viewport={"width": 390, "height": 844})  # a clinician's phone
    narrow = small.new_page()
    narrow.goto(base + "/login")
    narrow.fill('input[name="username"]', "alice")
    narrow.fill('input[name="password"]', PASSWORD)
    narrow.click('button[type="submit"]')
    narrow.wait_for_url(base + "/patients")
    for url in (base + "/patients", patient_url, visit_url, base + "/atlas"):
        narrow.goto(url)
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 390, url
    small.close()
    assert errors == []


@pytest.mark.browser
def test_a_send_that_fails_keeps_the_drawing_and_send_works_again(chromium, tmp_path, monkeypatch):
    import sqlite3

    from serve_helpers import Server, add_patient, add_visit

    from bodymap.core.i18n import tr

    monkeypatch.setenv("BODYMAP_SQLITE_BUSY_SECONDS", "2")
    database = tmp_path / "clinic.sqlite3"
    srv = Server(f"sqlite:///{database}", tmp_path)
    try:
        add_patient(srv, "P-RETRY")
        made = add_visit(srv, "P-RETRY", lang="nl")
        phone = chromium.new_context(viewport={"width": 390, "height": 844})
        intake = phone.new_page()
        intake.goto(made["intake_url"])
        intake.wait_for_selector("body[data-ready]")
        intake.locator("#figure-front").scroll_into_view_if_needed()
        _stroke(intake, GROIN_TO_THIGH)
        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # the database is busy: the send fails with 503
        try:
            intake.click("#save")
            failed = tr("form.status.send_failed", "nl")
            intake.wait_for_function(
                "text => document.getElementById('status').textContent.includes(text)", arg=failed
            )
            assert intake.get_attribute("body", "data-sent") is None
            assert intake.is_enabled("#save")
        finally:
            other.execute("ROLLBACK")
            other.close()
        intake.click("#save")  # the same drawing, sent again
        intake.wait_for_selector("body[data-sent]")
        status, drawing = srv.json("GET", f"/api/v1/visits/{made['id']}/drawing")
        assert status == 200 and drawing["features"]
        phone.close()
    finally:
        srv.stop()
