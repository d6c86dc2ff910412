"""Bank holidays in England, and the days most places shut however the calendar falls.

The days follow the rules gov.uk publishes for England and Wales
(https://www.gov.uk/bank-holidays, read 2026-12-07): New Year's Day, Good Friday, Easter
Monday, the first and last Mondays of May, the last Monday of August, Christmas Day and Boxing
Day, a day falling at a weekend moved to the next weekday not already a holiday. One-off days
proclaimed for an occasion (a coronation, a jubilee) cannot be worked out ahead; a year that
has one needs it added to :data:`ONE_OFF`.

Christmas Day, Boxing Day and New Year's Day themselves count as closing days even at a
weekend: a place that opens on Saturdays is not open on Christmas Day because it is a Saturday.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

#: Proclaimed one-off bank holidays (England), by date, as gov.uk lists them.
ONE_OFF: dict[dt.date, str] = {}
#: Bank holidays gov.uk lists as moved in a given year: the rule's date -> the day kept.
MOVED: dict[dt.date, dt.date] = {}


def _easter_sunday(year: int) -> dt.date:
    """Western Easter (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
    return last - dt.timedelta(days=last.weekday())


def _next_free_weekday(day: dt.date, taken: set[dt.date]) -> dt.date:
    while day.weekday() >= 5 or day in taken:
        day += dt.timedelta(days=1)
    return day


@lru_cache(maxsize=16)
def bank_holidays(year: int) -> dict[dt.date, str]:
    """England's bank holidays in ``year``, date -> name."""
    easter = _easter_sunday(year)
    fixed = {
        easter - dt.timedelta(days=2): "Good Friday",
        easter + dt.timedelta(days=1): "Easter Monday",
        _first_monday(year, 5): "Early May bank holiday",
        _last_monday(year, 5): "Spring bank holiday",
        _last_monday(year, 8): "Summer bank holiday",
    }
    days = {MOVED.get(day, day): name for day, name in fixed.items()}
    dated = [(MOVED.get(day, day), name) for day, name in (
        (dt.date(year, 1, 1), "New Year's Day"), (dt.date(year, 12, 25), "Christmas Day"),
        (dt.date(year, 12, 26), "Boxing Day"))]
    days.update({day: name for day, name in dated if day.weekday() < 5})
    for day, name in dated:  # then a weekend one moves to the next weekday still free
        if day.weekday() >= 5:
            days[_next_free_weekday(day, set(days))] = f"{name} (substitute day)"
    days.update({day: name for day, name in ONE_OFF.items() if day.year == year})
    return days


def closing_day(day: dt.date) -> str:
    """The name of the holiday on ``day`` if most places shut for it ("" if none): a bank
    holiday, or Christmas Day, Boxing Day or New Year's Day at a weekend."""
    name = bank_holidays(day.year).get(day)
    if name:
        return name
    return {(12, 25): "Christmas Day", (12, 26): "Boxing Day", (1, 1): "New Year's Day"}.get(
        (day.month, day.day), "")
