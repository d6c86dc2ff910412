"""How many SQL statements one turn costs (issue 14: a handful, no ORM churn on the hot path)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from bot.messages import Channel, InboundMessage
from handlers.conversation import build_engine
from tests.clock import FakeClock

NOW = dt.datetime(2026, 11, 23, 10, 0, 5, tzinfo=dt.UTC)


@contextmanager
def statements(engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn, _cursor, statement, _params, _context, _many) -> None:
        seen.append(" ".join(statement.split())[:160])

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _turns(engine, texts, channel=Channel.SMS, message_ids=True):
    bot = build_engine(engine, "test-secret", FakeClock(NOW))
    counts = []
    for n, text in enumerate(texts):
        with statements(engine) as seen:
            bot.handle(InboundMessage(channel, "+447700900123", text,
                                      message_id=f"SM{n}" if message_ids else None))
        counts.append(list(seen))
    return counts


def _counted(turn: list[str]) -> list[str]:
    """The statements, less SQLite's BEGINs (PostgreSQL's are not cursor statements)."""
    return [s for s in turn if not s.startswith("BEGIN")]


def test_a_warm_turn_costs_a_handful_of_statements(shipped_engine):
    hello, digit, place, more, detail, more_again = _turns(
        shipped_engine, ("hello", "1", "LS9 8RU", "MORE", "2", "MORE"))
    # One read of everything about the sender, the directory's version, then the writes: the
    # message id, the rate count, the conversation and the SMS reply count. PostgreSQL adds its
    # advisory lock for the sender.
    lock = 1 if shipped_engine.dialect.name == "postgresql" else 0
    for turn in (digit, more, more_again):
        assert len(_counted(turn)) <= 6 + lock, "\n".join(turn)
        assert sum(s.startswith("SELECT (SELECT") for s in turn) == 1, "\n".join(turn)
        assert sum(s.startswith(("INSERT", "UPDATE")) for s in turn) == 4, "\n".join(turn)
    # The first turn's search reads the directory into the index once; later turns never.
    assert len(_counted(place)) > len(_counted(more))


def test_sqlite_thinks_outside_the_write_lock(shipped_engine):
    if shipped_engine.dialect.name != "sqlite":
        return
    (_hello, more) = _turns(shipped_engine, ("hello", "MORE"))
    # A read transaction for the read and the thinking; the write lock only for the writes.
    begins = [n for n, s in enumerate(more) if s.startswith("BEGIN")]
    assert [more[n] for n in begins] == ["BEGIN", "BEGIN IMMEDIATE"], "\n".join(more)
    assert all(s.startswith("INSERT") for s in more[begins[1] + 1:]), "\n".join(more)


def test_a_repeated_message_id_costs_one_read(shipped_engine):
    bot = build_engine(shipped_engine, "test-secret", FakeClock(NOW))
    message = InboundMessage(Channel.SMS, "+447700900123", "hello", message_id="SM1")
    first = bot.handle(message)
    with statements(shipped_engine) as seen:
        again = bot.handle_once(message)
    assert again == (first, False)
    lock = 1 if shipped_engine.dialect.name == "postgresql" else 0
    assert len(_counted(seen)) == 1 + lock, "\n".join(seen)
