"""The keepers' pages against the second adversarial review (issue 26): sessions that end,
odd form values, control characters, website schemes, shared places, parallel logins and
read-only pages that take no write lock."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy.engine import make_url

from core.db import WEB_TIMEOUTS, session_scope
from directory.keepers.accounts import set_password
from directory.models import Location, Service, ServiceAtLocation
from tests.databases import on_postgres
from tests.keepers.helpers import (
    ADMIN,
    EDITOR,
    PASSWORD,
    csrf_token,
    log_in,
)
from tests.keepers.test_admin_editing import PANTRY, form
from webhooks.services import services

THEIRS_SHARED = "example-advice"


def _engine(app):
    return services(app).database


# Finding 13: a session ends everywhere on logout and on a new password.

def test_a_copied_session_cookie_stops_working_after_logout(app, client):
    log_in(client, EDITOR)
    copied = client.get_cookie("session").value
    other = app.test_client()
    other.set_cookie("session", copied)
    assert other.get("/admin/").status_code == 200
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert client.get("/admin/").status_code == 302
    assert other.get("/admin/").status_code == 302


def test_a_new_password_ends_every_session(app, client):
    log_in(client, EDITOR)
    assert client.get("/admin/").status_code == 200
    with session_scope(_engine(app)) as session:
        set_password(session, EDITOR, "a brand new passphrase here")
    assert client.get("/admin/").status_code == 302
    assert log_in(client, EDITOR, "a brand new passphrase here").status_code == 302


# Finding 5: every form field's type and range.

@pytest.mark.parametrize("places", ["abc", "-1", "1000000", "30000000", "²", "2"])
def test_the_places_field_must_be_a_count_of_the_forms_rows(client, places):
    log_in(client, EDITOR)
    started = time.monotonic()
    response = client.post(PANTRY, data=form(client, places=places))
    assert response.status_code == 400
    assert time.monotonic() - started < 2


def test_an_overlong_field_is_refused(client):
    log_in(client, EDITOR)
    assert client.post(PANTRY, data=form(client, description="x" * 20_000)).status_code == 400


# Findings 15 and 12 (NUL): control characters are cleaned; a NUL is refused on every engine.

def test_control_characters_typed_in_the_form_are_cleaned_as_an_import_cleans_them(app, client):
    log_in(client, EDITOR)
    typed = "Food parcels\x07 and\x1b[31m tea\u2028every week"
    assert client.post(PANTRY, data=form(client, description=typed)).status_code == 302
    with session_scope(_engine(app)) as session:
        stored = session.get(Service, "example-pantry").description
    assert stored == "Food parcels and[31m tea every week"
    published = client.get("/oruk/services/example-pantry").get_json()["description"]
    assert published == stored


def test_a_nul_in_an_admin_field_is_a_400_and_nothing_is_saved(app, client):
    log_in(client, EDITOR)
    response = client.post(PANTRY, data=form(client, description="Food\x00parcels"))
    assert response.status_code == 400
    with session_scope(_engine(app)) as session:
        assert "\x00" not in (session.get(Service, "example-pantry").description or "")
    token = csrf_token(client, "/admin/login")
    assert client.post("/admin/login", data={"email": "a\x00@example.org", "password": "x",
                                             "csrf_token": token}).status_code == 400
    assert client.get("/admin/stale?ward=E05\x00").status_code == 400


# Finding 12: a login's next page is an admin path, never a header.

def test_a_next_with_a_line_break_is_not_followed(client):
    token = csrf_token(client, "/admin/login")
    response = client.post("/admin/login?next=/admin%0d%0aX:y",
                           data={"email": EDITOR, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert "X" not in response.headers


# Finding 17: only http and https websites.

@pytest.mark.parametrize("website", ["javascript:alert(1)", " JavaScript:alert(1)",
                                     "data:text/html,hi", "vbscript:msgbox"])
def test_a_website_must_be_http_or_https(app, client, website):
    log_in(client, EDITOR)
    response = client.post(PANTRY, data=form(client, website=website))
    assert response.status_code == 422
    assert "only http:// and https:// are accepted" in response.get_data(as_text=True)
    assert client.post(PANTRY, data=form(client, website="https://example.org/pantry")
                       ).status_code == 302


def test_the_api_never_republishes_a_stored_javascript_url(app, client):
    with session_scope(_engine(app)) as session:
        session.get(Service, "example-pantry").url = "javascript:alert(1)"
    for path in ("/oruk/services/example-pantry", "/oruk/services?full=true"):
        assert "javascript:" not in client.get(path).get_data(as_text=True), path


# Finding 2: a place shared with another organisation.

def _share_the_pantrys_place(app) -> None:
    with session_scope(_engine(app)) as session:
        advice = session.get(Service, THEIRS_SHARED)
        for link in list(advice.locations):
            session.delete(link)
        session.flush()
        session.add(ServiceAtLocation(id="sal-advice-at-pantry", service_id=THEIRS_SHARED,
                                      location_id="loc-example-pantry"))


def _place_of(app, service_id: str) -> tuple[str, str, str, str | None]:
    with session_scope(_engine(app)) as session:
        location = session.get(Service, service_id).locations[0].location
        return location.id, location.address, location.postcode, location.ward_code


def test_an_editor_editing_a_shared_place_gets_a_place_of_their_own(app, client):
    _share_the_pantrys_place(app)
    theirs_before = _place_of(app, THEIRS_SHARED)
    log_in(client, EDITOR)
    response = client.post(PANTRY, data=form(client, **{
        "place-0-address": "2 Example Road, Leeds", "place-0-postcode": "LS11 5AA"}))
    assert response.status_code == 302
    assert _place_of(app, THEIRS_SHARED) == theirs_before
    ours = _place_of(app, "example-pantry")
    assert ours[0] != "loc-example-pantry" and ours[1:3] == ("2 Example Road, Leeds", "LS11 5AA")


def test_an_editor_changing_only_their_service_leaves_the_shared_place_unwritten(app, client):
    _share_the_pantrys_place(app)
    with session_scope(_engine(app)) as session:
        before = session.get(Location, "loc-example-pantry")
        before = (before.source, before.last_checked)
    log_in(client, EDITOR)
    assert client.post(PANTRY, data=form(client, phone="01632 960777")).status_code == 302
    with session_scope(_engine(app)) as session:
        after = session.get(Location, "loc-example-pantry")
        assert (after.source, after.last_checked) == before
        assert session.get(Service, "example-pantry").locations[0].location_id == \
            "loc-example-pantry"


def test_an_admin_may_edit_a_shared_place_for_everyone(app, client):
    _share_the_pantrys_place(app)
    log_in(client, ADMIN)
    assert client.post(PANTRY, data=form(client, **{
        "place-0-address": "3 Example Lane, Leeds"})).status_code == 302
    assert _place_of(app, THEIRS_SHARED)[:2] == ("loc-example-pantry", "3 Example Lane, Leeds")


# Finding 10: parallel logins from one client are counted exactly, on either engine.

@pytest.mark.slow
def test_parallel_logins_from_one_client_check_no_more_than_the_cap(app):
    """Eight at once (a worker's pool holds ten connections), five each: 40 attempts."""
    answers: list[int] = []
    start = threading.Barrier(8)

    def attempts(n: int) -> None:
        client = app.test_client()
        token = csrf_token(client, "/admin/login")
        start.wait()
        for i in range(5):
            answers.append(client.post("/admin/login", data={
                "email": f"nobody{n}-{i}@example.org", "password": "guess guess guess",
                "csrf_token": token}).status_code)

    threads = [threading.Thread(target=attempts, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(set(answers)) == [401, 429], answers
    assert answers.count(401) == 30


# Finding 4: pages that only read take no write lock (SQLite's is held by a writer here).

@pytest.mark.skipif(on_postgres(), reason="SQLite's database-wide write lock")
def test_read_only_pages_answer_while_a_writer_holds_the_lock(app, client, keepers_db_url):
    log_in(client, ADMIN)
    writer = sqlite3.connect(make_url(keepers_db_url).database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        for path in ("/oruk/services", "/oruk/services/example-pantry", "/oruk/taxonomy_terms",
                     "/admin/", PANTRY, "/admin/review", "/admin/stale", "/insights"):
            started = time.monotonic()
            assert client.get(path).status_code == 200, path
            # A page that waited for the lock would take the whole lock timeout, then 503:
            # any shorter time (however loaded the machine) shows it never waited.
            assert time.monotonic() - started < WEB_TIMEOUTS.lock, path
    finally:
        writer.rollback()
        writer.close()
