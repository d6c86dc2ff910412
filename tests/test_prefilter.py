"""The quick word test in front of the crisis and kind rules never hides a match they would find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.understanding import crisis_context, kinds, safety
from bot.understanding.crisis_patterns import canonical
from bot.understanding.prefilter import Prefiltered, found_in, needed

TRAIN = Path(__file__).resolve().parent / "data" / "crisis_train.yaml"


def _rule_patterns() -> list[Prefiltered]:
    strong = [p for tier in safety._COMPILED.values() for kind in tier.values() for p in kind]
    signs = [words for group in safety._SIGNS_OF.values() for _, words in group]
    markers = [p for group in crisis_context.MARKERS.values() for p in group]
    return strong + signs + markers + [p for _, p in kinds._CUES]


@pytest.mark.parametrize(("pattern", "need"), [
    (r"\bkill\s+(?:myself|my self)", {"kill"}),
    (r"\bsuicid\w*", {"suicid"}),
    (r"\b(?:i|me) want", {" want"}),
    (r"x?y", {"y"}),
    (r"(?:ab|)c", {"c"}),
    (r"a+b*", {"a"}),
])
def test_the_words_a_pattern_needs(pattern, need):
    assert needed(re.compile(pattern)) == need


@pytest.mark.parametrize("pattern", [r"\w+", r"(?i:kill)", r"(?:a|)", r"x?", r"(?=kill)"])
def test_nothing_is_needed_when_nothing_is_sure(pattern):
    assert needed(re.compile(pattern)) is None
    assert Prefiltered(re.compile(pattern)).search("KILL me") is not None or \
        re.compile(pattern).search("KILL me") is None


def test_every_rule_finds_what_its_pattern_finds_on_the_training_messages():
    data = yaml.safe_load(TRAIN.read_text(encoding="utf-8"))
    texts = [c["text"] for c in data["crisis"]]
    texts += [t if isinstance(t, str) else t["text"] for t in data["non_crisis"]]
    canons = [canonical(t) for t in texts]
    patterns = _rule_patterns()
    assert sum(p.need is None for p in patterns) <= 2  # nearly every rule needs some words
    # Text by text, as a message is read (each text's needed strings are found once).
    wrong = [(p.pattern.pattern, text) for text in canons for p in patterns
             if (p.search(text) is None) != (p.pattern.search(text) is None)]
    assert wrong == []


@given(st.text(alphabet="abcikmlsy ", max_size=30))
def test_a_skipped_pattern_could_not_have_matched(text):
    for source in (r"\bkill\s+(?:myself|my self)", r"\b(?:i|me) (?:am )?sick", r"(?:ab|)c+"):
        pattern = re.compile(source)
        assert (Prefiltered(pattern).search(text) is None) == (pattern.search(text) is None)


def test_the_strings_found_in_a_text_are_exactly_the_needed_strings_it_holds():
    data = yaml.safe_load(TRAIN.read_text(encoding="utf-8"))
    texts = [c["text"] for c in data["crisis"]][::5] + ["", "a", "od", "I'm OK"]
    every = {s for p in _rule_patterns() if p.need for s in p.need}
    for text in texts + [canonical(t) for t in texts]:
        got = found_in(text)  # (other tests' patterns may add strings of their own)
        assert {s for s in every if s in text} <= got and all(s in text for s in got), text
