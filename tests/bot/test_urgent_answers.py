"""Urgent asks (issue 23): what is open now leads, then what opens later today, then when the
nearest next opens; the gap line says truly what follows it; a need whose first result is open
keeps its place; out of hours, help with energy bills says to ask the supplier for temporary
credit. Whole conversations on a fictional directory, imported as volunteers write it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.wording import copy
from tests.support.fictional import fictional_bot

TUE_0850 = dt.datetime(2026, 12, 8, 8, 50)  # a Tuesday
TUE_1100 = dt.datetime(2026, 12, 8, 11, 0)
SAT_2100 = dt.datetime(2026, 12, 12, 21, 0)  # a Saturday night


def _row(name: str, kinds: str, postcode: str = "", hours: str = "", area: str = "",
         needs: str = "", phone: str = "01632 960100") -> str:
    address = "1 Example Street" if postcode else ""
    return (f"Example Trust,{name},A fictional service.,{needs},{kinds},{address},{postcode},"
            f"{phone},,{hours},{area},Fictional test record,2026-11-01")


@pytest.fixture
def directory(engine, tmp_path: Path):
    """A fictional directory on the Leeds geography; returns a way to say something at a time."""
    return lambda *rows: fictional_bot(engine, tmp_path, rows)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"\d+\) ", line)]


def test_food_of_another_kind_open_now_keeps_the_food_ask_first_and_the_gap_says_so(directory):
    say = directory(
        _row("Example Food Bank", "food-parcel", "LS9 8RU", "Tue 10:00-12:00"),
        _row("Example Breakfast Cafe", "hot-meal", "LS9 7TF", "Mon-Fri 07:00-13:00"),
        _row("Example Day Centre", "homelessness-advice; benefits-advice (side)", "LS9 8RU",
             "Mon-Fri 08:00-16:00"))
    text = say("universal credit not paid, nothing in the cupboards, LS9 8RU, "
               "where can i get food today", TUE_0850)
    # The food asked for comes first: something to eat is open now, if not a food bank.
    assert text.index("Food support:") < text.index("Money advice:"), text
    assert "We don't list a food bank open now near LS9 8RU. Open now first:\n" \
           "1) Example Breakfast Cafe" in text, text
    # ... and the food bank says when it opens, today.
    assert "Example Food Bank" in text and "Next open today 10am" in text, text


def test_the_gap_line_says_the_nearest_and_when_they_open_when_they_are_shut(directory):
    say = directory(_row("Example Food Bank", "food-parcel", "LS9 8RU", "Thu 10:00-12:00"))
    text = say("emergency food now LS9 8RU", TUE_1100)
    assert "We don't list a food bank open now near LS9 8RU. The nearest, and when they " \
           "open:" in text, text
    assert "Next open Thu 10am" in _lines(text)[0], text


def test_the_gap_line_never_promises_times_that_none_of_them_publishes(directory):
    say = directory(_row("Example Food Bank", "food-parcel", "LS9 8RU"),
                    _row("Example Pantry", "food-parcel", "LS9 7TF"))
    text = say("emergency food now LS9 8RU", SAT_2100)
    assert "We don't list a food bank open now near LS9 8RU. The nearest:\n" in text, text
    assert "when they open" not in text


def test_food_of_another_kind_opening_later_today_is_listed_soonest_first(directory):
    say = directory(
        _row("Example Food Bank", "food-parcel", "LS9 8RU", "Thu 10:00-12:00"),
        _row("Example Late Meal", "hot-meal", "LS9 8RU", "Tue 20:00-21:00",
             phone="01632 960101"),
        _row("Example Evening Meal", "hot-meal", "LS9 7TF", "Tue 18:00-19:30",
             phone="01632 960102"),
        _row("Example Wednesday Lunch", "hot-meal", "LS9 8RU", "Wed 12:00-13:00",
             phone="01632 960103"))
    text = say("emergency food now LS9 8RU", TUE_1100.replace(hour=16))
    names = [line.split(") ", 1)[1].split(" (")[0] for line in _lines(text)]
    # Tonight's meals (the nearer one opens later), then the food bank and when it opens; a
    # meal of another kind that is not on today helps nobody tonight.
    assert names == ["Example Evening Meal", "Example Late Meal", "Example Food Bank"], text
    assert "Next open today 6pm" in text and "Next open Thu 10am" in text


def test_out_of_hours_energy_help_says_to_ask_the_supplier_and_when_help_next_opens(directory):
    say = directory(_row("Example Energy Advice", "energy-bills", area="city",
                         hours="Mon-Fri 09:00-17:00", needs="energy"))
    text = say("electric run out, cant top up, LS9 8RU", SAT_2100)
    assert copy.SUPPLIER_CREDIT in text, text
    assert "We don't list help with energy bills open now near LS9 8RU. The nearest, and " \
           "when they open:" in text, text
    assert "Example Energy Advice" in text and "Next open Mon 9am" in text, text
    # When the advice line is open, it is the answer: no supplier line.
    open_text = say("electric run out, cant top up, LS9 8RU", TUE_1100, sender="07700 900124")
    assert copy.SUPPLIER_CREDIT not in open_text and "Open now" in _lines(open_text)[0]


def test_the_supplier_line_and_the_gap_line_are_kept_and_shown_again_on_more(directory):
    rows = [_row(f"Example Energy Advice {n}", "energy-bills", area="city",
                 hours="Mon-Fri 09:00-17:00", needs="energy", phone=f"01632 96010{n}")
            for n in range(1, 6)]
    say = directory(*rows)
    first = say("electric run out, cant top up, LS9 8RU", SAT_2100)
    assert copy.SUPPLIER_CREDIT in first and "MORE" in first, first
    more = say("MORE", SAT_2100)
    assert _lines(more) and copy.SUPPLIER_CREDIT not in more, more


def test_another_need_open_a_little_farther_away_leads_an_urgent_ask(directory):
    say = directory(
        _row("Example Energy Advice", "energy-bills", area="city", hours="Mon-Fri 09:00-17:00",
             needs="energy", phone="01632 960101"),
        _row("Example Saturday Food Bank", "food-parcel", "LS14 6JA", "Sat 10:00-12:00",
             phone="01632 960102"))
    text = say("cant top up my meter and need a food bank asap, LS9 8RU", SAT_2100.replace(hour=11))
    # Nothing for the meter is open on a Saturday; a food bank 5 km away is: it leads.
    assert text.index("Food support:") < text.index("Heating help:"), text
    assert "Open now" in _lines(text)[0] and "Example Saturday Food Bank" in _lines(text)[0]


def test_a_day_asked_says_when_each_place_opens_that_day(directory):
    say = directory(_row("Example Food Bank", "food-parcel", "LS9 8RU",
                         "Wed 10:00-12:00; Fri 10:00-12:00"))
    # Asked on a Tuesday for Friday: not "Next open tomorrow" (Wednesday), but Friday's time.
    text = say("food bank LS9 8RU open on friday", TUE_1100)
    assert "Example Food Bank" in text and "Next open Fri 10am" in text, text
    assert "tomorrow" not in text, text


def test_a_bed_tonight_leads_an_urgent_ask_for_a_meal_and_a_bed(directory):
    """"A hot meal tonight and a bed": the first SMS holds one need, and somewhere to sleep
    (with the line answering now) matters more tonight than a meal; asked for a later day
    (not urgent), the order named stands."""
    say = directory(
        _row("Example Soup Kitchen", "hot-meal", "LS9 8RU", "Mon-Sun 18:00-23:00"),
        _row("Example Night Line", "housing-tonight", hours="24 hours", area="Leeds"))
    text = say("i need a hot meal tonight and a bed, LS9 8RU", SAT_2100)
    assert text.index("Housing help:") < text.index("Food support:"), text
    assert _lines(text)[0].startswith("1) Example Night Line"), text
    later = say("a hot meal and a hostel bed on friday, LS9 8RU", TUE_1100,
                sender="07700 900124")
    assert later.index("Food support:") < later.index("Housing help:"), later


def test_a_bed_tonight_leads_even_when_only_a_meal_is_open_now(directory):
    """Named first, the bed keeps the lead though it opens later and the meal is open now."""
    say = directory(
        _row("Example Soup Kitchen", "hot-meal", "LS9 8RU", "Mon-Sun 18:00-23:00"),
        _row("Example Night Shelter", "housing-tonight", "LS9 7TF", "Mon-Sun 22:00-23:59"))
    text = say("somewhere to sleep tonight and a hot meal, LS9 8RU", SAT_2100)
    assert text.index("Housing help:") < text.index("Food support:"), text
    assert _lines(text)[0].startswith("1) Example Night Shelter"), text


def test_the_money_line_beside_one_food_result_survives_another_need_leading(directory):
    """Each need's first result leads a page of several; a section with no second result stays
    whole (until the eleventh pass its money line was dropped)."""
    say = directory(
        _row("Example Food Bank", "food-parcel", "LS9 8RU", "Thu 10:00-12:00"),
        _row("Example Warm Room", "warm-space", "LS9 7TF", "Mon-Sun 08:00-20:00"),
        _row("Example Money Advice", "benefits-advice", hours="Mon-Fri 09:00-17:00",
             area="Leeds"))
    text = say("food bank and a warm space now, LS9 8RU", TUE_1100)
    # The warm room open now leads; the food bank's one result keeps the money line under it.
    assert text.index("Heating help:") < text.index("Food support:"), text
    assert "Money worries? Example Money Advice" in text, text
