"""Editing through /admin: the import's checks field by field, live changes, review, revert,
one-click checks and the stale list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot.records import store
from core.db import session_scope
from directory.keepers.models import DirectoryChange, RecordCheck
from directory.models import Schedule, Service
from tests.keepers.helpers import ADMIN, EDITOR, csrf_token, log_in
from webhooks.services import services

PANTRY = "/admin/services/example-pantry"


def form(client, **changes) -> dict:
    """The edit form as the page fills it in, with ``changes`` typed over it."""
    import re

    page = client.get(PANTRY).get_data(as_text=True)
    data = dict(re.findall(r'<input type="(?:hidden|text)" (?:id="[^"]*" )?name="([^"]+)"'
                           r'\s+value="([^"]*)"', page))
    data |= dict(re.findall(r'<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)</textarea>',
                            page, re.S))
    data["csrf_token"] = csrf_token(client, PANTRY)
    return {**data, **changes}


def stored(app, service_id="example-pantry") -> Service:
    with session_scope(services(app).database) as session:
        service = session.get(Service, service_id)
        service.phones, service.schedules, service.locations  # noqa: B018  (load them)
        for link in service.locations:
            link.location  # noqa: B018
        return service


def test_an_editor_changes_phone_and_hours_and_they_go_live_at_once(app, client):
    log_in(client, EDITOR)
    response = client.post(PANTRY, data=form(client, **{
        "phone": "01632 960999 (Bookings)", "place-0-opening_times": "Tue,Thu 13:00-15:30"}))
    assert response.status_code == 302
    service = stored(app)
    assert [p.number for p in service.phones] == ["01632 960999"]
    assert sorted((s.weekday, s.opens_at) for s in service.schedules) == [
        (1, dt.time(13)), (3, dt.time(13))]
    assert service.last_checked == dt.date(2026, 11, 23)
    # The place keeps its id and map point.
    assert [link.location.id for link in service.locations] == ["loc-example-pantry"]
    assert service.locations[0].location.latitude is not None

    review = client.get("/admin/review").get_data(as_text=True)
    assert EDITOR in review and "01632 960999 (Bookings)" in review
    assert "Tue,Thu 13:00-15:30" in review and "Mon 10:00-12:00" in review


def test_bad_values_get_the_imports_messages_field_by_field_and_nothing_is_saved(app, client):
    log_in(client, EDITOR)
    response = client.post(PANTRY, data=form(client, **{
        "place-0-opening_times": "Mon 25:00-26:00", "place-0-postcode": "LS99 9ZZ",
        "status": "gone fishing", "cost": "fee: 1 a bag"}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    # The spreadsheet import's checks, each beside its field, named by the form's labels.
    assert "Opening times &#39;Mon 25:00-26:00&#39; is not a time range like Mon 10:00-12:00" \
        in page
    assert "Postcode &#39;LS99 9ZZ&#39; is not a Leeds postcode" in page
    assert "Status &#39;gone fishing&#39; is not one of" in page
    assert "opening_times" not in page.split('id="edit-form"')[0]
    assert 'id="place-0-opening_times-error"' in page and 'id="status-error"' in page
    assert "Mon 25:00-26:00" in page  # what was typed stays in the box
    with session_scope(services(app).database) as session:
        assert session.scalar(select(DirectoryChange.id)) is None
        assert session.get(Service, "example-pantry").status == "active"
        assert [s.opens_at for s in session.scalars(select(Schedule))] == [dt.time(10)]


def test_messages_use_the_forms_labels_not_column_names(client):
    """Issue 31: "referral_required 'maybe' should be..." named a column the form does not
    show; the form says "Referral needed"."""
    log_in(client, EDITOR)
    response = client.post(PANTRY, data=form(client, referral_required="maybe", service=""))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert ('<p class="error" id="referral_required-error">Referral needed &#39;maybe&#39; '
            "should be yes, no or blank</p>") in page
    assert '<p class="error" id="service-error">Name is required</p>' in page
    errors = re.findall(r'<p class="error"[^>]*>([^<]*)</p>', page)
    assert not [e for e in errors if re.search(r"\b[a-z]+_[a-z_]+\b|^service ", e)]


@pytest.mark.parametrize("cost", ["cheap", "fee", "fee: not much"])
def test_a_cost_that_is_not_a_price_is_refused_with_what_to_write(app, client, cost):
    log_in(client, EDITOR)
    response = client.post(PANTRY, data=form(client, cost=cost))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert (f'<p class="error" id="cost-error">Cost &#39;{cost}&#39; is not a price: write the '
            "amount (for example £1 a bag, or fee: £2.50), or free, or pay-as-you-feel</p>"
            ) in page
    assert (stored(app).cost_kind, stored(app).cost_text) == ("", "")  # nothing saved


@pytest.mark.parametrize(("cost", "kind", "text"), [
    ("£1 a bag", "fee", "£1 a bag"), ("fee: £2.50", "fee", "£2.50"), ("free", "free", ""),
    ("pay-as-you-feel", "pay-as-you-feel", ""),
    ("Pay as you feel: donations welcome", "pay-as-you-feel", "donations welcome")])
def test_a_price_free_or_pay_as_you_feel_is_saved(app, client, cost, kind, text):
    log_in(client, EDITOR)
    assert client.post(PANTRY, data=form(client, cost=cost)).status_code == 302
    assert (stored(app).cost_kind, stored(app).cost_text) == (kind, text)


def test_a_stored_cost_in_words_does_not_block_other_edits(app, client):
    """A cost already in the directory in words (imported) is left as it is."""
    with session_scope(services(app).database) as session:
        pantry = session.get(Service, "example-pantry")
        pantry.cost_kind, pantry.cost_text = "fee", "a small charge"
    log_in(client, EDITOR)
    assert client.post(PANTRY, data=form(client, notes="Bring a bag.")).status_code == 302
    assert stored(app).notes == "Bring a bag."


def test_an_admin_reverts_a_change_and_the_history_is_kept(app, client):
    log_in(client, EDITOR)
    client.post(PANTRY, data=form(client, phone="01632 960777", notes="Bring a bag."))
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    log_in(client, ADMIN)
    with session_scope(services(app).database) as session:
        change_id = session.scalar(select(DirectoryChange.id))
    response = client.post(f"/admin/review/{change_id}/revert",
                           data={"csrf_token": csrf_token(client, "/admin/review")})
    assert response.status_code == 302
    service = stored(app)
    assert [p.number for p in service.phones] == ["01632 960123"]
    assert service.notes == ""
    with session_scope(services(app).database) as session:
        changes = list(session.scalars(select(DirectoryChange).order_by(DirectoryChange.id)))
        assert len(changes) == 2
        assert changes[0].reverted_by == ADMIN and changes[0].reverted_at is not None
        assert changes[1].reverts_change_id == changes[0].id and changes[1].made_by == ADMIN
    page = client.get("/admin/review").get_data(as_text=True)
    assert "Reverted" in page and f"reverts change {change_id}" in page


def test_a_change_edited_again_since_is_not_reverted_blindly(app, client):
    log_in(client, ADMIN)
    client.post(PANTRY, data=form(client, phone="01632 960777"))
    client.post(PANTRY, data=form(client, phone="01632 960778"))
    with session_scope(services(app).database) as session:
        first = session.scalar(select(DirectoryChange.id).order_by(DirectoryChange.id))
    client.post(f"/admin/review/{first}/revert",
                data={"csrf_token": csrf_token(client, "/admin/review")})
    assert "changed again since" in client.get("/admin/review").get_data(as_text=True)
    assert [p.number for p in stored(app).phones] == ["01632 960778"]


def test_still_correct_updates_the_date_and_keeps_who_checked_in_admin(app, client, clock):
    log_in(client, EDITOR)
    clock.advance(days=30)
    client.post(f"{PANTRY}/verify", data={"csrf_token": csrf_token(client, PANTRY)})
    assert stored(app).last_checked == dt.date(2026, 12, 23)
    with session_scope(services(app).database) as session:
        check = session.scalar(select(RecordCheck))
        assert (check.record_id, check.checked_by, check.checked_by_role) == (
            "example-pantry", EDITOR, "editor")
    page = client.get(PANTRY).get_data(as_text=True)
    assert "2026-12-23" in page and "(by editor)" in page


def test_stale_lists_oldest_first_with_reports_and_conflicts(app, client):
    with session_scope(services(app).database) as session:
        session.get(Service, "example-advice").last_checked = dt.date(2024, 1, 1)
        store.report_wrong(session, "example-pantry", dt.date(2026, 11, 16))
        store.report_wrong(session, "example-pantry", dt.date(2026, 11, 23))
    log_in(client, ADMIN)
    page = client.get("/admin/stale").get_data(as_text=True)
    assert page.index("stale-example-advice") < page.index("stale-example-pantry")
    row = page[page.index('id="stale-example-pantry"'):]
    assert '<td class="reports">2</td>' in row[:2000]
    assert "residents report it closed or wrong" in row[:2000]
    by_need = client.get("/admin/stale?need=money").get_data(as_text=True)
    assert "stale-example-advice" in by_need and "stale-example-pantry" not in by_need
