"""The ``signpost`` command as a new user meets it: places, search, import/export, understanding,
conversation scripts and the terminal chat, on a real database."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from directory.formats.spreadsheet_columns import COLUMNS
from directory.shipped import SHIPPED_DIRECTORY
from webhooks.cli import main

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPTS = ROOT / "tests" / "transcripts"

#: How many services the shipped directory holds (directory/data/leeds_directory.json).
SHIPPED_SERVICES = json.loads(SHIPPED_DIRECTORY.read_text(encoding="utf-8"))["total_items"]


@pytest.fixture
def cli(shipped_db_url, monkeypatch, capsys):
    """Run ``signpost ARGS``; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", shipped_db_url)
    monkeypatch.setenv("SIGNPOST_SECRET_KEY", "test-secret")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _sheet(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return path


def _row(**values) -> dict:
    row = {"organisation": "Example Community Trust", "service": "Example Pantry",
           "needs": "food", "address": "1 Example Street, Leeds", "postcode": "LS9 8RU",
           "phone": "01632 960123", "cost": "pay-as-you-feel", "referral_required": "no",
           "opening_times": "Mon 10:00-12:00", "source": "Fictional test record",
           "last_checked": "2026-10-01"}
    row.update(values)
    return row


@pytest.mark.parametrize(("text", "kind", "in_leeds"), [
    ("harehils", "place", True), ("LS6 1", "sector", True), ("ls98ru", "postcode", True),
    ("LS29", "outcode", False), ("M1 1AE", "postcode", False), ("hello", "none", False),
])
def test_place_json(cli, text, kind, in_leeds):
    code, out, _ = cli("place", text, "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"kind", "label", "postcode", "latitude", "longitude", "ward_code",
                         "ward_name", "in_leeds"}
    assert (data["kind"], data["in_leeds"]) == (kind, in_leeds)
    if kind == "none":
        assert data["label"] is None and data["latitude"] is None


def test_directory_search_json(cli):
    code, out, _ = cli("directory", "search", "--need", "food", "--near", "LS9 8RU",
                       "--at", "2026-11-23T10:00", "--limit", "3", "--json")
    results = json.loads(out)
    assert code == 0 and len(results) == 3
    for result in results:
        for key in ("name", "organisation", "distance_km", "address", "postcode", "phone",
                    "open_now", "next_open", "cost", "referral_required", "source",
                    "last_checked"):
            assert key in result
    distances = [r["distance_km"] for r in results]
    assert distances == sorted(distances)


def test_directory_search_text_and_a_place_it_cannot_find(cli):
    code, out, _ = cli("directory", "search", "--need", "food", "--near", "harehils")
    assert code == 0 and "Near Harehills:" in out and "last checked" in out
    code, _, err = cli("directory", "search", "--need", "food", "--near", "nowhere at all")
    assert code == 1 and "Try a postcode" in err


def test_import_with_errors_changes_nothing_and_names_the_row(cli, tmp_path):
    _, before, _ = cli("directory", "stats")
    sheet = _sheet(tmp_path / "leeds.csv", [_row(), _row(service="Example Cafe",
                                                         postcode="LS99 9ZZ")])
    code, out, err = cli("directory", "import", str(sheet))
    assert code == 1
    assert "row 3: postcode 'LS99 9ZZ' is not a Leeds postcode" in err
    assert cli("directory", "stats")[1] == before
    code, out, err = cli("directory", "validate", str(sheet))
    assert code == 1 and "row 3" in err


def test_skip_invalid_imports_the_good_rows(cli, tmp_path):
    sheet = _sheet(tmp_path / "leeds.csv", [_row(), _row(service="Example Cafe",
                                                         opening_times="Mon 25:00-26:00")])
    code, out, err = cli("directory", "import", str(sheet), "--skip-invalid")
    assert code == 0 and "row 3" in err
    _, results, _ = cli("directory", "search", "--need", "food", "--near", "LS9 8RU", "--json")
    names = [r["name"] for r in json.loads(results)]
    assert "Example Pantry" in names and "Example Cafe" not in names


@pytest.mark.slow
def test_export_then_replace_gives_back_the_same_directory(cli, tmp_path):
    _, stats, _ = cli("directory", "stats")
    for fmt, target in (("oruk-json", tmp_path / "leeds.json"),
                        ("oruk-csv", tmp_path / "package")):
        code, out, _ = cli("directory", "export", str(target), "--format", fmt)
        assert code == 0 and f"Exported {SHIPPED_SERVICES} services" in out
        code, out, _ = cli("directory", "import", str(target), "--replace")
        assert code == 0
        assert cli("directory", "stats")[1] == stats


def test_the_official_oruk_examples_validate(cli):
    for package in ("oruk-v3-uk-profile/csv", "hsds-3.0-core/csv"):
        code, _, err = cli("directory", "validate", str(ROOT / "tests/data/oruk" / package))
        assert code == 0, err


def test_db_init_twice_is_safe(cli):
    assert cli("db", "init")[0] == 0
    code, out, _ = cli("db", "init")
    assert code == 0 and "ready" in out and f"{SHIPPED_SERVICES} services" in out


def test_understand_json(cli):
    code, out, _ = cli("understand", "UC sanctioned and the bailiffs came, im in chapletown",
                       "--json")
    data = json.loads(out)
    assert code == 0
    assert data["need"] == "money" and data["crisis"] is False and data["keyword"] is None
    assert data["location"]["label"] == "Chapeltown"
    assert json.loads(cli("understand", "STOP", "--json")[1])["keyword"] == "stop"
    assert json.loads(cli("understand", "i want to die", "--json")[1])["crisis"] is True


def test_check_flows_passes_and_fails_with_the_difference(cli, tmp_path):
    code, out, _ = cli("check-flows", str(TRANSCRIPTS))
    assert code == 0 and f"{len(list(TRANSCRIPTS.glob('*.yaml')))} passed, 0 failed" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: wrong on purpose\nsteps:\n  - say: hello\n"
                   "    expect: [\"something the bot never says\"]\n")
    code, out, _ = cli("check-flows", str(bad))
    assert code == 1
    assert "FAIL" in out and "expected 'something the bot never says'" in out
    assert "Hi, this is Leeds Signpost" in out


