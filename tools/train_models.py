"""Train the crisis and needs classifiers from the TRAINING messages; write their weight files.

    python -m tools.train_models        (or: make models)

Offline only: the app never imports this (it needs scikit-learn, a development dependency) and
never reads tests/data at run time. The held-out files are not read here at all. Thresholds are
chosen by 5-fold cross-validation on the training part, and the figures are kept in each file's
``meta`` so the benchmark can show how the model was built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bot.understanding.needs import fused_main, lexicon_needs
from bot.understanding.safety import crisis_rule
from bot.understanding.textmodel import DATA_DIR, LinearModel, feature_counts
from directory.needs import NEED_SLUGS

ROOT = Path(__file__).resolve().parents[1]
CRISIS_TRAIN = ROOT / "tests" / "data" / "crisis_train.yaml"
NEEDS_TRAIN = ROOT / "tests" / "data" / "needs_train.yaml"
C = 30.0
FOLDS = 5
#: Crisis operating points, on cross-validated scores with the rules as a floor.
ALARM_MAX_FALSE_ALARMS = 0.03
CHECK_MIN_RECALL = 0.98
GRID = np.round(np.arange(0.02, 0.99, 0.01), 2)
NO_NEED = "none"


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fit(texts: Sequence[str], labels: Sequence[str], classes: Sequence[str]) -> LinearModel:
    """TF-IDF (sublinear tf, smooth idf, L2) over ``feature_counts``, then logistic regression."""
    counts = [feature_counts(t) for t in texts]
    rows = np.array(sorted({b for c in counts for b in c}), dtype=np.uint32)
    index = {int(b): i for i, b in enumerate(rows)}
    df = np.zeros(len(rows))
    data, cols, ptr = [], [], [0]
    for c in counts:
        for bucket, tf in c.items():
            cols.append(index[bucket])
            data.append(1.0 + np.log(tf))
            df[index[bucket]] += 1
        ptr.append(len(cols))
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    x = sp.csr_matrix((np.array(data), np.array(cols), np.array(ptr)),
                      shape=(len(texts), len(rows)))
    x = sp.csr_matrix(x.multiply(idf.reshape(1, -1)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    norms[norms == 0] = 1
    x = sp.diags(1 / norms) @ x
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(x, list(labels))
    order = [list(model.classes_).index(c) for c in classes]
    coef = model.coef_ if len(model.classes_) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    intercept = model.intercept_ if len(model.classes_) > 2 else np.array(
        [-model.intercept_[0], model.intercept_[0]])
    return LinearModel(tuple(classes), intercept[order], rows, idf, coef[order].T.copy(), {})


def cross_validated(texts: list[str], labels: list[str], classes: Sequence[str],
                    score: Callable[[LinearModel, str], object]) -> list:
    """Each message scored by a model that never saw it (stratified 5-fold)."""
    out: list = [None] * len(texts)
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for train_at, test_at in folds.split(texts, labels):
        model = fit([texts[i] for i in train_at], [labels[i] for i in train_at], classes)
        for i in test_at:
            out[i] = score(model, texts[i])
    return out


def _rates(alarm: np.ndarray, crisis: np.ndarray) -> tuple[float, float]:
    return float(alarm[crisis].mean()), float(alarm[~crisis].mean())


def train_crisis() -> LinearModel:
    data = yaml.safe_load(CRISIS_TRAIN.read_text(encoding="utf-8"))
    texts = [c["text"] for c in data["crisis"]] + list(data["non_crisis"])
    labels = [c["kind"] for c in data["crisis"]] + [NO_NEED] * len(data["non_crisis"])
    classes = (NO_NEED, "suicide", "self-harm", "danger", "abuse")
    scores = np.array(cross_validated(texts, labels, classes,
                                      lambda m, t: 1.0 - m.scores(t)[NO_NEED]))
    crisis = np.array([label != NO_NEED for label in labels])
    rules = np.array([crisis_rule(t) is not None for t in texts])
    alarm_at = min(t for t in GRID
                   if _rates((scores >= t) | rules, crisis)[1] <= ALARM_MAX_FALSE_ALARMS)
    check_at = max(t for t in GRID
                   if _rates((scores >= t) | rules, crisis)[0] >= CHECK_MIN_RECALL)
    check_at = min(check_at, alarm_at)
    model = fit(texts, labels, classes)
    alarm_rates = _rates((scores >= alarm_at) | rules, crisis)
    check_rates = _rates((scores >= check_at) | rules, crisis)
    meta = _meta(CRISIS_TRAIN, len(texts)) | {
        "alarm_threshold": float(alarm_at), "check_threshold": float(check_at),
        "cv": {"alarm_recall": alarm_rates[0], "alarm_false_alarms": alarm_rates[1],
               "check_recall": check_rates[0], "check_false_alarms": check_rates[1]},
    }
    return LinearModel(model.labels, model.intercept, model.rows, model.idf, model.weights, meta)


def train_needs() -> LinearModel:
    items = yaml.safe_load(NEEDS_TRAIN.read_text(encoding="utf-8"))["items"]
    texts = [item["text"] for item in items]
    labels = [(item["needs"] or [NO_NEED])[0] for item in items]
    classes = (*NEED_SLUGS, NO_NEED)
    probs = cross_validated(texts, labels, classes, lambda m, t: m.scores(t))
    lexicon = [lexicon_needs(t) for t in texts]
    accuracy = {}
    for trust in np.round(np.arange(0.0, 0.51, 0.05), 2):
        # The model alone names a need only when at least half sure: below that it guessed
        # needs for a place name or a single word ("i live in Armley", "kids"), where the menu
        # serves better.
        for floor in np.round(np.arange(0.5, 0.91, 0.05), 2):
            right = [fused_main(lx, p, trust, floor) == want
                     for lx, p, want in zip(lexicon, probs, labels, strict=True)]
            accuracy[(float(trust), float(floor))] = float(np.mean(right))
    # Best accuracy; among equals, trust the lexicon more and the model only when surer.
    trust, floor = max(accuracy, key=lambda k: (round(accuracy[k], 3), -k[0], k[1]))
    model = fit(texts, labels, classes)
    meta = _meta(NEEDS_TRAIN, len(texts)) | {
        "lexicon_trust": trust, "model_floor": floor,
        "cv": {"main_accuracy": accuracy[(trust, floor)]}}
    return LinearModel(model.labels, model.intercept, model.rows, model.idf, model.weights, meta)


def _meta(path: Path, count: int) -> dict:
    return {"trained_on": {"file": path.relative_to(ROOT).as_posix(),
                           "sha256": fingerprint(path), "messages": count},
            "c": C, "folds": FOLDS, "scikit_learn": sklearn.__version__}


def main() -> None:
    import sys

    wanted = sys.argv[1:] or ["crisis_model", "needs_model"]
    for name, train in (("crisis_model", train_crisis), ("needs_model", train_needs)):
        if name not in wanted:
            continue
        model = train()
        (DATA_DIR / f"{name}.json").write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"{name}: {len(model.rows)} features; {model.meta}")


if __name__ == "__main__":
    main()
