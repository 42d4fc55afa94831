"""Roles and the reach of an intake link, against a real server: only an admin manages
users (a clinician gets 403), disabling a user ends their sessions and tokens at once, and an
intake link opens its own visit's marking page and nothing else — not another visit's
drawing, not the patient's history, not the API — and a used or expired link answers 410
in the visit's language.
"""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest
from serve_helpers import EXAMPLE, PASSWORD, Browser, add_patient, add_visit, token_of
from sqlalchemy import update
from typer.testing import CliRunner

from bodymap.cli import app

runner = CliRunner()


def _add_user(srv, name, admin=False):
    body = {"name": name, "password": PASSWORD, "admin": admin}
    status, answer = srv.json("POST", "/api/v1/users", body)
    assert status == 201, answer
    from bodymap.apps.serve.accounts import issue_token

    return issue_token(srv.database, name)


def test_only_an_admin_lists_adds_and_disables_users(sqlite_server):
    srv = sqlite_server
    bob = _add_user(srv, "bob.clinician")
    status, users = srv.json("GET", "/api/v1/users")
    assert status == 200
    assert {u["name"]: (u["admin"], u["disabled"]) for u in users}["bob.clinician"] == (
        False,
        False,
    )
    assert (
        srv.json("POST", "/api/v1/users", {"name": "bob.clinician", "password": PASSWORD})[0] == 409
    )
    status, answer = srv.json("POST", "/api/v1/users", {"name": "eve", "password": "short"})
    assert status == 422 and "too short" in answer["error"]
    assert srv.json("GET", "/api/v1/users", token=bob)[0] == 403
    body = {"name": "mallory", "password": PASSWORD, "admin": True}
    assert srv.json("POST", "/api/v1/users", body, token=bob)[0] == 403
    assert srv.json("POST", "/api/v1/users/alice/disable", token=bob)[0] == 403
    assert srv.json("GET", "/api/v1/patients", token=bob)[0] == 200  # a clinician sees patients
    clinician = Browser(srv)
    clinician.login("bob.clinician")
    status, _, page = clinician.send("GET", "/users")
    assert status == 403 and b"bob.clinician" not in page
    _, _, patients = clinician.send("GET", "/patients")
    assert b'href="/users"' not in patients
    admin = Browser(srv)
    admin.login()
    status, _, page = admin.send("GET", "/users")
    assert status == 200 and b"bob.clinician" in page
    form = {"csrf": admin.csrf(), "name": "dana", "password": PASSWORD, "lang": "nl"}
    assert admin.send("POST", "/users", form)[0] == 303
    assert any(u["name"] == "dana" for u in srv.json("GET", "/api/v1/users")[1])
    assert admin.send("POST", "/users", {**form, "csrf": "wrong"})[0] == 403


def test_disabling_a_user_ends_their_sessions_and_tokens_at_once(sqlite_server):
    srv = sqlite_server
    for name, how in (("frank", "cli"), ("grace", "api")):
        token = _add_user(srv, name)
        session = Browser(srv)
        assert session.login(name)[0] == 303
        assert session.send("GET", "/patients")[0] == 200
        if how == "cli":
            done = runner.invoke(app, ["users", "disable", name, "--database", srv.database])
            assert done.exit_code == 0, done.output
        else:
            status, answer = srv.json("POST", f"/api/v1/users/{name}/disable")
            assert status == 200 and answer["disabled"] is True
        status, headers, _ = session.send("GET", "/patients")
        assert (status, headers["location"]) == (303, "/login")
        assert srv.json("GET", "/api/v1/patients", token=token)[0] == 401
        assert Browser(srv).login(name)[0] == 401


def test_an_intake_link_opens_its_own_visits_marking_page_and_nothing_else(server):
    add_patient(server, "P-SCOPE-7", display_name="Hidden Name")
    first = add_visit(server, "P-SCOPE-7", date="2026-10-01")
    doc = json.loads(EXAMPLE.read_text())
    doc["bodymap"]["note"] = "earlier-visit-secret"
    status, _ = server.json("PUT", f"/api/v1/visits/{first['id']}/drawing", doc)
    assert status == 201
    second = add_visit(server, "P-SCOPE-7", date="2026-12-01")
    token = token_of(second["intake_url"])
    status, _, page = server.request("GET", f"/intake/{token}", token=None)
    assert status == 200
    for secret in ("P-SCOPE-7", "Hidden Name", "earlier-visit-secret", "2026-10-01"):
        assert secret not in page.decode(), secret
    # the token is no key to anything else: not as a bearer token, not in another path
    for path in (
        f"/api/v1/visits/{first['id']}/drawing",
        f"/api/v1/visits/{second['id']}/drawing",
        "/api/v1/patients/P-SCOPE-7",
        "/api/v1/patients/P-SCOPE-7/track",
        "/api/v1/patients",
    ):
        status, answer = server.json("GET", path, token=token)
        assert status == 401 and "error" in answer, path
    for path in (f"/visits/{first['id']}", "/patients"):
        status, headers, _ = server.request("GET", path, token=token)
        assert (status, headers["location"]) == (303, "/login"), path
    for path in (f"/intake/{token}/drawing", f"/intake/{token}/../../api/v1/patients"):
        assert server.request("GET", path, token=None)[0] in (401, 404), path
    # what it sends lands in its own visit only
    assert (
        server.request("POST", f"/intake/{token}", raw=EXAMPLE.read_bytes(), token=None)[0] == 201
    )
    _, shown = server.json("GET", "/api/v1/patients/P-SCOPE-7")
    versions = {v["id"]: [d["source"] for d in v["drawing_versions"]] for v in shown["visits"]}
    assert versions == {first["id"]: ["clinician"], second["id"]: ["intake"]}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_expired_link_answers_410_telling_the_patient_to_ask_the_clinic_in_the_visits_language(
    server, lang
):
    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.models import IntakeToken
    from bodymap.apps.serve.security import hash_token
    from bodymap.core.i18n import tr

    add_patient(server, f"P-EXPIRED-{lang}")
    token = token_of(add_visit(server, f"P-EXPIRED-{lang}", lang=lang)["intake_url"])
    assert server.request("GET", f"/intake/{token}", token=None)[0] == 200
    past = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(minutes=1)
    with sessions(server.database).begin() as db:
        db.execute(
            update(IntakeToken)
            .where(IntakeToken.token_hash == hash_token(token))
            .values(expires_at=past)
        )
    message = tr("serve.intake.gone", lang)
    status, _, page = server.request("GET", f"/intake/{token}", token=None)
    assert status == 410
    assert html.escape(message) in page.decode() and f'lang="{lang}"' in page.decode()
    status, answer = server.json(
        "POST", f"/intake/{token}", json.loads(EXAMPLE.read_text()), token=None
    )
    assert (status, answer["error"]) == (410, message)


def test_behind_a_tls_proxy_the_session_cookie_is_secure(tmp_path):
    from serve_helpers import Server

    srv = Server(f"sqlite:///{tmp_path / 'clinic.sqlite3'}", tmp_path, "--https-only")
    try:
        client = Browser(srv)
        assert client.login()[0] == 303
        flags = [f.strip().lower() for f in client.last_cookie.split(";")]
        assert "secure" in flags and "httponly" in flags and "samesite=lax" in flags
    finally:
        srv.stop()


def test_every_test_the_threat_model_names_exists():
    import re

    from serve_helpers import ROOT

    model = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", model))
    defined = {
        m
        for path in (ROOT / "tests").glob("test_serve_*.py")
        for m in re.findall(r"^def (test_\w+)\(", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(named) >= 30 and named <= defined, sorted(named - defined)
