"""Issue 24: rules that know context, medical emergencies, and a check-in line that is rare."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.understanding import embed
from bot.understanding.message import understand
from bot.understanding.safety import assess_crisis, rule_match
from bot.wording import copy
from bot.wording.crisis import crisis_reply
from directory.places import resolve_place
from webhooks import create_app
from webhooks.cli.conversation import understand_lines
from webhooks.services import services

DATA = Path(__file__).parent / "data"
PRESENT = yaml.safe_load((DATA / "crisis_present_near_miss.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("item", PRESENT["crisis"], ids=[c["text"] for c in PRESENT["crisis"]])
def test_a_present_crisis_beside_a_past_or_a_joke_gets_the_full_reply(item):
    got = assess_crisis(item["text"])
    assert got.alarm and got.kind == item["kind"]


@pytest.mark.parametrize(("text", "why"), [
    ("my dad died by suicide, is there a group for families", "bereavement"),
    ("i was abused as a child and want counselling now", "past"),
    ("lol if i get one more parking ticket im going to kill myself", "joke"),
    ("the bailiffs letter nearly gave me a heart attack", "figure"),
])
def test_a_rule_in_the_past_grief_or_a_joke_does_not_alarm_alone(text, why):
    match = rule_match(text)
    assert match is not None and not match.alone and match.why_not == why


@pytest.mark.parametrize("text", [
    "is there a domestic abuse support group in leeds",
    "the gas bill nearly gave me a heart attack",
    "cant go on the school trip",
])
def test_a_topic_word_or_figure_of_speech_is_no_full_reply(text):
    assert not assess_crisis(text).alarm


@pytest.mark.parametrize("text", [
    "chest pain and my left arm has gone numb", "my husband collapsed and wont wake up",
    "baby swallowed a button battery", "pregnant and bleeding heavily",
])
def test_a_medical_emergency_is_its_own_crisis_kind(text):
    assert assess_crisis(text).kind == "medical"


def test_the_medical_reply_leads_with_an_ambulance_then_nhs_111():
    lines = crisis_reply("medical").text.splitlines()
    assert lines[1] == copy.CRISIS_MEDICAL_FIRST and "999" in lines[1] and "ambulance" in lines[1]
    assert lines[2].startswith("Ambulance (999)")
    assert lines[3] == copy.CRISIS_MEDICAL_NOT_EMERGENCY and lines[4].startswith("NHS 111")


@pytest.mark.parametrize("text", ["no", "NO", "yes", "ok", "thanks", "2", "1", "STOP", "NEW",
                                  "MORE", "BACK", "Armley", "armley", "in seacroft", "LS9"])
def test_no_check_in_on_a_reply_a_keyword_or_a_place_alone(session, text):
    got = understand(text, lambda t: resolve_place(session, t))
    assert not got.crisis and not got.check_in


def test_a_menu_number_or_keyword_skips_the_classifier():
    assert understand("2").crisis_score == 0.0
    assert understand("STOP").crisis_score == 0.0


@pytest.mark.slow
def test_the_check_in_line_is_rare_on_everyday_needs_messages():
    items = yaml.safe_load((DATA / "needs_heldout.yaml").read_text(encoding="utf-8"))["items"]
    ordinary = [i["text"] for i in items if "domestic-abuse" not in i["needs"]]
    checked = [t for t in ordinary if understand(t).check_in]
    assert len(checked) / len(ordinary) <= 0.05, checked


def test_embeddings_read_meaning():
    a, b, c = (embed.embed(t) for t in ("i have nothing to eat", "the cupboards are empty and "
                                       "im starving", "my boiler is broken"))
    assert a.shape == (embed.DIMENSION,) and abs(float(np.linalg.norm(a)) - 1) < 1e-4
    assert float(a @ b) > float(a @ c)


def test_a_file_with_the_wrong_checksum_is_refused(tmp_path):
    fake = tmp_path / "tokenizer.json"
    fake.write_text("{}")
    with pytest.raises(RuntimeError, match="refusing"):
        embed._checked(fake, embed.TOKENIZER_SHA256)


@pytest.mark.slow
def test_batch_understanding_writes_one_object_a_line(shipped_db_url, tmp_path):
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret"})
    lines = ["need a food bank in armley", "", "chest pain and my arm is numb", "STOP"]
    out = io.StringIO()
    try:
        assert understand_lines(app, [f"{line}\n" for line in lines], out) == 4
    finally:
        services(app).database.dispose()
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [g["need"] for g in got][:1] == ["food"] and got[0]["location"] is not None
    assert got[2]["crisis_kind"] == "medical" and got[3]["keyword"] == "stop"
    assert set(got[1]) == set(understand("x").to_dict())
