"""Kinds of help the eleventh pass reads where the words say them, and look-alikes it must not
(issue 23): found on the development scenarios, which are readable data."""

from __future__ import annotations

import pytest

from bot.understanding.kinds import read_kinds


@pytest.mark.parametrize("text", [
    "saturday night, no money, no food, in a hostel in LS2. kitchen's locked. anything?",
    "im in the hostel on the headrow and need a food parcel",
])
def test_a_hostel_lived_in_is_not_a_hostel_asked_for(text):
    assert "housing-tonight" not in read_kinds(text)


@pytest.mark.parametrize("text", [
    "any hostel beds free in town",
    "can i get a bed in a hostel, just been kicked out",
    "need a hostel",
    "how do i get in a hostel",
])
def test_a_hostel_asked_for_is_somewhere_to_sleep(text):
    assert "housing-tonight" in read_kinds(text)


def test_cannot_stop_crying_tonight_is_not_a_bed_asked_for():
    """"Stop" is a bed ("somewhere to stop tonight"), not "can't stop crying": with a bed
    tonight leading an urgent answer, the misreading put a housing line before someone to
    talk to."""
    assert read_kinds("cant stop crying, need to talk to someone tonight") == ("talk-now",)
    assert "housing-tonight" in read_kinds("somewhere to stop tonight, Armley")


def test_getting_into_a_hostel_is_asking_for_one():
    assert "housing-tonight" in read_kinds("can you get me in a hostel")
    assert "housing-tonight" in read_kinds("need help getting into a hostel")
