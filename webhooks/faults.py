"""When the database is down, hung or full: answer 503 quickly (Twilio then tries its fallback
URL, Telegram retries later), log the cause at most once a minute, and recover by itself when
the database is back."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, jsonify, request
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from core.errors import Outage
from webhooks.preparation import ensure_prepared

log = logging.getLogger(__name__)

#: Wait at least this long between attempts to prepare an unreachable database.
RETRY_SECONDS = 5.0
#: Each cause of an outage is logged at most this often; /healthz reports an outage this long.
OUTAGE_WINDOW = 60.0


class DatabaseUnavailable(Outage):
    """The database cannot be reached just now."""


#: SQLite result codes that mean the database cannot be used just now (busy, locked, full,
#: unreadable, read-only, interrupted by a deadline); others (SQLITE_ERROR: no such table, a
#: syntax error) are our own bugs.
_SQLITE_OUTAGES = frozenset({
    "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_NOMEM", "SQLITE_READONLY", "SQLITE_INTERRUPT",
    "SQLITE_IOERR", "SQLITE_CORRUPT", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_PROTOCOL",
    "SQLITE_NOTADB",
})
#: PostgreSQL SQLSTATE classes of an unusable server: connection, resources (disk full),
#: operator intervention (shutdown, statement timeout), system errors; and a read-only
#: transaction (a standby, or a database set read-only).
_POSTGRES_OUTAGE_CLASSES = frozenset({"08", "53", "57", "58"})
#: ...and single codes: read-only transaction, a lock not granted in time (lock_timeout), an
#: object in use, and the transient conflicts a retry gets past (serialization, deadlock).
_POSTGRES_OUTAGE_CODES = frozenset({"25006", "55P03", "55006", "40001", "40P01"})


def is_database_down(exc: BaseException) -> bool:
    """True for a database that cannot be reached or used just now (not for our own bugs),
    told by the driver's error type and code, never by its message."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    sqlite_code = getattr(orig, "sqlite_errorname", None)
    if sqlite_code is not None:
        return "_".join(sqlite_code.split("_")[:2]) in _SQLITE_OUTAGES  # SQLITE_IOERR_WRITE too
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return sqlstate in _POSTGRES_OUTAGE_CODES or sqlstate[:2] in _POSTGRES_OUTAGE_CLASSES
    return isinstance(exc, OperationalError)  # no code at all: could not even connect


def cause_of(exc: BaseException) -> str:
    """The driver's error and the first line of its message: never the SQL or its values.

    The first database error in the chain is the cause: SQLite, out of room, rolls the whole
    transaction back, so the savepoint rollback that follows fails with "no such savepoint"."""
    error, chain = exc, [exc]
    while (error := error.__cause__ or error.__context__) is not None and len(chain) < 20:
        chain.append(error)
    found = [e for e in chain if isinstance(e, DBAPIError) and e.orig is not None]
    first: BaseException = found[-1].orig if found else exc
    lines = str(first).strip().splitlines()
    return f"{type(first).__name__}: {lines[0] if lines else ''}"[:200]


class Outages:
    """The database outages this process met: each cause logged at most once a minute (with a
    count of those not logged), and the latest a webhook met kept for /healthz until a webhook
    succeeds, the health check's own write fails and then succeeds, or a minute passes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._logged: dict[str, float] = {}
        self._unlogged: dict[str, int] = {}
        self._latest: tuple[float, str] | None = None
        self._health_saw_it = False

    def report(self, problem: BaseException | str, doing: str = "answering 503",
               health_check: bool = False) -> None:
        """Log the cause (unless this cause was logged in the last minute) and remember it."""
        cause = problem if isinstance(problem, str) else cause_of(problem)
        now = time.monotonic()
        with self._lock:
            if health_check:
                self._health_saw_it = True
            else:
                if self._latest is None:  # a new outage: the health check has not seen it yet
                    self._health_saw_it = False
                self._latest = (now, cause)
            last = self._logged.get(cause)
            if last is not None and now - last < OUTAGE_WINDOW:
                self._unlogged[cause] = self._unlogged.get(cause, 0) + 1
                return
            if len(self._logged) > 50:
                self._logged.clear()
            self._logged[cause] = now
            unlogged = self._unlogged.pop(cause, 0)
        more = f" ({unlogged} more like it not logged)" if unlogged else ""
        log.error("Database unavailable (%s): %s%s", cause, doing, more)

    def recovered(self, health_check: bool = False) -> None:
        """Something worked. The health check's write alone clears a webhook's outage only if
        that write had failed too (a full disk can take its small write and refuse others)."""
        with self._lock:
            if not health_check or self._health_saw_it:
                self._latest, self._health_saw_it = None, False

    def current(self) -> str | None:
        """The cause of the latest outage a webhook met, if it is still current."""
        with self._lock:
            if self._latest and time.monotonic() - self._latest[0] < OUTAGE_WINDOW:
                return self._latest[1]
            return None


class Preparation:
    """Remembers whether the database is prepared; tries again, now and then, until it is.

    The quick check uses the app's engine; preparing (migrations, loading the Leeds data) uses a
    ``batch`` engine, whose statements may take as long as they need."""

    def __init__(self, engine: Engine, instance_path: Path, outages: Outages,
                 batch: Callable[[], Engine] | None = None) -> None:
        self.engine = engine
        self.instance_path = instance_path
        self.outages = outages
        self.batch = batch
        self.ready = False
        self._last_try = 0.0
        self._lock = threading.Lock()

    def try_now(self) -> bool:
        with self._lock:
            if self.ready:
                return True
            if time.monotonic() - self._last_try < RETRY_SECONDS and self._last_try:
                return False
            self._last_try = time.monotonic()
            try:
                ensure_prepared(self.engine, self.instance_path, self.batch)
            except Exception as exc:
                if not is_database_down(exc):
                    raise
                self.outages.report(exc, "answering 503 until it is back")
                return False
            self.ready = True
            self.outages.recovered()
            log.info("Database ready")
            return True


def unavailable(reason: str | None = None) -> Response:
    """503, with Retry-After; JSON for the sandbox API and /healthz (with ``reason``)."""
    if request.path.startswith("/sandbox/api") or request.path == "/healthz":
        response = jsonify(status="error", database="unavailable",
                           error="The database is unavailable just now. Please try again soon.",
                           **({"reason": reason} if reason else {}))
    else:
        response = Response("The service is unavailable just now. Please try again soon.",
                            mimetype="text/plain")
    response.status_code = 503
    response.headers["Retry-After"] = "30"
    return response


def register(app: Flask, preparation: Preparation) -> None:
    """Check the database is prepared before each request; turn outages into quick 503s, with
    their cause logged."""
    outages = preparation.outages

    @app.before_request
    def database_ready():
        if request.endpoint in (None, "static") or preparation.ready:
            return None
        return None if preparation.try_now() else unavailable()

    @app.errorhandler(DatabaseUnavailable)
    def database_unavailable(exc):
        outages.report(exc)
        return unavailable()

    @app.errorhandler(DBAPIError)
    def database_error(exc):
        if not is_database_down(exc):
            raise exc
        outages.report(exc)
        return unavailable()

    @app.after_request
    def webhook_answered(response: Response) -> Response:
        if request.method == "POST" and 200 <= response.status_code < 300:
            outages.recovered()
        return response
