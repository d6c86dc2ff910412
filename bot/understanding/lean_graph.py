"""Look up embedding rows before widening them, so a worker keeps the int8 table, not a float copy.

The int8 MiniLM file stores each weight as int8 with a float scale and widens it in the graph
(``Cast`` to float, ``Mul`` by the scale). onnxruntime folds those constants when it loads the
file, so every table is held as float32: the word embeddings alone grow from 11.7 MB to 47 MB.
For a table that is only read through ``Gather`` (the word and position embeddings) this module
moves the lookup first: ``Gather`` the int8 rows (and their scales), then ``Cast`` and ``Mul``
just those. Each looked-up value is the same float product as before, bit for bit; only the
unread rows are never widened. The matrices the encoder multiplies stay as they were.

The file is edited as protobuf wire format (``onnx_wire.py``; no ``onnx`` package at run time):
only the graph's nodes are re-encoded; every other byte is kept as it is.
"""

from __future__ import annotations

from dataclasses import replace

from bot.understanding.onnx_wire import Graph, Node, edit_graph

__all__ = ["gather_first", "rows_first"]


def rows_first(nodes: list[Node], graph: Graph) -> list[Node]:
    """Each Gather(Mul(Cast(table), scale), ids) becomes Mul(Cast(Gather(table, ids)), scale
    rows), when nothing else reads the widened table; other nodes are left as they are."""
    shapes = graph.shapes
    readers: dict[str, list[int]] = {}
    for at, node in enumerate(nodes):
        for name in node.inputs:
            readers.setdefault(name, []).append(at)
    made = {out: at for at, node in enumerate(nodes) for out in node.outputs}
    dropped: set[int] = set()
    instead: dict[int, list[Node]] = {}
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
    out: list[Node] = []
    for at, node in enumerate(nodes):
        if at not in dropped:
            out += instead.get(at, [node])
    return out


def gather_first(model: bytes) -> bytes:
    """The ONNX file with its embedding tables looked up before they are widened (see above);
    the file unchanged when it has no such table."""
    return edit_graph(model, [rows_first])
