"""The eighth pass on the safety rules (issue 24): a denial read in the clause that holds the
rule's words ("no thoughts of hurting myself", "not suicidal, just quiet", "he's not hurt") or
said of the whole message ("no one hurt", "there's nothing wrong", "not in any state of
emergency"); "I'm struggling" and "the lady next door" are no signs of the present; a life before
a child came to us is past; "my funeral" is no one else's death; threats on an everyday
condition, tantrums, schemes asked about and drowning in bills are figures; "not coming round"
can be visiting. Present-danger signs for a crash with the doors stuck, something fallen on
someone, a pan fire going up, a child gone in the water out of sight, gas spelt as heard, "about
to cut, talk me out of it", "finish my life".

Each context comes with present-danger twins that must keep the full reply. Every message here
was written for this file (none comes from the held-out or blind files).
"""

from __future__ import annotations

import pytest

from bot.understanding.crisis_context import doubts
from bot.understanding.crisis_denial import clauses, denied
from bot.understanding.crisis_patterns import canonical
from bot.understanding.safety import assess_crisis, rule_match


def _alone(text: str) -> bool:
    match = rule_match(text)
    return bool(match and match.alone)


# --- a denial in the rule's own clause ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "been low since the baby, no thoughts of hurting myself, just tired all the time",
    "my wife has been really down, not suicidal, just withdrawn. any groups for her?",
    "i would never kill myself, i just need someone to talk to about work",
    "my lad got picked on at football, he's not hurt, just upset. who do i speak to",
    "no plans to end my life, i just feel stuck. counselling in armley?",
    "i've never had any thoughts of suicide, just anxiety. any groups?",
    "i'm no longer self harming, just wanted someone to know",
])
def test_a_denial_in_the_clause_leaves_the_rule_to_the_classifier(text):
    match = rule_match(text)
    # "he's not hurt": the abuse rule no longer reads "not" as the word between "is" and "hurt"
    assert match is None or (not match.alone and match.why_not == "denied"), match


@pytest.mark.parametrize("text", [
    # the denial is of something else, or elsewhere, or outweighed
    "i'm not sleeping, i want to kill myself",
    "i can't stop thinking about killing myself",
    "i'm not suicidal i just want to end it all",
    "not ok. i want to die",
    "i don't want to die but i can't go on like this",
    "told the nurse i'm not suicidal but right now i want to kill myself",
    "no one would care if i killed myself tonight",
    "he is not sorry, he hit me again and my lip is bleeding",
    "my son was hurt by his dad last night and he won't let us leave",
    "not again, he's hitting me, please help",
])
def test_a_denial_elsewhere_is_no_denial_and_keeps_the_full_reply(text):
    match = rule_match(text)
    assert match is not None and match.why_not != "denied", match
    assert assess_crisis(text).alarm


def test_a_denial_is_read_in_its_clause_in_typed_text():
    text = "not sleeping. want to kill myself"
    assert clauses(text) == ("not sleeping", "want to kill myself")
    assert not denied(["kill myself"], text)
    assert denied(["suicidal"], "low, not suicidal, just quiet")


# --- a denial said of the whole message ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "someone smashed my wing mirror overnight, no one hurt, is it worth reporting",
    "who do i ring if i smell gas? asking so i know, there's nothing wrong",
    "my brother drinks every day, he's not in any state of emergency, just wants to cut down",
    "our foster son was hit at his old home before he came to us, he is safe with us now",
    "small fire in the bin store last night, everyone is fine, who do i tell at the council",
])
def test_a_message_that_says_no_danger_is_doubted(text):
    assert doubts(canonical(text), text), text


@pytest.mark.parametrize("text", [
    "no one hurt yet but he's outside with a knife right now",
    "i've done nothing wrong and he keeps hitting me",
    "there's nothing wrong with me, i just want to die",
    "everyone is fine except me, i'm going to end it tonight",
    "he says he's safe with me but i can smell gas right now and the kids are asleep",
])
def test_a_present_danger_beside_a_denial_keeps_the_full_reply(text):
    got = assess_crisis(text)
    assert got.alarm, got


# --- past and grief: struggling, next door, before she came to us, my funeral -------------------

