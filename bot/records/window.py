"""The reply window: on a channel such as WhatsApp, free-form replies are allowed only for 24 hours
after the resident's last message; later messages must be approved templates.

One row a sender (the keyed hash, never the number) holds the time of their last message. It is
written with the turn's other writes, deleted by FORGET, and purged once the window has closed:
no row means the window is closed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import dialect_insert
from core.utc import UtcDateTime
from directory.models import Base

#: How long after the resident's last message free-form replies may be sent (WhatsApp's rule).
REPLY_WINDOW = dt.timedelta(hours=24)


class LastInbound(Base):
    """When one sender last wrote to us on a channel with a reply window."""

    __tablename__ = "last_inbound"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    sender_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)


def note_inbound(session: Session, channel: str, key: str, now: dt.datetime) -> None:
    """Record that the sender wrote at ``now`` (one upsert); the window runs from here."""
    statement = dialect_insert(session)(LastInbound).values(channel=channel, sender_hash=key,
                                                             at=now)
    session.execute(statement.on_conflict_do_update(
        index_elements=["channel", "sender_hash"], set_={"at": now}))


def window_closes(session: Session, channel: str, key: str) -> dt.datetime | None:
    """When the sender's reply window closes (or closed); None if they have not written lately."""
    row = session.get(LastInbound, (channel, key))
    return None if row is None else row.at + REPLY_WINDOW


def window_open(session: Session, channel: str, key: str, now: dt.datetime) -> bool:
    """True while a free-form message may still be sent to the sender."""
    closes = window_closes(session, channel, key)
    return closes is not None and now < closes


def forget_window(session: Session, channel: str, key: str) -> None:
    session.execute(delete(LastInbound).where(LastInbound.channel == channel,
                                              LastInbound.sender_hash == key))


def purge_windows(session: Session, now: dt.datetime) -> int:
    """Delete the rows of windows that have closed (nothing more is known from them)."""
    result = session.execute(delete(LastInbound).where(LastInbound.at < now - REPLY_WINDOW))
    return result.rowcount or 0
