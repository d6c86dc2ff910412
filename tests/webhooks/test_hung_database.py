"""A database that hangs (its write lock held by a long import, or the server frozen) costs a
prompt 503 and a truthful /healthz, never a worker stuck until gunicorn kills it.

The bounds here are generous (a loaded machine); the aims, and the figures in
docs/operations.md, are a 503 in about 3 s and /healthz in under 2 s. Without the timeouts SQLite
waited 30 s for its lock, and PostgreSQL for ever.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.databases import on_postgres
from tests.webhooks.channels import Phone, close_app, make_app

#: Longer than the aims, far shorter than the 30 s a worker used to hang.
WEBHOOK_BOUND = 8.0
HEALTH_BOUND = 4.0


class Timed:
    """Runs ``job`` on a thread: what it returned and how long it took, if it finished."""

    def __init__(self, job: Callable[[], object]) -> None:
        self.result: object = None
        self.seconds: float | None = None
        self._thread = threading.Thread(target=self._run, args=(job,), daemon=True)
        self._thread.start()

    def _run(self, job: Callable[[], object]) -> None:
        start = time.monotonic()
        try:
            self.result = job()
        except BaseException as exc:  # asserted on by the test
            self.result = exc
        self.seconds = time.monotonic() - start

    def within(self, bound: float) -> bool:
        self._thread.join(bound)
        return self.seconds is not None

    def finish(self) -> None:
        self._thread.join(60)


@pytest.fixture
def app(shipped_db_url, tmp_path):
    app = make_app(shipped_db_url, tmp_path / "instance")
    yield app
    close_app(app)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextlib.contextmanager
def write_lock_held(url: str) -> Iterator[None]:
    """Another process's long write: SQLite's write lock, or PostgreSQL's table locks (as a
    migration or a big import takes them)."""
    if on_postgres():
        connection = psycopg.connect(_libpq_url(url))
        connection.execute("LOCK TABLE conversation, heartbeat IN ACCESS EXCLUSIVE MODE")
    else:
        connection = sqlite3.connect(make_url(url).database, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.rollback()
        connection.close()


def test_a_held_write_lock_costs_a_prompt_503_and_a_truthful_healthz(app, shipped_db_url):
    client = app.test_client()
    phone = Phone(client)
    assert phone.text("hello")
    assert client.get("/healthz").status_code == 200
    with write_lock_held(shipped_db_url):
        sms = Timed(lambda: phone.post("food"))
        answered = sms.within(WEBHOOK_BOUND)
        health = Timed(lambda: client.get("/healthz"))
        health_answered = health.within(HEALTH_BOUND)
    sms.finish()
    health.finish()
    assert answered, "the webhook hung while the lock was held"
    assert sms.result.status_code == 503
    assert health_answered, "/healthz hung while the lock was held"
    assert health.result.status_code == 503
    # Free again: answered as usual, and healthy.
    assert client.get("/healthz").status_code == 200
    assert "near LS9 8RU" in " ".join(phone.text("food near LS9 8RU"))


def _server_processes(url: str) -> list[int]:
    """The postmaster and this database's backends, if this machine may signal them."""
    with psycopg.connect(_libpq_url(url), autocommit=True) as connection:
        data = connection.execute("SHOW data_directory").fetchone()[0]
        backends = [pid for (pid,) in connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")]
    pid_file = Path(data) / "postmaster.pid"
    try:
        postmaster = int(pid_file.read_text().split()[0])
        os.kill(postmaster, 0)
    except (OSError, ValueError, IndexError):
        pytest.skip("the PostgreSQL server is not one this test may stop")
    return [postmaster, *backends]


@contextlib.contextmanager
def frozen(pids: list[int]) -> Iterator[None]:
    """SIGSTOP the server: it still accepts TCP connections, but answers nothing."""
    def thaw() -> None:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    safety = threading.Timer(40, thaw)  # whatever happens, the shared server wakes again
    safety.start()
    try:
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        yield
    finally:
        thaw()
        safety.cancel()


@pytest.mark.skipif(not on_postgres(), reason="freezes a PostgreSQL server")
def test_a_frozen_postgres_costs_a_prompt_503_not_a_hung_worker(app, shipped_db_url):
    client = app.test_client()
    phone = Phone(client)
    assert phone.text("hello")  # a pooled connection to the server that is about to freeze
    assert client.get("/healthz").status_code == 200
    with frozen(_server_processes(shipped_db_url)):
        sms = Timed(lambda: phone.post("food"))
        answered = sms.within(WEBHOOK_BOUND)
        health = Timed(lambda: client.get("/healthz"))
        health_answered = health.within(HEALTH_BOUND)
    sms.finish()
    health.finish()
    assert answered, "the webhook hung on the frozen server"
    assert sms.result.status_code == 503
    assert health_answered, "/healthz hung on the frozen server"
    assert health.result.status_code == 503
    assert client.get("/healthz").status_code == 200
    assert "near LS9 8RU" in " ".join(phone.text("food near LS9 8RU"))
