"""One exception tree: every error the project raises on purpose belongs to a family, and
database outages are told from bugs by the driver's codes, not its words."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

import bot
import core
import directory
import handlers
import webhooks
from core.errors import BadInput, Conflict, Outage, SignpostError
from webhooks.faults import is_database_down


def _project_exceptions() -> list[type]:
    found = []
    for package in (core, bot, handlers, directory, webhooks):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for _, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, BaseException) and value.__module__ == info.name:
                    found.append(value)
    return found


def test_every_project_exception_is_in_one_family():
    exceptions = _project_exceptions()
    assert len(exceptions) >= 15
    orphans = [e.__qualname__ for e in exceptions
               if e not in (SignpostError, BadInput, Outage, Conflict)
               and sum(issubclass(e, f) for f in (BadInput, Outage, Conflict)) != 1]
    assert orphans == []


def test_the_families_are_still_the_builtin_kinds_callers_catch():
    assert issubclass(BadInput, ValueError) and issubclass(Outage, RuntimeError)
    assert issubclass(Conflict, RuntimeError)


def _error_from(database_url: str, statement: str) -> DBAPIError:
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    except DBAPIError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("the statement did not fail")


def test_a_missing_table_is_our_bug_not_an_outage():
    assert not is_database_down(_error_from("sqlite://", "SELECT * FROM no_such_table"))


def test_a_read_only_database_is_an_outage(tmp_path):
    path = tmp_path / "ro.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    assert is_database_down(_error_from(url, "INSERT INTO t VALUES (1)"))


@pytest.mark.parametrize("code, down", [("SQLITE_FULL", True), ("SQLITE_IOERR_WRITE", True),
                                        ("SQLITE_BUSY", True), ("SQLITE_ERROR", False)])
def test_sqlite_codes_decide_whatever_the_message_says(code, down):
    original = sqlite3.OperationalError("disk I/O error: no such table")  # misleading words
    original.sqlite_errorname = code
    exc = DBAPIError.instance("SELECT 1", {}, original, sqlite3.Error)
    assert is_database_down(exc) is down


class _PostgresError(Exception):
    """Stands in for a psycopg error: only its SQLSTATE is read."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__("whatever the server says")
        self.sqlstate = sqlstate


@pytest.mark.parametrize("code, down", [
    ("55P03", True),   # lock_timeout: a long write holds the table
    ("57014", True),   # statement_timeout
    ("08006", True),   # connection failure
    ("25006", True),   # read-only transaction
    ("40P01", True),   # deadlock: transient
    ("42P01", False),  # undefined table: our bug
    ("23505", False),  # unique violation: our bug or a race handled elsewhere
])
def test_postgres_sqlstates_decide(code, down):
    exc = DBAPIError.instance("SELECT 1", {}, _PostgresError(code), Exception)
    assert is_database_down(exc) is down
