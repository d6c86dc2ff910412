"""Fixtures for the hostile-input test modules: one app (and fake Telegram) per module."""

from __future__ import annotations

import pytest

from tests.fake_telegram import FakeTelegram
from tests.webhooks.channels import TELEGRAM_TOKEN, close_app, make_app
from tests.webhooks.hostile import HIGH_LIMITS


@pytest.fixture(scope="module")
def hostile_database(databases, shipped_template, tmp_path_factory):
    url = databases.copy(shipped_template, tmp_path_factory.mktemp("hostile-db"))
    yield url
    databases.drop(url)


@pytest.fixture(scope="module")
def hostile_fake():
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="module")
def hostile_app(hostile_database, hostile_fake, tmp_path_factory):
    app = make_app(hostile_database, tmp_path_factory.mktemp("hostile") / "instance",
                   hostile_fake,
                   **HIGH_LIMITS)
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def hostile_client(hostile_app):
    return hostile_app.test_client()
