"""The ``signpost`` command is a package of command groups: each group module registers its own
commands, and the package lists every group once."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import webhooks.cli
from webhooks.cli import GROUPS, build_parser

ROOT = Path(__file__).resolve().parents[2]

#: What each group module adds to ``signpost``, with the actions under each command.
EXPECTED = {
    "db": {"db": {"init", "upgrade"}},
    "serve": {"run": None},
    "directory": {"place": None,
                  "directory": {"search", "import", "export", "validate", "sync", "stats",
                                "reports"}},
    "users": {"users": {"add", "password", "list", "remove"}},
    "insights": {"insights": None},
    "requests": {"requests": {"list", "purge"}},
    "followups": {"followups": {"send", "report", "key"}},
    "conversation": {"understand": None, "chat": None, "check-flows": None, "purge": None},
    "telegram": {"telegram": {"set-webhook", "webhook-info"}},
    "translations": {"translations": {"status"}},
}
NOT_GROUPS = {"common", "__main__"}


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _actions(parser: argparse.ArgumentParser) -> set[str] | None:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(subs[0].choices) if subs else None


def test_every_group_module_has_register_and_is_listed_once():
    names = {m.name for m in pkgutil.iter_modules(webhooks.cli.__path__)} - NOT_GROUPS
    assert names == set(EXPECTED)
    for name in names:
        module = importlib.import_module(f"webhooks.cli.{name}")
        assert callable(module.register), name
        assert GROUPS.count(module) == 1, name
    assert len(GROUPS) == len(names)


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.__name__.rsplit(".", 1)[-1])
def test_each_group_registers_only_its_own_commands(group):
    parser = argparse.ArgumentParser(prog="signpost")
    group.register(parser.add_subparsers(dest="command"))
    commands = _commands(parser)
    expected = EXPECTED[group.__name__.rsplit(".", 1)[-1]]
    assert {name: _actions(p) for name, p in commands.items()} == expected


def test_the_parser_has_every_groups_commands_in_group_order():
    commands = _commands(build_parser())
    expected = [name for group in GROUPS
                for name in EXPECTED[group.__name__.rsplit(".", 1)[-1]]]
    assert list(commands) == expected
    assert list(commands) == ["db", "run", "place", "directory", "users", "insights", "requests",
                              "followups", "understand", "chat", "check-flows", "purge",
                              "telegram", "translations"]


@pytest.mark.slow
def test_python_m_webhooks_cli_help():
    done = subprocess.run([sys.executable, "-m", "webhooks.cli", "--help"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: signpost ")
    for name in ("db", "run", "place", "directory", "insights", "understand", "chat",
                 "check-flows", "purge", "telegram"):
        assert f"    {name}" in done.stdout
