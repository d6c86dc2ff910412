"""Danger now to someone else, self-harm told casually, medical emergencies told as a worry, and
crises played down beside a "lol": each alarms; its twin in the past, grief, a figure of speech,
a joke or plain everyday life does not alarm on the rules alone (issue 24, round 3)."""

from __future__ import annotations

import pytest

from bot.understanding import danger_signs
from bot.understanding.message import understand
from bot.understanding.safety import rule_match

PRESENT = [
    ("my 3 year old has climbed out onto the balcony railings", "danger", "child-at-height"),
    ("a lad has fallen in the canal and he's going under", "danger", "in-water"),
    ("someone's gone through the ice on the lake in the park", "danger", "in-water"),
    ("the old man next door fell on his path and can't get up, it's freezing", "danger",
     "older-person-down"),
    ("not seen the old lady at number 6 for 4 days, her curtains are still shut", "danger",
     "older-person-down"),
    ("the kids upstairs are home alone again and it's gone midnight", "danger", "child-alone"),
    ("three men are kicking a lad outside the takeaway", "danger", "attacked-now"),
    ("he's back", "danger", "back-now"),
    ("my ex is outside again", "danger", "back-now"),
    ("the flat below is full of smoke and a pensioner lives there on his own", "danger",
     "fire-people-inside"),
    ("lol the towel's soaked red from my arm", "self-harm", "self-harm-bleeding"),
    ("bleeding through all the plasters on my wrist", "self-harm", "self-harm-bleeding"),
    ("about to pour the kettle on my arm", "self-harm", "self-harm-burn"),
    ("my uncle is talking nonsense and keeps dropping his fork, started just now", "medical",
     "stroke"),
    ("sudden splitting headache out of nowhere and i've thrown up", "medical", "headache"),
    ("my dad's grey and sweating, rubbing his chest, says it's only indigestion", "medical",
     "chest"),
    ("35 weeks pregnant and haven't felt the baby move since last night", "medical",
     "pregnancy"),
    ("my waters have gone and i can feel the head", "medical", "pregnancy"),
    ("my sugar monitor says LO and i'm shaking and confused", "medical", "diabetes"),
    ("prob nothing lol but my face has drooped on one side", "medical", "stroke"),
    # fifth pass: gas and fumes, people taken or trapped, plans beside a request, signs in dialect
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


TWINS = [
    ("my toddler keeps climbing on the windowsill, how do i get window restrictors", None),
    ("we feed the ducks on the canal every sunday", None),
    ("my mum's drowning in debt letters, any advice", None),
    ("my old neighbour fell on her path last winter, she's fine now, any befriending", "past"),
    ("is my 11 year old old enough to be home alone after school", None),
    ("the man next door fell asleep on the sofa after his shift lol", None),
    ("he's back from his holiday on monday, can we rebook", None),
    ("my house burnt down last year, we need furniture", None),
    ("ketchup all over the towel, kids lol", None),
    ("cut my finger too deep chopping onions, plaster's on", None),
    ("my brother's talking gibberish after the pub", None),
    ("my toddler talks nonsense all day lol", None),
    ("headache from screens at work every day", None),
    ("the bath water's gone brown again, landlord won't fix the pipes", None),
    ("my waters broke early with my first, due again in may, any antenatal classes", None),
    ("my waters went at 38 weeks last time, all was fine", None),
    ("i'm diabetic and my sugars are low on money this month lol", None),
    ("goodbye everyone, see you at the carers cafe next friday", None),
    ("got a rash on my leg, can the pharmacist help", None),
    ("nosebleed this morning, how do i stop them coming back", None),
    # fifth pass: everyday words the rules used to alarm on alone
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
     "weak"),
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
def test_a_twin_does_not_alarm_on_the_rules_alone(text, why):
    match = rule_match(text)
    assert match is None or (not match.alone and match.why_not == why), match


def test_a_lol_beside_playing_it_down_is_nerves_not_a_joke():
    assert rule_match("my face has drooped on one side lol").alone is False
    assert rule_match("prob nothing lol but my face has drooped on one side").alone is True


def test_the_danger_signs_file_loads_with_every_group():
    assert {s.name for s in danger_signs.SIGNS} == {
        "child-at-height", "in-water", "older-person-down", "child-alone", "attacked-now",
        "back-now", "fire-people-inside", "self-harm-bleeding", "self-harm-burn", "gas-or-fumes",
        "taken-or-trapped", "out-in-the-cold", "chased-now", "fire-now", "shooting-now",
        "cutting-planned", "self-harm-soon", "held-and-worked", "blade-in-hand",
        "child-missing", "vulnerable-missing", "stranger-and-child", "lost-outdoors",
        "live-wires-down", "dog-attacking", "stuck-in-lift"}
    assert {s.kind for s in danger_signs.SIGNS} == {"danger", "self-harm", "abuse"}
