"""WhatsApp follow-ups: consent with CHECK over a signed WhatsApp webhook, then
``signpost followups send`` 3 days later, when the 24-hour window has closed: the approved
template by its content SID (never its text in Body) to the fake Twilio API; with no template
configured, nothing is sent and the command says why. Inside the window, the question itself."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.wording import copy
from core.db import session_scope
from tests.clock import FakeClock
from tests.fake_twilio import FakeTwilio
from tests.webhooks.channels import (
    OUR_WHATSAPP,
    SECRET_KEY,
    TWILIO_TOKEN,
    WhatsApp,
    close_app,
    make_app,
)
from webhooks.cli import main
from webhooks.services import services
from webhooks.whatsapp_send import Started, deliver, send_template

ACCOUNT = "AC" + "0" * 32
KEY = "a-test-follow-up-key-of-32-chars-or-more"
TEMPLATE = "HX" + "f" * 32
#: Monday 23 November 2026, 14:00 in Leeds; the follow-up is due Thursday at 10:00.
AGREED = dt.datetime(2026, 11, 23, 14, 0)
DUE = "2026-11-26T10:00"


@pytest.fixture
def twilio():
    with FakeTwilio(ACCOUNT, TWILIO_TOKEN) as fake:
        yield fake


@pytest.fixture
def world(shipped_db_url, tmp_path, twilio, monkeypatch, capsys):
    clock = FakeClock(AGREED)
    app = make_app(shipped_db_url, tmp_path / "instance", clock=clock, followup_key=KEY,
                   twilio_whatsapp_from=OUR_WHATSAPP)
    for name, value in {"DATABASE_URL": shipped_db_url, "SIGNPOST_SECRET_KEY": SECRET_KEY,
                        "SIGNPOST_FOLLOWUP_KEY": KEY, "TWILIO_ACCOUNT_SID": ACCOUNT,
                        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
                        "TWILIO_API_BASE_URL": twilio.base_url,
                        "TWILIO_WHATSAPP_FROM": OUR_WHATSAPP}.items():
        monkeypatch.setenv(name, value)

    def cli(*args: str) -> str:
        assert main(list(args)) == 0
        return capsys.readouterr().out

    yield app, clock, cli
    close_app(app)


def agree(app) -> WhatsApp:
    resident = WhatsApp(app.test_client())
    assert "Reply CHECK" in resident.text("food bank LS9")[-1]
    assert "Thank you. We will text you once" in resident.text("CHECK")[0]
    return resident


def test_a_follow_up_3_days_later_goes_as_the_configured_template(world, twilio, monkeypatch):
    app, clock, cli = world
    resident = agree(app)
    monkeypatch.setenv("WHATSAPP_TEMPLATE_FOLLOWUP_EN", TEMPLATE)
    assert "1 due: 1 sent, 0 failed" in cli("followups", "send", "--now", DUE)
    [sent] = twilio.messages()
    assert sent["ContentSid"] == TEMPLATE
    assert "Body" not in sent  # never the template's text in Body (Twilio error 63016)
    assert sent["To"] == f"whatsapp:{resident.number}" and sent["From"] == OUR_WHATSAPP
    variables = json.loads(sent["ContentVariables"])
    assert variables["1"] == copy.need_words("food") and variables["2"]

    # The resident's answer reopens the window and is read as the follow-up's answer.
    clock.set(dt.datetime(2026, 11, 26, 12, 0))
    assert "good to hear" in resident.text("1")[0]


def test_without_a_template_nothing_is_sent_and_the_command_says_why(world, twilio):
    app, clock, cli = world
    agree(app)
    out = cli("followups", "send", "--now", DUE)
    assert "1 due: 0 sent, 1 failed" in out
    assert "outside WhatsApp's 24-hour window" in out
    assert "WHATSAPP_TEMPLATE_FOLLOWUP_EN is not set" in out
    assert twilio.messages() == []


def test_inside_the_window_the_question_itself_is_sent(world, twilio):
    """A follow-up due within 24 hours of the resident's last message needs no template."""
    app, clock, cli = world
    agree(app)
    clock.set(dt.datetime(2026, 11, 25, 18, 0))  # the resident writes again the evening before
    WhatsApp(app.test_client(), agree_number(app)).text("hello")
    assert "1 due: 1 sent, 0 failed" in cli("followups", "send", "--now", DUE)
    [sent] = twilio.messages()
    assert sent["Body"].startswith("Leeds Signpost: did you get help with food")
    assert "ContentSid" not in sent


def agree_number(app) -> str:
    """The number of the one resident who agreed (read back from the sealed address)."""
    from bot.records.followups import FollowUp
    from core.sealed import unseal

    with session_scope(services(app).database) as session:
        sealed = session.query(FollowUp.address_sealed).one()[0]
    return json.loads(unseal(KEY, sealed))["to"]


def test_send_template_directly(twilio):
    from webhooks.config import Settings

    settings = Settings(twilio_account_sid=ACCOUNT, twilio_auth_token=TWILIO_TOKEN,
                        twilio_api_base_url=twilio.base_url, twilio_whatsapp_from="+447700900998")
    sent = send_template(settings, "+447700900321", TEMPLATE, {"1": "food", "2": "Example"})
    assert sent.ok and sent.detail.startswith("SM")
    [params] = twilio.messages()
    assert params["From"] == "whatsapp:+447700900998"
    twilio.fail_next(1, code=63016)
    failed = send_template(settings, "+447700900321", TEMPLATE, {"1": "x"})
    assert not failed.ok and "63016" in failed.detail and "447700900321" not in failed.detail


def test_deliver_says_why_when_the_window_is_shut_and_no_template(shipped_engine):
    from webhooks.config import Settings

    with session_scope(shipped_engine) as session:
        sent = deliver(Settings(), session, "no-such-hash",
                       dt.datetime(2026, 11, 26, tzinfo=dt.UTC), "+447700900321",
                       Started("keeper_reply", "pl", "Hello"))
    assert not sent.ok
    assert "WHATSAPP_TEMPLATE_KEEPER_REPLY_PL is not set" in sent.detail
