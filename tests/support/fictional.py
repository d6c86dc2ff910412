"""The bot on a few fictional records imported as volunteers write them: the helper the
conversation tests that bring their own directory share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.messages import Channel, InboundMessage
from core.db import session_scope
from directory.importing import import_path
from handlers.conversation import build_engine
from tests.clock import FakeClock

#: The records file's columns the fictional rows fill.
HEADER = ("organisation,service,description,needs,kinds,address,postcode,phone,website,"
          "opening_times,area,source,last_checked")

Say = Callable[..., str]


def fictional_bot(engine: Engine, tmp_path: Path, rows: Iterable[str],
                  sender: str = "07700 900123") -> Say:
    """Import ``rows`` (under :data:`HEADER`) into ``engine``'s database; returns
    ``say(text, at, sender=...)``: the bot's replies' text to an SMS sent at ``at``."""
    path = tmp_path / "records.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    with session_scope(engine) as session:
        report = import_path(session, path)
        assert report.written, report.issues

    def say(text: str, at: dt.datetime, sender: str = sender) -> str:
        bot = build_engine(engine, "test-secret", clock=FakeClock(at))
        return "\n".join(r.text for r in bot.handle(InboundMessage(Channel.SMS, sender, text)))
    return say
