"""A resident talking to the conversation engine directly (no channel): the one helper the
engine-level tests share. Channel-level residents (a phone, a Telegram chat) are in
``tests/webhooks/channels.py``."""

from __future__ import annotations

import datetime as dt

from bot.engine import Engine
from bot.messages import Channel, GeoPoint, InboundMessage, Reply


class Resident:
    """One sender on one channel; ``say`` returns the replies, ``text`` their words joined."""

    def __init__(self, engine: Engine, sender: str = "+447700900001",
                 channel: Channel = Channel.SMS) -> None:
        self.engine, self.sender, self.channel = engine, sender, channel

    def say(self, text: str, location: GeoPoint | None = None, message_id: str | None = None,
            pretend: dt.datetime | None = None, media: bool = False) -> list[Reply]:
        return self.engine.handle(InboundMessage(self.channel, self.sender, text, location,
                                                 message_id, pretend, has_media=media))

    def text(self, text: str, **extra) -> str:
        return "\n".join(reply.text for reply in self.say(text, **extra))
