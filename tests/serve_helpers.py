"""Real parts for the clinic app's tests: a uvicorn server on a free loopback port, a SQLite
file, and a PostgreSQL server made by initdb + pg_ctl in a temporary folder.

The fixtures are imported by the ``test_serve_*`` modules.  PostgreSQL's binaries are found
with ``pg_config --bindir``, in ``/usr/lib/postgresql/*/bin`` or on PATH; without them the
PostgreSQL cases are skipped, saying so (``.ci/run`` installs them).  PostgreSQL refuses to
run as root, so under root its processes run as the user ``nobody``.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "drawings" / "iliopsoas-left.json"
PASSWORD = "correct horse battery"
BACKENDS = ["sqlite", "postgresql"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path, tries: int = 600) -> None:
    for _ in range(tries):
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not listen on port {port}")


def pg_bindir() -> Path | None:
    """The folder of PostgreSQL's server binaries, if installed."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb") or "").resolve().parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


class Postgres:
    """A throwaway PostgreSQL cluster in a temporary folder on a free loopback port.

    The tests' cluster skips fsync (``-F``) for speed; ``durable=True`` keeps PostgreSQL's
    default (a committed transaction is on disk), as the load benchmark measures it.
    """

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable
        bindir = pg_bindir()
        if bindir is None:
            pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does)")
        self.bindir = bindir
        # pytest's temporary folders are private to their owner; the server's user (nobody
        # under root) must reach this one
        folder = Path(tempfile.mkdtemp(prefix="bodymap-pg-"))
        self.folder = folder
        self.port = free_port()
        self.data = folder / "data"
        self.run_dir = folder / "run"
        folder.chmod(0o755)
        self.data.mkdir()
        self.run_dir.mkdir()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.data, "nobody")
            shutil.chown(self.run_dir, "nobody")
            self.prefix = ["runuser", "-u", "nobody", "--"]
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self.databases = 0

    def start(self) -> None:
        """Start the server (again), on the same port and data."""
        options = f"-k {self.run_dir} -p {self.port} -h 127.0.0.1" + ("" if self.durable else " -F")
        log = self.run_dir / "server.log"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(log), "-w", "start")

    def halt(self) -> None:
        """Stop the server, keeping its data (:meth:`start` brings it back)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.prefix, str(self.bindir / program), *args],
            check=True,
            capture_output=True,
            cwd="/",
        )

    def new_database(self) -> str:
        """A fresh, empty database: its SQLAlchemy URL."""
        import psycopg

        self.databases += 1
        name = f"clinic{self.databases}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    server = Postgres()
    yield server
    server.stop()


def new_database(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    """An empty database of ``backend`` (``sqlite`` or ``postgresql``): its URL."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'clinic.sqlite3'}"
    pg: Postgres = request.getfixturevalue("postgres")
    return pg.new_database()


class Server:
    """``bodymap serve`` in its own process on a free loopback port."""

    def __init__(self, url: str, folder: Path, *args: str, port: int | None = None) -> None:
        from bodymap.apps.serve.accounts import add_user, issue_token, user_count
        from bodymap.apps.serve.db import ensure_schema

        self.database = url
        ensure_schema(url)
        if user_count(url) == 0:  # a database served before keeps its users
            add_user(url, "alice", PASSWORD, admin=True)
        self.token = issue_token(url, "alice")
        self.port = port or free_port()
        self.folder = folder
        self.args = args
        self.start()

    def start(self) -> None:
        """Start (or start again) the server process on the same port and database."""
        url, folder, args = self.database, self.folder, self.args
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / f"server-{self.port}.log"
        env = {**os.environ, "BODYMAP_DATABASE_URL": url}
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bodymap", "serve", "--port", str(self.port), *args],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=folder,
                start_new_session=True,
            )
        _wait_for_port(self.port, self.proc, self.log)

    def kill(self) -> None:
        """End the server at once with SIGKILL (and every worker process it started)."""
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = "default",
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """One HTTP request (no redirects followed): status, headers, body."""
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token is not None:
            req.add_header("Authorization", f"Bearer {self.token if token == 'default' else token}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(req, timeout=120) as resp:
                return resp.status, dict(resp.headers.items()), resp.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers.items()), err.read()

    def json(self, method: str, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        status, _, data = self.request(method, path, body, **kw)
        return status, json.loads(data) if data else None


class Browser:
    """A cookie-keeping client of the server (no redirects followed)."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def send(self, method, path, form=None, headers=None):
        raw = urllib.parse.urlencode(form).encode() if form is not None else None
        head = dict(headers or {})
        if form is not None:
            head["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status, got, body = self.server.request(method, path, token=None, headers=head, raw=raw)
        cookie = got.get("set-cookie") or got.get("Set-Cookie")
        if cookie:
            name, value = cookie.split(";", 1)[0].split("=", 1)
            if value.strip('"'):
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        self.last_cookie = cookie
        return status, got, body

    def login(self, user="alice", password=PASSWORD):
        return self.send("POST", "/login", {"username": user, "password": password})

    def csrf(self):
        _, _, page = self.send("GET", "/patients")
        return re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()


def add_patient(srv: Server, code: str, **extra: Any) -> dict[str, Any]:
    """A new patient through the API (asserting 201): its JSON."""
    status, body = srv.json("POST", "/api/v1/patients", {"id": code, **extra})
    assert status == 201, body
    return dict(body)


def add_visit(srv: Server, code: str, date: str = "2026-12-01", lang: str = "nl") -> dict[str, Any]:
    """A new visit of patient ``code`` through the API (asserting 201): its JSON."""
    status, body = srv.json("POST", f"/api/v1/patients/{code}/visits", {"date": date, "lang": lang})
    assert status == 201, body
    return dict(body)


def intake_links(url: str, count: int, code: str) -> list[tuple[int, str]]:
    """A new patient ``code`` with ``count`` visits, each with an intake link: (visit, path)."""
    import datetime as dt

    from bodymap.apps.serve.db import sessions
    from bodymap.apps.serve.store import create_patient, create_visit, new_intake

    links = []
    with sessions(url).begin() as db:
        patient = create_patient(db, code, None, None, None)
        for _ in range(count):
            visit = create_visit(db, patient, dt.date(2026, 12, 1), "en", "")
            links.append((visit.id, new_intake(db, visit, "")))
    return links


def token_of(url: str) -> str:
    """The token at the end of an intake URL."""
    return url.rsplit("/", 1)[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"serve-{request.param}")
    srv = Server(new_database(request.param, request, folder), folder)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve-sqlite")
    srv = Server(f"sqlite:///{folder / 'clinic.sqlite3'}", folder)
    yield srv
    srv.stop()
