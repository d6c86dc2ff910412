"""The insights report: counts by need, ward and week, and suppression that holds.

Suppression is checked from the published report alone, the way a reader would attack it:
every shown number is 5 or more and true, and no row, column or total leaves exactly one
number unknown (which subtraction would give away)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bot.insights.report import NO_WARD, InsightsError, build_report
from bot.insights.suppression import suppress
from bot.records.counting import add_to_count
from bot.records.store import FeedbackCount, NeedCount
from directory.keepers.models import WrongReport

ARMLEY, BEESTON, BRAMLEY = "E05011385", "E05012647", "E05011387"
WEEK = dt.date(2026, 11, 16)  # a Monday
NEXT = dt.date(2026, 11, 23)
NOVEMBER = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]


def asks(session, need, ward, found, count, week=WEEK):
    add_to_count(session, NeedCount, {"week": week, "need": need, "ward_code": ward,
                                      "found": found}, count)
    session.commit()


def unknowns(values) -> int:
    return sum(value is None for value in values)


def check_lines(report) -> None:
    """No published line (parts and their total) has exactly one number hidden."""
    totals = report["totals"]
    for table in ("by_need", "by_ward"):
        for measure in ("asks", "not_found"):
            members = [row[measure] for row in report[table]] + [totals[measure]]
            assert unknowns(members) != 1, (table, measure)
    for measure in ("asks", "not_found"):
        if report["weeks"]:
            members = [row[measure] for row in report["by_week"]] + [totals[measure]]
            assert unknowns(members) != 1, ("by_week", measure)
    for kind in ("useful", "not_useful", "answers"):
        members = [row[kind] for row in report["useful"]] + [report["useful_total"][kind]]
        assert unknowns(members) != 1, ("useful", kind)
    for row in [*report["useful"], report["useful_total"]]:
        assert unknowns([row["useful"], row["not_useful"], row["answers"]]) != 1
    if report["weeks"]:
        members = [row["reports"] for row in report["wrong_reports"]]
        assert unknowns([*members, report["wrong_reports_total"]]) != 1


def every_number(report):
    for table in ("by_need", "by_ward", "by_week", "gaps"):
        for row in report[table]:
            yield row["asks"]
            yield row["not_found"]
    for row in [*report["useful"], report["useful_total"]]:
        yield from (row["useful"], row["not_useful"], row["answers"])
    for row in report["wrong_reports"]:
        yield row["reports"]
    yield report["wrong_reports_total"]
    yield report["totals"]["asks"]
    yield report["totals"]["not_found"]


def test_suppress_hides_small_counts_and_a_second_cell_beside_one():
    values = {"a": 7, "b": 3, "c": 0, "total": 10}
    # c is 0 and b is 3: both hidden, but 10 - 7 would say they hold 3 together: a goes too.
    assert suppress(values, [(["a", "b", "c"], "total")]) == {"a", "b", "c"}
    values = {"a": 7, "b": 3, "c": 4, "total": 14}
    assert suppress(values, [(["a", "b", "c"], "total")]) == {"b", "c"}  # they hold 7
    values = {"a": 7, "b": 3, "total": 10}
    hidden = suppress(values, [(["a", "b"], "total")])
    assert "b" in hidden and len(hidden) == 2  # the total alone would give b away
    assert suppress({"x": 9, "y": 6, "t": 15}, [(["x", "y"], "t")]) == set()


def test_suppress_follows_through_connected_lines():
    # A 2x2 table with margins: hiding one cell forces a second in its row, which forces one
    # in that cell's column, and so on until every line is safe.
    cells = {("r1", "c1"): 2, ("r1", "c2"): 9, ("r2", "c1"): 8, ("r2", "c2"): 7}
    values = {**cells, ("r1", "*"): 11, ("r2", "*"): 15, ("*", "c1"): 10, ("*", "c2"): 16,
              ("*", "*"): 26}
    lines = [([(r, c) for c in ("c1", "c2")], (r, "*")) for r in ("r1", "r2", "*")]
    lines += [([(r, c) for r in ("r1", "r2")], ("*", c)) for c in ("c1", "c2", "*")]
    hidden = suppress(values, lines)
    for parts, total in lines:
        assert sum(member in hidden for member in (*parts, total)) != 1
    assert ("r1", "c1") in hidden


def test_report_counts_by_need_ward_and_week(session):
    asks(session, "food", ARMLEY, False, 6)
    asks(session, "food", ARMLEY, True, 9)
    asks(session, "food", BEESTON, True, 8)
    asks(session, "money", BEESTON, False, 5)
    asks(session, "money", BEESTON, True, 5, week=NEXT)
    report = build_report(session)
    assert report["weeks"] == NOVEMBER and report["months"] == ["2026-11"]
    assert report["from"] == "2026-11-02" and report["to"] == "2026-11-29"
    assert report["totals"] == {"asks": 33, "not_found": 11, "share_not_found": 0.333}
    need = {row["need"]: row for row in report["by_need"]}
    assert need["food"] == {"need": "food", "label": need["food"]["label"], "asks": 23,
                            "not_found": 6, "share_not_found": 0.261}
    assert need["money"]["asks"] == 10 and need["money"]["not_found"] == 5
    assert need["housing"]["asks"] is None  # none asked: shown as "<5", never as 0
    ward = {row["ward_code"]: row for row in report["by_ward"]}
    assert ward[ARMLEY]["ward"] == "Armley" and ward[ARMLEY]["asks"] == 15
    assert ward[BEESTON]["asks"] == 18
    assert len(report["by_ward"]) == 34 and report["by_ward"][-1]["ward_code"] == NO_WARD
    assert [w["asks"] for w in report["by_week"]] == [None, None, 28, 5]  # 0s: hidden
    top = report["gaps"][0]
    assert (top["need"], top["ward"], top["asks"], top["not_found"]) == ("food", "Armley", 15, 6)
    check_lines(report)


def test_a_small_count_cannot_be_worked_out_from_a_total(session):
    # Week one: 7 asks; week two: 3. The total of 10 would give week two's 3 away.
    asks(session, "food", ARMLEY, True, 7)
    asks(session, "food", ARMLEY, True, 3, week=NEXT)
    report = build_report(session)
    first, second = report["by_week"][2:]
    assert second["asks"] is None
    # 7 and 10 may show: the 3 then lies among three hidden weeks, two of them empty.
    assert first["asks"] is None or unknowns(w["asks"] for w in report["by_week"]) >= 2
    # 10 asks, all found: "nothing local found" must not read as 0.
    assert report["totals"]["not_found"] is None
    assert report["totals"]["share_not_found"] is None
    check_lines(report)


def test_one_small_ward_among_shown_wards_hides_a_second(session, engine):
    from sqlalchemy import select

    from directory.models import Ward

    codes = [*session.scalars(select(Ward.code)), NO_WARD]
    for code in codes:
        asks(session, "food", code, True, 3 if code == BRAMLEY else 6)
    report = build_report(session)
    shown = {row["ward_code"]: row["asks"] for row in report["by_ward"]}
    assert report["totals"]["asks"] == 6 * (len(codes) - 1) + 3
    assert shown[BRAMLEY] is None
    assert sum(value is None for value in shown.values()) == 2  # one more, not all
    check_lines(report)


def test_found_and_not_found_do_not_give_each_other_away(session):
    asks(session, "food", ARMLEY, False, 9)
    asks(session, "food", ARMLEY, True, 2)  # 11 asks, 9 unmet: shown together they reveal 2
    asks(session, "food", BEESTON, False, 12)
    asks(session, "food", BEESTON, True, 12)
    report = build_report(session)
    ward = {row["ward_code"]: row for row in report["by_ward"]}
    assert ward[ARMLEY]["asks"] is None or ward[ARMLEY]["not_found"] is None
    # Beeston's 12 found and the 14 found in all would give Armley's 2 away: so Beeston's
    # found, and with it its unmet, are hidden; its asks still show.
    assert ward[BEESTON]["asks"] == 24 and ward[BEESTON]["not_found"] is None
    check_lines(report)


def test_all_unmet_may_show_but_a_few_found_may_not(session):
    asks(session, "housing", ARMLEY, False, 6)  # 6 asks, none found: a gap worth showing
    asks(session, "housing", BEESTON, False, 9)
    asks(session, "housing", BEESTON, True, 1)
    report = build_report(session)
    ward = {row["ward_code"]: row for row in report["by_ward"]}
    assert (ward[ARMLEY]["asks"], ward[ARMLEY]["not_found"]) == (6, 6)
    assert ward[ARMLEY]["share_not_found"] == 1.0
    assert ward[BEESTON]["asks"] is None or ward[BEESTON]["not_found"] is None
    assert report["gaps"][0]["ward"] == "Armley"
    check_lines(report)


def test_feedback_and_wrong_reports(session):
    for useful, count in ((True, 8), (False, 6)):
        add_to_count(session, FeedbackCount, {"week": WEEK, "need": "food", "useful": useful},
                     count)
    add_to_count(session, FeedbackCount, {"week": WEEK, "need": "money", "useful": True}, 2)
    session.add(WrongReport(week=WEEK, service_id="a", count=4))
    session.add(WrongReport(week=WEEK, service_id="b", count=3))
    session.add(WrongReport(week=NEXT, service_id="a", count=2))
    session.commit()
    report = build_report(session)
    food = next(row for row in report["useful"] if row["need"] == "food")
    # Food's 8 "useful" and the 10 in all would give money's 2 away: hidden too.
    assert (food["useful"], food["not_useful"], food["answers"]) == (None, 6, None)
    money = next(row for row in report["useful"] if row["need"] == "money")
    assert money["useful"] is None
    assert money["answers"] is None
    assert report["useful_total"]["useful"] == 10
    # 7 and 2 in two weeks: the 9 in all would say the other weeks hold 2, so the 7 is hidden.
    assert [row["reports"] for row in report["wrong_reports"]] == [None, None, None, None]
    assert report["wrong_reports_total"] == 9
    check_lines(report)


def test_dates_choose_whole_months(session):
    asks(session, "food", ARMLEY, False, 6)
    asks(session, "food", ARMLEY, False, 7, week=NEXT)
    report = build_report(session, dt.date(2026, 11, 25), dt.date(2026, 11, 26))
    assert report["weeks"] == NOVEMBER and report["totals"]["asks"] == 13
    report = build_report(session, dt.date(2026, 10, 1), None)
    assert report["months"] == ["2026-10", "2026-11"]
    assert report["weeks"][0] == "2026-09-28" and report["weeks"][-1] == "2026-11-23"
    with pytest.raises(InsightsError, match="after"):
        build_report(session, dt.date(2026, 12, 2), WEEK)
    with pytest.raises(InsightsError, match="at most"):
        build_report(session, dt.date(2000, 1, 3), NEXT)
    with pytest.raises(InsightsError, match="between"):
        build_report(session, dt.date(9999, 12, 31), None)
    assert build_report(session)["weeks"] == NOVEMBER
    # The week of Monday 30 November is December's: its Thursday is 3 December.
    assert build_report(session, dt.date(2026, 12, 2), None)["weeks"][0] == "2026-11-30"
    assert build_report(session, None, dt.date(2026, 11, 3))["weeks"] == NOVEMBER


def test_a_month_not_yet_over_is_held_back(session):
    asks(session, "food", ARMLEY, False, 6)
    during = build_report(session, today=dt.date(2026, 11, 27))
    assert during["weeks"] == [] and during["held_back"] == ["2026-11"]
    assert during["totals"]["asks"] is None
    after = build_report(session, today=dt.date(2026, 11, 30))
    assert after["months"] == ["2026-11"] and after["totals"]["asks"] == 6


def test_an_empty_report(session):
    report = build_report(session)
    assert report["weeks"] == [] and report["totals"]["asks"] is None and report["gaps"] == []


@pytest.mark.parametrize("seed", range(6))
def test_suppression_holds_for_random_counts(session, seed):
    rng = random.Random(seed)
    raw_found: dict[str, int] = {}
    truth: dict[str, int] = {}
    for _ in range(30):
        need = rng.choice(["food", "money", "housing", "energy"])
        ward = rng.choice([ARMLEY, BEESTON, BRAMLEY, NO_WARD])
        found = rng.random() < 0.5
        count = rng.choice([1, 2, 3, 4, 5, 6, 9, 14])
        asks(session, need, ward, found, count, week=rng.choice([WEEK, NEXT]))
        truth[ward] = truth.get(ward, 0) + count
        if found:
            raw_found[ward] = raw_found.get(ward, 0) + count
    report = build_report(session)
    check_lines(report)
    assert all(n is None or n >= 5 for n in every_number(report))
    for row in report["by_ward"]:
        if row["asks"] is not None:
            assert row["asks"] == truth.get(row["ward_code"], 0)
        if row["asks"] is not None and row["not_found"] is not None:
            found = row["asks"] - row["not_found"]  # what a reader can work out
            assert found == raw_found.get(row["ward_code"], 0) and (found >= 5 or found == 0)
