"""The load bench runs end to end with tiny bounds, prints its figures and sees no errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^(bare GET / \(no DB\)|conversations \(signed SMS\))\s+(\d+)\s+(\d+)\s+"
                 r"([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", re.MULTILINE)


def test_a_tiny_load_run_prints_the_figures_without_errors(shipped_db_url):
    pytest.importorskip("gunicorn")
    result = subprocess.run(
        [sys.executable, "-m", "bench.load", "--residents", "8", "--concurrency", "2",
         "--windows", "2", "--window-seconds", "0.5", "--max-seconds", "10",
         "--max-requests", "300", "--database-url", shipped_db_url],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    output = result.stdout + result.stderr[-3000:]
    assert result.returncode == 0, output
    assert "p50 ms" in result.stdout and "p95 ms" in result.stdout and "p99 ms" in result.stdout
    assert "nproc=" in result.stdout and "database:" in result.stdout
    rows = {m.group(1): m.groups()[1:] for m in ROW.finditer(result.stdout)}
    assert set(rows) == {"bare GET / (no DB)", "conversations (signed SMS)"}, output
    bare, chat = rows["bare GET / (no DB)"], rows["conversations (signed SMS)"]
    assert int(bare[0]) > 0 and int(bare[1]) == 0, output
    assert int(chat[0]) > 0 and int(chat[1]) == 0, output
    # Both kinds of window, in turns, in the same run, and their ratio with its spread.
    assert re.search(r"req/s by window:  bare \d+( \d+)? \| conversations \d+",
                     result.stdout), output
    assert re.search(r"conversations / bare: median [\d.]+ \(min [\d.]+, max [\d.]+, "
                     r"[12] pairs\)", result.stdout), output
    assert "OK: no errors" in result.stdout
