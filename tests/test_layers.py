"""Imports point one way: webhooks -> handlers -> bot, directory. Only webhooks knows the web."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHANNEL_LIBRARIES = {"flask", "telegram", "twilio", "werkzeug", "gunicorn"}
FORBIDDEN = {
    "bot": CHANNEL_LIBRARIES | {"webhooks", "handlers"},
    "directory": CHANNEL_LIBRARIES | {"webhooks", "handlers", "bot"},
    "handlers": CHANNEL_LIBRARIES | {"webhooks"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package):
    offenders = {}
    for path in (ROOT / package).rglob("*.py"):
        bad = imported_modules(path) & FORBIDDEN[package]
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


SHARED = "../" + "shared"  # spelt in two parts so this file does not match itself


def test_nothing_reads_the_shared_folder():
    """A user's clone has no shared folder: the offline tools read copies in tools/sources."""
    offenders = []
    for folder in ("bot", "handlers", "directory", "webhooks", "tools", "bench", ".ci"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in ("", ".py", ".sh", ".toml", ".cfg") \
                    and SHARED in path.read_text(encoding="utf-8", errors="replace"):
                offenders.append(str(path.relative_to(ROOT)))
    offenders += [name for name in ("Makefile", "Procfile", "pyproject.toml")
                  if SHARED in (ROOT / name).read_text(encoding="utf-8")]
    assert offenders == []


WALL_CLOCK_CALLS = ("datetime.now(", "time.time(", "date.today(", "utcnow(", "time.monotonic(")


def test_logic_never_reads_the_wall_clock():
    """Logic is handed a clock; only ``webhooks/wall_clock.py`` asks the wall for the time."""
    offenders = []
    for package in ("bot", "handlers", "directory"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {call}" for call in WALL_CLOCK_CALLS
                          if call in text]
    assert offenders == []


def _module_graph() -> dict[str, set[str]]:
    """Each of our modules and the modules of ours it imports (lazy imports in functions too)."""
    paths = {}
    for package in ("bot", "handlers", "directory", "webhooks"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            paths[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        is_package = path.name == "__init__.py"
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = name.split(".")[: len(name.split(".")) - node.level + is_package]
                    base = ".".join(parts + ([node.module] if node.module else []))
                candidates = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            deps |= {c for c in candidates if c in paths and c != name}
        graph[name] = deps
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan's SCCs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert _cycles(_module_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    graph = _module_graph()
    assert "bot.engine" in graph["handlers.conversation"]  # lazy and package imports are both seen


def test_no_module_is_over_400_lines():
    long = {}
    for package in ("bot", "handlers", "directory", "webhooks"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > 400:
                long[str(path.relative_to(ROOT))] = lines
    assert long == {}


def test_only_the_accessor_reads_the_apps_extensions():
    """The app's services are reached through ``webhooks.services.services`` alone."""
    offenders = []
    for package in ("bot", "handlers", "directory", "webhooks", "bench"):
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "webhooks" / "services.py":
                continue
            if ".extensions" in path.read_text(encoding="utf-8"):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
