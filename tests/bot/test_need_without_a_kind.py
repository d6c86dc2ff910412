"""A need named with no finer kind means its general help (issue 23: the right kind of
service): "housing advice" is advice on a home, so a repairs desk does not lead it, though it
is nearer and still answers "my boiler's broken". Whole conversations on a fictional
directory."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from directory.needs import KINDS, NEEDS, general_kinds
from tests.support.fictional import fictional_bot

TUESDAY = dt.datetime(2026, 12, 8, 11, 0)
ROWS = (
    "Example Council,Example Repairs Desk,A fictional repairs desk.,,repairs-damp,"
    "1 Example Street,LS5 3BT,01632 960301,,,,Fictional test record,2026-11-01",
    "Example Trust,Example Housing Advice Line,A fictional housing advice line.,,"
    "homelessness-advice; eviction-advice,,,01632 960302,,,city,Fictional test record,"
    "2026-11-01",
)


@pytest.fixture
def say(engine, tmp_path: Path):
    bot = fictional_bot(engine, tmp_path, ROWS, sender="07700 900125")
    return lambda text: bot(text, TUESDAY)


def _first(reply: str) -> str:
    found = re.search(r"^1\) ([^.(]+)", reply, re.MULTILINE)
    assert found, reply
    return found.group(1).strip()


def test_housing_with_no_kind_named_leads_with_housing_advice(say):
    reply = say("my sister needs advice on housing, Kirkstall LS5 3BT")
    assert _first(reply) == "Example Housing Advice Line", reply
    assert "Example Repairs Desk" in reply  # nearer, and still offered, after


def test_repairs_named_still_lead_with_the_repairs_line(say):
    assert _first(say("my boiler's broken and the landlord won't fix it, LS5 3BT")) == \
        "Example Repairs Desk"


def test_every_need_means_some_kind_by_itself_and_a_bed_tonight_is_not_one():
    for need in NEEDS:
        assert general_kinds(need.slug), need.slug
    assert "housing-tonight" not in general_kinds("housing")
    assert all(kind.general for kind in KINDS if kind.need == "food")
