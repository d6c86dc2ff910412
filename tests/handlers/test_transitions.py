"""The conversation's transitions, read from the handlers' code, agree with the diagram in
``handlers/conversation.py``: a handler that gains a way out must have it drawn too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import handlers.conversation
from bot.steps import Step

HANDLERS = Path(handlers.conversation.__file__).resolve().parent
SAME = "SAME"


def _functions() -> tuple[dict[str, ast.FunctionDef], dict[str, dict[str, str]]]:
    """Every handler-package function by "module.name", and each module's imported names."""
    functions, imports = {}, {}
    for path in HANDLERS.glob("*.py"):
        module = path.stem
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports[module] = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                functions[f"{module}.{node.name}"] = node
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("handlers"):
                source = (node.module or "").removeprefix("handlers").lstrip(".")
                for alias in node.names:
                    target = f"{source}.{alias.name}" if source else alias.name
                    imports[module][alias.asname or alias.name] = target
    return functions, imports


def _exits(qualified: str, functions, imports, seen: frozenset = frozenset()) -> set[str]:
    """The steps a handler can return (``SAME``: the step it was called at)."""
    module = qualified.split(".")[0]

    def of(node: ast.AST) -> set[str]:
        match node:
            case ast.Attribute(value=ast.Name(id="Step"), attr=name):
                return {name}
            case ast.Attribute(value=ast.Attribute(attr="state"), attr="step"):
                return {SAME}
            case ast.IfExp(body=body, orelse=orelse):
                return of(body) | of(orelse)
            case ast.Call(func=ast.Name(id=name)):
                target = f"{module}.{name}" if f"{module}.{name}" in functions \
                    else imports[module].get(name)
                assert target in functions, f"{qualified} returns an unknown call {name}()"
                if target in seen:
                    return set()
                return _exits(target, functions, imports, seen | {qualified})
        raise AssertionError(f"{qualified}: cannot tell which step `{ast.unparse(node)}` is")

    exits: set[str] = set()
    for node in ast.walk(functions[qualified]):
        if isinstance(node, ast.Return) and node.value is not None:
            exits |= of(node.value)
    return exits


def _route_targets(table: str) -> dict[str, str]:
    """``ROUTES`` or ``KEYWORD_ROUTES`` as written: key -> "module.function"."""
    tree = ast.parse((HANDLERS / "conversation.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == table:
            return {(key.attr if isinstance(key, ast.Attribute) else key.value):
                    f"{value.value.id}.{value.attr}"
                    for key, value in zip(node.value.keys, node.value.values, strict=True)}
    raise AssertionError(f"no {table} in handlers/conversation.py")


def derived_table() -> dict[str, set[str]]:
    functions, imports = _functions()
    table = {}
    for step, target in _route_targets("ROUTES").items():
        table[step] = {step if name == SAME else name
                       for name in _exits(target, functions, imports)}
    return table


def drawn_table() -> dict[str, set[str]]:
    doc = handlers.conversation.__doc__ or ""
    doc = re.sub(r",\n\s+(?=[A-Z_]+[,\n])", ", ", doc)  # a long line goes on below, indented
    lines = re.findall(r"^\s+([A-Z_]+)\s+->\s+([A-Z_, ]+)$", doc, flags=re.M)
    return {step: {name.strip() for name in targets.split(",")} for step, targets in lines}


def test_the_diagram_draws_every_transition_the_code_makes():
    assert derived_table() == drawn_table()


def test_every_step_has_a_route_and_every_route_a_step():
    assert set(_route_targets("ROUTES")) == {step.name for step in Step}
    assert set(handlers.conversation.ROUTES) == set(Step)


def test_keywords_end_at_the_steps_the_docstring_says():
    functions, imports = _functions()
    exits = {word: _exits(target, functions, imports)
             for word, target in _route_targets("KEYWORD_ROUTES").items()}
    assert exits == {
        "help": {SAME}, "wrong": {SAME}, "check": {SAME}, "new": {"ASK_NEED"},
        "start": {"ASK_NEED"},
        "back": {"ASK_NEED", "ASK_PLACE"}, "more": {SAME, "RESULTS"},
        "stop": {"START"}, "forget": {"START"},
        "person": {"ASK_NEED", "PERSON_OFFER", "PERSON_OPEN", "PERSON_PLACE"},
        "lang": {"ASK_LANGUAGE"},
    }


def test_the_derivation_sees_a_new_way_out(tmp_path):
    """The check can fail: a transition missing from the drawing is reported."""
    drawn = drawn_table()
    drawn["ASK_PLACE"].discard("RESULTS")
    assert derived_table() != drawn
