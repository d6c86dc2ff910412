"""The gap line says what is true of what follows it (issue 23, honest gaps): a distance when
the nearest that fit are farther than near, "in Leeds" for the whole city, and a day asked
named as the results name it ("tomorrow")."""

from __future__ import annotations

import datetime as dt
import re

from bot.messages import Channel, InboundMessage
from bot.wording.cards import KindGap
from bot.wording.render import card_text
from core.db import session_factory
from directory.models import Postcode
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.factories import add_service

TUE_MORNING = dt.datetime(2026, 12, 8, 10, 30)
SAT_NIGHT = dt.datetime(2026, 12, 12, 23, 30)
SUNDAY_AFTERNOON = dt.datetime(2026, 12, 13, 14, 0)


def _conversation(shipped_engine, at: dt.datetime):
    engine = build_engine(shipped_engine, "test-secret", clock=FakeClock(at))

    def say(text: str, sender: str = "07700 900777") -> str:
        return "\n".join(r.text for r in engine.handle(InboundMessage(Channel.SMS, sender,
                                                                      text)))
    return say


def _km(line: str) -> float | None:
    found = re.search(r"\. (\d+(?:\.\d)?) km\b", line)
    return float(found.group(1)) if found else None


def test_a_gap_followed_by_farther_places_of_that_kind_says_how_near_is_near(shipped_engine):
    say = _conversation(shipped_engine, TUE_MORNING)
    text = say("food bank near Wetherby")
    assert "We don't list a food bank near Wetherby" not in text, text
    assert "We don't list a food bank within 3 km of Wetherby. The nearest:" in text, text
    first = next(line for line in text.splitlines() if line.startswith("1) "))
    assert _km(first) is not None and _km(first) > 3, text


def test_a_gap_with_only_lines_after_it_still_says_near(shipped_engine):
    text = _conversation(shipped_engine, TUE_MORNING)("debt advice near Garforth")
    assert "We don't list debt advice near Garforth." in text, text


def test_what_fits_open_now_and_farther_is_said_farther_not_instead(engine):
    """Fictional: nothing within 3 km of LS9 8RU; a food service about 5 km north, open."""
    with session_factory(engine)() as session:
        near = session.get(Postcode, "LS9 8RU")
        add_service(session, "Example Far Pantry", latitude=near.latitude + 0.045,
                    longitude=near.longitude,
                    sessions=tuple((day, "00:00", "23:59") for day in range(7)))
        session.commit()
    text = _conversation(engine, TUE_MORNING)("food open now near LS9 8RU, nothing to eat")
    assert "open now near LS9 8RU. Open now, farther away:" in text, text
    assert "Example Far Pantry" in text and "instead" not in text, text


def test_gap_lines_for_the_whole_city_say_in_leeds(shipped_engine):
    say = _conversation(shipped_engine, SAT_NIGHT)
    text = say("food bank in leeds")
    assert "We don't list a food bank open now in Leeds." in text, text
    while "Reply MORE" in text or "or MORE" in text:
        assert "near Leeds" not in text, text
        text = say("MORE")
    text = say("MORE")  # past the last page
    assert "That is all we know in Leeds for now." in text, text


def test_a_day_asked_that_is_tomorrow_is_said_tomorrow_as_the_results_say_it(shipped_engine):
    say = _conversation(shipped_engine, SUNDAY_AFTERNOON)
    for text in (say("food bank open on monday near Wetherby", sender="a"),
                 say("food bank open tomorrow near Otley", sender="b")):
        assert "open tomorrow near" in text and "Monday" not in text, text
    later = say("food bank open on tuesday near Otley", sender="c")
    assert "open on Tuesday near Otley" in later, later


def test_a_gap_line_kept_with_a_day_name_before_reads_as_it_did():
    kept_before = KindGap("food-parcel", "Otley", "Monday", "")
    assert card_text(kept_before, SUNDAY_AFTERNOON) == (
        "We don't list a food bank open on Monday near Otley. The nearest, and when they "
        "open:")
    asked = KindGap("food-parcel", "Otley", "2026-12-14", "")
    assert card_text(asked, SUNDAY_AFTERNOON).startswith(
        "We don't list a food bank open tomorrow near Otley.")
    assert card_text(asked, dt.datetime(2026, 12, 14, 9, 0)).startswith(
        "We don't list a food bank open today near Otley.")
