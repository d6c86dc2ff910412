"""``python -m bench.languages`` prints accuracy per language with 95% intervals, single words
against sentences, how far "sure" is right, and speed."""

from __future__ import annotations

from bench.languages import main, ours, report


def test_a_report_gives_each_language_its_interval_and_names_the_misses(capsys):
    report("ours", [{"lang": "pl", "text": "potrzebuję jedzenia"},
                    {"lang": "pl", "text": "tak"},
                    {"lang": "ro", "text": "LS9"}], ours)
    out = capsys.readouterr().out
    assert "ours: all 0.667 (2/3, 95% CI" in out
    assert "pl   1.000 (2/2, 95% CI" in out and "ro   0.000 (0/1, 95% CI" in out
    assert "single word  0.500 (1/2" in out and "sentence     1.000 (1/1" in out
    assert "right, of sure 1.000 (1/1" in out
    assert "missed (ro read as en): LS9" in out


def test_the_whole_bench_runs_without_lingua(capsys):
    main(["--no-lingua"])
    out = capsys.readouterr().out
    assert "English held-out messages read as English: 1.000" in out
    assert "speed, detect_language: p50" in out and "lingua-py: skipped" in out
