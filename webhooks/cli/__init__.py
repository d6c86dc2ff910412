"""The ``signpost`` command: serve the app, prepare the database, query and manage the directory.

Each command group is a module in this package with a ``register(commands)`` function that adds
its own commands; ``GROUPS`` lists them once, in the order ``signpost --help`` shows them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from webhooks.cli import (
    conversation,
    db,
    directory,
    followups,
    insights,
    requests,
    serve,
    telegram,
    translations,
    users,
)
from webhooks.config import ConfigError

#: The command groups, in ``signpost --help`` order.
GROUPS: tuple[ModuleType, ...] = (db, serve, directory, users, insights, requests, followups,
                                   conversation, telegram, translations)


def build_parser() -> argparse.ArgumentParser:
    """The ``signpost`` parser with every group's commands."""
    parser = argparse.ArgumentParser(
        prog="signpost", description="Leeds Signpost: chat and SMS signposting for Leeds."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``signpost`` command; returns its exit code (2: bad settings, 130: Ctrl+C)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"signpost: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
