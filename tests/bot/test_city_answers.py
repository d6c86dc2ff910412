"""Leeds as the only place said (issue 23): answered at once for the whole city, with Leeds-wide
lines made for the ask first, then places near the city centre, saying "across Leeds" and
inviting a postcode for places nearer; "Leeds" in a life story still asks where. Whole
conversations through the engine on a fictional directory, imported as volunteers write it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.messages import Channel, InboundMessage
from bot.sms.gsm import is_gsm7, sms_size
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.support.fictional import fictional_bot

TUE_1100 = dt.datetime(2026, 12, 8, 11, 0)
SAT_0200 = dt.datetime(2026, 12, 12, 2, 0)
ACROSS = "Leeds Signpost: across Leeds"
NEARER = "Send a postcode or area for places nearer you."
ASK_PLACE = "Where are you?"


def _row(name: str, kinds: str, postcode: str = "", hours: str = "", area: str = "",
         phone: str = "01632 960100", description: str = "A fictional service.") -> str:
    address = "1 Example Street" if postcode else ""
    return (f"Example Trust,{name},{description},,{kinds},{address},{postcode},"
            f"{phone},,{hours},{area},Fictional test record,2026-11-01")


ROWS = (
    _row("Example Centre Food Bank", "food-parcel", "LS1 4DY", "Tue 10:00-14:00",
         phone="01632 960101"),
    _row("Example Otley Food Bank", "food-parcel", "LS21 1AA", "Tue 10:00-14:00",
         phone="01632 960102"),
    _row("Example Food Line", "food-parcel", area="city", phone="01632 960103"),
    _row("Example Debt Line", "debt-advice", area="city", phone="01632 960104"),
    _row("Example Night Line", "talk-now", area="city", phone="01632 960105",
         description="A fictional line open 24 hours."),
    _row("Example Health Line", "nhs-111", area="city", phone="01632 960106",
         description="A fictional line open 24 hours."),
    _row("Example Abuse Line", "domestic-abuse-support", area="city", phone="01632 960107",
         description="A fictional line open 24 hours."),
)


@pytest.fixture
def say(engine, tmp_path: Path):
    """The bot on a fictional directory: ``say(text, at, sender)`` gives the replies' text."""
    bot = fictional_bot(engine, tmp_path, ROWS)
    return lambda text, at=TUE_1100, sender="07700 900123": bot(text, at, sender)


