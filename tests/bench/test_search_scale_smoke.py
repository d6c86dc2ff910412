"""The search-scale bench runs end to end with tiny bounds and prints its figures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\s*(shipped|100)\s+(\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)",
                 re.MULTILINE)


def test_a_tiny_run_prints_a_row_for_each_directory_and_the_targets():
    result = subprocess.run(
        [sys.executable, "-m", "bench.search_scale", "--sizes", "100", "--searches", "10",
         "--max-seconds", "90"],
        cwd=ROOT, capture_output=True, text=True, timeout=150, check=False)
    output = result.stdout + result.stderr[-3000:]
    assert result.returncode == 0, output
    rows = {m.group(1): m.groups()[1:] for m in ROW.finditer(result.stdout)}
    assert set(rows) == {"shipped", "100"}, output
    assert int(rows["shipped"][0]) > 0 and 80 < int(rows["100"][0]) <= 100, output
    assert "cold start with the shipped directory at most 1 s" in result.stdout, output
