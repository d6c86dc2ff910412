"""The real clock, for production: the app passes it to everything that needs "now"."""

from __future__ import annotations

import datetime as dt


def system_clock() -> dt.datetime:
    """The real time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)
