"""Within clothes and essentials, a service that gives the thing named comes first (issue 23,
tenth pass): "who gives furniture" leads with a furniture scheme, not a nearer coat appeal.
Records are fictional, read by the project's own import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.messages import Channel, InboundMessage
from bot.records.kept import KeptResult
from bot.records.store import ConversationRow, ConversationState, sender_key
from bot.understanding.message import understand
from core.clock import LONDON
from core.db import session_scope
from directory.details import result_again
from directory.fitting import Ask, answer
from directory.importing import import_path
from directory.items import items_named, sorts_by_item
from directory.places import resolve_place
from handlers.conversation import build_engine
from tests.clock import FakeClock

HEADER = ("organisation,service,description,needs,kinds,address,postcode,phone,website,"
          "opening_times,area,for_whom,anchor_wards,source,last_checked")
TUE_MORNING = dt.datetime(2026, 12, 8, 11, 0, tzinfo=LONDON)
SECRET = "test-secret"


def _row(name: str, description: str, postcode: str, phone: str,
         kinds: str = "clothes") -> str:
    return (f"Example Org,{name},{description},,{kinds},1 Example Street,{postcode},"
            f"{phone},,,,,,Fictional test record,2026-11-01")


@pytest.fixture
def essentials(session, tmp_path: Path):
    path = tmp_path / "records.csv"
    path.write_text("\n".join((
        HEADER,
        _row("Example Coat Appeal", "Free winter coats and gloves.", "LS9 8RU", "01632 960101"),
        _row("Example Furniture Scheme", "Second-hand furniture and white goods.", "LS9 7TF",
             "01632 960102"),
        _row("Example Hygiene Bank", "Toiletries and period products.", "LS9 7TF",
             "01632 960103"),
        _row("Example Crisis Fund", "Vouchers for food and fuel; essential appliances.",
             "LS9 7TF", "01632 960104", "crisis-grant; clothes (side)"),
    )) + "\n", encoding="utf-8")
    assert import_path(session, path).written
    return resolve_place(session, "LS9 8RU")


def _names(found) -> list[str]:
    return [r.name for r in found.results]


def test_a_service_giving_the_item_named_comes_first(session, essentials):
    plain = answer(session, Ask("essentials", ("clothes",)), essentials, TUE_MORNING)
    assert _names(plain)[0] == "Example Coat Appeal"  # nearest, when no item is named
    furniture = answer(session, Ask("essentials", ("clothes",), items=("furniture",)),
                       essentials, TUE_MORNING)
    # both that give furniture come first, the one made for the kind before the side line;
    # then the coat appeal, made for the kind but not giving the thing asked for
    assert _names(furniture)[:3] == ["Example Furniture Scheme", "Example Crisis Fund",
                                     "Example Coat Appeal"]
    pads = answer(session, Ask("essentials", ("clothes",), items=("toiletries",)),
                  essentials, TUE_MORNING)
    assert _names(pads)[0] == "Example Hygiene Bank"
    # the item only orders what fits: all three are still listed
    assert sorted(_names(furniture)) == sorted(_names(plain))


def test_the_items_named_are_read_from_the_message_and_from_a_record():
    assert understand("please who gives furniture, we have no beds and no cooker").items == (
        "furniture",)
    assert understand("cant afford sanitary pads this month").items == ("toiletries",)
    assert understand("any toys for the kids at christmas? got nothing for them").items == (
        "toys",)
    assert understand("food bank near me").items == ()
    assert understand("Armley").items == ()  # no need, no items
    assert items_named("Charity shop selling donated second-hand furniture") == ("furniture",)
    assert items_named("Warm space with hot drinks and a quiet room") == ()


def test_the_conversation_asks_for_the_item_named(shipped_engine):
    text = "refugee family just moved into a flat in Lincoln Green, no beds, who gives furniture"
    engine = build_engine(shipped_engine, SECRET, clock=FakeClock(dt.datetime(2026, 12, 8, 11)))
    replies = engine.handle(InboundMessage(Channel.SMS, "7700900123", text))
    key = sender_key(SECRET, Channel.SMS.value, "7700900123")
    with session_scope(shipped_engine) as session:
        state = ConversationState.from_json(session.scalars(select(ConversationRow).where(
            ConversationRow.sender_hash == key)).one().data)
    assert state.need == "essentials" and state.items == ["furniture"]
    first = next(item for item in state.answer if isinstance(item, KeptResult))
    with session_scope(shipped_engine) as session:
        shown = result_again(session, first.need, first.service_id, first.location_id,
                             first.distance_km, TUE_MORNING)
    assert "furniture" in shown.items
    # the SMS line names the organisation where the service's own name is long
    assert any(line.startswith((f"1) {shown.name}", f"1) {shown.organisation}"))
               for line in replies[-1].text.splitlines())


def test_a_kind_named_first_is_not_overridden_by_an_item():
    # "school shoes" names school uniform first: a coat appeal giving shoes does not jump it
    assert not sorts_by_item(("school-uniform", "clothes"), ("clothing",))
    assert sorts_by_item(("clothes",), ("furniture",)) and sorts_by_item((), ("toys",))
    assert not sorts_by_item(("clothes",), ())
