"""Whole-message commands: found in any case or spacing, never inside a longer request."""

from __future__ import annotations

import pytest

from bot.understanding.keywords import (
    KEYWORDS,
    TWILIO_OPT_IN_WORDS,
    TWILIO_OPT_OUT_WORDS,
    detect_keyword,
)

COMMANDS = [
    ("help", "help"),
    ("HELP", "help"),
    ("Help!", "help"),
    ("help please", "help"),
    ("info", "help"),
    ("stop", "stop"),
    ("STOP", "stop"),
    ("Stop.", "stop"),
    (" stop ", "stop"),
    ("s t o p", "stop"),
    ("stop all", "stop"),
    ("opt-out", "stop"),
    ("opt out", "stop"),
    ("start", "start"),
    ("START", "start"),
    ("unstop", "start"),
    ("more", "more"),
    ("MORE!", "more"),
    ("more please", "more"),
    ("moreee", "more"),
    ("can i have more please", "more"),
    ("next", "more"),
    ("new", "new"),
    ("NEW", "new"),
    ("menu", "new"),
    ("Menu?", "new"),
    ("restart", "new"),
    ("start again", "new"),
    ("Start Again!", "new"),
    ("start over", "new"),
    ("back", "back"),
    ("go back", "back"),
    ("BACK", "back"),
    ("forget", "forget"),
    ("FORGET", "forget"),
    ("forget me", "forget"),
    ("delete my data", "forget"),
    ("Delete my data please", "forget"),
]


@pytest.mark.parametrize(("text", "keyword"), COMMANDS, ids=[t for t, _ in COMMANDS])
def test_a_command_is_found(text, keyword):
    assert detect_keyword(text) == keyword


NOT_COMMANDS = [
    "i need more food",
    "help me find food",
    "can you help",
    "i need help",
    "yes",
    "YES",
    "no",
    "ok",
    "thank you",
    "more food",
    "stop the bailiffs",
    "new flat",
    "back rent",
    "start a new job",
    "I want to forget everything that happened",
    "",
    "   ",
    "?",
    "1",
    "food bank near LS9 8RU",
]


@pytest.mark.parametrize("text", NOT_COMMANDS, ids=[repr(t) for t in NOT_COMMANDS])
def test_a_longer_request_or_an_answer_is_not_a_command(text):
    assert detect_keyword(text) is None


@pytest.mark.parametrize("word", TWILIO_OPT_OUT_WORDS)
def test_every_twilio_opt_out_word_means_stop(word):
    assert detect_keyword(word) == "stop"
    assert detect_keyword(word.lower()) == "stop"


def test_the_twilio_word_lists_are_the_documented_ones():
    assert set(TWILIO_OPT_OUT_WORDS) == {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE",
    }
    assert set(TWILIO_OPT_IN_WORDS) == {"START", "YES", "UNSTOP"}


@pytest.mark.parametrize("word", TWILIO_OPT_IN_WORDS)
def test_opt_in_words_mean_start_except_yes_which_answers_a_question(word):
    expected = None if word == "YES" else "start"
    assert detect_keyword(word) == expected


def test_every_result_is_a_known_command():
    texts = [t for t, _ in COMMANDS] + list(TWILIO_OPT_OUT_WORDS) + list(TWILIO_OPT_IN_WORDS)
    assert {detect_keyword(t) for t in texts} - {None} <= set(KEYWORDS)
