"""Rules that know context, found on a fresh development set of medical emergencies and their
near-misses (the writer's brief: docs/writer-briefs/crisis_dev13_medical.md). Choking on a
figure of speech or on a crisp last night, and toenails "too thick to cut myself", are no
present danger; a child who "eat medicine, many tablet" in simple English is."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.understanding.message import understand


def _said(text: str):
    return understand(text, lambda _: SimpleNamespace(found=False))


@pytest.mark.parametrize("text", [
    "I'm choking on all these PIP forms",
    "choking on the council tax letters, who can help me sort them",
    "nearly choked on my tea laughing at the ref at Elland Road on Saturday",
    "I choked on a crisp last night, coughed it up fine, throat's a bit scratchy today",
    "Is there an NHS podiatrist for older people, my toenails are too thick to cut myself",
    "my son won't swallow tablets, can the GP give him liquid instead",
    "my kid eats the medicine fine but hates the taste",
    # ... and a child's everyday medicine, in simple English (a reviewer's cases).
    "my son eat tablets every day for epilepsy, need help with prescription cost",
    "my daughter drink medicine 3 times a day, doctor say, where get free",
    "can my child eat the medicine with food?",
    "my baby drink medicine from the pharmacy, is free?",
    "my son eat tablets for asthma, how get help pay",
    # Choking that is over, a figure of speech or a complaint (a second review's cases).
    "choked on my tea when i read the gas bill",
    "i choked on my brew laughing",
    "my son choked on a grape yesterday, he's fine but should I worry",
    "mum choked on a tablet this morning, its ok now",
    "choking on dust from the builders next door, who do i complain to",
    "choking on smoke from the neighbours bbq every weekend",
])
def test_no_crisis_reply(text):
    assert not _said(text).crisis, text


@pytest.mark.parametrize("text", [
    "My child eat medicine, many tablet from my bag, he is 2 years, what I do",
    "my little boy ate some of my tablets",
    "toddler drank bleach",
    "my baby is choking on a grape",
    "hes choking on his food cant breathe",
    "my dad is choking",
    "i want to cut myself",
    "cut myself deep need help",
    # A reviewer found the first version losing these.
    "toddler choked on a coin just now",
    "my son has just choked on a grape",
    "dad choked on a bone, its still stuck",
    "kids are choking on fumes from the gas fire",
    "my dad is choking on the fumes from the boiler",
    "my son choked on a paper clip",
    # Poisoning in simple English without a quantity (a second review's cases).
    "my son drink bleach",
    "my baby eat my tablets, what can i do",
    "my boy eat his dad tablets",
    "my child eat tablets from my handbag",
    "my daughter eat some tablets, she is sleepy",
])
def test_the_full_crisis_reply(text):
    said = _said(text)
    assert said.crisis, text


@pytest.mark.parametrize(("text", "kind"), [
    ("I cut myself with nail scissors again last night", "self-harm"),
    ("cut myself with my nail file", "self-harm"),
])
def test_the_rules_alone_still_read_it(text, kind):
    from bot.understanding.safety import rule_match

    match = rule_match(text)
    assert match is not None and match.kind == kind, (text, match)
