"""The fifth pass on the safety rules (issue 24): typo mending that leaves everyday words alone,
"again" and "today" against a joke or an anniversary, plain replies (the signs and their twins
are in test_safety_danger_signs.py)."""

from __future__ import annotations

import pytest

from bot.understanding.crisis_patterns import canonical
from bot.understanding.message import understand
from bot.understanding.safety import rule_match


@pytest.mark.parametrize(("typed", "read"), [
    ("a strange smell", "a strange smell"),
    ("court hearing", "court hearing"),
    ("hurling match", "hurling match"),
    ("he strangeld me", "he strangled me"),
    ("im thinking of sucide", "i am thinking of suicide"),
])
def test_typo_mending_leaves_everyday_words_alone(typed, read):
    assert canonical(typed) == read


@pytest.mark.parametrize("text", ["sounds good", "will do", "alright thanks", "right, ta"])
def test_a_plain_reply_is_never_a_worry(text):
    got = understand(text)
    assert not got.crisis and not got.check_in


def test_again_outweighs_a_past_but_not_a_joke():
    assert rule_match("he hit me years ago and now he's hitting me again").alone
    assert not rule_match("lol he'll kill me again 😂 when he sees the mess").alone


def test_danger_happening_now_outweighs_a_lol():
    assert rule_match("lol he's hitting me again 😅").alone
    assert rule_match("the flat upstairs is on fire lol and there's an old man in").alone


def test_today_after_an_anniversary_is_not_a_sign_of_the_present():
    match = rule_match("five years ago today i tried to take my own life, still here")
    assert match is not None and not match.alone and match.why_not == "past"
    assert rule_match("i want to take my own life today").alone
