"""What a hostile or broken feed may not do (issue 26, findings 1, 7, 8 and 11): relabel shared
terms, withdraw a feed on a junk page or en masse, clash on a link id, or lose a keeper-edited
service for good."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from directory.importing.sync import sync_feed
from directory.keepers.editing import ALL_ROWS, edit_service, history
from directory.models import Service, TaxonomyTerm
from directory.needs import need_term_id
from tests.factories import add_service
from tests.oruk.feeds import FakeFeed, serve_feed
from tests.oruk.records import v3_service
from webhooks.feed_client import FeedClient

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def _sync(session, url, **options):
    with FeedClient(timeout=5.0, attempts=2, backoff=0.0) as fetch:
        report = sync_feed(session, url, fetch, NOW, **options)
    session.commit()
    return report


def _with_term(service: dict, term: dict) -> dict:
    service["attributes"] = [{"id": f"{service['id']}-attribute", "taxonomy_term": term}]
    return service


def _statuses(session) -> dict[str, str]:
    return dict(session.execute(select(Service.id, Service.status)).all())


def test_a_feed_cannot_relabel_the_projects_food_term(session):
    add_service(session, "Example Pantry", needs=("food",), postcode="LS9 8RU")
    session.commit()
    hostile = _with_term(v3_service(1), {"id": need_term_id("food"), "name": "social",
                                          "taxonomy": "leeds-signpost-needs"})
    with serve_feed(FakeFeed([hostile])) as url:
        report = _sync(session, url)
    assert report.new == 1
    food = session.get(TaxonomyTerm, need_term_id("food"))
    assert (food.name, food.need_slug) == ("food", "food")
    assert session.get(Service, "example-pantry").need_slugs == ["food"]
    assert any("already in the directory: kept as it is" in str(i) for i in report.issues)


def test_a_feed_writes_a_missing_need_term_as_the_project_defines_it(session):
    hostile = _with_term(v3_service(1), {"id": need_term_id("food"), "name": "social",
                                          "taxonomy": "leeds-signpost-needs"})
    with serve_feed(FakeFeed([hostile])) as url:
        _sync(session, url)
    food = session.get(TaxonomyTerm, need_term_id("food"))
    assert (food.name, food.need_slug) == ("food", "food")


def test_a_feed_adds_its_own_terms_but_never_changes_another_sources(session):
    own = {"id": "example-feed-term:pantry", "name": "Example pantry term",
           "taxonomy": "example-vocabulary"}
    first = FakeFeed([_with_term(v3_service(1), own)])
    second = FakeFeed([_with_term(v3_service(2), {**own, "name": "Hijacked"})])
    second.services[0]["organization"]["id"] = "example-other-org"
    second.services[0]["service_at_locations"][0]["location"]["id"] = "example-location-x"
    with serve_feed(first) as url_1, serve_feed(second) as url_2:
        _sync(session, url_1)
        assert session.get(TaxonomyTerm, own["id"]).name == "Example pantry term"
        report = _sync(session, url_2)
    assert report.new == 1
    assert session.get(TaxonomyTerm, own["id"]).name == "Example pantry term"


def test_a_page_of_junk_withdraws_nothing(session):
    feed = FakeFeed([v3_service(n) for n in range(1, 4)])
    with serve_feed(feed) as url:
        _sync(session, url)
        feed.services = [{"id": "error", "message": "upstream database unavailable"}]
        report = _sync(session, url)
    assert report.withdrawn == 0 and report.held == 3
    assert "could not be read or were invalid" in report.held_because
    assert set(_statuses(session).values()) == {"active"}


def test_withdrawing_most_of_a_feed_needs_allow_mass_withdrawal(session):
    feed = FakeFeed([v3_service(n) for n in range(1, 11)], per_page=5)
    with serve_feed(feed) as url:
        _sync(session, url)
        feed.services = feed.services[:2]
        held = _sync(session, url)
        assert (held.withdrawn, held.held) == (0, 8)
        assert "--allow-mass-withdrawal" in held.held_because
        assert list(_statuses(session).values()).count("active") == 10
        done = _sync(session, url, allow_mass_withdrawal=True)
    assert done.withdrawn == 8
    assert list(_statuses(session).values()).count("inactive") == 8


def test_a_few_withdrawals_within_the_share_go_ahead(session):
    feed = FakeFeed([v3_service(n) for n in range(1, 11)], per_page=5)
    with serve_feed(feed) as url:
        _sync(session, url)
        feed.services = feed.services[:8]
        assert _sync(session, url).withdrawn == 2


def test_a_feed_reusing_another_services_link_id_loses_only_that_service(session):
    add_service(session, "Example Pantry", postcode="LS9 8RU")  # its link is sal-example-pantry
    session.commit()
    clash = v3_service(1)
    clash["service_at_locations"][0]["id"] = "sal-example-pantry"
    with serve_feed(FakeFeed([clash, v3_service(2), v3_service(3)])) as url:
        report = _sync(session, url)
    assert report.left_alone == ["example-service-1"]
    assert "place link 'sal-example-pantry'" in str(report.issues)
    assert report.new == 2
    assert session.get(Service, "example-pantry").locations[0].id == "sal-example-pantry"


def test_a_keepers_edit_keeps_the_feed_and_a_later_closure_reaches_review(session):
    feed = FakeFeed([v3_service(1), v3_service(2)])
    with serve_feed(feed) as url:
        _sync(session, url)
        service = session.get(Service, "example-service-1")
        result = edit_service(session, service, {ALL_ROWS: {"description": "Edited here."}},
                              "editor@example.org", "editor", NOW, dt.date(2026, 11, 20))
        assert not result.errors
        session.commit()
        assert session.get(Service, "example-service-1").feed_url.startswith(url)
        # The feed checks it later still, and finds it closed: the newer check wins.
        feed.services[0] |= {"status": "defunct", "assured_date": "2026-11-22"}
        feed.services = [feed.services[0]]  # and it drops service 2
        report = _sync(session, url)
    assert report.withdrawn == 1
    assert _statuses(session) == {"example-service-1": "defunct",
                                  "example-service-2": "inactive"}
    by_feed = [c for c in history(session) if c.made_by_role == "feed"]
    assert sorted(c.service_id for c in by_feed) == ["example-service-1", "example-service-2"]
