"""A small linear text classifier: TF-IDF over hashed word and letter n-grams, and (when trained
with them) the message's MiniLM sentence embedding, in one softmax; weights from a file.

The weights are trained offline with scikit-learn (``tools.train_models.py``) on the training
part of the labelled messages in ``tests/data/`` only; workers just load the exported file and do
one sparse dot product, so a message costs a fraction of a millisecond and needs no scikit-learn.
``feature_counts`` is the one definition of the features that training and the app share.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from bot.understanding.normalise import normalise

#: Features are hashed into this many buckets (a power of two).
BUCKETS = 1 << 20
#: Letter runs of these lengths, across the whole normalised message (spaces included).
CHAR_SIZES = (3, 4, 5, 6)
DATA_DIR = Path(__file__).resolve().parent / "data"


#: The CRC-32 of each feature kind's prefix: ``crc32(name, _PREFIX["w"])`` is the CRC-32 of
#: "w|" + name without building the string.
_PREFIX = {kind: zlib.crc32(f"{kind}|".encode()) for kind in "wbc"}


def feature_counts(text: str) -> Counter[int]:
    """Bucket -> count for words, word pairs and letter runs (so typos still share most)."""
    norm = normalise(text).encode()  # letters, digits and spaces only: one byte a letter
    words = norm.split()
    crc, mask, word, pair, run = zlib.crc32, BUCKETS - 1, _PREFIX["w"], _PREFIX["b"], _PREFIX["c"]
    ids = [crc(w, word) & mask for w in words]
    ids += [crc(a + b" " + b, pair) & mask for a, b in zip(words, words[1:], strict=False)]
    padded = b" " + norm + b" "
    for n in CHAR_SIZES:
        ids += [crc(padded[i:i + n], run) & mask for i in range(len(padded) - n + 1)]
    return Counter(ids)


@lru_cache(maxsize=16)
def hashed_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """``feature_counts`` as arrays (bucket ids, counts), read-only; remembered for the last few
    messages, so the crisis and the needs model hash a message once between them."""
    counts = feature_counts(text)
    ids = np.fromiter(counts.keys(), dtype=np.uint32, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    ids.flags.writeable = tf.flags.writeable = False
    return ids, tf


def _ones(words: np.ndarray) -> np.ndarray:
    """The number of bits set in each 64-bit word."""
    if hasattr(np, "bitwise_count"):  # numpy 2
        return np.bitwise_count(words).astype(np.int64)
    w = words - ((words >> np.uint64(1)) & np.uint64(0x5555555555555555))
    w = (w & np.uint64(0x3333333333333333)) + ((w >> np.uint64(2)) & np.uint64(0x3333333333333333))
    w = (w + (w >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return ((w * np.uint64(0x0101010101010101)) >> np.uint64(56)).astype(np.int64)


def _encode(array: np.ndarray, dtype: str) -> str:
    return base64.b64encode(array.astype(dtype).tobytes()).decode()


def _decode(text: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype)


@dataclass(frozen=True)
class LinearModel:
    """Softmax weights for some labels over the buckets seen in training."""

    labels: tuple[str, ...]
    intercept: np.ndarray
    rows: np.ndarray  # sorted bucket ids seen in training
    idf: np.ndarray  # the inverse document frequency of each row
    weights: np.ndarray  # len(rows) x len(labels)
    meta: dict
    #: Weights on the message's sentence embedding (``embed.py``), DIMENSION x len(labels), already
    #: multiplied by the scale the embedding had in training; None for n-grams alone.
    dense: np.ndarray | None = None

    @cached_property
    def _row_of(self) -> tuple[np.ndarray, np.ndarray]:
        """Which buckets have a row, one bit each (64 to a word), and how many rows come before
        each word: a bucket's row is found with two lookups, not a binary search over all the
        rows (whose memory a long search through, after the encoder ran, mostly misses)."""
        words = np.zeros(BUCKETS // 64, dtype=np.uint64)
        np.bitwise_or.at(words, self.rows >> 6,
                         np.left_shift(np.uint64(1), (self.rows & 63).astype(np.uint64)))
        before = np.zeros(len(words), dtype=np.int64)
        np.cumsum(_ones(words)[:-1], out=before[1:])
        return words, before

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The rows present in ``text`` and their TF-IDF values (sublinear tf, L2-normalised);
        buckets never seen in training are left out, as scikit-learn leaves them out."""
        ids, tf = hashed_features(text)
        if not len(ids):
            return np.empty(0, dtype=np.int64), np.empty(0)
        words, before = self._row_of
        word = words[ids >> 6]
        bit = np.left_shift(np.uint64(1), (ids & 63).astype(np.uint64))
        seen = (word & bit) != 0
        # The bucket's row: the rows before its word, and those before it within the word.
        at = before[ids >> 6] + _ones(word & (bit - np.uint64(1)))
        at, tf = at[seen], tf[seen]
        values = (1.0 + np.log(tf)) * self.idf[at]
        norm = np.sqrt((values * values).sum())
        return at, (values / norm if norm else values)

    def scores(self, text: str) -> dict[str, float]:
        """A probability for each label (they add up to 1)."""
        at, values = self.vector(text)
        z = self.intercept + values @ self.weights[at] if len(at) else self.intercept.copy()
        if self.dense is not None and text.strip():
            from bot.understanding.embed import embed

            z = z + (embed(text) @ self.dense).astype(np.float64)
        e = np.exp(z - z.max())
        p = e / e.sum()
        return {label: float(x) for label, x in zip(self.labels, p, strict=True)}

    def to_json(self) -> str:
        return json.dumps({
            "labels": list(self.labels),
            "intercept": [round(float(x), 6) for x in self.intercept],
            "rows": _encode(self.rows, "<u4"), "idf": _encode(self.idf, "<f4"),
            "weights": _encode(self.weights, "<f4"), "meta": self.meta,
        } | ({} if self.dense is None else {"dense": _encode(self.dense, "<f4"),
                                           "dense_dim": int(self.dense.shape[0])}), indent=1)

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        data = json.loads(text)
        labels = tuple(data["labels"])
        rows = _decode(data["rows"], "<u4")
        weights = _decode(data["weights"], "<f4")  # float32 in memory: half the size
        dense = None
        if "dense" in data:
            dense = _decode(data["dense"], "<f4").reshape(
                data["dense_dim"], len(labels))
        return cls(labels, np.asarray(data["intercept"], dtype=np.float64), rows,
                   _decode(data["idf"], "<f4").astype(np.float64),
                   weights.reshape(len(rows), len(labels)), data.get("meta", {}), dense)


@lru_cache(maxsize=4)
def load_model(name: str) -> LinearModel:
    """A shipped model by file stem ("crisis_model", "needs_model"), loaded once per process."""
    from bot.understanding.embed import give_back_memory

    model = LinearModel.from_json((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    model._row_of  # noqa: B018 - built now, so its scratch memory is given back below
    give_back_memory()  # the parsed JSON text was large and is gone
    return model
