"""The one routing table: each step and each keyword to its handler, and the engine built on it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine as DatabaseEngine

from bot.engine import DEFAULT_TTL, Engine, Handler
from bot.records.limits import Limits
from bot.steps import Step
from core.clock import Clock
from handlers import keywords, need, place, report, results, start

ROUTES: dict[Step, Handler] = {
    Step.START: start.handle,
    Step.ASK_NEED: need.ask_need,
    Step.ASK_OTHER_NEED: need.ask_other_need,
    Step.ASK_PLACE: place.ask_place,
    Step.RESULTS: results.after_results,
}

KEYWORD_ROUTES: dict[str, Handler] = {
    "help": keywords.help_,
    "new": keywords.new,
    "back": keywords.back,
    "more": keywords.more,
    "stop": keywords.stop,
    "start": keywords.start,
    "forget": keywords.forget,
    "wrong": report.wrong,
}


def build_engine(database: DatabaseEngine, secret_key: str, clock: Clock,
                 ttl: dt.timedelta = DEFAULT_TTL, limits: Limits | None = None) -> Engine:
    """The engine on the routing table; ``clock`` says when "now" is (tests pass a fake)."""
    return Engine(database, secret_key, ROUTES, KEYWORD_ROUTES, clock, ttl, limits)
