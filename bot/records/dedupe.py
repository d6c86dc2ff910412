"""Remember the replies to recent message ids, so a message delivered twice runs once."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

from sqlalchemy import String, Text, bindparam
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.messages import Reply
from core.db import INSERTS
from core.utc import UtcDateTime
from directory.models import Base


class ProcessedMessage(Base):
    __tablename__ = "processed_message"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    message_id: Mapped[str] = mapped_column(String, primary_key=True)
    sender_hash: Mapped[str] = mapped_column(String(64), index=True)
    #: Our replies (never the resident's text), so a repeat gets the same answer.
    replies: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)


def _encoded(reply: Reply) -> dict:
    data = {"text": reply.text, "choices": list(reply.choices),
            "request_location": reply.request_location,
            "buttons": [list(b) for b in reply.buttons],
            "request_contact": reply.request_contact, "emphasis": list(reply.emphasis)}
    if reply.language != "en":  # English replies are kept as they always were
        data["language"] = reply.language
    return data


def _encode(replies: list[Reply]) -> str:
    return json.dumps([_encoded(r) for r in replies])


def _decode(data: str) -> list[Reply]:
    return [Reply(d["text"], tuple(d["choices"]), d.get("request_location", False),
                  tuple((label, value) for label, value in d.get("buttons", ())),
                  request_contact=d.get("request_contact", False),
                  emphasis=tuple(d.get("emphasis", ())), language=d.get("language", "en"))
            for d in json.loads(data)]


def replies_for(session: Session, channel: str, message_id: str) -> list[Reply] | None:
    row = session.get(ProcessedMessage, (channel, message_id))
    return None if row is None else _decode(row.replies)


def decode(data: str) -> list[Reply]:
    return _decode(data)


def remember(session: Session, channel: str, message_id: str, sender_hash: str,
             replies: list[Reply], now: dt.datetime) -> bool:
    """Record the replies (one ``INSERT ... ON CONFLICT DO NOTHING``); False if another worker
    recorded this message first."""
    statement = _remember_statement(session.get_bind().dialect.name)
    return session.connection().execute(statement, {
        "channel": channel, "message_id": message_id, "sender_hash": sender_hash,
        "replies": _encode(replies), "created_at": now}).first() is not None


@lru_cache(maxsize=2)
def _remember_statement(dialect: str):
    columns = ("channel", "message_id", "sender_hash", "replies", "created_at")
    return (
        INSERTS[dialect](ProcessedMessage)
        .values({column: bindparam(column) for column in columns})
        .on_conflict_do_nothing(index_elements=["channel", "message_id"])
        .returning(ProcessedMessage.message_id)
    )
