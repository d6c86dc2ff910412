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


def test_what_a_resident_writes_after_wrong_is_heard_as_the_report_not_a_new_search(engine):
    conversation = build_engine(engine, "test-secret", clock=FakeClock(NOW))
    first = say(conversation, "food near LS9 8RU")
    say(conversation, "WRONG 2")
    # Names a need and a place: it says why the place is wrong, it asks for no new search.
    reply = say(conversation, "the food place has moved to LS11 5AA")
    assert "near LS11 5AA" not in reply and "Example Housing Advice" not in reply, reply
    assert "Your report is in" in reply and "NEW" in reply, reply
    assert say(conversation, "ok") == "Reply MORE for more, or NEW to start again."  # once
    assert [(r[1], r[2]) for r in reports(engine)] == [(reports(engine)[0][1], 1)]
    # The answer is still the one shown: its numbers open its places.
    assert say(conversation, "1").splitlines()[0] == first.splitlines()[1].split(".")[0]


def test_after_wrong_a_keyword_or_a_number_still_does_what_it_says(engine):
    conversation = build_engine(engine, "test-secret", clock=FakeClock(NOW))
    say(conversation, "food near LS9 8RU")
    say(conversation, "WRONG 1")
    assert say(conversation, "2").startswith("2) ")
    # The number was the message after WRONG: what follows is read as before.
    assert "Example Housing Advice" in say(conversation, "housing near LS11 5AA")
    say(conversation, "WRONG")
    say(conversation, "MORE")
    assert "near LS9 8RU" in say(conversation, "food near LS9 8RU")
    say(conversation, "WRONG 1")
    assert "What can we help you find?" in say(conversation, "NEW")
