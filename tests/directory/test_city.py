"""Leeds itself as the only place said (issue 23): the whole city, measured from the city
centre; "Leeds" in a name or a life story is still no place."""

from __future__ import annotations

import pytest

from directory.places import resolve_place


@pytest.mark.parametrize("text", [
    "need someone to talk to, it's 2am, leeds", "food bank in leeds open today",
    "any debt advice in Leeds?", "leeds", "LEEDS", "around leeds", "anywhere in leeds",
    "leeds city", "i live in leeds", "night shelter Leeds",
])
def test_the_city_as_the_only_place_is_the_whole_city(session, text):
    place = resolve_place(session, text)
    assert (place.kind, place.label, place.in_leeds, place.ward_code) == ("city", "Leeds", True,
                                                                          None)
    assert place.is_city and place.has_point
    centre = resolve_place(session, "city centre")
    assert (place.latitude, place.longitude) == (centre.latitude, centre.longitude)


@pytest.mark.parametrize("text", [
    "lived in leeds 10 years", "moved to leeds", "leeds united", "Leeds Playhouse",
    "new to Leeds", "I'm from Leeds", "living in leeds for 3 years", "Leeds Road",
    "east leeds", "Leeds-born", "leeds.gov.uk", "Leeds Rhinos", "leeds conservatoire",
])
def test_leeds_in_a_name_or_a_life_story_is_never_a_place(session, text):
    assert not resolve_place(session, text).found


@pytest.mark.parametrize(("text", "label"), [
    ("Leeds Beckett", "Leeds Beckett University"), ("leeds uni", "University of Leeds")])
def test_a_leeds_name_the_gazetteer_lists_is_that_place_not_the_city(session, text, label):
    place = resolve_place(session, text)
    assert (place.found, place.kind, place.label) == (True, "place", label)


@pytest.mark.parametrize(("text", "kind", "label"), [
    ("food bank in Armley, Leeds", "ward", "Armley"),
    ("leeds 9", "outcode", "LS9"),
    ("LS9 8RU leeds", "postcode", "LS9 8RU"),
    ("soup kitchen leeds centre", "place", "Leeds City Centre"),
])
def test_a_nearer_place_said_beside_leeds_wins(session, text, kind, label):
    place = resolve_place(session, text)
    assert (place.kind, place.label) == (kind, label)
