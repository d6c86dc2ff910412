"""Shared pieces of the keepers' tests: fictional organisations, accounts, logging in."""

from __future__ import annotations

import datetime as dt
import re

from flask.testing import FlaskClient

from core.db import make_engine, session_scope
from directory.keepers.accounts import add_account
from tests.factories import add_service

NOW = dt.datetime(2026, 11, 23, 10, 0)
PASSWORD = "correct horse battery staple"
ADMIN = "admin@example.org"
EDITOR = "editor@example.org"
OTHER_EDITOR = "other@example.org"
ANCHOR = "anchor@example.org"
OURS = "org-example-community-trust"
THEIRS = "org-example-advice-group"


def seed(db_url: str, now: dt.datetime) -> None:
    """Two organisations with one service each, and an account of every kind."""
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as session:
            add_service(session, "Example Pantry", postcode="LS9 8RU",
                        organisation="Example Community Trust", phone="01632 960123",
                        sessions=((0, "10:00", "12:00"),))
            add_service(session, "Example Advice", needs=("money",), postcode="LS11 5AA",
                        organisation="Example Advice Group", phone="01632 960456")
            add_account(session, ADMIN, "admin", PASSWORD, now)
            add_account(session, EDITOR, "editor", PASSWORD, now, [OURS])
            add_account(session, OTHER_EDITOR, "editor", PASSWORD, now, [THEIRS])
            add_account(session, ANCHOR, "anchor", PASSWORD, now, [OURS])
    finally:
        engine.dispose()


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def log_in(client: FlaskClient, email: str, password: str = PASSWORD):
    token = csrf_token(client, "/admin/login")
    return client.post("/admin/login", data={"email": email, "password": password,
                                             "csrf_token": token})
