"""Security headers on pages and APIs; the sandbox is off in production unless asked for."""

from __future__ import annotations

import pytest

from webhooks import create_app
from webhooks.config import ConfigError
from webhooks.services import services

FOLLOWUP_KEY = "a-test-follow-up-key-of-32-chars-or-more"


def _app(url, tmp_path, **extra):
    return create_app({"database_url": url, "instance_path": tmp_path / "instance",
                       "secret_key": "k", "followup_key": FOLLOWUP_KEY, **extra})


@pytest.mark.parametrize("path", ["/sandbox", "/healthz", "/"])
def test_pages_send_security_headers(shipped_db_url, tmp_path, path):
    response = _app(shipped_db_url, tmp_path).test_client().get(path)
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_production_turns_the_sandbox_off_and_adds_hsts(shipped_db_url, tmp_path, monkeypatch):
    monkeypatch.delenv("SANDBOX_ENABLED", raising=False)
    client = _app(shipped_db_url, tmp_path, env="production").test_client()
    assert client.get("/sandbox").status_code == 404
    assert client.post("/sandbox/api/message", json={"session": "a", "text": "hi"}
                       ).status_code == 404
    assert "max-age" in client.get("/healthz").headers["Strict-Transport-Security"]


def test_the_sandbox_can_be_kept_on_in_production_when_asked(shipped_db_url, tmp_path,
                                                             monkeypatch):
    monkeypatch.setenv("SANDBOX_ENABLED", "true")
    client = _app(shipped_db_url, tmp_path, env="production").test_client()
    assert client.get("/sandbox").status_code == 200


def test_the_sandbox_can_be_switched_off_by_environment(shipped_db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SANDBOX_ENABLED", "false")
    assert _app(shipped_db_url, tmp_path).test_client().get("/sandbox").status_code == 404


def test_production_needs_a_secret_key(shipped_db_url, tmp_path, monkeypatch):
    monkeypatch.delenv("SIGNPOST_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SIGNPOST_SECRET_KEY"):
        create_app({"database_url": shipped_db_url, "instance_path": tmp_path, "env":
                    "production"})


def test_oversized_bodies_are_refused(shipped_db_url, tmp_path):
    client = _app(shipped_db_url, tmp_path).test_client()
    response = client.post("/sandbox/api/message", data="x" * (300 * 1024),
                           content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize("value", ["Production", "PRODUCTION", " production "])
def test_production_is_read_in_any_case(shipped_db_url, tmp_path, monkeypatch, value):
    monkeypatch.delenv("SANDBOX_ENABLED", raising=False)
    monkeypatch.setenv("SIGNPOST_ENV", value)
    with pytest.raises(ConfigError, match="SIGNPOST_SECRET_KEY"):
        create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance"})
    client = _app(shipped_db_url, tmp_path).test_client()
    assert client.get("/sandbox").status_code == 404
    assert "max-age" in client.get("/healthz").headers["Strict-Transport-Security"]


@pytest.mark.parametrize("value", ["prod", "Prod", "live", "staging", "dev"])
def test_a_mistyped_environment_refuses_to_start(shipped_db_url, tmp_path, monkeypatch, value):
    monkeypatch.setenv("SIGNPOST_ENV", value)
    with pytest.raises(ConfigError, match="SIGNPOST_ENV must be 'development' or 'production'"):
        _app(shipped_db_url, tmp_path)


def test_production_needs_a_follow_up_key(shipped_db_url, tmp_path, monkeypatch):
    monkeypatch.delenv("SIGNPOST_FOLLOWUP_KEY", raising=False)
    with pytest.raises(ConfigError, match="SIGNPOST_FOLLOWUP_KEY must be set"):
        create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                    "secret_key": "k", "env": "production"})


def test_a_short_follow_up_key_refuses_to_start(shipped_db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNPOST_FOLLOWUP_KEY", "too-short")
    with pytest.raises(ConfigError, match="SIGNPOST_FOLLOWUP_KEY: the key must be"):
        create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                    "secret_key": "k"})


def test_development_derives_a_follow_up_key_from_the_secret_key(shipped_db_url, tmp_path,
                                                                 monkeypatch, caplog):
    monkeypatch.delenv("SIGNPOST_FOLLOWUP_KEY", raising=False)
    caplog.set_level("INFO", logger="webhooks.config")
    first = services(create_app({"database_url": shipped_db_url, "secret_key": "k",
                                 "instance_path": tmp_path / "a"})).settings.followup_key
    again = services(create_app({"database_url": shipped_db_url, "secret_key": "k",
                                 "instance_path": tmp_path / "b"})).settings.followup_key
    other = services(create_app({"database_url": shipped_db_url, "secret_key": "other",
                                 "instance_path": tmp_path / "c"})).settings.followup_key
    assert first == again != other
    assert first != "k"
    assert "development key derived from the secret key" in caplog.text