def test_chat_in_the_terminal(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("food\nLS9 8RU\n"))
    code, out, _ = cli("chat", "--now", "2026-11-23T10:00")
    assert code == 0 and "Where are you?" in out and "near LS9 8RU" in out


@pytest.mark.parametrize("word", ["quit", "exit", "QUIT"])
def test_quit_leaves_the_chat_without_opting_out(cli, monkeypatch, word, shipped_db_url):
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"food\n{word}\nLS9 8RU\n"))
    code, out, _ = cli("chat")
    assert code == 0
    assert "Where are you?" in out  # food was answered
    assert "You will not get more messages" not in out  # quit was not a STOP
    assert "near LS9 8RU" not in out  # and nothing after it was sent


@pytest.mark.slow
def test_the_console_script_runs_in_a_new_process(shipped_db_url, tmp_path):
    env = {"DATABASE_URL": shipped_db_url, "SIGNPOST_SECRET_KEY": "k", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "webhooks.cli", "place", "LS9 8RU", "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ward_name"] == "Burmantofts & Richmond Hill"


def test_a_mistyped_environment_is_a_clear_message_not_a_traceback(cli, monkeypatch, capsys):
    monkeypatch.setenv("SIGNPOST_ENV", "prod")
    assert main(["db", "init"]) == 2
    err = capsys.readouterr().err
    assert "SIGNPOST_ENV must be 'development' or 'production', not 'prod'" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_run_serves_quietly_with_gunicorn_and_ends_with_the_sandbox(shipped_db_url, tmp_path):
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"DATABASE_URL": shipped_db_url, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-m", "webhooks.cli", "run", "--port", str(port)],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert json.load(r)["status"] == "ok"
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.3)
    finally:
        server.send_signal(signal.SIGINT)
        out, _ = server.communicate(timeout=30)
    assert f"sandbox: http://127.0.0.1:{port}/sandbox" in out
    assert f"Health check: http://127.0.0.1:{port}/healthz" in out
    assert "development server" not in out and "WARNING" not in out.upper(), out


def test_directory_stats_says_what_is_known_by_ward_and_how_old(cli):
    code, out, _ = cli("directory", "stats")
    assert code == 0
    assert "Local services (" in out and "with known hours " in out
    assert "Local options by ward" in out and "  Armley: " in out
    assert "Last checked, by year: " in out and "undated " in out
    code, out, _ = cli("directory", "stats", "--json")
    data = json.loads(out)
    assert code == 0 and data["services"] == SHIPPED_SERVICES
    assert sum(data["checked_by_year"].values()) == SHIPPED_SERVICES
    assert len(data["local_by_ward"]) == 33
    local = data["known_local"]
    assert 0 < local["hours"]["count"] <= local["services"] < SHIPPED_SERVICES


@pytest.mark.slow
def test_run_on_a_busy_port_says_so_once_and_how_to_choose_another(shipped_db_url, tmp_path):
    """Issue 31: gunicorn printed "[ERROR] Connection in use" five times, then gave up."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {"DATABASE_URL": shipped_db_url, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
        done = subprocess.run([sys.executable, "-m", "webhooks.cli", "run", "--port", str(port)],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("already in use") == 1, done.stderr
    assert (f"Port {port} on 127.0.0.1 is already in use, perhaps by another Leeds Signpost. "
            f"Stop that one, or choose another port: PORT={port + 1} make run") in done.stderr
    assert "Connection in use" not in done.stderr and "Traceback" not in done.stderr
    assert "is running at" not in done.stdout
