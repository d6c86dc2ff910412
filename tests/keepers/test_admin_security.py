"""Security of the keepers' pages: logins, CSRF, organisations kept apart, lockout, cookies."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from core.db import session_scope
from directory.keepers.models import KeeperAccount, LoginThrottle
from tests.keepers.helpers import (
    ADMIN,
    EDITOR,
    OTHER_EDITOR,
    PASSWORD,
    csrf_token,
    log_in,
)
from webhooks import create_app
from webhooks.services import services

PAGES = ["/admin/", "/admin/services/example-pantry", "/admin/review", "/admin/stale"]
POSTS = ["/admin/services/example-pantry", "/admin/services/example-pantry/verify",
         "/admin/review/1/revert"]


def every_admin_rule(app) -> list[str]:
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if rule.rule.startswith("/admin"))


def test_no_admin_page_answers_200_without_a_login(app, client):
    rules = every_admin_rule(app)
    assert {"/admin/", "/admin/login", "/admin/stale", "/admin/review"} <= set(rules)
    for rule in rules:
        path = (rule.replace("<service_id>", "example-pantry")
                .replace("<int:change_id>", "1").replace("<int:request_id>", "1"))
        response = client.get(path)
        if rule == "/admin/login":
            assert response.status_code == 200
        else:
            assert response.status_code in (302, 405), (rule, response.status_code)
            if response.status_code == 302:
                assert "/admin/login" in response.headers["Location"]
    for path in POSTS:
        assert client.post(path, data={"csrf_token": csrf_token(client, "/admin/login")}
                           ).status_code == 302


def test_login_with_the_right_password_opens_the_pages(client):
    assert log_in(client, EDITOR).status_code == 302
    for path in PAGES:
        assert client.get(path).status_code == 200, path


def test_a_wrong_password_is_refused(client):
    response = log_in(client, EDITOR, "not the password at all")
    assert response.status_code == 401
    assert client.get("/admin/").status_code == 302


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrf_token"[^>]*', 'name="csrf_token"', page)


def test_every_form_needs_the_csrf_token(client):
    response = client.post("/admin/login", data={"email": EDITOR, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302  # not logged in
    log_in(client, EDITOR)
    before = _without_tokens(client.get("/admin/services/example-pantry").get_data(as_text=True))
    for path in POSTS[:2]:
        assert client.post(path, data={"service": "Renamed"}).status_code == 400
    after = client.get("/admin/services/example-pantry").get_data(as_text=True)
    assert _without_tokens(after) == before  # (each token carries its own time stamp)
    assert client.post("/admin/logout").status_code == 400


def test_an_editor_gets_403_for_another_organisations_records(client):
    log_in(client, OTHER_EDITOR)
    token = csrf_token(client, "/admin/")
    assert client.get("/admin/services/example-pantry").status_code == 403
    assert client.post("/admin/services/example-pantry",
                       data={"csrf_token": token, "service": "Taken over"}).status_code == 403
    assert client.post("/admin/services/example-pantry/verify",
                       data={"csrf_token": token}).status_code == 403
    assert client.get("/admin/services/example-advice").status_code == 200
    listing = client.get("/admin/").get_data(as_text=True)
    assert "Example Advice" in listing and "Example Pantry" not in listing
    assert "Example Pantry" not in client.get("/admin/stale").get_data(as_text=True)


def test_an_editor_cannot_revert_and_an_admin_sees_everything(client):
    log_in(client, EDITOR)
    token = csrf_token(client, "/admin/")
    assert client.post("/admin/review/1/revert", data={"csrf_token": token}).status_code == 403
    client.post("/admin/logout", data={"csrf_token": token})
    log_in(client, ADMIN)
    listing = client.get("/admin/").get_data(as_text=True)
    assert "Example Advice" in listing and "Example Pantry" in listing
    assert client.get("/admin/services/example-pantry").status_code == 200


@pytest.mark.slow
def test_ten_wrong_passwords_lock_the_account_for_a_while(app, client, clock):
    for _ in range(10):
        assert log_in(client, EDITOR, "wrong password guess").status_code == 401
    # Even the right password is refused while the lock lasts...
    assert log_in(client, EDITOR).status_code == 401
    assert client.get("/admin/").status_code == 302
    # ...other accounts still work...
    assert log_in(app.test_client(), ADMIN).status_code == 302
    # ...and after the lock the right password works again.
    clock.advance(minutes=16)
    assert log_in(client, EDITOR).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.slow
def test_one_client_is_rate_limited_across_accounts(app, client, clock):
    codes = [log_in(client, f"nobody{i}@example.org", "guess guess guess").status_code
             for i in range(31)]
    assert codes[:30] == [401] * 30
    assert codes[30] == 429
    assert log_in(client, ADMIN).status_code == 429  # the client waits, whatever the account
    clock.advance(minutes=16)
    assert log_in(client, ADMIN).status_code == 302
    with session_scope(services(app).database) as session:
        keys = list(session.scalars(select(LoginThrottle.client_hash)))
        assert keys and all(len(k) == 64 and "127.0.0.1" not in k for k in keys)
        hashes = list(session.scalars(select(KeeperAccount.password_hash)))
        assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def _answer(response, email: str) -> tuple[int, str]:
    """A login answer with the email typed back taken out."""
    page = _without_tokens(response.get_data(as_text=True))
    return response.status_code, page.replace(email, "EMAIL")


@pytest.mark.slow
def test_a_locked_account_answers_exactly_as_an_unknown_email(app, client):
    """Issue 26, finding 14: the lockout never tells which emails have accounts."""
    for _ in range(10):
        log_in(client, EDITOR, "wrong password guess")
    nobody = "nobody@example.org"
    for _ in range(11):
        unknown = _answer(log_in(client, nobody, "wrong password guess"), nobody)
    for password in ("wrong password guess", PASSWORD):
        assert _answer(log_in(client, EDITOR, password), EDITOR) == unknown
    assert unknown[0] == 401 and "locked for 15 minutes" in unknown[1]


@pytest.mark.parametrize("env, secure", [("production", True), ("development", False)])
def test_cookies_are_secure_in_production(keepers_db_url, tmp_path, env, secure):
    app = create_app({"database_url": keepers_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret", "env": env,
                      "followup_key": "a-test-follow-up-key-of-32-chars-or-more"})
    try:
        client = app.test_client()
        response = log_in(client, ADMIN)
        cookie = response.headers["Set-Cookie"]
        assert ("Secure" in cookie) is secure
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    finally:
        services(app).database.dispose()
