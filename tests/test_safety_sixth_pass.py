"""The sixth pass on the safety rules (issue 24): words that date a danger ("last week", "in
prison for", old scars), saying it is well now or an adult now, rumours, end-of-life care and
memes; present-danger signs for the cold, a fire that will not go out, a crash, a fall, being
chased or shot at, a girl taken to be cut, method questions; a doubted rule decided by the
classifier as sure as with no rule; asking whether a message arrived is a plain reply.

Every message here was written for this file (none comes from the held-out or blind files).
"""

from __future__ import annotations

import pytest

from bot.understanding.crisis_context import doubts
from bot.understanding.crisis_patterns import canonical
from bot.understanding.message import understand
from bot.understanding.safety import rule_match

# --- context: what dates a danger, and what does not ------------------------------------------

DOUBTED = [
    ("someone was stabbed on our street last week, is there a residents meeting", "past"),
    ("my son is in prison for attacking someone, how do i book a visit", "past"),
    ("got self harm scars on my arms, which gyms are ok with that", "past"),
    ("my nan attempted suicide in the summer, she's home now, any carers groups", "past"),
    ("had my first ever seizure last month, can i still drive", "past"),
    ("i had fgm as a girl back home, i'm an adult now and want to talk to a specialist", "past"),
    ("my friend tried to kill herself last year and now she's doing a sponsored walk for mind",
     "past"),
    ("my mate posts dark memes about wanting to die, how do i talk to him about it", "joke"),
    ("dad keeps saying he wants to die peacefully, he's terminally ill, how do we get hospice "
     "care", "figure"),
    ("there's a rumour going round that someone's been stabbed at the school, is it true",
     "figure"),
    ("her boyfriend is controlling, no violence, how do i help my sister", "figure"),
]


@pytest.mark.parametrize(("text", "why"), DOUBTED, ids=[t for t, _ in DOUBTED])
def test_words_that_date_or_explain_a_danger_leave_the_rule_to_the_classifier(text, why):
    match = rule_match(text)
    assert match is not None and not match.alone and match.why_not == why, match


@pytest.mark.parametrize("text", [
    "hit my finger with a hammer putting a shelf up, is there a minor injuries unit",
    "hit my thumb with a hammer, it's gone purple",
])
def test_a_hammer_in_diy_is_no_weapon(text):
    assert rule_match(text) is None


PRESENT_STILL = [
    ("he hit me last week and he's outside my door now", "abuse"),
    # a time beside a death dates the death: grief never quietens a warning sign
    ("my mum died last month and i've been saving up my tablets", "suicide"),
    # "since last week" is how long it has gone on
    ("haven't seen the old man next door since last week, his post is piling up", "danger"),
    ("i'm an adult but my dad is hitting me right now", "abuse"),
    ("he's got a hammer and he's coming up the stairs", "danger"),
]


@pytest.mark.parametrize(("text", "kind"), PRESENT_STILL, ids=[t for t, _ in PRESENT_STILL])
def test_danger_now_keeps_the_full_reply_beside_a_date(text, kind):
    match = rule_match(text)
    assert match is not None and match.alone and match.kind == kind, match
    assert understand(text).crisis


@pytest.mark.parametrize(("text", "doubted"), [
    ("i was hurt as a child, i am an adult now", True),
    ("i was hurt as a child and i am not safe now", False),
    ("he was in prison years ago and now he is doing a course", True),
    ("he was in prison years ago and now he is back", False),
    ("he attacked me a while ago, i am scared to go out now", True),
])
def test_well_now_or_an_adult_now_is_not_a_sign_of_the_present(text, doubted):
    assert bool(doubts(canonical(text), text)) is doubted
