"""Places: what a resident types becomes a point and a ward, or is recognised as outside Leeds."""

from __future__ import annotations

import pytest

from directory.formats.records import LocationRecord, Origin
from directory.importing.geography import Geography
from directory.importing.readings import read_location
from directory.places import resolve_place, resolve_point
from directory.postcodes import normalise_postcode


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("LS9 8RU", "LS9 8RU"),
        ("ls98ru", "LS9 8RU"),
        ("  Ls9   8rU. ", "LS9 8RU"),
        ("LS9-8RU", "LS9 8RU"),
        ("LSI0 4EY", "LS10 4EY"),  # I for 1
        ("LS1O 4EY", "LS10 4EY"),  # O for 0
        ("LS6 IAN", "LS6 1AN"),  # I for 1 in the inward code
        ("M1 1AE", "M1 1AE"),
        ("hello", None),
        ("LS9", None),
        ("nobody", None),  # N0B 0DY only after putting O right: no digit as typed
        ("LSIO IAN", None),
    ],
    ids=lambda v: str(v),
)
def test_normalise_postcode(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    ("typed", "kind", "label", "ward"),
    [
        ("LS9 8RU", "postcode", "LS9 8RU", "Burmantofts & Richmond Hill"),
        ("ls98ru", "postcode", "LS9 8RU", "Burmantofts & Richmond Hill"),
        ("food bank near ls98ru", "postcode", "LS9 8RU", "Burmantofts & Richmond Hill"),
        ("LS6 1", "sector", "LS6 1", "Headingley & Hyde Park"),
        ("LS9", "outcode", "LS9", "Burmantofts & Richmond Hill"),
        ("Harehills", "place", "Harehills", "Gipton & Harehills"),
        ("harehils", "place", "Harehills", "Gipton & Harehills"),
        ("chapletown", "place", "Chapeltown", "Chapel Allerton"),
        ("i live in armley", "ward", "Armley", "Armley"),
        ("im in harehills", "place", "Harehills", "Gipton & Harehills"),
        ("headingly", "place", "Headingley", "Headingley & Hyde Park"),
        ("Gipton & Harehills", "ward", "Gipton & Harehills", "Gipton & Harehills"),
        ("beeston", "place", "Beeston", "Beeston & Holbeck"),
    ],
    ids=lambda v: str(v),
)
def test_resolves_places_in_leeds(session, typed, kind, label, ward):
    place = resolve_place(session, typed)
    assert (place.kind, place.label, place.ward_name, place.in_leeds) == (kind, label, ward, True)
    assert 53.6 < place.latitude < 54.0 and -1.9 < place.longitude < -1.2


def test_terminated_postcode_falls_back_to_inactive_list(session):
    place = resolve_place(session, "BD1 1JS")  # in the inactive list, ward Morley North
    assert place.kind == "postcode" and place.in_leeds and place.ward_name == "Morley North"


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("LS29", "outcode"),  # Ilkley: mostly Bradford
        ("LS24 9AA", "postcode"),  # Tadcaster
        ("M1 1AE", "postcode"),  # Manchester
        ("BD1", "outcode"),
        ("SW1A 1AA", "postcode"),
        ("LS99 9ZZ", "postcode"),  # no such postcode: the README's example outside Leeds
        ("LS9 9ZZ", "postcode"),  # in a Leeds sector, but not in the Leeds list
    ],
    ids=lambda v: str(v),
)
def test_outside_leeds_is_never_treated_as_leeds(session, typed, kind):
    place = resolve_place(session, typed)
    assert place.kind == kind
    assert place.in_leeds is False
    assert place.ward_code is None


@pytest.mark.parametrize("typed", ["hello", "i need food", "more", "", "12345", "b4 tomorrow",
                                   "nobody cares", "see you soon", "bob", "i've told nobody",
                                   "sorry to bother you"])
def test_no_place(session, typed):
    assert resolve_place(session, typed).kind == "none"


def test_shared_location_takes_the_nearest_postcodes_ward(session):
    place = resolve_point(session, 53.792462, -1.52329)  # on LS9 8RU
    assert place.postcode == "LS9 8RU"
    assert place.ward_name == "Burmantofts & Richmond Hill"
    assert place.in_leeds


def test_shared_location_far_away_is_outside_leeds(session):
    place = resolve_point(session, 51.5007, -0.1246)
    assert place.in_leeds is False and place.ward_code is None


@pytest.mark.parametrize("postcode", ["LS9 8RU", "BD1 1JS", "LS99 9ZZ", "LS9 9ZZ", "LS24 9AA",
                                      "M1 1AE"])
def test_the_bot_and_the_import_agree_on_what_is_in_leeds(session, postcode):
    """Issue 31: one rule. In Leeds for the bot exactly when the import (and so the admin form)
    accepts the postcode and places it in a Leeds ward."""
    reading, issues = read_location(Geography(session), LocationRecord(
        id="example-location", origin=Origin("test"), postcode=postcode))
    accepted_in_leeds = bool(reading.ward_code) and not any(i.is_error for i in issues)
    assert resolve_place(session, postcode).in_leeds is accepted_in_leeds
