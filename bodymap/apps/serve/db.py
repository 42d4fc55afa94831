"""Where the clinic app keeps its data: the database URL, the engine and the migrations.

The database is named by a SQLAlchemy URL: ``--database``, else the environment variable
``BODYMAP_DATABASE_URL``, else one SQLite file in the platform's user data folder (found
with platformdirs).  ``postgresql://`` URLs use psycopg 3.  SQLite connections are set up for
durability and integrity on every connect: write-ahead logging, ``synchronous=FULL`` (a
committed transaction is on disk before the answer) and foreign keys on; a transaction that
reads and then writes in one thread begins ``IMMEDIATE`` (it waits for the write lock, up to
the busy timeout, instead of failing when another request wrote meanwhile).  Within one server
process the requests that write to a SQLite file take turns by a lock of their own
(:func:`write_lock`), and the processes of ``--workers N`` by a lock file beside the database,
before they ask SQLite, which would otherwise make each waiter poll for the file's lock at
intervals growing to 100 ms.  The schema is made
and upgraded only by the Alembic migrations shipped in ``migrations/`` (:func:`upgrade`).
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, nullcontext
from functools import cache
from pathlib import Path
from queue import SimpleQueue
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bodymap.core.errors import BodymapError

T = TypeVar("T")

__all__ = [
    "ENV_VAR",
    "committed",
    "connect",
    "current_revision",
    "database_url",
    "default_database_url",
    "head_revision",
    "later",
    "upgrade",
    "write_lock",
    "writing",
]

#: The environment variable that names the database when ``--database`` is not given.
ENV_VAR = "BODYMAP_DATABASE_URL"
#: How long a SQLite request waits for another one's write lock before answering 503, in
#: seconds; ``$BODYMAP_SQLITE_BUSY_SECONDS`` overrides it.
BUSY_SECONDS = 60.0


def busy_seconds() -> float:
    """The SQLite busy timeout in seconds (:data:`BUSY_SECONDS` unless the environment says)."""
    given = os.environ.get("BODYMAP_SQLITE_BUSY_SECONDS")
    try:
        return float(given) if given else BUSY_SECONDS
    except ValueError:
        raise BodymapError(
            f"BODYMAP_SQLITE_BUSY_SECONDS: {given!r} is not a number of seconds"
        ) from None


MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_database_url() -> str:
    """The SQLite file in the user data folder (the folder is made when missing)."""
    from platformdirs import user_data_path

    folder = user_data_path("bodymap", appauthor=False)
    return f"sqlite:///{folder / 'clinic.sqlite3'}"


def database_url(given: str | None = None) -> str:
    """The database URL: ``given``, else ``$BODYMAP_DATABASE_URL``, else the default file.

    Raises
    ------
    BodymapError
        If the URL is not a SQLAlchemy URL of SQLite or PostgreSQL.
    """
    url = given or os.environ.get(ENV_VAR) or default_database_url()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BodymapError(
            f"--database: {url!r} is not a database URL; give sqlite:///PATH or "
            "postgresql://USER@HOST:PORT/DB"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BodymapError(
            f"--database: {backend!r} databases are not supported; use sqlite or postgresql"
        )
    if backend == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # the driver's own transaction handling off: _sqlite_begin starts each transaction
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds() * 1000)}")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # An immediate transaction takes the write lock at its start (waiting out the busy
    # timeout): one that read first and wrote later would fail at once if another one
    # wrote in between.  Only transactions run whole in one thread are immediate.
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@cache
def connect(url: str) -> Engine:
    """The engine of ``url`` (one per URL and process); SQLite's folder is made if missing."""
    parsed = make_url(url)
    # as many connections as the server's threads can ask for at once; a request that still
    # finds none waits as long as for a busy SQLite file, then answers 503
    # a PostgreSQL connection may have died with a restarted server: test it before use
    kwargs: dict[str, Any] = {"pool_pre_ping": parsed.get_backend_name() != "sqlite"}
    if parsed.database not in (None, "", ":memory:"):
        kwargs.update(pool_size=20, max_overflow=30, pool_timeout=busy_seconds())
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": busy_seconds()}
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


