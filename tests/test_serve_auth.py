"""Who may do what in the clinic app, against a real server: every route the app registers
needs a clinician unless it is one of the few public ones, sessions and their cookies, the
CSRF token, failed logins and their rate limit, and disabling a user.
"""

from __future__ import annotations

import json
import re

import pytest
from serve_helpers import PASSWORD, Browser, Server
from typer.testing import CliRunner

from bodymap.cli import app

runner = CliRunner()


def _routes():
    """Every (method, path template) the app registers."""
    from bodymap.apps.serve.app import create_app, registered_routes

    return registered_routes(create_app("sqlite://", warm_up=False).app)


def _filled(path):
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: "1" if m.group(1).endswith("id") else "x", path)


def test_every_route_without_a_session_or_token_answers_401_or_goes_to_the_login(
    sqlite_server,
):
    from bodymap.apps.serve.app import PUBLIC_ROUTES

    routes = _routes()
    assert len(routes) > 25
    checked = 0
    for method, path in routes:
        if path in PUBLIC_ROUTES:
            continue
        status, headers, body = sqlite_server.request(method, _filled(path), token=None, raw=b"")
        if path.startswith("/api/"):
            assert status == 401, (method, path, status)
            assert b'"error"' in body
        else:
            assert (status, headers.get("location")) == (303, "/login"), (method, path)
        checked += 1
    assert checked >= 25


def test_a_wrong_bearer_token_is_refused_like_none(sqlite_server):
    status, body = sqlite_server.json("GET", "/api/v1/patients", token="not-a-token")
    assert status == 401 and "error" in body


def test_login_sets_an_httponly_samesite_cookie_new_at_each_login_and_logout_ends_it(
    sqlite_server,
):
    client = Browser(sqlite_server)
    status, headers, _ = client.login()
    assert (status, headers["location"]) == (303, "/patients")
    cookie = client.last_cookie.lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    first = dict(client.cookies)
    assert client.send("GET", "/patients")[0] == 200
    client.login()
    assert client.cookies != first
    stale = Browser(sqlite_server)
    stale.cookies = first
    assert stale.send("GET", "/patients")[0] == 303  # the old session ended at the new login
    token = client.csrf()
    before = dict(client.cookies)
    assert client.send("POST", "/logout", {"csrf": token})[0] == 303
    ended = Browser(sqlite_server)
    ended.cookies = before  # the cookie kept after logout opens nothing
    assert ended.send("GET", "/patients")[0] == 303


def test_a_state_change_with_a_session_needs_the_csrf_token(sqlite_server):
    client = Browser(sqlite_server)
    client.login()
    token = client.csrf()
    status, _, _ = client.send("POST", "/patients", {"code": "CSRF-1"})
    assert status == 403
    status, _, _ = client.send("POST", "/patients", {"code": "CSRF-1", "csrf": "wrong"})
    assert status == 403
    status, headers, _ = client.send("POST", "/patients", {"code": "CSRF-1", "csrf": token})
    assert status == 303 and headers["location"].startswith("/patients/")
    session = f"bodymap_session={client.cookies['bodymap_session']}"

    def api(**extra):
        headers = {"Cookie": session, "Content-Type": "application/json", **extra}
        return sqlite_server.request(
            "POST", "/api/v1/patients", raw=b'{"id": "CSRF-2"}', token=None, headers=headers
        )[0]

    assert api() == 403
    assert api(**{"X-CSRF-Token": token}) == 201


@pytest.fixture
def own_server(tmp_path):
    """A server of its own (failed logins from this address would block the shared one)."""
    srv = Server(f"sqlite:///{tmp_path / 'clinic.sqlite3'}", tmp_path)
    yield srv
    srv.stop()


def test_a_failed_login_does_not_say_whether_the_user_exists_and_ten_failures_get_429(
    own_server,
):
    client = Browser(own_server)
    unknown = client.login("nobody-here", "whatever-password")
    wrong = client.login("alice", "wrong-password")
    assert unknown[0] == wrong[0] == 401
    message = re.compile(rb'<p class="error" role="alert">(.*?)</p>')
    assert message.search(unknown[2]).group(1) == message.search(wrong[2]).group(1)
    for _ in range(9):
        client.login("carol", "wrong-password")
    status, _, _ = client.login("carol", "wrong-password")
    assert status == 429


