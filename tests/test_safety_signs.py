"""Issue 24: warning signs of suicide and medical emergencies as data, three tiers of rules, and
a check-in line that never answers a reply to our own question.

Every message here was written for this file (none comes from the held-out or blind files).
The twins are the same words in the past, in grief, as a figure of speech, as a joke, or in an
everyday request: the rules must not raise the full reply for them on their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from bot.understanding import medical, warning_signs
from bot.understanding.message import understand
from bot.understanding.safety import ROUTINE_SCORE, SURE_SCORE, assess_crisis, rule_match
from bot.understanding.signs import SignsError, load_signs
from bot.wording import copy
from directory.places import resolve_place
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.support.resident import Resident

CHECK_IN_WORDS = "If you are not safe right now"

WARNING_SIGNS = [
    ("this is my last message", "goodbye"),
    ("please tell my kids i love them", "goodbye"),
    ("goodbye everyone, thanks for trying", "goodbye"),
    ("giving my dog to next door because i won't need him any more", "giving-away"),
    ("paid off the catalogue so no one is stuck with it after", "giving-away"),
    ("i won't be around after tonight", "not-around"),
    ("not planning on being here much longer", "not-around"),
    ("just took 24 co-codamol", "tablets"),
    ("got 3 boxes of pills on the bed", "tablets"),
    ("been saving my tablets and there's enough now", "tablets"),
    ("injected way too much insulin on purpose", "tablets"),
    ("got a rope in the car, going up the woods tonight", "means"),
    ("sat on the train tracks", "means"),
    ("on the bridge over the ring road, nobody around", "means"),
    ("car engine running in the garage and i'm sat in it", "means"),
    ("i hope i don't wake up tomorrow", "not-waking"),
    ("going to sleep and not waking up", "not-waking"),
]


@pytest.mark.parametrize(("text", "sign"), WARNING_SIGNS, ids=[t for t, _ in WARNING_SIGNS])
def test_a_warning_sign_of_suicide_gets_the_full_reply(text, sign):
    match = rule_match(text)
    assert match is not None and match.alone and match.sign == sign, match
    got = understand(text)
    assert got.crisis and got.crisis_kind == "suicide"


PRESENT_BESIDE_GRIEF = [
    "my husband died last year and i hope i don't wake up tomorrow",
    "mum died in the spring, i've been saving my tablets and there's enough now",
    "funeral was last week and i'm on the bridge now",
    "my dad died last year and i won't be around after tonight",
]


@pytest.mark.parametrize("text", PRESENT_BESIDE_GRIEF)
def test_grief_beside_a_warning_sign_does_not_quieten_it(text):
    assert rule_match(text).alone and understand(text).crisis


MEDICAL = [
    ("chest pain and my left arm is numb", "chest"),
    ("my dad has a tight chest and his jaw hurts", "chest"),
    ("i think i'm having a heart attack", "chest"),
    ("my mum's face has dropped on one side", "stroke"),
    ("grandad's speech is slurred and he can't lift his arm", "stroke"),
    ("his inhaler isn't working and he can't breathe", "breathing"),
    ("inhaler's empty and she's wheezing bad", "breathing"),
    ("my son's lips are going blue", "breathing"),
    ("my husband is unconscious", "unconscious"),
    ("mum won't wake up", "unconscious"),
    ("she's been fitting for 6 minutes", "fits"),
    ("my daughter just had her first fit", "fits"),
    ("my son's throat is swelling after eating nuts", "allergy"),
    ("stung by a wasp and now his lips are swelling", "allergy"),
    ("i'm 20 weeks pregnant and bleeding heavily", "bleeding"),
    ("the bleeding won't stop", "bleeding"),
    ("my baby is floppy and has a high temperature", "baby"),
    ("baby's not feeding and burning up, he's really floppy", "baby"),
    ("my toddler swallowed some of my tablets", "poisoning"),
    ("she's having a bad hypo and not making sense", "diabetes"),
    ("scalded my toddler with the kettle, skin is peeling off", "burns"),
    ("he fell and hit his head and now he's being sick and confused", "head-injury"),
    ("man collapsed on the pavement outside the shop", "unconscious"),
    ("need an ambulance now", "ambulance"),
]


@pytest.mark.parametrize(("text", "sign"), MEDICAL, ids=[t for t, _ in MEDICAL])
def test_a_medical_emergency_gets_the_medical_reply(text, sign):
    match = rule_match(text)
    assert match is not None and match.alone and match.sign == sign, match
    got = understand(text)
    assert got.crisis and got.crisis_kind == "medical"


def test_an_overdose_told_as_symptoms_gets_the_full_reply():
    got = understand("took loads of tablets now feel sick and dizzy")
    assert got.crisis and rule_match("took loads of tablets now feel sick and dizzy").alone


#: Twins the crisis model retrained on the grown corpus (eighth pass) alarms on: the classifier
#: alone at 0.96, over the alarm's 0.78. Kept as known regressions, strict so a mend shows.
RETRAINED = pytest.mark.xfail(strict=True, reason="eighth-pass retrain: a known regression")

TWINS = [
    ("my dad took 30 paracetamol years ago and he's fine now, any carers groups", "past"),
    ("years ago my husband had a stroke, his speech is still slurred, any carers support",
     "past"),
    ("overdosed on chocolate at christmas lol", "joke"),
    ("the gas bill nearly gave me a heart attack", "figure"),
    ("my gran passed away and we said goodbye at the funeral, is there bereavement support",
     None),
    ("this is my last message for today, thanks for the food bank list", None),
    ("my phone is on 2% so this is my last message, where is the pantry", None),
    pytest.param("i won't be around tomorrow for the delivery, can it come on friday", None,
                 marks=RETRAINED),
    pytest.param("we live by the railway line and the trains are so noisy", None,
                 marks=RETRAINED),
    ("my car broke down and the garage wants 300 quid", None),
    ("need help with rent for a flat on the edge of the city", None),
    ("bought a rope swing for the kids, any parks near LS12", None),
    ("no point waking up early, the jobcentre doesn't open till 9", None),
    ("my mum will have a fit when she sees the bill", None),
    ("my phone is about to die, quick what's the address", "weak"),
    ("is there a stroke survivors group near me", "weak"),
]


@pytest.mark.parametrize(("text", "why"), TWINS,
                         ids=[getattr(t, "values", t)[0] for t in TWINS])
def test_a_twin_in_the_past_grief_a_figure_or_a_joke_gets_no_full_reply(text, why):
    match = rule_match(text)
    assert (match is None) if why is None else (not match.alone and match.why_not == why)
    assert not understand(text).crisis


NOT_EMERGENCIES = [
    "toothache, need an emergency dentist", "i've got a cold and can't breathe through my nose",
    "need a GP", "pain in my knee for weeks", "can I get my prescription early, running out",
    "where can I get my repeat prescription", "chest infection, can i see a doctor",
    "my asthma is bad in the damp flat, need the landlord to fix it", "need a new inhaler",
    "my son has epilepsy, any support groups", "my dad had a stroke last year, need a carer",
    "can i get an epipen prescription", "bleeding gums, need a dentist",
    "baby has a temperature of 38, what do i do", "i'm diabetic, need help with food",
    "i'm 30 weeks pregnant and have had back pain for weeks", "hit my head on the cupboard",
    "my bunk bed collapsed", "i can't wake up in the mornings since starting nights",
    "do i need an ambulance for a sprained ankle or a walk in centre",
]


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_everyday_health_is_not_a_medical_emergency(text):
    match = rule_match(text)
    assert match is None or not match.alone, match
    assert understand(text).crisis_kind != "medical"


@pytest.mark.parametrize("text", ["my phone is about to die", "overdosed on netflix",
                                  "had chest pains last month", "we rang 999 about the car"])
def test_an_often_innocent_word_waits_for_the_classifier(text):
    match = rule_match(text)
    assert match is not None and not match.alone and match.why_not in ("weak", "past", "figure")


def test_three_tiers_decide_at_their_own_thresholds():
    shipped = assess_crisis("anything")
    low = min(shipped.rule_check_threshold, shipped.check_threshold)
    between = (shipped.rule_alarm_threshold + shipped.alarm_threshold) / 2
    present = replace(shipped, score=0.0, rule_kind="suicide", rule_alone=True)
    assert present.alarm
    weak = replace(shipped, score=between, rule_kind="medical", rule_doubt="weak")
    assert (weak.alarm, weak.check_in) == (True, False)
    quiet_weak = replace(weak, score=low)
    assert (quiet_weak.alarm, quiet_weak.check_in) == (False, True)
    doubted = replace(weak, rule_doubt="past", context_doubt="past")
    assert (doubted.alarm, doubted.check_in) == (False, True)
    # a rule its words doubt needs the classifier as sure as it must be alone beside them
    assert not replace(doubted, score=shipped.alarm_threshold).alarm
    assert replace(doubted, score=max(SURE_SCORE, shipped.alarm_threshold)).alarm


def _broken(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "signs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_sign_files_load_with_every_group():
    assert {s.name for s in warning_signs.SIGNS} >= {"goodbye", "giving-away", "not-around",
                                                     "tablets", "means", "not-waking"}
    assert {s.kind for s in medical.SIGNS} == {"medical"}
    assert {s.tier for s in medical.SIGNS} == {"present", "topic"}


@pytest.mark.parametrize(("text", "where"), [
    ("signs:\n  a: {kind: suicide, tier: present, patterns: ['(unclosed']}\n", "a.patterns[0]"),
    ("signs:\n  a: {kind: flood, tier: present, patterns: ['x']}\n", "a.kind"),
    ("signs:\n  a: {kind: suicide, tier: loud, patterns: ['x']}\n", "a.tier"),
    ("signs:\n  a: {kind: suicide, tier: present, patterns: ['{nope} x']}\n", "a.patterns[0]"),
    ("signs:\n  a: {kind: suicide, tier: present, patterns: ['Capital']}\n", "a.patterns[0]"),
    ("signs:\n  a: {kind: suicide, tier: present, patterns: ['x'], doubted_by: [sad]}\n",
     "a.doubted_by"),
    ("signs:\n  a: {kind: suicide, tier: present, patterns: ['x']}\n  a: {}\n", "written twice"),
])
def test_a_broken_signs_file_is_refused_naming_the_place(tmp_path, text, where):
    with pytest.raises(SignsError, match="signs.yaml") as error:
        load_signs(_broken(tmp_path, text))
    assert where in str(error.value)


@pytest.mark.parametrize("text", ["NO", "no it didn't help", "yes very useful thanks",
                                  "not really", "this is a practice message", "just testing",
                                  "test 123", "is this working", "sorry?", "what?",
                                  "You what?", "i dont understand", "option 3 please",
                                  "number 2", "how does this work?",
                                  "hows it work, do i just tell you what i need?"])
def test_no_check_in_on_an_answer_or_a_test(session, text):
    got = understand(text, lambda t: resolve_place(session, t))
    assert not got.crisis and not got.check_in


@pytest.mark.parametrize("text", ["how does this work?", "how do i use this", "just testing"])
def test_asking_how_the_bot_works_names_no_need(text):
    assert understand(text).needs == ()


def test_asking_how_the_bot_works_beside_a_crisis_still_gets_the_crisis_reply():
    assert understand("how does it work, i want to end it all").crisis


@pytest.mark.parametrize("text", ["i am not ok", "no i am not safe",
                                  "no one would even notice if i was gone",
                                  "sorry i want to die"])
def test_words_of_distress_are_not_taken_for_an_answer(text):
    got = understand(text)
    assert got.crisis or got.check_in


# --- end to end, through the conversation engine -----------------------------------------------

@pytest.fixture
def resident(shipped_engine):
    engine = build_engine(shipped_engine, "test-secret",
                          clock=FakeClock(dt.datetime(2026, 11, 23, 10, 0)))
    return Resident(engine, "+447700900123")


def test_no_after_was_this_useful_gets_no_safety_line(resident):
    resident.say("food near armley")
    assert "Was this useful?" in resident.text("1")
    answer = resident.text("NO")
    assert CHECK_IN_WORDS not in answer and "Thank you for telling us" in answer


def test_no_when_asked_where_gets_no_safety_line(resident):
    assert "Where are you?" in resident.text("food")
    assert CHECK_IN_WORDS not in resident.text("no")


def test_a_goodbye_gets_the_crisis_reply_first(resident):
    replies = resident.say("tell my kids i love them")
    assert copy.CRISIS_OPENING in replies[0].text and "116 123" in replies[0].text


def test_stroke_signs_get_an_ambulance_first_then_nhs_111(resident):
    first = resident.say("my dad's face has dropped on one side and his speech is slurred")[0]
    lines = first.text.splitlines()
    assert lines[0] == copy.CRISIS_MEDICAL_OPENING
    assert lines[1] == copy.CRISIS_MEDICAL_FIRST and lines[2].startswith("Ambulance (999)")
    assert lines.index(copy.CRISIS_MEDICAL_NOT_EMERGENCY) < next(
        i for i, line in enumerate(lines) if line.startswith("NHS 111"))


@pytest.mark.parametrize("text", ["i've got a cold and can't breathe through my nose",
                                  "my repeat prescription is stuck at the gp",
                                  "run out of my blood pressure tablets"])
def test_everyday_health_asks_the_classifier_to_be_sure(text):
    got = assess_crisis(text)
    assert got.rule_kind is None and got.context_doubt == "routine"
    assert got.alarm == (got.score >= max(got.alarm_threshold, ROUTINE_SCORE))


def test_everyday_health_never_quietens_a_rule():
    got = assess_crisis("i've got a cold and now my lips are going blue")
    assert got.rule_alone and got.alarm and got.kind == "medical"
