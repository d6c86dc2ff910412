"""Look up embedding rows before widening them, so a worker keeps the int8 table, not a float copy.

The int8 MiniLM file stores each weight as int8 with a float scale and widens it in the graph
(``Cast`` to float, ``Mul`` by the scale). onnxruntime folds those constants when it loads the
file, so every table is held as float32: the word embeddings alone grow from 11.7 MB to 47 MB.
For a table that is only read through ``Gather`` (the word and position embeddings) this module
moves the lookup first: ``Gather`` the int8 rows (and their scales), then ``Cast`` and ``Mul``
just those. Each looked-up value is the same float product as before, bit for bit; only the
unread rows are never widened. The matrices the encoder multiplies stay as they were.

The file is edited as protobuf wire format (no ``onnx`` package at run time): only the nodes
of the matched chains are re-encoded; every other byte is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

__all__ = ["gather_first"]

_VARINT, _FIXED64, _BYTES, _FIXED32 = 0, 1, 2, 5
#: ModelProto.graph, GraphProto.node and .initializer, NodeProto.input/.output/.name/.op_type,
#: TensorProto.dims and .name (onnx/onnx.proto).
_MODEL_GRAPH, _GRAPH_NODE, _GRAPH_INITIALIZER = 7, 1, 5
_NODE_INPUT, _NODE_OUTPUT, _NODE_NAME, _NODE_OP, _NODE_ATTRIBUTE = 1, 2, 3, 4, 5
_TENSOR_DIMS, _TENSOR_NAME = 1, 8
#: AttributeProto.name and .i (an integer attribute).
_ATTRIBUTE_NAME, _ATTRIBUTE_INT = 1, 3


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


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
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _encode_varint(number << 3 | _BYTES) + _encode_varint(len(payload)) + payload


@dataclass(frozen=True)
class _Node:
    """A NodeProto: its kind, inputs, outputs and integer attributes parsed; every field but
    the inputs, outputs, name and kind kept as raw bytes."""

    op: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    name: str = ""
    ints: tuple[tuple[str, int], ...] = ()
    rest: tuple[bytes, ...] = field(default=())

    @classmethod
    def parse(cls, buf: memoryview) -> _Node:
        inputs: list[str] = []
        outputs: list[str] = []
        op = name = ""
        ints: list[tuple[str, int]] = []
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
                if number == _NODE_ATTRIBUTE:
                    ints += _int_attribute(value)
                rest.append(bytes(raw))
        return cls(op, tuple(inputs), tuple(outputs), name, tuple(ints), tuple(rest))

    def encode(self) -> bytes:
        parts = [_field(_NODE_INPUT, i.encode()) for i in self.inputs]
        parts += [_field(_NODE_OUTPUT, o.encode()) for o in self.outputs]
        if self.name:
            parts.append(_field(_NODE_NAME, self.name.encode()))
        parts.append(_field(_NODE_OP, self.op.encode()))
        return b"".join(parts + list(self.rest))


def _int_attribute(buf: memoryview) -> list[tuple[str, int]]:
    """[(name, value)] for an integer attribute ("axis" of a Gather), [] for any other."""
    name, value = "", None
    for number, wire, _, got in _fields(buf):
        if number == _ATTRIBUTE_NAME and wire == _BYTES:
            name = bytes(got).decode()
        elif number == _ATTRIBUTE_INT and wire == _VARINT:
            value = got
    return [] if value is None else [(name, value)]


def _dims(tensor: memoryview) -> tuple[str, tuple[int, ...]]:
    """A TensorProto's name and shape."""
    name, dims = "", []
    for number, wire, _, value in _fields(tensor):
        if number == _TENSOR_NAME and wire == _BYTES:
            name = bytes(value).decode()
        elif number == _TENSOR_DIMS and wire == _VARINT:
            dims.append(value)
        elif number == _TENSOR_DIMS and wire == _BYTES:  # packed
            pos = 0
            while pos < len(value):
                dim, pos = _varint(value, pos)
                dims.append(dim)
    return name, tuple(dims)


