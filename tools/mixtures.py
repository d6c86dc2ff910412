"""Mixed messages for training: a crisis told in passing beside an everyday request.

Residents often put the crisis second ("can I get a food parcel? also took everything in the
cabinet an hour ago") or first and then ask for something ordinary. A message's TF-IDF and
sentence embedding average over all its words, so a model trained on single-topic messages
scores such a message low. These mixtures teach it that a crisis anywhere in a message makes
the message a crisis, and (from everyday-with-everyday and look-alike-with-everyday pairs) that
a long two-part message is not a crisis by itself.

Each mixture is built from two training messages, chosen by a fixed seed, and carries the
indices of both, so cross-validation keeps only the mixtures whose parts are in a fold's
training part (no message leaks into the fold that scores it).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

SEED = 20261206
#: How a crisis and an everyday message are joined: "{a}" comes first, "{b}" second.
JOINS = ("{a} {b}", "{a}. Also {b}", "{a} Anyway {b}", "{a} btw {b}", "{a}, {b}",
         "{a}\n{b}", "{a}. Oh and {b}", "{a} Also, {b}")


@dataclass(frozen=True)
class Mixture:
    text: str
    label: str
    #: Indices (into the corpus) of the two messages it was built from.
    parts: tuple[int, int]


def _join(rng: random.Random, first: str, second: str) -> str:
    first = first.strip().rstrip(".")
    second = second.strip()
    if rng.random() < 0.5 and second[:1].isupper() and not second[:2].isupper():
        second = second[0].lower() + second[1:]
    return rng.choice(JOINS).format(a=first, b=second)


def mixtures(texts: Sequence[str], labels: Sequence[str], none: str,
             crises_each: int = 1) -> list[Mixture]:
    """For every crisis message, ``crises_each`` mixtures with an everyday message (crisis
    first or second, at random) labelled with the crisis's kind; and as many mixtures of two
    messages that are not crises, labelled ``none``."""
    rng = random.Random(SEED)
    crisis = [i for i, label in enumerate(labels) if label != none]
    ordinary = [i for i, label in enumerate(labels) if label == none]
    out: list[Mixture] = []
    for i in crisis:
        for _ in range(crises_each):
            j = rng.choice(ordinary)
            pair = (j, i) if rng.random() < 0.6 else (i, j)
            out.append(Mixture(_join(rng, texts[pair[0]], texts[pair[1]]), labels[i], (i, j)))
    for _ in range(len(out)):
        i, j = rng.sample(ordinary, 2)
        out.append(Mixture(_join(rng, texts[i], texts[j]), none, (i, j)))
    return out


def within_at(mixed: Sequence[Mixture], allowed: set[int]) -> list[int]:
    """The positions of the mixtures both of whose parts are in ``allowed`` (a fold's
    training part)."""
    return [i for i, m in enumerate(mixed) if m.parts[0] in allowed and m.parts[1] in allowed]


def within(mixed: Sequence[Mixture], allowed: set[int]) -> list[Mixture]:
    """The mixtures both of whose parts are in ``allowed``."""
    return [mixed[i] for i in within_at(mixed, allowed)]
