"""``/healthz``: is the database there and taking writes? Answered within HEALTH_SECONDS, always.

The check writes (rewrites the heartbeat row and commits), so a read-only or full database,
or one whose write lock another process holds, is reported, not just one that cannot be reached.
It runs on a helper thread, one check at a time, so a hung database costs a prompt 503 rather
than a hung request. Webhooks that met a database outage in the last minute, with none
answered since, also turn it red (see faults.Outages): it says what residents are getting.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

from flask import Flask, Response, jsonify
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from core.clock import Clock
from core.db import counts, session_scope, write_heartbeat
from webhooks.faults import Outages, unavailable

#: /healthz waits this long for the database, then says it is not answering.
HEALTH_SECONDS = 1.5


class HealthCheck:
    """One database check at a time on a helper thread; callers wait a bounded time for it."""

    def __init__(self, engine: Engine, clock: Clock, seconds: float = HEALTH_SECONDS) -> None:
        self.engine = engine
        self.clock = clock
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
                write_heartbeat(session, self.clock())
                loaded = counts(session)
        except BaseException as exc:  # handed to the waiting request
            result.set_exception(exc)
        else:
            result.set_result(loaded)


def register(app: Flask, engine: Engine, clock: Clock, outages: Outages) -> None:
    """Serve ``/healthz``."""
    check = HealthCheck(engine, clock)

    @app.get("/healthz")
    def healthz() -> Response:
        try:
            loaded = check.run()
        except TimeoutError:
            outages.report(f"no answer within {check.seconds:g} s", "the health check failed",
                           health_check=True)
            return unavailable(f"no answer within {check.seconds:g} s")
        except SQLAlchemyError as exc:
            outages.report(exc, "the health check failed", health_check=True)
            return unavailable("its check (one small write) failed")
        outages.recovered(health_check=True)
        if outages.current() is not None:
            return unavailable("webhooks met a database error in the last minute")
        return jsonify(status="ok", database="ok", **loaded)
