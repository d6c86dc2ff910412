"""The encoder looks up embedding rows before widening them (bot/understanding/lean_graph.py):
the vectors, and so the crisis and needs probabilities, are exactly those of the file as shipped.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime
import pytest
import yaml

from bot.understanding import embed
from bot.understanding.lean_graph import gather_first
from bot.understanding.textmodel import feature_counts, hashed_features, load_model

DATA = Path(__file__).parent / "data"

# --- a tiny ONNX file, written field by field (onnx/onnx.proto numbers) -----------------------


def _varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    return bytes(out + bytes([n]))


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _bytes(field: int, payload: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def _str(field: int, text: str) -> bytes:
    return _bytes(field, text.encode())


def _tensor(name: str, array: np.ndarray) -> bytes:
    code = {np.dtype(np.float32): 1, np.dtype(np.int8): 3}[array.dtype]
    return (b"".join(_int(1, d) for d in array.shape) + _int(2, code) + _str(8, name)
            + _bytes(9, array.tobytes()))


def _node(op: str, inputs: list[str], outputs: list[str], **ints: int) -> bytes:
    attributes = b"".join(_bytes(5, _str(1, k) + _int(3, v) + _int(20, 2))  # type INT
                          for k, v in ints.items())
    return (b"".join(_str(1, i) for i in inputs) + b"".join(_str(2, o) for o in outputs)
            + _str(3, f"{op}_{outputs[0]}") + _str(4, op) + attributes)


def _value(name: str, elem: int, dims: list[int | str]) -> bytes:
    shape = b"".join(_bytes(1, _str(2, d) if isinstance(d, str) else _int(1, d)) for d in dims)
    return _str(1, name) + _bytes(2, _bytes(1, _int(1, elem) + _bytes(2, shape)))


def _model(nodes: list[bytes], tensors: list[bytes], outputs: list[bytes]) -> bytes:
    graph = (b"".join(_bytes(1, n) for n in nodes) + _str(2, "tiny")
             + b"".join(_bytes(5, t) for t in tensors) + _bytes(11, _value("ids", 7, ["n"]))
             + b"".join(_bytes(12, o) for o in outputs))
    return _int(1, 8) + _bytes(8, _str(1, "") + _int(2, 17)) + _bytes(7, graph)


RNG = np.random.default_rng(24)
TABLE = RNG.integers(-128, 128, size=(7, 5), dtype=np.int8)
SCALES = {"row": RNG.uniform(0.001, 0.1, size=(7, 1)).astype(np.float32),
          "column": RNG.uniform(0.001, 0.1, size=(1, 5)).astype(np.float32),
          "one": np.array([0.0371], dtype=np.float32)}


def _table_model(scale: np.ndarray, axis: int = 0, also_read: bool = False) -> bytes:
    nodes = [_node("Cast", ["table_q"], ["table_f"], to=1),
             _node("Mul", ["table_f", "scale"], ["table"]),
             _node("Gather", ["table", "ids"], ["rows"], axis=axis)]
    outputs = [_value("rows", 1, ["a", "b"])]
    if also_read:
        nodes.append(_node("Identity", ["table"], ["whole"]))
        outputs.append(_value("whole", 1, [7, 5]))
    return _model(nodes, [_tensor("table_q", TABLE), _tensor("scale", scale)], outputs)


def _run(model: bytes, ids: list[int]) -> list[np.ndarray]:
    session = onnxruntime.InferenceSession(model, providers=["CPUExecutionProvider"])
    return session.run(None, {"ids": np.array(ids, dtype=np.int64)})


@pytest.mark.parametrize("scale", list(SCALES))
def test_rows_looked_up_first_are_the_same_floats(scale):
    model = _table_model(SCALES[scale])
    lean = gather_first(model)
    assert lean != model
    ids = [0, 6, 3, 3, 1]
    (want,), (got,) = _run(model, ids), _run(lean, ids)
    assert got.dtype == np.float32 and np.array_equal(got, want)
    assert np.array_equal(want, (TABLE.astype(np.float32) * SCALES[scale])[ids])


@pytest.mark.parametrize("model", [
    _table_model(SCALES["row"], axis=1),  # columns are looked up, not rows
    _table_model(SCALES["row"], also_read=True),  # the whole widened table is wanted too
], ids=["axis 1", "table read elsewhere"])
def test_a_table_read_any_other_way_is_left_as_it_is(model):
    assert gather_first(model) == model


def test_a_file_without_a_graph_is_left_as_it_is():
    assert gather_first(b"") == b""
    assert gather_first(_int(1, 8)) == _int(1, 8)


# --- the shipped encoder and models ----------------------------------------------------------


def _training_messages(count: int = 300) -> list[str]:
    crisis = yaml.safe_load((DATA / "crisis_train.yaml").read_text(encoding="utf-8"))
    needs = yaml.safe_load((DATA / "needs_train.yaml").read_text(encoding="utf-8"))
    texts = [c["text"] for c in crisis["crisis"]]
    texts += [t if isinstance(t, str) else t["text"] for t in crisis["non_crisis"]]
    texts += [i["text"] for i in needs["items"]]
    return texts[::max(1, len(texts) // count)][:count]


MESSAGES = _training_messages()


@pytest.fixture(scope="module")
def shipped_file_session() -> onnxruntime.InferenceSession:
    """The encoder built from the package's file as it is, as before lean_graph.py."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = False
    return onnxruntime.InferenceSession(str(embed.model_file()), options,
                                        providers=["CPUExecutionProvider"])


