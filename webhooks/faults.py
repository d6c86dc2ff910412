"""When the database is down: answer 503 at once (Twilio then tries its fallback URL, Telegram
retries later), log it, and recover by itself when the database is back."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, jsonify, request
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from webhooks.preparation import ensure_prepared

log = logging.getLogger(__name__)

#: Wait at least this long between attempts to prepare an unreachable database.
RETRY_SECONDS = 5.0


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached just now."""


#: SQLite reports some programming mistakes as "operational" errors: those are not outages.
_NOT_OUTAGES = ("no such table", "no such column", "syntax error", "has no column")


def is_database_down(exc: BaseException) -> bool:
    """True for a database that cannot be reached or used just now (not for our own bugs)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError):
        return not any(words in str(exc.orig).lower() for words in _NOT_OUTAGES)
    return False


class Preparation:
    """Remembers whether the database is prepared; tries again, now and then, until it is.

    The quick check uses the app's engine; preparing (migrations, loading the Leeds data) uses a
    ``batch`` engine, whose statements may take as long as they need."""

    def __init__(self, engine: Engine, instance_path: Path,
                 batch: Callable[[], Engine] | None = None) -> None:
        self.engine = engine
        self.instance_path = instance_path
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
                log.error("Database unreachable; answering 503 until it is back (%s)",
                          type(exc).__name__)
                return False
            self.ready = True
            log.info("Database ready")
            return True


def unavailable() -> Response:
    if request.path.startswith("/sandbox/api") or request.path == "/healthz":
        response = jsonify(status="error", database="unavailable",
                           error="The database is unavailable just now. Please try again soon.")
    else:
        response = Response("The service is unavailable just now. Please try again soon.",
                            mimetype="text/plain")
    response.status_code = 503
    response.headers["Retry-After"] = "30"
    return response


def register(app: Flask, preparation: Preparation) -> None:
    """Check the database is prepared before each request; turn outages into quick 503s."""

    @app.before_request
    def database_ready():
        if request.endpoint in (None, "static") or preparation.ready:
            return None
        return None if preparation.try_now() else unavailable()

    @app.errorhandler(DatabaseUnavailable)
    def database_unavailable(_exc):
        return unavailable()

    @app.errorhandler(OperationalError)
    def database_error(exc):
        if not is_database_down(exc):
            raise exc
        log.error("Database error: answering 503 (%s)", exc.orig.__class__.__name__)
        return unavailable()
