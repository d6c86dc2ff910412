"""WRONG at the results step: a "closed or wrong" report for that service, with no identity."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.messages import Channel
from core.db import session_scope
from directory.keepers.models import WrongReport
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.factories import add_service
from tests.support.resident import Resident

NOW = dt.datetime(2026, 11, 25, 10, 0)  # a Wednesday: the week of Monday 23 November
SENDER = "+447700900321"


@pytest.fixture
def engine(engine):
    """The fictional directory: two food services near LS9 8RU, or one near LS11 5AA."""
    from core.db import session_factory

    with session_factory(engine)() as session:
        add_service(session, "Example Pantry", postcode="LS9 8RU")
        add_service(session, "Example Food Club", postcode="LS9 7AB")
        add_service(session, "Example Housing Advice", needs=("housing",), postcode="LS11 5AA")
        session.commit()
    return engine


def say(conversation, text, channel=Channel.SMS):
    return Resident(conversation, SENDER, channel).text(text)


def reports(db) -> list[tuple]:
    with session_scope(db) as session:
        return [tuple(r) for r in session.execute(
            select(WrongReport.week, WrongReport.service_id, WrongReport.count)
            .order_by(WrongReport.service_id))]


def test_wrong_2_reports_the_second_result_and_thanks_the_resident(engine):
    conversation = build_engine(engine, "test-secret", clock=FakeClock(NOW))
    results = say(conversation, "food near LS9 8RU")
    second = [line for line in results.splitlines() if line.startswith("2")][0]
    reply = say(conversation, "WRONG 2")
    assert "Thank you for telling us" in reply
    [(week, service_id, count)] = reports(engine)
    assert week == dt.date(2026, 11, 23) and count == 1
    assert service_id.replace("-", " ") in second.lower()
    # The row holds the week, the service and a count: nothing about who sent it.
    with session_scope(engine) as session:
        row = session.scalar(select(WrongReport))
        assert set(WrongReport.__table__.columns.keys()) == {"week", "service_id", "count"}
        assert SENDER not in str(row.__dict__)
    say(conversation, "wrong 2")
    assert reports(engine)[0][2] == 2


def test_wrong_alone_works_when_there_is_one_result_and_asks_which_otherwise(engine):
    conversation = build_engine(engine, "test-secret", clock=FakeClock(NOW))
    say(conversation, "food near LS9 8RU")
    assert "Which one" in say(conversation, "WRONG")
    assert "Which one" in say(conversation, "WRONG 9")
    assert reports(engine) == []
    say(conversation, "NEW")
    results = say(conversation, "housing near LS11 5AA")
    assert "Example Housing Advice" in results
    assert "Thank you for telling us" in say(conversation, "wrong")
    assert [(r[1], r[2]) for r in reports(engine)] == [("example-housing-advice", 1)]


def test_wrong_before_any_results_explains_and_counts_nothing(engine):
    conversation = build_engine(engine, "test-secret", clock=FakeClock(NOW))
    assert "WRONG and its number" in say(conversation, "wrong")
    assert reports(engine) == []


def test_sandbox_reports_are_never_counted(engine):
    conversation = build_engine(engine, "test-secret", clock=FakeClock(NOW))
    say(conversation, "food near LS9 8RU", Channel.SANDBOX)
    assert "Thank you" in say(conversation, "WRONG 1", Channel.SANDBOX)
    assert reports(engine) == []
