"""The message catalogue: low-stigma words only, GSM-7 only, neutral first lines."""

from __future__ import annotations

import re

import pytest

from bot import copy
from bot.crisis import crisis_reply
from bot.gsm import is_gsm7

STIGMATISING = [
    "the poor", "poor people", "the needy", "needy", "handout", "hand-out", "charity case",
    "vulnerable", "scrounger", "benefit claimant", "claimants", "service user", "signposting",
    "provision", "destitute", "deserving", "beggar", "freeloader",
]

SENTENCES = copy.all_sentences() + [crisis_reply(k).text for k in (None, "abuse", "suicide")]


@pytest.mark.parametrize("word", STIGMATISING)
def test_no_stigmatising_words_anywhere_a_resident_reads(word):
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    offenders = [s for s in SENTENCES if pattern.search(s)]
    assert offenders == []


def test_every_sentence_is_gsm7():
    offenders = [s for s in SENTENCES if not is_gsm7(s)]
    assert offenders == []


def test_the_catalogue_is_not_empty_and_the_check_can_fail():
    assert len(SENTENCES) > 40
    assert not is_gsm7("It\u2019s here \u2013 call us")


def test_first_lines_are_neutral_on_a_lock_screen():
    sensitive = re.compile(r"food bank|debt|suicid|abuse|crisis|homeless", re.IGNORECASE)
    firsts = [copy.GREETING, copy.near("LS9 8RU"), crisis_reply(None).text.splitlines()[0],
              crisis_reply("abuse").text.splitlines()[0], copy.HELP, copy.STOPPED]
    assert [f for f in firsts if sensitive.search(f.splitlines()[0])] == []
