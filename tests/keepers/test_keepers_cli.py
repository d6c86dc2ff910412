"""``signpost users add|list|remove`` and ``signpost directory reports``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest
from sqlalchemy import select

from bot.records import store
from core.db import make_engine, session_scope
from directory.keepers.models import KeeperAccount
from tests.keepers.helpers import OURS, PASSWORD
from webhooks.cli import main


@pytest.fixture
def cli(keepers_db_url, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DATABASE_URL", keepers_db_url)
    monkeypatch.setenv("SIGNPOST_SECRET_KEY", "test-secret")

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_users_add_list_remove(cli, keepers_db_url):
    code, out, _ = cli("users", "add", "New.Keeper@example.org", "--role", "editor",
                       "--organisation", OURS, "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "new.keeper@example.org (editor) for " + OURS in out
    engine = make_engine(keepers_db_url)
    with session_scope(engine) as session:
        hashed = session.scalar(select(KeeperAccount.password_hash).where(
            KeeperAccount.email == "new.keeper@example.org"))
    engine.dispose()
    assert hashed.startswith("$argon2") and PASSWORD not in hashed
    code, out, _ = cli("users", "list", "--json")
    rows = {row["email"]: row for row in json.loads(out)}
    assert rows["new.keeper@example.org"] == {"email": "new.keeper@example.org",
                                              "role": "editor", "organisations": [OURS],
                                              "locked": False}
    assert cli("users", "remove", "new.keeper@example.org")[0] == 0
    assert "new.keeper@example.org" not in cli("users", "list")[1]
    assert cli("users", "remove", "new.keeper@example.org")[0] == 1


@pytest.mark.parametrize("args, stdin, message", [
    (["--role", "editor", "--password-stdin"], PASSWORD, "needs at least one --organisation"),
    (["--role", "admin", "--password-stdin"], "short", "at least 12 characters"),
    (["--role", "editor", "--organisation", "org-nobody", "--password-stdin"], PASSWORD,
     "no organisation with id org-nobody"),
    (["--role", "admin"], PASSWORD, "--password-stdin"),
])
def test_users_add_refuses_clearly(cli, args, stdin, message):
    code, _, err = cli("users", "add", "someone@example.org", *args, stdin=stdin + "\n")
    assert code == 1 and message in err


def test_directory_reports(cli, keepers_db_url):
    assert "No reports" in cli("directory", "reports")[1]
    engine = make_engine(keepers_db_url)
    with session_scope(engine) as session:
        for _ in range(3):
            store.report_wrong(session, "example-pantry", dt.date(2026, 11, 23))
    engine.dispose()
    code, out, _ = cli("directory", "reports", "--json")
    assert json.loads(out) == [{"week": "2026-11-23", "service_id": "example-pantry",
                                "service": "Example Pantry", "reports": 3}]
    assert "Example Pantry" in cli("directory", "reports")[1]
