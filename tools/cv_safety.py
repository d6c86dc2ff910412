"""Cross-validated safety figures on the TRAINING messages, with the rules applied as shipped.

    python -m tools.cv_safety              thresholds chosen as ``make models`` chooses them
    python -m tools.cv_safety --shipped    thresholds as the shipped crisis model keeps them
    python -m tools.cv_safety --misses     and list the messages each figure gets wrong

Each message of tests/data/crisis_train.yaml, and each everyday message of needs_train.yaml, is
scored by a crisis model that never saw it (``train_models.cross_validated``, 5 folds); then
every message goes through ``safety.assess_scores``, the code the bot runs, with those scores.
The out-of-fold scores are cached in .cache/ (keyed by the training files and the model's
settings), so trying a change to the rules takes seconds. The held-out and blind files are not
read. The rules were written with the training messages in view, so the rules' share of these
figures is optimistic: the held-out and blind benches are the honest ones.
"""

from __future__ import annotations

import hashlib
import json
import sys

import numpy as np

from bot.understanding.safety import CRISIS_KINDS, assess_scores
from bot.understanding.textmodel import load_model
from tools.train_models import (
    CACHE,
    CRISIS_TRAIN,
    EMBED_SCALE,
    FOLDS,
    NEEDS_TRAIN,
    NO_NEED,
    C,
    choose_thresholds,
    crisis_corpus,
    cross_validated,
    embeddings,
)

_KEYS = ("alarm_threshold", "rule_alarm_threshold", "check_threshold", "rule_check_threshold")


def out_of_fold() -> tuple[list[str], list[str], int, list[dict[str, float]]]:
    """The crisis corpus (texts, labels, how many from the crisis file) and each message's
    class probabilities from a model that never saw it."""
    texts, labels, n = crisis_corpus()
    key = hashlib.sha256(CRISIS_TRAIN.read_bytes() + NEEDS_TRAIN.read_bytes()
                         + f"{C}/{EMBED_SCALE}/{FOLDS}/{CACHE.name}".encode()).hexdigest()[:16]
    path = CACHE.parent / f"cv-crisis-{key}.json"
    if path.exists():
        return texts, labels, n, json.loads(path.read_text(encoding="utf-8"))
    probs = cross_validated(texts, labels, (NO_NEED, *CRISIS_KINDS), lambda p: p,
                            embeddings(texts))
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(probs), encoding="utf-8")
    return texts, labels, n, probs


def _share(flags: list[bool]) -> str:
    return f"{np.mean(flags):.3f} ({sum(flags)}/{len(flags)})" if flags else "n/a"


def report(shipped: bool = False, misses: bool = False) -> dict[str, float]:
    """Print the figures; return the main ones."""
    texts, labels, n, probs = out_of_fold()
    if shipped:
        meta = {k: load_model("crisis_model").meta[k] for k in _KEYS}
    else:
        scores = np.array([1.0 - p[NO_NEED] for p in probs])
        meta = {k: v for k, v in choose_thresholds(scores, texts, labels, n).items() if k != "cv"}
    got = [assess_scores(t, p, meta) for t, p in zip(texts, probs, strict=True)]
    crises = [i for i in range(n) if labels[i] != NO_NEED]
    alike = [i for i in range(n) if labels[i] == NO_NEED]
    ordinary = list(range(n, len(texts)))
    medical = [i for i in crises if labels[i] == "medical"]
    figures = {
        "crisis reply recall": [got[i].alarm for i in crises],
        "crisis reply on look-alikes": [got[i].alarm for i in alike],
        "crisis reply on everyday messages": [got[i].alarm for i in ordinary],
        "reply or check-in recall": [got[i].alarm or got[i].check_in for i in crises],
        "check-in line on look-alikes": [got[i].check_in for i in alike],
        "check-in line on everyday messages": [got[i].check_in for i in ordinary],
        "medical: crisis reply": [got[i].alarm for i in medical],
        "medical: crisis reply of kind medical": [got[i].kind == "medical" for i in medical],
        "rules alone: crisis reply on look-alikes": [got[i].rule_alone for i in alike],
        "rules alone: crisis reply on everyday": [got[i].rule_alone for i in ordinary],
    }
    figures |= {f"{kind}: crisis reply": [got[i].alarm for i in crises if labels[i] == kind]
                for kind in CRISIS_KINDS if kind != "medical"}
    print("thresholds:", meta)
    for name, flags in figures.items():
        print(f"  {name:42} {_share(flags)}")
    if misses:
        _print_misses(texts, labels, got, crises, alike, ordinary)
    return {name: float(np.mean(flags)) for name, flags in figures.items() if flags}


def _print_misses(texts, labels, got, crises, alike, ordinary) -> None:
    print("\ncrises without the crisis reply:")
    for i in crises:
        if not got[i].alarm:
            print(f"  [{labels[i]}] {got[i].score:.2f} {'check-in' if got[i].check_in else '-':8}"
                  f" {texts[i]}")
    print("\nlook-alikes with the crisis reply:")
    for i in alike:
        if got[i].alarm:
            print(f"  {got[i].score:.2f} rule={got[i].rule_kind} alone={got[i].rule_alone}"
                  f" {texts[i]}")
    print("\neveryday messages with the crisis reply or the check-in line:")
    for i in ordinary:
        if got[i].alarm or got[i].check_in:
            print(f"  {got[i].score:.2f} {'REPLY' if got[i].alarm else 'check'} "
                  f"rule={got[i].rule_kind} {texts[i]}")


if __name__ == "__main__":
    report(shipped="--shipped" in sys.argv[1:], misses="--misses" in sys.argv[1:])
