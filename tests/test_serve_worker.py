"""How the clinic app keeps pages quick while it computes and writes: the ranking worker
process (its rankings are the library's, byte for byte, and it never outlives the server),
the first-come-first-served turns of SQLite writers in one process and the lock file between
processes, the writes of many requests committed together (a failing one undone alone), and
the audit records of reads (none lost when many pages are read at once).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from serve_helpers import EXAMPLE, Server, intake_links

from bodymap.analysis.ranking import rank
from bodymap.apps.serve import analysis
from bodymap.apps.serve.db import _Turns
from bodymap.apps.serve.models import DrawingVersion
from bodymap.model.reader import load_drawing


def _stored(visit: int, version: int = 1) -> DrawingVersion:
    drawing = load_drawing(EXAMPLE)
    return DrawingVersion(
        id=visit, visit_id=visit, version=version, document=analysis.canonical(drawing)
    )


def _tries(seconds: float, step: float):
    """Poll every ``step`` seconds, about ``seconds`` in all (counted, not clocked)."""
    for _ in range(int(seconds / step)):
        yield
        time.sleep(step)


def _settled(row: DrawingVersion, seconds: float = 120) -> None:
    for _ in _tries(seconds, 0.05):
        if analysis._key(row) not in analysis._PENDING:
            return
    raise AssertionError("the ranking worker did not answer")


def test_the_ranking_worker_ranks_exactly_as_the_library_for_the_api_and_the_visit_page():
    row = _stored(990_001)
    analysis.warm(row, "female")
    _settled(row)
    drawing = analysis.read_drawing(row.document, analysis.file_name(row))
    # made by the worker, not here: the packed rankings and the JSON arrived from it
    assert analysis._PACKED.peek((analysis._key(row), "dice", None, None)) is not None
    assert analysis._PACKED.peek((analysis._key(row), "dice", None, "female")) is not None
    assert analysis.rank_json(row) == rank(drawing).to_json()
    page = analysis.ranking(row, sex="female")
    assert page.to_json() == rank(drawing, sex="female").to_json()
    assert page.sex == "female"


def test_a_visit_page_of_a_drawing_the_worker_has_not_ranked_is_ranked_in_the_server():
    row = _stored(990_002)
    assert analysis._key(row) not in analysis._PENDING
    drawing = analysis.read_drawing(row.document, analysis.file_name(row))
    assert analysis.ranking(row, sex="male").to_json() == rank(drawing, sex="male").to_json()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_the_ranking_worker_ends_when_the_server_is_killed_alone(tmp_path):
    srv = Server(f"sqlite:///{tmp_path / 'clinic.sqlite3'}", tmp_path)
    try:
        children: list[int] = []
        for _ in _tries(60, 0.2):
            if children := _children(srv.proc.pid):
                break
        assert children, "the server started no ranking worker"
        os.kill(srv.proc.pid, signal.SIGKILL)  # the server only, not its process group
        srv.proc.wait()
        for _ in _tries(20, 0.2):
            if not [c for c in children if _alive(c)]:
                break
        assert not [c for c in children if _alive(c)], "a worker process outlived the server"
    finally:
        srv.kill()


def test_write_turns_are_given_in_the_order_they_were_asked_for():
    turns = _Turns()
    assert turns.acquire(timeout=1)
    order: list[int] = []
    threads = []
    for n in range(8):
        thread = threading.Thread(target=lambda n=n: (turns.acquire(30), order.append(n)))
        thread.start()
        threads.append(thread)
        while len(turns.waiting) < n + 1:  # each asks only after the one before
            time.sleep(0.001)
    for _ in range(9):
        turns.release()
        time.sleep(0.02)
    for thread in threads:
        thread.join(5)
    assert order == list(range(8))
    assert not turns.held and not turns.waiting


def test_a_write_turn_that_times_out_leaves_the_next_ones_working():
    turns = _Turns()
    assert turns.acquire(timeout=1)
    assert turns.acquire(timeout=0.05) is False  # gave up: no longer in line
    assert not turns.waiting
    turns.release()
    assert turns.acquire(timeout=0.05)
    turns.release()
    assert not turns.held


def test_every_visit_page_read_at_once_by_many_clinicians_leaves_its_audit_record(
    sqlite_server,
):
    from concurrent.futures import ThreadPoolExecutor

    from bodymap.apps.serve.records import audit_entries

    srv = sqlite_server
    visit, _ = intake_links(srv.database, 1, "P-AUDIT-MANY")[0]
    assert srv.request("PUT", f"/api/v1/visits/{visit}/drawing", raw=EXAMPLE.read_bytes())[0] == 201
    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(lambda _: srv.request("GET", f"/visits/{visit}")[0], range(60)))
    assert statuses == [200] * 60
    reads = [e for e in audit_entries(srv.database, "P-AUDIT-MANY") if e["action"] == "read visit"]
    assert len(reads) == 60
    assert {e["visit"] for e in reads} == {visit}


def test_a_ranking_worker_that_died_is_replaced_by_a_new_one():
    analysis.start()
    pool = analysis._worker()
    pool.submit(int).result(60)  # the worker is up
    for pid in list(pool._processes):
        os.kill(pid, signal.SIGKILL)
    row = _stored(990_003)
    for _ in _tries(30, 0.2):  # the executor notices the death on its own thread: until
        analysis.warm(row)  # then it queues
        _settled(row)
        if analysis._PACKED.peek((analysis._key(row), "dice", None, None)) is not None:
            break
    else:
        raise AssertionError("no new worker ranked the drawing")
    assert analysis._worker() is not pool
    drawing = analysis.read_drawing(row.document, analysis.file_name(row))
    assert analysis.rank_json(row) == rank(drawing).to_json()


def _audit_details(url: str) -> list[str]:
    from sqlalchemy import select

    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.models import AuditEntry

    with sessions(url)() as db:
        return sorted(db.scalars(select(AuditEntry.detail)).all())


def test_a_write_that_fails_in_a_group_is_undone_alone_and_the_others_are_stored(tmp_path):
    from fastapi import HTTPException

    from bodymap.apps.serve.db import committed, ensure_schema, write_lock
    from bodymap.apps.serve.web import audit_record, write_audit

    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    ensure_schema(url)
    outcome: dict[int, object] = {}

    def job(n: int):
        def run(db):
            write_audit(db, [audit_record(None, "test", detail=f"job {n}")])
            if n == 3:  # fails after it wrote: what it wrote must go, and only that
                raise HTTPException(410, "gone")
            return n

        return run

    def ask(n: int) -> None:
        try:
            outcome[n] = committed(url, job(n))
        except HTTPException as exc:
            outcome[n] = exc.status_code

    with write_lock(url):  # the writer waits for its turn: the jobs gather into groups
        threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
    for thread in threads:
        thread.join(30)
    assert outcome == {0: 0, 1: 1, 2: 2, 3: 410, 4: 4, 5: 5, 6: 6, 7: 7}
    assert _audit_details(url) == [f"job {n}" for n in (0, 1, 2, 4, 5, 6, 7)]


def test_a_write_kept_waiting_by_another_server_process_fails_whole_and_the_next_succeeds(
    tmp_path,
):
    from bodymap.apps.serve.db import committed, ensure_schema
    from bodymap.apps.serve.web import audit_record, write_audit

    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    ensure_schema(url)
    holder = tmp_path / "other-process.py"  # the write lock held by another process
    holder.write_text(
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(tmp_path / 'clinic.sqlite3')!r} + '-writer.lock', os.O_RDWR)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(30)\n"
    )
    import subprocess
    import sys

    from bodymap.apps.serve.db import _writer

    _writer(url)  # makes the lock file
    other = subprocess.Popen([sys.executable, str(holder)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline() == "held\n"
        os.environ["BODYMAP_SQLITE_BUSY_SECONDS"] = "0.5"
        try:
            with pytest.raises(Exception, match="database is locked"):
                committed(url, lambda db: write_audit(db, [audit_record(None, "test")]))
        finally:
            del os.environ["BODYMAP_SQLITE_BUSY_SECONDS"]
    finally:
        other.kill()
        other.wait()
    assert _audit_details(url) == []
    committed(url, lambda db: write_audit(db, [audit_record(None, "test", detail="after")]))
    assert _audit_details(url) == ["after"]


def _stored_in(url: str, subject: str):
    """A new visit of ``url`` with the example drawing (its own subject) stored as version 1."""
    import json

    from bodymap.apps.serve.db import writing
    from bodymap.apps.serve.models import Visit
    from bodymap.apps.serve.store import add_version

    visit_id, _ = intake_links(url, 1, subject)[0]
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["bodymap"]["subject"] = subject  # a document no other test has ranked in this process
    drawing = analysis.read_drawing(json.dumps(doc))
    with writing(url) as db:
        return add_version(db, db.get(Visit, visit_id), drawing, "clinician", None)


def _stored_views(url: str, version_id: int) -> dict[tuple[str, str], str]:
    from sqlalchemy import select

    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.models import RankView

    with sessions(url)() as db:
        rows = db.execute(
            select(RankView.sex, RankView.lang, RankView.view).where(
                RankView.version_id == version_id
            )
        ).all()
    return {(sex, lang): view for sex, lang, view in rows}


def test_the_page_views_a_ranking_worker_made_are_stored_for_every_server_worker(tmp_path):
    import json

    from bodymap.apps.serve.db import ensure_schema

    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    ensure_schema(url)
    row = _stored_in(url, f"P-VIEWS-{tmp_path.name}")
    analysis.warm(row, "female", url)
    _settled(row)
    views: dict[tuple[str, str], str] = {}
    for _ in _tries(30, 0.05):  # stored by the writer thread after the worker answered
        if len(views := _stored_views(url, row.id)) == 4:
            break
    assert set(views) == {("female", "en"), ("female", "nl"), ("", "en"), ("", "nl")}
    drawing = analysis.read_drawing(row.document, analysis.file_name(row))
    for (sex, lang), text in views.items():
        made_here = analysis._view(rank(drawing, sex=sex or None), lang, analysis.VIEW_SHOWN)
        assert json.loads(text) == json.loads(json.dumps(made_here))


def test_a_server_worker_shows_the_view_stored_in_the_database_without_ranking_again(tmp_path):
    import json

    from bodymap.apps.serve.db import ensure_schema, sessions, writing
    from bodymap.apps.serve.models import RankView

    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    ensure_schema(url)
    row = _stored_in(url, f"P-STORED-VIEW-{tmp_path.name}")  # not ranked by any worker here
    stored = [{"results": [], "red_flags": [{"text": "as stored"}]}, None]
    with writing(url) as db:
        db.add(RankView(version_id=row.id, sex="", lang="nl", view=json.dumps(stored)))
    with sessions(url)() as db:
        view, measures = analysis.ranking_view(
            row, "dice", None, None, "nl", analysis.VIEW_SHOWN, db=db
        )
    assert [view, measures] == stored  # read, not ranked: a ranking would list patterns
    with sessions(url)() as db:  # other options than the stored view's are ranked here
        ranked, _ = analysis.ranking_view(row, "fit", None, None, "nl", analysis.VIEW_SHOWN, db=db)
    assert ranked["results"]