def _rewrite(nodes: list[_Node], shapes: dict[str, tuple[int, ...]]) -> list[_Node]:
    """Each Gather(Mul(Cast(table), scale), ids) becomes Mul(Cast(Gather(table, ids)), scale
    rows), when nothing else reads the widened table; other nodes are left as they are."""
    readers: dict[str, list[int]] = {}
    for at, node in enumerate(nodes):
        for name in node.inputs:
            readers.setdefault(name, []).append(at)
    made = {out: at for at, node in enumerate(nodes) for out in node.outputs}
    dropped: set[int] = set()
    instead: dict[int, list[_Node]] = {}
    for at, gather in enumerate(nodes):
        if (gather.op != "Gather" or len(gather.inputs) != 2 or gather.inputs[0] not in made
                or dict(gather.ints).get("axis", 0) != 0):
            continue
        mul = nodes[made[gather.inputs[0]]]
        if mul.op != "Mul" or len(mul.inputs) != 2 or mul.inputs[0] not in made:
            continue
        cast = nodes[made[mul.inputs[0]]]
        table, scale, ids = cast.inputs[0] if cast.inputs else "", mul.inputs[1], gather.inputs[1]
        rows = shapes.get(table, ())
        if (cast.op != "Cast" or len(cast.inputs) != 1 or table not in shapes
                or scale not in shapes or len(readers[gather.inputs[0]]) != 1
                or len(readers[mul.inputs[0]]) != 1):
            continue
        # A scale for each row is looked up with its row; one for each column (or one in all)
        # broadcasts over the looked-up rows exactly as it did over the whole table.
        per_row = shapes[scale] == (rows[0], 1)
        if not per_row and shapes[scale] not in ((1,), (), (1, rows[-1]), (rows[-1],)):
            continue
        looked_up = f"{table}_rows"
        scales = f"{scale}_rows" if per_row else scale
        new = [replace(gather, inputs=(table, ids), outputs=(looked_up,))]
        if per_row:
            new.append(replace(gather, inputs=(scale, ids), outputs=(scales,),
                               name=f"{gather.name}_scale" if gather.name else ""))
        new.append(replace(cast, inputs=(looked_up,), outputs=(f"{table}_rows_f",)))
        new.append(replace(mul, inputs=(f"{table}_rows_f", scales), outputs=gather.outputs))
        dropped |= {made[gather.inputs[0]], made[mul.inputs[0]]}
        instead[at] = new
    out: list[_Node] = []
    for at, node in enumerate(nodes):
        if at not in dropped:
            out += instead.get(at, [node])
    return out


def gather_first(model: bytes) -> bytes:
    """The ONNX file with its embedding tables looked up before they are widened (see above);
    the file unchanged when it has no such table."""
    parts = _fields(memoryview(model))
    graphs = [value for number, wire, _, value in parts
              if number == _MODEL_GRAPH and wire == _BYTES]
    if len(graphs) != 1:
        return model
    graph = _fields(graphs[0])
    shapes = dict(_dims(value) for number, wire, _, value in graph
                  if number == _GRAPH_INITIALIZER and wire == _BYTES)
    nodes = [_Node.parse(value) for number, wire, _, value in graph
             if number == _GRAPH_NODE and wire == _BYTES]
    rewritten = _rewrite(nodes, shapes)
    if rewritten == nodes:
        return model
    new_graph = [_field(_GRAPH_NODE, n.encode()) for n in rewritten]
    new_graph += [raw for number, wire, raw, _ in graph
                  if not (number == _GRAPH_NODE and wire == _BYTES)]
    size = sum(len(part) for part in new_graph)
    head = _encode_varint(_MODEL_GRAPH << 3 | _BYTES) + _encode_varint(size)
    return b"".join(part for number, _, raw, _ in parts
                    for part in ([head, *new_graph] if number == _MODEL_GRAPH else [raw]))
