"""``directory.stats``: what keepers see from ``signpost directory stats``."""

from __future__ import annotations

from directory.importing import import_path
from directory.stats import directory_stats
from tests.directory.conftest import sheet_row


def test_counts_needs_wards_what_is_known_and_the_age_of_details(session, write_sheet):
    sheet = write_sheet([
        # At a place in Beeston & Holbeck (LS11 5AA); hours, cost and referral known.
        sheet_row(referral_required="no"),
        # Area-placed in Armley; nothing known but its need; no dated source.
        sheet_row(service="Example Cafe", needs="food; social", postcode="", cost="",
                  opening_times="", address="", area="Armley", last_checked="unknown"),
        # City-wide phone line, checked in 2024, cost known.
        sheet_row(service="Example Helpline", needs="money", address="", postcode="",
                  area="city", opening_times="", last_checked="2024-03-05"),
        # At a place but closed: counted in every need and year, in no ward.
        sheet_row(service="Example Club", postcode="LS9 8RU", status="inactive",
                  last_checked="2024-12-31"),
    ])
    report = import_path(session, sheet)
    assert report.written and not report.issues, report.issues

    stats = directory_stats(session)
    assert (stats.services, stats.organisations) == (4, 1)
    assert stats.by_status == {"active": 3, "inactive": 1}
    assert stats.by_need["food"] == 3 and stats.by_need["money"] == 1
    assert stats.by_need["social"] == 1 and stats.by_need["housing"] == 0
    assert stats.local_by_ward["Beeston & Holbeck"] == 1
    assert stats.local_by_ward["Armley"] == 1
    assert sum(stats.local_by_ward.values()) == 2 and len(stats.local_by_ward) == 33
    assert (stats.known.total, stats.known.hours, stats.known.cost,
            stats.known.referral) == (4, 2, 3, 1)
    assert (stats.known_local.total, stats.known_local.hours) == (1, 1)
    assert stats.checked_by_year == {"2024": 2, "2026": 1, "undated": 1}
    assert (stats.oldest, stats.newest) == ("2024-03-05", "2026-10-01")
    data = stats.to_dict()
    assert data["known"]["hours"] == {"count": 2, "share": 0.5}
    assert data["checked_by_year"]["undated"] == 1


def test_an_empty_directory(session):
    stats = directory_stats(session)
    assert stats.services == 0 and stats.known.share(stats.known.hours) == 0.0
    assert stats.checked_by_year == {} and stats.to_dict()["oldest_checked"] is None


def test_reach_counts_phones_any_contact_and_details_checked_in_24_months(session, write_sheet):
    import datetime as dt

    sheet = write_sheet([
        sheet_row(),  # a phone, checked 2026-10-01
        sheet_row(service="Example Web Only", phone="", website="https://example.org",
                  last_checked="2024-01-15"),
        sheet_row(service="Example Unreachable", phone="", last_checked="unknown"),
        sheet_row(service="Example Closed", status="inactive"),  # not counted: not active
    ])
    report = import_path(session, sheet)
    assert report.written and not report.issues, report.issues
    stats = directory_stats(session, today=dt.date(2026, 12, 6))
    reach = stats.reach.to_dict()
    assert reach["services"] == 3
    assert reach["phone"] == {"count": 1, "share": 0.333}
    assert reach["any_contact"] == {"count": 2, "share": 0.667}
    assert reach["checked_in_24_months"] == {"count": 1, "share": 0.333}
    later = directory_stats(session, today=dt.date(2026, 1, 14)).reach
    assert later.current == 2  # 2024-01-15 was within 24 months then
    assert directory_stats(session).reach.current is None  # no day given: not counted
