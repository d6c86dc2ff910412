"""Done when: another instance can ``signpost directory sync`` from ``/oruk`` and end with the
same directory, and a second sync reports no changes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.db import make_engine, session_scope
from directory.models import Service
from tests.oruk.feeds import serve_app
from tests.oruk.records import directory_rows
from webhooks import create_app
from webhooks.cli import main
from webhooks.services import services

# Two live instances syncing the whole directory: slow, so make test-fast leaves it out.
pytestmark = pytest.mark.slow


@pytest.fixture
def instance_a(shipped_db_url, tmp_path):
    """App A, with the shipped directory, served on a real local port; yields its base URL."""
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "a",
                      "secret_key": "test-secret", "oruk_rate_limit_per_minute": 0})
    with serve_app(app) as url:
        yield url
    services(app).database.dispose()


@pytest.fixture
def sync_into_b(geo_db_url, monkeypatch, capsys):
    """Run ``signpost directory sync ...`` against database B (geography, no services)."""
    monkeypatch.setenv("DATABASE_URL", geo_db_url)
    monkeypatch.setenv("SIGNPOST_SECRET_KEY", "test-secret")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["directory", "sync", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _sync(db_url: str, monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SIGNPOST_SECRET_KEY", "test-secret")
    code = main(["directory", "sync", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _set_name(db_url: str, service_id: str, name: str) -> None:
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as session:
            session.get(Service, service_id).name = name
    finally:
        engine.dispose()


def _rows(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return directory_rows(session)
    finally:
        engine.dispose()


def test_b_syncs_from_a_and_ends_with_the_same_directory(instance_a, sync_into_b,
                                                         shipped_db_url, geo_db_url):
    expected = _rows(shipped_db_url)
    services = len(expected["service"])
    assert services > 10

    code, out, err = sync_into_b(f"{instance_a}/oruk", "--dry-run")
    assert code == 0, err
    assert f"it would be: {services} new, 0 updated, 0 unchanged, 0 withdrawn" in out
    assert _rows(geo_db_url)["service"] == []

    code, out, err = sync_into_b(f"{instance_a}/oruk")
    assert code == 0, err
    assert f"{services} new, 0 updated, 0 unchanged, 0 withdrawn" in out
    assert "Reading pages" in err  # the progress bar
    assert _rows(geo_db_url) == expected

    code, out, err = sync_into_b(f"{instance_a}/oruk/")
    assert code == 0, err
    assert f"0 new, 0 updated, {services} unchanged, 0 withdrawn" in out
    assert _rows(geo_db_url) == expected


def test_synced_records_keep_the_feed_and_their_id_there(instance_a, sync_into_b, geo_db_url):
    assert sync_into_b(f"{instance_a}/oruk")[0] == 0
    engine = make_engine(geo_db_url)
    try:
        with session_scope(engine) as session:
            feeds = set(session.execute(select(Service.feed_url, func.count())
                                        .group_by(Service.feed_url)).all())
            service = session.scalars(select(Service).limit(1)).one()
            assert service.feed_id == service.id
    finally:
        engine.dispose()
    assert [feed for feed, _ in feeds] == [f"{instance_a}/oruk/services"]


def test_a_feed_that_cannot_be_reached_changes_nothing(sync_into_b, geo_db_url):
    code, out, err = sync_into_b("http://127.0.0.1:9/oruk", "--attempts", "1",
                                 "--timeout", "2")
    assert code == 1
    assert "Nothing changed: the feed could not be read" in err
    assert "could not connect" in err
    assert _rows(geo_db_url)["service"] == []


def test_a_fresh_signpost_syncs_from_another_and_accounts_for_every_record(
        instance_a, shipped_db_url, shipped_template, fresh_database, monkeypatch, capsys):
    """Issue 31: B made by ``db init`` (the shipped data) syncing from A's ``/oruk`` used to
    warn 243 times and count nothing; now every record is counted and then follows A."""
    b_url = fresh_database(shipped_template)
    ids = [row[0] for row in _rows(b_url)["service"]]
    services = len(ids)
    _set_name(b_url, ids[1], "Example Pantry (edited here)")  # B's own edit: a real clash

    code, out, err = _sync(b_url, monkeypatch, capsys, f"{instance_a}/oruk")
    assert code == 0, err
    assert (f"0 new, 0 updated, {services - 1} unchanged, 0 withdrawn; "
            "1 left alone (already here from elsewhere)") in out
    assert err.count("left alone") == 2  # the one warning and the one list line
    assert f"{ids[1]}" in err and "with other details: left alone" in err
    assert f"{services - 1} services already here from a file or the shipped data" in err

    # A keeper's edit at A now reaches B; B's own edit is still left alone.
    _set_name(shipped_db_url, ids[0], "Example Pantry (edited at A)")
    _set_name(shipped_db_url, ids[1], "Example Pantry (also edited at A)")
    code, out, err = _sync(b_url, monkeypatch, capsys, f"{instance_a}/oruk")
    assert code == 0, err
    assert (f"0 new, 1 updated, {services - 2} unchanged, 0 withdrawn; "
            "1 left alone (already here from elsewhere)") in out
    names = {row[0]: row for row in _rows(b_url)["service"]}
    assert "Example Pantry (edited at A)" in names[ids[0]]
    assert "Example Pantry (edited here)" in names[ids[1]]
