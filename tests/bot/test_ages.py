"""Who a service is for by age, as its record says (issue 23, the right kind of service): a
16-year-old is not sent to a service for older people, an 80-year-old's grandchild asking for
her is not sent to a youth line, and services for young people come first for the young."""

from __future__ import annotations

import datetime as dt
import re

from bot.messages import Channel, InboundMessage
from core.db import session_scope
from directory.communities import for_another_age
from handlers.conversation import build_engine
from tests.bot.test_conversation import _for_community
from tests.clock import FakeClock
from tests.factories import add_service

TUE_MORNING = dt.datetime(2026, 12, 8, 10, 30)
SAT_NIGHT = dt.datetime(2026, 12, 12, 23, 30)


def _names(engine, at: dt.datetime, *messages: str, sender: str) -> list[str]:
    conversation = build_engine(engine, "test-secret", clock=FakeClock(at))
    for text in messages:
        replies = conversation.handle(InboundMessage(Channel.SMS, sender, text))
    return [line.split(") ", 1)[1] for r in replies for line in r.text.splitlines()
            if re.match(r"\d+\) ", line)]


def test_only_ages_a_record_states_count():
    assert for_another_age(("older-people",), ("young-people",))
    assert for_another_age(("young-people", "children"), ("older-people",))
    assert not for_another_age(("young-people", "men"), ("young-people",))
    assert not for_another_age(("children",), ("young-people",))  # a 16-year-old is a child
    assert not for_another_age((), ("young-people",))  # no ages stated: for anyone
    assert not for_another_age(("older-people",), ())  # no age said: nothing left out
    assert not for_another_age(("older-people",), ("young-people", "older-people"))


def test_a_sixteen_year_old_is_not_sent_to_older_peoples_services_and_youth_ones_lead(engine):
    with session_scope(engine) as session:
        add_service(session, "Example Elders Club", needs=("social",), postcode="LS9 8RU",
                    phone="01632 960101")
        _for_community(session, "Example Elders Club", "older-people")
        add_service(session, "Example Drop In", needs=("social",), postcode="LS9 8RU",
                    phone="01632 960102")
        add_service(session, "Example Youth Club", needs=("social",), postcode="LS9 7AB",
                    phone="01632 960103")
        _for_community(session, "Example Youth Club", "young-people")
    young = _names(engine, TUE_MORNING, "im 16 and lonely, LS9 8RU", sender="young")
    assert not any("Elders" in name for name in young), young
    assert young[0].startswith("Example Youth Club"), young
    older = _names(engine, TUE_MORNING, "my nan is 80 and lonely, LS9 8RU", sender="older")
    assert not any("Youth" in name for name in older), older
    assert older[0].startswith("Example Elders Club"), older
    anyone = _names(engine, TUE_MORNING, "lonely, LS9 8RU", sender="anyone")
    assert len(anyone) == 3, anyone  # no age said: every one of them


def test_a_sixteen_year_old_put_out_at_night_gets_the_young_peoples_housing(shipped_engine):
    names = _names(shipped_engine, SAT_NIGHT, "im 16 and got kicked out", "LS9 8RU",
                   sender="sixteen")
    assert any("(for young people)" in name for name in names[:3]), names
