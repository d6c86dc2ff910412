"""Times, days, months and distances in the turn's language.

English keeps its own short forms ("4pm", "Mon", "Jan 2026", "1.2"); the other languages use
the Unicode CLDR's names and separators through Babel (reviewed data, not our drafts), with
24-hour times ("16:00") and Western digits, as phone numbers and postcodes are written.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_day_names
from babel.numbers import format_decimal

from bot.languages import ENGLISH, language
from bot.wording.i18n import current_language

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FULL_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _locale() -> str:
    return current_language().replace("-", "_")


def clock_time(value: dt.time | dt.datetime) -> str:
    """10am, 4pm, 9:30am, 12pm in English; 10:00, 16:00, 9:30 elsewhere."""
    if not language(current_language()).twelve_hour:
        return f"{value.hour}:{value.minute:02d}"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def short_day(weekday: int) -> str:
    """Mon, Tue... (0 is Monday): the short name where the language has one."""
    if current_language() == ENGLISH:
        return DAYS[weekday]
    return get_day_names("abbreviated", locale=_locale())[weekday]


def full_day(name: str) -> str:
    """An English day's name ("Sunday") in the turn's language; other words as they are."""
    if current_language() == ENGLISH or name not in FULL_DAYS:
        return name
    return get_day_names("wide", locale=_locale())[FULL_DAYS.index(name)]


def month_year(day: dt.date | None) -> str | None:
    """"Jan 2026"."""
    if day is None:
        return None
    if current_language() == ENGLISH:
        return day.strftime("%b %Y")
    return format_date(day, "MMM y", locale=_locale())


def day_month(day: dt.date, with_year: bool = False) -> str:
    """"1 Nov", or "31 Mar 2027" ``with_year``."""
    if current_language() == ENGLISH:
        return day.strftime("%-d %b %Y" if with_year else "%-d %b")
    return format_date(day, "d MMM y" if with_year else "d MMM", locale=_locale())


def decimal(value: float, places: int) -> str:
    """A distance's number: "1.2" in English, "1,2" in Polish."""
    if current_language() == ENGLISH:
        return f"{value:.{places}f}"
    return format_decimal(round(value, places), "0." + "0" * places if places else "0",
                          locale=_locale())
