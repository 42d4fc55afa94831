"""Benchmark: the clinic app under load — intake submissions and visit-page loads at once.

Starts ``bodymap serve`` on a free loopback port with a fresh SQLite file (or the database
``--database`` names, or a throwaway PostgreSQL cluster with ``--postgres``), stores drawings
on :data:`PAGE_VISITS` visits and waits for their rankings (each page opened once, untimed, as
a clinician opens a visit some time after its drawing came), then sends :data:`SUBMISSIONS`
intake submissions (each to its own one-time link) and :data:`PAGE_LOADS` visit-page loads,
all mixed, from :data:`CLIENTS` concurrent clients sending back to back (asyncio tasks of one
thread, each with its own connection, so that the load generator takes little of the CPU it
measures).  It checks that every request was answered, that every submission answered 201 is
stored and nothing else, and prints the throughput and the median and 95th percentile latency
of each kind.  Targets (issue 29, this 2-core machine): submission <= 500 ms, visit page <=
800 ms (95th percentile).  ``python bench/bench_serve_load.py [--workers N] [--database URL |
--postgres]``.

:func:`run_load` is also the bounded load test of the suite (fewer requests, no timing).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    wall: float = 0.0


def run_load(srv, submissions: int, page_loads: int, clients: int) -> Load:
    """Mixed intake submissions and visit-page loads against the server ``srv``.

    ``srv`` is a ``serve_helpers.Server`` (the tests' real server).  Returns what was seen;
    ``accepted`` holds the visit ids whose submission was answered 201.
    """
    from serve_helpers import EXAMPLE, intake_links

    tag = f"{time.time_ns()}"
    links = intake_links(srv.database, submissions, f"P-LOAD-{tag}")
    pages = [v for v, _ in intake_links(srv.database, PAGE_VISITS, f"P-PAGES-{tag}")]
    body = EXAMPLE.read_bytes()
    for visit in pages:
        srv.request("PUT", f"/api/v1/visits/{visit}/drawing", raw=body)
    # as a clinician opens a visit some time after its drawing came: the app ranks each new
    # drawing in its worker process; wait for that (each page once, untimed)
    for visit in pages:
        srv.request("GET", f"/visits/{visit}")
    jobs = [("submission", n) for n in range(submissions)]
    jobs += [("visit page", n) for n in range(page_loads)]
    random.Random(29).shuffle(jobs)
    seen = Load()
    auth = {"Authorization": f"Bearer {srv.token}"}
    start = time.perf_counter()
    asyncio.run(_clients(srv.base, jobs, clients, links, pages, body, auth, seen))
    seen.wall = time.perf_counter() - start
    return seen


async def _clients(
    base: str,
    jobs: list[tuple[str, int]],
    clients: int,
    links: list[tuple[int, str]],
    pages: list[int],
    body: bytes,
    auth: dict[str, str],
    seen: Load,
) -> None:
    """``clients`` concurrent clients, each with its own connection, taking the jobs in turn.

    The clients are asyncio tasks of one thread: a load generator of 50 threads would spend
    more of this 2-core machine's CPU than the server it measures.
    """
    import httpx

    queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as http:
            while not queue.empty():
                kind, n = queue.get_nowait()
                begun = time.perf_counter()
                try:
                    if kind == "submission":
                        answer = await http.post(
                            links[n][1], content=body, headers={"content-type": "application/json"}
                        )
                    else:
                        answer = await http.get(f"/visits/{pages[n % len(pages)]}", headers=auth)
                    status: int | None = answer.status_code
                except httpx.HTTPError:
                    status = None
                took = time.perf_counter() - begun
                seen.statuses[kind].append(status)
                if status is not None:
                    seen.times[kind].append(took)
                if kind == "submission" and status == 201:
                    seen.accepted.append(links[n][0])

    await asyncio.gather(*(client() for _ in range(clients)))


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
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="start a throwaway PostgreSQL cluster (fsync on) and measure on it",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from bench_serve import _figures
    from serve_helpers import Postgres, Server

    cluster = Postgres(durable=True) if args.postgres else None
    if cluster is not None:
        args.database = cluster.new_database()
    try:
        _measure(args, _figures, Server)
    finally:
        if cluster is not None:
            cluster.stop()


def _measure(args: argparse.Namespace, _figures: Any, Server: Any) -> None:
    """One load run against a new server on ``args.database`` (a new SQLite file if none)."""
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'clinic.sqlite3'}"
        srv = Server(url, Path(folder), "--workers", str(args.workers))
        try:
            time.sleep(3)  # the app loads the atlas in the background at start
            seen = run_load(srv, SUBMISSIONS, PAGE_LOADS, CLIENTS)
            wall = seen.wall
            every = [s for kind in seen.statuses.values() for s in kind]
            submitted = seen.statuses["submission"]
            all_links = sorted(seen.accepted)
            stored = stored_intake_visits(url, all_links)
            backend = url.split(":", 1)[0].split("+", 1)[0]
            print(
                f"{len(every)} requests from {CLIENTS} clients in {wall:.1f} s "
                f"= {len(every) / wall:.1f} per second "
                f"({args.workers} worker(s), {backend}): {every.count(None)} unanswered, "
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
