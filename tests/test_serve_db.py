"""The clinic app's database and its commands: the migrations (an empty database and one at
the previous revision end with the same schema, the models' schema), ``bodymap db``,
``bodymap users``, ``bodymap serve`` refusing to start without a user, and the database URL.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from bodymap.cli import app

runner = CliRunner()


def _schema(url):
    from bodymap.apps.serve.db import connect

    with connect(url).connect() as conn:
        insp = inspect(conn)
        tables = {}
        for table in sorted(insp.get_table_names()):
            tables[table] = {
                "columns": sorted(
                    (c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)
                ),
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in insp.get_indexes(table)
                ),
                "unique": sorted(
                    (u["name"], tuple(u["column_names"]))
                    for u in insp.get_unique_constraints(table)
                ),
                "foreign": sorted(
                    (f["name"], tuple(f["constrained_columns"]), f["referred_table"])
                    for f in insp.get_foreign_keys(table)
                ),
            }
    return tables


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request, tmp_path):
    from serve_helpers import new_database

    if request.param == "sqlite":
        return [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("a", "b")]
    return [new_database("postgresql", request, tmp_path) for _ in range(2)]


def test_upgrading_an_empty_database_and_one_at_the_previous_revision_gives_one_schema(
    two_databases,
):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from bodymap.apps.serve.db import connect, current_revision, head_revision, upgrade
    from bodymap.apps.serve.models import Base

    fresh, old = two_databases
    assert upgrade(fresh) == head_revision()
    upgrade(old, "0001")
    assert current_revision(old) == "0001" and "login_attempts" not in _schema(old)
    assert upgrade(old) == head_revision()
    assert _schema(fresh) == _schema(old)
    assert set(_schema(fresh)) >= {"users", "patients", "visits", "drawing_versions"}
    with connect(fresh).connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_db_upgrade_says_which_revision_the_database_went_to(tmp_path):
    from bodymap.apps.serve.db import head_revision

    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    done = runner.invoke(app, ["db", "upgrade", "--database", url])
    assert done.exit_code == 0, done.output
    assert f"schema revision none -> {head_revision()}" in done.stderr
    done = runner.invoke(app, ["db", "current", "--database", url])
    assert done.stdout.strip() == head_revision()


def test_sqlite_runs_with_write_ahead_logging_full_sync_and_foreign_keys(tmp_path):
    from bodymap.apps.serve.db import connect

    engine = connect(f"sqlite:///{tmp_path / 'clinic.sqlite3'}")
    with engine.connect() as conn:
        pragmas = [
            conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys")
        ]
    assert pragmas == ["wal", 2, 1]


def test_serve_refuses_to_start_without_a_user_and_says_how_to_add_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    done = runner.invoke(app, ["serve", "--database", url])
    assert done.exit_code == 1
    assert done.stderr.strip() == (
        f"Error: no user can log in yet; add one first: bodymap users add NAME --admin "
        f"--database {url}"
    )


def test_users_add_reads_the_password_from_stdin_and_refuses_a_second_one(tmp_path):
    from bodymap.apps.serve.accounts import user_count

    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    args = ["users", "add", "dr.jansen", "--password-stdin", "--lang", "nl", "--database", url]
    done = runner.invoke(app, args, input="a long password\n")
    assert done.exit_code == 0, done.output
    assert user_count(url) == 1
    again = runner.invoke(app, args, input="a long password\n")
    assert (again.exit_code, again.stderr.strip()) == (
        1,
        "Error: user 'dr.jansen' exists already",
    )
    short = runner.invoke(
        app, ["users", "add", "x", "--password-stdin", "--database", url], input="short\n"
    )
    assert short.exit_code == 1 and "too short" in short.stderr
    token = runner.invoke(app, ["users", "token", "dr.jansen", "--database", url])
    assert token.exit_code == 0 and len(token.stdout.strip()) == 43
    unknown = runner.invoke(app, ["users", "token", "dr.janssen", "--database", url])
    assert unknown.exit_code == 2 and "dr.jansen" in unknown.stderr


@pytest.mark.parametrize(
    ("url", "problem"),
    [("not a url", "is not a database URL"), ("mysql://x@y/z", "'mysql' databases")],
)
def test_a_bad_database_url_is_one_line(url, problem):
    done = runner.invoke(app, ["db", "upgrade", "--database", url])
    assert done.exit_code == 1 and problem in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_database_comes_from_the_environment_else_the_user_data_folder(monkeypatch):
    from bodymap.apps.serve.db import ENV_VAR, database_url, default_database_url

    monkeypatch.setenv(ENV_VAR, "sqlite:////srv/clinic.sqlite3")
    assert database_url() == "sqlite:////srv/clinic.sqlite3"
    assert database_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    monkeypatch.delenv(ENV_VAR)
    assert database_url() == default_database_url()
    assert default_database_url().endswith("/bodymap/clinic.sqlite3")
