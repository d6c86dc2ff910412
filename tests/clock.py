"""A fake clock for tests: it says the time it is set to, and moves only when told."""

from __future__ import annotations

import datetime as dt

from core.clock import LONDON


class FakeClock:
    """Call it for "now" (aware UTC). Naive start times are read as London wall time."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start.replace(tzinfo=LONDON) if start.tzinfo is None else start
        self.now = self.now.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        """Move on by ``timedelta(**delta)`` and return the new time."""
        self.now += dt.timedelta(**delta)
        return self.now

    def set(self, when: dt.datetime) -> None:
        self.now = FakeClock(when).now
