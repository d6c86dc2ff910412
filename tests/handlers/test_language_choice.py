"""The conversation's language (issue 29): Telegram's language_code as a hint, LANG and a pick,
the one-tap question when a guess is unsure, and what NEW, STOP and FORGET keep."""

from __future__ import annotations

import datetime as dt

import pytest
from telegram import Bot, Update

from bot.messages import Channel, InboundMessage
from bot.records import store
from bot.steps import Step
from bot.wording import copy
from bot.wording.i18n import current_language, speaking
from core.db import session_scope
from directory.places import resolve_place
from handlers import language
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.fake_telegram import callback_update, text_update
from webhooks.telegram import read_update

NOW = dt.datetime(2026, 11, 23, 10, 0)
SECRET = "test-secret"


@pytest.fixture
def engine(shipped_engine):
    return build_engine(shipped_engine, SECRET, clock=FakeClock(NOW))


def said(engine, text, sender="7700900001", channel=Channel.TELEGRAM, **extra) -> list:
    return engine.handle(InboundMessage(channel, sender, text, **extra))


def polish(name: str) -> str:
    with speaking("pl"):
        return getattr(copy, name)


def test_the_apps_language_is_a_hint_used_until_the_resident_chooses(engine):
    [hello] = said(engine, "hi", language_hint="pl-PL")
    assert hello.language == "pl" and hello.text.startswith(polish("HELLO"))
    said(engine, "LANG", language_hint="pl-PL")
    [chosen] = said(engine, "1", language_hint="pl-PL")  # 1 English
    assert chosen.language == "en" and chosen.text.startswith("OK, we will write in English.")
    [menu] = said(engine, "NEW", language_hint="pl-PL")
    assert menu.language == "en"  # a choice outweighs the app's language


def test_an_apps_language_we_do_not_have_leaves_english(engine):
    [hello] = said(engine, "hi", language_hint="de-DE")
    assert hello.language == "en" and hello.text.startswith("Hi, this is Leeds Signpost")


def test_telegram_updates_carry_the_apps_language_as_a_hint():
    bot = Bot("7700900:TEST-token-for-the-fake-server")
    message = text_update(1, 7700900123, "hi")
    message["message"]["from"]["language_code"] = "fa"
    assert read_update(Update.de_json(message, bot)).message.language_hint == "fa"
    press = callback_update(2, 7700900123, "1")
    press["callback_query"]["from"]["language_code"] = "ar"
    assert read_update(Update.de_json(press, bot)).message.language_hint == "ar"
    plain = text_update(3, 7700900123, "hi")
    del plain["message"]["from"]["language_code"]
    assert read_update(Update.de_json(plain, bot)).message.language_hint is None


def test_new_and_stop_keep_the_language_and_forget_forgets_it(engine):
    sender = "+447700900002"
    said(engine, "hi", sender, Channel.SANDBOX, language="ro")
    assert said(engine, "NEW", sender, Channel.SANDBOX)[0].language == "ro"
    assert said(engine, "STOP", sender, Channel.SANDBOX)[0].language == "ro"
    assert said(engine, "START", sender, Channel.SANDBOX)[0].language == "ro"
    assert said(engine, "FORGET", sender, Channel.SANDBOX)[0].language == "ro"
    assert said(engine, "hi", sender, Channel.SANDBOX)[0].language == "en"


def _waiting_for_a_pick(database, sender: str, choices: list[str], **state) -> None:
    """The conversation as the one-tap question leaves it (``handlers.language.confirm``)."""
    key = store.sender_key(SECRET, Channel.SMS.value, sender)
    with session_scope(database) as session:
        place = resolve_place(session, "LS9 8RU").to_dict()
        saved = store.ConversationState(step=Step.ASK_LANGUAGE, language_choices=choices,
                                        resume=Step.START.value, need="food", place=place,
                                        **state)
        store.save_state(session, Channel.SMS.value, key, saved, FakeClock(NOW)(), 0)


def test_one_tap_picks_the_guessed_language_and_carries_on_with_the_need_and_place(
        engine, shipped_engine):
    _waiting_for_a_pick(shipped_engine, "+447700900003", ["pl", "en"])
    replies = said(engine, "1", "+447700900003", Channel.SMS)
    assert [r.language for r in replies] == ["pl"] * len(replies)
    assert replies[0].text == polish("LANGUAGE_CHOSEN")
    with speaking("pl"):
        assert replies[1].text.startswith(copy.near("LS9 8RU"))  # results, in Polish


def test_one_tap_can_keep_the_language_as_it_was(engine, shipped_engine):
    _waiting_for_a_pick(shipped_engine, "+447700900004", ["pl", "en"])
    replies = said(engine, "English", "+447700900004", Channel.SMS)
    assert replies[0].text.startswith("OK, we will write in English.")
    assert replies[1].text.startswith("Leeds Signpost: near LS9 8RU")


def test_something_else_than_a_pick_asks_again_in_one_tap(engine, shipped_engine):
    _waiting_for_a_pick(shipped_engine, "+447700900005", ["ar", "en"])
    [again] = said(engine, "what", "+447700900005", Channel.SMS)
    assert again.text == "العربية? 1 العربية, 2 English" and again.language == "mul"
    assert again.choices == ("العربية", "English")


def test_the_detection_hook_reads_the_message_and_a_postcode_alone_keeps_the_hint():
    """The one place detection plugs in: sure of a sentence, never moved by a postcode."""
    guess = language.detect("potrzebuję jedzenia LS9", None)
    assert (guess.code, guess.sure) == ("pl", True)
    alone = language.detect("LS9 8RU", "ar")
    assert (alone.code, alone.sure) == ("ar", False)


def test_a_message_without_accents_is_asked_without_them_and_the_plain_name_picks(engine):
    """"nu" by SMS: the question is GSM-7 ("Romana?"), one cheap segment, and "romana" picks."""
    [question] = said(engine, "nu", "+447700900006", Channel.SMS)
    assert question.text == "Romana? 1 Romana, 2 English" and question.language == "mul"
    assert question.choices == ("Română", "English")  # buttons keep the own names
    [chosen, *_] = said(engine, "romana", "+447700900006", Channel.SMS)
    assert chosen.language == "ro" and chosen.text.startswith(in_romanian("LANGUAGE_CHOSEN"))


def test_a_message_with_accents_is_asked_with_them(engine):
    [question] = said(engine, "dă", "+447700900007", Channel.SMS)
    assert question.text == "Română? 1 Română, 2 English"


def in_romanian(name: str) -> str:
    with speaking("ro"):
        return getattr(copy, name)


def test_a_turns_language_ends_with_the_turn(engine):
    """A Polish turn leaves the worker's thread in English for whatever it does next."""
    [hello] = said(engine, "hi", "+447700900008", Channel.SMS, language_hint="pl-PL")
    assert hello.language == "pl"
    assert current_language() == "en"
