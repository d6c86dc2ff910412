"""Every ``signpost ...`` command in a fenced code block of README.md and docs/*.md runs as
written on a fresh database with the shipped data, and exits 0 (issue 31).

The commands of one block run in order on one database, in one working directory, so a block
can add an account and then remove it. Optional parts in brackets (``[--json]``) run both
without and with them. Commands that need a server, a token or the network are listed in
``SKIPPED``, each with its reason; an entry that no longer matches any command fails the test,
so the list cannot go stale. (``NEVER_ENDING`` guards against a server or a terminal chat.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Runs every documented command in a new process: slow, so make test-fast leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

#: (pattern searched for in the command, why it is not run here).
SKIPPED: list[tuple[str, str]] = [
    (r"signpost telegram ", "talks to Telegram's Bot API: needs TELEGRAM_BOT_TOKEN, "
                            "PUBLIC_BASE_URL and the network"),
    (r"signpost directory sync https?://(council\.example\.org|example\.org|"
     r"signpost\.example\.org)", "reads another directory's API over the network (the sync "
                                 "itself is tested against a local server in tests/oruk)"),
]
#: Commands that would never end by themselves: skipped if a document ever shows one in a
#: block (not required to match, unlike ``SKIPPED``).
NEVER_ENDING: list[tuple[str, str]] = [
    (r"signpost run\b", "serves until stopped (tested in tests/webhooks/test_cli.py)"),
    (r"signpost chat\b", "a conversation at the terminal, until Ctrl+D"),
]
#: Files a block's commands expect in the working directory, made as the README says to make
#: them: "Export the current directory with ``signpost directory export leeds.csv --format
#: spreadsheet`` to get a filled-in template".
PREPARED = {"leeds.csv": ["directory", "export", "leeds.csv", "--format", "spreadsheet"]}
#: Fewer than this many runnable commands means the extraction is broken, not the README.
FEWEST_COMMANDS = 5


@dataclass(frozen=True)
class Command:
    document: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.document}:{self.line}: {self.text}"


def fenced_blocks(text: str) -> list[list[tuple[int, str]]]:
    """The fenced shell blocks of a Markdown text (and crontabs), as (line number, line) lists;
    indented fences (inside a list item) count too. Blocks tagged as something else
    (``procfile``, ``text``) are not commands to run and are left out."""
    blocks: list[list[tuple[int, str]]] = []
    fence = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not fence and stripped[:3] in ("```", "~~~"):
            fence = stripped[:3]
            blocks.append([])
            if stripped[3:].strip() not in SHELL_TAGS:
                blocks.pop()
                blocks.append([])  # read to its end, then dropped below
                blocks[-1].append((0, "\x00not shell"))
        elif fence and stripped.startswith(fence):
            fence = ""
        elif fence:
            blocks[-1].append((number, stripped))
    return [block for block in blocks if not block or block[0] != (0, "\x00not shell")]


#: The info strings of fenced blocks that hold shell commands.
SHELL_TAGS = ("", "sh", "bash", "shell", "console", "cron")


def _without_comment(line: str) -> str:
    """A shell line without its trailing ``# comment`` (outside quotes)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip()
    return line


def block_commands(document: str, block: list[tuple[int, str]]) -> list[Command]:
    """The block's shell lines (continuations joined) that run ``signpost``."""
    commands: list[Command] = []
    pending, start = "", 0
    for number, line in block:
        if not pending:
            start = number
        line = _without_comment(line.strip().removeprefix("$ "))
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        text, pending = (pending + line).strip(), ""
        if re.search(r"(^|[\s|;&/])signpost\s", text):
            commands.append(Command(document, start, text))
    return commands


def all_blocks() -> list[list[Command]]:
    """Each block's commands, for every document, in order."""
    found = []
    for path in DOCUMENTS:
        name = path.relative_to(ROOT).as_posix()
        for block in fenced_blocks(path.read_text(encoding="utf-8")):
            commands = block_commands(name, block)
            if commands:
                found.append(commands)
    return found


def skip_reason(command: Command) -> str | None:
    return next((why for pattern, why in SKIPPED + NEVER_ENDING
                 if re.search(pattern, command.text)), None)


def variants(text: str) -> list[str]:
    """The command without its optional ``[...]`` parts and, when they hold no placeholder
    (``[--from DATE]``), with them."""
    optional = re.findall(r"\[([^\]]*)\]", text)
    if not optional:
        return [text]
    without = re.sub(r"\s*\[[^\]]*\]", "", text)
    if any(re.search(r"\b[A-Z][A-Z_]+\b", part) for part in optional):
        return [without]
    return [without, re.sub(r"\[([^\]]*)\]", r"\1", text)]


RUNNABLE = [[c for c in block if not skip_reason(c)] for block in all_blocks()]
RUNNABLE = [block for block in RUNNABLE if block]


def test_the_documents_hold_enough_commands_and_every_skip_still_matches():
    commands = [c for block in all_blocks() for c in block]
    assert sum(len(block) for block in RUNNABLE) >= FEWEST_COMMANDS, commands
    for pattern, why in SKIPPED:
        assert any(re.search(pattern, c.text) for c in commands), \
            f"nothing in the documents matches the skip {pattern!r} ({why}): remove it"


def test_block_commands_are_read_as_a_shell_would():
    block = [(1, "echo 'a # not a comment' | signpost users add sam@example.org \\"),
             (2, "    --role editor --password-stdin   # a comment"),
             (3, "signpost users list [--json]"), (4, "python -m bench.two_workers")]
    commands = block_commands("x.md", block)
    assert [c.text for c in commands] == [
        "echo 'a # not a comment' | signpost users add sam@example.org --role editor "
        "--password-stdin", "signpost users list [--json]"]
    assert variants(commands[1].text) == ["signpost users list", "signpost users list --json"]
    assert variants("signpost insights [--from DATE]") == ["signpost insights"]


def _run(text: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    text = re.sub(r"(^|[\s|;&])\.venv/bin/signpost\b", r"\1signpost", text)
    return subprocess.run(["bash", "-o", "pipefail", "-c", text], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda block: str(block[0]))
def test_every_command_runs_as_written_on_the_shipped_data(block, shipped_template,
                                                           fresh_database, tmp_path):
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "signpost").exists(), "the signpost command is not installed beside python"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path),
           "DATABASE_URL": fresh_database(shipped_template), "SIGNPOST_SECRET_KEY": "test-secret",
           "LANG": os.environ.get("LANG", "C.UTF-8")}
    work = tmp_path / "work"
    work.mkdir()
    for name, args in PREPARED.items():
        if any(name in c.text for c in block):
            made = subprocess.run([str(bin_dir / "signpost"), *args], cwd=work, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert made.returncode == 0, made.stderr
    for command in block:
        for text in variants(command.text):
            done = _run(text, work, env)
            assert done.returncode == 0, (f"{command} ({text!r}) exited {done.returncode}:\n"
                                          f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
