"""The clinic app under load, bounded: intake submissions and visit-page loads mixed, from
many concurrent clients against a real server — every request answered, every submission
answered 201 and stored, none lost.  The full load and its latencies are
``bench/bench_serve_load.py``'s.
"""

from __future__ import annotations

import importlib.util
import sys

from serve_helpers import ROOT

SUBMISSIONS = 60
PAGE_LOADS = 60
CLIENTS = 20


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_serve_load", ROOT / "bench" / "bench_serve_load.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_mixed_submissions_and_visit_pages_from_many_clients_are_all_answered_and_none_lost(
    server,
):
    bench = _bench()
    seen = bench.run_load(server, SUBMISSIONS, PAGE_LOADS, CLIENTS)
    assert seen.statuses["submission"] == [201] * SUBMISSIONS
    assert seen.statuses["visit page"] == [200] * PAGE_LOADS
    assert len(set(seen.accepted)) == SUBMISSIONS
    assert bench.stored_intake_visits(server.database, seen.accepted) == sorted(seen.accepted)
