"""One way to print a phone number (UK numbering format), wherever a resident reads it: the
safety reply, a result line, a place's details and the command line. Digits never change."""

from __future__ import annotations

import datetime as dt
import json
import re

from bot.messages import Channel, InboundMessage
from bot.wording.crisis import CONTACTS_FILE, crisis_replies
from bot.wording.phones import format_phone
from directory.shipped import SHIPPED_DIRECTORY
from handlers.conversation import build_engine
from tests.clock import FakeClock

TUE_MORNING = dt.datetime(2026, 12, 8, 10, 0)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _shipped_numbers() -> list[str]:
    """Every phone number in the shipped directory and the crisis contacts, as stored."""
    numbers: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "phones" and isinstance(value, list):
                    numbers.extend(p["number"] for p in value if p.get("number"))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(SHIPPED_DIRECTORY.read_text(encoding="utf-8")))
    numbers += [c["number"] for c in json.loads(CONTACTS_FILE.read_text(encoding="utf-8"))]
    return numbers


def test_every_shipped_number_keeps_its_digits_and_prints_one_way():
    numbers = _shipped_numbers()
    assert "0808 2000 247" in numbers  # the helpline, as its records write it
    for number in numbers:
        shown = format_phone(number)
        assert _digits(shown) == _digits(number), (number, shown)
        # However it is spaced, the same digits print the same way (words kept as they are).
        if not re.search(r"[A-Za-z]", number):
            assert format_phone(_digits(number)) == shown, number
    assert format_phone("0808 2000 247") == format_phone("0808 200 0247") == "0808 200 0247"
    assert format_phone("+44 808 2000 247") == "0808 200 0247"
    assert format_phone("116 123") == "116 123" and format_phone("999") == "999"


def test_the_domestic_abuse_helpline_prints_the_same_in_the_safety_reply_and_the_answers(
        shipped_engine):
    safety = "\n".join(r.text for r in crisis_replies("abuse"))
    engine = build_engine(shipped_engine, "test-secret", clock=FakeClock(TUE_MORNING))
    answer = "\n".join(r.text for r in engine.handle(InboundMessage(
        Channel.SMS, "07700 900555", "domestic abuse helpline, Harehills")))
    shown = {m for text in (safety, answer)
             for m in re.findall(r"0808 ?\d{3,4} ?\d{3,4}", text) if _digits(m) == "08082000247"}
    assert shown == {"0808 200 0247"}, (safety, answer)