def _inputs(texts: list[str]) -> dict[str, np.ndarray]:
    encodings = embed.embedder().tokenizer.encode_batch(texts)
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(texts), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, e in enumerate(encodings):
        ids[row, :len(e.ids)] = e.ids
        mask[row, :len(e.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def _pooled(session: onnxruntime.InferenceSession, text: str) -> np.ndarray:
    """The unit-length mean of the hidden states, as Embedder.vectors pools them."""
    inputs = _inputs([text])
    hidden = session.run(None, inputs)[0]
    weights = inputs["attention_mask"][:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))[0]


def test_the_encoder_gives_the_shipped_files_hidden_states_bit_for_bit(shipped_file_session):
    session = embed.embedder().session
    for text in MESSAGES[::3]:
        inputs = _inputs([text])
        assert np.array_equal(session.run(None, inputs)[0],
                              shipped_file_session.run(None, inputs)[0]), text
    padded = _inputs(MESSAGES[:32])  # a batch, padded to its longest
    assert np.array_equal(session.run(None, padded)[0], shipped_file_session.run(None, padded)[0])


def _previous_scores(name: str, text: str, vector: np.ndarray) -> np.ndarray:
    """LinearModel.scores as it was written before the features were shared."""
    model = load_model(name)
    counts = feature_counts(text)
    z = model.intercept.copy()
    if counts:
        ids = np.fromiter(counts.keys(), dtype=np.uint32, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        at = np.searchsorted(model.rows, ids)
        at[at == len(model.rows)] = 0
        seen = model.rows[at] == ids
        at, tf = at[seen], tf[seen]
        values = (1.0 + np.log(tf)) * model.idf[at]
        norm = np.sqrt((values * values).sum())
        values = values / norm if norm else values
        if len(at):
            z = model.intercept + values @ model.weights[at]
    if model.dense is not None and text.strip():
        z = z + (vector @ model.dense).astype(np.float64)
    e = np.exp(z - z.max())
    return e / e.sum()


def test_crisis_and_needs_probabilities_are_those_of_the_shipped_file(shipped_file_session):
    for text in MESSAGES:
        vector = _pooled(shipped_file_session, text)
        assert np.array_equal(embed.embed(text), vector), text
        for name in ("crisis_model", "needs_model"):
            model = load_model(name)
            got = np.array([model.scores(text)[label] for label in model.labels])
            assert np.abs(got - _previous_scores(name, text, vector)).max() <= 1e-9, (name, text)


def test_a_message_is_hashed_once_for_both_models():
    text = "skint and the electric is off"
    ids, tf = hashed_features(text)
    counts = feature_counts(text)
    assert ids.tolist() == list(counts) and tf.tolist() == list(counts.values())
    assert hashed_features(text)[0] is ids and not ids.flags.writeable


def test_the_session_lets_go_of_the_file_it_was_built_from():
    assert getattr(embed.embedder().session, "_model_bytes", None) is None


def test_one_message_is_read_as_a_batch_of_one_reads_it():
    encoder = embed.embedder()
    odd = ["", " ", "\ud800 a lone surrogate", "x" * 2000, "ÉCOLE café", "ok"]
    for text in MESSAGES[::2] + odd:
        one, batch = encoder.vector(text), encoder.vectors([text])[0]
        assert one.dtype == batch.dtype and np.array_equal(one, batch), text
