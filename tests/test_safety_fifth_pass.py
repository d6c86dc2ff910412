"""The fifth pass on the safety rules (issue 24): gas and fumes, people taken or trapped, plans
told beside an everyday request, stroke and hypo signs told in dialect; and the twins that must
not alarm on the rules alone (anniversaries of recovery, fancy dress, school topics, hangovers).
Written from the categories of the demoted fourth round's misses, never its messages."""

from __future__ import annotations

import pytest

from bot.understanding.crisis_patterns import canonical
from bot.understanding.message import understand
from bot.understanding.safety import rule_match

PRESENT = [
    ("whole landing reeks of gas and the meter's hissing", "danger", "gas-or-fumes"),
    ("CO detector keeps beeping and the baby's gone really drowsy", "danger", "gas-or-fumes"),
    ("gas fire's been giving off fumes all day, we've all got headaches and feel sick",
     "danger", "gas-or-fumes"),
    ("two lads just bundled a girl into a car outside the Co-op", "danger", "taken-or-trapped"),
    ("a cyclist is trapped under a lorry on the ring road", "danger", "taken-or-trapped"),
    ("some kids are messing about on the railway tracks behind our estate", "danger",
     "taken-or-trapped"),
    ("bath's overflowed and water is running into the fuse box", "danger", "taken-or-trapped"),
    ("can u find me a food bank, not that it matters, made my plans for friday", "suicide",
     "plans-made"),
    ("what's the most painless way to die, i've decided", "suicide", "plans-made"),
    ("our lass's mouth has gone all droopy and she can't lift her arm", "medical", "stroke"),
    ("grandad's been lying on the kitchen floor since last night, he's cold", "medical",
     "unconscious"),
    ("type 1, shaking and sweating buckets now and my eyes have gone blurry", "medical",
     "diabetes"),
    ("i gave my toddler five times the dose of his medicine by mistake", "medical", "poisoning"),
    ("sorry to bother you but me chest's gone heavy and it's spreading to me arm", "medical",
     "chest"),
    ("some lads are kicking our front door in 😅 do you do locksmiths", "danger",
     "attacked-now"),
]


@pytest.mark.parametrize(("text", "kind", "sign"), PRESENT, ids=[t for t, _, _ in PRESENT])
def test_present_danger_gets_the_full_reply(text, kind, sign):
    match = rule_match(text)
    assert match is not None and match.alone and (match.kind, match.sign) == (kind, sign), match
    assert understand(text).crisis_kind == kind


#: Everyday messages that a rule used to alarm on alone: now a rule stays quiet, or its match
#: is doubted (the classifier decides), and the words name why.
TWINS = [
    ("there's a strange noise from the boiler, who do i ring", None),
    ("got a court hearing next week about my rent arrears", None),
    ("the gas man came and fixed the leak, do i need a new meter", None),
    ("my co alarm keeps beeping, i think it needs new batteries", None),
    ("we dragged the old sofa into the van for the tip", None),
    ("fake blood all over the kitchen from the halloween party", "figure"),
    ("doing a school presentation on forced marriage, any leaflets", "figure"),
    ("me mam's gonna kill me when she sees my hair", "figure"),
    ("so hungover i want to die, where do i get a cheap breakfast", "figure"),
    ("three years clean from self harm and proud of it", "past"),
    ("i was trapped under a car in 2019 and now need help with PIP", "past"),
    ("a bit wheezy with this cold but my inhaler's fine, any warm spaces", None),
    ("went to a and e with chest pains, they said it was a pulled muscle, need a sick note",
     None),
    ("city lost again, i want to die 😂", "joke"),
    ("my boss will kill me if i'm late again, any early buses from Gipton", "figure"),
    ("not suicidal or anything, i am not in danger, just fed up and lonely", "figure"),
    ("my ex keeps messaging me, he's not threatening me but it's upsetting", "figure"),
    ("did a suicide prevention training day today, where can i volunteer", "figure"),
    ("i could strangle my brother, he's used all the milk again", None),
    ("this is my last message, got what i needed, cheers", None),
    ("not seen the lady next door for a few days but her lights keep coming on", None),
    ("four years free of self harm today", "past"),
]


@pytest.mark.parametrize(("text", "why"), TWINS, ids=[t for t, _ in TWINS])
def test_everyday_words_do_not_alarm_on_the_rules_alone(text, why):
    match = rule_match(text)
    if why is None:
        assert match is None or not match.alone, match
    else:
        assert match is not None and not match.alone and match.why_not == why, match


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
