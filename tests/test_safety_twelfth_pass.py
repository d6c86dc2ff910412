"""Fear said of oneself ("I'm scared", "I'm terrified") is a topic word, not present danger
on its own (issue 24: rules without context cry wolf): a PIP assessment or the heating bill
gets no crisis reply, while fear beside a threat, a weapon or someone at the door still does.
Found on the development scenarios (bench/data/scenarios_dev*.yaml), which are readable."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.understanding.message import understand


def _said(text: str):
    return understand(text, lambda _: SimpleNamespace(found=False))


@pytest.mark.parametrize("text", [
    "energy advice for pensioners in Rothwell? I'm scared to put the heating on",
    "I've got a PIP assessment on Wednesday and I'm terrified. Is there anyone who can come "
    "with me or help me prepare? I'm in Halton Moor.",
    "i am so scared of the dark since the electric went, LS9",
    # ... and what the first fix's patterns caught wrongly (a second review).
    "scared of what they will say at my pip assessment",
    "scared of what they will do with my benefits",
    "afraid of what they might say at the tribunal",
    "my little lad is scared of a spider at home",
    "my dog is scared at home when fireworks go off",
    "im terrified of the bills at home",
    "the kids are scared at home in the dark cos the electric ran out",
    "got my pip assessment on monday im terrified",
    "i have a job interview tomorrow and i am terrified",
    "scared of what i will do without my job",
])
def test_fear_of_an_everyday_thing_gets_no_crisis_reply(text):
    assert not _said(text).crisis


@pytest.mark.parametrize("text", [
    "hes outside the door with a knife and im terrified",
    "im scared hes going to kill me, hes banging on the door",
    "i am really scared, my ex is outside shouting that he will hurt me",
    "i am frightened, someone is following me home",
    # A reviewer's cases: fear of what one might do, of the voices, of what he will do, at
    # home, or said with nothing after it.
    "im scared of what i might do",
    "im terrified of what he'll do",
    "im scared of the voices",
    "I'm terrified",
    "we are terrified",
    "i feel scared all the time at home",
    # A second reviewer's: fear with a kiss, intensifiers, "petrified", people named.
    "im so scared x", "im proper scared", "im absolutely petrified",
    "scared of what my partner will do", "im scared what hell do", "scared in me own house",
    "me and the kids are terrified", "the voices are scaring me",
])
def test_fear_beside_present_danger_still_gets_the_crisis_reply(text):
    assert _said(text).crisis
