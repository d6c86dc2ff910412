"""Read and rewrite an ONNX file's graph as protobuf wire format (no ``onnx`` package at run time).

Only the graph's nodes are parsed (their kind, inputs, outputs, name and integer attributes) and
re-encoded; every other byte of the file, the 23 MB of weights among them, is kept as it is.
``edit_graph`` hands the nodes, with what a rewrite may need to know about the graph (each
initializer's shape, the values of small integer ones, the graph's outputs), to one or more
rewrites (``lean_graph.py``, ``graph_trim.py``) and puts the file back together.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["Graph", "Node", "Rewrite", "attribute_ints", "edit_graph", "nodes_of"]

_VARINT, _FIXED64, _BYTES, _FIXED32 = 0, 1, 2, 5
#: ModelProto.graph, GraphProto.node, .initializer and .output, NodeProto.input/.output/.name/
#: .op_type/.attribute, TensorProto.dims/.data_type/.int64_data/.name/.raw_data, ValueInfoProto
#: .name (onnx/onnx.proto).
_MODEL_GRAPH, _GRAPH_NODE, _GRAPH_INITIALIZER, _GRAPH_OUTPUT = 7, 1, 5, 12
_NODE_INPUT, _NODE_OUTPUT, _NODE_NAME, _NODE_OP, _NODE_ATTRIBUTE = 1, 2, 3, 4, 5
_TENSOR_DIMS, _TENSOR_TYPE, _TENSOR_INT64S, _TENSOR_NAME, _TENSOR_RAW = 1, 2, 7, 8, 9
_VALUE_NAME = 1
#: AttributeProto.name, .i, .ints and .type; the types INT and INTS; TensorProto INT64.
_ATTRIBUTE_NAME, _ATTRIBUTE_INT, _ATTRIBUTE_INTS, _ATTRIBUTE_TYPE = 1, 3, 8, 20
_TYPE_INT, _TYPE_INTS, _INT64 = 2, 7, 7
#: Integer initializers up to this many values are read (shapes, axes, slice bounds).
SMALL = 16


def _varint(buf: bytes | memoryview, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _signed(value: int) -> int:
    """A varint read back as the int64 it encodes."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _fields(buf: memoryview) -> list[tuple[int, int, memoryview, memoryview | int]]:
    """Each field of a message: (number, wire type, its raw bytes, its payload or value), as
    views into ``buf`` (the file is 23 MB: nothing is copied)."""
    out: list[tuple[int, int, memoryview, memoryview | int]] = []
    pos = 0
    while pos < len(buf):
        start = pos
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        value: memoryview | int
        if wire == _VARINT:
            value, pos = _varint(buf, pos)
        elif wire == _BYTES:
            size, pos = _varint(buf, pos)
            value, pos = buf[pos:pos + size], pos + size
        elif wire in (_FIXED64, _FIXED32):
            width = 8 if wire == _FIXED64 else 4
            value, pos = buf[pos:pos + width], pos + width
        else:
            raise ValueError(f"protobuf wire type {wire} is not used by ONNX")
        out.append((number, wire, buf[start:pos], value))
    return out


def _encode_varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # a negative int64 as ten bytes, as protobuf writes it
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _encode_varint(number << 3 | _BYTES) + _encode_varint(len(payload)) + payload


def _packed(buf: memoryview) -> list[int]:
    values, pos = [], 0
    while pos < len(buf):
        value, pos = _varint(buf, pos)
        values.append(_signed(value))
    return values


def _attribute(buf: memoryview) -> tuple[str, int | tuple[int, ...]] | None:
    """(name, value) of an integer or integer-list attribute ("axis", "perm"); None otherwise."""
    name, one, many = "", None, []
    for number, wire, _, got in _fields(buf):
        if number == _ATTRIBUTE_NAME and wire == _BYTES:
            name = bytes(got).decode()
        elif number == _ATTRIBUTE_INT and wire == _VARINT:
            one = _signed(got)
        elif number == _ATTRIBUTE_INTS and wire == _VARINT:
            many.append(_signed(got))
        elif number == _ATTRIBUTE_INTS and wire == _BYTES:
            many += _packed(got)
    if one is not None:
        return name, one
    return (name, tuple(many)) if many else None


def attribute_ints(name: str, values: Sequence[int]) -> bytes:
    """A NodeProto's attribute field holding an integer list (a Transpose's "perm")."""
    payload = _field(_ATTRIBUTE_NAME, name.encode()) + b"".join(
        _encode_varint(_ATTRIBUTE_INTS << 3 | _VARINT) + _encode_varint(v) for v in values)
    payload += _encode_varint(_ATTRIBUTE_TYPE << 3 | _VARINT) + _encode_varint(_TYPE_INTS)
    return _field(_NODE_ATTRIBUTE, payload)


