"""What residents' follow-ups teach the keepers: the stale list and each service's page."""

from __future__ import annotations

import datetime as dt

from bot.records.followups import ANSWERED, FollowUp
from core.db import session_scope
from tests.keepers.helpers import ADMIN, NOW, log_in
from webhooks.services import services

ANSWERED_AT = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def answered(app, service_id: str, *outcomes: tuple[str, str],
             when: dt.datetime = ANSWERED_AT) -> None:
    """Answered follow-ups for a service: (outcome, reason) each, nothing tying them to anyone."""
    with session_scope(services(app).database) as session:
        for outcome, reason in outcomes:
            session.add(FollowUp(
                channel="sms", sender_hash=None, address_sealed=None, agreed="CHECK",
                agreed_at=when - dt.timedelta(days=3), need="food", ward_code="",
                service_id=service_id, service_name=service_id, places="[]",
                due_at=when, status=ANSWERED, sent_at=when, answered_at=when,
                outcome=outcome, reason=reason))


def stale_row(client, service_id: str) -> str:
    page = client.get("/admin/stale").get_data(as_text=True)
    start = page.index(f'id="stale-{service_id}"')
    return page[start:page.index("</tr>", start)]


def test_two_recent_closed_or_turned_away_answers_put_a_service_on_the_stale_list(app, client):
    answered(app, "example-pantry", ("no_help", "closed"), ("no_help", "turned_away"))
    answered(app, "example-advice", ("no_help", "closed"), ("got_help", ""))
    log_in(client, ADMIN)
    page = client.get("/admin/stale").get_data(as_text=True)
    # Flagged by follow-ups, it comes before the never-checked service that is not.
    assert page.index("stale-example-pantry") < page.index("stale-example-advice")
    assert "2 follow-ups say closed or turned away" in stale_row(client, "example-pantry")
    assert '<td class="follow-ups">2</td>' in stale_row(client, "example-pantry")
    assert "follow-ups say closed" not in stale_row(client, "example-advice")


def test_old_follow_up_answers_do_not_put_a_service_on_the_stale_list(app, client):
    old = NOW.replace(tzinfo=dt.UTC) - dt.timedelta(days=60)
    answered(app, "example-pantry", ("no_help", "closed"), ("no_help", "closed"), when=old)
    log_in(client, ADMIN)
    assert "follow-ups say closed" not in stale_row(client, "example-pantry")


def test_the_service_page_shows_its_follow_up_outcomes(app, client):
    answered(app, "example-pantry", ("got_help", ""), ("got_help", ""), ("didnt_go", ""),
             ("no_help", "closed"), ("no_help", "details_wrong"))
    answered(app, "example-advice", ("got_help", ""))
    log_in(client, ADMIN)
    page = client.get("/admin/services/example-pantry").get_data(as_text=True)
    start = page.index('id="follow-ups"')
    section = page[start:page.index("</section>", start)]
    assert "<dt>Asked</dt><dd>5</dd>" in section
    assert "<dt>Got help</dt><dd>2</dd>" in section
    assert "<dt>Didn&#39;t go</dt><dd>1</dd>" in section
    assert "<dt>No help: closed</dt><dd>1</dd>" in section
    assert "<dt>No help: details wrong</dt><dd>1</dd>" in section
    empty = client.get("/admin/services/example-advice").get_data(as_text=True)
    assert "<dt>Asked</dt><dd>1</dd>" in empty
