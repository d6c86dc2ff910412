"""A day named for a holiday is the day asked (issue 23: "open today", "tomorrow" and "on
Sunday" filter by the day asked): "anywhere open christmas day?" asks about the 25th."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.understanding.kinds import read_timing


@pytest.mark.parametrize(("text", "at", "day"), [
    ("is anywhere open christmas day for dinner?", dt.datetime(2026, 12, 23, 17), (12, 25)),
    ("Whats open on new years day for food? Hunslet", dt.datetime(2026, 12, 30, 18), (1, 1)),
    ("food bank open boxing day LS9", dt.datetime(2026, 12, 26, 10), (12, 26)),
    ("anything on xmas eve for the kids", dt.datetime(2026, 12, 20, 10), (12, 24)),
    ("somewhere to go new year's eve, on my own", dt.datetime(2026, 12, 29, 10), (12, 31)),
])
def test_a_holiday_named_within_a_fortnight_is_the_day_asked(text, at, day):
    asked = read_timing(text, at, "food").day
    assert asked is not None and (asked.month, asked.day) == day


def test_a_holiday_months_away_or_past_is_no_day_asked():
    assert read_timing("christmas day dinner", dt.datetime(2027, 3, 1, 10), "food").day is None
    assert read_timing("was on my own on boxing day", dt.datetime(2027, 1, 5), "social").day \
        is None


def test_a_weekday_named_wins_over_the_holiday():
    at = dt.datetime(2026, 12, 21, 10)  # a Monday
    assert read_timing("open tuesday or christmas day?", at, "food").day == dt.date(2026, 12, 22)


@pytest.mark.parametrize("text", [
    "eviction is on christmas eve", "court is boxing day", "open after boxing day?",
    "before christmas day can i get a food parcel", "anything till new years day?",
])
def test_a_holiday_that_says_when_something_happens_or_a_bound_is_no_day_asked(text):
    assert read_timing(text, dt.datetime(2026, 12, 20, 11), "food").day is None


def test_open_over_christmas_day_asks_about_christmas_day():
    asked = read_timing("are you open over christmas day", dt.datetime(2026, 12, 20, 11), "food")
    assert asked.day == dt.date(2026, 12, 25)


def test_somewhere_to_stay_asked_on_a_bank_holiday_is_urgent_as_at_a_weekend():
    easter_monday, tuesday = dt.datetime(2027, 3, 29, 11), dt.datetime(2027, 3, 30, 11)
    assert read_timing("need somewhere to stay", easter_monday, "housing",
                       ("housing-tonight",)).urgent
    assert not read_timing("need somewhere to stay", tuesday, "housing",
                           ("housing-tonight",)).urgent


def test_saying_one_is_homeless_on_a_bank_holiday_is_urgent_as_at_a_weekend():
    christmas = dt.datetime(2026, 12, 25, 11)
    assert read_timing("im homeless in armley", christmas, "housing").urgent
    assert not read_timing("im homeless in armley", dt.datetime(2026, 12, 22, 11),
                           "housing").urgent
