"""Places residents use (issue 23): localities, estates and landmarks from the gazetteer file,
loose postcode districts, and text that is never a place."""

from __future__ import annotations

import csv

import pytest

from directory.places import GAZETTEER_FILE, resolve_place


@pytest.mark.parametrize(("text", "label", "ward"), [
    ("Middleton", "Middleton", "Middleton Park"),
    ("im in belle isle", "Belle Isle", "Middleton Park"),
    ("Sheepscar", "Sheepscar", "Chapel Allerton"),
    ("Bardsey", "Bardsey", "Harewood"),
    ("near Thorpe Park", "Thorpe Park", None),
    ("Elland Road", "Elland Road", "Beeston & Holbeck"),
    ("by kirkgate market", "Kirkgate Market", "Little London & Woodhouse"),
    ("White Rose Centre", "White Rose Centre", "Morley North"),
    ("outside the LGI", "LGI", "Little London & Woodhouse"),
    ("at leeds station now", "Leeds station", "Hunslet & Riverside"),
    ("rough sleeper outside Trinity shopping centre", "Trinity Leeds", "Little London & Woodhouse"),
    ("soup kitchen leeds centre", "Leeds City Centre", None),
    ("lost my job at the warehouse in Cross Green", "Cross Green", "Burmantofts & Richmond Hill"),
    ("sleeping in a doorway on boar lane", "Boar Lane", "Little London & Woodhouse"),
    ("hungry no money Briggate", "Briggate", "Little London & Woodhouse"),
    ("stood outside the Corn Exchange", "Corn Exchange", "Little London & Woodhouse"),
    ("christmas day, hungry, city square", "City Square", "Little London & Woodhouse"),
    ("sleeping rough near Leeds minster", "Leeds Minster", "Little London & Woodhouse"),
    ("free food near Leeds uni, loan comes in next week", "University of Leeds", None),
    ("student at leeds beckett, skint", "Leeds Beckett University", None),
    ("Trinity Leeds", "Trinity Leeds", "Little London & Woodhouse"),
    ("by the royal armouries", "Royal Armouries", "Hunslet & Riverside"),
    ("begging on the headrow", "The Headrow", None),
    ("just been discharged from Seacroft Hospital", "Seacroft Hospital", "Killingbeck & Seacroft"),
    ("leeds trinity uni, horsforth", "Leeds Trinity University", "Horsforth"),
    # A place said beside a Leeds name is where help is wanted.
    ("food bank in armley, i work at leeds uni", "Armley", "Armley"),
    ("a leeds uni student in Harehills", "Harehills", None),
    ("Student at Leeds Beckett living in Hyde Park", "Hyde Park", None),
])
def test_localities_and_landmarks_resolve(session, text, label, ward):
    place = resolve_place(session, text)
    assert (place.found, place.in_leeds, place.label) == (True, True, label)
    if ward:
        assert place.ward_name == ward


@pytest.mark.parametrize("text", ["our minister said to ask you for food",
                                  "moved to leeds met my partner, need food"])
def test_words_like_a_landmark_are_not_it(session, text):
    place = resolve_place(session, text)
    assert place.label not in ("Leeds Minster", "Leeds Beckett University"), place


def test_york_minster_is_york_not_leeds_minster(session):
    place = resolve_place(session, "near York Minster")
    assert place.label == "York" and not place.in_leeds, place


@pytest.mark.parametrize(("text", "outcode"), [
    ("ls 9", "LS9"), ("LS 11", "LS11"), ("Leeds 9", "LS9"), ("crisis loan leeds 12", "LS12"),
])
def test_postcode_districts_written_loosely(session, text, outcode):
    place = resolve_place(session, text)
    assert (place.kind, place.label, place.in_leeds) == ("outcode", outcode, True)


@pytest.mark.parametrize("text", ["ok c u L8R", "M1 was closed", "flat 4, 12 road",
                                  "lived in leeds 10 years"])
def test_text_speak_roads_and_numbers_are_never_places(session, text):
    assert not resolve_place(session, text).found


def test_every_gazetteer_row_names_its_source_and_places_itself_without_invented_points():
    with open(GAZETTEER_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 10
    for row in rows:
        assert row["source"], row["name"]
        placed_by = [bool(row["postcode"]), bool(row["ward_name"]), bool(row["latitude"])]
        assert sum(placed_by) == 1, row["name"]
        if row["latitude"]:  # a cited coordinate only where no sourced postcode was found
            assert "No sourced postcode found" in row["source"]


@pytest.mark.parametrize("text", ["LS21 1AA", "M1 1AE", "Armley", "in seacroft", "Corn Exchange"])
def test_a_place_alone_names_no_need(session, text):
    from bot.understanding.message import understand

    said = understand(text, lambda words: resolve_place(session, words))
    assert said.place is not None and said.needs == ()
