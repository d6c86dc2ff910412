"""The database going away: quick 503s (never a trace), and recovery without a restart."""

from __future__ import annotations

import shutil
import socket

from twilio.request_validator import RequestValidator

from webhooks import create_app
from webhooks.services import services

TOKEN = "test-twilio-token"
PUBLIC = "https://signpost.example.org"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _signed_sms(client, text: str, sid: str):
    params = {"From": "+447700900111", "Body": text, "MessageSid": sid, "NumMedia": "0",
              "AccountSid": "AC" + "0" * 32}
    url = f"{PUBLIC}/webhooks/sms"
    signature = RequestValidator(TOKEN).compute_signature(url, params)
    return client.post("/webhooks/sms", data=params, headers={"X-Twilio-Signature": signature})


def _app(url, tmp_path):
    return create_app({"database_url": url, "instance_path": tmp_path / "instance",
                       "secret_key": "k", "twilio_auth_token": TOKEN, "public_base_url": PUBLIC,
                       "telegram_bot_token": "123:abc", "telegram_webhook_secret": "s3cret"})


def test_an_unreachable_database_gives_quick_503s_everywhere(tmp_path):
    app = _app(f"postgresql://nobody@127.0.0.1:{_closed_port()}/signpost", tmp_path)
    client = app.test_client()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] == "unavailable"
    sms = _signed_sms(client, "hello", "SM" + "d" * 32)
    assert sms.status_code == 503 and "Traceback" not in sms.get_data(as_text=True)
    telegram = client.post("/webhooks/telegram", json={"update_id": 1},
                           headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
    assert telegram.status_code == 503
    sandbox = client.post("/sandbox/api/message", json={"session": "a", "text": "hi"})
    assert sandbox.status_code == 503 and "unavailable" in sandbox.get_json()["error"]
    services(app).database.dispose()


def test_the_app_recovers_by_itself_when_the_database_returns(shipped_template, tmp_path,
                                                              monkeypatch):
    from sqlalchemy.engine import make_url

    from tests.databases import on_postgres
    from webhooks import faults

    if on_postgres():
        import pytest

        pytest.skip("stopping a shared PostgreSQL server is shown by the SQLite version")
    monkeypatch.setattr(faults, "RETRY_SECONDS", 0.0)
    folder = tmp_path / "not-yet"
    url = f"sqlite:///{folder / 'signpost.db'}"
    app = _app(url, tmp_path)  # the folder does not exist: the database cannot be opened
    client = app.test_client()
    assert _signed_sms(client, "hello", "SM" + "1" * 32).status_code == 503
    folder.mkdir()
    shutil.copyfile(make_url(shipped_template).database, folder / "signpost.db")
    assert client.get("/healthz").status_code == 200
    response = _signed_sms(client, "food near LS9 8RU", "SM" + "2" * 32)
    assert response.status_code == 200 and "near LS9 8RU" in response.get_data(as_text=True)
    services(app).database.dispose()


def test_health_reports_the_database_state(shipped_db_url, tmp_path):
    app = _app(shipped_db_url, tmp_path)
    body = app.test_client().get("/healthz").get_json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["services"] > 0 and body["postcodes"] > 20000
    services(app).database.dispose()
