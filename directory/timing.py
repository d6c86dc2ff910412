"""When a result is open: now, a line answering now, on a day asked, later today."""

from __future__ import annotations

import datetime as dt

from core.clock import LONDON, london_wall
from directory.holidays import closing_day
from directory.results import SearchResult

#: Office hours (Mon-Fri, not bank holidays): an out-of-hours line answers outside them.
OFFICE_HOURS = (dt.time(9, 0), dt.time(17, 0))


def line_answers_now(result: SearchResult, at: dt.datetime) -> bool:
    """A line that its own words say answers at ``at``: 24 hours, or out of hours then."""
    if result.line_hours != "out-of-hours":
        return result.line_hours == "24h"
    now = london_wall(at)
    start, end = OFFICE_HOURS
    return now.weekday() >= 5 or not start <= now.time() < end or bool(closing_day(now.date()))


def open_in_time(result: SearchResult, at: dt.datetime) -> bool:
    """Open now, or a line that answers now."""
    if result.opening.open_now:
        return True
    return result.opening.open_now is None and line_answers_now(result, at)


def day_start(day: dt.date, at: dt.datetime) -> dt.datetime:
    """The moment a day asked begins for opening hours: now if it is today, else midnight."""
    now = london_wall(at)
    return now if day <= now.date() else dt.datetime.combine(day, dt.time(0), tzinfo=LONDON)


def opens_on(on_day: SearchResult, day: dt.date) -> bool | None:
    """Whether a result (its opening read at :func:`day_start`) opens on ``day``: True,
    False, or None when its hours are not published (a 24-hour line: True) or ``day`` is a
    bank holiday on which it would usually open (it may, or may not)."""
    opening = on_day.opening
    if opening.holiday == "shut":
        return None
    if opening.open_now is None and opening.next_day is None:
        return True if on_day.line_hours == "24h" else None
    if opening.open_now:
        return True
    nxt = opening.next_open.date() if opening.next_open else opening.next_day
    return nxt == day


def opens_later_today(result: SearchResult, at: dt.datetime) -> bool:
    """Not open now, but opening at a published time later today (a day named without times,
    "Tue (coffee morning)", may be over already, so it does not count)."""
    opening = result.opening
    return opening.open_now is False and opening.next_open is not None and \
        opening.next_open.date() == london_wall(at).date()
