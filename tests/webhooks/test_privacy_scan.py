"""Privacy, checked in the database itself: after whole conversations on SMS and Telegram, no
table holds a phone number, a chat or user id, or anything a resident wrote (only the place
they gave, for a few hours); after FORGET nothing about either sender is left at all.

Also: production refuses to start without SIGNPOST_SECRET_KEY, and the development key is kept
in the instance folder so the keyed sender hashes stay the same across restarts.
"""

from __future__ import annotations

import itertools
import re
import stat
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, select

from bot.messages import Channel, InboundMessage
from core.db import session_scope
from tests.databases import on_postgres
from tests.fake_telegram import (
    FakeTelegram,
    callback_update,
    location_update,
    text_update,
)
from tests.webhooks.channels import (
    OUR_NUMBER,
    PUBLIC,
    TELEGRAM_TOKEN,
    Phone,
    Resident,
    close_app,
    make_app,
    sign,
)
from webhooks import create_app
from webhooks.config import ConfigError
from webhooks.engine_access import engine_for
from webhooks.services import services

#: Fictional (Ofcom drama range), in every form it might be written down.
NUMBER = "+447700900123"
NUMBER_FORMS = ["+447700900123", "447700900123", "07700900123", "07700 900123", "7700900123",
                "7700 900123", "+44 7700 900123", "+44 (0)7700 900123"]
CHAT = 987654321
USER = 246813579
ID_FORMS = [str(CHAT), str(USER)]

#: What the residents wrote that says something about them (not short place-only messages).
SMS_SENTENCES = ["im skint and need food for the kids", "i want to end it all",
                 "the bailiffs came round again today"]
TELEGRAM_SENTENCES = ["cant afford the gas and the baby is cold",
                      "i want to end it all tonight", "my landlord says we have to leave"]


@pytest.fixture
def fake():
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        yield fake


@pytest.fixture
def app(shipped_db_url, tmp_path, fake):
    app = make_app(shipped_db_url, tmp_path / "instance", fake)
    yield app
    close_app(app)


@pytest.fixture
def client(app):
    return app.test_client()


# --- reading every table ------------------------------------------------------------------