@pytest.mark.parametrize("text", [
    "my brother killed himself last year and i'm struggling, any groups for families",
    "my son was stabbed years ago, he is struggling with flashbacks, who can help",
    "we had a gas leak last year and the lady next door is still nervous of her boiler",
    "our foster daughter was abused before she came to us, any therapy for children",
    "i was raped years ago and i'm currently on a waiting list for counselling, anything sooner",
    "he hit me when i was a teenager, at the moment i'm studying and want to talk it through",
])
def test_a_life_since_does_not_outweigh_a_past(text):
    assert doubts(canonical(text), text), text


@pytest.mark.parametrize("text", [
    "my brother killed himself last year and i want to join him tonight",
    "he was stabbed years ago and now he is struggling to breathe after a fall",
    "we had a gas leak last year and i can smell gas again right now",
    "she was abused before she came to us and he has just turned up and hit her",
    "the man who attacked me years ago is next door right now shouting my name",
    "he raped me years ago and right now he is outside my door",
    "i was abused as a child and currently he is living with us and hitting me",
])
def test_a_present_danger_beside_a_past_keeps_the_full_reply(text):
    got = assess_crisis(text)
    assert got.alarm, got


def test_my_funeral_is_no_bereavement():
    assert "bereavement" not in doubts(canonical("i have sorted my funeral, goodbye"))
    assert "bereavement" in doubts(canonical("my nan's funeral is friday, i want to die"))


# --- figures of speech: threats on an everyday condition, tantrums, schemes, drowning ------------

@pytest.mark.parametrize("text", [
    "i'll kill my sister if she borrows my straighteners again 🙄",
    "gonna murder him if he eats the last of the biscuits",
    "she'll kill her brother if he uses her charger again",
    "my 4 year old says he wants to die when he can't have sweets, it's just tantrums",
    "is there a scheme for free smoke alarms for older people",
])
def test_figures_of_speech_are_doubted(text):
    assert "figure" in doubts(canonical(text), text), text


@pytest.mark.parametrize("text", [
    "he said he'll kill her if she leaves him",
    "i'll kill him if he touches my daughter again, he's outside now",
    "he says he will kill me if i tell the police",
    "i'm on a work scheme and i just want to end it all",
    "my daughter has tantrums and says she wants to die, she took pills tonight",
])
def test_threats_and_crises_beside_the_figures_keep_the_full_reply(text):
    got = assess_crisis(text)
    assert got.alarm, got


def test_drowning_in_bills_is_no_one_in_the_water():
    assert not _alone("bills through the roof and the rent up, we're drowning, any grants?")
    assert _alone("my son is drowning in the canal, he went under")
    assert _alone("he's fallen in the river and he is drowning")


def test_coming_round_can_be_visiting():
    assert not _alone("my ex isn't coming round, just texts the kids all night")
    assert _alone("my dad collapsed in the kitchen and he's not coming round")
    assert _alone("she fainted and hit her head, she's not coming round, just lying there")


# --- present-danger signs ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "crashed on the ring road, car's upside down and we cannot open the doors",
    "the wardrobe has fallen on my little boy and he's under it",
    "the chip pan's on fire and it's spreading up the wall",
    "my nephew went in the canal at the locks and we can't see him",
    "smel gas all in kitchen very strong baby sleep upstair",
    "gas smel very strong in flat, baby here",
    "about to cut again. someone stop me",
    "i have decided to finish my life tonight",
])
def test_present_danger_signs_raise_the_full_reply(text):
    got = assess_crisis(text)
    assert got.alarm, got


@pytest.mark.parametrize("text", [
    "the central locking's broken and i cannot open the car doors, who fixes that",
    "the bathroom ceiling collapsed last week, landlord still hasn't fixed it",
    "what do i do if there's a chip pan fire? making a fire safety leaflet",
    "we had a kitchen fire in march and lost everything, need help with furniture",
    "we had a house fire in may and my debt is getting worse, any grants",
    "about to cut my hair short, talk me out of it lol",
    "the lad went in the river for a charity swim and we can't see him from the bank",
])
def test_their_near_misses_do_not_alarm_alone(text):
    assert not _alone(text), rule_match(text)
