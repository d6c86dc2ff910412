"""The engine through whole conversations on a real database: state, expiry, privacy, counts."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import func, select

from bot.messages import Channel, GeoPoint
from bot.records.dedupe import ProcessedMessage
from bot.records.store import ConversationRow, FeedbackCount, NeedCount, OptOutRow
from bot.sms.gsm import sms_size
from core.db import session_scope
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.support.resident import Resident

NOW = dt.datetime(2026, 11, 23, 10, 0)


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def engine(shipped_engine, clock):
    return build_engine(shipped_engine, "test-secret", clock=clock)


def say(engine, text, sender="07700 900001", channel=Channel.SMS, location=None,
        message_id=None, pretend=None):
    return Resident(engine, sender, channel).say(text, location, message_id, pretend)


def texts(replies):
    return "\n".join(r.text for r in replies)


def count(db, model):
    with session_scope(db) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_state_lives_in_the_database_not_in_the_process(shipped_engine, clock):
    say(build_engine(shipped_engine, "test-secret", clock=clock), "food")
    # A different engine object (as in another gunicorn worker) carries the conversation on.
    replies = say(build_engine(shipped_engine, "test-secret", clock=clock), "LS9 8RU")
    assert "near LS9 8RU" in texts(replies)


def test_a_quiet_conversation_expires_and_the_resident_is_greeted_afresh(engine, clock):
    say(engine, "food")
    clock.advance(hours=4)
    replies = say(engine, "LS9 8RU")
    assert "Hi again" in texts(replies)
    assert "near LS9 8RU" not in texts(replies)


@pytest.mark.parametrize("pretend", [dt.datetime(2026, 1, 5, 10, 0), dt.datetime(2030, 6, 1, 9),
                                     dt.datetime(2026, 11, 23, 9, 59)])
def test_a_pretend_time_only_moves_opening_hours_never_the_conversation(engine, pretend):
    """A volunteer trying last Monday morning (or a summer day years ahead) keeps the thread."""
    assert "Where are you?" in texts(say(engine, "food", pretend=pretend))
    assert "near LS9 8RU" in texts(say(engine, "LS9 8RU", pretend=pretend))


def test_purging_follows_the_engine_clock(engine, clock, shipped_engine):
    say(engine, "food", sender="quiet one")
    say(engine, "food", sender="busy one")
    assert count(shipped_engine, ConversationRow) == 2
    clock.advance(hours=2)
    say(engine, "LS9 8RU", sender="busy one")
    assert count(shipped_engine, ConversationRow) == 2  # nobody is past the 3 hours yet
    clock.advance(hours=1, minutes=30)
    say(engine, "MORE", sender="busy one")  # housekeeping runs as messages arrive
    assert count(shipped_engine, ConversationRow) == 1


@pytest.mark.parametrize("start", [
    NOW,  # winter: London is on UTC
    dt.datetime(2026, 7, 15, 14, 0),  # British Summer Time
    dt.datetime(2026, 3, 29, 0, 30),  # the clocks go forward at 01:00 GMT
    dt.datetime(2026, 10, 25, 0, 30),  # the clocks go back at 02:00 BST
])
def test_expiry_is_three_real_hours_in_summer_and_across_clock_changes(engine, clock, start):
    clock.set(start)
    say(engine, "food")
    clock.advance(hours=2, minutes=55)
    assert "near LS9 8RU" in texts(say(engine, "LS9 8RU"))
    say(engine, "NEW")
    say(engine, "food")
    clock.advance(hours=3, minutes=5)
    assert "Hi again" in texts(say(engine, "LS9 8RU"))


def test_shared_location_gives_results(engine):
    say(engine, "food", channel=Channel.TELEGRAM, sender="12345")
    replies = say(engine, "", channel=Channel.TELEGRAM, sender="12345",
                  location=GeoPoint(53.792462, -1.52329))
    assert "near your location" in texts(replies)


def test_first_reply_is_results_when_need_and_place_come_together(engine):
    replies = say(engine, "any food banks near ls9 8ru")
    assert len(replies) == 1
    assert replies[0].text.startswith("Leeds Signpost: near LS9 8RU")


def test_food_answers_offer_one_money_option(engine):
    first_page = texts(say(engine, "food near LS9 8RU"))
    assert first_page.count("Money worries?") == 1
    assert all(f"{n})" in first_page for n in (1, 2, 3))


def test_several_needs_in_one_message_are_all_answered(engine):
    replies = say(engine, "skint and need food, near LS9 8RU")
    text = texts(replies) + texts(say(engine, "MORE")) + texts(say(engine, "MORE"))
    assert "Money advice:" in text and "Food support:" in text


def test_crisis_is_answered_first_at_every_step(engine):
    steps = ["hi", "6", "NEW", "food", "LS9 8RU", "MORE"]
    for n in range(len(steps) + 1):
        sender = f"crisis-{n}"
        for text in steps[:n]:
            say(engine, text, sender=sender)
        replies = say(engine, "i want to kill myself", sender=sender)
        assert "116 123" in replies[0].text, f"after {steps[:n]}"
        assert "999" in replies[0].text


def test_crisis_is_answered_even_after_stop(engine):
    say(engine, "STOP")
    assert say(engine, "food") == []
    assert "116 123" in texts(say(engine, "i am going to end my life tonight"))


def test_forget_deletes_every_row_about_the_sender(engine, shipped_engine):
    say(engine, "food", message_id="m1")
    say(engine, "LS9 8RU", message_id="m2")
    say(engine, "STOP", message_id="m3")
    say(engine, "START", message_id="m4")
    say(engine, "food", sender="someone else", message_id="m5")
    replies = say(engine, "FORGET", message_id="m6")
    assert "deleted everything" in texts(replies)
    with session_scope(shipped_engine) as session:
        remaining = session.scalars(select(ConversationRow.sender_hash)).all()
        processed = session.execute(select(ProcessedMessage.message_id,
                                           ProcessedMessage.sender_hash)).all()
        assert len(remaining) == 1  # only "someone else"
        # m6 (the FORGET) is kept under no one's name, so a redelivery is answered once.
        assert sorted(m for m, _ in processed) == ["m5", "m6"]
        assert dict(processed)["m6"] == ""
        assert session.scalar(select(func.count()).select_from(OptOutRow)) == 0


def test_forget_works_after_stop_and_the_resident_is_new_again(engine, shipped_engine):
    say(engine, "food", message_id="m1")
    say(engine, "LS9 8RU", message_id="m2")
    say(engine, "STOP", message_id="m3")
    assert say(engine, "food", message_id="m4") == []
    replies = say(engine, "FORGET", message_id="m5")
    assert "STOP too" in texts(replies)
    with session_scope(shipped_engine) as session:
        for model in (ConversationRow, OptOutRow):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        assert session.execute(select(ProcessedMessage.message_id,
                                      ProcessedMessage.sender_hash)).all() == [("m5", "")]
    assert "What can we help you find?" in texts(say(engine, "hello", message_id="m6"))


def test_sender_is_stored_only_as_a_keyed_hash(engine, shipped_engine):
    say(engine, "food", sender="+447700900123")
    with session_scope(shipped_engine) as session:
        row = session.scalars(select(ConversationRow)).one()
    assert "7700900123" not in row.sender_hash + row.data
    assert "food" not in row.data.replace('"need":"food"', "")  # the need, never the text


def test_same_message_id_runs_once_and_gets_the_same_answer(engine, shipped_engine):
    first = say(engine, "food", message_id="SM1")
    second = say(engine, "food", message_id="SM1")
    assert first == second
    # The conversation moved on once: a place now gives results.
    assert "near LS9 8RU" in texts(say(engine, "LS9 8RU", message_id="SM2"))


def test_residents_are_counted_without_identity_and_practice_is_not(engine, shipped_engine):
    say(engine, "food near LS9 8RU", channel=Channel.SANDBOX, sender="volunteer")
    say(engine, "2", channel=Channel.SANDBOX, sender="volunteer")
    say(engine, "no", channel=Channel.SANDBOX, sender="volunteer")
    assert count(shipped_engine, NeedCount) == 0
    assert count(shipped_engine, FeedbackCount) == 0
    say(engine, "food near LS9 8RU")
    assert "Was this useful?" in texts(say(engine, "1"))
    say(engine, "yes")
    with session_scope(shipped_engine) as session:
        need = session.scalars(select(NeedCount)).one()
        feedback = session.scalars(select(FeedbackCount)).one()
    assert (need.need, need.ward_code, need.count) == ("food", "E05011388", 1)
    assert (feedback.need, feedback.useful, feedback.count) == ("food", True, 1)


def test_unclear_messages_get_the_menu_never_a_dead_end(engine):
    for text in ["hmm", "???", "not sure", "asdfgh"]:
        replies = say(engine, text, sender=f"unclear-{text}")
        assert "1 Food" in texts(replies), text


NEEDS_TO_TRY = ["food", "money", "housing", "heating", "feeling low", "lonely"]
PLACES_TO_TRY = ["LS9 8RU", "LS6 1", "LS12", "Harehills", "Otley", "Wetherby", "Morley",
                 "LS29 9AA", "M1 1AE", "Seacroft"]


@pytest.mark.parametrize(("need", "place"), list(itertools.product(NEEDS_TO_TRY, PLACES_TO_TRY)))
def test_every_results_page_fits_three_gsm7_segments(engine, need, place):
    sender = f"budget-{need}-{place}"
    say(engine, need, sender=sender)
    pages = [say(engine, place, sender=sender)]
    for _ in range(4):
        pages.append(say(engine, "MORE", sender=sender))
    # The conversation carried from need to place: a results page, not the greeting again.
    first = texts(pages[0])
    assert " near " in first and "1 Food" not in first and "Where are you?" not in first, first
    for replies in pages:
        assert replies
        for reply in replies:
            size = sms_size(reply.text)
            assert size.encoding == "GSM-7", reply.text
            assert size.segments <= 3, reply.text


def test_wellbeing_answers_always_carry_a_number_to_talk_to_now(engine):
    replies = say(engine, "feeling really low near LS9 8RU")
    assert "Need to talk now? Samaritans: call 116 123" in texts(replies)


def test_times_are_stored_as_the_same_instant_in_utc(engine, clock, shipped_engine):
    clock.set(dt.datetime(2026, 7, 15, 14, 0))  # 13:00 UTC, in British Summer Time
    say(engine, "food")
    with session_scope(shipped_engine) as session:
        stored = session.scalars(select(ConversationRow.updated_at)).one()
    assert stored == dt.datetime(2026, 7, 15, 13, 0, tzinfo=dt.UTC)
    assert stored.utcoffset() == dt.timedelta(0)


@pytest.mark.xfail(strict=True, reason="eighth-pass retrain, a known regression: 'nothing "
                   "matters anymore' scores 0.23, under the check-in line's 0.38")
def test_a_message_that_might_be_a_crisis_gets_a_safety_line_first_then_the_answer(engine):
    replies = say(engine, "nothing matters anymore")
    assert "If you are not safe right now" in replies[0].text
    assert "call 999" in replies[0].text and "116 123" in replies[0].text
    assert len(replies) >= 2  # the conversation carries on: the greeting and menu follow
    assert "1 Food" in texts(replies[1:])


@pytest.mark.parametrize("opening", ["i live in chapletown", "I'm in Chapeltown",
                                     "Chapeltown"])
def test_a_place_first_is_acknowledged_and_kept_for_the_results(engine, opening):
    replies = say(engine, opening, sender=f"place-first-{opening}")
    assert len(replies) == 1  # no check-in for saying where you live
    assert "Near Chapeltown. What can we help you find?" in replies[0].text
    assert "1 Food" in replies[0].text
    assert "near Chapeltown" in texts(say(engine, "1", sender=f"place-first-{opening}"))


def test_a_place_with_more_than_a_place_still_gets_a_safety_line(engine):
    replies = say(engine, "im in armley and i give up")
    assert "call 999" in replies[0].text and "116 123" in replies[0].text


def test_a_place_given_at_the_menu_is_acknowledged(engine):
    say(engine, "hello")
    assert "Near Armley. What can we help you find?" in texts(say(engine, "armley"))
    assert "near Armley" in texts(say(engine, "1"))


def test_help_names_the_local_anchor_once_the_place_is_known(engine, shipped_engine):
    from directory.search import find_anchor
    from tests.factories import add_service

    with session_scope(shipped_engine) as session:
        add_service(session, "Example Anchor Hub", needs=("social",), postcode="LS9 8RU",
                    organisation="Example Anchor Trust", anchor_wards="E05011388",
                    phone="01632 960555")
    assert "near you" not in texts(say(engine, "HELP"))  # no place yet: no person to name
    say(engine, "food near LS9 8RU")
    with session_scope(shipped_engine) as session:
        anchor = find_anchor(session, "E05011388")
    reply = texts(say(engine, "HELP"))
    assert "FORGET" in reply and "999" in reply
    assert f"To talk to someone near you: {anchor.name}" in reply


def _for_community(session, service_name: str, slug: str) -> None:
    from directory.communities import COMMUNITY_TAXONOMY, community_term_id
    from directory.models import Service, ServiceTerm, TaxonomyTerm

    term = session.get(TaxonomyTerm, community_term_id(slug)) or TaxonomyTerm(
        id=community_term_id(slug), name=slug, taxonomy=COMMUNITY_TAXONOMY)
    service = session.scalars(select(Service).where(Service.name == service_name)).one()
    service.terms.append(ServiceTerm(term=term))


@pytest.mark.parametrize(("words", "community", "label"), [
    ("food for my mum who is 80 near LS9 8RU", "older-people", "for older people"),
    ("im a refugee, any food near LS9 8RU", "refugees-and-asylum-seekers",
     "for refugees and people seeking asylum"),
])
def test_services_for_the_community_named_come_first_and_say_so(engine, shipped_engine, words,
                                                                community, label):
    from tests.factories import add_service

    with session_scope(shipped_engine) as session:
        add_service(session, "Example Lunch Club", needs=("food",), postcode="LS9 7JJ")
        _for_community(session, "Example Lunch Club", community)
    pages = [texts(say(engine, words, sender=community))]
    pages += [texts(say(engine, "MORE", sender=community)) for _ in range(3)]
    lines = [line for page in pages for line in page.splitlines() if line[:1].isdigit()]
    raised = [line for line in lines if f"({label})" in line]
    assert raised and lines[:len(raised)] == raised  # every raised one before the others
    assert any(f") Example Lunch Club (Example Lunch Club Group) ({label})" in line
               for line in raised), raised
    plain = texts(say(engine, "food near LS9 8RU", sender=f"{community}-not-said"))
    assert label not in plain and "Example Lunch Club" not in plain


@pytest.mark.parametrize("postcode", ["LS9 8RU", "LS12 1HJ", "LS6 1RR", "LS14 6JA"])
def test_the_first_sms_names_three_of_the_five_nearest_food_places(engine, shipped_engine,
                                                                   postcode):
    """Issue 13, with issue 23's fit: of the places made for food (not hubs that also do it),
    the first SMS names three of the five nearest."""
    from bot.wording.render import short_name
    from directory.fitting import Ask, fit_of
    from directory.places import resolve_place
    from directory.search import search

    with session_scope(shipped_engine) as session:
        place = resolve_place(session, postcode)
        found = search(session, "food", place, at=NOW.replace(tzinfo=dt.UTC)).results
        nearest = [short_name(r) for r in found if fit_of(r, Ask("food")) == 2][:5]
    [first] = say(engine, f"food near {postcode}", sender=f"five-{postcode}")
    lines = [line.split(") ", 1)[1] for line in first.text.splitlines() if line[:1].isdigit()]
    named = [name for name in nearest if any(line.startswith(name) for line in lines)]
    assert len(named) >= 3, (nearest, first.text)
    assert sms_size(first.text).segments <= 3
    assert "Reply 1, 2 or 3 for the address and times" in first.text


@pytest.mark.parametrize("pick", ["option 2 please", "number 2", "2 pls"])
def test_a_pick_in_words_opens_that_result_as_the_number_does(engine, pick):
    say(engine, "food near LS9 8RU", sender="pick-words")
    by_number = texts(say(engine, "2", sender="pick-words"))
    say(engine, "food near LS9 8RU", sender="pick-words-2")
    in_words = texts(say(engine, pick, sender="pick-words-2"))
    assert "Was this useful?" in in_words
    assert in_words == by_number


def test_domestic_abuse_help_leads_with_a_line_open_now_and_no_gap_line(engine):
    """Help with domestic abuse is a helpline first: no "we don't list ... near" before the
    Leeds-wide 24-hour line, and the men's line (for men) does not lead for anyone else."""
    answer = texts(say(engine, "domestic abuse support please, Armley", sender="da-lines"))
    assert "We don't list" not in answer
    first = next(line for line in answer.splitlines() if line.startswith("1)"))
    assert "Open 24 hours" in first
    assert "Men's Advice Line" not in first
