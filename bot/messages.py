"""What goes into the engine and what comes out: channel-free, immutable values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Channel(StrEnum):
    SMS = "sms"
    TELEGRAM = "telegram"
    SANDBOX = "sandbox"
    CLI = "cli"

    @property
    def is_practice(self) -> bool:
        """Sandbox and terminal conversations are kept apart and never counted."""
        return self in (Channel.SANDBOX, Channel.CLI)


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class InboundMessage:
    channel: Channel
    sender: str
    text: str = ""
    location: GeoPoint | None = None
    message_id: str | None = None
    #: "Now" for this message (the sandbox can pretend); None means the real clock.
    received_at: dt.datetime | None = None


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[str, ...] = field(default_factory=tuple)
    #: Offer a "share my location" button where the channel has one.
    request_location: bool = False
