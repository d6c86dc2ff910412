"""One conversation engine per app, built from the app's settings."""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app

from bot.engine import Engine
from bot.records.followups import FollowUpConfig
from bot.records.limits import Limits
from bot.records.requests import RequestOptions
from handlers.conversation import build_engine
from webhooks.services import services


def engine_for(app: Flask | None = None) -> Engine:
    app = app or current_app
    state = services(app)
    if state.conversation is None:
        settings = state.settings
        state.conversation = build_engine(
            state.database, settings.secret_key, clock=state.clock,
            ttl=dt.timedelta(minutes=settings.session_ttl_minutes),
            limits=Limits(per_minute=settings.rate_limit_per_minute,
                          sms_replies_per_day=settings.sms_daily_reply_cap,
                          max_text_chars=settings.max_text_chars),
            requests=RequestOptions(settings.followup_key, settings.request_reply_days,
                                    settings.request_fallback_organisation),
            followups=FollowUpConfig(settings.followup_key, settings.follow_up_days))
    return state.conversation
