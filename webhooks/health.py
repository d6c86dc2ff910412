"""``/healthz``: can the database be reached? Answered within HEALTH_SECONDS, always.

The check runs on a helper thread, one check at a time, so a hung database (a frozen server, a
write lock held by a long import) costs a prompt 503 rather than a hung request.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future

from flask import Flask, Response, jsonify
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from directory.db import counts, session_scope
from webhooks.faults import unavailable

log = logging.getLogger(__name__)

#: /healthz waits this long for the database, then says it is not answering.
HEALTH_SECONDS = 1.5


class HealthCheck:
    """One database check at a time on a helper thread; callers wait a bounded time for it."""

    def __init__(self, engine: Engine, seconds: float = HEALTH_SECONDS) -> None:
        self.engine = engine
        self.seconds = seconds
        self._pending: Future | None = None
        self._lock = threading.Lock()

    def run(self) -> dict[str, int]:
        """What is loaded; raises TimeoutError, or the database's error."""
        with self._lock:
            if self._pending is None or self._pending.done():
                self._pending = Future()
                threading.Thread(target=self._check, args=(self._pending,), name="healthz",
                                 daemon=True).start()
            pending = self._pending
        return pending.result(timeout=self.seconds)

    def _check(self, result: Future) -> None:
        try:
            with session_scope(self.engine) as session:
                loaded = counts(session)
        except BaseException as exc:  # handed to the waiting request
            result.set_exception(exc)
        else:
            result.set_result(loaded)


def register(app: Flask, engine: Engine) -> None:
    """Serve ``/healthz``."""
    check = HealthCheck(engine)

    @app.get("/healthz")
    def healthz() -> Response:
        try:
            loaded = check.run()
        except TimeoutError:
            log.error("Health check: no answer from the database within %g s", check.seconds)
            return unavailable()
        except SQLAlchemyError as exc:
            log.error("Health check: the database is unreachable (%s)", type(exc).__name__)
            return unavailable()
        return jsonify(status="ok", database="ok", **loaded)
