"""Per-sender limits: messages a minute (a polite "slow down", then silence) and SMS replies a day.

Counts are kept in the database against the keyed sender hash, so every worker sees them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Date, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.records.counting import add_to_count
from core.clock import london_day
from core.utc import UtcDateTime
from directory.models import Base


@dataclass(frozen=True)
class Limits:
    #: Messages a sender may send in one minute before being asked to slow down.
    per_minute: int = 20
    #: SMS replies one sender may receive in a day (each costs the service money).
    sms_replies_per_day: int = 60
    #: Only this much of a message is read; the rest is ignored (never stored).
    max_text_chars: int = 1000


class RateWindow(Base):
    """Messages from one sender in one minute."""

    __tablename__ = "rate_window"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    sender_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    minute: Mapped[dt.datetime] = mapped_column(UtcDateTime, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DailyReplies(Base):
    """Replies sent to one sender on one day."""

    __tablename__ = "daily_replies"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    sender_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class Pace(StrEnum):
    OK = "ok"
    SLOW_DOWN = "slow_down"  # just over the limit: one polite reply
    SILENT = "silent"  # still over: no reply at all


def minute_of(now: dt.datetime) -> dt.datetime:
    """The start of ``now``'s minute (UTC): the key of its rate window."""
    return now.astimezone(dt.UTC).replace(second=0, microsecond=0)


def pace_for(count: int, limits: Limits) -> Pace:
    """Whether the ``count``-th message this minute is within the limit."""
    if count <= limits.per_minute:
        return Pace.OK
    return Pace.SLOW_DOWN if count == limits.per_minute + 1 else Pace.SILENT


def count_message(session: Session, channel: str, key: str, now: dt.datetime) -> int:
    """Count one inbound message in its minute; the minute's count, this one included."""
    return add_to_count(session, RateWindow,
                        {"channel": channel, "sender_hash": key, "minute": minute_of(now)})


def note_message(session: Session, channel: str, key: str, now: dt.datetime,
                 limits: Limits) -> Pace:
    """Count one inbound message and say whether the sender is within the limit."""
    return pace_for(count_message(session, channel, key, now), limits)


def replies_left_today(session: Session, channel: str, key: str, now: dt.datetime,
                       limits: Limits) -> int:
    sent = session.scalar(select(DailyReplies.count).where(
        DailyReplies.channel == channel, DailyReplies.sender_hash == key,
        DailyReplies.day == london_day(now)))
    return limits.sms_replies_per_day - (sent or 0)


def note_replies(session: Session, channel: str, key: str, now: dt.datetime,
                 sent: int) -> int | None:
    """Count ``sent`` SMS replies today; the day's count after them (None if none were sent)."""
    if sent <= 0:
        return None
    return add_to_count(session, DailyReplies,
                        {"channel": channel, "sender_hash": key, "day": london_day(now)}, sent)


def forget_counts(session: Session, channel: str, key: str) -> None:
    for model in (RateWindow, DailyReplies):
        session.execute(delete(model).where(model.channel == channel,
                                            model.sender_hash == key))


def purge_counts(session: Session, now: dt.datetime) -> None:
    """Drop per-sender counts once they no longer matter (older than a day)."""
    session.execute(delete(RateWindow).where(RateWindow.minute < now - dt.timedelta(hours=1)))
    session.execute(delete(DailyReplies).where(DailyReplies.day < london_day(now)))
