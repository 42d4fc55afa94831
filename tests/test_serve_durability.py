"""Nothing lost, against a real server: intake submissions from many concurrent clients,
the server killed with SIGKILL half way and started again on the same database.  Every
submission answered 201 is stored whole (the very drawing sent, as the reader checked it);
none answered with an error is stored; one whose answer the kill cut off is either stored
whole or not at all, and sending it again then answers 410 or 201 accordingly.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from serve_helpers import EXAMPLE, Server, intake_links, new_database
from sqlalchemy import select, text

SUBMISSIONS = 200
CLIENTS = 40


def drawing_body(number):
    """The example drawing with a note that names submission ``number``."""
    doc = json.loads(EXAMPLE.read_text())
    doc["bodymap"]["notes"] = f"submission {number}"
    return json.dumps(doc).encode()


def expected_document(body):
    from bodymap.apps.serve.analysis import canonical, read_drawing

    return canonical(read_drawing(body))


def stored_documents(url, visit_ids):
    """The stored drawing versions of the visits: {visit id: [(source, document), ...]}."""
    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.models import DrawingVersion

    found = {v: [] for v in visit_ids}
    with sessions(url)() as db:
        rows = db.scalars(
            select(DrawingVersion)
            .where(DrawingVersion.visit_id.in_(visit_ids))
            .order_by(DrawingVersion.visit_id, DrawingVersion.version)
        ).all()
        for row in rows:
            found[row.visit_id].append((row.source, row.document))
    return found


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_server_killed_half_way_loses_no_submission_it_answered_201(backend, request, tmp_path):
    srv = Server(new_database(backend, request, tmp_path), tmp_path)
    links = intake_links(srv.database, SUBMISSIONS, f"P-CRASH-{backend}")
    bodies = [drawing_body(n) for n in range(SUBMISSIONS)]
    answers: dict[int, int | None] = {}
    lock = threading.Lock()
    half = threading.Event()
    local = threading.local()

    def submit(n):
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=srv.base, timeout=60)
        path = links[n][1]
        try:
            status = local.client.post(
                path, content=bodies[n], headers={"content-type": "application/json"}
            ).status_code
        except httpx.TransportError:
            status = None
        with lock:
            answers[n] = status
            if sum(1 for s in answers.values() if s is not None) >= SUBMISSIONS // 2:
                half.set()

    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(submit, n) for n in range(SUBMISSIONS)]
        half.wait(300)
        srv.kill()
        for future in futures:
            future.result()
    srv.start()
    try:
        ok = [n for n, s in answers.items() if s == 201]
        refused = [n for n, s in answers.items() if s is not None and s != 201]
        cut = [n for n, s in answers.items() if s is None]
        assert len(ok) >= SUBMISSIONS // 2 and cut, (len(ok), len(cut))
        assert refused == [], {answers[n] for n in refused}
        stored = stored_documents(srv.database, [v for v, _ in links])
        for n in ok:
            assert stored[links[n][0]] == [("intake", expected_document(bodies[n]))], n
        landed = sum(1 for n in cut if stored[links[n][0]])
        with httpx.Client(base_url=srv.base, timeout=60) as client:
            for n in cut:
                visit, path = links[n]
                before = stored[visit]
                assert before in ([], [("intake", expected_document(bodies[n]))]), n
                again = client.post(
                    path, content=bodies[n], headers={"content-type": "application/json"}
                ).status_code
                assert again == (410 if before else 201), n
        stored = stored_documents(srv.database, [v for v, _ in links])
        assert all(
            stored[v] == [("intake", expected_document(bodies[n]))]
            for n, (v, _) in enumerate(links)
        )
        if backend == "sqlite":
            from bodymap.apps.serve.db import connect

            with connect(srv.database).connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        print(f"{backend}: {len(ok)} answered 201, {len(cut)} cut off ({landed} of them stored)")
    finally:
        srv.stop()
