"""Steps of the encoder's graph that change no value are left out (bot/understanding/graph_trim.py):
the same numbers come out, bit for bit, and anything else is left as it is."""

from __future__ import annotations

import numpy as np
import onnxruntime
import pytest

from bot.understanding import embed
from bot.understanding.graph_trim import trimmed
from bot.understanding.lean_graph import gather_first
from bot.understanding.onnx_wire import attribute_ints, nodes_of

# --- tiny ONNX files, written field by field (onnx/onnx.proto numbers) ------------------------


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    return bytes(out + bytes([n]))


def _bytes(field: int, payload: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def _str(field: int, text: str) -> bytes:
    return _bytes(field, text.encode())


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _tensor(name: str, array: np.ndarray) -> bytes:
    code = {np.dtype(np.float32): 1, np.dtype(np.int64): 7}[array.dtype]
    return (b"".join(_int(1, d) for d in array.shape) + _int(2, code) + _str(8, name)
            + _bytes(9, array.astype(array.dtype.newbyteorder("<")).tobytes()))


def _node(op: str, inputs: list[str], outputs: list[str], *attributes: bytes) -> bytes:
    return (b"".join(_str(1, i) for i in inputs) + b"".join(_str(2, o) for o in outputs)
            + _str(3, f"{op}_{outputs[0]}") + _str(4, op) + b"".join(attributes))


def _int_attribute(name: str, value: int) -> bytes:
    return _bytes(5, _str(1, name) + _int(3, value) + _int(20, 2))


def _value(name: str, dims: list[int | str]) -> bytes:
    shape = b"".join(_bytes(1, _str(2, d) if isinstance(d, str) else _int(1, d)) for d in dims)
    return _str(1, name) + _bytes(2, _bytes(1, _int(1, 1) + _bytes(2, shape)))


def _model(nodes: list[bytes], constants: dict[str, np.ndarray],
           inputs: list[bytes], outputs: list[bytes]) -> bytes:
    graph = (b"".join(_bytes(1, n) for n in nodes) + _str(2, "tiny")
             + b"".join(_bytes(5, _tensor(k, v)) for k, v in constants.items())
             + b"".join(_bytes(11, i) for i in inputs) + b"".join(_bytes(12, o) for o in outputs))
    return _int(1, 8) + _bytes(8, _str(1, "") + _int(2, 17)) + _bytes(7, graph)


def _run(model: bytes, **inputs: np.ndarray) -> list[np.ndarray]:
    session = onnxruntime.InferenceSession(model, providers=["CPUExecutionProvider"])
    return session.run(None, inputs)


def _ops(model: bytes) -> list[str]:
    """The kinds of the model's nodes, in order."""
    return [node.op for node in nodes_of(model)]


RNG = np.random.default_rng(29)

# --- the NaN guard after a softmax -------------------------------------------------------------

def _guarded(after: str = "Softmax") -> bytes:
    nodes = [_node(after, ["x"], ["p"]), _node("IsNaN", ["p"], ["bad"]),
             _node("Where", ["bad", "zero", "p"], ["y"]), _node("Neg", ["y"], ["out"])]
    return _model(nodes, {"zero": np.array(0, dtype=np.float32)}, [_value("x", [2, 5])],
                  [_value("out", [2, 5])])


def test_a_softmax_is_read_as_it_is_without_its_nan_guard():
    model = _guarded()
    lean = trimmed(model)
    assert _ops(lean) == ["Softmax", "Neg"]
    x = RNG.normal(size=(2, 5)).astype(np.float32)
    x[1, 2:] = np.finfo(np.float32).min  # masked as our attention masks keys
    (want,), (got,) = _run(model, x=x), _run(lean, x=x)
    assert np.array_equal(got, want)


def test_a_nan_guard_after_anything_but_a_softmax_stays():
    model = _guarded(after="Neg")
    assert trimmed(model) == model


# --- the keys turned in one step ---------------------------------------------------------------

KEYS_SHAPES = {name: np.array([value], dtype=np.int64) for name, value in (
    ("minus_one", -1), ("from_end_2", -2), ("big", 2**63 - 1), ("small", -(2**63)))}


def _keys_model(second_shape: tuple[str, str, str] = ("front", "last", "second_last")) -> bytes:
    """k (b, n, h, d) turned to (b, h, d, n) as the exported MiniLM graph does it."""
    nodes = [
        _node("Transpose", ["k"], ["heads"], attribute_ints("perm", (0, 2, 1, 3))),
        _node("Shape", ["heads"], ["shape"], _int_attribute("start", 0)),
        _node("Slice", ["shape", "minus_one", "big"], ["last"]),
        _node("Slice", ["shape", "from_end_2", "minus_one"], ["second_last"]),
        _node("Slice", ["shape", "small", "from_end_2"], ["front"]),
        _node("Concat", ["minus_one", "second_last", "last"], ["flat_shape"],
              _int_attribute("axis", 0)),
        _node("Reshape", ["heads", "flat_shape"], ["flat"], _int_attribute("allowzero", 0)),
        _node("Transpose", ["flat"], ["turned"], attribute_ints("perm", (0, 2, 1))),
        _node("Concat", list(second_shape), ["keys_shape"], _int_attribute("axis", 0)),
        _node("Reshape", ["turned", "keys_shape"], ["keys"], _int_attribute("allowzero", 0)),
    ]
    return _model(nodes, KEYS_SHAPES, [_value("k", ["b", "n", 4, 8])],
                  [_value("keys", ["b", 4, 8, "n"])])


def test_keys_turned_in_five_steps_are_turned_in_one():
    model = _keys_model()
    lean = trimmed(model)
    assert _ops(lean) == ["Transpose"]
    for batch, pieces in ((1, 1), (1, 7), (3, 12)):
        k = RNG.normal(size=(batch, pieces, 4, 8)).astype(np.float32)
        (want,), (got,) = _run(model, k=k), _run(lean, k=k)
        assert got.shape == (batch, 4, 8, pieces) and np.array_equal(got, want)
        assert np.array_equal(got, k.transpose(0, 2, 3, 1))


def test_keys_reshaped_any_other_way_are_left_as_they_are():
    model = _keys_model(second_shape=("front", "second_last", "last"))  # not turned back
    assert trimmed(model) == model


# --- the shipped encoder --------------------------------------------------------------------


def _untrimmed() -> bytes:
    """The encoder as it was before: the package's file, its embedding rows looked up first."""
    return gather_first(embed._checked_bytes(embed._package_model(), embed.MODEL_SHA256))


def test_the_shipped_encoder_runs_without_those_steps():
    ops = _ops(embed.model_bytes())
    assert "IsNaN" not in ops and "Slice" in ops  # the position ids are still sliced
    assert ops.count("Transpose") == 4 * 6  # queries, keys, values and the heads joined
    full = _ops(_untrimmed())
    assert len(full) - len(ops) == 6 * 2 + 6 * 9  # the guards; four steps and their shapes


@pytest.mark.parametrize("pieces", [1, 9, 128])
def test_the_shipped_encoder_gives_the_same_numbers(pieces):
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    full = onnxruntime.InferenceSession(
        _untrimmed(),
        options, providers=["CPUExecutionProvider"])
    ids = RNG.integers(1000, 29000, size=(2, pieces)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1, pieces // 2 + 1:] = 0  # a padded row too
    inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    assert np.array_equal(embed.embedder().session.run(None, inputs)[0],
                          full.run(None, inputs)[0])
