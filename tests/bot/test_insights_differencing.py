"""Insights attacked as a reader would (issue 26, finding 3): ask for every range of dates,
then solve the published figures as linear equations over the weeks, looking for any set of
weeks whose count comes out exactly and is under 5."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from fractions import Fraction

import pytest

from bot.insights.report import build_report
from bot.records.counting import add_to_count
from bot.records.store import NeedCount

ARMLEY, BEESTON = "E05011385", "E05012647"
FIRST = dt.date(2026, 9, 28)  # the first week of October 2026 (its Thursday is 1 October)
WEEKS = [FIRST + dt.timedelta(weeks=n) for n in range(13)]  # October to December
AFTER = dt.date(2027, 1, 31)


def rank(rows: list[list[Fraction]]) -> int:
    """The rank of a matrix (exact, by Gaussian elimination)."""
    rows = [row[:] for row in rows]
    found = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column]:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def derivable(equations: list[list[Fraction]], target: list[Fraction]) -> bool:
    """True when ``target``'s sum follows from the published sums (it is in their span)."""
    return rank([*equations, target]) == rank(equations)


def coverage(weeks: list[str]) -> list[Fraction]:
    return [Fraction(1 if w.isoformat() in weeks else 0) for w in WEEKS]


def published_equations(session, pick) -> list[list[Fraction]]:
    """Every figure ``pick(report)`` shows, over every range of weeks a reader can ask for,
    as the weeks it sums (the value itself is what the reader learns)."""
    equations = []
    for start, end in itertools.combinations_with_replacement(WEEKS, 2):
        report = build_report(session, start, end + dt.timedelta(days=6), AFTER)
        for weeks, value in pick(report):
            if value is not None:
                equations.append(coverage(weeks))
    return equations


def totals(report):
    yield report["weeks"], report["totals"]["asks"]
    yield report["weeks"], report["totals"]["not_found"]
    for row in report["by_week"]:
        yield [row["week"]], row["asks"]


def food(report):
    yield report["weeks"], next(r["asks"] for r in report["by_need"] if r["need"] == "food")


def armley(report):
    yield report["weeks"], next(r["asks"] for r in report["by_ward"] if r["ward_code"] == ARMLEY)


def assert_nothing_small_recovered(equations, truth: dict[dt.date, int]) -> None:
    """No run of weeks whose true count is 1 to 4 can be worked out from the equations."""
    for i, j in itertools.combinations_with_replacement(range(len(WEEKS)), 2):
        run = WEEKS[i:j + 1]
        count = sum(truth.get(w, 0) for w in run)
        if 1 <= count <= 4:
            target = coverage([w.isoformat() for w in run])
            assert not derivable(equations, target), (run, count)


def asks(session, week, need, ward, found, count):
    add_to_count(session, NeedCount, {"week": week, "need": need, "ward_code": ward,
                                      "found": found}, count)


@pytest.mark.slow
def test_the_reviews_attack_no_longer_works(session):
    """One week alone <5 (2), the week before 6, both 8: the 2 came out by subtraction."""
    asks(session, WEEKS[5], "food", ARMLEY, True, 6)
    asks(session, WEEKS[6], "food", ARMLEY, True, 2)
    session.commit()
    alone = build_report(session, WEEKS[6], WEEKS[6], AFTER)
    before = build_report(session, WEEKS[5], WEEKS[5], AFTER)
    both = build_report(session, WEEKS[5], WEEKS[6], AFTER)
    assert alone == before == both  # one month, one table, whatever the dates asked
    assert assert_nothing_small_recovered(
        published_equations(session, totals), {WEEKS[5]: 6, WEEKS[6]: 2}) is None


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_no_range_ward_or_total_recovers_a_small_count(session, seed):
    rng = random.Random(seed)
    truth = {"total": {}, "food": {}, "armley": {}}
    for week in WEEKS:
        for need, ward in (("food", ARMLEY), ("food", BEESTON), ("money", ARMLEY)):
            count = rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8])
            if not count:
                continue
            asks(session, week, need, ward, rng.random() < 0.5, count)
            truth["total"][week] = truth["total"].get(week, 0) + count
            if need == "food":
                truth["food"][week] = truth["food"].get(week, 0) + count
            if ward == ARMLEY:
                truth["armley"][week] = truth["armley"].get(week, 0) + count
    session.commit()
    for pick, series in ((totals, "total"), (food, "food"), (armley, "armley")):
        assert_nothing_small_recovered(published_equations(session, pick), truth[series])


def test_a_month_in_progress_is_never_published_so_it_cannot_be_watched_grow(session):
    asks(session, WEEKS[9], "food", ARMLEY, False, 6)  # a week of December
    session.commit()
    first = build_report(session, WEEKS[9], WEEKS[9], dt.date(2026, 12, 10))
    asks(session, WEEKS[10], "food", ARMLEY, False, 2)
    session.commit()
    second = build_report(session, WEEKS[9], WEEKS[10], dt.date(2026, 12, 17))
    assert first["totals"] == second["totals"] == {"asks": None, "not_found": None,
                                                    "share_not_found": None}
    assert first["held_back"] == second["held_back"] == ["2026-12"]
    final = build_report(session, WEEKS[9], WEEKS[10], AFTER)
    assert final["months"] == ["2026-12"] and final["totals"]["asks"] == 8
