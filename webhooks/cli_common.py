"""Small pieces every ``signpost`` command module shares."""

from __future__ import annotations

import argparse
import datetime as dt
import json


def load_app(serving: bool = False):
    """The configured app (the database prepared on first use). Commands wait for the database
    as long as it takes; ``serving`` gives the web app's short timeouts instead."""
    from directory.db import BATCH_TIMEOUTS, WEB_TIMEOUTS
    from webhooks import create_app

    return create_app(timeouts=WEB_TIMEOUTS if serving else BATCH_TIMEOUTS)


def app_engine(app):
    return app.extensions["signpost"]["engine"]


def print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def parse_when(value: str | None) -> dt.datetime | None:
    """An ``--at``/``--now`` value: an ISO-8601 date and time, read as Europe/London if naive."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date and time like 2026-11-23T10:00") from exc
