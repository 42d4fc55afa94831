"""The clinic's records outside the app, against a real server on SQLite and PostgreSQL: the
audit log that ``bodymap audit`` prints (a visit page and a handout each leave a record of
who, when, what, which patient and from where), the database refusing to change or delete an
audit record, and ``bodymap backup`` making a copy while the app serves that, restored,
serves the same patients, visits and drawings.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import threading

import pytest
from serve_helpers import EXAMPLE, Server, add_patient, add_visit, new_database, pg_bindir
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from bodymap.cli import app

runner = CliRunner()


def _now():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def test_a_visit_page_and_a_handout_each_leave_an_audit_record_that_bodymap_audit_prints(
    server,
):
    add_patient(server, "P-AUDIT")
    visit = add_visit(server, "P-AUDIT", lang="en")["id"]
    assert (
        server.request("PUT", f"/api/v1/visits/{visit}/drawing", raw=EXAMPLE.read_bytes())[0] == 201
    )
    before = _now()
    assert server.request("GET", f"/visits/{visit}")[0] == 200
    status, _, pdf = server.request("GET", f"/api/v1/visits/{visit}/handout.pdf?pattern=iliopsoas")
    assert status == 200 and pdf.startswith(b"%PDF")
    after = _now() + dt.timedelta(seconds=1)
    args = ["audit", "--patient", "P-AUDIT", "--database", server.database]
    done = runner.invoke(app, [*args, "--json"])
    assert done.exit_code == 0, done.output
    records = json.loads(done.stdout)
    assert {r["patient"] for r in records} == {"P-AUDIT"}
    seen = {
        r["action"]: r
        for r in records
        if before <= dt.datetime.fromisoformat(r["at"].rstrip("Z")) <= after
    }
    for action in ("read visit", "download handout"):
        record = seen[action]
        assert (record["user"], record["visit"], record["address"]) == ("alice", visit, "127.0.0.1")
    assert seen["download handout"]["detail"] == "iliopsoas left"
    table = runner.invoke(app, args)
    lines = table.stdout.splitlines()
    assert lines[0].split("\t") == ["at", "user", "action", "patient", "visit", "address", "detail"]
    assert len(lines) == len(records) + 1
    assert any(line.split("\t")[1:4] == ["alice", "read visit", "P-AUDIT"] for line in lines)
    other = runner.invoke(
        app, ["audit", "--patient", "P-NOBODY", "--json", "--database", server.database]
    )
    assert json.loads(other.stdout) == []


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET user_name = 'mallory'", "DELETE FROM audit_log"]
)
def test_the_database_refuses_to_change_or_delete_an_audit_record(server, statement):
    from bodymap.apps.serve.db import connect

    server.json("GET", "/api/v1/patients")  # at least one record
    engine = connect(server.database)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    with engine.connect() as conn:
        names = set(conn.execute(text("SELECT user_name FROM audit_log")).scalars())
    assert "mallory" not in names and names


def _everything(srv):
    """Every patient with every visit and every version of every drawing, through the API."""
    found = {}
    for patient in srv.json("GET", "/api/v1/patients")[1]:
        shown = srv.json("GET", f"/api/v1/patients/{patient['id']}")[1]
        for visit in shown["visits"]:
            visit["drawings"] = [
                srv.json("GET", f"/api/v1/visits/{visit['id']}/drawing?version={v['version']}")[1]
                for v in visit["drawing_versions"]
            ]
        found[patient["id"]] = shown
    return found


def _restore(backend, request, dump, folder):
    """A database restored from ``dump``: its URL."""
    if backend == "sqlite":
        return f"sqlite:///{dump}"
    url = new_database("postgresql", request, folder)
    subprocess.run(
        [str(pg_bindir() / "pg_restore"), "--no-owner", "--dbname", url, str(dump)],
        check=True,
        capture_output=True,
    )
    return url


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_backup_made_while_the_app_serves_restores_the_same_patients_visits_and_drawings(
    backend, request, tmp_path
):
    srv = Server(new_database(backend, request, tmp_path), tmp_path)
    try:
        for n in range(3):
            add_patient(srv, f"P-B{n}", sex="female", birth_year=1970 + n)
            for day in (1, 2):
                visit = add_visit(srv, f"P-B{n}", date=f"2026-11-0{day}")["id"]
                for _ in range(day):
                    srv.request("PUT", f"/api/v1/visits/{visit}/drawing", raw=EXAMPLE.read_bytes())
        expected = _everything(srv)
        busy = threading.Event()

        def keep_reading():
            while not busy.is_set():
                srv.json("GET", "/api/v1/patients/P-B1")  # each read writes an audit record

        reader = threading.Thread(target=keep_reading)
        reader.start()
        try:
            dump = tmp_path / "backup.db"
            done = runner.invoke(app, ["backup", str(dump), "--database", srv.database])
        finally:
            busy.set()
            reader.join()
        assert done.exit_code == 0, done.output
        assert done.stderr.strip() == f"wrote {dump}"
        again = runner.invoke(app, ["backup", str(dump), "--database", srv.database])
        assert again.exit_code != 0 and "exists already" in again.stderr
    finally:
        srv.stop()
    restored = Server(_restore(backend, request, dump, tmp_path), tmp_path)
    try:
        assert _everything(restored) == expected
    finally:
        restored.stop()
