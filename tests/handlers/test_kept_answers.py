"""Kept answers are typed values, stored in the JSON older conversations already hold."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from bot.records.kept import (
    KeptAnchor,
    KeptMoney,
    KeptNote,
    KeptPage,
    KeptResult,
    UnreadableKept,
    decode,
    encode,
)
from bot.records.store import ConversationRow, ConversationState
from bot.steps import Step
from core.db import session_scope
from directory.models import Service
from handlers.conversation import build_engine
from tests.clock import FakeClock
from tests.support.resident import Resident

NOW = dt.datetime(2026, 11, 23, 10, 0)

#: A conversation as the positional version stored it (before typed kept answers).
OLD_JSON = json.dumps({
    "step": "results", "need": "food", "other_needs": [], "communities": [],
    "place": None, "page": 0, "asked_feedback": False,
    "answer": [["outside", "York"], ["title", "food"], ["none_local", "food", "LS9"], ["talk"],
               ["finder", "food"],
               ["result", 1, "svc-a", "loc-a", 0.4, "food", ""],
               ["result", 2, "svc-b", None, None, "food", "older-people"],
               ["cash", "svc-c", None], ["anchor", "E05001234"]],
    "pages": [[0, 1, 2, 5], [6, 7, 8]], "history": []}, separators=(",", ":"))


def test_an_old_conversation_loads_as_typed_values_and_saves_the_same_json():
    state = ConversationState.from_json(OLD_JSON)
    assert state.step is Step.RESULTS
    assert state.answer[5] == KeptResult(1, "svc-a", "loc-a", 0.4, "food", "")
    assert state.answer[6] == KeptResult(2, "svc-b", None, None, "food", "older-people")
    assert state.answer[7] == KeptMoney("svc-c", None)
    assert state.answer[8] == KeptAnchor("E05001234")
    assert state.answer[2] == KeptNote("none_local", ("food", "LS9"))
    assert state.pages == [KeptPage((0, 1, 2, 5)), KeptPage((6, 7, 8))]
    # Saved the same, with issue 23's kinds, urgency and day at their defaults.
    assert json.loads(state.to_json()) == {**json.loads(OLD_JSON), "kinds": [], "urgent": False,
                                           "day": None}


@pytest.mark.parametrize("raw", [[], ["result", 1], ["nonsense", 2], ["talk", "extra"], "x"])
def test_a_card_no_version_wrote_is_refused(raw):
    with pytest.raises(UnreadableKept):
        decode(raw)


def test_an_unreadable_answer_starts_afresh_instead_of_failing():
    data = json.loads(OLD_JSON)
    data["answer"][5] = ["result", "x"]
    state = ConversationState.from_json(json.dumps(data))
    assert (state.step, state.answer, state.pages) == (Step.START, [], [])


def test_every_kind_of_kept_card_survives_a_round_trip():
    for raw in json.loads(OLD_JSON)["answer"]:
        assert encode(decode(raw)) == raw


def test_a_conversation_stored_by_the_old_version_still_shows_details(shipped_engine):
    """A resident mid-conversation during an upgrade: "2" still gives that result's details."""
    engine = build_engine(shipped_engine, "test-secret", clock=FakeClock(NOW))

    say = Resident(engine, "07700 900123").say

    first = say("food near LS9 8RU")[0].text
    with session_scope(shipped_engine) as session:
        stored = json.loads(session.scalar(select(ConversationRow.data)))
        assert stored["answer"][0][0] in ("result", "outside", "title", "none_local", "talk")
        # Write it back exactly as the positional version would have: plain lists.
        session.execute(update(ConversationRow).values(data=json.dumps(stored)))
    kept = next(raw for raw in stored["answer"] if raw[0] == "result" and raw[1] == 2)
    with session_scope(shipped_engine) as session:
        name = session.get(Service, kept[2]).name
    details = say("2")[0].text
    assert "2) " in first
    assert details.splitlines()[0].startswith("2) ") and name in details.splitlines()[0]
    assert "Address:" in details or "Hours:" in details


def test_a_gap_line_is_kept_with_what_follows_it_and_one_kept_before_still_reads():
    now = KeptNote("gap", ("food-parcel", "LS9", "now", "open", "3"))
    assert decode(encode(now)) == now
    before_where = decode(["gap", "food-parcel", "LS9", "now", "open"])
    assert before_where == KeptNote("gap", ("food-parcel", "LS9", "now", "open"))
    older = decode(["gap", "food-parcel", "LS9", "now"])
    assert older == KeptNote("gap", ("food-parcel", "LS9", "now"))
    assert decode(["supplier"]) == KeptNote("supplier")
    with pytest.raises(UnreadableKept):
        decode(["gap", "food-parcel", "LS9", "now", "open", "3", "extra"])
