"""The clinic app's JSON API against a real server (uvicorn on loopback) on SQLite and
PostgreSQL: the routes, status codes and keys the API pins, the one-time intake links, the
drawing versions, the ranking that is exactly ``bodymap rank --json``, the PDFs and the FHIR
Bundle, the audit records, the body limit and the security headers.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from serve_helpers import EXAMPLE
from serve_helpers import add_patient as _patient
from serve_helpers import add_visit as _visit
from serve_helpers import token_of as _token
from sqlalchemy import select
from typer.testing import CliRunner

from bodymap.cli import app

runner = CliRunner()


def test_a_patient_is_added_with_201_and_an_existing_id_gets_409(server):
    body = _patient(server, "P-017", sex="female", birth_year=1980)
    assert (body["id"], body["sex"], body["birth_year"]) == ("P-017", "female", 1980)
    status, again = server.json("POST", "/api/v1/patients", {"id": "P-017"})
    assert status == 409 and "exists" in again["error"]
    status, listed = server.json("GET", "/api/v1/patients")
    assert status == 200 and "P-017" in [p["id"] for p in listed]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"id": "P-1", "sex": "other"}, "sex"), ({"id": "P-1", "birth_year": 1500}, "birth_year")],
)
def test_a_bad_patient_field_is_refused_with_422_naming_it(server, body, field):
    status, answer = server.json("POST", "/api/v1/patients", body)
    assert status == 422 and answer["error"].startswith(field)


def test_a_visit_answers_201_with_its_one_time_intake_link(server):
    _patient(server, "P-020")
    visit = _visit(server, "P-020")
    assert visit["date"] == "2026-12-01" and visit["lang"] == "nl"
    assert re.fullmatch(re.escape(server.base) + r"/intake/[A-Za-z0-9_-]{43}", visit["intake_url"])
    status, patient = server.json("GET", "/api/v1/patients/P-020")
    assert status == 200
    assert [(v["id"], v["date"], v["drawing_versions"]) for v in patient["visits"]] == [
        (visit["id"], "2026-12-01", [])
    ]


def test_the_intake_link_takes_one_good_drawing_then_answers_410(server):
    _patient(server, "P-021")
    path = "/intake/" + _token(_visit(server, "P-021")["intake_url"])
    status, _, page = server.request("GET", path, token=None)
    assert status == 200 and b'src="/static/form/form.js"' in page and b'lang="nl"' in page
    bad = {"type": "FeatureCollection", "features": []}
    status, answer = server.json("POST", path, bad, token=None)
    assert (status, answer["error"]) == (422, "<drawing>: missing the 'bodymap' metadata block")
    status, _, _ = server.request("POST", path, raw=EXAMPLE.read_bytes(), token=None)
    assert status == 201
    status, _, _ = server.request("POST", path, raw=EXAMPLE.read_bytes(), token=None)
    assert status == 410
    status, _, page = server.request("GET", path, token=None)
    assert status == 410 and "praktijk" in page.decode()
    status, _, _ = server.request("GET", "/intake/" + "x" * 43, token=None)
    assert status == 404
    _, patient = server.json("GET", "/api/v1/patients/P-021")
    assert [v["source"] for v in patient["visits"][0]["drawing_versions"]] == ["intake"]


def test_the_intake_token_is_stored_only_as_its_hash(server):
    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.models import IntakeToken
    from bodymap.apps.serve.security import hash_token

    _patient(server, "P-022")
    token = _token(_visit(server, "P-022")["intake_url"])
    with sessions(server.database)() as db:
        stored = db.scalars(select(IntakeToken.token_hash)).all()
    assert hash_token(token) in stored and token not in stored


def test_a_changed_drawing_is_a_new_version_and_every_version_is_kept(server):
    _patient(server, "P-023")
    visit = _visit(server, "P-023")["id"]
    doc = json.loads(EXAMPLE.read_text())
    first = server.json("PUT", f"/api/v1/visits/{visit}/drawing", doc)
    doc["features"] = doc["features"][:1]
    second = server.json("PUT", f"/api/v1/visits/{visit}/drawing", doc)
    assert first == (201, {"visit": visit, "version": 1})
    assert second == (201, {"visit": visit, "version": 2})
    _, latest = server.json("GET", f"/api/v1/visits/{visit}/drawing")
    _, one = server.json("GET", f"/api/v1/visits/{visit}/drawing?version=1")
    assert len(latest["features"]) == 1 and len(one["features"]) == len(
        json.loads(EXAMPLE.read_text())["features"]
    )
    status, _ = server.json("GET", f"/api/v1/visits/{visit}/drawing?version=3")
    assert status == 404
    status, answer = server.json("PUT", f"/api/v1/visits/{visit}/drawing", {"type": "Point"})
    assert status == 422 and "not a GeoJSON FeatureCollection" in answer["error"]


def test_rank_answers_exactly_what_bodymap_rank_json_prints(server, tmp_path):
    _patient(server, "P-024")
    visit = _visit(server, "P-024")["id"]
    server.json("PUT", f"/api/v1/visits/{visit}/drawing", json.loads(EXAMPLE.read_text()))
    status, _, drawing = server.request("GET", f"/api/v1/visits/{visit}/drawing")
    saved = tmp_path / f"visit-{visit}-v1.json"
    saved.write_bytes(drawing)
    for query, args in [
        ("top=5", ["--top", "5"]),
        (
            "top=3&kind=muscle,nerve&by=fit&lang=nl",
            ["--top", "3", "--kind", "muscle,nerve", "--by", "fit", "--lang", "nl"],
        ),
    ]:
        status, _, body = server.request("GET", f"/api/v1/visits/{visit}/rank?{query}")
        cli = runner.invoke(app, ["rank", str(saved), "--json", *args])
        assert status == 200 and cli.exit_code == 0
        assert body.decode().rstrip("\n") == cli.stdout.rstrip("\n")
    ranked = json.loads(body)
    assert ranked["results"][0]["kind"] == "muscle"
    status, answer = server.json("GET", f"/api/v1/visits/{visit}/rank?top=0")
    assert status == 422 and answer["error"].startswith("top")


def test_track_gives_each_visit_its_extent_and_jaccard_with_the_previous(server):
    import bodymap

    _patient(server, "P-025")
    doc = json.loads(EXAMPLE.read_text())
    for date in ("2026-11-01", "2026-12-01"):
        visit = _visit(server, "P-025", date=date)["id"]
        server.json("PUT", f"/api/v1/visits/{visit}/drawing", doc)
    _visit(server, "P-025", date="2026-12-05")
    status, rows = server.json("GET", "/api/v1/patients/P-025/track")
    area = round(bodymap.load_drawing(EXAMPLE).area(), 2)
    assert status == 200
    assert [(r["date"], r["extent_cm2"], r["jaccard_previous"]) for r in rows] == [
        ("2026-11-01", area, None),
        ("2026-12-01", area, 1.0),
        ("2026-12-05", None, None),
    ]


def test_the_pdfs_and_the_fhir_bundle_come_from_the_library(server):
    from pypdf import PdfReader

    from bodymap.apps.fhir import fhir_bundle

    _patient(server, "P-026")
    visit = _visit(server, "P-026", lang="en")["id"]
    server.json("PUT", f"/api/v1/visits/{visit}/drawing", json.loads(EXAMPLE.read_text()))
    status, headers, pdf = server.request(
        "GET", f"/api/v1/visits/{visit}/handout.pdf?pattern=iliopsoas&side=left"
    )
    assert status == 200 and headers["content-type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    for name in ("report.pdf", "paper.pdf"):
        status, _, pdf = server.request("GET", f"/api/v1/visits/{visit}/{name}")
        assert status == 200 and pdf.startswith(b"%PDF")
    status, bundle = server.json("GET", f"/api/v1/visits/{visit}/fhir")
    _, drawing = server.json("GET", f"/api/v1/visits/{visit}/drawing")
    assert status == 200 and bundle["resourceType"] == "Bundle"
    assert bundle == json.loads(json.dumps(fhir_bundle(drawing, lang="en")))
    status, answer = server.json("GET", f"/api/v1/visits/{visit}/handout.pdf?pattern=nonesuch")
    assert status == 404 and "nonesuch" in answer["error"]


def test_reading_and_writing_a_patient_leave_audit_records(server):
    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.models import AuditEntry

    _patient(server, "P-027")
    made = _visit(server, "P-027", lang="en")
    visit = made["id"]
    server.json("GET", "/api/v1/patients/P-027")
    server.request("GET", f"/api/v1/visits/{visit}/handout.pdf?pattern=iliopsoas")
    server.request("GET", f"/visits/{visit}")
    path = "/intake/" + _token(made["intake_url"])
    server.request("GET", path, token=None)
    server.request("POST", path, raw=EXAMPLE.read_bytes(), token=None)
    with sessions(server.database)() as db:
        rows = db.scalars(select(AuditEntry).where(AuditEntry.patient_code == "P-027")).all()
    assert [(r.user_name, r.action) for r in rows] == [
        ("alice", "add patient"),
        ("alice", "add visit"),
        ("alice", "read patient"),
        ("alice", "download handout"),
        ("alice", "read visit"),
        ("patient (intake link)", "open intake page"),
        ("patient (intake link)", "intake drawing"),
    ]
    assert {r.address for r in rows} == {"127.0.0.1"}
    assert [r.visit_id for r in rows] == [None, visit, None, visit, visit, visit, visit]


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_sent(server):
    import socket

    _patient(server, "P-028")
    path = "/intake/" + _token(_visit(server, "P-028")["intake_url"])
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
        # only the head: the answer comes from the declared length, no byte of the body read
        conn.sendall(
            f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {2 * 1024 * 1024 + 1}\r\n\r\n".encode()
        )
        chunks = []
        while chunk := conn.recv(65536):  # the server closes the connection after answering
            chunks.append(chunk)
        answer = b"".join(chunks).decode()
    assert answer.startswith("HTTP/1.1 413") and "larger than" in answer
    status, _, _ = server.request("POST", path, raw=EXAMPLE.read_bytes(), token=None)
    assert status == 201


@pytest.mark.parametrize("path", ["/api/v1/patients", "/login", "/static/app.css", "/nowhere"])
def test_every_answer_carries_the_security_headers(server, path):
    _, headers, _ = server.request("GET", path)
    headers = {k.lower(): v for k, v in headers.items()}
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    if not path.startswith("/static/"):
        assert headers["cache-control"] == "no-store"


def test_the_openapi_schema_lists_the_pinned_routes(server):
    status, schema = server.json("GET", "/api/v1/openapi.json", token=None)
    assert status == 200
    for path in (
        "/api/v1/patients",
        "/api/v1/patients/{code}",
        "/api/v1/patients/{code}/visits",
        "/api/v1/patients/{code}/track",
        "/api/v1/visits/{visit_id}/drawing",
        "/api/v1/visits/{visit_id}/rank",
        "/api/v1/visits/{visit_id}/handout.pdf",
        "/api/v1/visits/{visit_id}/report.pdf",
        "/api/v1/visits/{visit_id}/paper.pdf",
        "/api/v1/visits/{visit_id}/fhir",
        "/intake/{token}",
    ):
        assert path in schema["paths"], path


def test_the_export_is_a_cohort_file_with_codes_or_pseudonyms(server, tmp_path):
    _patient(server, "P-030")
    doc = json.loads(EXAMPLE.read_text())
    for date in ("2026-11-02", "2026-12-02"):
        visit = _visit(server, "P-030", date=date)["id"]
        server.json("PUT", f"/api/v1/visits/{visit}/drawing", doc)
    status, headers, plain = server.request("GET", "/api/v1/export.jsonl")
    lines = [json.loads(line) for line in plain.decode().splitlines()]
    mine = [d["bodymap"] for d in lines if d["bodymap"]["subject"] == "P-030"]
    assert status == 200 and headers["content-type"] == "application/x-ndjson"
    assert [m["recorded"] for m in mine] == ["2026-11-02", "2026-12-02"]
    _, _, hidden = server.request("GET", "/api/v1/export.jsonl?pseudonymise=true")
    subjects = [json.loads(line)["bodymap"]["subject"] for line in hidden.decode().splitlines()]
    assert b"P-030" not in hidden and len(subjects) == len(lines)
    assert all(re.fullmatch(r"S-[0-9a-f]{16}", s) for s in subjects)
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_bytes(plain)
    done = runner.invoke(app, ["cohort", str(cohort), "-o", str(tmp_path / "table.csv")])
    assert done.exit_code == 0, done.output


def test_the_visit_page_shows_red_flags_only_when_an_organ_pattern_fits(server):
    from redflag_helpers import essential, half_essential, zone_drawing

    import bodymap

    _patient(server, "P-031", sex="male")
    groin = _visit(server, "P-031", lang="en")["id"]
    server.json("PUT", f"/api/v1/visits/{groin}/drawing", json.loads(EXAMPLE.read_text()))
    status, _, page = server.request("GET", f"/visits/{groin}")
    assert status == 200
    assert b'class="no-red-flags"' in page and b'class="red-flag"' not in page

    kidney = _visit(server, "P-031", date="2026-12-02", lang="en")["id"]
    drawing = zone_drawing(essential(bodymap.load_pattern("organ-kidney")))
    server.json("PUT", f"/api/v1/visits/{kidney}/drawing", drawing)
    status, _, page = server.request("GET", f"/visits/{kidney}")
    assert status == 200 and b'id="red-flags"' in page and b'class="no-red-flags"' not in page
    assert b'class="red-flag" data-pattern="organ-kidney"' in page

    # Half the uterus raises its flag for a female patient, never for this male patient.
    uterus = zone_drawing(half_essential(bodymap.load_pattern("organ-uterus")))
    womb = _visit(server, "P-031", date="2026-12-03", lang="en")["id"]
    server.json("PUT", f"/api/v1/visits/{womb}/drawing", uterus)
    _, _, page = server.request("GET", f"/visits/{womb}")
    assert b'data-pattern="organ-uterus"' in page
    assert b'class="red-flag" data-pattern="organ-uterus"' not in page
    _patient(server, "P-032", sex="female")
    hers = _visit(server, "P-032", lang="en")["id"]
    server.json("PUT", f"/api/v1/visits/{hers}/drawing", uterus)
    _, _, page = server.request("GET", f"/visits/{hers}")
    assert b'class="red-flag" data-pattern="organ-uterus"' in page
