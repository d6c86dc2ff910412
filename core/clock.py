"""The one clock. Logic is handed a clock and asks it for "now"; it never reads the wall itself.

A clock is any callable returning an aware UTC datetime. Nothing here reads the wall clock:
production passes ``webhooks.wall_clock.system_clock``; tests pass ``tests.clock.FakeClock``.
A pretend time from the sandbox or ``--now`` is *not* a clock: it only says what time it is for
opening hours (``opening_time``), and when the sandbox's practice follow-ups are agreed, due
and answered (``handlers/followup.py``).

The type and the time helpers sit in ``directory`` because that is the lowest layer: every other
package may import them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]

LONDON = ZoneInfo("Europe/London")


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
    return london_wall(pretend)


def london_wall(at: dt.datetime) -> dt.datetime:
    """``at`` in London; a naive value is London wall time already (as opening hours read it)."""
    return at.replace(tzinfo=LONDON) if at.tzinfo is None else at.astimezone(LONDON)


def london_day(now: dt.datetime) -> dt.date:
    """The calendar day in Leeds at ``now`` (days and weeks are counted as residents live them)."""
    return as_utc(now).astimezone(LONDON).date()
