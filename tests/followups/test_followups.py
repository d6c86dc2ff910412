"""The follow-up loop end to end: consent with CHECK over signed SMS and over Telegram, one
follow-up each from ``signpost followups send``, the answer counted in the report, and the
number gone once answered. Twilio's REST API and the Bot API are local fakes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.records.followups import FollowUp
from core.db import session_scope
from tests.clock import FakeClock
from tests.fake_telegram import FakeTelegram
from tests.fake_twilio import FakeTwilio
from tests.webhooks.channels import (
    OUR_NUMBER,
    SECRET_KEY,
    TELEGRAM_TOKEN,
    TWILIO_TOKEN,
    Phone,
    Resident,
    close_app,
    make_app,
)
from webhooks.cli import main
from webhooks.followups import question_text
from webhooks.services import services

ACCOUNT = "AC" + "0" * 32
KEY = "a-test-follow-up-key-of-32-chars-or-more"
#: Monday 23 November 2026, 14:00 in Leeds; the follow-up is due Thursday at 10:00.
AGREED = dt.datetime(2026, 11, 23, 14, 0)
DUE = "2026-11-26T10:00"


@pytest.fixture
def fakes():
    with FakeTwilio(ACCOUNT, TWILIO_TOKEN) as twilio, FakeTelegram(TELEGRAM_TOKEN) as telegram:
        yield twilio, telegram


@pytest.fixture
def world(shipped_db_url, tmp_path, fakes, monkeypatch, capsys):
    twilio, telegram = fakes
    clock = FakeClock(AGREED)
    app = make_app(shipped_db_url, tmp_path / "instance", telegram, clock=clock,
                   followup_key=KEY)
    for name, value in {"DATABASE_URL": shipped_db_url, "SIGNPOST_SECRET_KEY": SECRET_KEY,
                        "SIGNPOST_FOLLOWUP_KEY": KEY, "TWILIO_ACCOUNT_SID": ACCOUNT,
                        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
                        "TWILIO_API_BASE_URL": twilio.base_url,
                        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
                        "TELEGRAM_API_BASE_URL": telegram.base_url}.items():
        monkeypatch.setenv(name, value)

    def cli(*args: str) -> str:
        assert main(list(args)) == 0
        return capsys.readouterr().out

    yield app, clock, twilio, telegram, cli
    close_app(app)


def _rows(app) -> list[FollowUp]:
    with session_scope(services(app).database) as session:
        rows = list(session.scalars(select(FollowUp).order_by(FollowUp.id)))
        session.expunge_all()
        return rows


OFFER = "Reply CHECK and we'll text you on Thu"


def offered(phone: Phone) -> list[str]:
    """Results for food near LS9, and the offer: on the results page, or (when that page is
    already 3 segments long) on the next details that ask no other question (the first asks
    "Was this useful?"); once only."""
    results = phone.text("food bank LS9")
    if OFFER in results[-1]:
        return results
    first = phone.text("1")
    assert OFFER not in first[-1] and "Was this useful?" in first[-1]
    second = phone.text("2")
    assert OFFER in second[-1], (results, first, second)
    return second


def test_sms_and_telegram_consent_get_one_follow_up_and_are_counted(world):
    app, clock, twilio, telegram, cli = world
    client = app.test_client()
    phone, resident = Phone(client), Resident(client, telegram)
    answer = offered(phone)
    assert OFFER in answer[-1]
    assert "Thank you. We will text you once" in phone.text("CHECK")[0]
    assert "Reply CHECK" in resident.texts("food in LS7")[-1]
    assert "Thank you. We will text you once" in resident.texts("check")[0]
    [sms_row, telegram_row] = _rows(app)
    assert sms_row.need == telegram_row.need == "food"
    assert sms_row.agreed.startswith("CHECK: Reply CHECK") and sms_row.places != "[]"
    assert phone.number not in sms_row.address_sealed
    telegram.clear()

    assert "1 due: 0 sent" not in cli("followups", "send", "--now", "2026-11-26T09:59")
    assert twilio.messages() == []
    assert "2 due: 2 sent, 0 failed" in cli("followups", "send", "--now", DUE)
    assert "0 due: 0 sent" in cli("followups", "send", "--now", DUE)  # run twice: sends once
    [sms] = twilio.messages()
    assert sms["To"] == phone.number and sms["From"] == OUR_NUMBER
    assert sms["Body"].startswith("Leeds Signpost: did you get help with food")
    assert "Reply 1 yes, 2 no, 3 didn't go. STOP to end." in sms["Body"]
    assert len(sms["Body"]) <= 160
    [sent] = telegram.sent(resident.chat)
    buttons = sent["reply_markup"]["inline_keyboard"][0]
    assert [b["callback_data"] for b in buttons] == ["1", "2", "3"]

    clock.set(dt.datetime(2026, 11, 26, 12, 0))
    assert "good to hear" in phone.text("1")[0]
    assert "What happened?" in resident.press_inline("2")[0]["text"]
    after = resident.press_inline("1")[0]["text"]
    assert after.startswith("Thank you for telling us.")

    report = json.loads(cli("followups", "report", "--json"))
    food = next(row for row in report["by_need"] if row["need"] == "food")
    # Two answers are fewer than 5: the counts exist but are published as suppressed.
    assert food["answered"] is None and food["got_help"] is None
    assert report["small_counts_hidden_below"] == 5
    with session_scope(services(app).database) as session:
        outcomes = session.execute(select(FollowUp.outcome, FollowUp.reason,
                                          FollowUp.address_sealed, FollowUp.sender_hash)).all()
    assert sorted(outcomes) == [("got_help", "", None, None), ("no_help", "closed", None, None)]


def test_stop_before_the_due_time_sends_nothing(world):
    app, clock, twilio, telegram, cli = world
    phone = Phone(app.test_client())
    phone.text("food bank LS9")
    phone.text("CHECK")
    phone.text("STOP")
    assert "0 due" in cli("followups", "send", "--now", DUE)
    assert twilio.requests == []
    [row] = _rows(app)
    assert row.status == "cancelled" and row.address_sealed is None


def test_forget_deletes_the_follow_up(world):
    app, clock, twilio, telegram, cli = world
    phone = Phone(app.test_client())
    offered(phone)
    phone.text("YES")
    assert len(_rows(app)) == 1
    phone.text("FORGET")
    assert _rows(app) == []


def test_a_crash_between_claim_and_send_is_sent_by_a_later_run(world):
    from bot.records import followups

    app, clock, twilio, telegram, cli = world
    phone = Phone(app.test_client())
    phone.text("food bank LS9")
    phone.text("CHECK")
    due = dt.datetime(2026, 11, 26, 10, 0).astimezone(dt.UTC)
    with session_scope(services(app).database) as session:  # a run claims, then dies
        followups.claim_due(session, due)
    assert "0 due" in cli("followups", "send", "--now", DUE)
    assert "1 due: 1 sent" in cli("followups", "send", "--now", "2026-11-26T10:11")
    assert len(twilio.messages()) == 1


def test_no_offer_in_a_crisis_conversation(world):
    app, clock, twilio, telegram, cli = world
    phone = Phone(app.test_client())
    replies = phone.text("I want to end my life and I need food in LS9")
    assert not any("CHECK" in reply for reply in replies)
    phone.text("CHECK")
    assert _rows(app) == []


def test_no_offer_after_a_domestic_abuse_answer(world):
    """Someone else may read the phone: a text later could put the resident at risk."""
    app, clock, twilio, telegram, cli = world
    phone = Phone(app.test_client())
    replies = phone.text("domestic abuse support LS9") + phone.text("1") + phone.text("2")
    assert replies and not any("CHECK" in reply for reply in replies), replies


def test_a_no_with_a_reason_reaches_the_keepers_review(world):
    from directory.keepers.models import WrongReport

    app, clock, twilio, telegram, cli = world
    phone = Phone(app.test_client())
    phone.text("food bank LS9")
    phone.text("CHECK")
    cli("followups", "send", "--now", DUE)
    clock.set(dt.datetime(2026, 11, 26, 12, 0))
    assert "What happened?" in phone.text("2")[0]
    others = phone.text("1")[0]
    assert "Other places you could try" in others
    [row] = _rows(app)
    with session_scope(services(app).database) as session:
        reports = session.execute(select(WrongReport.service_id, WrongReport.count)).all()
    assert reports == [(row.service_id, 1)]


def test_the_kept_number_is_never_in_the_database_files_in_clear(world):
    from pathlib import Path

    from tests.databases import on_postgres

    app, clock, twilio, telegram, cli = world
    if on_postgres():
        pytest.skip("reads SQLite's files")
    phone = Phone(app.test_client())
    phone.text("food bank LS9")
    phone.text("CHECK")
    cli("followups", "send", "--now", DUE)
    path = Path(services(app).database.url.database)
    wal = path.with_name(path.name + "-wal")
    on_disk = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert phone.number.encode() not in on_disk
    assert phone.number[3:].encode() not in on_disk  # nor without +44
    assert twilio.messages()[0]["To"] == phone.number  # yet it was sent to


def test_a_follow_up_is_asked_and_answered_in_the_language_it_was_agreed_in(world):
    from bot.sms.gsm import sms_size
    from bot.wording import copy
    from bot.wording.i18n import speaking

    app, clock, twilio, telegram, cli = world
    phone = Phone(app.test_client())
    with speaking("pl"):
        agreed, what_happened = copy.FOLLOW_UP_AGREED, copy.FOLLOW_UP_WHAT_HAPPENED
    results = phone.text("Potrzebuję jedzenia dla dzieci, mieszkam LS9 8RU")
    assert "blisko LS9 8RU" in results[0]
    assert phone.text("CHECK")[0].startswith(agreed[:30])
    [row] = _rows(app)
    assert row.language == "pl"

    assert "1 due: 1 sent" in cli("followups", "send", "--now", DUE)
    [sms] = twilio.messages()
    assert sms["Body"] == question_text(row)
    assert "Leeds Signpost" in sms["Body"] and "did you get help" not in sms["Body"]
    assert sms_size(sms["Body"]).segments == 2  # UCS-2: 67 characters a part
    assert row.service_name in sms["Body"]  # room for the whole name of the place

    clock.set(dt.datetime(2026, 11, 26, 12, 0))
    assert phone.text("2")[0].startswith(what_happened[:25])
