"""``sync`` against a fake ORUK feed on 127.0.0.1: paging, v1, a broken page, a timeout, a feed
that changes between runs, and records that must be left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from directory.importing.feeds import FeedError
from directory.importing.sync import sync_feed
from directory.models import Service
from tests.oruk.feeds import FakeFeed, serve_feed
from tests.oruk.records import directory_rows, v1_service, v3_service
from webhooks.feed_client import FeedClient

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def _sync(session, url, **client):
    options = {"timeout": 5.0, "attempts": 3, "backoff": 0.0} | client
    with FeedClient(**options) as fetch:
        report = sync_feed(session, url, fetch, NOW)
    session.commit()
    return report


def test_a_v3_feed_is_read_page_by_page_with_each_service_in_full(session):
    feed = FakeFeed([v3_service(n) for n in range(1, 6)], per_page=2)
    with serve_feed(feed) as url:
        report = _sync(session, url)
    assert report.summary() == "5 new, 0 updated, 0 unchanged, 0 withdrawn"
    assert [r for r in feed.requests if r == "/services"] == ["/services"] * 3
    assert len([r for r in feed.requests if r.startswith("/services/")]) == 5
    pantry = session.get(Service, "example-service-3")
    assert pantry.locations[0].location.postcode == "LS9 8RU"
    assert sorted(s.weekday for s in pantry.schedules) == [0, 2]
    assert pantry.need_slugs == ["food"]


def test_a_v1_council_feed_syncs_and_a_second_run_changes_nothing(session):
    feed = FakeFeed([v1_service(n) for n in range(1, 4)], v1=True, per_page=2)
    with serve_feed(feed) as url:
        assert _sync(session, url).summary() == "3 new, 0 updated, 0 unchanged, 0 withdrawn"
        before = directory_rows(session)
        assert _sync(session, url).summary() == "0 new, 0 updated, 3 unchanged, 0 withdrawn"
    assert directory_rows(session) == before
    drop_in = session.get(Service, "v1-service-2")
    assert [(s.weekday, s.opens_at) for s in drop_in.schedules] == [(1, dt.time(9, 30))]
    assert drop_in.phones[0].number == "01632 960202"


def test_a_feed_that_changes_between_runs(session):
    feed = FakeFeed([v3_service(1), v3_service(2)])
    with serve_feed(feed) as url:
        _sync(session, url)
        feed.services = [v3_service(1, name="Example Pantry (renamed)", checked="2026-11-01"),
                         v3_service(3)]
        report = _sync(session, url)
        assert report.summary() == "1 new, 1 updated, 0 unchanged, 1 withdrawn"
        assert _sync(session, url).summary() == "0 new, 0 updated, 2 unchanged, 0 withdrawn"
    assert session.get(Service, "example-service-1").name == "Example Pantry (renamed)"
    withdrawn = session.get(Service, "example-service-2")
    assert withdrawn is not None and withdrawn.status == "inactive"


def test_a_broken_page_stops_the_sync_and_changes_nothing(session):
    feed = FakeFeed([v3_service(n) for n in range(1, 5)], per_page=2)
    feed.faults[2] = ["500"] * 5
    with serve_feed(feed) as url, pytest.raises(FeedError, match="HTTP 500"):
        _sync(session, url)
    assert session.scalars(select(Service)).all() == []


def test_a_page_broken_once_is_tried_again(session):
    feed = FakeFeed([v3_service(n) for n in range(1, 5)], per_page=2)
    feed.faults[2] = ["garbage", "500"]
    with serve_feed(feed) as url:
        assert _sync(session, url).new == 4
    assert feed.requests.count("/services") == 4


def test_a_page_that_times_out_is_tried_again(session):
    feed = FakeFeed([v3_service(1)])
    feed.faults[1] = ["slow"]
    feed.slow_seconds = 1.5
    with serve_feed(feed) as url:
        assert _sync(session, url, timeout=0.5).new == 1
    assert feed.requests.count("/services") == 2


def test_a_record_checked_more_recently_here_is_not_overwritten(session):
    feed = FakeFeed([v3_service(1)])
    with serve_feed(feed) as url:
        _sync(session, url)
        session.get(Service, "example-service-1").last_checked = dt.date(2026, 11, 20)
        session.commit()
        feed.services = [v3_service(1, name="Example Pantry (older news)", checked="2026-11-01")]
        report = _sync(session, url)
    assert report.kept == ["example-service-1"]
    assert report.summary() == "0 new, 0 updated, 1 unchanged, 0 withdrawn"
    assert session.get(Service, "example-service-1").name == "Example Pantry 1"


def test_records_from_elsewhere_are_left_alone(session):
    first, second = FakeFeed([v3_service(1)]), FakeFeed([v3_service(1, name="Clobber")])
    with serve_feed(first) as url_1, serve_feed(second) as url_2:
        _sync(session, url_1)
        report = _sync(session, url_2)
        assert report.left_alone == ["example-service-1"]
        assert "already in the directory from the feed" in str(report.issues[0])
        # The first feed dropping it later does not withdraw it for the second, and vice versa.
        assert _sync(session, url_2).withdrawn == 0
    assert session.get(Service, "example-service-1").name == "Example Pantry 1"


def test_the_summary_counts_services_left_alone_and_left_out(session):
    """Every listed service is counted somewhere: here one left alone, one with an error."""
    other, broken = v3_service(2), v3_service(3)
    for service in (other, broken):
        service["organization"] = {"id": "example-org-2", "name": "Example Food Club"}
    broken["service_at_locations"][0]["schedules"][0]["opens_at"] = "25:00"
    first = FakeFeed([v3_service(1)])
    second = FakeFeed([v3_service(1, name="Clobber"), other, broken])
    with serve_feed(first) as url_1, serve_feed(second) as url_2:
        _sync(session, url_1)
        report = _sync(session, url_2)
    assert report.summary() == ("1 new, 0 updated, 0 unchanged, 0 withdrawn; "
                                "1 left alone (already here from elsewhere); "
                                "1 left out (errors)")
