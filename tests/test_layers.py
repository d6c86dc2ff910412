"""Imports point one way: webhooks -> handlers -> bot, directory. Only webhooks knows the web."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHANNEL_LIBRARIES = {"flask", "telegram", "twilio", "werkzeug", "gunicorn"}
FORBIDDEN = {
    "bot": CHANNEL_LIBRARIES | {"webhooks", "handlers"},
    "directory": CHANNEL_LIBRARIES | {"webhooks", "handlers", "bot"},
    "handlers": CHANNEL_LIBRARIES | {"webhooks"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package):
    offenders = {}
    for path in (ROOT / package).rglob("*.py"):
        bad = imported_modules(path) & FORBIDDEN[package]
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


SHARED = "../" + "shared"  # spelt in two parts so this file does not match itself


def test_nothing_reads_the_shared_folder_at_run_time():
    offenders = []
    for package in ("bot", "handlers", "directory", "webhooks"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "build_starter.py":
                continue  # the offline build script, never imported
            if SHARED in path.read_text(encoding="utf-8"):
                offenders.append(str(path))
    assert offenders == []


WALL_CLOCK_CALLS = ("datetime.now(", "time.time(", "date.today(", "utcnow(", "time.monotonic(")


def test_logic_never_reads_the_wall_clock():
    """Logic is handed a clock; only ``webhooks/wall_clock.py`` asks the wall for the time."""
    offenders = []
    for package in ("bot", "handlers", "directory"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {call}" for call in WALL_CLOCK_CALLS
                          if call in text]
    assert offenders == []
