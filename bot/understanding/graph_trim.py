"""Leave out steps of the encoder's graph that change no value it computes, so a message costs less.

The MiniLM file was exported from PyTorch's attention, which brings steps our inputs never need:

- After each softmax, ``Where(IsNaN(p), 0, p)`` turns a row of NaNs (a query that may attend to
  nothing) into zeros. Our attention mask adds the lowest float32 to masked keys, never -inf,
  and every text has a first token that is never masked, so a softmax row here is never NaN:
  the step returns ``p`` as it is, and is left out.
- Each layer's keys are turned for the product with the queries in five steps, ``Transpose``
  (0, 2, 1, 3), ``Reshape`` to (-1, n, d), ``Transpose`` (0, 2, 1), ``Reshape`` to (b, h, d, n),
  the shapes worked out by eight more nodes from the tensor's own shape. That is one
  ``Transpose`` (0, 2, 3, 1) of the keys as the layer made them: the same numbers in the same
  places.

Nothing is computed differently (the same kernels get the same numbers), so the hidden states
are the same bit for bit: ``tests/test_lean_encoder.py`` checks them against the package's file.
Nodes nothing reads any more are then dropped.
"""

from __future__ import annotations

from dataclasses import replace

from bot.understanding.onnx_wire import Graph, Node, attribute_ints, edit_graph

__all__ = ["TRIMS", "drop_nan_guards", "drop_unread", "one_transpose_for_keys", "trimmed"]


def _made(nodes: list[Node]) -> dict[str, Node]:
    return {out: node for node in nodes for out in node.outputs}


def _renamed(nodes: list[Node], instead: dict[str, str]) -> list[Node]:
    """The nodes with every input named in ``instead`` read from its replacement."""
    return [replace(n, inputs=tuple(instead.get(i, i) for i in n.inputs))
            if any(i in instead for i in n.inputs) else n for n in nodes]


def drop_nan_guards(nodes: list[Node], graph: Graph) -> list[Node]:
    """``Where(IsNaN(p), c, p)`` after a ``Softmax`` read as ``p`` (see above)."""
    made = _made(nodes)
    instead: dict[str, str] = {}
    for node in nodes:
        if node.op != "Where" or len(node.inputs) != 3 or node.outputs[0] in graph.outputs:
            continue
        guard, _, p = node.inputs
        test, softmax = made.get(guard), made.get(p)
        if (test is not None and test.op == "IsNaN" and test.inputs == (p,)
                and softmax is not None and softmax.op == "Softmax"):
            instead[node.outputs[0]] = p
    return drop_unread(_renamed(nodes, instead), graph)


def _shape_of(name: str, made: dict[str, Node], graph: Graph,
              rank: dict[str, int]) -> list[int | str] | None:
    """The value of a small int64 tensor computed from constants and ``Shape``: numbers, and
    the dimensions of a tensor of known rank as "tensor:axis"; None when it is anything else."""
    if name in graph.constants:
        return list(graph.constants[name])
    node = made.get(name)
    if node is None:
        return None
    if node.op == "Shape" and node.inputs[0] in rank:
        dims: list[int | str] = [f"{node.inputs[0]}:{a}" for a in range(rank[node.inputs[0]])]
        start, end = node.attribute("start", 0), node.attribute("end", len(dims))
        return dims[start:end] if isinstance(start, int) and isinstance(end, int) else None
    if node.op == "Concat" and node.attribute("axis") == 0:
        parts = [_shape_of(i, made, graph, rank) for i in node.inputs]
        return None if any(p is None for p in parts) else [d for p in parts for d in p]
    if node.op == "Slice" and len(node.inputs) in (3, 4):
        data = _shape_of(node.inputs[0], made, graph, rank)
        bounds = [graph.constants.get(i) for i in node.inputs[1:]]
        if data is None or any(b is None or len(b) != 1 for b in bounds):
            return None
        if len(bounds) == 3 and bounds[2] != (0,):  # an axis other than 0
            return None
        return data[bounds[0][0]:bounds[1][0]]
    return None


def one_transpose_for_keys(nodes: list[Node], graph: Graph) -> list[Node]:
    """Reshape(Transpose(Reshape(Transpose(k, 0213), (-1, n, d)), 021), (b, h, d, n)) read as
    Transpose(k, 0231) (see above); nodes of any other shape are left as they are."""
    made = _made(nodes)
    rank = {n.outputs[0]: len(p) for n in nodes if n.op == "Transpose"
            and isinstance(p := n.attribute("perm"), tuple)}
    instead: dict[int, Node] = {}
    for at, last in enumerate(nodes):
        turn = made.get(last.inputs[0]) if last.op == "Reshape" else None
        flat = made.get(turn.inputs[0]) if turn and turn.op == "Transpose" else None
        heads = made.get(flat.inputs[0]) if flat and flat.op == "Reshape" else None
        if (heads is None or heads.op != "Transpose" or heads.attribute("perm") != (0, 2, 1, 3)
                or turn.attribute("perm") != (0, 2, 1) or last.attribute("allowzero", 0)
                or flat.attribute("allowzero", 0)):
            continue
        b, h, n, d = (f"{heads.outputs[0]}:{a}" for a in range(4))
        if (_shape_of(flat.inputs[1], made, graph, rank) != [-1, n, d]
                or _shape_of(last.inputs[1], made, graph, rank) != [b, h, d, n]):
            continue
        instead[at] = Node("Transpose", (heads.inputs[0],), last.outputs,
                           f"{last.name}_keys_turned", rest=(attribute_ints("perm", (0, 2, 3, 1)),))
    return drop_unread([instead.get(at, node) for at, node in enumerate(nodes)], graph)


def drop_unread(nodes: list[Node], graph: Graph) -> list[Node]:
    """The nodes, less those whose outputs nothing reads (and that are no output of the graph)."""
    wanted = set(graph.outputs)
    keep: list[Node] = []
    for node in reversed(nodes):
        if any(out in wanted for out in node.outputs):
            keep.append(node)
            wanted.update(node.inputs)
    keep.reverse()
    return keep if len(keep) != len(nodes) else nodes


#: The rewrites above, in the order they are made.
TRIMS = (drop_nan_guards, one_transpose_for_keys)


def trimmed(model: bytes) -> bytes:
    """The ONNX file without the steps above; the file unchanged when it has none of them."""
    return edit_graph(model, TRIMS)