@dataclass(frozen=True)
class Node:
    """A NodeProto: its kind, inputs, outputs and integer attributes parsed; every field but
    the inputs, outputs, name and kind kept as raw bytes."""

    op: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    name: str = ""
    ints: tuple[tuple[str, int | tuple[int, ...]], ...] = ()
    rest: tuple[bytes, ...] = field(default=())

    @classmethod
    def parse(cls, buf: memoryview) -> Node:
        inputs: list[str] = []
        outputs: list[str] = []
        op = name = ""
        ints: list[tuple[str, int | tuple[int, ...]]] = []
        rest: list[bytes] = []
        for number, wire, raw, value in _fields(buf):
            if wire != _BYTES:
                rest.append(bytes(raw))
            elif number == _NODE_INPUT:
                inputs.append(bytes(value).decode())
            elif number == _NODE_OUTPUT:
                outputs.append(bytes(value).decode())
            elif number == _NODE_OP:
                op = bytes(value).decode()
            elif number == _NODE_NAME:
                name = bytes(value).decode()
            else:
                if number == _NODE_ATTRIBUTE and (got := _attribute(value)) is not None:
                    ints.append(got)
                rest.append(bytes(raw))
        return cls(op, tuple(inputs), tuple(outputs), name, tuple(ints), tuple(rest))

    def attribute(self, name: str, default: int | tuple[int, ...] | None = None
                  ) -> int | tuple[int, ...] | None:
        return dict(self.ints).get(name, default)

    def encode(self) -> bytes:
        parts = [_field(_NODE_INPUT, i.encode()) for i in self.inputs]
        parts += [_field(_NODE_OUTPUT, o.encode()) for o in self.outputs]
        if self.name:
            parts.append(_field(_NODE_NAME, self.name.encode()))
        parts.append(_field(_NODE_OP, self.op.encode()))
        return b"".join(parts + list(self.rest))


@dataclass(frozen=True)
class Graph:
    """What a rewrite may need to know besides the nodes."""

    #: Each initializer's shape, by name.
    shapes: dict[str, tuple[int, ...]]
    #: The values of the int64 initializers of at most SMALL values, by name.
    constants: dict[str, tuple[int, ...]]
    #: The names of the graph's outputs.
    outputs: frozenset[str]


def _tensor(buf: memoryview) -> tuple[str, tuple[int, ...], tuple[int, ...] | None]:
    """A TensorProto's name, shape, and values when it is a small int64 tensor."""
    name, dims, kind, values, raw = "", [], 0, [], None
    for number, wire, _, value in _fields(buf):
        if number == _TENSOR_NAME and wire == _BYTES:
            name = bytes(value).decode()
        elif number == _TENSOR_DIMS and wire == _VARINT:
            dims.append(value)
        elif number == _TENSOR_DIMS and wire == _BYTES:  # packed
            dims += _packed(value)
        elif number == _TENSOR_TYPE and wire == _VARINT:
            kind = value
        elif number == _TENSOR_INT64S and wire == _VARINT:
            values.append(_signed(value))
        elif number == _TENSOR_INT64S and wire == _BYTES:
            values += _packed(value)
        elif number == _TENSOR_RAW and wire == _BYTES:
            raw = value
    count = 1
    for dim in dims:
        count *= dim
    small = None
    if kind == _INT64 and count <= SMALL:
        small = (struct.unpack(f"<{count}q", raw) if raw is not None and len(raw) == 8 * count
                 else tuple(values) if len(values) == count else None)
    return name, tuple(dims), small


def _graph(model: bytes) -> memoryview | None:
    graphs = [value for number, wire, _, value in _fields(memoryview(model))
              if number == _MODEL_GRAPH and wire == _BYTES]
    return graphs[0] if len(graphs) == 1 else None


def nodes_of(model: bytes) -> list[Node]:
    """The graph's nodes, in order."""
    graph = _graph(model)
    return [] if graph is None else [Node.parse(value) for number, wire, _, value
                                     in _fields(graph) if number == _GRAPH_NODE and wire == _BYTES]


#: A rewrite: the nodes (in order) and the graph, to the new nodes.
Rewrite = Callable[[list[Node], Graph], list[Node]]


def edit_graph(model: bytes, rewrites: Sequence[Rewrite]) -> bytes:
    """The file with its nodes passed through each rewrite in turn; the very same bytes when
    none changed anything (or the file has no graph)."""
    parts = _fields(memoryview(model))
    graphs = [value for number, wire, _, value in parts
              if number == _MODEL_GRAPH and wire == _BYTES]
    if len(graphs) != 1:
        return model
    graph = _fields(graphs[0])
    shapes: dict[str, tuple[int, ...]] = {}
    constants: dict[str, tuple[int, ...]] = {}
    outputs: set[str] = set()
    for number, wire, _, value in graph:
        if number == _GRAPH_INITIALIZER and wire == _BYTES:
            name, dims, small = _tensor(value)
            shapes[name] = dims
            if small is not None:
                constants[name] = small
        elif number == _GRAPH_OUTPUT and wire == _BYTES:
            outputs.update(bytes(v).decode() for n, w, _, v in _fields(value)
                           if n == _VALUE_NAME and w == _BYTES)
    nodes = [Node.parse(value) for number, wire, _, value in graph
             if number == _GRAPH_NODE and wire == _BYTES]
    info = Graph(shapes, constants, frozenset(outputs))
    rewritten = nodes
    for rewrite in rewrites:
        rewritten = rewrite(rewritten, info)
    if rewritten == nodes:
        return model
    new_graph = [_field(_GRAPH_NODE, n.encode()) for n in rewritten]
    new_graph += [raw for number, wire, raw, _ in graph
                  if not (number == _GRAPH_NODE and wire == _BYTES)]
    size = sum(len(part) for part in new_graph)
    head = _encode_varint(_MODEL_GRAPH << 3 | _BYTES) + _encode_varint(size)
    return b"".join(part for number, _, raw, _ in parts
                    for part in ([head, *new_graph] if number == _MODEL_GRAPH else [raw]))
