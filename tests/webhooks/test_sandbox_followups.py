"""Follow-ups in the sandbox: agreed with CHECK at a pretend time, shown once in the
conversation when the pretend time reaches the time ``signpost followups send`` would send
them, answered with 1/2/3 as on a real channel, and never sent, reported or counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.records import followups
from bot.records.followups import FollowUp
from bot.transcript_runner import load_flow, run_flow
from core.db import session_scope
from directory.keepers.models import WrongReport
from tests.clock import FakeClock
from tests.webhooks.channels import close_app, make_app
from webhooks.followups import outcome_report, send_due
from webhooks.services import services

MESSAGE, FOLLOW_UPS = "/sandbox/api/message", "/sandbox/api/follow-ups"
KEY = "a-test-follow-up-key-of-32-chars-or-more"
#: The pretend times: agreed on Monday afternoon, due Thursday 26 November 2026 at 10:00.
MONDAY = "2026-11-23T14:00"
QUESTION = "Leeds Signpost: did you get help with food"
TRANSCRIPTS = Path(__file__).resolve().parents[1] / "transcripts"


@pytest.fixture
def app(shipped_db_url, tmp_path):
    # The app's own clock is a fake one, far from the pretend times: only they move.
    app = make_app(shipped_db_url, tmp_path / "instance", clock=FakeClock(
        dt.datetime(2026, 6, 1, 12, 0)), followup_key=KEY)
    yield app
    close_app(app)


@pytest.fixture
def client(app):
    return app.test_client()


def say(client, text: str, now: str | None = MONDAY, session: str = "volunteer") -> list[str]:
    body = {"session": session, "text": text} | ({"now": now} if now else {})
    response = client.post(MESSAGE, json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [reply["text"] for reply in response.get_json()["replies"]]


def due_at(client, now: str | None, session: str = "volunteer") -> dict:
    response = client.post(FOLLOW_UPS, json={"session": session} | ({"now": now} if now else {}))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def agree(client, session: str = "volunteer", now: str | None = MONDAY) -> None:
    say(client, "food bank near LS9 8RU", now, session)
    assert say(client, "CHECK", now, session)[0].startswith("Thank you. We will text you once")


def test_the_offer_names_the_pretend_day(client):
    # On the results page, or (a full SMS page) on the second details, which ask nothing else.
    said = [text for message in ("food bank near LS9 8RU", "1", "2")
            for text in say(client, message, "2026-11-24T14:00")]  # a Tuesday
    offers = [text for text in said if "Reply CHECK" in text]
    assert offers and "we'll text you on Fri" in offers[0]


def test_the_follow_up_shows_once_when_the_pretend_time_passes_its_due_time(app, client):
    agree(client)
    assert due_at(client, "2026-11-26T09:59")["replies"] == []
    assert due_at(client, MONDAY)["replies"] == []
    shown = due_at(client, "2026-11-26T10:00")
    [reply] = shown["replies"]
    assert reply["text"].startswith(QUESTION)
    assert reply["text"].endswith("Reply 1 yes, 2 no, 3 didn't go. STOP to end.")
    assert [b["data"] for b in reply["buttons"]] == ["1", "2", "3"]
    assert shown["sms"][0]["segments"] == 1 and shown["sms"][0]["encoding"] == "GSM-7"
    assert due_at(client, "2026-11-26T10:15")["replies"] == []  # once
    assert due_at(client, "2026-11-30T10:15")["replies"] == []

    assert "What happened?" in say(client, "2", "2026-11-26T11:00")[0]
    after = say(client, "1", "2026-11-26T11:01")[0]
    assert after.startswith("Thank you for telling us. Other places you could try:")
    assert "1)" in after

    with session_scope(services(app).database) as session:
        [row] = session.scalars(select(FollowUp)).all()
        assert (row.channel, row.outcome, row.reason) == ("sandbox", "no_help", "closed")
        assert row.address_sealed is None and row.sender_hash is None
        assert session.scalar(select(func.count()).select_from(WrongReport)) == 0
        assert followups.stale_services(session, dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                                        at_least=1) == {}
        assert followups.outcomes_for(session, row.service_id) == {}
    report = outcome_report(services(app).database)
    assert report["totals"]["asked"] == 0 and report["by_need"] == []


def test_a_sandbox_follow_up_is_never_sent(app, client):
    agree(client)
    state = services(app)
    sent = send_due(state.settings, state.database,
                    dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))
    assert (sent.due, sent.sent, sent.failed) == (0, 0, 0)
    with session_scope(state.database) as session:
        assert session.scalar(select(FollowUp.status)) == followups.PENDING
    assert due_at(client, "2026-11-26T10:00")["replies"][0]["text"].startswith(QUESTION)


def test_stop_before_the_due_time_shows_nothing(client):
    agree(client)
    say(client, "STOP", "2026-11-24T09:00")
    assert due_at(client, "2026-11-26T10:00")["replies"] == []
    assert due_at(client, "2026-11-27T12:00")["replies"] == []


def test_the_next_message_at_a_later_pretend_time_brings_it_first(client):
    agree(client)
    replies = say(client, "hello", "2026-11-26T10:30")
    assert replies[0].startswith(QUESTION) and len(replies) >= 2
    assert not any(QUESTION in text for text in say(client, "hello", "2026-11-26T10:31"))


def test_the_answer_one_thanks_and_the_conversation_carries_on(client):
    agree(client)
    assert due_at(client, "2026-11-26T12:00")["replies"]
    assert "good to hear" in say(client, "1", "2026-11-26T12:05")[0]
    assert "1)" in say(client, "food bank near LS9 8RU", "2026-11-26T12:06")[0]


def test_outside_sending_hours_it_waits_for_the_next_morning(client):
    agree(client)
    assert due_at(client, "2026-11-26T19:00")["replies"] == []
    assert due_at(client, "2026-11-27T07:00")["replies"] == []
    assert len(due_at(client, "2026-11-27T10:00")["replies"]) == 1


def test_without_a_pretend_time_the_apps_clock_decides(app, client):
    clock = services(app).clock
    clock.set(dt.datetime(2026, 11, 23, 14, 0))
    agree(client, now=None)
    assert due_at(client, None)["replies"] == []
    clock.set(dt.datetime(2026, 11, 26, 10, 0))
    assert len(due_at(client, None)["replies"]) == 1


def test_each_session_sees_only_its_own(client):
    agree(client, "one")
    assert due_at(client, "2026-11-26T10:00", "two")["replies"] == []
    assert len(due_at(client, "2026-11-26T10:00", "one")["replies"]) == 1


@pytest.mark.parametrize("body", [{}, {"session": ""}, {"session": "x", "now": "Thursday"},
                                  {"session": "x", "channel": "fax"}, [1, 2]])
def test_a_bad_follow_ups_request_is_a_clear_400(client, body):
    response = client.post(FOLLOW_UPS, json=body)
    assert response.status_code == 400 and response.get_json()["error"]


def test_one_channel_view_only(client):
    agree(client)
    shown = client.post(FOLLOW_UPS, json={"session": "volunteer", "now": "2026-11-26T10:00",
                                          "channel": "whatsapp"}).get_json()
    assert set(shown) == {"replies", "whatsapp"}
    assert shown["whatsapp"][0]["pieces"][0].startswith(QUESTION)


@pytest.mark.parametrize("name", ["14_follow_up_loop", "15_follow_up_stop"])
def test_the_follow_up_scripts_play_in_the_sandbox(client, name):
    """The scripts' "3 days later" is the sandbox's pretend time moving on."""
    flow = load_flow(TRANSCRIPTS / f"{name}.yaml")

    def send(text, location, now):
        return say(client, text, now.isoformat(), session=name)

    def wait(now):
        return [reply["text"] for reply in due_at(client, now.isoformat(), name)["replies"]]

    result = run_flow(flow, send, wait)
    assert result.passed, "\n\n".join(result.failures)
