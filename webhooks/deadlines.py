"""A deadline on every PostgreSQL round trip the web app makes, kept by our side of the line.

The server's own timeouts (core.db.Timeouts) cancel slow statements and lock waits, but a
frozen server (stopped, or a hung host whose kernel still answers TCP) never answers at all, and
neither do its keepalives fail: psycopg would wait for ever. So a watchdog thread shuts the
socket of a connection that has not answered in time; psycopg then raises OperationalError
("server closed the connection"), SQLAlchemy throws the connection away, and the request gets a
503 instead of a hung worker.

Pinging a pooled connection before use goes through here too (``pre_ping=False`` on the
engine), with a short deadline: a healthy server answers ``SELECT 1`` in a millisecond.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from sqlalchemy import Engine, event, exc

from core.db import Timeouts, make_engine, normalise_database_url

log = logging.getLogger(__name__)

#: Seconds a pooled connection has to answer the check before each use.
PING_SECONDS = 1.0
#: Added to the server's statement_timeout, so a live server cancels a slow statement itself.
GRACE_SECONDS = 0.5
#: How often the watchdog looks at the clock.
TICK_SECONDS = 0.05


class Watchdog:
    """Shuts the socket of any connection that overruns its deadline. One thread a process,
    asleep while no connection is waiting on the database."""

    def __init__(self) -> None:
        self._deadlines: dict[int, tuple[float, Any]] = {}
        self._wake = threading.Condition()
        self._pid = 0
        os.register_at_fork(after_in_child=self._forked)

    def _forked(self) -> None:
        """A forked child has no watchdog thread, and its connections are not its own."""
        self._deadlines, self._wake, self._pid = {}, threading.Condition(), 0

    def arm(self, dbapi_connection: Any, seconds: float) -> None:
        with self._wake:
            idle = not self._deadlines
            self._deadlines[id(dbapi_connection)] = (time.monotonic() + seconds,
                                                     dbapi_connection)
            if self._pid != os.getpid():  # the first arm in this process
                self._pid = os.getpid()
                threading.Thread(target=self._watch, name="db-watchdog", daemon=True).start()
            elif idle:
                self._wake.notify()  # it sleeps without a timeout while there is nothing to do

    def disarm(self, dbapi_connection: Any) -> None:
        with self._wake:
            self._deadlines.pop(id(dbapi_connection), None)

    def _watch(self) -> None:
        with self._wake:
            while True:
                self._wake.wait(TICK_SECONDS if self._deadlines else None)
                now = time.monotonic()
                late = [key for key, (deadline, _) in self._deadlines.items() if deadline <= now]
                for key in late:
                    _cut(self._deadlines.pop(key)[1])

    def guard(self, engine: Engine, seconds: float) -> None:
        """Put every statement, commit, rollback and pre-use ping of ``engine`` on a deadline."""

        def armed(conn, *_args) -> None:
            self.arm(conn.connection.dbapi_connection, seconds)

        def finished(conn, *_args) -> None:
            self.disarm(conn.connection.dbapi_connection)

        def failed(context) -> None:
            connection = context.connection
            if connection is not None and not connection.invalidated:
                self.disarm(connection.connection.dbapi_connection)

        def checked_in(dbapi_connection, _record) -> None:
            self.disarm(dbapi_connection)

        def ping(dbapi_connection, _record, _proxy) -> None:
            self.arm(dbapi_connection, PING_SECONDS)
            try:
                with dbapi_connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                dbapi_connection.rollback()
            except Exception as error:
                # A stale or frozen connection: probably all of them, so start the pool afresh.
                raise exc.InvalidatePoolError() from error
            finally:
                self.disarm(dbapi_connection)

        for name in ("before_cursor_execute", "commit", "rollback"):
            event.listen(engine, name, armed)
        event.listen(engine, "after_cursor_execute", finished)
        event.listen(engine, "handle_error", failed)
        event.listen(engine.pool, "checkin", checked_in)
        event.listen(engine.pool, "checkout", ping)


#: The one watchdog of this process.
WATCHDOG = Watchdog()


def _cut(connection: Any) -> None:
    """Shut the connection's socket (not close it: its owner is still blocked reading it)."""
    if connection.closed:
        return
    try:
        with socket.socket(fileno=os.dup(connection.fileno())) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        return
    log.error("The database gave no answer in time: cut the connection")


def engine_with_deadlines(url: str, timeouts: Timeouts) -> Engine:
    """The app's engine: ``timeouts`` on the server, and, on PostgreSQL, our own deadline too."""
    guarded = normalise_database_url(url).startswith("postgresql") and \
        timeouts.statement is not None
    engine = make_engine(url, timeouts, pre_ping=not guarded)
    if guarded:
        WATCHDOG.guard(engine, timeouts.statement + GRACE_SECONDS)
    return engine
