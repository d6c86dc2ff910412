"""``signpost db init|upgrade``: prepare the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.db import counts, session_scope
from webhooks.cli.common import EXIT_OK, app_engine, load_app, show_preparation_steps
from webhooks.services import services


def cmd_db_init(args: argparse.Namespace) -> int:
    """Migrate the schema to the newest revision and load the shipped data if it is missing."""
    from webhooks.preparation import prepare

    show_preparation_steps()
    app = load_app()
    engine = app_engine(app)
    loaded = prepare(engine, Path(app.instance_path))
    with session_scope(engine) as session:
        figures = counts(session)
    state = "prepared" if loaded else "ready"
    where = services(app).settings.database_url.split("@")[-1]
    print(f"Database {state}: {figures['services']} services, "
          f"{figures['postcodes']} postcodes ({where})")
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost db init|upgrade``."""
    db = commands.add_parser("db", help="prepare the database").add_subparsers(
        dest="db_command", required=True, metavar="ACTION")
    db.add_parser("init", help="create the schema and load the shipped Leeds data (safe twice)"
                  ).set_defaults(func=cmd_db_init)
    db.add_parser("upgrade", help="apply schema migrations (and load the shipped data if empty)"
                  ).set_defaults(func=cmd_db_init)
