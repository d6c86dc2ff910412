"""The one clock. Logic is handed a clock and asks it for "now"; only this module reads the wall.

A clock is any callable returning an aware UTC datetime. Production passes ``system_clock``;
tests pass ``tests.clock.FakeClock``. A pretend time from the sandbox or ``--now`` is *not* a
clock: it only says what time it is for opening hours (``opening_time``).

It sits in ``directory`` because that is the lowest layer: every other package may import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]

LONDON = ZoneInfo("Europe/London")


def system_clock() -> dt.datetime:
    """The real time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """An aware UTC datetime; a naive value is taken to be UTC already (as stored)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def opening_time(now: dt.datetime, pretend: dt.datetime | None = None) -> dt.datetime:
    """The moment opening hours are judged at, in London: ``pretend`` if given, else ``now``.

    A naive ``pretend`` is read as London wall time, as a volunteer types it.
    """
    if pretend is None:
        return as_utc(now).astimezone(LONDON)
    if pretend.tzinfo is None:
        return pretend.replace(tzinfo=LONDON)
    return pretend.astimezone(LONDON)


def london_day(now: dt.datetime) -> dt.date:
    """The calendar day in Leeds at ``now`` (days and weeks are counted as residents live them)."""
    return as_utc(now).astimezone(LONDON).date()
