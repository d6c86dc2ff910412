"""The tenth pass's present-danger sign (issue 24): a last night told of a friend as well as of
oneself; and its look-alikes, which the rules leave to the classifier.

Every message here was written for this file (none comes from the held-out or blind files).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.understanding.message import understand
from bot.understanding.safety import rule_match

SIGNS = [
    "my mate put on snapchat that tonight's her last night, she's not picking up",
    "he said today is his last day and turned his phone off",
    "tonight is my last night",
]


@pytest.mark.parametrize("text", SIGNS)
def test_a_last_night_told_of_anyone_gets_the_full_reply(text):
    match = rule_match(text)
    assert match is not None and match.kind == "suicide" and match.alone
    assert understand(text, lambda _: SimpleNamespace(found=False)).crisis


QUIET = [
    "tonight is her last night at the hostel, where can she go tomorrow",
    "today is his last day in work before he retires, any groups for him",
    "it's her last night of the holiday club, is there anything on next week",
    "the food bank said today's their last day open before christmas, where else is there",
    "the warm space says tonight is their last night open, where else can I go",
    "today's his last day, he's retiring and we'll have no income",
    "my daughter is in a B&B, tonight's her last night and then she has nowhere",
]


@pytest.mark.parametrize("text", QUIET)
def test_a_last_night_somewhere_is_not_the_sign(text):
    assert rule_match(text) is None or rule_match(text).kind != "suicide"
