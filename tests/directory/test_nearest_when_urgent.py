"""Asked for now with nothing near open (issue 23): what is open farther away leads, then the
nearest place that fits says when it next opens, on the first page (all records fictional)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.clock import LONDON
from directory.fitting import Ask, answer
from directory.places import resolve_place
from tests.directory.test_fitting import _directory, _names, _row

TUE_EVENING = dt.datetime(2026, 12, 8, 18, 0, tzinfo=LONDON)  # a Tuesday


def _three(session, tmp_path: Path) -> None:
    _directory(session, tmp_path,
               _row("Example Church", "Example Evening Meal", "hot-meal", postcode="LS5 3AE",
                    hours="Tue 17:00-20:00"),
               _row("Example Centre", "Example Supper Club", "hot-meal", postcode="LS5 3AL",
                    hours="Tue 17:30-20:30"),
               _row("Example Trust", "Example Food Bank", "food-parcel", postcode="LS9 7TF",
                    hours="Wed 10:00-12:00"))


def test_the_nearest_place_comes_second_when_nothing_near_is_open_now(session, tmp_path):
    _three(session, tmp_path)
    place = resolve_place(session, "LS9 8RU")
    found = answer(session, Ask("food", ("hot-meal", "food-parcel"), urgent=True), place,
                   TUE_EVENING)
    assert found.not_open == "now"
    # Open now, 5.6 km away, leads; the food bank 1.6 km away, open tomorrow, is next, ahead
    # of a second meal farther away that a first SMS may not hold.
    assert _names(found) == ["Example Evening Meal", "Example Food Bank", "Example Supper Club"]
    assert found.results[0].opening.open_now and not found.results[1].opening.open_now
    assert found.results[1].distance_km < found.results[0].distance_km


def test_with_no_time_asked_the_kind_named_first_leads_and_nothing_moves(session, tmp_path):
    _three(session, tmp_path)
    place = resolve_place(session, "LS9 8RU")
    found = answer(session, Ask("food", ("hot-meal", "food-parcel")), place, TUE_EVENING)
    assert not found.not_open
    assert _names(found) == ["Example Evening Meal", "Example Supper Club", "Example Food Bank"]


def test_an_open_place_near_leads_as_ranked(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Church", "Example Evening Meal", "hot-meal", postcode="LS9 7TF",
                    hours="Tue 17:00-20:00"),
               _row("Example Centre", "Example Supper Club", "hot-meal", postcode="LS5 3AL",
                    hours="Tue 17:30-20:30"),
               _row("Example Trust", "Example Lunch Club", "hot-meal", postcode="LS9 8RU",
                    hours="Wed 12:00-14:00"))
    place = resolve_place(session, "LS9 8RU")
    found = answer(session, Ask("food", ("hot-meal",), urgent=True), place, TUE_EVENING)
    # Something that fits is open near: no gap, and what is open now comes before the
    # nearest, which opens tomorrow.
    assert not found.not_open
    assert _names(found) == ["Example Evening Meal", "Example Supper Club",
                             "Example Lunch Club"]


def test_a_place_opening_later_today_keeps_its_place(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Church", "Example Evening Meal", "hot-meal", postcode="LS5 3AE",
                    hours="Tue 16:00-20:00"),
               _row("Example Centre", "Example Supper Club", "hot-meal", postcode="LS9 7TF",
                    hours="Tue 18:00-20:00"),
               _row("Example Trust", "Example Lunch Club", "hot-meal", postcode="LS9 8RU",
                    hours="Mon 12:00-14:00"))
    place = resolve_place(session, "LS9 8RU")
    found = answer(session, Ask("food", ("hot-meal",), urgent=True), place,
                   TUE_EVENING.replace(hour=16, minute=30))
    # Open now farther away, then the supper club opening at six, then Monday's lunch club.
    assert _names(found) == ["Example Evening Meal", "Example Supper Club", "Example Lunch Club"]
