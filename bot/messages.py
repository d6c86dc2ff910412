"""What goes into the engine and what comes out: channel-free, immutable values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Channel(StrEnum):
    SMS = "sms"
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    SANDBOX = "sandbox"
    CLI = "cli"

    @property
    def is_practice(self) -> bool:
        """Sandbox and terminal conversations are kept apart and never counted."""
        return self in (Channel.SANDBOX, Channel.CLI)

    @property
    def shares_location(self) -> bool:
        """The resident can share a location from the app (a button or an attachment)."""
        return self in (Channel.TELEGRAM, Channel.WHATSAPP)

    @property
    def has_reply_window(self) -> bool:
        """Free-form replies are allowed only for a while after the resident's last message
        (WhatsApp's 24 hours); the time of each message is kept to know when it closes."""
        return self is Channel.WHATSAPP


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
    #: A pretend time for opening hours (the sandbox, ``--now``, scripts), and for practice
    #: follow-ups; None: the real time. It never changes expiry, purging or limits, which
    #: follow the engine's clock.
    received_at: dt.datetime | None = None
    #: A picture, sticker, voice note or other attachment came with (or instead of) the text.
    has_media: bool = False
    #: The sender's own phone number, shared on purpose (Telegram's "Share my phone number").
    phone: str | None = None
    #: Where the message was sent (SMS: the service's own number), so a later message (a reply
    #: from a keeper, a follow-up) can go from the same number.
    recipient: str | None = None
    #: A language the resident picked in the channel itself (the sandbox's selector), as a
    #: BCP 47 code; it becomes the conversation's language.
    language: str | None = None
    #: The language the resident's app is set to (Telegram's ``language_code``): only a hint.
    language_hint: str | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing to read: no text, shared location or number (perhaps only a picture)."""
        return not self.text.strip() and self.location is None and not self.phone


@dataclass(frozen=True)
class Venue:
    """A place to show as a map pin; no address means a plain location pin."""

    latitude: float
    longitude: float
    title: str
    address: str = ""


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[str, ...] = field(default_factory=tuple)
    #: Offer a "share my location" button where the channel has one.
    request_location: bool = False
    #: Buttons on the message itself (Telegram's inline buttons): (label, what pressing sends).
    buttons: tuple[tuple[str, str], ...] = ()
    #: A map pin to send after the text, where the channel can.
    venue: Venue | None = None
    #: Offer a "share my phone number" button where the channel has one.
    request_contact: bool = False
    #: Words a channel with rich text may show in bold (the place names in the text).
    emphasis: tuple[str, ...] = ()
    #: The language the text is in (BCP 47): SMS picks its encoding by it, the sandbox shows it.
    language: str = "en"
