"""Kinds of help the tenth pass reads where the words say them, and look-alikes it must not
(issue 23): found on the ninth development scenarios, which are readable data."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.understanding.kinds import Timing, read_kinds, read_timing
from bot.understanding.message import understand


@pytest.mark.parametrize(("text", "kind"), [
    ("hungry no money Briggate", "hot-meal"),
    ("got £2, food for the week?", "food-parcel"),
    ("any warm places open on boxing day?", "warm-space"),
    ("where can i go tonight, my dad's drunk again", "housing-tonight"),
    ("i'm 17 and it's not safe to go home", "housing-tonight"),
    ("the council put us in a B&B three months ago, can I challenge it?", "homelessness-advice"),
    ("still in temporary accommodation after a year", "homelessness-advice"),
    ("free school meals - how do i apply? just lost my job", "benefits-advice"),
    ("my husband gambles all our money, is there help for him", "addiction"),
    ("condemned boiler and the landlord says a few weeks", "repairs-damp"),
    ("radiators cold, boiler showing an error, landlord not answering", "repairs-damp"),
    ("front door won't lock since someone kicked it in", "repairs-damp"),
    ("think i might be pregnant, where can i go", "sexual-health"),
    ("she rented from the council, can they make us leave now she's gone?", "eviction-advice"),
    ("need clean needles", "addiction"),
    ("been using again and stealing to pay for it", "addiction"),
    ("council said they'll find us temp accommodation, nobody rang back", "homelessness-advice"),
    ("someone i can ring about my son's behaviour, he's 13 and out of control", "parenting"),
    ("locked out by the landlord, stood outside with my suitcase", "housing-tonight"),
    ("no heating or hot water for 5 days and the landlord won't fix it", "repairs-damp"),
    ("housing association still not fixed the boiler, no hot water", "repairs-damp"),
])
def test_tenth_pass_kinds_are_read_where_the_words_say_them(text, kind):
    assert read_kinds(text)[0] == kind


def test_tenth_pass_look_alikes_are_not_read_as_the_kind():
    # Waiting for an engineer is not waiting for money; no heating for want of credit is a
    # bill, not a repair; going out tonight is not asking for a bed.
    assert "crisis-grant" not in read_kinds("the engineer can't come till Monday")
    assert "crisis-grant" in read_kinds("skint till Friday")
    assert "repairs-damp" not in read_kinds("no heating, the meter has run out")
    assert "housing-tonight" not in read_kinds("is the youth club on tonight, can we go")
    assert "homelessness-advice" not in read_kinds("bed and breakfast club at school for my son")
    # moving into temporary accommodation is the story; the baby bank is the ask
    assert read_kinds("baby bank? pregnant and moving into temporary accommodation") == (
        "baby-items",)
    assert "benefits-advice" not in read_kinds("does the holiday club give free school meals")
    # a kettle job is a chore, not work
    assert "job-help" not in read_kinds("bath tonight is a kettle job, any fuel bank")
    assert "job-help" in read_kinds("any job going in Armley")
    # where the writer helps is not what is asked
    said = "I volunteer at a lunch club; one of our regulars says her electric is being cut off"
    assert read_kinds(said) == ("energy-bills",)
    assert read_kinds("i work at a food bank, where can a man sleeping rough go") == (
        "homelessness-advice",)
    assert read_kinds("any lunch club in Wetherby")[0] == "hot-meal"


def test_being_hungry_with_no_money_leads_with_food():
    # "no money" names a crisis grant; being hungry is what the resident wants help with now.
    read = understand("hungry no money Briggate")
    assert read.answer_needs[0] == "food"


def test_sat_as_a_verb_is_not_saturday():
    christmas_eve_night = dt.datetime(2026, 12, 24, 22, 15)
    timing = read_timing("it's christmas eve and i'm sat in the dark. no electric",
                         christmas_eve_night, "energy")
    assert timing == Timing(urgent=True, day=None)
    assert read_timing("we were sat waiting for ages", christmas_eve_night).day is None
    assert read_timing("food bank open sat?", christmas_eve_night).day == dt.date(2026, 12, 26)
    assert read_timing("anything on sat morning", christmas_eve_night).day == dt.date(2026, 12, 26)


@pytest.mark.parametrize(("text", "urgent"), [
    ("absolutely nothing in, not even milk, youngest is 2", True),
    ("kids not had a proper meal all weekend, I've got 60p", True),
    ("lost my purse, nothing left for food or my top up", True),
    ("got £2 till friday, any food bank", True),
    ("i have £50 saved for a cooker, any cheap ones", False),
    ("got 5 quid a week for food, cooking on a budget classes?", False),
    ("not had a chance to ring the council yet", False),
    ("i have 2 kids and need a food bank", False),
])
def test_nothing_in_now_is_urgent(text, urgent):
    wednesday_teatime = dt.datetime(2026, 12, 9, 17, 45)
    assert read_timing(text, wednesday_teatime, "food").urgent is urgent


@pytest.mark.parametrize(("text", "kinds"), [
    # a review's look-alikes: notice, a sale or an ending tenancy keep eviction advice beside a
    # repair; everyday scenes with bags are not a bed tonight; "made me leave" the house or the
    # library is not an eviction; a volunteer who needs one too is asking
    ("the landlord gave me notice after I complained about the damp",
     ("eviction-advice", "repairs-damp")),
    ("my landlord is selling up, and the boiler is broken", ("eviction-advice", "repairs-damp")),
    ("my tenancy is ending and there's damp", ("eviction-advice", "repairs-damp")),
    ("the landlord knows, no heating for 5 days", ("repairs-damp", "energy-bills")),
    ("standing in the queue with my bags of shopping", ()),
    ("I'm sat at home with my things, can't afford the gas", ("energy-bills",)),
    ("security made us leave the library, where is warm", ()),
    ("I volunteer at a food bank but now I need one myself", ("food-parcel",)),
    ("I work 10 hours a week and need more hours", ("job-help",)),
    ("we've been moved into temporary accommodation, it's freezing", ("homelessness-advice",)),
    ("I dont feel safe going home tonight", ("housing-tonight",)),
])
def test_review_look_alikes(text, kinds):
    assert read_kinds(text) == kinds


@pytest.mark.parametrize(("text", "day"), [
    ("is the food bank open sat in Armley", dt.date(2026, 12, 12)),
    ("food bank sat at 10?", dt.date(2026, 12, 12)),
    ("any hot meals sat down Harehills", dt.date(2026, 12, 12)),
    ("we were sat in the cold all night, any warm space", None),
])
def test_sat_as_saturday_and_sat_as_sitting(text, day):
    assert read_timing(text, dt.datetime(2026, 12, 9, 17, 45), "food").day == day


@pytest.mark.parametrize("text", [
    "I have not had anything from universal credit, can I see someone on Monday",
    "I've got nothing in writing, can I get advice on Monday about my tenancy",
    "I have 2 left",
])
def test_words_like_nothing_in_now_that_are_not(text):
    assert not read_timing(text, dt.datetime(2026, 12, 9, 17, 45), "money").urgent
