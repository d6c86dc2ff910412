"""The answer leads with the kind of help named, while the main need read stays what the message
is about (issue 23, seventh pass): the needs reading of the sixth pass keeps "young carers" as
family, and the answer still shows the carers' service first."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.messages import Channel, InboundMessage
from bot.records.store import ConversationRow, ConversationState, sender_key
from bot.understanding.message import understand
from core.db import session_scope
from handlers.conversation import build_engine
from tests.clock import FakeClock

WEDNESDAY_AFTERNOON = dt.datetime(2026, 12, 9, 14, 0)
SECRET = "test-secret"


def _state(database, sender: str) -> ConversationState:
    key = sender_key(SECRET, Channel.SMS.value, sender)
    with session_scope(database) as session:
        row = session.scalars(select(ConversationRow).where(
            ConversationRow.sender_hash == key)).one()
        return ConversationState.from_json(row.data)


@pytest.mark.parametrize(("text", "main", "led"), [
    ("any help for a young carer in Armley", "family", "social"),
])
def test_the_answer_leads_with_the_need_of_the_kind_named(shipped_engine, text, main, led):
    said = understand(text)
    assert said.need == main and said.answer_needs[0] == led
    engine = build_engine(shipped_engine, SECRET, clock=FakeClock(WEDNESDAY_AFTERNOON))
    engine.handle(InboundMessage(Channel.SMS, "7700900111", text))
    state = _state(shipped_engine, "7700900111")
    assert state.need == led and main in state.other_needs


def test_support_to_stay_off_the_drink_in_a_hostel_is_health_first_and_housing_beside():
    # The classifier reads housing first (as before the eleventh pass, and again with the
    # twelfth pass's data) or health (the eleventh pass's); either way the answer leads with
    # health, the need of the kind named, and housing is beside it.
    said = understand("came off the drink, stopping in a hostel in Armley, need support")
    assert said.kinds == ("addiction",)
    assert set(said.needs[:2]) == {"health", "housing"}
    assert said.answer_needs[:2] == ("health", "housing")


def test_a_main_need_with_a_kind_of_its_own_still_leads_the_answer():
    said = understand("can't start my new job until I find a childminder for my toddler")
    assert said.kinds == ("job-help", "parenting")
    assert said.need == "family" and said.answer_needs[0] == "family"
