"""A place we do not know is said back (issue 23): "near Leeds Playhouse" is a name we lack, not
the whole city and not silence; "comes in next week" and "a letter from Leeds City Council"
name no place at all."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.messages import Channel, InboundMessage
from bot.understanding.unknown_place import place_words
from handlers.conversation import build_engine
from tests.clock import FakeClock

TUE_MORNING = dt.datetime(2026, 12, 8, 11, 0)


@pytest.mark.parametrize(("text", "words"), [
    ("hot food and a shower pls, sleeping rough near Leeds Zebedee", "Leeds Zebedee"),
    ("any help near leeds zebedee", ""),  # lower case, and no word that makes Leeds a name
    ("any help near leeds playhouse", "Leeds playhouse"),
    ("I am new in Leeds from Eritrea, need food", "Eritrea"),
    ("been in leeds since 2019, need debt help", ""),
    ("food bank near Zebedee Vale", "Zebedee Vale"),
    ("free food, broke til my loan comes in next week", ""),
    ("got a letter from Leeds City Council about arrears", ""),
    ("debt advice in Leeds please", ""),
    ("near Leeds and need food quick", ""),
    ("i can get there in two hours", ""),
])
def test_the_words_that_name_a_place_we_could_not_find(text, words):
    assert place_words(text) == words


def test_a_leeds_name_we_lack_is_said_back_before_asking_where(shipped_engine):
    engine = build_engine(shipped_engine, "test-secret", clock=FakeClock(TUE_MORNING))
    replies = engine.handle(InboundMessage(Channel.SMS, "07700 900140",
                                           "hot food pls, sleeping rough near Leeds Playhouse"))
    text = "\n".join(r.text for r in replies)
    assert "I don't know 'Leeds Playhouse'" in text, text
    assert "Where are you?" in text