def _names(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^\d+\) ([^.(]+)", text, re.MULTILINE)]


@pytest.mark.parametrize("text", ["food bank in leeds", "any food bank in Leeds?",
                                  "food bank anywhere in leeds", "food bank, leeds"])
def test_a_need_and_only_leeds_is_answered_at_once_for_the_whole_city(say, text):
    reply = say(text)
    assert ASK_PLACE not in reply
    lines = reply.splitlines()
    assert lines[0] == ACROSS and lines[-1] == NEARER, reply
    # The Leeds-wide line made for it first, then the place near the city centre; a food
    # bank in Otley is too far from the centre to list first (or at all on the first page).
    assert _names(reply)[:2] == ["Example Food Line", "Example Centre Food Bank"], reply
    assert "Example Otley Food Bank" not in reply
    assert "We don't list" not in reply  # a line made for it: no gap across Leeds
    assert is_gsm7(reply) and len(reply) <= 459


def test_a_postcode_after_the_city_answer_brings_places_near_it(say):
    say("food bank in leeds")
    reply = say("LS21 1AA")
    assert reply.splitlines()[0] == "Leeds Signpost: near LS21 1AA", reply
    assert _names(reply)[0] == "Example Otley Food Bank"
    assert NEARER not in reply


def test_a_helpline_at_2am_across_leeds_is_open_now(say):
    reply = say("need someone to talk to, it's 2am, leeds", SAT_0200)
    assert reply.splitlines()[0] == ACROSS, reply
    assert "Example Night Line" in reply and "Open 24 hours" in reply, reply
    assert reply.splitlines()[-1] == NEARER


@pytest.mark.parametrize("text", ["need someone to talk to its 2am",
                                  "cant sleep, need someone to talk to",
                                  "stressed out wi money, cant stop crying, who can I talk to",
                                  "im 15 and i dont have anyone to talk to"])
def test_someone_to_talk_to_with_no_place_is_answered_at_once_across_leeds(say, text):
    """A line answers anywhere: "Where are you?" first would only stand in the way."""
    reply = say(text, SAT_0200, sender="07700 900124")
    assert ASK_PLACE not in reply
    assert reply.splitlines()[0] == ACROSS, reply
    assert "Example Night Line" in reply


@pytest.mark.parametrize("text", ["run out of my tablets over the bank holiday, GP's shut",
                                  "toothache, face swelling up, no dentist, its Sunday"])
def test_a_health_line_with_no_place_is_answered_at_once_across_leeds(say, text):
    """NHS 111 answers anywhere; toothache with a swollen face is not an ambulance call."""
    reply = say(text, SAT_0200, sender="07700 900126")
    assert ASK_PLACE not in reply and "ambulance" not in reply, reply
    assert ACROSS in reply.splitlines()[:2], reply
    assert "Example Health Line" in reply


@pytest.mark.xfail(strict=True, reason="eighth-pass retrain, a known regression: 0.86, over "
                   "the alarm's 0.78, though safe at her mam's now")
def test_domestic_abuse_in_dialect_with_no_place_is_answered_across_leeds(say):
    reply = say("lads been lashing out at me, im at me mams now, safe, need advice what next",
                SAT_0200, sender="07700 900127")
    assert ASK_PLACE not in reply and reply.splitlines()[0] == ACROSS, reply
    assert "Example Abuse Line" in reply


def test_a_neighbouring_district_is_outside_leeds_not_an_unknown_place(say):
    reply = say("staying in Wakefield for now, need a food bank", sender="07700 900128")
    assert "I don't know" not in reply and "outside Leeds" in reply, reply
    road = say("food bank near Wakefield Road please", sender="07700 900129")
    assert "outside Leeds" not in road, road


def test_a_part_of_the_city_by_compass_asks_which_part_naming_a_few(say):
    reply = say("food bank south leeds", sender="07700 900130")
    assert "South Leeds is a big area" in reply and "Beeston, Middleton or Rothwell" in reply, reply
    assert "I don't know" not in reply, reply
    again = say("in north west leeds", sender="07700 900130")
    assert "North West Leeds is a big area" in again and "Headingley" in again, again


def test_other_needs_with_no_place_still_ask_where(say):
    assert ASK_PLACE in say("food bank please", sender="07700 900125")


def test_only_leeds_first_says_across_leeds_and_asks_the_need_then_answers(say):
    reply = say("leeds")
    assert "Across Leeds. What can we help you find?" in reply, reply
    reply = say("debt advice")
    assert reply.splitlines()[0] == ACROSS and _names(reply)[0] == "Example Debt Line", reply


def test_leeds_in_answer_to_where_are_you_is_the_whole_city(say):
    assert ASK_PLACE in say("food bank")
    reply = say("leeds")
    assert reply.splitlines()[0] == ACROSS and reply.splitlines()[-1] == NEARER, reply


@pytest.mark.parametrize("text", ["lived in leeds 10 years, need a food bank",
                                  "moved to leeds, need a food bank",
                                  "food bank, I go to Leeds Playhouse",
                                  "leeds united lost again, need a food bank"])
def test_leeds_in_a_life_story_or_a_name_still_asks_where(say, text):
    reply = say(text)
    assert ASK_PLACE in reply and ACROSS not in reply, reply


def test_a_leeds_name_that_is_a_landmark_we_know_is_that_place(say):
    """"I study at Leeds Beckett" is not the whole city, and it is somewhere we know."""
    reply = say("food bank, I study at Leeds Beckett", sender="07700 900134")
    assert "near Leeds Beckett University" in reply and ACROSS not in reply, reply


def test_in_polish_the_city_answer_is_one_text_and_the_invite_never_pushes_it_into_two(
        engine, say):
    bot = build_engine(engine, "test-secret", clock=FakeClock(TUE_1100))
    replies = bot.handle(InboundMessage(Channel.SMS, "07700 900124", "food bank in leeds",
                                        language="pl"))
    assert len(replies) == 1, [r.text for r in replies]
    assert replies[0].language == "pl" and replies[0].text.startswith("Leeds Signpost: ")
    assert sms_size(replies[0].text).segments <= 3


@pytest.mark.parametrize("text", ["payday loan lot texting me every day, need advice",
                                  "what do i do about a county court judgement letter"])
def test_help_a_line_gives_with_no_place_is_answered_at_once_across_leeds(say, text):
    """Debt advice is given by phone wherever you are: the Leeds-wide line at once, and a word
    that an area brings places nearer, not "Where are you?" first."""
    reply = say(text, sender="07700 900130")
    assert ASK_PLACE not in reply, reply
    lines = reply.splitlines()
    assert lines[0] == ACROSS and lines[-1] == NEARER, reply
    assert _names(reply)[0] == "Example Debt Line", reply


def test_help_a_line_gives_still_asks_where_when_no_such_line_is_listed(say):
    """Grief support is help a line gives, but this directory lists no line for it: where?"""
    assert ASK_PLACE in say("grief counselling that doesnt cost anything",
                            sender="07700 900131")


def test_help_a_line_gives_near_a_place_we_do_not_know_says_so_and_answers_across_leeds(say):
    """"I don't know 'X'", then the Leeds-wide line meanwhile, rather than only asking again."""
    reply = say("payday loan texts every day, need debt advice near Zebedee Vale",
                sender="07700 900132")
    assert "I don't know 'Zebedee Vale'" in reply and ASK_PLACE not in reply, reply
    assert ACROSS in reply and "Example Debt Line" in reply and reply.endswith(NEARER)
    # A food bank is a place: a place we do not know is still asked again.
    food = say("food bank near Zebedee Vale", sender="07700 900133")
    assert "I don't know 'Zebedee Vale'" in food and ASK_PLACE in food, food
