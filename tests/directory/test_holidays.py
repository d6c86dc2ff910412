"""Bank holidays: the days gov.uk lists, and opening hours that do not pretend a place is open
on Christmas Day because it usually opens on Fridays."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from bot.records.requests import add_working_days
from core.clock import LONDON
from directory.holidays import bank_holidays, closing_day
from directory.opening import opening_state
from directory.timing import line_answers_now

D = dt.date

#: As listed on https://www.gov.uk/bank-holidays for England and Wales (read 2026-12-07).
GOV_UK = {
    2026: [D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25),
           D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28)],
    2027: [D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31),
           D(2027, 8, 30), D(2027, 12, 27), D(2027, 12, 28)],
}


@pytest.mark.parametrize("year", sorted(GOV_UK))
def test_the_bank_holidays_are_the_ones_gov_uk_lists(year):
    assert sorted(bank_holidays(year)) == GOV_UK[year]


def test_a_sunday_christmas_keeps_boxing_day_on_monday_and_moves_christmas_to_tuesday():
    days = bank_holidays(2022)
    assert days[D(2022, 12, 26)] == "Boxing Day"
    assert days[D(2022, 12, 27)] == "Christmas Day (substitute day)"
    assert days[D(2022, 1, 3)] == "New Year's Day (substitute day)"


def test_christmas_at_a_weekend_is_still_a_closing_day_though_not_a_bank_holiday():
    assert D(2027, 12, 25) not in bank_holidays(2027)
    assert closing_day(D(2027, 12, 25)) == "Christmas Day"
    assert closing_day(D(2026, 12, 26)) == "Boxing Day"  # a Saturday
    assert closing_day(D(2026, 12, 8)) == ""


def _week(days, opens="09:00", closes="17:00"):
    return [SimpleNamespace(weekday=d, opens_at=dt.time.fromisoformat(opens),
                            closes_at=dt.time.fromisoformat(closes), valid_from=None,
                            valid_to=None) for d in days]


CHRISTMAS_11AM = dt.datetime(2026, 12, 25, 11, 0, tzinfo=LONDON)  # a Friday


def test_a_weekday_place_is_not_open_on_christmas_day_and_says_it_may_be_shut():
    state = opening_state(_week(range(5)), CHRISTMAS_11AM)
    assert state.open_now is False and state.holiday == "shut"
    # Saturday and Sunday it never opens; Monday 28th is Boxing Day's substitute
    assert state.next_open == dt.datetime(2026, 12, 29, 9, 0, tzinfo=LONDON)


def test_the_same_place_on_an_ordinary_friday_is_open_and_says_nothing_of_holidays():
    state = opening_state(_week(range(5)), dt.datetime(2026, 12, 18, 11, 0, tzinfo=LONDON))
    assert state.open_now is True and state.holiday == ""


def test_a_place_shut_on_fridays_anyway_has_no_holiday_to_mention():
    state = opening_state(_week(range(4)), CHRISTMAS_11AM)
    assert state.open_now is False and not state.holiday


def test_a_seven_day_place_keeps_its_sunday_hours_and_says_they_may_differ():
    sessions = _week(range(6)) + _week([6], "10:00", "14:00")
    state = opening_state(sessions, CHRISTMAS_11AM)
    assert state.open_now is True and state.holiday == "differ"
    assert state.closes_at == dt.datetime(2026, 12, 25, 14, 0, tzinfo=LONDON)


def test_a_round_the_clock_line_is_open_with_nothing_to_say():
    state = opening_state(_week(range(7), "00:00", "23:59"), CHRISTMAS_11AM)
    assert state.open_now is True and not state.holiday


def test_a_day_without_times_skips_the_holiday():
    untimed = [SimpleNamespace(weekday=4, opens_at=None, closes_at=None, valid_from=None,
                               valid_to=None)]
    state = opening_state(untimed, CHRISTMAS_11AM)
    assert state.next_day == D(2027, 1, 8) and state.holiday == "shut"  # 1 Jan is a Friday too


def test_an_out_of_hours_line_answers_all_day_on_a_bank_holiday():
    line = SimpleNamespace(line_hours="out-of-hours")
    assert line_answers_now(line, CHRISTMAS_11AM)
    assert not line_answers_now(line, dt.datetime(2026, 12, 18, 11, 0, tzinfo=LONDON))


def test_working_days_skip_bank_holidays():
    wednesday = dt.datetime(2026, 12, 23, 15, 0, tzinfo=LONDON)
    due = add_working_days(wednesday, 2).astimezone(LONDON)
    assert due.date() == D(2026, 12, 29)  # Thu 24th, then Tue 29th (25th and 28th are off)


def test_asked_for_a_bank_holiday_a_place_that_usually_opens_that_day_may_or_may_not():
    """Not left out of "open on new year's day?" as if shut: its hours are unknown that day."""
    from directory.timing import day_start, opens_on

    new_year = D(2027, 1, 1)  # a Friday
    asked_on = dt.datetime(2026, 12, 30, 12, 0, tzinfo=LONDON)
    friday = SimpleNamespace(opening=opening_state(_week([4]), day_start(new_year, asked_on)),
                             line_hours="")
    assert opens_on(friday, new_year) is None
    monday = SimpleNamespace(opening=opening_state(_week([0]), day_start(new_year, asked_on)),
                             line_hours="")
    assert opens_on(monday, new_year) is False


def _session(day, opens, closes, valid_to=None):
    return SimpleNamespace(weekday=day, opens_at=dt.time.fromisoformat(opens),
                           closes_at=dt.time.fromisoformat(closes), valid_from=None,
                           valid_to=valid_to)


EASTER_MONDAY_NOON = dt.datetime(2027, 3, 29, 12, 0, tzinfo=LONDON)


def test_a_weekday_line_open_round_the_clock_stays_open_on_a_bank_holiday():
    state = opening_state(_week(range(5), "00:00", "23:59"), EASTER_MONDAY_NOON)
    assert state.open_now is True and state.holiday == ""


def test_the_small_hours_after_christmas_eve_belong_to_christmas_eve():
    """"Thu 18:00-01:00" is kept as Thu 18:00-23:59 and Fri 00:00-01:00: at 00:30 on Christmas
    morning the Thursday night session is still on."""
    night = [_session(3, "18:00", "23:59"), _session(4, "00:00", "01:00")]
    state = opening_state(night, dt.datetime(2026, 12, 25, 0, 30, tzinfo=LONDON))
    assert state.open_now is True
    assert state.closes_at == dt.datetime(2026, 12, 25, 1, 0, tzinfo=LONDON)


def test_the_small_hours_after_a_bank_holiday_evening_are_shut_with_it():
    night = [_session(0, "18:00", "23:59"), _session(1, "00:00", "01:00")]
    state = opening_state(night, dt.datetime(2027, 3, 30, 0, 30, tzinfo=LONDON))
    assert state.open_now is False
    assert state.next_open == dt.datetime(2027, 4, 5, 18, 0, tzinfo=LONDON)


def test_a_friday_place_before_christmas_next_opens_after_both_holiday_fridays():
    state = opening_state(_week([4]), dt.datetime(2026, 12, 24, 12, 0, tzinfo=LONDON))
    assert state.next_open == dt.datetime(2027, 1, 8, 9, 0, tzinfo=LONDON)


def test_a_place_no_longer_open_on_sundays_is_not_a_seven_day_place():
    ended = D(2026, 11, 29)
    sessions = _week(range(6)) + [_session(6, "10:00", "14:00", valid_to=ended)]
    state = opening_state(sessions, CHRISTMAS_11AM)
    assert state.open_now is False and state.holiday == "shut"


def test_a_stand_alone_night_service_from_midnight_is_not_the_tail_of_an_evening():
    """Mon-Fri 00:00-08:00 with no evening before it: on Easter Monday it is shut at 02:00 (its
    own day's hours), and on the Tuesday after it is open."""
    nights = _week(range(5), "00:00", "08:00")
    assert opening_state(nights, dt.datetime(2027, 3, 29, 2, 0, tzinfo=LONDON)).open_now is False
    assert opening_state(nights, dt.datetime(2027, 3, 30, 2, 0, tzinfo=LONDON)).open_now is True


def test_an_evening_place_open_six_days_and_their_small_hours_is_not_a_seven_day_place():
    evenings = [s for d in range(6) for s in (_session(d, "18:00", "23:59"),
                                               _session((d + 1) % 7, "00:00", "01:00"))]
    state = opening_state(evenings, dt.datetime(2026, 12, 25, 19, 0, tzinfo=LONDON))
    assert state.open_now is False and state.holiday == "shut"


def test_open_now_in_two_sessions_closes_at_the_later():
    """An out-of-hours duty line (Mon-Fri nights and evenings, all weekend): at 02:00 on Easter
    Monday it is in Sunday night's small hours and in the holiday's Sunday hours, till 23:59."""
    duty = [s for d in range(5) for s in (_session(d, "00:00", "08:00"),
                                          _session(d, "17:00", "23:59"))]
    duty += [_session(5, "00:00", "23:59"), _session(6, "00:00", "23:59")]
    state = opening_state(duty, EASTER_MONDAY_NOON.replace(hour=2))
    assert state.open_now is True
    assert state.closes_at == dt.datetime(2027, 3, 29, 23, 59, tzinfo=LONDON)
