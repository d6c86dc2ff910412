"""Names in one reply tell places apart, and are cut only at a word (issue 23, clean text): the
SMS line, the Telegram button and the map pin name each place the same way."""

from __future__ import annotations

import datetime as dt
import json
import re

from bot.messages import Channel, InboundMessage
from bot.wording.names import SHORT_NAME, clip
from core.db import session_factory
from directory.shipped import SHIPPED_DIRECTORY
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.factories import add_service

TUE_MORNING = dt.datetime(2026, 12, 8, 10, 30)
SAT_NIGHT = dt.datetime(2026, 12, 12, 23, 30)


def _reply(engine, text: str, at=TUE_MORNING, sender: str = "07700 900888",
           channel: Channel = Channel.TELEGRAM):
    conversation = build_engine(engine, "test-secret", clock=FakeClock(at))
    return conversation.handle(InboundMessage(channel, sender, text))[-1]


def _lines(reply) -> list[str]:
    return [line for line in reply.text.splitlines() if re.match(r"\d+\) ", line)]


def _check_names(reply) -> list[str]:
    """The page's names: each its own, each button the same words as its SMS line."""
    lines = _lines(reply)
    labels = [label for label, _ in reply.buttons]
    assert len(labels) == len(lines), (labels, lines)
    for label, line in zip(labels, lines, strict=True):
        assert line.startswith(label), (label, line)
        assert line[len(label)] in ". ", (label, line)  # the whole name, not a part of it
    names = [label.split(") ", 1)[1].casefold() for label in labels]
    assert len(names) == len(set(names)), labels
    return labels


def test_the_same_service_name_from_two_organisations_is_told_apart(engine):
    with session_factory(engine)() as session:
        for n, org in enumerate(("Example Chapel Leeds", "Example Christian Centre"), 1):
            service = add_service(session, f"Example Sunday Food {n}", postcode="LS9 8RU",
                                  organisation=org, phone=f"01632 96000{n}")
            service.name = "Example Sunday food for anyone who comes in"  # the same
        session.commit()
    labels = _check_names(_reply(engine, "food near LS9 8RU"))
    assert sorted(label.split(") ", 1)[1] for label in labels) == [
        "Example Chapel Leeds", "Example Christian Centre"], labels


def test_two_long_names_of_one_organisation_are_not_both_called_by_it(engine):
    with session_factory(engine)() as session:
        for n, words in enumerate(("out-of-hours emergency homelessness line",
                                   "homelessness assessment and housing advice"), 1):
            service = add_service(session, f"Example Housing {n}", needs=("housing",),
                                  postcode="LS9 8RU", organisation="Example Council",
                                  phone=f"01632 96000{n}")
            service.name = f"Example Housing Options {words}"
        session.commit()
    labels = _check_names(_reply(engine, "housing advice near LS9 8RU"))
    assert not any(label.endswith(") Example Council") for label in labels), labels
    for label in labels:
        name = label.split(") ", 1)[1]
        assert name.startswith("Example Housing Options") and len(name) <= SHORT_NAME, labels


def test_a_long_service_name_is_not_called_by_its_council(engine):
    """One long-named service of a council on a page: its own name cut at a word says more
    than "Example City Council" (the out-of-hours homelessness line was "Leeds City Council")."""
    with session_factory(engine)() as session:
        service = add_service(session, "Example Housing", needs=("housing",),
                              postcode="LS9 8RU", organisation="Example City Council",
                              phone="01632 960001")
        service.name = "Example Housing Options out-of-hours emergency homelessness line"
        session.commit()
    [label] = _check_names(_reply(engine, "housing advice near LS9 8RU"))
    assert label.split(") ", 1)[1] == "Example Housing Options out-of-hours...", label


def test_a_sixteen_year_old_put_out_at_night_reads_each_place_by_its_own_name(shipped_engine):
    engine = build_engine(shipped_engine, "test-secret", clock=FakeClock(SAT_NIGHT))
    engine.handle(InboundMessage(Channel.TELEGRAM, "07700 900889", "im 16 and got kicked out"))
    [*_, reply] = engine.handle(InboundMessage(Channel.TELEGRAM, "07700 900889", "LS9 8RU"))
    _check_names(reply)


def test_sunday_food_in_burley_names_each_church(shipped_engine):
    reply = _reply(shipped_engine, "food on sunday near LS4 2LE",
                   dt.datetime(2026, 12, 13, 10, 0))
    labels = _check_names(reply)
    assert sum("Sunday food for anyone who comes" in label for label in labels) <= 1, labels


def test_names_are_cut_only_at_a_word():
    assert clip("Leeds South and East Foodbank (Trussell) Seacroft", 40) == \
        "Leeds South and East Foodbank..."
    assert clip("Short name", 40) == "Short name"
    assert clip("Averyveryverylongsinglewordwithoutanyspace", 20) == "Averyveryverylong..."
    data = json.loads(SHIPPED_DIRECTORY.read_text(encoding="utf-8"))
    for service in data["contents"]:
        for name in (service["name"], service["organization"]["name"]):
            cut = clip(name, SHORT_NAME)
            assert len(cut) <= SHORT_NAME, cut
            if cut != " ".join(name.split()):
                kept = cut.removesuffix("...")
                assert name.startswith(kept) and name[len(kept)] in " ,;:-(&/", (name, cut)
