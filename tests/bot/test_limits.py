"""Per-sender limits: slow down, then silence; a daily SMS reply cap; long text is cut to size."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bot import copy
from bot.limits import DailyReplies, Limits, RateWindow
from bot.messages import Channel, InboundMessage
from directory.db import session_scope
from handlers import build_engine

NOW = dt.datetime(2026, 11, 23, 10, 0, 5)


def say(engine, text, sender="+447700900321", channel=Channel.SMS, now=NOW):
    return [r.text for r in engine.handle(InboundMessage(channel, sender, text, None, None, now))]


def test_too_many_messages_get_slow_down_then_silence(shipped_engine):
    engine = build_engine(shipped_engine, "k", limits=Limits(per_minute=3))
    for _ in range(3):
        assert say(engine, "hello")
    assert say(engine, "hello") == [copy.TOO_FAST]
    assert say(engine, "hello") == []
    assert "116 123" in say(engine, "i want to kill myself")[0]  # safety first, always
    # A minute later all is well again, and nothing was lost.
    assert say(engine, "hello", now=NOW + dt.timedelta(minutes=1))


def test_the_daily_sms_reply_cap_is_silence_except_for_safety(shipped_engine):
    engine = build_engine(shipped_engine, "k", limits=Limits(per_minute=100,
                                                            sms_replies_per_day=2))
    assert say(engine, "hello")
    assert say(engine, "1")
    assert say(engine, "LS9 8RU") == []
    assert "116 123" in say(engine, "i am going to end it all tonight")[0]
    assert say(engine, "hello", now=NOW + dt.timedelta(days=1))  # a new day
    # Telegram costs nothing per message: no daily cap there.
    for text in ("hello", "1", "LS9 8RU"):
        assert say(engine, text, sender="42", channel=Channel.TELEGRAM)


def test_only_the_start_of_a_very_long_message_is_read(shipped_engine):
    engine = build_engine(shipped_engine, "k", limits=Limits(max_text_chars=50))
    replies = say(engine, "food near LS9 8RU " + "and more words " * 2000)
    assert "near LS9 8RU" in replies[0]


def test_forget_clears_the_counts_too(shipped_engine):
    engine = build_engine(shipped_engine, "k")
    say(engine, "hello")
    say(engine, "FORGET")
    with session_scope(shipped_engine) as session:
        for model in (RateWindow, DailyReplies):
            assert session.scalar(select(func.count()).select_from(model)) == 0
