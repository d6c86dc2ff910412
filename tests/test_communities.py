"""Communities of interest: how residents say who they are, read into the one registry."""

from __future__ import annotations

import pytest

from bot.understanding.message import understand
from directory.communities import COMMUNITIES, communities_in


@pytest.mark.parametrize(("text", "expected"), [
    ("food for my mum who is 80", ("older-people",)),
    ("my nan needs company", ("older-people",)),
    ("im a refugee", ("refugees-and-asylum-seekers",)),
    ("anything for women only?", ("women",)),
    ("i am 17 and hungry", ("young-people",)),
    ("i'm a carer for my dad", ("carers",)),
    ("somewhere lgbt friendly", ("lgbt",)),
    ("food near LS9 8RU", ()),
    ("im 30 and skint", ()),
    ("i live in armley", ()),
])
def test_what_residents_say_names_their_community(text, expected):
    assert communities_in(text) == expected


def test_every_cue_names_a_community_in_the_registry_and_keywords_never_do():
    assert {c.slug for c in COMMUNITIES if c.cues} <= {c.slug for c in COMMUNITIES}
    assert understand("HELP").communities == ()
    assert understand("food for my mum who is 80").communities == ("older-people",)
