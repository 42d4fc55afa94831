"""The database gone away, against a real server: while PostgreSQL is stopped, or a SQLite
file is locked by another connection's exclusive transaction, requests answer 503 with a
clear message (a page for the browser, JSON for the API and the intake form) and the server
stays up; once the database is back, the same server answers again without a restart.
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

from serve_helpers import EXAMPLE, Server, add_patient, add_visit, token_of

UNAVAILABLE = "The database is not available at the moment."


def _check_unavailable(srv, intake_path):
    # at once: on SQLite each waits out the busy timeout
    with ThreadPoolExecutor(3) as pool:
        page = pool.submit(srv.request, "GET", "/patients")
        api = pool.submit(srv.json, "GET", "/api/v1/patients")
        sent = pool.submit(srv.json, "POST", intake_path, raw=EXAMPLE.read_bytes(), token=None)
    status, headers, body = page.result()
    assert status == 503 and UNAVAILABLE in body.decode()
    assert headers["content-type"].startswith("text/html") and headers["retry-after"] == "30"
    for status, answer in (api.result(), sent.result()):
        assert status == 503 and answer["error"].startswith(UNAVAILABLE)
    assert srv.proc.poll() is None  # the server stays up


def _check_back(srv, intake_path, visit):
    assert srv.request("GET", "/patients")[0] == 200
    assert srv.request("POST", intake_path, raw=EXAMPLE.read_bytes(), token=None)[0] == 201
    _, shown = srv.json("GET", f"/api/v1/visits/{visit}")
    assert [v["source"] for v in shown["drawing_versions"]] == ["intake"]


def test_while_postgresql_is_stopped_requests_answer_503_and_work_again_when_it_is_back(
    postgres, tmp_path
):
    srv = Server(postgres.new_database(), tmp_path)
    try:
        add_patient(srv, "P-DOWN")
        made = add_visit(srv, "P-DOWN")
        path = "/intake/" + token_of(made["intake_url"])
        postgres.halt()
        try:
            _check_unavailable(srv, path)
        finally:
            postgres.start()
        _check_back(srv, path, made["id"])
    finally:
        srv.stop()


def test_while_the_sqlite_file_is_locked_requests_answer_503_and_work_again_when_it_is_free(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("BODYMAP_SQLITE_BUSY_SECONDS", "3")  # the server waits 3 s, not 60
    database = tmp_path / "clinic.sqlite3"
    srv = Server(f"sqlite:///{database}", tmp_path)
    try:
        add_patient(srv, "P-LOCKED")
        made = add_visit(srv, "P-LOCKED")
        path = "/intake/" + token_of(made["intake_url"])
        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            _check_unavailable(srv, path)
        finally:
            other.execute("ROLLBACK")
            other.close()
        _check_back(srv, path, made["id"])
    finally:
        srv.stop()
