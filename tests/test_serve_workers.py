"""``bodymap serve --workers 4`` (four real worker processes) behaves as one worker: a session
opened on one worker holds on every worker and ends on all at logout, the login rate limit
counts failures made on any worker, and a one-time intake link sent many times at once is
taken exactly once — the state lives in the database, not in a process.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serve_helpers import EXAMPLE, Browser, Server, add_patient, add_visit, new_database, token_of

WORKERS = 4
AT_ONCE = 24


def _children(pid):
    """The process ids whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _at_once(call, count=AT_ONCE):
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: call(), range(count)))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def workers_server(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"workers-{request.param}")
    srv = Server(new_database(request.param, request, folder), folder, "--workers", str(WORKERS))
    yield srv
    srv.stop()


def test_the_server_runs_four_worker_processes(workers_server):
    assert len(_children(workers_server.proc.pid)) >= WORKERS


def test_a_session_holds_on_every_worker_and_logout_ends_it_on_all(workers_server):
    client = Browser(workers_server)
    assert client.login()[0] == 303
    assert {s for s, _, _ in _at_once(lambda: client.send("GET", "/patients"))} == {200}
    token = client.csrf()
    ended = Browser(workers_server)
    ended.cookies = dict(client.cookies)  # the cookie kept after logout
    assert client.send("POST", "/logout", {"csrf": token})[0] == 303
    statuses = {s for s, _, _ in _at_once(lambda: ended.send("GET", "/patients"))}
    assert statuses == {303}


def test_the_login_rate_limit_counts_failures_on_every_worker(workers_server):
    # after this, logins from this address are blocked: the module's later tests use tokens
    from bodymap.apps.serve.security import LOGIN_LIMIT

    client = Browser(workers_server)
    failed = _at_once(lambda: client.login("nobody-here", "wrong-password"), LOGIN_LIMIT)
    assert {s for s, _, _ in failed} == {401}
    assert {s for s, _, _ in _at_once(lambda: client.login("nobody-here", "x" * 12), 8)} == {429}


def test_a_one_time_link_sent_many_times_at_once_is_taken_exactly_once(workers_server):
    add_patient(workers_server, "P-WORKERS")
    made = add_visit(workers_server, "P-WORKERS")
    path = "/intake/" + token_of(made["intake_url"])
    body = EXAMPLE.read_bytes()
    statuses = sorted(
        s
        for s, _, _ in _at_once(lambda: workers_server.request("POST", path, raw=body, token=None))
    )
    assert statuses == [201] + [410] * (AT_ONCE - 1)
    _, shown = workers_server.json("GET", f"/api/v1/visits/{made['id']}")
    assert [v["version"] for v in shown["drawing_versions"]] == [1]
