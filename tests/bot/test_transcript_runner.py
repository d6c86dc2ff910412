"""Conversation scripts let time pass: the phrases, Leeds time across the clock change, what
a script may not say, and what a runner is asked once time has passed."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.transcript_runner import TranscriptFileError, later_time, load_flow, run_flow
from core.clock import LONDON

MONDAY = dt.datetime(2026, 11, 23, 14, 0)


@pytest.mark.parametrize(("phrase", "expected"), [
    ("3 days later", dt.datetime(2026, 11, 26, 14, 0)),
    ("3 Days  Later", dt.datetime(2026, 11, 26, 14, 0)),
    ("a day later", dt.datetime(2026, 11, 24, 14, 0)),
    ("2 hours later", dt.datetime(2026, 11, 23, 16, 0)),
    ("30 minutes later", dt.datetime(2026, 11, 23, 14, 30)),
    ("next day at 10:00", dt.datetime(2026, 11, 24, 10, 0)),
    ("the next day", dt.datetime(2026, 11, 24, 14, 0)),
    ("3 days later at 9:30", dt.datetime(2026, 11, 26, 9, 30)),
    ("1 week later", dt.datetime(2026, 11, 30, 14, 0)),
])
def test_time_passes_in_leeds_time(phrase, expected):
    assert later_time(phrase, MONDAY) == expected.replace(tzinfo=LONDON)


def test_days_keep_the_wall_clock_and_hours_do_not_across_the_clock_change():
    saturday = dt.datetime(2026, 10, 24, 12, 0)  # the clocks go back on Sunday 25 October
    assert later_time("1 day later", saturday) == dt.datetime(2026, 10, 25, 12, 0, tzinfo=LONDON)
    assert later_time("24 hours later", saturday) == dt.datetime(2026, 10, 25, 11, 0,
                                                                 tzinfo=LONDON)


@pytest.mark.parametrize("phrase", ["3 days", "soon", "2 hours later at 10:00",
                                    "next day at 25:00", "-1 days later"])
def test_other_phrases_are_refused(phrase):
    with pytest.raises(ValueError, match=phrase.split()[0]):
        later_time(phrase, MONDAY)


def _script(tmp_path, text: str):
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_line_or_a_time_step_passes_time(tmp_path):
    flow = load_flow(_script(tmp_path, """
now: 2026-11-23T14:00
channels: [sms, telegram]
steps:
  - say: food
  - 3 days later
  - time: next day at 10:00
    expect: did you get help
"""))
    assert [s.later for s in flow.steps] == [None, "3 days later", "next day at 10:00"]
    assert flow.steps[2].expect == ("did you get help",) and flow.channels == ("sms", "telegram")
    said, waited = [], []
    result = run_flow(flow, lambda text, location, now: said.append(now) or ["ok"],
                      lambda now: waited.append(now) or ["Did you get help?"])
    assert result.passed, result.failures
    assert said == [dt.datetime(2026, 11, 23, 14, 0)]
    assert waited == [dt.datetime(2026, 11, 26, 14, 0, tzinfo=LONDON),
                      dt.datetime(2026, 11, 27, 10, 0, tzinfo=LONDON)]


def test_messages_after_time_passes_are_sent_at_the_new_time(tmp_path):
    flow = load_flow(_script(tmp_path, """
now: 2026-11-23T14:00
steps:
  - 2 hours later
  - say: "1"
"""))
    times = []
    run_flow(flow, lambda text, location, now: times.append(now) or [], lambda now: [])
    assert times == [dt.datetime(2026, 11, 23, 16, 0, tzinfo=LONDON)]


def test_what_came_meanwhile_is_checked_like_a_reply(tmp_path):
    flow = load_flow(_script(tmp_path, """
now: 2026-11-23T14:00
steps:
  - time: 3 days later
    silent: true
"""))
    result = run_flow(flow, lambda *_: [], lambda now: ["Leeds Signpost: did you get help?"])
    assert not result.passed
    assert "step 1: time passes: 3 days later" in result.failures[0]
    assert "did you get help" in result.failures[0]


def test_a_runner_that_cannot_move_time_fails_the_step(tmp_path):
    flow = load_flow(_script(tmp_path, "now: 2026-11-23T14:00\nsteps:\n  - 3 days later\n"))
    result = run_flow(flow, lambda *_: [])
    assert not result.passed and "time cannot pass here" in result.failures[0]


@pytest.mark.parametrize(("text", "problem"), [
    ("steps:\n  - 3 days later\n", "only in a script with a 'now'"),
    ("now: 2026-11-23T14:00\nsteps:\n  - tomorrow\n", "is not a time passing"),
    ("now: 2026-11-23T14:00\nsteps:\n  - time: 2 hours later at 10:00\n", "'at' goes with"),
    ("now: 2026-11-23T14:00\nchannels: [fax]\nsteps:\n  - say: hi\n", "'channels' must list"),
    ("now: 2026-11-23T14:00\nchannels: sms\nsteps:\n  - say: hi\n", "'channels' must list"),
    ("steps:\n  - expect: hi\n", "each step needs"),
])
def test_a_script_that_cannot_be_played_names_its_problem(tmp_path, text, problem):
    with pytest.raises(TranscriptFileError, match=problem):
        load_flow(_script(tmp_path, text))
