"""Issue 23 through whole conversations on the shipped directory: the right kind first, time
heeded, honest gaps, clean text, places residents use."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.messages import Channel, InboundMessage
from handlers.conversation import build_engine
from tests.clock import FakeClock

SAT_NIGHT = dt.datetime(2026, 12, 5, 23, 0)
TUE_MORNING = dt.datetime(2026, 12, 8, 10, 0)


def _say(shipped_engine, text, at=TUE_MORNING, sender="07700 900123"):
    engine = build_engine(shipped_engine, "test-secret", clock=FakeClock(at))
    return engine.handle(InboundMessage(Channel.SMS, sender, text))


def _results(replies) -> list[str]:
    return [line for r in replies for line in r.text.splitlines() if re.match(r"\d+\) ", line)]


def test_the_out_of_hours_line_leads_a_saturday_night_request_for_a_bed(shipped_engine):
    lines = _results(_say(shipped_engine, "somewhere to sleep tonight armley", SAT_NIGHT))
    assert "Answers out of hours" in lines[0] and "0113 378 8366" in lines[0], lines


@pytest.mark.parametrize(("text", "expected", "never"), [
    ("debt advice bramley", "Debt", "community fridge"),
    ("i need a fuel voucher, LS14", "energy", "Warm space"),
    ("council tax arrears LS10", "debt", "Library"),
])
def test_a_service_made_for_the_kind_comes_first(shipped_engine, text, expected, never):
    lines = _results(_say(shipped_engine, text))
    assert expected.lower() in " ".join(lines[:3]).lower(), lines
    assert never.lower() not in " ".join(lines[:3]).lower(), lines


def test_an_honest_gap_says_so_and_never_fills_with_unrelated_services(shipped_engine):
    replies = _say(shipped_engine, "im a carer for my husband and need a break, Rothwell")
    text = "\n".join(r.text for r in replies)
    assert "We don't list a carers' service near Rothwell." in text
    for bad in ("food bank", "Sexual", "day centre"):
        assert bad.lower() not in text.lower(), text


def test_buttons_name_the_places_the_sms_lines_name_in_the_same_order(shipped_engine):
    for text in ("food near LS12 1HJ", "warm space and food bank LS9 8RU",
                 "money advice and heating help, Armley"):
        [*_, reply] = _say(shipped_engine, text, sender=f"buttons-{text}")
        lines = _results([reply])
        assert [label for label, _ in reply.buttons] == [line[:40] for line in lines] or all(
            line.startswith(label) for (label, _), line in zip(reply.buttons, lines,
                                                               strict=True)), (reply.buttons,
                                                                               lines)
        # No heading without results under it, and each place once.
        body = reply.text.splitlines()
        for i, line in enumerate(body):
            if re.fullmatch(r"[A-Z][A-Za-z &]+:", line):
                assert i + 1 < len(body) and not body[i + 1].startswith("Reply"), reply.text
        names = [line.split(") ", 1)[1].split(".")[0] for line in lines]
        assert len(names) == len(set(names)), names


def test_a_place_we_do_not_know_is_said_back_and_text_speak_is_not_a_place(shipped_engine):
    text = "\n".join(r.text for r in _say(shipped_engine, "food bank in Example Fields"))
    assert "I don't know 'Example Fields'" in text
    engine = build_engine(shipped_engine, "test-secret", clock=FakeClock(TUE_MORNING))
    engine.handle(InboundMessage(Channel.SMS, "07700 900124", "food"))
    later = engine.handle(InboundMessage(Channel.SMS, "07700 900124", "ok c u L8R"))
    assert "outside Leeds" not in "\n".join(r.text for r in later)


def test_middleton_and_loose_districts_are_places(shipped_engine):
    for said, label in (("food near Middleton", "near Middleton"), ("food ls 9", "near LS9"),
                        ("food Leeds 9", "near LS9")):
        assert label in "\n".join(r.text for r in _say(shipped_engine, said, sender=said))


def test_an_urgent_ask_of_two_needs_leads_with_the_need_that_has_something_open(
        shipped_engine):
    # A Thursday afternoon: no clothes service near the station is open, homelessness help is.
    at = dt.datetime(2026, 12, 10, 16, 20)
    replies = _say(shipped_engine, "need a sleeping bag and a coat, sleeping rough, leeds station",
                   at, sender="two-needs")
    first = replies[-1].text
    assert first.index("Housing help:") < first.index("1) "), first
    assert "Open now" in _results(replies)[0], first
    # The first need's gap and its nearest follow (on the next page when the first is full).
    more = first if "Help with essentials:" in first else \
        _say(shipped_engine, "MORE", at, sender="two-needs")[-1].text
    assert "Help with essentials:\nWe don't list clothes and essentials open now" in more, more


def test_a_kind_that_counts_for_two_needs_is_searched_once(shipped_engine):
    text = "\n".join(r.text for r in _say(shipped_engine, "nappies and baby milk, Seacroft"))
    assert "Family support:" not in text and "Help with essentials:" not in text, text


def test_when_no_food_of_the_kind_asked_is_open_food_open_now_stands_in(shipped_engine):
    # A Tuesday at 4pm: no hot meal near Bramley is open, some food help is.
    replies = _say(shipped_engine, "havent eaten today, Bramley, anything open now",
                   dt.datetime(2026, 12, 8, 16, 10))
    lines = _results(replies)
    assert "Open now" in lines[0], lines


def test_bailiffs_before_nine_get_the_debt_line_that_opens_at_eight(shipped_engine):
    # A Wednesday at 8:20: StepChange's published hours (Mon-Fri 8am-8pm) answer now.
    lines = _results(_say(shipped_engine, "bailiff at my door right now Gipton what are my rights",
                          dt.datetime(2026, 12, 9, 8, 20)))
    assert "StepChange" in lines[0] and "Open now till 8pm" in lines[0], lines


def test_a_friday_night_meter_gets_the_supplier_line(shipped_engine):
    from bot.wording import copy

    text = "\n".join(r.text for r in _say(shipped_engine, "electric ran out at 10pm, Seacroft",
                                           dt.datetime(2026, 12, 11, 22, 20)))
    assert copy.SUPPLIER_CREDIT in text, text
    assert "We don't list help with energy bills open now near Seacroft." in text, text
