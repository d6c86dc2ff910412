"""Opening hours: is a service open at a moment, and when does it next open (Europe/London)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from core.clock import LONDON

LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class OpeningState:
    #: True or False when sessions are known; None when the source publishes no times.
    open_now: bool | None
    #: The start of the current or next session, in Europe/London time, or None.
    next_open: dt.datetime | None
    #: When the current session closes, if open now.
    closes_at: dt.datetime | None = None
    #: The next day the source names without times ("Thu, times not published"), when no
    #: timed session comes first.
    next_day: dt.date | None = None


UNKNOWN = OpeningState(open_now=None, next_open=None)


class Schedule(Protocol):
    """A weekly session as opening hours read it: a Schedule row, or the search index's copy."""

    @property
    def weekday(self) -> int: ...
    @property
    def opens_at(self) -> dt.time: ...
    @property
    def closes_at(self) -> dt.time: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_to(self) -> dt.date | None: ...


def _valid_on(schedule: Schedule, day: dt.date) -> bool:
    if schedule.valid_from and day < schedule.valid_from:
        return False
    return not (schedule.valid_to and day > schedule.valid_to)


def opening_state(schedules: Iterable[Schedule], at: dt.datetime) -> OpeningState:
    """Whether the sessions in ``schedules`` are open at ``at`` and when they next open.

    ``at`` is aware, or naive London wall time.
    """
    every = list(schedules)
    sessions = [s for s in every if s.opens_at is not None and s.closes_at is not None]
    now = at.replace(tzinfo=LONDON) if at.tzinfo is None else at.astimezone(LONDON)
    untimed = _next_untimed_day([s for s in every if s.opens_at is None], now.date())
    if not sessions:
        return OpeningState(None, None, next_day=untimed) if untimed else UNKNOWN
    best: dt.datetime | None = None
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = now.date() + dt.timedelta(days=offset)
        if untimed == day and best is None:
            return OpeningState(False, None, next_day=day)
        for schedule in sessions:
            if schedule.weekday != day.weekday() or not _valid_on(schedule, day):
                continue
            assert schedule.opens_at is not None and schedule.closes_at is not None
            opens = dt.datetime.combine(day, schedule.opens_at, tzinfo=LONDON)
            closes = dt.datetime.combine(day, schedule.closes_at, tzinfo=LONDON)
            if opens <= now < closes:
                return OpeningState(True, opens, closes)
            if opens > now and (best is None or opens < best):
                best = opens
        if best is not None:
            break
    return OpeningState(False, best)


def _next_untimed_day(schedules: list[Schedule], today: dt.date) -> dt.date | None:
    """The first day from today on which an untimed session falls."""
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + dt.timedelta(days=offset)
        if any(s.weekday == day.weekday() and _valid_on(s, day) for s in schedules):
            return day
    return None
