"""The intake page is ``bodymap form``'s page in its sending mode: one drawing component.

With ``submit_url`` and ``asset_url`` the form links its script and style sheet (served by the
app as static files, so the app's Content-Security-Policy needs no ``unsafe-inline``) and its
Save button sends the drawing to the link; without them it is the self-contained file of
``bodymap form``, unchanged.
"""

from __future__ import annotations

import re

from bodymap.apps.form import form_assets, make_form


def test_the_sending_form_links_the_same_script_the_file_form_inlines():
    script = form_assets()["form.js"]
    standalone = make_form(lang="en")
    sending = make_form(lang="nl", submit_url="/intake/abc", asset_url="/static/form/")
    assert f"<script>{script}</script>" in standalone
    assert '<script src="/static/form/form.js"></script>' in sending
    assert '<link rel="stylesheet" href="/static/form/form.css">' in sending
    assert re.search(r"<script>(?!</script>)", sending) is None  # no inline script at all
    assert "<style>" not in sending


def test_the_sending_form_says_send_and_may_connect_only_to_its_own_site():
    sending = make_form(lang="nl", submit_url="/intake/abc", asset_url="/static/form/")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', sending).group(1)
    assert "connect-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "Verstuur naar de praktijk" in sending
    assert '"submitUrl":"/intake/abc"' in sending
    standalone = make_form(lang="nl")
    assert "connect-src" not in standalone and '"submitUrl":null' in standalone
    assert "Verstuur naar de praktijk" not in standalone


def test_the_app_serves_the_forms_script_and_style_unchanged(sqlite_server):
    for name, text in form_assets().items():
        status, _, body = sqlite_server.request("GET", f"/static/form/{name}", token=None)
        assert status == 200 and body.decode() == text
    status, _, _ = sqlite_server.request("GET", "/static/form/../app.py", token=None)
    assert status == 404


def test_a_hostile_patient_id_shows_as_text_on_the_pages(sqlite_server):
    code = "<script>alert(1)</script>"
    status, _ = sqlite_server.json("POST", "/api/v1/patients", {"id": code})
    assert status == 201
    status, _, page = sqlite_server.request("GET", "/patients")
    assert status == 200
    assert code.encode() not in page and b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
