"""Small pieces every ``signpost`` command module shares."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from typing import TYPE_CHECKING

from webhooks.services import services

if TYPE_CHECKING:
    from flask import Flask
    from sqlalchemy import Engine

#: Exit codes: done, a problem with the input or the data, a usage error.
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def load_app(serving: bool = False) -> Flask:
    """The configured app (the database prepared on first use). Commands wait for the database
    as long as it takes; ``serving`` gives the web app's short timeouts instead."""
    from core.db import BATCH_TIMEOUTS, WEB_TIMEOUTS
    from webhooks import create_app

    return create_app(timeouts=WEB_TIMEOUTS if serving else BATCH_TIMEOUTS)


#: The loggers whose steps a first run shows: preparing the schema, loading the data.
PREPARATION_LOGGERS = ("webhooks.preparation", "webhooks.migrate", "core.db",
                       "directory.shipped")


def show_preparation_steps() -> None:
    """Print the database's first-run steps as they happen ("  Loaded 30,850 postcodes")."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("  %(message)s"))
    for name in PREPARATION_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        logger.propagate = False


def app_engine(app: Flask) -> Engine:
    """The app's database engine."""
    return services(app).database


def print_json(data: object) -> None:
    """Print ``data`` as indented JSON, keeping non-ASCII characters as they are."""
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
