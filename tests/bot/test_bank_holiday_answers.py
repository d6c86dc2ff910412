"""On a bank holiday the answer does not send a resident to a place that usually opens on that
weekday (issue 23: open when it is needed): it says the place may be shut and when it next
opens, and an out-of-hours line answers all day. Whole conversations through the engine on a
fictional directory, imported as volunteers write it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.support.fictional import fictional_bot

CHRISTMAS_1100 = dt.datetime(2026, 12, 25, 11, 0)  # a Friday
FRIDAY_1100 = dt.datetime(2026, 12, 18, 11, 0)
ROWS = (
    "Example Trust,Example Pantry,A fictional pantry.,,low-cost-food,1 Example Street,LS9 7AA,"
    "01632 960201,,Mon-Fri 09:00-16:00,,Fictional test record,2026-11-01",
    "Example Trust,Example Housing Line,A fictional out-of-hours homelessness line.,,"
    "housing-tonight,,,01632 960202,,,city,Fictional test record,2026-11-01",
    "Example Trust,Example Housing Office,A fictional housing advice office.,,"
    "homelessness-advice,2 Example Street,LS9 7AA,01632 960203,,Mon-Fri 09:00-17:00,,"
    "Fictional test record,2026-11-01",
)


@pytest.fixture
def say(engine, tmp_path: Path):
    """``say(text, at)``: the bot's replies' text on the fictional directory."""
    return fictional_bot(engine, tmp_path, ROWS, sender="07700 900124")


def _line_of(reply: str, name: str) -> str:
    return next(line for line in reply.splitlines() if re.match(rf"\d\) {name}", line))


def test_a_weekday_pantry_on_christmas_day_says_it_may_be_shut_and_when_it_next_opens(say):
    reply = say("cheap food LS9 7AA", CHRISTMAS_1100)
    line = _line_of(reply, "Example Pantry")
    assert "Bank holiday, may be shut. Next open Tue 9am" in line, reply
    assert "Open now" not in line


def test_the_same_ask_on_an_ordinary_friday_is_open_now(say):
    line = _line_of(say("cheap food LS9 7AA", FRIDAY_1100), "Example Pantry")
    assert "Open now till 4pm" in line and "Bank holiday" not in line


def test_somewhere_to_sleep_on_christmas_morning_leads_with_the_out_of_hours_line(say):
    """On an ordinary Friday morning the out-of-hours line is shut and the office leads; on
    Christmas Day the office is shut and the line answers."""
    holiday = say("nowhere to sleep tonight LS9 7AA", CHRISTMAS_1100)
    assert re.search(r"^1\) Example Housing Line", holiday, re.MULTILINE), holiday
    assert "Answers out of hours" in _line_of(holiday, "Example Housing Line")
    assert "open now" not in holiday.splitlines()[1], holiday  # it answers now
    ordinary = say("nowhere to sleep tonight LS9 7AA", FRIDAY_1100)
    assert "Answers out of hours" in _line_of(ordinary, "Example Housing Line")
    assert "open now" in ordinary.splitlines()[1], ordinary  # the gap line: none open now
