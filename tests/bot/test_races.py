"""Two messages from one sender handled at the same moment by two workers: nothing is lost."""

from __future__ import annotations

import threading

from sqlalchemy import select

from bot.messages import Channel, InboundMessage
from bot.records.store import ConversationRow, ConversationState
from bot.steps import Step
from core.db import make_engine, session_scope
from handlers.conversation import build_engine
from webhooks.wall_clock import system_clock

SENDERS = 8


def _race(url: str, sender: str, texts: tuple[str, str]) -> list[BaseException]:
    """Send two messages at once from two 'workers' (separate engines and connection pools)."""
    workers = [build_engine(make_engine(url), "test-secret", system_clock) for _ in texts]
    barrier = threading.Barrier(len(texts))
    errors: list[BaseException] = []

    def run(engine, text):
        try:
            barrier.wait()
            engine.handle(InboundMessage(Channel.SMS, sender, text))
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=pair)
               for pair in zip(workers, texts, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for worker in workers:
        worker.database.dispose()
    return errors


def test_racing_messages_from_one_sender_are_both_applied(shipped_db_url):
    for n in range(SENDERS):
        errors = _race(shipped_db_url, f"+4477009000{n:02d}", ("food", "LS9 8RU"))
        assert errors == []
    engine = make_engine(shipped_db_url)
    with session_scope(engine) as session:
        rows = session.scalars(select(ConversationRow)).all()
    engine.dispose()
    assert len(rows) == SENDERS
    for row in rows:
        state = ConversationState.from_json(row.data)
        # Both messages ran, one after the other, on the latest state: version 2, and the
        # conversation holds what both said whichever came first.
        assert row.version == 2
        assert state.need == "food" or state.place is not None
        assert state.step in ("ask_place", "ask_need", "results")


def test_a_new_conversation_started_twice_at_once_is_one_conversation(shipped_db_url):
    errors = _race(shipped_db_url, "+447700900999", ("hello", "hi"))
    assert errors == []
    engine = make_engine(shipped_db_url)
    with session_scope(engine) as session:
        rows = session.scalars(select(ConversationRow)).all()
    engine.dispose()
    assert len(rows) == 1 and rows[0].version == 2


def test_a_stale_save_is_refused_not_silently_overwritten(shipped_engine):
    import datetime as dt

    import pytest

    from bot.records.store import ConcurrentUpdate, load_state, save_state

    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    ttl = dt.timedelta(hours=3)
    with session_scope(shipped_engine) as session:
        save_state(session, "sms", "h", ConversationState(step=Step.ASK_NEED), now, 0)
    with session_scope(shipped_engine) as session:
        stale = load_state(session, "sms", "h", now, ttl)
    with session_scope(shipped_engine) as session:
        fresh = load_state(session, "sms", "h", now, ttl)
        save_state(session, "sms", "h", ConversationState(step=Step.ASK_PLACE), now, fresh.version)
    with pytest.raises(ConcurrentUpdate), session_scope(shipped_engine) as session:
        save_state(session, "sms", "h", ConversationState(step=Step.RESULTS), now, stale.version)
    with session_scope(shipped_engine) as session:
        assert load_state(session, "sms", "h", now, ttl).state.step is Step.ASK_PLACE