def test_disabling_a_user_ends_their_token_at_once(sqlite_server):
    from bodymap.apps.serve.accounts import add_user, issue_token

    add_user(sqlite_server.database, "bob", PASSWORD)
    token = issue_token(sqlite_server.database, "bob")
    assert sqlite_server.json("GET", "/api/v1/patients", token=token)[0] == 200
    done = runner.invoke(app, ["users", "disable", "bob", "--database", sqlite_server.database])
    assert done.exit_code == 0, done.output
    assert sqlite_server.json("GET", "/api/v1/patients", token=token)[0] == 401
    client = Browser(sqlite_server)
    assert client.login("bob", PASSWORD)[0] == 401


@pytest.mark.parametrize("path", ["/patients", "/atlas", "/patients/1"])
def test_a_page_without_a_session_goes_to_the_login(sqlite_server, path):
    status, headers, _ = sqlite_server.request("GET", path, token=None)
    assert (status, headers["location"]) == (303, "/login")


def test_the_clinicians_drawing_tools_send_a_new_version_with_the_csrf_token(sqlite_server):
    from serve_helpers import EXAMPLE

    sqlite_server.json("POST", "/api/v1/patients", {"id": "DRAW-1"})
    _, visit = sqlite_server.json("POST", "/api/v1/patients/DRAW-1/visits", {"date": "2026-12-02"})
    client = Browser(sqlite_server)
    client.login()
    token = client.csrf()
    status, _, page = client.send("GET", f"/visits/{visit['id']}/draw")
    assert status == 200 and b'src="/static/form/form.js"' in page
    assert f'"submitHeaders":{{"X-CSRF-Token":"{token}"}}'.encode() in page
    cookie = {"Cookie": f"bodymap_session={client.cookies['bodymap_session']}"}
    path = f"/visits/{visit['id']}/drawing"
    sent = sqlite_server.request("POST", path, raw=EXAMPLE.read_bytes(), token=None, headers=cookie)
    assert sent[0] == 403
    headers = {**cookie, "X-CSRF-Token": token}
    sent = sqlite_server.request(
        "POST", path, raw=EXAMPLE.read_bytes(), token=None, headers=headers
    )
    assert sent[0] == 201 and json.loads(sent[2])["version"] == 1


def test_region_codes_become_the_visits_next_drawing_and_unknown_codes_are_named(sqlite_server):
    import bodymap

    sqlite_server.json("POST", "/api/v1/patients", {"id": "CODES-1", "sex": "female"})
    _, visit = sqlite_server.json("POST", "/api/v1/patients/CODES-1/visits", {"date": "2026-12-03"})
    client = Browser(sqlite_server)
    client.login()
    form = {"csrf": client.csrf(), "scheme": "choir", "codes": "112, 113"}
    status, headers, _ = client.send("POST", f"/visits/{visit['id']}/codes", form)
    assert (status, headers["location"]) == (303, f"/visits/{visit['id']}")
    _, drawing = sqlite_server.json("GET", f"/api/v1/visits/{visit['id']}/drawing")
    expected = bodymap.from_codes("112, 113", "choir", sex="female")
    assert abs(bodymap.load_drawing(drawing).area() - expected.area()) < 1e-6
    status, _, page = client.send(
        "POST", f"/visits/{visit['id']}/codes", {**form, "codes": "112, 999"}
    )
    assert status == 422 and b"999" in page


def _multipart(fields, name, filename, data):
    boundary = "bodymap-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
        f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_photo_of_the_paper_chart_becomes_the_visits_next_drawing(sqlite_server):
    import cv2
    from paper_helpers import jaccard, page_image

    import bodymap

    drawing = bodymap.from_codes("112, 113", "choir", sex="female")
    ok, png = cv2.imencode(".png", page_image(drawing, dpi=150))
    assert ok
    sqlite_server.json("POST", "/api/v1/patients", {"id": "SCAN-1"})
    _, visit = sqlite_server.json("POST", "/api/v1/patients/SCAN-1/visits", {"date": "2026-12-04"})
    client = Browser(sqlite_server)
    client.login()
    cookie = f"bodymap_session={client.cookies['bodymap_session']}"

    def upload(filename, data):
        body, kind = _multipart({"csrf": client.csrf()}, "photo", filename, data)
        headers = {"Cookie": cookie, "Content-Type": kind}
        path = f"/visits/{visit['id']}/scan"
        return sqlite_server.request("POST", path, raw=body, token=None, headers=headers)

    status, headers, _ = upload("chart.png", png.tobytes())
    assert (status, headers.get("location")) == (303, f"/visits/{visit['id']}")
    _, stored = sqlite_server.json("GET", f"/api/v1/visits/{visit['id']}/drawing")
    assert jaccard(bodymap.load_drawing(stored), drawing) > 0.8
    status, _, page = upload("notes.txt", b"hello")
    assert status == 422 and b"notes.txt" in page
