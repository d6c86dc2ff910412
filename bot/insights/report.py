"""Insights: where help is asked for and not found, by need, ward and week (counts only).

One report for ``signpost insights`` and ``/insights``: asks by need, ward and week, the share
where nothing local was found, answers to "Was this useful?", residents' WRONG reports, and
the top gaps (need and ward pairs with the most unmet asks). Every number goes through
``bot.insights.suppression``: a count under 5, or one that would give such a count away,
is ``None``.
Nothing here knows a sender, a message or a time finer than a week.

Periods are fixed, so no two reports can be differenced (docs/insights-suppression.md):
    - counts are suppressed month by month, each month being the ISO weeks whose Thursday
      falls in it, and only for months that are over (by the app's clock);
    - a report always covers whole months; a figure over several months is the sum of the
      published monthly figures, and hidden when any of them is hidden, so it says nothing
      the monthly figures do not.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from bot.insights.suppression import SMALL, suppress
from bot.records.request_queue import median_hours_to_first_reply
from bot.records.store import FeedbackCount, NeedCount, week_of
from core.clock import LONDON
from core.errors import BadInput
from directory.keepers.models import WrongReport
from directory.models import Ward
from directory.needs import NEED_SLUGS, NEEDS_BY_SLUG

#: The ward of asks from outside Leeds, or from a place with no ward.
NO_WARD = ""
NO_WARD_NAME = "Outside Leeds or ward not known"
ALL = "*"
MEASURES = ("found", "not_found", "asks")
#: The longest span one report covers.
MAX_WEEKS = 260
TOP_GAPS = 10
#: Dates outside these years are refused (and 9999-12-31 never overflows a week).
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2999, 12, 31)


class InsightsError(BadInput):
    """The dates asked for cannot make a report (the message says why)."""


def week_range(session: Session, start: dt.date | None,
               end: dt.date | None) -> list[dt.date]:
    """The Monday-start weeks from ``start``'s week to ``end``'s; without dates, from the first
    week with any count to the last."""
    if start is None or end is None:
        firsts = [session.scalar(select(func.min(m.week))) for m in (NeedCount, FeedbackCount,
                                                                     WrongReport)]
        lasts = [session.scalar(select(func.max(m.week))) for m in (NeedCount, FeedbackCount,
                                                                    WrongReport)]
        firsts, lasts = [d for d in firsts if d], [d for d in lasts if d]
        given_start, given_end = start, end
        start = start or min(firsts, default=None) or given_end
        end = end or max(lasts, default=None) or given_start
        if start is None or end is None:
            return []
        if given_start is None and start > end:  # every count is after the --to date
            start = end
        if given_end is None and start > end:  # every count is before the --from date
            end = start
    if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
        raise InsightsError(f"dates must be between {FIRST_DAY} and {LAST_DAY}")
    first, last = week_of(start), week_of(end)
    if first > last:
        raise InsightsError("--from is after --to")
    first, last = month_weeks(month_of(first))[0], month_weeks(month_of(last))[-1]
    weeks = (last - first).days // 7 + 1
    if weeks > MAX_WEEKS:
        raise InsightsError(f"that is {weeks} weeks; a report covers at most {MAX_WEEKS}")
    return [first + dt.timedelta(weeks=n) for n in range(weeks)]


def month_of(week: dt.date) -> dt.date:
    """The month (its first day) an ISO week belongs to: the month of its Thursday."""
    return (week + dt.timedelta(days=3)).replace(day=1)


def month_weeks(month: dt.date) -> list[dt.date]:
    """The Mondays of the ISO weeks that belong to ``month`` (four or five)."""
    thursday = month + dt.timedelta(days=(3 - month.weekday()) % 7)
    weeks = []
    while thursday.month == month.month:
        weeks.append(thursday - dt.timedelta(days=3))
        thursday += dt.timedelta(weeks=1)
    return weeks


def _months(weeks: list[dt.date], today: dt.date | None) -> tuple[list[list[dt.date]], list]:
    """The weeks grouped by month, and the months held back because they are not over."""
    months: dict[dt.date, list[dt.date]] = {}
    for week in weeks:
        months.setdefault(month_of(week), []).append(week)
    held = [m for m, w in months.items() if today is not None
            and w[-1] + dt.timedelta(days=6) >= today]
    return [w for m, w in months.items() if m not in held], held


def _share(asks: int | None, not_found: int | None) -> float | None:
    if asks is None or not_found is None or asks == 0:
        return None
    return round(not_found / asks, 3)


def _asks_table(session: Session, weeks: list[dt.date], ward_codes: list[str],
                needs: list[str]) -> tuple[dict, list]:
    """Counts keyed ("cell", measure, need, ward) and ("week", measure, week), with margins
    under ``ALL``, and every additive line between them."""
    values: dict[tuple, int] = defaultdict(int)
    in_range = NeedCount.week.between(weeks[0], weeks[-1]) if weeks else false()
    for need, ward, found, count in session.execute(
            select(NeedCount.need, NeedCount.ward_code, NeedCount.found,
                   func.sum(NeedCount.count))
            .where(in_range).group_by(NeedCount.need, NeedCount.ward_code, NeedCount.found)):
        measure = "found" if found else "not_found"
        for n in (need, ALL):
            for w in (ward, ALL):
                values[("cell", measure, n, w)] += count
                values[("cell", "asks", n, w)] += count
    for week, found, count in session.execute(
            select(NeedCount.week, NeedCount.found, func.sum(NeedCount.count))
            .where(in_range).group_by(NeedCount.week, NeedCount.found)):
        values[("week", "found" if found else "not_found", week)] += count
        values[("week", "asks", week)] += count
    lines: list = []
    all_needs, all_wards = [*needs, ALL], [*ward_codes, ALL]
    for n in all_needs:
        for w in all_wards:
            for m in MEASURES:
                values.setdefault(("cell", m, n, w), 0)
            lines.append(([("cell", "found", n, w), ("cell", "not_found", n, w)],
                          ("cell", "asks", n, w)))
    for m in MEASURES:
        for w in all_wards:
            lines.append(([("cell", m, n, w) for n in needs], ("cell", m, ALL, w)))
        for n in all_needs:
            lines.append(([("cell", m, n, w) for w in ward_codes], ("cell", m, n, ALL)))
        lines.append(([("week", m, week) for week in weeks], ("cell", m, ALL, ALL)))
    for week in weeks:
        for m in MEASURES:
            values.setdefault(("week", m, week), 0)
        lines.append(([("week", "found", week), ("week", "not_found", week)],
                      ("week", "asks", week)))
    return dict(values), lines


def _feedback_table(session: Session, weeks: list[dt.date], needs: list[str]) -> tuple:
    values: dict[tuple, int] = {("fb", kind, n): 0 for kind in ("useful", "not_useful",
                                                                 "answers")
                                for n in (*needs, ALL)}
    if weeks:
        for need, useful, count in session.execute(
                select(FeedbackCount.need, FeedbackCount.useful, func.sum(FeedbackCount.count))
                .where(FeedbackCount.week.between(weeks[0], weeks[-1]))
                .group_by(FeedbackCount.need, FeedbackCount.useful)):
            for n in (need, ALL):
                values[("fb", "useful" if useful else "not_useful", n)] += count
                values[("fb", "answers", n)] += count
    lines = [([("fb", "useful", n), ("fb", "not_useful", n)], ("fb", "answers", n))
             for n in (*needs, ALL)]
    lines += [([("fb", kind, n) for n in needs], ("fb", kind, ALL))
              for kind in ("useful", "not_useful", "answers")]
    return values, lines


def _wrong_table(session: Session, weeks: list[dt.date]) -> tuple:
    values: dict[tuple, int] = {("wrong", week): 0 for week in (*weeks, ALL)}
    if weeks:
        for week, count in session.execute(
                select(WrongReport.week, func.sum(WrongReport.count))
                .where(WrongReport.week.between(weeks[0], weeks[-1]))
                .group_by(WrongReport.week)):
            values[("wrong", week)] += count
            values[("wrong", ALL)] += count
    return values, [([("wrong", week) for week in weeks], ("wrong", ALL))]


def _published(session: Session, weeks: list[dt.date], ward_codes: list[str],
               needs: list[str]) -> dict[tuple, int | None]:
    """One month's figures as published: every table suppressed together."""
    values, lines = _asks_table(session, weeks, ward_codes, needs)
    for table in (_feedback_table(session, weeks, needs), _wrong_table(session, weeks)):
        values |= table[0]
        lines += table[1]
    # "Found" is never shown, only worked out as asks minus unmet: protected when 1 to 4, but
    # a 0 (every ask there found nothing local) may show, being about the directory, not people.
    hidden = suppress(values, lines, zero_ok=[key for key in values if key[1] == "found"])
    return {key: (None if key in hidden else value) for key, value in values.items()}


