"""The crisis check: every sign of danger is caught, everyday idioms mostly are not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.understanding.normalise import normalise
from bot.understanding.safety import CRISIS_KINDS, assess_crisis, crisis_kind, is_crisis

DATA = Path(__file__).parent / "data" / "crisis_train.yaml"

# On the TRAINING messages (the model has seen them; tests/test_heldout.py has the honest
# figures), measured 2026-11-29: safety numbers for 1.000 of crises; full alarm on 0.025 of the
# rest; kind right for 0.943 of the crises that raise the full alarm.
MAX_FALSE_ALARM_RATE = 0.03
MIN_KIND_ACCURACY = 0.92


def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


MUST_CATCH = [
    ("i want to die", "suicide"),
    ("wanna kill myself", "suicide"),
    ("kms", "suicide"),
    ("end it all", "suicide"),
    ("no point living", "suicide"),
    ("cant go on", "suicide"),
    ("thinking about an overdose", "suicide"),
    ("took all my pills", "suicide"),
    ("going to jump", "suicide"),
    ("suicidal", "suicide"),
    ("sucidal", "suicide"),
    ("gonna kil myself", "suicide"),
    ("I WANT TO DIEEEE", "suicide"),
    ("i cant take it anymore", "suicide"),
    ("cutting myself", "self-harm"),
    ("self harm", "self-harm"),
    ("self-harm", "self-harm"),
    ("hurt myself", "self-harm"),
    ("he's going to kill me", "danger"),
    ("hes gonna kill me", "danger"),
    ("i'm not safe", "danger"),
    ("im not safe", "danger"),
    ("someone is hurting me", "abuse"),
    ("being abused", "abuse"),
    ("he hit me", "abuse"),
    ("he hits me", "abuse"),
]


@pytest.mark.parametrize(("text", "kind"), MUST_CATCH, ids=[t for t, _ in MUST_CATCH])
def test_a_sign_of_crisis_is_caught_with_its_kind(text, kind):
    assert is_crisis(text)
    assert crisis_kind(text) == kind


EVERYDAY = [
    "killing time",
    "dying for a brew",
    "my phone died",
    "kill the lights",
    "this heat is killing me",
    "he hit me up on whatsapp",
    "i nearly killed myself laughing",
    "cant go on the school trip",
    "overdue bill",
    "need help with a crisis loan",
    # A disrepair complaint. "my house isnt safe, the ceiling is coming down" stood here until
    # the eighth pass: read literally it is a ceiling falling now, and the model trained on the
    # development rounds (a fresh writer's "the ceiling's just collapsed on my mum") answers it
    # with the crisis reply; the complaint with its cause and its ask stays ordinary.
    "the ceiling is coming down with the damp, landlord wont fix it",
    "i want to end my tenancy",
    "i took my tablets this morning",
    "i jumped on the bus into town",
    "dog grooming near me",
]


@pytest.mark.parametrize("text", EVERYDAY, ids=EVERYDAY)
def test_an_everyday_idiom_is_not_a_crisis(text):
    assert not is_crisis(text)
    assert crisis_kind(text) is None


@pytest.mark.parametrize("text", ["", "   ", "?", "hello", "food bank near LS9", "\U0001f600"])
def test_ordinary_or_empty_messages_are_not_a_crisis(text):
    assert crisis_kind(text) is None


def test_the_crisis_check_runs_on_messages_that_also_ask_for_something():
    assert crisis_kind("im suicidal and skint, need a food bank") == "suicide"
    assert crisis_kind("he hits me and i need somewhere to stay") == "abuse"


NORMALISED = [
    ("I'm NOT ok!!!", "i am not ok"),
    ("can't", "cannot"),
    ("cant", "cannot"),
    ("wanna", "want to"),
    ("u ok hun?", "you ok hun"),
    ("he's gonna", "he is going to"),
    ("he\u2019ll kill me", "he will kill me"),
    ("sooooo cold", "soo cold"),
    ("self-harm", "self harm"),
    ("nowt in", "nothing in"),
]


@pytest.mark.parametrize(("typed", "expected"), NORMALISED, ids=[t for t, _ in NORMALISED])
def test_normalise_evens_out_spelling(typed, expected):
    assert normalise(typed) == expected


def test_the_labelled_set_is_big_and_well_formed():
    data = _data()
    assert len(data["crisis"]) >= 80
    assert len(data["non_crisis"]) >= 60
    assert {item["kind"] for item in data["crisis"]} == set(CRISIS_KINDS)


@pytest.mark.slow
def test_every_training_crisis_gets_the_safety_numbers():
    missed = [item["text"] for item in _data()["crisis"]
              if not (assess_crisis(item["text"]).alarm or assess_crisis(item["text"]).check_in)]
    assert missed == []


@pytest.mark.slow
def test_labelled_crises_get_the_right_kind():
    crisis = [c for c in _data()["crisis"] if is_crisis(c["text"])]
    wrong = [(c["text"], c["kind"], crisis_kind(c["text"])) for c in crisis]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert 1 - len(wrong) / len(crisis) >= MIN_KIND_ACCURACY, wrong


def test_the_classifier_raises_the_alarm_on_its_own():
    """Wordings no pattern names: the score alone decides."""
    text = "he broke my arm and made me say i fell"
    assessment = assess_crisis(text)
    assert assessment.rule_kind is None and assessment.alarm, assessment
    assert assessment.score >= assessment.alarm_threshold


def test_a_middling_score_earns_a_check_in_not_the_alarm():
    shipped = assess_crisis("anything")
    middling = (shipped.check_threshold + shipped.alarm_threshold) / 2
    assessment = replace(shipped, score=middling, rule_kind=None, context_doubt=None)
    assert assessment.check_in and not assessment.alarm


@pytest.mark.slow
def test_look_alikes_rarely_raise_a_false_alarm():
    non_crisis = _data()["non_crisis"]
    alarms = [text for text in non_crisis if is_crisis(text)]
    assert len(alarms) / len(non_crisis) <= MAX_FALSE_ALARM_RATE, alarms
