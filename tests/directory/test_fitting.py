"""Answers that help (issue 23): fit, then time, then distance; lines open out of hours;
the day asked; communities; a way to reach; honest gaps. Records are read from a spreadsheet
by the project's own import, as volunteers would write them (all fictional)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.clock import LONDON
from directory.fitting import Ask, answer
from directory.importing import import_path
from directory.places import resolve_place

HEADER = ("organisation,service,description,needs,kinds,address,postcode,phone,website,"
          "opening_times,area,for_whom,anchor_wards,source,last_checked")
SAT_NIGHT = dt.datetime(2026, 12, 5, 23, 0, tzinfo=LONDON)  # a Saturday
TUE_MORNING = dt.datetime(2026, 12, 8, 11, 0, tzinfo=LONDON)  # a Tuesday


def _directory(session, tmp_path: Path, *rows: str) -> None:
    path = tmp_path / "records.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    report = import_path(session, path)
    assert report.written, report.issues


def _row(org: str, name: str, kinds: str, postcode: str = "", phone: str = "01632 960100",
         hours: str = "", area: str = "", for_whom: str = "", anchor: str = "",
         needs: str = "") -> str:
    address = "1 Example Street" if postcode else ""
    return (f"{org},{name},A fictional service.,{needs},{kinds},{address},{postcode},{phone},,"
            f"{hours},{area},{for_whom},{anchor},Fictional test record,2026-11-01")


def _names(found) -> list[str]:
    return [r.name for r in found.results]


def test_a_service_made_for_the_kind_comes_before_a_hub_that_also_does_it(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Trust", "Example Hub", "debt-advice (side); company",
                    postcode="LS9 8RU"),
               _row("Example Advice", "Example Debt Clinic", "debt-advice", postcode="LS9 7TF"),
               _row("Example Fund", "Example Grants", "crisis-grant", postcode="LS9 8RU"))
    place = resolve_place(session, "LS9 8RU")
    found = answer(session, Ask("money", ("debt-advice",)), place, TUE_MORNING)
    # The hub is nearer, but the clinic is made for debt advice; grants do not fit at all.
    assert _names(found) == ["Example Debt Clinic", "Example Hub"]
    assert found.results[0].distance_km > found.results[1].distance_km
    assert not found.gap


def test_communities_still_lift_and_a_service_with_no_way_to_reach_it_goes_last(
        session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Org", "Example Unreachable Pantry", "low-cost-food", area="city",
                    phone=""),
               _row("Example Org", "Example Pantry", "low-cost-food", postcode="LS9 8RU"),
               _row("Example Org", "Example Elders Pantry", "low-cost-food",
                    postcode="LS9 7TF", for_whom="older-people"))
    place = resolve_place(session, "LS9 8RU")
    plain = answer(session, Ask("food", ("low-cost-food",)), place, TUE_MORNING)
    assert _names(plain) == ["Example Pantry", "Example Elders Pantry",
                             "Example Unreachable Pantry"]
    older = answer(session, Ask("food", ("low-cost-food",), communities=("older-people",)),
                   place, TUE_MORNING)
    assert _names(older)[0] == "Example Elders Pantry"
    assert _names(older)[-1] == "Example Unreachable Pantry"


def test_an_urgent_night_ask_leads_with_the_out_of_hours_line(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Council", "Example Housing Advice", "homelessness-advice",
                    postcode="LS9 8RU", hours="Mon-Fri 09:00-17:00"),
               _row("Example Council", "Example out-of-hours homelessness line",
                    "housing-tonight; homelessness-advice (side)", area="city"))
    place = resolve_place(session, "LS9 8RU")
    ask = Ask("housing", ("housing-tonight", "homelessness-advice"), urgent=True)
    night = answer(session, ask, place, SAT_NIGHT)
    assert _names(night)[0] == "Example out-of-hours homelessness line"
    assert night.not_open == ""  # the line answers now
    # In office hours the same line is not answering: the office leads, open now.
    day = answer(session, ask, place, TUE_MORNING)
    assert _names(day)[0] == "Example Housing Advice" and day.results[0].opening.open_now


def test_nothing_open_now_is_said_and_the_nearest_come_with_when_they_open(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Church", "Example Food Bank", "food-parcel", postcode="LS9 8RU",
                    hours="Tue 10:00-12:00"))
    found = answer(session, Ask("food", ("food-parcel",), urgent=True),
                   resolve_place(session, "LS9 8RU"), SAT_NIGHT)
    assert found.not_open == "now" and found.say_gap
    assert _names(found) == ["Example Food Bank"]
    assert found.results[0].opening.next_open.date() == dt.date(2026, 12, 8)


def test_a_day_asked_leaves_out_places_whose_hours_miss_it(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Church", "Example Monday Pantry", "low-cost-food",
                    postcode="LS9 8RU", hours="Mon 10:00-12:00"),
               _row("Example Church", "Example Sunday Pantry", "low-cost-food",
                    postcode="LS9 7TF", hours="Sun 10:00-12:00"),
               _row("Example Church", "Example Pantry (times not published)", "low-cost-food",
                    postcode="LS9 8RU"))
    place = resolve_place(session, "LS9 8RU")
    sunday = answer(session, Ask("food", ("low-cost-food",), day=dt.date(2026, 12, 13)),
                    place, TUE_MORNING)
    assert _names(sunday) == ["Example Sunday Pantry", "Example Pantry (times not published)"]
    assert sunday.not_open == ""
    monday = answer(session, Ask("food", ("low-cost-food",), day=dt.date(2026, 12, 14)),
                    place, TUE_MORNING)
    assert _names(monday)[0] == "Example Monday Pantry"


def test_an_honest_gap_gives_the_city_line_that_fits_or_the_wards_anchor(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Carers Charity", "Example Carers Line", "carers", area="city"),
               _row("Example Anchor Trust", "Example Community Centre", "company",
                    postcode="LS9 8RU", anchor="Burmantofts & Richmond Hill"),
               _row("Example Kitchen", "Example Food Bank", "food-parcel", postcode="LS9 8RU",
                    needs="social"))
    place = resolve_place(session, "LS9 8RU")
    carers = answer(session, Ask("social", ("carers",)), place, TUE_MORNING)
    # Nothing near fits: said (and counted); the city-wide line that fits follows; the
    # unrelated food bank tagged "social" never fills the space.
    assert carers.gap and carers.say_gap
    assert _names(carers) == ["Example Carers Line"]
    # With no line that fits either, the ward's anchor is the friendly first door.
    school = answer(session, Ask("family", ("school-uniform",)), place, TUE_MORNING)
    assert school.gap and school.results == []
    assert school.anchor is not None and school.anchor.name == "Example Anchor Trust"


def test_when_nothing_that_fits_is_open_another_kind_of_the_need_open_now_comes_first(
        session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Church", "Example Soup Kitchen", "hot-meal", postcode="LS9 8RU",
                    hours="Tue 18:00-20:00"),
               _row("Example Trust", "Example Food Bank", "food-parcel", postcode="LS9 7TF",
                    hours="Tue 10:00-12:00"),
               _row("Example Trust", "Example Debt Clinic", "debt-advice", postcode="LS9 8RU",
                    hours="Tue 10:00-12:00", needs="food"))
    place = resolve_place(session, "LS9 8RU")
    urgent = answer(session, Ask("food", ("hot-meal",), urgent=True), place, TUE_MORNING)
    # No hot meal now: said; the food bank open now stands in first, then the soup kitchen
    # with when it opens; the debt clinic tagged "food" is never a stand-in.
    assert urgent.not_open == "now" and urgent.say_gap
    assert _names(urgent) == ["Example Food Bank", "Example Soup Kitchen"]
    # Not urgent: only what fits.
    plain = answer(session, Ask("food", ("hot-meal",)), place, TUE_MORNING)
    assert _names(plain) == ["Example Soup Kitchen"]


def test_an_urgent_ask_puts_an_open_line_before_an_open_place_farther_than_near(
        session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Council", "Example Emergency Food Line",
                    "crisis-grant; food-parcel (side)", area="city", needs="food",
                    hours="Tue 09:00-16:00"),
               _row("Example Church", "Example Far Food Bank", "food-parcel",
                    postcode="LS12 3DJ", hours="Tue 10:00-12:00"))
    found = answer(session, Ask("food", ("food-parcel",), urgent=True),
                   resolve_place(session, "LS9 8RU"), TUE_MORNING)
    assert found.results[1].distance_km > 3
    assert _names(found) == ["Example Emergency Food Line", "Example Far Food Bank"]


def test_a_line_under_two_records_is_listed_once_as_the_one_open_now(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Council", "Example Grants (afternoons)", "crisis-grant",
                    area="city", hours="Tue 13:00-16:00"),
               _row("Example Council", "Example Grants (mornings)", "crisis-grant",
                    area="city", hours="Tue 09:00-12:00"))
    found = answer(session, Ask("money", ("crisis-grant",), urgent=True),
                   resolve_place(session, "LS9 8RU"), TUE_MORNING)
    assert _names(found) == ["Example Grants (mornings)"]


def test_with_no_kind_asked_a_service_whose_kinds_are_all_of_other_needs_does_not_fit(
        session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Health Trust", "Example Food Bank", "food-parcel",
                    postcode="LS9 8RU", needs="health"),
               _row("Example Health Trust", "Example Alcohol Service", "addiction",
                    postcode="LS9 7TF"))
    found = answer(session, Ask("health"), resolve_place(session, "LS9 8RU"), TUE_MORNING)
    assert _names(found) == ["Example Alcohol Service"]


def test_a_service_at_two_places_is_listed_at_the_one_open_now(session, tmp_path):
    # One service (one id) at two places: the nearer opens on Saturday evenings, the other on
    # Sunday mornings. On a Sunday morning the open one leads, though it is farther.
    path = tmp_path / "records.csv"
    rows = [_row("Example Outreach", "Example Food Outreach", "food-parcel", postcode=postcode,
                 hours=hours)
            for postcode, hours in (("LS9 8RU", "Sat 18:00-20:00"), ("LS9 7TF", "Sun 10:00-12:30"))]
    lines = ("service_id," + HEADER, *(f"example-outreach,{row}" for row in rows))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_path(session, path).written
    place = resolve_place(session, "LS9 8RU")
    sunday = dt.datetime(2026, 12, 6, 11, 0, tzinfo=LONDON)
    found = answer(session, Ask("food", ("food-parcel",), urgent=True), place, sunday)
    assert _names(found) == ["Example Food Outreach"]
    assert found.results[0].opening.open_now and found.results[0].distance_km > 0.1
    assert found.not_open == ""
    # Asked on a Tuesday for Sunday: the place open on Sunday is the one listed.
    asked = answer(session, Ask("food", ("food-parcel",), day=dt.date(2026, 12, 13)), place,
                   TUE_MORNING)
    assert _names(asked) == ["Example Food Outreach"]
    assert asked.results[0].distance_km == found.results[0].distance_km


def test_urgent_lines_that_publish_no_hours_come_before_lines_shut_till_later(session,
                                                                                tmp_path):
    _directory(session, tmp_path,
               _row("Example Council", "Example Advice Line", "homelessness-advice",
                    area="city", hours="Mon-Fri 09:00-17:00", phone="01632 960101"),
               _row("Example Charity", "Example Helpline", "homelessness-advice", area="city",
                    phone="01632 960102"))
    found = answer(session, Ask("housing", ("homelessness-advice",), urgent=True),
                   resolve_place(session, "LS9 8RU"), SAT_NIGHT)
    # The helpline may answer (call); the advice line is shut till Monday, and says so.
    assert _names(found) == ["Example Helpline", "Example Advice Line"]


def test_an_urgent_ask_for_today_still_says_when_places_shut_today_next_open(session,
                                                                             tmp_path):
    _directory(session, tmp_path,
               _row("Example Church", "Example Food Bank", "food-parcel", postcode="LS9 8RU",
                    hours="Thu 10:00-12:00"))
    place = resolve_place(session, "LS9 8RU")
    tonight = answer(session, Ask("food", ("food-parcel",), urgent=True,
                                  day=SAT_NIGHT.date()), place, SAT_NIGHT)
    assert _names(tonight) == ["Example Food Bank"] and tonight.not_open == "now"
    # Not urgent, a day asked leaves out what is not open that day.
    today = answer(session, Ask("food", ("food-parcel",), day=SAT_NIGHT.date()), place,
                   SAT_NIGHT)
    assert _names(today) == []


def test_what_leads_is_open_when_asked_only_within_reach(session, tmp_path):
    _directory(session, tmp_path,
               _row("Example Church", "Example Near Food Bank", "food-parcel",
                    postcode="LS9 8RU", hours="Mon 10:00-12:00", phone="01632 960101"),
               _row("Example Church", "Example Saturday Food Bank", "food-parcel",
                    postcode="LS14 6JA", hours="Sat 10:00-12:00", phone="01632 960102"),
               _row("Example Church", "Example Far Food Bank", "food-parcel",
                    postcode="LS28 7AA", hours="Sat 10:00-12:00", phone="01632 960103"))
    saturday = dt.datetime(2026, 12, 12, 11, 0, tzinfo=LONDON)
    urgent = Ask("food", ("food-parcel",), urgent=True)
    found = answer(session, urgent, resolve_place(session, "LS9 8RU"), saturday)
    assert _names(found)[0] == "Example Saturday Food Bank"  # open, 5 km away
    assert found.leads_open(found.results)
    # Open 9 km away (past REASONABLE_KM) is not a lead; and an ask with no time has none.
    assert not found.leads_open([r for r in found.results
                                 if r.name == "Example Far Food Bank"])
    plain = answer(session, Ask("food", ("food-parcel",)), resolve_place(session, "LS9 8RU"),
                   saturday)
    assert plain.open_then is None and plain.leads_open([])


def test_when_nothing_of_the_kind_is_near_its_stand_in_line_or_a_near_one_is_listed(
        session, tmp_path):
    """No GP near: NHS 111 is named (the issue: nothing told residents to try NHS 111 for a
    GP); a pantry near stands in for a food bank too far away, one as far does not."""
    _directory(session, tmp_path,
               _row("Example NHS", "Example Health Line", "nhs-111", area="city"),
               _row("Example Trust", "Example Far Food Bank", "food-parcel", postcode="LS21 1AA"),
               _row("Example Trust", "Example Near Pantry", "low-cost-food", postcode="LS9 7TF"),
               _row("Example Trust", "Example Far Pantry", "low-cost-food", postcode="LS21 1AA"))
    place = resolve_place(session, "LS9 8RU")
    gp = answer(session, Ask("health", ("gp",)), place, TUE_MORNING)
    assert _names(gp) == ["Example Health Line"] and gp.gap and gp.say_gap
    food = answer(session, Ask("food", ("food-parcel",)), place, TUE_MORNING)
    assert "Example Near Pantry" in _names(food) and "Example Far Pantry" not in _names(food)
    assert food.gap  # still no food bank near: the gap is said


def test_what_is_open_of_another_kind_never_crowds_the_kind_named_first_off_the_page(
        session, tmp_path):
    """"Grants for insulation? House is freezing" (urgent): the warm spaces open now lead, but
    the grants line, named first, comes second, not fourth."""
    always = "Mon-Sun 08:00-20:00"
    _directory(session, tmp_path,
               _row("Example Council", "Example Warm Space A", "warm-space", postcode="LS9 8RU",
                    hours=always),
               _row("Example Council", "Example Warm Space B", "warm-space", postcode="LS9 7TF",
                    hours=always),
               _row("Example Council", "Example Warm Space C", "warm-space", postcode="LS9 8RU",
                    hours=always, phone="01632 960109"),
               _row("Example Energy", "Example Grants Line", "energy-bills", area="city"))
    place = resolve_place(session, "LS9 8RU")
    found = answer(session, Ask("energy", ("energy-bills", "warm-space"), urgent=True), place,
                   TUE_MORNING)
    assert _names(found)[1] == "Example Grants Line", _names(found)
    assert _names(found)[0].startswith("Example Warm Space")


def test_asked_for_a_day_what_is_open_then_a_bus_ride_away_comes_before_the_farther(
        session, tmp_path):
    """Seventh pass: a pantry open on Saturday 4 km away comes before a food bank open on
    Saturday 7 km away (it was after it, fit first among all places beyond 3 km)."""
    _directory(session, tmp_path,
               _row("Example Org", "Example Saturday Food Bank", "food-parcel",
                    postcode="LS5 3NH", hours="Sat 10:00-12:00"),
               _row("Example Org", "Example Saturday Pantry", "low-cost-food",
                    postcode="LS4 2BL", hours="Sat 10:00-12:00"))
    place = resolve_place(session, "LS9 8RU")
    saturday = answer(session, Ask("food", ("food-parcel",), day=dt.date(2026, 12, 12)),
                      place, TUE_MORNING)
    assert _names(saturday) == ["Example Saturday Pantry", "Example Saturday Food Bank"]
    # With no time asked, fit still leads: the food bank first.
    anytime = answer(session, Ask("food", ("food-parcel",)), place, TUE_MORNING)
    assert _names(anytime)[0] == "Example Saturday Food Bank"
