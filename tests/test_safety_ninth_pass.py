"""The ninth pass's present-danger signs (issue 24): the act told as done by the time the message
is read, hiding from the family to do it, accounts deleted and goodbyes said, a fever during
chemotherapy, and water rising in a home whose electrics are still on; and their look-alikes,
which the rules leave to the classifier.

Every message here was written for this file (none comes from the held-out or blind files).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.understanding.message import understand
from bot.understanding.safety import rule_match

SIGNS = [
    ("if i dont answer tonight its because ive gone through with it", "suicide"),
    ("checked into a travelodge so the kids won't find me", "suicide"),
    ("deleted me insta and snapchat, said goodbye to my sister", "suicide"),
    ("my husband is on chemo and he's shivering with a temperature of 38.9", "medical"),
    ("cellar's flooded, water up to my shins and the sockets are still on", "danger"),
]


@pytest.mark.parametrize(("text", "kind"), SIGNS, ids=[t for t, _ in SIGNS])
def test_a_present_danger_sign_gets_the_full_reply(text, kind):
    match = rule_match(text)
    assert match is not None and match.kind == kind and match.alone
    assert understand(text, lambda _: SimpleNamespace(found=False)).crisis


QUIET = [
    "deleted my facebook, bye for now, any walking groups in otley",
    "deleted facebook, its time i had a break from screens, any book clubs",
    "hiding the presents so the kids won't find them, are there toy banks",
    "playing hide and seek so the kids dont find me, any soft play near roundhay",
    "my mum finished chemo last year, any support groups for carers",
    "going through with the house move on friday, who helps with furniture",
    "flood warning in otley, power is on, any sandbags",
    "flood warning for otley, power still on for now",
    "my electricity is still on emergency credit and i burst into tears",
    "burst pipe under the sink but the power is still on, who do i ring",
    "my wife is on chemo so i need temp work",
    "having chemo, the flat temperature is freezing, any warm spaces",
    "changed my number so my husband cant find me, need a solicitor",
    "moved into a refuge so my husband cant find me",
    "i go out the back so the kids dont find me smoking",
    "deleted tiktok, this is it, no more doomscrolling, any book clubs",
    "closed my accounts with barclays and said goodbye to them",
    "the flood was last year but the electrics are still on the blink, landlord wont fix",
]


@pytest.mark.parametrize("text", QUIET)
def test_a_twin_of_a_sign_is_not_a_present_sign(text):
    match = rule_match(text)
    assert match is None or not match.alone
