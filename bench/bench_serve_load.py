"""Benchmark: the clinic app under load — intake submissions and visit-page loads at once.

Starts ``bodymap serve`` on a free loopback port with a fresh SQLite file (or the database
``--database`` names), then sends :data:`SUBMISSIONS` intake submissions (each to its own
one-time link) and :data:`PAGE_LOADS` loads of visit pages (20 visits with drawings, the
ranking and figures made on first view) from :data:`CLIENTS` concurrent clients, all mixed.
It checks that every request was answered, that every submission answered 201 is stored and
nothing else, and prints the median and 95th percentile latency of each kind.  Targets
(issue 29, this 2-core machine): submission <= 500 ms, visit page <= 800 ms (95th
percentile).  ``python bench/bench_serve_load.py [--workers N] [--database URL]``.

:func:`run_load` is also the bounded load test of the suite (fewer requests, no timing).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", 300))
PAGE_LOADS = int(os.environ.get("BENCH_PAGE_LOADS", 300))
CLIENTS = 50
PAGE_VISITS = 20
TARGETS = {"submission": 0.5, "visit page": 0.8}


@dataclass
class Load:
    """What a load run saw: per kind, the latency of each answer and the statuses."""

    times: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in TARGETS})
    statuses: dict[str, list[int | None]] = field(default_factory=lambda: {k: [] for k in TARGETS})
    accepted: list[int] = field(default_factory=list)


def run_load(srv, submissions: int, page_loads: int, clients: int) -> Load:
    """Mixed intake submissions and visit-page loads against the server ``srv``.

    ``srv`` is a ``serve_helpers.Server`` (the tests' real server).  Returns what was seen;
    ``accepted`` holds the visit ids whose submission was answered 201.
    """
    import httpx
    from serve_helpers import EXAMPLE, intake_links

    tag = f"{time.time_ns()}"
    links = intake_links(srv.database, submissions, f"P-LOAD-{tag}")
    pages = [v for v, _ in intake_links(srv.database, PAGE_VISITS, f"P-PAGES-{tag}")]
    body = EXAMPLE.read_bytes()
    for visit in pages:
        srv.request("PUT", f"/api/v1/visits/{visit}/drawing", raw=body)
    jobs = [("submission", n) for n in range(submissions)]
    jobs += [("visit page", n) for n in range(page_loads)]
    random.Random(29).shuffle(jobs)
    seen = Load()
    lock = threading.Lock()
    local = threading.local()
    auth = {"Authorization": f"Bearer {srv.token}"}

    def one(job: tuple[str, int]) -> None:
        kind, n = job
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=srv.base, timeout=120)
        start = time.perf_counter()
        try:
            if kind == "submission":
                answer = local.client.post(
                    links[n][1], content=body, headers={"content-type": "application/json"}
                )
            else:
                answer = local.client.get(f"/visits/{pages[n % len(pages)]}", headers=auth)
            status: int | None = answer.status_code
        except httpx.HTTPError:
            status = None
        took = time.perf_counter() - start
        with lock:
            seen.statuses[kind].append(status)
            if status is not None:
                seen.times[kind].append(took)
            if kind == "submission" and status == 201:
                seen.accepted.append(links[n][0])

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, jobs))
    return seen


def stored_intake_visits(url: str, visits: list[int]) -> list[int]:
    """Of ``visits``, those with a stored intake drawing (one id per stored version)."""
    from sqlalchemy import select

    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.models import DrawingVersion

    with sessions(url)() as db:
        return sorted(
            db.scalars(
                select(DrawingVersion.visit_id).where(
                    DrawingVersion.visit_id.in_(visits), DrawingVersion.source == "intake"
                )
            ).all()
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from bench_serve import _figures
    from serve_helpers import Server

    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'clinic.sqlite3'}"
        srv = Server(url, Path(folder), "--workers", str(args.workers))
        try:
            time.sleep(3)  # the app loads the atlas in the background at start
            start = time.perf_counter()
            seen = run_load(srv, SUBMISSIONS, PAGE_LOADS, CLIENTS)
            wall = time.perf_counter() - start
            every = [s for kind in seen.statuses.values() for s in kind]
            submitted = seen.statuses["submission"]
            all_links = sorted(seen.accepted)
            stored = stored_intake_visits(url, all_links)
            print(
                f"{len(every)} requests from {CLIENTS} clients in {wall:.1f} s "
                f"({args.workers} worker(s)): {every.count(None)} unanswered, "
                f"statuses { {s: every.count(s) for s in sorted(set(every), key=str)} }; "
                f"{submitted.count(201)} submissions "
                f"answered 201, {len(stored)} stored, lost {len(set(all_links) - set(stored))}"
            )
            for kind, target in TARGETS.items():
                _figures(kind, seen.times[kind], target)
        finally:
            srv.stop()


if __name__ == "__main__":
    main()
