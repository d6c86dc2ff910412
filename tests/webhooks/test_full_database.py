"""A database that cannot take writes (a full disk, or read-only) is answered with 503s whose
cause is logged once a minute, and /healthz says so instead of "database ok"."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from tests.databases import on_postgres
from tests.webhooks.channels import Phone, close_app, make_app
from webhooks.services import services


@pytest.fixture
def app(shipped_db_url, tmp_path):
    app = make_app(shipped_db_url, tmp_path / "instance")
    yield app
    close_app(app)


def _every_new_connection(engine, pragma: str) -> None:
    """Run ``pragma`` on each SQLite connection the app opens from now on."""
    event.listen(engine, "connect", lambda dbapi, _record: dbapi.execute(pragma))
    engine.dispose()


def _logged(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno >= logging.ERROR and words in r.getMessage()]


def test_a_full_disk_is_logged_once_a_minute_and_turns_healthz_red(app, caplog):
    if on_postgres():
        pytest.skip("SQLite's page limit stands in for a full disk")
    engine = services(app).database
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    # The database may not grow by one page: once the room in its pages is used, it is full.
    _every_new_connection(engine, f"PRAGMA max_page_count = {pages}")
    client = app.test_client()
    for _ in range(300):
        phone = Phone(client)
        answer = phone.post("food near LS9 8RU")
        if answer.status_code != 200:
            break
    assert answer.status_code == 503, "the database never filled up"
    for _ in range(3):  # the same message again: it needs the same room, still not there
        assert phone.post("food near LS9 8RU").status_code == 503
    logged = _logged(caplog, "database or disk is full")
    assert len(logged) == 1, logged
    assert phone.number[1:] not in logged[0] and "LS9" not in logged[0]
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["database"] == "unavailable"


def test_a_read_only_database_gives_503s_and_healthz_says_so(app, shipped_db_url, databases,
                                                             caplog):
    client = app.test_client()
    phone = Phone(client)
    assert phone.text("hello")
    assert client.get("/healthz").status_code == 200
    engine = services(app).database
    if on_postgres():  # as a standby is, or a database an operator has set read-only
        name = make_url(shipped_db_url).database
        with databases.admin().connect() as admin:
            admin.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        engine.dispose()
    else:
        _every_new_connection(engine, "PRAGMA query_only = ON")
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["reason"] == "its check (one small write) failed"
    assert phone.post("food").status_code == 503
    assert _logged(caplog, "read") != []
