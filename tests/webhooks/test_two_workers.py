"""Under gunicorn with two workers, as the Procfile runs it, a conversation keeps its state."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_bench_runs_the_app_as_the_procfile_does():
    procfile = (ROOT / "Procfile").read_text(encoding="utf-8")
    bench = (ROOT / "bench" / "two_workers.py").read_text(encoding="utf-8")
    assert "--workers 2" in procfile and '"webhooks:create_app()"' in procfile
    assert '"--workers", "2"' in bench and '"webhooks:create_app()"' in bench


def test_a_conversation_spread_over_two_gunicorn_workers_keeps_its_state(shipped_db_url):
    pytest.importorskip("gunicorn")
    result = subprocess.run(
        [sys.executable, "-m", "bench.two_workers", "--database-url", shipped_db_url],
        cwd=ROOT, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "PASS" in result.stdout
