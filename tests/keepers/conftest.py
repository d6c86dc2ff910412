"""Fixtures for the keepers' pages: an app on a database with two fictional organisations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.clock import FakeClock
from tests.keepers.helpers import NOW
from webhooks import create_app
from webhooks.services import services


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def app(keepers_db_url, tmp_path, clock) -> Iterator[Flask]:
    app = create_app({"database_url": keepers_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret"}, clock=clock)
    yield app
    services(app).database.dispose()


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()
