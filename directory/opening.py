"""Opening hours: is a service open at a moment, and when does it next open (Europe/London).

On a bank holiday (:mod:`directory.holidays`) weekly hours are not trusted: a place open on
every day of the week keeps its Sunday hours (24-hour lines, urgent care, a seven-day pantry);
any other is taken as shut that day. Either says its hours may differ, unless round the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from core.clock import LONDON, london_wall
from directory.holidays import closing_day

#: Three weeks: a weekly session can fall on two holidays in a row (Christmas, New Year).
LOOKAHEAD_DAYS = 21


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
    #: Today is a bank holiday and the place usually opens today (not round the clock):
    #: "shut" (taken as shut; ``next_open`` is after the holiday) or "differ" (a seven-day
    #: place, on its Sunday hours, which may differ); "" on other days.
    holiday: str = ""


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


def _to_midnight(session: Schedule) -> bool:
    return session.closes_at is not None and session.closes_at.strftime("%H:%M") == "23:59"


def runs_all_day(session: Schedule) -> bool:
    """A session from midnight to 23:59: how "24 hours" is kept."""
    return session.opens_at == dt.time(0) and _to_midnight(session)


#: A session from midnight that ends by this hour is the small hours of the evening before (the
#: records split "Thu 18:00-01:00" at midnight): a bank holiday's rule is that evening's.
SMALL_HOURS_END = dt.time(8, 0)


def _small_hours(sessions: list[Schedule]) -> list[bool]:
    """For each session: from midnight, ended by SMALL_HOURS_END, after a session the day
    before that runs to midnight (the rest of that evening)."""
    evenings = {s.weekday for s in sessions if _to_midnight(s)}
    return [s.opens_at == dt.time(0) and s.closes_at is not None
            and s.closes_at <= SMALL_HOURS_END and (s.weekday - 1) % 7 in evenings
            for s in sessions]


def _every_day(sessions: list[Schedule], tails: list[bool], day: dt.date) -> bool:
    """Open on all seven weekdays (not counting small hours), by the sessions valid on ``day``."""
    return len({s.weekday for s, tail in zip(sessions, tails, strict=True)
                if _valid_on(s, day) and not tail}) == 7


def _sessions_on(sessions: list[Schedule], tails: list[bool], day: dt.date,
                 steady: bool) -> list[Schedule]:
    """The sessions held on ``day``. On a bank holiday a seven-day place keeps Sunday's hours
    and any other none, unless round the clock (``steady``); small hours after midnight
    (``tails``) follow the evening before."""
    held = []
    for session, small in zip(sessions, tails, strict=True):
        tail = small and not steady
        evening = day - dt.timedelta(days=1) if tail else day
        weekday = day.weekday()
        if not steady and closing_day(evening):
            if not _every_day(sessions, tails, evening):
                continue
            weekday = 0 if tail else 6  # Sunday's hours (a tail: the small hours after Sunday)
        if session.weekday == weekday and _valid_on(session, day):
            held.append(session)
    return held


def opening_state(schedules: Iterable[Schedule], at: dt.datetime) -> OpeningState:
    """Whether the sessions in ``schedules`` are open at ``at`` and when they next open.

    ``at`` is aware, or naive London wall time.
    """
    every = list(schedules)
    sessions = [s for s in every if s.opens_at is not None and s.closes_at is not None]
    now = london_wall(at)
    today = now.date()
    steady = bool(sessions) and all(runs_all_day(s) for s in sessions)
    tails = _small_hours(sessions)
    daytime = [s for s, tail in zip(sessions, tails, strict=True) if not tail]
    usual = closing_day(today) and not steady and any(
        s.weekday == today.weekday() and _valid_on(s, today)
        for s in (*daytime, *(s for s in every if s.opens_at is None)))
    holiday = ("differ" if _every_day(sessions, tails, today) else "shut") if usual else ""
    untimed = _next_untimed_day([s for s in every if s.opens_at is None], today)
    if not sessions:
        if untimed:
            return OpeningState(None, None, next_day=untimed, holiday=holiday)
        return UNKNOWN
    best: dt.datetime | None = None
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + dt.timedelta(days=offset)
        if untimed == day and best is None:
            return OpeningState(False, None, next_day=day, holiday=holiday)
        spans = [(dt.datetime.combine(day, held.opens_at, tzinfo=LONDON),
                  dt.datetime.combine(day, held.closes_at, tzinfo=LONDON))
                 for held in _sessions_on(sessions, tails, day, steady)
                 if held.opens_at is not None and held.closes_at is not None]
        on_now = [(opens, closes) for opens, closes in spans if opens <= now < closes]
        if on_now:  # open now: till the latest of the sessions it is in
            return OpeningState(True, min(o for o, _ in on_now), max(c for _, c in on_now),
                                holiday=holiday)
        later = [opens for opens, _ in spans if opens > now]
        if later and (best is None or min(later) < best):
            best = min(later)
        if best is not None:
            break
    return OpeningState(False, best, holiday=holiday)


def _next_untimed_day(schedules: list[Schedule], today: dt.date) -> dt.date | None:
    """The first day from today, not a bank holiday, on which an untimed session falls."""
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + dt.timedelta(days=offset)
        if closing_day(day):
            continue
        if any(s.weekday == day.weekday() and _valid_on(s, day) for s in schedules):
            return day
    return None
