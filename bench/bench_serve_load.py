"""Benchmark: the clinic app under load — intake submissions and visit-page loads at once.

Starts ``bodymap serve`` on a free loopback port with a fresh SQLite file (or the database
``--database`` names, or a throwaway PostgreSQL cluster with ``--postgres``), stores drawings
on :data:`PAGE_VISITS` visits and waits for their rankings (each page opened once, untimed, as
a clinician opens a visit some time after its drawing came), then sends :data:`SUBMISSIONS`
intake submissions (each to its own one-time link) and :data:`PAGE_LOADS` visit-page loads,
all mixed, from :data:`CLIENTS` concurrent clients sending back to back (aiohttp clients,
asyncio tasks of one thread, each with its own connection, so that the load generator takes
little of the CPU it measures).  It checks that every request was answered, that every
submission answered 201 is stored and nothing else, and prints the throughput and the median
and 95th percentile latency of each kind.  Targets (issue 29, this 2-core machine):
submission <= 500 ms, visit page <= 800 ms (95th percentile), with one uvicorn worker per core
(the clinic guide's advice; the default).  It also prints the CPU time the server, its ranking
workers and the load generator took.  ``python bench/bench_serve_load.py [--workers N]
[--database URL | --postgres]``.

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
    cpu: dict[str, float] = field(default_factory=dict)


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
    start, cpu = time.perf_counter(), _cpu(srv.proc.pid)
    asyncio.run(_clients(srv.base, jobs, clients, links, pages, body, auth, seen))
    seen.wall = time.perf_counter() - start
    seen.cpu = {k: v - cpu.get(k, 0.0) for k, v in _cpu(srv.proc.pid).items()}
    return seen


def _cpu(group: int) -> dict[str, float]:
    """CPU seconds so far of the server (process group ``group``: the main process, its
    uvicorn workers), its ranking worker(s) and this load generator (Linux ``/proc``).

    A ranking worker is a multiprocessing child with no children of its own (a uvicorn
    worker has its ranking worker).
    """
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    seen = {"server": 0.0, "ranking": 0.0, "load generator": sum(os.times()[:2])}
    found: dict[int, tuple[int, bytes, float]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()  # fields[1] parent, fields[2] group
        if int(fields[2]) == group:
            cpu = (int(fields[11]) + int(fields[12])) / tick
            found[int(stat.parent.name)] = (int(fields[1]), cmdline, cpu)
    parents = {parent for parent, _, _ in found.values()}
    for pid, (_, cmdline, cpu) in found.items():
        ranking = b"spawn_main" in cmdline and pid not in parents
        seen["ranking" if ranking else "server"] += cpu
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

    The clients are asyncio tasks of one thread with aiohttp (about a sixth of httpx's CPU
    a request): the load generator shares this 2-core machine with the server it measures,
    where the clinic's clients are phones and desktops of their own.
    """
    import aiohttp

    queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    timeout = aiohttp.ClientTimeout(total=120)
    json_type = {"content-type": "application/json"}

    async def client() -> None:
        connector = aiohttp.TCPConnector(limit=1)
        async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as http:
            while not queue.empty():
                kind, n = queue.get_nowait()
                begun = time.perf_counter()
                status: int | None
                try:
                    if kind == "submission":
                        request = http.post(links[n][1], data=body, headers=json_type)
                    else:
                        request = http.get(f"/visits/{pages[n % len(pages)]}", headers=auth)
                    async with request as answer:
                        await answer.read()
                        status = answer.status
                except (aiohttp.ClientError, asyncio.TimeoutError):
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
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="uvicorn workers (default: one per core, as docs/guide/clinic.md advises)",
    )
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
            print(
                "CPU during the load: "
                + ", ".join(
                    f"{k} {v:.1f} s ({1000 * v / len(every):.1f} ms a request)"
                    for k, v in seen.cpu.items()
                )
            )
            for kind, target in TARGETS.items():
                if len(seen.times[kind]) > 1:  # BENCH_SUBMISSIONS=0 measures pages alone
                    _figures(kind, seen.times[kind], target)
        finally:
            srv.stop()


if __name__ == "__main__":
    main()
