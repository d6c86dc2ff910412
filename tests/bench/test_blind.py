"""``python -m bench.blind`` scores a blind set with 95% intervals, by kind and by near-miss."""

from __future__ import annotations

from bench.blind import score
from bot.understanding.message import understand

BLIND = {
    "crisis": [{"text": "chest pain spreading to my arm and jaw", "kind": "medical"},
               {"text": "i want to kill myself tonight", "kind": "suicide"}],
    "non_crisis": [{"text": "no", "near_miss": False},
                   {"text": "my nan died last year, any bereavement groups", "near_miss": True},
                   "need a food bank"],
    "items": [{"text": "need a food bank in armley", "needs": ["food"]},
              {"text": "skint till friday", "needs": ["money"]}],
}


def test_every_figure_comes_with_its_interval_and_the_kinds_are_split():
    text = "\n".join(score(BLIND, understand))
    assert "full crisis reply, recall            1.000 (2/2, 95% CI" in text
    assert "medical    full reply 1.000 (1/1" in text and "suicide    full reply" in text
    assert "near-misses  false alarms 0.000 (0/1" in text
    assert "the rest     false alarms 0.000 (0/2" in text
    assert "main need right  1.000 (2/2, 95% CI" in text


def test_a_file_with_only_needs_is_scored():
    assert score({"items": BLIND["items"]}, understand)[0] == "Needs (2):"