@cache
def sessions(url: str, immediate: bool = False) -> sessionmaker[Session]:
    """The session factory of ``url``'s engine (objects stay readable after commit).

    With ``immediate`` a SQLite transaction takes the write lock when it begins, for a
    transaction that reads and then writes, run whole in one thread.
    """
    engine = connect(url)
    if immediate:
        engine = engine.execution_options(sqlite_immediate=True)
    return sessionmaker(engine, expire_on_commit=False)


class _Turns:
    """A lock granted in the order it was asked for (first come, first served)."""

    def __init__(self) -> None:
        self.guard = threading.Lock()
        self.held = False
        self.waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        with self.guard:
            if not self.held and not self.waiting:
                self.held = True
                return True
            mine = threading.Event()
            self.waiting.append(mine)
        if mine.wait(timeout):
            return True
        with self.guard:
            if mine.is_set():  # handed over just as the wait ended
                return True
            self.waiting.remove(mine)
            return False

    def release(self) -> None:
        with self.guard:
            if self.waiting:
                self.waiting.popleft().set()  # the lock passes straight to the next in line
            else:
                self.held = False


class _FileTurn:
    """The lock file beside a SQLite database that the server processes' writers take in turn.

    An exclusive ``flock`` on ``DATABASE-writer.lock``: the one writer of each process
    (:class:`_Turns` orders those within it) asks for it every millisecond, where SQLite's
    own busy handler would sleep up to 100 ms between tries.  Without ``fcntl`` (Windows), or
    where the file cannot be made, SQLite's busy handler alone orders the processes.
    """

    def __init__(self, database: str) -> None:
        self.fd: int | None = None
        try:
            import fcntl

            self.fcntl: Any = fcntl
            self.fd = os.open(f"{database}-writer.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except (ImportError, OSError):
            pass

    def acquire(self, deadline: float) -> bool:
        if self.fd is None:
            return True
        while True:
            try:
                self.fcntl.flock(self.fd, self.fcntl.LOCK_EX | self.fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.001)

    def release(self) -> None:
        if self.fd is not None:
            self.fcntl.flock(self.fd, self.fcntl.LOCK_UN)


@cache
def _writer(url: str) -> tuple[_Turns, _FileTurn | None]:
    database = make_url(url).database
    on_disk = database not in (None, "", ":memory:") and not str(database).startswith("file:")
    return _Turns(), _FileTurn(str(database)) if on_disk else None


@contextmanager
def write_lock(url: str) -> Iterator[None]:
    """Wait for this request's turn to write to the SQLite database ``url`` (no-op otherwise).

    Within a process turns are given in the order they were asked for, and a request
    waiting here is woken the moment the writer before it is done; between the processes of
    ``--workers N`` a lock file beside the database passes the turn within a millisecond.
    The wait is bounded by the busy timeout, after which the request answers 503.

    Raises
    ------
    sqlalchemy.exc.OperationalError
        If the turn did not come within :func:`busy_seconds`.
    """
    if not url.startswith("sqlite"):
        with nullcontext():
            yield
        return
    turns, between = _writer(url)
    deadline = time.monotonic() + busy_seconds()
    if not turns.acquire(timeout=busy_seconds()):
        raise OperationalError("BEGIN IMMEDIATE", None, Exception("database is locked"))
    try:
        if between is not None and not between.acquire(deadline):
            raise OperationalError("BEGIN IMMEDIATE", None, Exception("database is locked"))
        try:
            yield
        finally:
            if between is not None:
                between.release()
    finally:
        turns.release()


@contextmanager
def writing(url: str) -> Iterator[Session]:
    """A transaction that will write: in turn (:func:`write_lock`), committed at the end."""
    with write_lock(url), sessions(url, immediate=True).begin() as db:
        yield db


def committed(url: str, job: Callable[[Session], T]) -> T:
    """Run ``job`` in a write transaction of ``url`` and return its result once committed.

    Jobs of this process's requests are run by one writer thread, many in one transaction
    (group commit): the write turn is taken, and the database's write lock held, once for
    all that gathered meanwhile, not once for each.  A job that raises is taken out: the
    others of its group are run again, each in a transaction of its own, so a job's outcome
    does not depend on the others.  A job must do nothing but database work on ``db``; it may
    raise before it writes (an :class:`~fastapi.HTTPException` for one that cannot be done).

    Raises
    ------
    Exception
        What the job raised, or what the database raised (a lock not granted in time, a
        disk that is full): then nothing of the job was stored.
    """
    done: Future[Any] = Future()
    _group_writer(url).queue.put((job, done))
    return cast("T", done.result())


def later(url: str, job: Callable[[Session], Any]) -> None:
    """Run ``job`` as :func:`committed` does, without waiting for it (its failure is dropped).

    For derived data that can be made again, such as the visit page's view of a ranking.
    """
    _group_writer(url).queue.put((job, Future()))


#: The most jobs :func:`committed` runs in one transaction.
GROUP = 200


class _GroupWriter:
    """The thread that runs the jobs of :func:`committed` for one database, in groups."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.queue: SimpleQueue[tuple[Callable[[Session], Any], Future[Any]]] = SimpleQueue()
        threading.Thread(target=self._run, name="bodymap-writer", daemon=True).start()

    def _run(self) -> None:
        while True:
            group = [self.queue.get()]
            while len(group) < GROUP and not self.queue.empty():
                group.append(self.queue.get())
            if not self._together(group):
                for one in group:
                    self._together([one])

    def _together(self, group: list[tuple[Callable[[Session], Any], Future[Any]]]) -> bool:
        """Run ``group`` in one transaction; ``False`` if one of several jobs raised."""
        results: list[Any] = []
        try:
            with writing(self.url) as db:
                for job, _ in group:
                    try:
                        results.append(job(db))
                    except Exception:
                        if len(group) > 1:
                            raise _JobFailed from None
                        raise
        except _JobFailed:
            return False
        except Exception as exc:  # the job's own, or the database's for all of them
            for _, done in group:
                done.set_exception(exc)
            return True
        for (_, done), result in zip(group, results, strict=True):
            done.set_result(result)
        return True


class _JobFailed(Exception):
    """One job of a group raised: the group is rolled back and its jobs run one by one."""


@cache
def _group_writer(url: str) -> _GroupWriter:
    return _GroupWriter(url)


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(url: str, revision: str = "head") -> str:
    """Bring the database's schema up to ``revision`` (default the newest); its revision.

    Parameters
    ----------
    url
        The database URL (see :func:`database_url`).
    revision
        An Alembic revision id, or ``"head"``.

    Returns
    -------
    str
        The revision the database is at afterwards.
    """
    from alembic import command

    engine = connect(url)
    command.upgrade(_alembic_config(engine), revision)
    return current_revision(url) or ""


def current_revision(url: str) -> str | None:
    """The Alembic revision of the database, ``None`` for a database never upgraded."""
    from alembic.runtime.migration import MigrationContext

    with connect(url).connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest revision of the shipped migrations."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def check_current(url: str) -> None:
    """Refuse a database whose schema is not at the newest revision, saying what to run.

    Raises
    ------
    BodymapError
        With the ``bodymap db upgrade`` command to run.
    """
    if current_revision(url) != head_revision():
        raise BodymapError(
            f"the database {shown_url(url)} is not up to date; run: bodymap db upgrade "
            f"--database {shown_url(url)}"
        )


def ensure_schema(url: str) -> bool:
    """Make the schema of a new, empty database; refuse one whose schema is out of date.

    Returns
    -------
    bool
        Whether the schema was made now.

    Raises
    ------
    BodymapError
        If the database holds an older schema (``bodymap db upgrade`` upgrades it) or tables
        that are not the app's.
    """
    with connect(url).connect() as conn:
        tables = inspect(conn).get_table_names()
    if not tables:
        upgrade(url)
        return True
    if "alembic_version" not in tables:
        raise BodymapError(
            f"the database {shown_url(url)} holds other tables than the clinic app's; "
            "give an empty database"
        )
    check_current(url)
    return False


def shown_url(url: str) -> str:
    """``url`` with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)
