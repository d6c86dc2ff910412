"""One conversation engine per app, built from the app's settings."""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app

from bot.engine import Engine
from handlers import build_engine


def engine_for(app: Flask | None = None) -> Engine:
    app = app or current_app
    state = app.extensions["signpost"]
    if "conversation_engine" not in state:
        settings = state["settings"]
        state["conversation_engine"] = build_engine(
            state["engine"], settings.secret_key,
            ttl=dt.timedelta(minutes=settings.session_ttl_minutes))
    return state["conversation_engine"]
