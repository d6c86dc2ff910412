"""The app's services in one typed place: ``services(app)`` is the only reader of
``app.extensions`` in the project, so nothing else looks a service up by string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from sqlalchemy import Engine as DatabaseEngine

from core.clock import Clock
from webhooks.config import Settings

if TYPE_CHECKING:  # only for type hints: these modules import this one
    from bot.engine import Engine
    from webhooks.faults import Preparation
    from webhooks.rate_limit import TokenBuckets
    from webhooks.telegram_sender import TelegramSender

KEY = "signpost"


@dataclass
class AppServices:
    """What every request, command and channel of one app shares."""

    settings: Settings
    #: The database (SQLAlchemy's engine; the conversation engine is ``conversation``).
    database: DatabaseEngine
    clock: Clock
    preparation: Preparation
    #: Made on first use by :func:`webhooks.engine_access.engine_for`.
    conversation: Engine | None = None
    #: This process's Telegram sender, made on first use (``webhooks.telegram.sender_for``).
    telegram_sender: TelegramSender | None = None
    #: The ``/oruk`` API's per-client rate limit (``webhooks.oruk.register``).
    oruk_buckets: TokenBuckets | None = None

    def now(self) -> Any:
        """The app's "now" (aware UTC), from its one clock."""
        return self.clock()


def install(app: Flask, app_services: AppServices) -> None:
    app.extensions[KEY] = app_services


def services(app: Flask | None = None) -> AppServices:
    """The services of ``app`` (default: the app handling this request or command)."""
    return (app or current_app).extensions[KEY]
