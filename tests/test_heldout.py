"""The honest figures: crisis and needs understanding on the frozen held-out messages.

The held-out files were split once from the rest (see their headers) and are never used to tune
the rules, the lexicon or the classifiers. Their fingerprints are pinned here, so editing them
fails the suite; the shipped models must have been trained on the training files as they are.

Measured 2026-12-06 after issue 24 (``make bench`` prints them with 95% intervals), TF-IDF and
MiniLM embeddings fused, rules that know context:
- crisis reply first: recall 0.850 (was 0.505), false alarms 0.032 (was 0.020);
- safety numbers (crisis reply or the check-in line): recall 0.937 (was 0.988), on other
  messages 0.076 (was 0.194);
- needs: main need right 0.870 (was 0.784; the held-out file still labels baby items and school
  uniform "family", which are "essentials" now).
The safety-numbers recall went DOWN on purpose: the issue caps the check-in line at about 5% of
everyday messages, and the threshold that meets that (chosen by cross-validation on training
messages) gives up some look-alike crises that only the check-in line caught. The false alarms
are 0.002 over the 0.03 budget (16 of 501). The floors below guard what was reached.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench.understanding import crisis_figures, load_crisis, load_needs, needs_figures
from bot.understanding.textmodel import load_model

# Scores whole corpora (bench figures guarded): slow, so make test-fast leaves it out.
pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
FROZEN = {
    "crisis_heldout.yaml": "90c4977ffd74b91b5bf6e5e92417daf17cce90fba09009031830f642b4f002f1",
    "needs_heldout.yaml": "39ae7b10f708aec460666e12d2859a4c638114dcdf82a088c549c97958e7a433",
}
MAX_ALARM_FALSE_ALARMS = 0.035
MIN_SAFETY_RECALL = 0.93
MIN_ALARM_RECALL = 0.84
MAX_CHECK_IN_ON_OTHER_MESSAGES = 0.08
MIN_NEEDS_MAIN = 0.86


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_held_out_files_are_frozen():
    assert {name: _sha256(DATA / name) for name in FROZEN} == FROZEN


def test_the_held_out_set_is_big_and_apart_from_training():
    crisis, other = load_crisis("crisis_heldout")
    train_crisis, train_other = load_crisis("crisis_train")
    needs, train_needs = load_needs("needs_heldout"), load_needs("needs_train")
    assert len(crisis) + len(train_crisis) >= 1500 and len(other) + len(train_other) >= 1500
    assert len(needs) + len(train_needs) >= 2000
    held = {c["text"].lower() for c in crisis} | {t.lower() for t in other}
    held |= {i["text"].lower() for i in needs}
    seen = {c["text"].lower() for c in train_crisis} | {t.lower() for t in train_other}
    seen |= {i["text"].lower() for i in train_needs}
    assert held & seen == set()


def test_the_shipped_models_were_trained_on_the_training_files_as_they_are():
    for model, data in (("crisis_model", "crisis_train.yaml"), ("needs_model", "needs_train.yaml")):
        assert load_model(model).meta["trained_on"]["sha256"] == _sha256(DATA / data), model


def test_crisis_on_held_out_messages():
    figures = crisis_figures(*load_crisis("crisis_heldout"))
    assert figures.safety_recall.value >= MIN_SAFETY_RECALL, figures.missed
    assert figures.alarm_false_alarms.value <= MAX_ALARM_FALSE_ALARMS
    assert figures.alarm_recall.value >= MIN_ALARM_RECALL
    assert figures.safety_false_alarms.value <= MAX_CHECK_IN_ON_OTHER_MESSAGES


def test_needs_on_held_out_messages():
    figures = needs_figures(load_needs("needs_heldout"))
    assert figures.main_right.value >= MIN_NEEDS_MAIN, figures.misses


# --- The blind round of 2026-12-06 ---------------------------------------------------------
#
# Drafted on 2026-12-06 by a fresh writer who never read the corpus, while the models were being
# built; kept sealed from the models' author, added here only once the models were frozen, and
# scored once (``python -m bench.blind tests/data/blind_crisis_2026-12-06.yaml``). Nothing was
# tuned on it. Measured 2026-12-06 (95% Wilson intervals), before -> after issue 24:
# - full crisis reply: 0.627 -> 0.839 (317/378, 0.798-0.872); medical 0.311 -> 0.797 (59/74);
# - crisis reply or check-in line: 0.987 -> 0.905 (342/378, 0.871-0.930): 36 crises, mostly
#   indirect ("going up the woods with a rope tonight") and medical told as symptoms, now get
#   no safety line at all, where the old check-in line on one message in five caught them;
# - ordinary messages: false alarms 0.077 -> 0.062 (26/416), check-in line 0.197 -> 0.043;
# - main need right: 0.745 -> 0.821 (302/368).
# The targets (0.93 full reply, every crisis at least the check-in line, 0.03 false
# alarms, 0.95 medical and needs) are NOT met; the floors below guard what was reached.
BLIND = {
    "blind_crisis_2026-12-06.yaml":
        "1c09bf5e7fb414228c52ef33b0b20099709c5b213956d3ac300646421c620863",
    "blind_needs_2026-12-06.yaml":
        "d64659f4ed6e56b0e1a5ee16fb419fa5edded89ada925434a823fe00e60341ae",
}


def _read_blind(name: str) -> dict:
    import yaml

    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _understood(texts: list[str]):
    from types import SimpleNamespace

    from bot.understanding.message import understand

    return [understand(text, lambda _: SimpleNamespace(found=False)) for text in texts]


def test_the_blind_round_is_frozen():
    assert {name: _sha256(DATA / name) for name in BLIND} == BLIND


def test_crisis_on_the_blind_round():
    data = _read_blind("blind_crisis_2026-12-06.yaml")
    crises = _understood([item["text"] for item in data["crisis"]])
    ordinary = _understood([item["text"] for item in data["non_crisis"]])
    medical = [u for u, item in zip(crises, data["crisis"], strict=True)
               if item["kind"] == "medical"]
    assert sum(u.crisis for u in crises) / len(crises) >= 0.83
    assert sum(u.crisis or u.check_in for u in crises) / len(crises) >= 0.90
    assert sum(u.crisis for u in medical) / len(medical) >= 0.79
    assert sum(u.crisis for u in ordinary) / len(ordinary) <= 0.065
    assert sum(u.check_in and not u.crisis for u in ordinary) / len(ordinary) <= 0.05


def test_needs_on_the_blind_round():
    items = _read_blind("blind_needs_2026-12-06.yaml")["items"]
    read = _understood([item["text"] for item in items])
    right = sum(1 for u, item in zip(read, items, strict=True)
                if u.needs and u.needs[0] == item["needs"][0])
    assert right / len(items) >= 0.81
