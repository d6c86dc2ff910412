"""Per-sender limits: slow down, then silence; a daily SMS reply cap; long text is cut to size."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.messages import Channel
from bot.records.limits import DailyReplies, Limits, RateWindow
from bot.wording import copy
from core.db import session_scope
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.support.resident import Resident

NOW = dt.datetime(2026, 11, 23, 10, 0, 5)


@pytest.fixture
def clock():
    return FakeClock(NOW)


def say(engine, text, sender="+447700900321", channel=Channel.SMS, pretend=None, media=False):
    return [r.text for r in Resident(engine, sender, channel).say(text, pretend=pretend,
                                                                   media=media)]


def test_too_many_messages_get_slow_down_then_silence(shipped_engine, clock):
    engine = build_engine(shipped_engine, "k", clock, limits=Limits(per_minute=3))
    for _ in range(3):
        assert say(engine, "hello")
    assert say(engine, "hello") == [copy.TOO_FAST]
    assert say(engine, "hello") == []
    assert "116 123" in say(engine, "i want to kill myself")[0]  # safety first, always
    # A minute later all is well again, and nothing was lost.
    clock.advance(minutes=1)
    assert say(engine, "hello")


def test_a_pretend_time_never_resets_the_rate_limit(shipped_engine, clock):
    engine = build_engine(shipped_engine, "k", clock, limits=Limits(per_minute=2))
    assert say(engine, "hello", pretend=dt.datetime(2026, 1, 5, 10, 0))
    assert say(engine, "hello", pretend=dt.datetime(2026, 2, 5, 10, 0))
    assert say(engine, "hello", pretend=dt.datetime(2026, 3, 5, 10, 0)) == [copy.TOO_FAST]


def test_the_daily_sms_reply_cap_is_silence_except_for_safety(shipped_engine, clock):
    engine = build_engine(shipped_engine, "k", clock, limits=Limits(per_minute=100,
                                                                   sms_replies_per_day=2))
    assert say(engine, "hello")
    assert say(engine, "1")
    assert say(engine, "LS9 8RU") == [copy.DAILY_CAP_REACHED]  # said once
    assert say(engine, "MORE") == []
    assert "116 123" in say(engine, "i am going to end it all tonight")[0]
    clock.advance(days=1)
    assert say(engine, "hello")  # a new day
    # Telegram costs nothing per message: no daily cap there.
    for text in ("hello", "1", "LS9 8RU"):
        assert say(engine, text, sender="42", channel=Channel.TELEGRAM)


def test_the_day_is_the_day_in_leeds(shipped_engine, clock):
    """In summer, 00:30 in Leeds is 23:30 UTC the day before: the cap resets at Leeds midnight."""
    clock.set(dt.datetime(2026, 7, 14, 23, 50))
    engine = build_engine(shipped_engine, "k", clock, limits=Limits(sms_replies_per_day=1))
    assert say(engine, "hello")
    assert say(engine, "food") == [copy.DAILY_CAP_REACHED]
    clock.advance(minutes=40)  # 00:30 on 15 July in Leeds, still 14 July in UTC
    assert say(engine, "LS9 8RU")


def test_pictures_count_against_the_limits_like_text(shipped_engine, clock):
    engine = build_engine(shipped_engine, "k", clock, limits=Limits(sms_replies_per_day=3))
    answers = [say(engine, "", media=True) for _ in range(12)]
    assert answers[:3] == [[copy.NOT_TEXT]] * 3
    assert answers[3:] == [[copy.DAILY_CAP_REACHED]] + [[]] * 8


def test_only_the_start_of_a_very_long_message_is_read(shipped_engine, clock):
    engine = build_engine(shipped_engine, "k", clock, limits=Limits(max_text_chars=50))
    replies = say(engine, "food near LS9 8RU " + "and more words " * 2000)
    assert "near LS9 8RU" in replies[0]


def test_forget_clears_the_counts_too(shipped_engine, clock):
    engine = build_engine(shipped_engine, "k", clock)
    say(engine, "hello")
    say(engine, "FORGET")
    with session_scope(shipped_engine) as session:
        for model in (RateWindow, DailyReplies):
            assert session.scalar(select(func.count()).select_from(model)) == 0