def _combined(months: list[dict[tuple, int | None]]) -> dict[tuple, int | None]:
    """Figures over several months from the published monthly ones alone: a sum, or hidden
    when any month's is (a week's own figures are its month's)."""
    out: dict[tuple, int | None] = {}
    for month in months:
        for key, value in month.items():
            if key not in out:
                out[key] = value
            elif out[key] is not None and value is not None:
                out[key] += value
            else:
                out[key] = None
    return out


def build_report(session: Session, start: dt.date | None = None,
                 end: dt.date | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """The insights for the whole months between two dates, as JSON-ready data; ``None``
    stands for a suppressed count (and for a share that would need one). With ``today``, a
    month not yet over is held back (``held_back``), so counts never grow in public."""
    weeks = week_range(session, start, end)
    periods, held = _months(weeks, today)
    weeks = [week for period in periods for week in period]
    names = dict(session.execute(select(Ward.code, Ward.name)).all())
    counted_needs = set(session.scalars(select(NeedCount.need).distinct()))
    counted_needs |= set(session.scalars(select(FeedbackCount.need).distinct()))
    needs = [*NEED_SLUGS, *sorted(counted_needs - set(NEED_SLUGS))]
    counted_wards = set(session.scalars(select(NeedCount.ward_code).distinct()))
    ward_codes = [*sorted(names, key=lambda c: names[c]),
                  *sorted(counted_wards - set(names) - {NO_WARD}), NO_WARD]

    published = _combined([_published(session, period, ward_codes, needs)
                           for period in periods]) if periods else _published(
        session, [], ward_codes, needs)

    def get(key: tuple) -> int | None:
        return published[key]

    def asks(n: str, w: str) -> dict[str, Any]:
        a, nf = get(("cell", "asks", n, w)), get(("cell", "not_found", n, w))
        return {"asks": a, "not_found": nf, "share_not_found": _share(a, nf)}

    def label(need: str) -> str:
        return NEEDS_BY_SLUG[need].label if need in NEEDS_BY_SLUG else need

    def ward_name(code: str) -> str:
        return NO_WARD_NAME if code == NO_WARD else names.get(code, code)

    gaps = []
    for n in needs:
        for w in ward_codes:
            cell = asks(n, w)
            if w != NO_WARD and cell["not_found"] is not None and cell["asks"] is not None:
                gaps.append({"need": n, "label": label(n), "ward_code": w,
                             "ward": ward_name(w), **cell})
    gaps.sort(key=lambda g: (-g["not_found"], -g["asks"], g["need"], g["ward"]))
    useful = [{"need": n, "label": label(n), "useful": get(("fb", "useful", n)),
               "not_useful": get(("fb", "not_useful", n)), "answers": get(("fb", "answers", n))}
              for n in needs]
    return {
        "from": weeks[0].isoformat() if weeks else None,
        "to": (weeks[-1] + dt.timedelta(days=6)).isoformat() if weeks else None,
        "weeks": [week.isoformat() for week in weeks],
        "months": [month_of(period[0]).isoformat()[:7] for period in periods],
        "held_back": [month.isoformat()[:7] for month in held],
        "suppressed_below": SMALL,
        "totals": asks(ALL, ALL),
        "by_need": [{"need": n, "label": label(n), **asks(n, ALL)} for n in needs],
        "by_ward": [{"ward_code": w, "ward": ward_name(w), **asks(ALL, w)} for w in ward_codes],
        "by_week": [{"week": week.isoformat(), "asks": get(("week", "asks", week)),
                     "not_found": get(("week", "not_found", week)),
                     "share_not_found": _share(get(("week", "asks", week)),
                                               get(("week", "not_found", week)))}
                    for week in weeks],
        "useful": useful,
        "useful_total": {"useful": get(("fb", "useful", ALL)),
                         "not_useful": get(("fb", "not_useful", ALL)),
                         "answers": get(("fb", "answers", ALL))},
        "wrong_reports": [{"week": week.isoformat(), "reports": get(("wrong", week))}
                          for week in weeks],
        "wrong_reports_total": get(("wrong", ALL)),
        "gaps": gaps[:TOP_GAPS],
        "requests": requests_made(session, weeks),
    }


def requests_made(session: Session, weeks: list[dt.date]) -> dict:
    """Requests to talk to a person made in the weeks, and the median hours to a first reply;
    a count under ``SMALL`` is hidden, and so is a median of fewer than ``SMALL`` replies."""
    if not weeks:
        return {"made": None, "median_hours_to_first_reply": None}
    start = dt.datetime.combine(weeks[0], dt.time(), LONDON)
    made, answered, median = median_hours_to_first_reply(
        session, start, dt.datetime.combine(weeks[-1] + dt.timedelta(days=7), dt.time(), LONDON))
    return {"made": made if made >= SMALL else None,
            "median_hours_to_first_reply": median if answered >= SMALL else None}
