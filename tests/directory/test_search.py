"""Search: nearest first, open now / next open in London time, area-wide services after local."""

from __future__ import annotations

import datetime as dt

from directory.places import resolve_place
from directory.search import search
from tests.factories import add_service

NOW = dt.datetime(2026, 11, 23, 10, 0)

MON, TUE, WED = 0, 1, 2


def names(outcome):
    return [r.name for r in outcome.results]


def test_nearest_first_and_only_the_need_asked_for(session):
    add_service(session, "Example Pantry Far", postcode="LS9 6AU")  # Harehills
    add_service(session, "Example Pantry Near", postcode="LS9 8RU")
    add_service(session, "Example Advice", needs=("money",), postcode="LS9 8RU")
    outcome = search(session, "food", resolve_place(session, "LS9 8RU"), at=NOW)
    assert names(outcome) == ["Example Pantry Near", "Example Pantry Far"]
    assert outcome.results[0].distance_km < 0.01
    assert outcome.results[1].distance_km > 1


def test_services_that_are_not_active_are_skipped(session):
    add_service(session, "Example Closed Pantry", postcode="LS9 8RU", status="temporarily closed")
    add_service(session, "Example Old Pantry", postcode="LS9 8RU", status="defunct")
    add_service(session, "Example Open Pantry", postcode="LS9 8RU")
    assert names(search(session, "food", resolve_place(session, "LS9 8RU"), at=NOW)) == [
        "Example Open Pantry"]


def test_radius_widens_when_nothing_is_near(session):
    add_service(session, "Example Wetherby Pantry", postcode="LS22 6PN")
    outcome = search(session, "food", resolve_place(session, "LS9 8RU"), at=NOW)
    assert names(outcome) == ["Example Wetherby Pantry"]
    assert outcome.radius_km == 25.0
    assert 15 < outcome.results[0].distance_km < 25


def test_city_wide_and_national_services_follow_local_ones(session):
    add_service(session, "Example National Line", needs=("money",), area_kind="national")
    add_service(session, "Example City Advice", needs=("money",), area_kind="city")
    add_service(session, "Example Ward Advice", needs=("money",), area_kind="wards",
                area_wards="E05011388")
    add_service(session, "Example Other Ward", needs=("money",), area_kind="wards",
                area_wards="E05011385")
    add_service(session, "Example Local Advice", needs=("money",), postcode="LS9 8RU")
    outcome = search(session, "money", resolve_place(session, "LS9 8RU"), at=NOW)
    assert names(outcome) == ["Example Local Advice", "Example Ward Advice",
                              "Example City Advice", "Example National Line"]


def test_outside_leeds_gets_city_wide_and_national_only(session):
    add_service(session, "Example Local Pantry", postcode="LS21 3HW")
    add_service(session, "Example City Food Line", area_kind="city")
    add_service(session, "Example National Line", area_kind="national")
    outcome = search(session, "food", resolve_place(session, "LS29 9AA"), at=NOW)
    assert names(outcome) == ["Example City Food Line", "Example National Line"]


def test_open_now_and_next_open_in_london_time(session):
    add_service(session, "Example Pantry", postcode="LS9 8RU",
                sessions=((MON, "10:00", "12:00"), (MON, "14:00", "16:00"),
                          (WED, "10:00", "12:00")))
    place = resolve_place(session, "LS9 8RU")
    # Monday 23 November 2026 (GMT).
    during = search(session, "food", place, at=dt.datetime(2026, 11, 23, 11, 0)).results[0]
    assert during.opening.open_now is True
    between = search(session, "food", place, at=dt.datetime(2026, 11, 23, 12, 30)).results[0]
    assert between.opening.open_now is False
    assert between.opening.next_open.isoformat() == "2026-11-23T14:00:00+00:00"
    after = search(session, "food", place, at=dt.datetime(2026, 11, 23, 17, 0)).results[0]
    assert after.opening.next_open.isoformat() == "2026-11-25T10:00:00+00:00"
    # A UTC instant in summer is read in British Summer Time: 09:30 UTC is 10:30 BST.
    summer = search(session, "food", place,
                    at=dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)).results[0]
    assert summer.opening.open_now is True


def test_unknown_times_are_unknown_not_closed(session):
    add_service(session, "Example Pantry", postcode="LS9 8RU")
    result = search(session, "food", resolve_place(session, "LS9 8RU"), at=NOW).results[0]
    assert result.opening.open_now is None and result.opening.next_open is None
    assert result.to_dict()["open_now"] is None


def test_names_the_wards_community_anchor(session):
    add_service(session, "Example Hub", needs=("social",), postcode="LS12 1LZ",
                organisation="Example Anchor", anchor_wards="E05011385")
    assert search(session, "food", resolve_place(session, "armley"), at=NOW).anchor.name == \
        "Example Anchor"
    assert search(session, "food", resolve_place(session, "LS9 8RU"), at=NOW).anchor is None


def test_result_json_carries_source_and_last_checked(session):
    add_service(session, "Example Pantry", postcode="LS9 8RU", cost_kind="pay-as-you-feel",
                referral_required=False)
    place = resolve_place(session, "LS9 8RU")
    data = search(session, "food", place, at=NOW).results[0].to_dict()
    for key in ("name", "organisation", "distance_km", "address", "postcode", "phone",
                "open_now", "next_open", "cost", "referral_required", "source",
                "last_checked"):
        assert key in data
    assert data["last_checked"] == "2026-11-01"
    assert data["cost"] == "pay-as-you-feel" and data["referral_required"] is False