def every_table(engine: Engine) -> dict[str, str]:
    """Every row of every table, each column as str, one text per table."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    dump: dict[str, str] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            dump[table.name] = "\n".join("\t".join(str(value) for value in row)
                                         for row in rows)
    return dump


def found_in(dump: dict[str, str], needles: list[str]) -> list[tuple[str, str]]:
    """(table, needle) for every needle found, case and spacing ignored."""
    def squash(text: str) -> str:
        return re.sub(r"\s+", " ", text.lower())

    hits = []
    for table, text in dump.items():
        text = squash(text)
        hits += [(table, needle) for needle in needles if squash(needle) in text]
    return hits


def tables_with_rows_about(dump: dict[str, str], hashes: list[str]) -> list[tuple[str, str]]:
    return [(table, h) for table, text in dump.items() for h in hashes if h in text]


# --- the residents ------------------------------------------------------------------------


class TelegramResident(Resident):
    """A Telegram resident whose user id differs from the chat id, as in a group."""

    update_ids = itertools.count(5000)

    def _from_user(self, update: dict) -> dict:
        for kind in ("message", "callback_query"):
            if kind in update:
                update[kind]["from"]["id"] = USER
        return update

    def say(self, text: str) -> list[dict]:
        return self.exchange(self._from_user(text_update(next(self.update_ids), self.chat, text)))

    def share_location(self, latitude: float, longitude: float) -> list[dict]:
        return self.exchange(self._from_user(
            location_update(next(self.update_ids), self.chat, latitude, longitude)))

    def press(self, data: str) -> list[dict]:
        return self.exchange(self._from_user(callback_update(next(self.update_ids), self.chat,
                                                             data)))


def joined(replies) -> str:
    return "\n".join(r if isinstance(r, str) else r["text"] for r in replies)


def sms_conversation(client) -> None:
    phone = Phone(client, NUMBER)
    assert "1 Food" in joined(phone.text("hello"))
    assert "Where are you?" in joined(phone.text(SMS_SENTENCES[0]))
    assert "near LS9 8RU" in joined(phone.text("LS9 8RU"))
    assert phone.text("MORE")
    assert "999" in joined(phone.text(SMS_SENTENCES[1]))
    details = joined(phone.text("4"))  # a place's address, or a line's "no address"
    assert details.startswith("4) ") and ("Address:" in details or "No address" in details)
    assert "Thank you" in joined(phone.text("yes"))
    assert phone.text(SMS_SENTENCES[2])
    params = {"AccountSid": "AC" + "0" * 32, "MessageSid": f"SM{uuid.uuid4().hex}",
              "MessageStatus": "delivered", "To": NUMBER, "From": OUR_NUMBER}
    report = client.post("/webhooks/sms/status", data=params, headers={
        "X-Twilio-Signature": sign(PUBLIC + "/webhooks/sms/status", params)})
    assert report.status_code == 204


def telegram_conversation(client, fake) -> None:
    resident = TelegramResident(client, fake, CHAT)
    assert "1 Food" in joined(resident.say("hello"))
    # Energy bill help is given by phone anywhere: answered across Leeds at once, then nearer.
    assert "across Leeds" in joined(resident.say(TELEGRAM_SENTENCES[0]))
    assert "1)" in joined(resident.share_location(53.8045, -1.5169))
    assert resident.press("MORE")
    assert "999" in joined(resident.say(TELEGRAM_SENTENCES[1]))
    details = joined(resident.press("5"))  # a place's address, or a line's "no address"
    assert details.startswith("5) ") and ("Address:" in details or "No address" in details)
    assert "Thank you" in joined(resident.say("no"))
    assert resident.say(TELEGRAM_SENTENCES[2])
    assert "near LS9 8RU" in joined(resident.say("LS9 8RU"))


def sender_hashes(app) -> list[str]:
    engine = engine_for(app)
    return [engine.sender_hash(InboundMessage(Channel.SMS, NUMBER)),
            engine.sender_hash(InboundMessage(Channel.TELEGRAM, str(CHAT)))]


def test_no_number_id_or_words_are_kept_and_forget_leaves_nothing(app, client, fake):
    database = services(app).database
    identities = NUMBER_FORMS + ID_FORMS
    sentences = SMS_SENTENCES + TELEGRAM_SENTENCES
    assert found_in(every_table(database), identities + sentences) == [], \
        "the shipped data already holds one of these: choose others"

    sms_conversation(client)
    telegram_conversation(client, fake)
    dump = every_table(database)
    hashes = sender_hashes(app)
    # The scan sees the conversations (so it would see a leak)...
    assert {h for _, h in tables_with_rows_about(dump, hashes)} == set(hashes)
    assert {"conversation", "processed_message"} <= {t for t, _ in
                                                     tables_with_rows_about(dump, hashes)}
    # ...and no number, id or sentence is among them.
    assert found_in(dump, identities) == []
    assert found_in(dump, sentences) == []

    assert "deleted everything" in joined(Phone(client, NUMBER).text("FORGET"))
    assert "deleted everything" in joined(TelegramResident(client, fake, CHAT).say("FORGET"))
    dump = every_table(database)
    assert tables_with_rows_about(dump, hashes) == []
    assert found_in(dump, identities + sentences) == []


def test_a_forgotten_sender_starts_afresh(client, fake):
    phone = Phone(client, NUMBER)
    phone.text("food")
    phone.text("FORGET")
    assert "Where are you?" not in joined(phone.text("LS9 8RU"))


def _file_bytes(engine: Engine) -> bytes:
    """The SQLite database file and its write-ahead log, as they lie on disk."""
    path = Path(engine.url.database)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_after_forget_no_copy_is_left_in_the_sqlite_files(app, client):
    if on_postgres():
        pytest.skip("SQLite's files; PostgreSQL leaves dead rows to autovacuum "
                    "(docs/operations.md)")
    database = services(app).database
    phone = Phone(client, NUMBER)
    assert "near LS9 8RU" in joined(phone.text("food near LS9 8RU"))
    traces = [sender_hashes(app)[0].encode(), b'"label":"LS9 8RU"',
              b'"text": "Leeds Signpost: near LS9 8RU']
    on_disk = _file_bytes(database)
    assert all(trace in on_disk for trace in traces)  # the scan would see them
    assert "deleted everything" in joined(phone.text("FORGET"))
    on_disk = _file_bytes(database)
    assert [trace for trace in traces if trace in on_disk] == []


# --- the secret key -----------------------------------------------------------------------


def test_production_without_a_secret_key_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNPOST_ENV", "production")
    monkeypatch.delenv("SIGNPOST_SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    with pytest.raises(ConfigError, match="SIGNPOST_SECRET_KEY"):
        create_app({"database_url": f"sqlite:///{tmp_path / 'unused.db'}",
                    "instance_path": instance})
    with pytest.raises(ConfigError, match="SIGNPOST_SECRET_KEY"):
        create_app({"database_url": f"sqlite:///{tmp_path / 'unused.db'}",
                    "instance_path": instance, "env": "production", "secret_key": ""})
    assert not (instance / "secret_key").exists()
    assert not (tmp_path / "unused.db").exists()


def _hash_and_dispose(app) -> str:
    try:
        return engine_for(app).sender_hash(InboundMessage(Channel.SMS, NUMBER))
    finally:
        close_app(app)


def test_in_development_the_generated_key_is_kept_in_the_instance_folder(shipped_db_url,
                                                                         tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("SIGNPOST_ENV", "development")
    monkeypatch.delenv("SIGNPOST_SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    config = {"database_url": shipped_db_url, "instance_path": instance}
    first = _hash_and_dispose(create_app(config))
    key_file = instance / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 32
    assert _hash_and_dispose(create_app(config)) == first
    other = _hash_and_dispose(create_app({**config, "instance_path": tmp_path / "elsewhere"}))
    assert other != first
    assert re.fullmatch(r"[0-9a-f]{64}", first)


def test_wrong_reports_and_keeper_logins_keep_no_identity(app, client):
    """The keepers' tables too: a WRONG report keeps a week, a service and a count; a login
    attempt keeps a keyed hash of the address, never the address."""
    database = services(app).database
    phone = Phone(client, NUMBER)
    assert "near LS9 8RU" in joined(phone.text("food near LS9 8RU"))
    assert "Thank you for telling us" in joined(phone.text("WRONG 1"))
    address = "198.51.100.23"  # a documentation address (RFC 5737)
    page = client.get("/admin/login", environ_base={"REMOTE_ADDR": address})
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))[1]
    response = client.post("/admin/login", environ_base={"REMOTE_ADDR": address}, data={
        "email": "nobody@example.org", "password": NUMBER, "csrf_token": token})
    assert response.status_code == 401
    dump = every_table(database)
    assert dump["wrong_report"] and dump["login_throttle"]
    hashes = sender_hashes(app)
    assert [t for t, _ in tables_with_rows_about(dump, hashes)
            if t in ("wrong_report", "login_throttle")] == []
    assert found_in(dump, NUMBER_FORMS + [address, "nobody@example.org"]) == []


# --- requests to talk to a person ---------------------------------------------------------


def test_requests_to_a_person_keep_numbers_ids_and_words_sealed_and_forget_removes_them(
        shipped_db_url, tmp_path, fake):
    """A call on SMS and replies through the bot on Telegram: the address, the number and the
    messages are sealed in the request tables, and FORGET leaves no row about either."""
    from tests.factories import add_service

    app = make_app(shipped_db_url, tmp_path / "requests", fake,
                   request_fallback_organisation="org-example-community-trust")
    try:
        with session_scope(services(app).database) as session:
            add_service(session, "Example Community Hub", postcode="LS9 8RU",
                        organisation="Example Community Trust", phone="01632 960123")
        client = app.test_client()
        phone, resident = Phone(client, NUMBER), TelegramResident(client, fake, CHAT)
        phone.text("LS9 8RU")
        assert "Example Community Trust" in joined(phone.text("can someone call me"))
        assert "will call you" in joined(phone.text("CALL"))
        phone.text(SMS_SENTENCES[2])
        resident.say("LS9 8RU")
        resident.say("talk to a person")
        assert "will answer here" in joined(resident.say("YES"))
        resident.say(TELEGRAM_SENTENCES[2])
        database = services(app).database
        dump = every_table(database)
        hashes = sender_hashes(app)
        assert {t for t, _ in tables_with_rows_about(dump, hashes)} >= {"person_request"}
        assert dump["request_message"].count("\n") == 1  # both messages are there, sealed
        assert found_in(dump, NUMBER_FORMS + ID_FORMS + SMS_SENTENCES + TELEGRAM_SENTENCES) \
            == []
        phone.text("FORGET")
        resident.say("FORGET")
        dump = every_table(database)
        assert tables_with_rows_about(dump, hashes) == []
        assert dump["person_request"] == dump["request_message"] == ""
    finally:
        close_app(app)


# --- follow-ups ---------------------------------------------------------------------------


def test_follow_ups_keep_numbers_and_ids_sealed_and_nothing_once_answered(
        shipped_db_url, tmp_path, fake):
    """CHECK on SMS and Telegram, the follow-ups sent through the fakes, then answered: no
    number, chat id or sentence in clear in any table at any point, and after the answers no
    row of the follow-up table is about either sender."""
    import datetime as dt

    from tests.clock import FakeClock
    from tests.fake_twilio import FakeTwilio
    from tests.webhooks.channels import TWILIO_TOKEN
    from webhooks.followups import send_due

    account = "AC" + "0" * 32
    clock = FakeClock(dt.datetime(2026, 11, 23, 14, 0))  # Monday; due Thursday at 10:00
    with FakeTwilio(account, TWILIO_TOKEN) as twilio:
        app = make_app(shipped_db_url, tmp_path / "followups", fake, clock=clock,
                       followup_key="a-test-follow-up-key-of-32-chars-or-more",
                       twilio_account_sid=account,
                       twilio_api_base_url=twilio.base_url)
        try:
            client = app.test_client()
            phone, resident = Phone(client, NUMBER), TelegramResident(client, fake, CHAT)
            phone.text(SMS_SENTENCES[0])
            assert "Reply CHECK" in joined(phone.text("LS9 8RU"))
            assert "We will text you once" in joined(phone.text("CHECK"))
            resident.say(TELEGRAM_SENTENCES[0])
            assert "Reply CHECK" in joined(resident.share_location(53.8045, -1.5169))
            assert "We will text you once" in joined(resident.say("CHECK"))
            database = services(app).database
            identities = NUMBER_FORMS + ID_FORMS
            sentences = SMS_SENTENCES + TELEGRAM_SENTENCES
            hashes = sender_hashes(app)
            assert found_in(every_table(database), identities + sentences) == []

            clock.set(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))
            assert send_due(services(app).settings, database, clock()).sent == 2
            assert [m["To"] for m in twilio.messages()] == [NUMBER]  # sent to the number...
            dump = every_table(database)
            assert dump["follow_up"].count("\n") == 1  # ...from two rows, the scan sees them
            assert {h for t, h in tables_with_rows_about(dump, hashes) if t == "follow_up"} \
                == set(hashes)
            assert found_in(dump, identities) == []
            assert found_in(dump, sentences) == []

            clock.set(dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC))
            phone.text("1")
            resident.press("3")
            dump = every_table(database)
            assert [t for t, _ in tables_with_rows_about(dump, hashes) if t == "follow_up"] \
                == []
            assert found_in(dump, identities + sentences) == []
        finally:
            close_app(app)
